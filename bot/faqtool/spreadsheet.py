"""FAQs from and to a spreadsheet (CSV): `faq import FILE.csv` and `faq export
FILE.csv`.

The CSV has the columns id, question, answer, source and one row per question.
An FAQ's answer and source are given on its first row (later rows may leave them
empty or repeat them exactly); a row with an empty id continues the FAQ above,
as spreadsheets export merged cells. See docs/faq-template.csv.

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

from bot.faqtool.check import CLINIC_CONTENT, Finding, check
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
DEFAULT_TARGET = "imported.yml"


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


@dataclass
class ImportResult:
    """What an import did (or would have done), for the message to staff."""

    target: Path
    added: list[str]
    updated: list[str]
    findings: list[Finding]
    written: bool
    notes: list[str] = field(default_factory=list)


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
    drafts: dict[str, _Draft] = {}
    current: _Draft | None = None
    for row_number, row in enumerate(reader, start=2):
        cell = {c: _clean(row.get(header[c])) for c in COLUMNS}
        if not any(cell.values()):
            continue
        faq_id = cell["id"] or (current.id if current else "")
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
    faqs = [
        Faq(id=d.id, answer=d.answer, source=d.source, questions=tuple(d.questions))
        for d in drafts.values()
    ]
    return faqs, {d.id: d.row for d in drafts.values()}, notes


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
) -> ImportResult:
    """Imports a spreadsheet into bot/faq/<target_name>;
    writes nothing if it adds errors."""
    imported, rows, notes = read_csv(csv_path)
    if not imported:
        raise SpreadsheetError(
            f"{csv_path.name}: no FAQ rows found under the header row."
        )
    imported, placed = with_placeholders(imported, clinic_phones(), rows, csv_path.name)
    notes += placed
    if not target_name.endswith((".yml", ".yaml")):
        target_name += ".yml"
    target = folder / target_name
    existing = load_file(target) if target.exists() else []
    for path in faq_files(folder):
        if path.name == target.name:
            continue
        try:
            others = load_file(path)
        except FaqFileError:
            continue  # `faq check` reports it; it does not stop this import
        for faq in others:
            if faq.id in rows:
                raise SpreadsheetError(
                    f"{csv_path.name} row {rows[faq.id]}: the id '{faq.id}' is "
                    f"already an FAQ in bot/faq/{path.name}. Change that FAQ "
                    f"in {path.name}, or give the spreadsheet's FAQ a new id."
                )
    merged, added, updated = merge(existing, imported)
    notes += [
        f"FAQ '{faq_id}' has channel variants in {target.name}; check they still match "
        "the new answer."
        for faq_id in updated
        if next(f for f in merged if f.id == faq_id).channels
    ]
    text = dump_faqs(merged, _header(csv_path.name))
    before = {_key(f) for f in check(folder, clinic_content)}
    with tempfile.TemporaryDirectory() as tmp:
        trial = Path(tmp)
        for path in faq_files(folder):
            shutil.copy(path, trial / path.name)
        (trial / target.name).write_text(text, encoding="utf-8")
        after = check(trial, clinic_content)
    new = [f for f in after if _key(f) not in before]
    findings = [_in_spreadsheet(f, csv_path.name, rows, target) for f in new]
    written = not any(f.level == "error" for f in findings)
    if written:
        target.write_text(text, encoding="utf-8")
    return ImportResult(target, added, updated, findings, written, notes)


def _key(finding: Finding) -> tuple[str, str, str]:
    return finding.level, finding.faq, finding.message


def _in_spreadsheet(
    finding: Finding, csv_name: str, rows: dict[str, int], target: Path
) -> Finding:
    """A finding about an imported FAQ points at its spreadsheet row,
    not a file not yet written."""
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
