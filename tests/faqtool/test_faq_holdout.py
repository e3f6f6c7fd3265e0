"""Held-out test questions: the spreadsheet's test_question column, written by
`faq import` into the held-out file, and checked by `faq check` (bot.faqtool.holdout).

Every test works on real files in tmp_path: a copy-in-style held-out file, FAQ
files, spreadsheets; the held-out file written is read back by Rasa's own loader.
"""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from bot.evaluation import HOLDOUT, load_examples
from bot.faqtool.__main__ import main
from bot.faqtool.check import check
from bot.faqtool.holdout import read_examples, with_test_questions
from bot.faqtool.source import load_file
from bot.faqtool.spreadsheet import SpreadsheetError, import_csv

# The start of tests/nlu_holdout.yml, in its layout: comments, a section, blocks.
HELD_OUT = """\
version: "3.1"

# Held-out NLU evaluation set (a copy of the real file's layout).

nlu:

# ---------------------------------------------------------------- clinic

- intent: faq/clinic_lifts
  examples: |
    - is there a lift up to the clinic
    - can i get up there in a wheelchair

- intent: greet
  examples: |
    - hiya there
"""
ANSWER = "There is a car park nearby. Please call {clinic_phones} to ask."
QUESTIONS = [f"parking question number {n}" for n in range(10)]
TESTS = [
    "can i leave the car near you",
    "is there a car park close by",
    "parking for a blue badge holder",
    "how far is the nearest car park",
    "will i be able to park when i come in",
]


def _sheet(path: Path, tests: list[str], questions: list[str] = QUESTIONS) -> Path:
    """A spreadsheet of the FAQ clinic_parking with these test questions."""
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["id", "question", "answer", "source", "test_question"])
        for n in range(max(len(questions), len(tests))):
            writer.writerow(
                [
                    "clinic_parking",
                    questions[n] if n < len(questions) else "",
                    ANSWER if n == 0 else "",
                    "The Harley Street Spine Clinic, 144 Harley Street."
                    if n == 0
                    else "",
                    tests[n] if n < len(tests) else "",
                ]
            )
    return path


def _block(faq_id: str, questions: list[str]) -> str:
    lines = "".join(f"    - {q}\n" for q in questions)
    return f"- intent: faq/{faq_id}\n  examples: |\n{lines}"


@pytest.fixture
def holdout(tmp_path: Path) -> Path:
    path = tmp_path / "nlu_holdout.yml"
    path.write_text(HELD_OUT, encoding="utf-8")
    return path


@pytest.fixture
def lifts(write_faqs, make_faq) -> Path:
    """The FAQ clinic_lifts, in a file of its own (not the import's)."""
    return write_faqs("clinic.yml", [make_faq("clinic_lifts")])


def _import(sheet: Path, faq_dir: Path, content: Path, holdout: Path):
    return import_csv(sheet, folder=faq_dir, clinic_content=content, holdout=holdout)


def test_import_appends_the_test_questions_in_the_files_layout(
    faq_dir, clinic_content, holdout, lifts, tmp_path
) -> None:
    sheet = _sheet(tmp_path / "parking.csv", TESTS)
    result = _import(sheet, faq_dir, clinic_content, holdout)

    assert result.written and result.tested == ["clinic_parking"], result.findings
    assert holdout.read_text(encoding="utf-8") == (
        HELD_OUT + "\n" + _block("clinic_parking", TESTS)
    )
    # Rasa reads it: the held-out gate and `make retrain` see them under the FAQ
    read = [(e.text, e.label) for e in load_examples(holdout)]
    assert [t for t, label in read if label == "faq/clinic_parking"] == TESTS
    assert len(read) == 3 + len(TESTS)
    # the FAQ's training questions are not the test questions
    (faq,) = load_file(faq_dir / "imported.yml")
    assert list(faq.questions) == QUESTIONS
    assert any("5 test question(s) written" in note for note in result.notes)


def test_importing_again_replaces_and_never_duplicates(
    faq_dir, clinic_content, holdout, lifts, tmp_path
) -> None:
    sheet = _sheet(tmp_path / "parking.csv", TESTS)
    _import(sheet, faq_dir, clinic_content, holdout)
    once = holdout.read_text(encoding="utf-8")

    assert _import(sheet, faq_dir, clinic_content, holdout).written
    assert holdout.read_text(encoding="utf-8") == once  # the same, byte for byte

    changed = ["where could i park", *TESTS[1:4], TESTS[1]]  # a repeat counts once
    assert _import(
        _sheet(tmp_path / "v2.csv", changed), faq_dir, clinic_content, holdout
    ).written
    assert holdout.read_text(encoding="utf-8") == (
        HELD_OUT + "\n" + _block("clinic_parking", changed[:4])
    )

    # without test questions, a re-import leaves the FAQ's test questions alone
    assert _import(
        _sheet(tmp_path / "v3.csv", []), faq_dir, clinic_content, holdout
    ).written
    assert holdout.read_text(encoding="utf-8").count("faq/clinic_parking") == 1
    assert "where could i park" in holdout.read_text(encoding="utf-8")


def test_a_block_is_replaced_where_it_is_and_a_second_one_removed() -> None:
    text = HELD_OUT + "\n" + _block("clinic_parking", ["old one"]) + "\n# end\n"
    text = text.replace(
        "- intent: greet", _block("clinic_parking", ["older"]) + "\n- intent: greet"
    )
    updated = with_test_questions(text, {"clinic_parking": ["new one", "new two"]})
    assert updated == HELD_OUT.replace(
        "- intent: greet",
        _block("clinic_parking", ["new one", "new two"]) + "\n- intent: greet",
    ) + ("\n# end\n")
    assert [e.text for e in read_examples(updated) if "parking" in e.label] == [
        "new one",
        "new two",
    ]


@pytest.mark.parametrize(
    ("test_question", "expected"),
    [
        (
            "Parking question number 3?",  # case and punctuation do not make it new
            "is also a question of FAQ 'clinic_parking'",
        ),
        ("Is there a lift up to the clinic", "listed twice"),
        ("hello", "is also a training example of the intent 'greet'"),
    ],
)
def test_a_test_question_that_is_not_held_out_is_refused(
    test_question: str,
    expected: str,
    faq_dir,
    clinic_content,
    holdout,
    lifts,
    tmp_path,
) -> None:
    sheet = _sheet(tmp_path / "parking.csv", [*TESTS[:2], test_question])
    result = _import(sheet, faq_dir, clinic_content, holdout)

    assert not result.written
    assert holdout.read_text(encoding="utf-8") == HELD_OUT
    assert not (faq_dir / "imported.yml").exists()
    errors = [str(f) for f in result.findings if f.level == "error"]
    # the spreadsheet row of that test question: row 4 (the header is row 1)
    assert any(
        e.startswith("ERROR parking.csv row 4 FAQ 'clinic_parking'") and expected in e
        for e in errors
    ), errors


def test_the_command_line_refuses_it_and_says_nothing_changed(
    faq_dir, clinic_content, holdout, lifts, tmp_path, capsys
) -> None:
    sheet = _sheet(tmp_path / "parking.csv", ["parking question number 1"])
    args = ["--faq-dir", str(faq_dir), "--clinic-content", str(clinic_content)]
    assert main([*args, "--holdout", str(holdout), "import", str(sheet)]) == 1
    out = capsys.readouterr().out
    assert "the test question 'parking question number 1' is also a question" in out
    assert "nothing was changed" in out
    assert holdout.read_text(encoding="utf-8") == HELD_OUT


def test_test_questions_alone_for_an_faq_of_another_file(
    faq_dir, clinic_content, holdout, lifts, tmp_path
) -> None:
    sheet = tmp_path / "lifts.csv"
    sheet.write_text(
        "id,question,answer,source,test_question\n"
        "clinic_lifts,,,,do you have step free access\n"
        ",,,,is the building wheelchair friendly\n",
        encoding="utf-8",
    )
    before = lifts.read_bytes()
    result = _import(sheet, faq_dir, clinic_content, holdout)

    assert result.written and result.added == result.updated == []
    assert lifts.read_bytes() == before and not (faq_dir / "imported.yml").exists()
    assert holdout.read_text(encoding="utf-8") == HELD_OUT.replace(
        "    - is there a lift up to the clinic\n"
        "    - can i get up there in a wheelchair\n",
        "    - do you have step free access\n"
        "    - is the building wheelchair friendly\n",
    )

    sheet.write_text(
        "id,question,answer,source,test_question\nclinic_lift,,,,lifts?\n",
        encoding="utf-8",
    )
    with pytest.raises(SpreadsheetError, match="row 2: .*'clinic_lift', but no FAQ"):
        _import(sheet, faq_dir, clinic_content, holdout)


def test_test_questions_need_a_held_out_file(faq_dir, clinic_content, tmp_path):
    sheet = _sheet(tmp_path / "parking.csv", TESTS)
    with pytest.raises(SpreadsheetError, match="no held-out file"):
        import_csv(sheet, folder=faq_dir, clinic_content=clinic_content)


def test_an_faq_without_test_questions_is_a_warning_not_a_failure(
    faq_dir, clinic_content, holdout, lifts, write_faqs, make_faq, capsys
) -> None:
    write_faqs("imported.yml", [make_faq("clinic_parking")])
    found = check(faq_dir, clinic_content, holdout)

    assert [f for f in found if f.level == "error"] == []
    messages = {f.faq: f.message for f in found if f.level == "warning"}
    assert messages["clinic_parking"].startswith("has no test questions")
    assert "test_question column" in messages["clinic_parking"]
    assert messages["clinic_lifts"].startswith("has only 2 test question(s)")

    args = ["--faq-dir", str(faq_dir), "--clinic-content", str(clinic_content)]
    assert main([*args, "--holdout", str(holdout), "check"]) == 0
    out = capsys.readouterr().out
    assert "WARNING" in out and "FAQ 'clinic_parking': has no test questions" in out
    assert "faq check: OK" in out


@pytest.mark.parametrize(
    ("extra", "expected"),
    [
        (
            _block("clinic_parking", ["is there parking"]),
            "no FAQ has the id 'clinic_parking'",
        ),
        (_block("clinic_lifts", ["Is there a lift up to the clinic?"]), "twice"),
        (_block("clinic_lifts", ["clinic lifts question number 3"]), "is also a"),
    ],
)
def test_real_problems_of_the_held_out_file_are_errors(
    extra: str, expected: str, faq_dir, clinic_content, holdout, lifts
) -> None:
    holdout.write_text(HELD_OUT + "\n" + extra, encoding="utf-8")
    errors = [
        str(f) for f in check(faq_dir, clinic_content, holdout) if f.level == "error"
    ]
    assert len(errors) == 1 and expected in errors[0], errors
    assert errors[0].startswith("ERROR nlu_holdout.yml:"), errors

    args = ["--faq-dir", str(faq_dir), "--clinic-content", str(clinic_content)]
    assert main([*args, "--holdout", str(holdout), "check"]) == 1


def test_the_reader_reads_the_real_file_as_rasa_does() -> None:
    ours = [(e.text, e.label) for e in read_examples(HOLDOUT.read_text("utf-8"))]
    assert ours == [(e.text, e.label) for e in load_examples(HOLDOUT)]
