"""FAQs from and to a spreadsheet (CSV): `faq import FILE.csv` and `faq export
FILE.csv`.

The CSV has the columns id, question, answer, source and one row per question.
An FAQ's answer and source are given on its first row (later rows may leave them
empty or repeat them exactly); a row with an empty id continues the FAQ above,
as spreadsheets export merged cells. See docs/faq-template.csv.

An optional column test_question holds the FAQ's held-out test questions, one per
row like the questions: the import writes them to tests/nlu_holdout.yml
(bot.faqtool.holdout), replacing that FAQ's earlier ones. Rows with an id and only
test questions add test questions to an FAQ of any file, which is left as it is.

A spreadsheet of `faq digest` has a column group: there a row with an empty id
belongs to its group's FAQ (the id written on any row of the group), and a group
left without an id is skipped, with a note. Its source is pre-filled with
DIGEST_SOURCE.

The clinic's phone numbers written out in an answer are imported as their
placeholders ({clinic_phones}, ...: bot.faqtool.phones), with a note saying so.
"""

from __future__ import annotations

import csv
import io
import shutil
import tempfile
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path

from bot.evaluation import FAQ_PREFIX
from bot.faqtool.check import CLINIC_CONTENT, Finding, check
from bot.faqtool.holdout import read_examples, with_test_questions
from bot.faqtool.phones import PLACEHOLDER, ClinicPhones, clinic_phones
from bot.faqtool.source import (
    FAQ_DIR,
    Faq,
    FaqFileError,
    dump_faqs,
    faq_files,
    load_file,
)

COLUMNS = ("id", "question", "answer", "source")
TEST_QUESTION = "test_question"  # optional
GROUP = "group"  # in `faq digest`'s spreadsheets only
DEFAULT_TARGET = "imported.yml"
# The source `faq digest` pre-fills: the clinic's name and address line, verbatim
# from its page (docs/clinic-content), which the FAQs saying "the clinic's
# information doesn't give that" rest on. It supports such an answer, with
# {clinic_phones}, and nothing more: `faq check` refuses a name or number of the
# answer that it does not hold, and quotes the page sentence to copy instead.
DIGEST_SOURCE = "The Harley Street Spine Clinic | 144 Harley Street, W1G 7LD."


class SpreadsheetError(ValueError):
    """A CSV file that cannot be imported, with the row to fix."""


@dataclass
class _Draft:
    """An FAQ being gathered from the rows of a spreadsheet."""

    id: str
    row: int
    answer: str = ""
    source: str = ""
    questions: list[str] = field(default_factory=list)
    tests: list[tuple[str, int]] = field(default_factory=list)  # (question, row)

    @property
    def tests_only(self) -> bool:
        """Only test questions: for an FAQ that exists, which is left as it is."""
        return bool(self.tests) and not (self.answer or self.source or self.questions)


@dataclass
class Sheet:
    """What a spreadsheet holds, with the rows to name in messages."""

    faqs: list[Faq]
    rows: dict[str, int]  # each FAQ's first row
    notes: list[str]
    # each FAQ's test questions with their rows; also of the ids in `tests_only`
    tests: dict[str, list[tuple[str, int]]] = field(default_factory=dict)
    tests_only: dict[str, int] = field(default_factory=dict)  # id -> first row


@dataclass
class ImportResult:
    """What an import did (or would have done), for the message to staff."""

    target: Path
    added: list[str]
    updated: list[str]
    findings: list[Finding]
    written: bool
    notes: list[str] = field(default_factory=list)
    holdout: Path | None = None
    tested: list[str] = field(default_factory=list)  # ids given test questions


def _read_text(path: Path) -> tuple[str, list[str]]:
    raw = path.read_bytes()
    try:
        return raw.decode("utf-8-sig"), []
    except UnicodeDecodeError:
        # Excel's plain "CSV" on Windows; accents survive, but say how to avoid it
        return raw.decode("cp1252", errors="replace"), [
            (
                f"{path.name} is not UTF-8; read it as Windows text. Next time save "
                "it as 'CSV UTF-8' so that accents and symbols are kept exactly."
            )
        ]


def _clean(value: str | None) -> str:
    return " ".join((value or "").split())


def read_csv(path: Path) -> tuple[list[Faq], dict[str, int], list[str]]:
    """FAQs of a spreadsheet, the CSV row where each starts, and notes for staff."""
    sheet = read_sheet(path)
    return sheet.faqs, sheet.rows, sheet.notes


def read_sheet(path: Path) -> Sheet:
    """The FAQs and test questions of a spreadsheet (see the module docstring)."""
    text, notes = _read_text(path)
    first_line = text.splitlines()[0] if text.strip() else ""
    # Excel in many European locales writes ';' between columns
    delimiter = max(",;\t", key=first_line.count)
    reader = csv.DictReader(io.StringIO(text, newline=""), delimiter=delimiter)
    header = {(_clean(name)).lower(): name for name in reader.fieldnames or []}
    missing = [c for c in COLUMNS if c not in header]
    if missing:
        raise SpreadsheetError(
            f"{path.name}: the first row must name the columns {', '.join(COLUMNS)}; "
            f"missing: {', '.join(missing)}. Start from docs/faq-template.csv."
        )
    columns = [c for c in (*COLUMNS, TEST_QUESTION, GROUP) if c in header]
    cells = [
        (row_number, {c: _clean(row.get(header[c])) for c in columns})
        for row_number, row in enumerate(reader, start=2)
    ]
    # a digest's group is one FAQ: its id may be written on any of its rows
    group_ids: dict[str, str] = {}
    for _, cell in cells:
        if cell.get(GROUP) and cell["id"]:
            group_ids.setdefault(cell[GROUP], cell["id"])
    skipped: dict[str, list[int]] = {}
    drafts: dict[str, _Draft] = {}
    current: _Draft | None = None
    for row_number, cell in cells:
        group = cell.get(GROUP, "")
        given = {c: v for c, v in cell.items() if v and c != GROUP}
        # the digest's pre-filled source alone does not make a row
        if not given or (group and given == {"source": DIGEST_SOURCE}):
            continue
        if cell["id"]:
            faq_id = cell["id"]
        elif group:
            faq_id = group_ids.get(group, "")
        else:
            faq_id = current.id if current else ""
        if not faq_id and GROUP in columns and not cell["answer"]:
            skipped.setdefault(group or "-", []).append(row_number)
            current = None  # a row below without id or group is not the FAQ above
            continue
        if not faq_id:
            raise SpreadsheetError(
                f"{path.name} row {row_number}: no id. Write the FAQ's id (e.g. "
                "clinic_parking) in the first column."
            )
        current = drafts.setdefault(faq_id, _Draft(faq_id, row_number))
        for name in ("answer", "source"):
            given, kept = cell[name], getattr(current, name)
            if given and kept and given != kept:
                raise SpreadsheetError(
                    f"{path.name} row {row_number}: FAQ '{faq_id}' has a different "
                    f"{name} than on row {current.row}. Give the {name} once (on the "
                    "FAQ's first row) or repeat it exactly."
                )
            if given and not kept:
                setattr(current, name, given)
        if cell["question"] and cell["question"] not in current.questions:
            current.questions.append(cell["question"])
        test = cell.get(TEST_QUESTION, "")
        if test and test not in [q for q, _ in current.tests]:
            current.tests.append((test, row_number))
    if skipped:
        rows = sum(len(r) for r in skipped.values())
        groups = ", ".join(g for g in skipped if g != "-")
        notes.append(
            f"{path.name}: {rows} row(s) without an id skipped"
            + (f" (group(s) {groups})" if groups else "")
            + ": not made into FAQs. To import a group, write the FAQ's id and "
            "answer on one of its rows."
        )
    made = [d for d in drafts.values() if not d.tests_only]
    return Sheet(
        faqs=[
            Faq(id=d.id, answer=d.answer, source=d.source, questions=tuple(d.questions))
            for d in made
        ],
        rows={d.id: d.row for d in made},
        notes=notes,
        tests={d.id: d.tests for d in drafts.values() if d.tests},
        tests_only={d.id: d.row for d in drafts.values() if d.tests_only},
    )


def _header(csv_name: str) -> str:
    return (
        f"# Imported from the spreadsheet {csv_name} on {date.today():%d %B %Y} by\n"
        "# `make faq-import` (python -m bot.faqtool import). You may edit this file\n"
        "# directly, or change the spreadsheet and import it again.\n"
    )


def with_placeholders(
    faqs: list[Faq], phones: ClinicPhones, rows: dict[str, int], csv_name: str
) -> tuple[list[Faq], list[str]]:
    """The FAQs with the clinic's numbers as placeholders,
    and a note for each changed."""
    out, notes = [], []
    for faq in faqs:
        answer = phones.as_placeholders(faq.answer)
        if answer != faq.answer:
            placeholders = (m.group() for m in PLACEHOLDER.finditer(answer))
            used = ", ".join(dict.fromkeys(placeholders))
            notes.append(
                f"{csv_name} row {rows[faq.id]}: FAQ '{faq.id}' writes the clinic's "
                f"phone number(s) out in its answer; imported as {used}, which the "
                "assistant fills in from domain.yml when it is built. You may write "
                "{clinic_phones} in the spreadsheet yourself."
            )
        out.append(replace(faq, answer=answer))
    return out, notes


def merge(
    existing: list[Faq], imported: list[Faq]
) -> tuple[list[Faq], list[str], list[str]]:
    """The target file's FAQs with the imported ones replacing or joining them."""
    by_id = {faq.id: faq for faq in imported}
    merged, updated = [], []
    for faq in existing:
        if faq.id in by_id:
            # a spreadsheet has no channel variants: keep the file's ones
            merged.append(replace(by_id.pop(faq.id), channels=faq.channels))
            updated.append(faq.id)
        else:
            merged.append(faq)
    added = list(by_id)
    return merged + list(by_id.values()), added, updated


def import_csv(
    csv_path: Path,
    target_name: str = DEFAULT_TARGET,
    folder: Path = FAQ_DIR,
    clinic_content: Path = CLINIC_CONTENT,
    holdout: Path | None = None,
) -> ImportResult:
    """Imports a spreadsheet into bot/faq/<target_name>, and its test questions into
    `holdout` (tests/nlu_holdout.yml; None: the spreadsheet may have none);
    writes nothing if it adds errors."""
    sheet = read_sheet(csv_path)
    rows, notes = sheet.rows, sheet.notes
    if not sheet.faqs and not sheet.tests:
        # e.g. a digest's spreadsheet with no group given an id: say so
        raise SpreadsheetError(
            " ".join(
                [f"{csv_path.name}: no FAQ rows found under the header row.", *notes]
            )
        )
    if sheet.tests and holdout is None:
        raise SpreadsheetError(
            f"{csv_path.name}: has test questions, but no held-out file to write "
            "them to was given (--holdout)."
        )
    imported, placed = with_placeholders(
        sheet.faqs, clinic_phones(), rows, csv_path.name
    )
    notes += placed
    if not target_name.endswith((".yml", ".yaml")):
        target_name += ".yml"
    target = folder / target_name
    existing = load_file(target) if target.exists() else []
    known = {faq.id for faq in existing}
    for path in faq_files(folder):
        if path.name == target.name:
            continue
        try:
            others = load_file(path)
        except FaqFileError:
            continue  # `faq check` reports it; it does not stop this import
        for faq in others:
            known.add(faq.id)
            if faq.id in rows:
                raise SpreadsheetError(
                    f"{csv_path.name} row {rows[faq.id]}: the id '{faq.id}' is "
                    f"already an FAQ in bot/faq/{path.name}. Change that FAQ "
                    f"in {path.name}, or give the spreadsheet's FAQ a new id. (To "
                    "give it test questions, leave its question, answer and source "
                    "empty and fill in only id and test_question.)"
                )
    for faq_id, row in sheet.tests_only.items():
        if faq_id not in known:
            raise SpreadsheetError(
                f"{csv_path.name} row {row}: test questions for the FAQ '{faq_id}', "
                "but no FAQ has that id. Correct the id, or give the FAQ's "
                "questions, answer and source too."
            )
    merged, added, updated = merge(existing, imported)
    notes += [
        f"FAQ '{faq_id}' has channel variants in {target.name}; check they still match "
        "the new answer."
        for faq_id in updated
        if next(f for f in merged if f.id == faq_id).channels
    ]
    text = dump_faqs(merged, _header(csv_path.name)) if imported else None
    held_out = (
        holdout.read_text(encoding="utf-8") if holdout and holdout.exists() else ""
    )
    tests = {faq_id: [q for q, _ in given] for faq_id, given in sheet.tests.items()}
    try:
        new_held_out = with_test_questions(held_out, tests)
    except ValueError as exc:
        raise SpreadsheetError(f"{csv_path.name}: {exc}") from exc
    before = {_key(f) for f in check(folder, clinic_content, holdout)}
    with tempfile.TemporaryDirectory() as tmp:
        trial = Path(tmp)
        for path in faq_files(folder):
            shutil.copy(path, trial / path.name)
        if text is not None:
            (trial / target.name).write_text(text, encoding="utf-8")
        trial_holdout = None
        if holdout is not None:
            trial_holdout = trial / "held-out" / holdout.name
            trial_holdout.parent.mkdir()
            trial_holdout.write_text(new_held_out, encoding="utf-8")
        after = check(trial, clinic_content, trial_holdout)
    # the spreadsheet row of each test question, by its line in the held-out file
    test_rows = {
        (f"{FAQ_PREFIX}{faq_id}", question): row
        for faq_id, given in sheet.tests.items()
        for question, row in given
    }
    line_rows = {
        example.line: test_rows[(example.label, example.text)]
        for example in read_examples(new_held_out)
        if (example.label, example.text) in test_rows
    }
    new = [f for f in after if _key(f) not in before]
    findings = [
        _in_spreadsheet(f, csv_path.name, rows, target, holdout, line_rows) for f in new
    ]
    findings += [
        Finding(
            "warning",
            f"{csv_path.name} row {rows[faq.id]}",
            0,
            faq.id,
            "its source is the one `make digest` fills in, the clinic's name and "
            "address only: right for an answer that says the clinic's information "
            "does not cover the question and gives {clinic_phones}. If the answer "
            "says anything else, copy the clinic's sentence(s) it rests on into "
            "'source' instead.",
        )
        for faq in imported
        if faq.source == DIGEST_SOURCE
    ]
    written = not any(f.level == "error" for f in findings)
    tested = list(tests)
    if written:
        if text is not None:
            target.write_text(text, encoding="utf-8")
        if holdout is not None and new_held_out != held_out:
            holdout.write_text(new_held_out, encoding="utf-8")
        notes += [
            f"FAQ '{faq_id}': {len(tests[faq_id])} test question(s) written to "
            f"{holdout.name}, in place of any it had before."
            for faq_id in tested
        ]
    return ImportResult(
        target, added, updated, findings, written, notes, holdout, tested
    )


def _key(finding: Finding) -> tuple[str, str, str]:
    return finding.level, finding.faq, finding.message


def _in_spreadsheet(
    finding: Finding,
    csv_name: str,
    rows: dict[str, int],
    target: Path,
    holdout: Path | None = None,
    line_rows: dict[int, int] | None = None,
) -> Finding:
    """A finding about an imported FAQ or test question points at its spreadsheet
    row, not a file not yet written."""
    if holdout is not None and Path(finding.file).name == holdout.name:
        row = (line_rows or {}).get(finding.line)
        if row:
            return replace(finding, file=f"{csv_name} row {row}", line=0)
        return replace(finding, file=str(holdout))
    if finding.faq in rows and Path(finding.file).name == target.name:
        return replace(finding, file=f"{csv_name} row {rows[finding.faq]}", line=0)
    if Path(finding.file).name == target.name:
        return replace(finding, file=str(target))
    return replace(finding, file=str(target.parent / Path(finding.file).name))


def export_csv(faqs: list[Faq], out: Path) -> Path:
    """Writes FAQs as a spreadsheet
    (one row per question, answer and source on the first)."""
    with out.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(COLUMNS)
        for faq in faqs:
            for n, question in enumerate(faq.questions or ("",)):
                first = n == 0
                writer.writerow(
                    [
                        faq.id,
                        question,
                        faq.answer if first else "",
                        faq.source if first else "",
                    ]
                )
    return out
