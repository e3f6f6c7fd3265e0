"""The clinic's phone numbers in FAQ answers: placeholders filled in by `faq build`.

domain.yml's `clinic_phones` slot is the one place that knows the numbers
(bot/faqtool/phones.py); `faq check` refuses an answer that types them, and
`faq import` turns a typed number into its placeholder.
"""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
import yaml

from bot.faqtool.__main__ import main
from bot.faqtool.build import build
from bot.faqtool.check import Finding, check
from bot.faqtool.phones import ClinicPhones, PhonesError, clinic_phones
from bot.faqtool.source import load_all, load_file
from bot.faqtool.spreadsheet import import_csv

ROOT = Path(__file__).resolve().parents[2]
PHONES = ClinicPhones("0845 468 1088 or +44 20 3369 8747")
LIFTS_SOURCE = "The Harley Street Spine Clinic, 144 Harley Street."


def _errors(findings: list[Finding]) -> list[str]:
    return [str(f) for f in findings if f.level == "error"]


def _domain(path: Path, phones: str) -> Path:
    slots = {"clinic_phones": {"type": "text", "initial_value": phones}}
    path.write_text(yaml.safe_dump({"slots": slots}), encoding="utf-8")
    return path


def test_the_numbers_come_from_domain_yml() -> None:
    domain = yaml.safe_load((ROOT / "domain.yml").read_text(encoding="utf-8"))
    given = domain["slots"]["clinic_phones"]["initial_value"]
    phones = clinic_phones()
    assert phones.values == {
        "clinic_phones": given,
        "clinic_phone_1": given.split(" or ")[0],
        "clinic_phone_2": given.split(" or ")[1],
    }


def test_a_domain_without_the_slot_is_a_clear_error(tmp_path: Path) -> None:
    domain = tmp_path / "domain.yml"
    domain.write_text("slots: {}\n", encoding="utf-8")
    with pytest.raises(PhonesError, match="slot 'clinic_phones'"):
        clinic_phones(domain)


@pytest.mark.parametrize(
    "typed, placeholder",
    [
        ("call 0845 468 1088 or +44 20 3369 8747.", "call {clinic_phones}."),
        ("call 0845 468 1088\n      or +44 20 3369 8747.", "call {clinic_phones}."),
        ("ring 08454681088 or 020 3369 8747", "ring {clinic_phones}"),
        ("on 0845 468 1088, +44 20 3369 8747 or 0845 7800 892",
         "on {clinic_phone_1}, {clinic_phone_2} or 0845 7800 892"),
        ("+44 (0)20-3369-8747", "{clinic_phone_2}"),
        ("0044 845 468 1088", "{clinic_phone_1}"),
        ("call 0845 468 1089", "call 0845 468 1089"),  # not the clinic's number
        ("in 2012, 44 20 people", "in 2012, 44 20 people"),
    ],
)  # fmt: skip
def test_typed_numbers_become_placeholders(typed: str, placeholder: str) -> None:
    assert PHONES.as_placeholders(typed) == placeholder


def test_fill_gives_the_slot_text_and_leaves_other_braces() -> None:
    assert PHONES.fill("call {clinic_phones}, {clinic_phone_2} {x}") == (
        "call 0845 468 1088 or +44 20 3369 8747, +44 20 3369 8747 {x}"
    )


def test_build_fills_answers_and_channel_variants_from_the_domain(
    write_faqs, make_faq, faq_dir, tmp_path: Path
) -> None:
    faq = make_faq("clinic_parking", answer="Please call {clinic_phones}.")
    faq["channels"] = {"twilio": "Call {clinic_phone_1}."}
    write_faqs("a.yml", [faq])
    domain = _domain(tmp_path / "domain.yml", "020 7946 0000 or 020 7946 0001")
    out = build(faq_dir, tmp_path / "faq.generated.yml", domain)
    responses = yaml.safe_load(out.read_text(encoding="utf-8"))["responses"]
    assert responses["utter_faq/clinic_parking"] == [
        {"text": "Please call 020 7946 0000 or 020 7946 0001."},
        {"text": "Call 020 7946 0000.", "channel": "twilio"},
    ]


def test_the_real_build_has_every_number_and_no_placeholder(tmp_path: Path) -> None:
    out = build(out=tmp_path / "faq.generated.yml")
    text = out.read_text(encoding="utf-8")
    assert "{clinic_phone" not in text
    assert text.count(clinic_phones().text) >= len(load_all()) - 1


def test_no_real_answer_types_a_clinic_number() -> None:
    phones = clinic_phones()
    typed = {
        faq.id: phones.written_out(text)
        for faq in load_all()
        for text in (faq.answer, *faq.channels.values())
        if phones.written_out(text)
    }
    assert typed == {}


@pytest.mark.parametrize(
    "answer, written",
    [
        ("Please call 0845 468 1088 or +44 20 3369 8747.", "0845 468 1088"),
        ("Please call 0845 468 1088.", "0845 468 1088"),
        ("Please ring 020 3369 8747.", "020 3369 8747"),
        ("Please ring +44 (0)845-468-1088.", "+44 (0)845-468-1088"),
    ],
)
def test_check_refuses_a_typed_clinic_number(
    answer: str, written: str, write_faqs, make_faq, faq_dir, clinic_content
) -> None:
    write_faqs("a.yml", [make_faq("clinic_parking", answer=answer)])
    errors = _errors(check(faq_dir, clinic_content))
    assert errors and all("FAQ 'clinic_parking'" in e for e in errors), errors
    (typed,) = [e for e in errors if f"phone number '{written}' out" in e]
    assert "a.yml:" in typed
    assert "write the placeholder {clinic_phones} instead" in typed
    # reported once, not again as a number missing from the source
    assert not any("gives a number" in e for e in errors), errors


def test_check_refuses_a_typed_number_in_a_channel_variant(
    write_faqs, make_faq, faq_dir, clinic_content
) -> None:
    faq = make_faq("clinic_parking")
    faq["channels"] = {"twilio": "Call 0845 468 1088."}
    write_faqs("a.yml", [faq])
    (error,) = _errors(check(faq_dir, clinic_content))
    assert "FAQ 'clinic_parking'" in error and "'twilio' answer writes" in error


def test_check_refuses_an_unknown_placeholder(
    write_faqs, make_faq, faq_dir, clinic_content
) -> None:
    write_faqs(
        "a.yml", [make_faq("clinic_parking", answer="Please call {clinic_phone}.")]
    )
    (error,) = _errors(check(faq_dir, clinic_content))
    assert "FAQ 'clinic_parking'" in error
    assert "uses {clinic_phone}, which is not a placeholder" in error
    assert "{clinic_phones}, {clinic_phone_1}, {clinic_phone_2}" in error


def test_check_measures_the_answer_with_the_numbers_filled_in(
    write_faqs, make_faq, faq_dir, clinic_content
) -> None:
    answer = "Please call us. " * 98 + "Call {clinic_phones}."
    read = clinic_phones().fill(answer)
    assert len(answer) <= 1600 < len(read)
    write_faqs("a.yml", [make_faq("clinic_parking", answer=answer)])
    (error,) = _errors(check(faq_dir, clinic_content))
    assert f"the answer has {len(read)} characters" in error


def test_command_line_check_names_the_faq_and_the_placeholder(
    write_faqs, make_faq, faq_dir, clinic_content, capsys
) -> None:
    write_faqs("a.yml", [make_faq("clinic_lifts", answer="Call 0845 468 1088.")])
    args = ["--faq-dir", str(faq_dir), "--clinic-content", str(clinic_content)]
    assert main([*args, "check"]) == 1
    out = capsys.readouterr().out
    assert "ERROR a.yml:" in out
    assert "FAQ 'clinic_lifts': the answer writes the clinic's phone number" in out
    assert "{clinic_phones}" in out


def _sheet(path: Path, answer: str) -> Path:
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["id", "question", "answer", "source"])
        for n in range(10):
            writer.writerow(
                [
                    "clinic_lifts",
                    f"is there a lift, question {n}",
                    answer if n == 0 else "",
                    LIFTS_SOURCE if n == 0 else "",
                ]
            )
    return path


def test_import_turns_a_typed_number_into_its_placeholder(
    faq_dir, clinic_content, tmp_path: Path
) -> None:
    sheet = _sheet(
        tmp_path / "lifts.csv",
        "Please call 0845 468 1088 or +44 20 3369 8747 to ask about the lift at "
        "144 Harley Street, or 0845 468 1088 out of hours.",
    )
    result = import_csv(sheet, folder=faq_dir, clinic_content=clinic_content)
    assert result.written and result.findings == [], result.findings
    (faq,) = load_file(faq_dir / "imported.yml")
    assert faq.answer == (
        "Please call {clinic_phones} to ask about the lift at 144 Harley Street, "
        "or {clinic_phone_1} out of hours."
    )
    (note,) = result.notes
    assert note.startswith("lifts.csv row 2: FAQ 'clinic_lifts' writes the clinic's")
    assert "imported as {clinic_phones}, {clinic_phone_1}" in note


def test_command_line_import_says_what_it_replaced(
    faq_dir, clinic_content, tmp_path: Path, capsys
) -> None:
    sheet = _sheet(tmp_path / "lifts.csv", "Call 0845 468 1088 or +44 20 3369 8747.")
    args = ["--faq-dir", str(faq_dir), "--clinic-content", str(clinic_content)]
    assert main([*args, "import", str(sheet)]) == 0
    out = capsys.readouterr().out
    assert "NOTE lifts.csv row 2: FAQ 'clinic_lifts'" in out
    assert "Call {clinic_phones}." in (faq_dir / "imported.yml").read_text()


def test_a_spreadsheet_with_the_placeholder_imports_without_a_note(
    faq_dir, clinic_content, tmp_path: Path
) -> None:
    sheet = _sheet(tmp_path / "lifts.csv", "Call {clinic_phones}.")
    result = import_csv(sheet, folder=faq_dir, clinic_content=clinic_content)
    assert result.written and result.notes == [] and result.findings == []
