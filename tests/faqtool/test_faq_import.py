"""`faq import FILE.csv` / `faq export`: spreadsheets in and out of the FAQ files."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from bot.faqtool.__main__ import main
from bot.faqtool.source import load_file
from bot.faqtool.spreadsheet import (
    DIGEST_SOURCE,
    SpreadsheetError,
    export_csv,
    import_csv,
    read_csv,
    read_sheet,
)

ROOT = Path(__file__).resolve().parents[2]
TRICKY_ANSWER = (
    'Yes, there is a "pay and display" car park, 2 minutes\' walk away; '
    "Cavendish Square, W1G 0PN — ask at réception for the café's map. 🙂"
)
TRICKY_SOURCE = (  # every number, name and quotation of the answer (faq check)
    'Patients may use the "pay and display" car park at Cavendish Square, W1G 0PN, '
    '"2 minutes" from the clinic.'
)
QUESTIONS = [
    "Do you have parking?",
    "parking, is there any",
    'is there a "car park"',
    "where can I park my car",
    "can i park at the clinic",
    "¿parking for patients?",
    "parking près de la clinique",
    "disabled parking, blue badge",
    "where do I leave the car, I'm driving",
    "is parking free",
]


def _write_csv(path: Path, rows: list[list[str]], **options) -> Path:
    with path.open(
        "w", newline="", encoding=options.pop("encoding", "utf-8")
    ) as handle:
        csv.writer(handle, **options).writerows(
            [["id", "question", "answer", "source"], *rows]
        )
    return path


def _parking_rows(answer_on_every_row: bool = False) -> list[list[str]]:
    rows = []
    for n, question in enumerate(QUESTIONS):
        first = n == 0 or answer_on_every_row
        rows.append(
            [
                "clinic_parking",
                question,
                TRICKY_ANSWER if first else "",
                TRICKY_SOURCE if first else "",
            ]
        )
    return rows


@pytest.fixture
def real_faq_dir(tmp_path: Path) -> Path:
    """A copy of the project's FAQ files, to import next to."""
    folder = tmp_path / "faq"
    folder.mkdir()
    for path in (ROOT / "bot" / "faq").glob("*.yml"):
        (folder / path.name).write_bytes(path.read_bytes())
    return folder


def test_round_trip_keeps_commas_quotes_and_non_ascii(
    real_faq_dir, clinic_content, tmp_path
) -> None:
    before = {p.name: p.read_bytes() for p in real_faq_dir.glob("*.yml")}
    sheet = _write_csv(tmp_path / "parking.csv", _parking_rows())
    result = import_csv(sheet, folder=real_faq_dir, clinic_content=clinic_content)

    assert result.written and result.added == ["clinic_parking"], result.findings
    (faq,) = load_file(real_faq_dir / "imported.yml")
    assert (faq.id, faq.answer, faq.source) == (
        "clinic_parking",
        TRICKY_ANSWER,
        TRICKY_SOURCE,
    )
    assert list(faq.questions) == QUESTIONS
    # the existing files are left exactly as they were
    assert {
        p.name: p.read_bytes()
        for p in real_faq_dir.glob("*.yml")
        if p.name != "imported.yml"
    } == before

    exported = export_csv([faq], tmp_path / "exported.csv")
    assert read_csv(exported)[0] == read_csv(sheet)[0]


def test_answer_repeated_on_every_row_is_the_same_faq(
    faq_dir, clinic_content, tmp_path
) -> None:
    sheet = _write_csv(tmp_path / "p.csv", _parking_rows(answer_on_every_row=True))
    (faq,), rows, _ = read_csv(sheet)
    assert (
        faq.answer == TRICKY_ANSWER
        and len(faq.questions) == 10
        and rows == {"clinic_parking": 2}
    )


def test_empty_id_continues_the_faq_above(tmp_path) -> None:
    rows = _parking_rows()
    for row in rows[1:]:
        row[0] = ""
    (faq,), _, _ = read_csv(_write_csv(tmp_path / "p.csv", rows))
    assert len(faq.questions) == 10


def test_excel_semicolons_bom_and_windows_encoding(tmp_path) -> None:
    rows = [["clinic_parking", "parking près de la clinique", "Oui, café", "src"]]
    sheet = _write_csv(tmp_path / "p.csv", rows, delimiter=";", encoding="cp1252")
    (faq,), _, notes = read_csv(sheet)
    assert (
        faq.questions == ("parking près de la clinique",) and faq.answer == "Oui, café"
    )
    assert "save it as 'CSV UTF-8'" in notes[0]
    bom = _write_csv(tmp_path / "b.csv", rows, delimiter=";", encoding="utf-8-sig")
    assert read_csv(bom)[0][0].id == "clinic_parking"


@pytest.mark.parametrize(
    "rows, expected",
    [
        (
            [
                ["clinic_parking", "q1", "answer one", "s"],
                ["clinic_parking", "q2", "answer two", ""],
            ],
            "p.csv row 3: FAQ 'clinic_parking' has a different answer than on row 2",
        ),
        ([["", "q1", "answer", "s"]], "p.csv row 2: no id"),
    ],
)
def test_spreadsheet_mistakes_name_the_row(rows, expected: str, tmp_path) -> None:
    with pytest.raises(SpreadsheetError, match=expected):
        read_csv(_write_csv(tmp_path / "p.csv", rows))


def test_missing_columns_point_to_the_template(tmp_path) -> None:
    sheet = tmp_path / "p.csv"
    sheet.write_text("id,question,reply\nx,y,z\n", encoding="utf-8")
    with pytest.raises(
        SpreadsheetError, match="missing: answer, source.*faq-template.csv"
    ):
        read_csv(sheet)


def test_an_id_of_another_file_is_refused(
    real_faq_dir, clinic_content, tmp_path
) -> None:
    rows = _parking_rows()
    rows[0][0] = "clinic_location"
    sheet = _write_csv(tmp_path / "p.csv", rows[:1])
    with pytest.raises(
        SpreadsheetError,
        match="row 2: the id 'clinic_location' is already an FAQ in bot/faq/clinic.yml",
    ):
        import_csv(sheet, folder=real_faq_dir, clinic_content=clinic_content)
    assert not (real_faq_dir / "imported.yml").exists()


def test_an_import_with_errors_writes_nothing_and_names_the_row(
    faq_dir, clinic_content, tmp_path
) -> None:
    rows = _parking_rows()[:3]
    rows[0][2] = "Parking costs £12 a day."
    sheet = _write_csv(tmp_path / "p.csv", rows)
    result = import_csv(sheet, folder=faq_dir, clinic_content=clinic_content)
    assert not result.written and not (faq_dir / "imported.yml").exists()
    messages = [str(f) for f in result.findings]
    assert any(
        "p.csv row 2 FAQ 'clinic_parking': has 3 different" in m for m in messages
    )
    assert any("states a price ('£12')" in m for m in messages)


def test_importing_again_updates_and_keeps_the_rest(
    faq_dir, clinic_content, make_faq, write_faqs, tmp_path
) -> None:
    write_faqs(
        "imported.yml",
        [
            {**make_faq("clinic_lifts"), "channels": {"twilio": "Lifts."}},
            make_faq("clinic_parking"),
        ],
    )
    sheet = _write_csv(tmp_path / "p.csv", _parking_rows())
    result = import_csv(sheet, folder=faq_dir, clinic_content=clinic_content)
    assert (
        result.written and result.updated == ["clinic_parking"] and result.added == []
    )
    lifts, parking = load_file(faq_dir / "imported.yml")
    assert lifts.id == "clinic_lifts" and lifts.channels == {"twilio": "Lifts."}
    assert parking.answer == TRICKY_ANSWER


def test_command_line_import(faq_dir, clinic_content, tmp_path, capsys) -> None:
    sheet = _write_csv(tmp_path / "parking.csv", _parking_rows())
    args = [
        "--faq-dir",
        str(faq_dir),
        "--clinic-content",
        str(clinic_content),
        "import",
        str(sheet),
        "--into",
        "parking",
    ]
    assert main(args) == 0
    out = capsys.readouterr().out
    assert (
        "wrote" in out
        and "1 new FAQ(s): clinic_parking" in out
        and "make retrain" in out
    )
    assert (faq_dir / "parking.yml").exists()


def test_the_template_imports_cleanly(faq_dir, clinic_content, tmp_path) -> None:
    holdout = tmp_path / "nlu_holdout.yml"
    holdout.write_text('version: "3.1"\n\nnlu:\n', encoding="utf-8")
    result = import_csv(
        ROOT / "docs" / "faq-template.csv",
        folder=faq_dir,
        clinic_content=clinic_content,
        holdout=holdout,
    )
    assert result.written and result.findings == [], result.findings
    assert result.tested == ["example_parking"]


def test_digest_rows_join_their_groups_faq_and_blank_groups_are_skipped(
    tmp_path,
) -> None:
    sheet = tmp_path / "digest.csv"
    sheet.write_text(
        "id,question,answer,source,test_question,group,times_asked\n"
        f',parking?,,"{DIGEST_SOURCE}",,1,3\n'
        + "clinic_parking,car park?,Call us.,,,1,1\n"
        + ",,,,where could i leave the car,1,1\n"
        + f',home visits?,,"{DIGEST_SOURCE}",,2,2\n'
        + ",do you visit at home,,,,2,1\n"
        + ",a row added without id or group,,,,,\n",
        encoding="utf-8",
    )
    parsed = read_sheet(sheet)
    (faq,) = parsed.faqs
    assert (faq.id, faq.questions, faq.answer) == (
        "clinic_parking",
        ("parking?", "car park?"),
        "Call us.",
    )
    assert parsed.rows == {"clinic_parking": 2}
    assert parsed.tests == {"clinic_parking": [("where could i leave the car", 4)]}
    assert parsed.notes == [
        "digest.csv: 3 row(s) without an id skipped (group(s) 2): not made into "
        "FAQs. To import a group, write the FAQ's id and answer on one of its rows."
    ]

    # an answer written without an id is a mistake, not a row to skip
    sheet.write_text(
        "id,question,answer,source,test_question,group,times_asked\n"
        ",home visits?,We do not.,,,2,2\n",
        encoding="utf-8",
    )
    with pytest.raises(SpreadsheetError, match="digest.csv row 2: no id"):
        read_sheet(sheet)
