"""`faq check` on deliberately broken FAQ files: every rule has a failing example.

Each message must name the file (and line), the FAQ, and what to do.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.faqtool.__main__ import main
from bot.faqtool.check import Finding, check

LONG = "Please call us. " * 106 + "Thanks."  # 1,703 characters


def _errors(findings: list[Finding]) -> list[str]:
    return [str(f) for f in findings if f.level == "error"]


def test_the_real_faq_files_pass() -> None:
    assert _errors(check()) == []


def test_a_clean_folder_has_no_findings(
    write_faqs, make_faq, faq_dir, clinic_content
) -> None:
    write_faqs("a.yml", [make_faq("clinic_parking"), make_faq("clinic_lifts")])
    assert check(faq_dir, clinic_content) == []


# (case name, FAQ file content as FAQ dicts, expected FAQ id, words the message must
# hold)
BROKEN = [
    (
        "no questions",
        lambda f: [f("clinic_parking", questions=[])],
        "clinic_parking",
        ["has no example questions", "add at least 10"],
    ),
    (
        "empty answer",
        lambda f: [f("clinic_parking", answer="")],
        "clinic_parking",
        ["the answer is empty", "write what the patient should read"],
    ),
    (
        "over-long answer",
        lambda f: [f("clinic_parking", answer=LONG)],
        "clinic_parking",
        ["has 1703 characters", "shorten it to at most 1600"],
    ),
    (
        "no source",
        lambda f: [f("clinic_parking", source="")],
        "clinic_parking",
        ["has no 'source'", "copy the sentence"],
    ),
    (
        "bad id",
        lambda f: [f("Clinic-Parking")],
        "Clinic-Parking",
        ["lower-case letters, digits and _", "rename it"],
    ),
    (
        "invented price",
        lambda f: [
            f("clinic_prices", answer="A first visit costs £80. Call us to book.")
        ],
        "clinic_prices",
        [
            "states a price ('£80')",
            "must not invent facts",
            "add the clinic's sentence",
        ],
    ),
    (
        "invented opening hours",
        lambda f: [f("clinic_hours", answer="We are open 9am to 5.30pm on weekdays.")],
        "clinic_hours",
        ["states opening hours ('9am')", "remove it"],
    ),
    (
        "invented email address",
        lambda f: [f("clinic_email", answer="Write to info@harleyspine.example.com.")],
        "clinic_email",
        ["states an email address ('info@harleyspine.example.com')"],
    ),
    (
        "invented percentage",
        lambda f: [f("idd_success", answer="IDD works for 95 per cent of patients.")],
        "idd_success",
        ["states a percentage ('95 per cent')"],
    ),
    (
        "invented fact in a channel variant",
        lambda f: [
            {**f("clinic_prices"), "channels": {"twilio": "It costs 60 pounds."}}
        ],
        "clinic_prices",
        ["the 'twilio' answer states a price ('60 pounds')"],
    ),
    (
        "'>' in an answer",
        lambda f: [f("surgery_success", answer="It works in >90% of people.")],
        "surgery_success",
        ["uses '>', which screen readers read as 'greater than'", "over 90 %"],
    ),
    (
        "near-identical questions in two FAQs",
        lambda f: [
            f(
                "clinic_parking",
                questions=[f"parking question {n}" for n in range(9)]
                + ["is there parking at the clinic"],
            ),
            f(
                "clinic_car",
                questions=[f"car question {n}" for n in range(9)]
                + ["is there parking at the clinic?"],
            ),
        ],
        "clinic_car",
        [
            "'is there parking at the clinic?' is (nearly) the same as",
            "FAQ 'clinic_parking'",
            "Reword it, or delete it",
        ],
    ),
    (
        "duplicate id",
        lambda f: [
            f("clinic_parking"),
            f(
                "clinic_parking",
                questions=[f"a different question {n}" for n in range(10)],
            ),
        ],
        "clinic_parking",
        ["this id is already used in", "rename one of them"],
    ),
]


@pytest.mark.parametrize(
    "content, faq_id, expected",
    [pytest.param(*case[1:], id=case[0]) for case in BROKEN],
)
def test_each_rule_reports_file_faq_and_what_to_do(
    content,
    faq_id: str,
    expected: list[str],
    write_faqs,
    make_faq,
    faq_dir,
    clinic_content,
) -> None:
    write_faqs("broken.yml", content(make_faq))
    messages = _errors(check(faq_dir, clinic_content))
    matching = [m for m in messages if all(e in m for e in expected)]
    assert matching, f"no error holds {expected}: {messages}"
    assert all("broken.yml:" in m and f"FAQ '{faq_id}'" in m for m in matching), (
        matching
    )


@pytest.mark.parametrize(
    "questions, expected",
    [
        (["parking?", "car park", "where to park"], "has 3 different example"),
        (["parking?"] * 10, "has 1 different example"),  # repeats count once
    ],
)
def test_fewer_than_10_questions_is_a_warning(
    questions: list[str], expected: str, write_faqs, make_faq, faq_dir, clinic_content
) -> None:
    """Not an error: an FAQ made of the few messages patients sent (`faq digest`)
    is imported and trained; made-up questions would not be theirs."""
    write_faqs("few.yml", [make_faq("clinic_parking", questions=questions)])
    findings = check(faq_dir, clinic_content)
    assert _errors(findings) == []
    (warning,) = [str(f) for f in findings if expected in f.message]
    assert warning.startswith("WARNING") and "few.yml" in warning
    assert "FAQ 'clinic_parking'" in warning and "at least 10" in warning


@pytest.mark.parametrize(
    "answer",
    [
        "Success is reported as over 90 % for sciatic leg pain.",  # source: "90%"
        "A first visit costs £80.",
        "Appointments from 9:00.",  # same time as the source's 9am
        "Or call 0845 7800892.",  # same digits as the source's number
        "Call {clinic_phones}.",  # domain.yml's clinic_phones: needs no source
        "The Harley Street Spine Clinic runs Clinical Pilates programmes.",
        "The Australian Physiotherapy & Pilates Institute's teachings.",  # possessive
        "It may be combined with CBT.",  # initials of "cognitive behavioral therapy"
        "The page calls it the “pain-free window”, at W1G 7LD.",
        "IDD Therapy: I'm sure I'd say so.",  # an acronym opening a sentence; "I"
        "Call 999 or go to A&E.",  # a name with "&" in it
    ],
)
def test_facts_from_the_faqs_own_source_are_allowed(
    answer: str, write_faqs, make_faq, faq_dir, clinic_content
) -> None:
    source = (
        "New patient consultation £80, from 9am. Success is over 90%. "
        "At The Harley Street Spine Clinic, W1G 7LD. t: 0845 7800 892. "
        "Clinical Pilates programs (featuring the Australian Physiotherapy & Pilates "
        "Institutes teachings). Other “coping strategies” such as cognitive "
        "behavioral therapy. Their “pain free window”. Offers IDD Therapy. "
        "999 / A&E for emergencies."
    )
    write_faqs("ok.yml", [make_faq("clinic_fees", answer=answer, source=source)])
    assert _errors(check(faq_dir, clinic_content)) == []


# Issue 17, item 10: an answer relies only on its own FAQ's source. Each case is a
# fact this FAQ's source does not hold, though another FAQ's source or the clinic's
# page may. (case name, answer, the words the error must hold)
OWN_SOURCE_ONLY = [
    (
        "a percentage only on the page",
        "Microdiscectomy works over 90 % of the time for leg pain.",
        [
            "states a percentage ('90 %') that is not in its own 'source'",
            'page says it here: "Success rates are reported as being over 90%',
        ],
    ),
    (
        "a number of another FAQ's source",
        "The clinic is at number 144.",
        [
            "gives a number ('144') that is not in its own 'source'",
            "another FAQ's source does not count",
            "add the clinic's sentence that says it to 'source'",
            'page says it here: "The Harley Street Spine Clinic, 144 Harley Street',
        ],
    ),
    (
        "a phone number that is not the clinic's",
        "Please call 0845 7800 892.",
        ["gives a number ('0845 7800 892')"],
    ),
    (
        "one of the clinic's phone numbers with a wrong digit",
        "Please call 0845 468 1089.",
        ["gives a number ('0845 468 1089')"],
    ),
    (
        "a postcode",
        "The clinic is at W1G 7LD.",
        ["gives a code ('W1G')", "gives a code ('7LD')"],
    ),
    (
        "a proper name",
        "The clinic offers Shockwave Therapy.",
        ["gives a name ('Shockwave Therapy')"],
    ),
    (
        "a name the page does not have at all",
        "The clinic is in central London.",
        ["gives a name ('London')"],
    ),
    (
        "an acronym opening a sentence",
        "CBT is sometimes part of pain management.",
        ["gives a name ('CBT')"],
    ),
    (
        "a quotation",
        "The page calls it “the gold standard”.",
        ["gives a quotation ('“the gold standard”')"],
    ),
]


@pytest.mark.parametrize(
    "answer, expected",
    [pytest.param(*case[1:], id=case[0]) for case in OWN_SOURCE_ONLY],
)
def test_a_fact_missing_from_the_faqs_own_source_is_an_error(
    answer: str, expected: list[str], write_faqs, make_faq, faq_dir, clinic_content
) -> None:
    write_faqs(
        "a.yml",
        [
            make_faq("clinic_location"),  # its source has the address
            make_faq(
                "treatment_pilates",
                answer=answer,
                source="The clinic runs Clinical Pilates programs.",
            ),
        ],
    )
    messages = _errors(check(faq_dir, clinic_content))
    assert all("FAQ 'treatment_pilates'" in m for m in messages), messages
    for words in expected:
        assert any(words in m for m in messages), f"{words!r} not in {messages}"


# (case name, raw file text, line of the mistake, words the message must hold)
BROKEN_FILES = [
    (
        "colon in a plain text",
        "faqs:\n  - id: clinic_parking\n    answer: Parking: none\n",
        3,
        ["not valid YAML", "put that text in double quotes"],
    ),
    (
        "bad indentation",
        "faqs:\n  - id: clinic_parking\n    answer: fine\n   source: wrong indent\n",
        4,
        ["not valid YAML", "indent"],
    ),
    (
        "tab for indenting",
        "faqs:\n  - id: clinic_parking\n\tanswer: tab\n",
        3,
        ["not valid YAML", "use spaces only"],
    ),
    (
        "no faqs list",
        "- id: clinic_parking\n",
        1,
        ["must start with 'faqs:'", "docs/faq-format.md"],
    ),
    (
        "FAQ without id",
        "faqs:\n  - answer: hello\n    questions: [a]\n",
        2,
        ["this FAQ has no 'id'", "Start each FAQ with '- id:"],
    ),
    (
        "misspelt field",
        "faqs:\n  - id: clinic_parking\n    answer: "
        "hi\n    questons:\n      - parking?\n",
        4,
        [
            "unknown field 'questons' (did you mean 'questions'?)",
            "FAQ 'clinic_parking'",
        ],
    ),
    (
        "question that YAML reads as a mapping",
        (
            "faqs:\n  - id: clinic_parking\n    answer: hi\n    questions:\n      - q\n"
            "      - parking: is there any\n"
        ),
        6,
        ["not plain text", "double quotes", "FAQ 'clinic_parking'"],
    ),
    (
        "questions not a list",
        "faqs:\n  - id: clinic_parking\n    answer: hi\n    questions: parking?\n",
        4,
        ["'questions' must be a list"],
    ),
]


@pytest.mark.parametrize(
    "text, line, expected",
    [pytest.param(*case[1:], id=case[0]) for case in BROKEN_FILES],
)
def test_file_mistakes_name_file_line_and_fix(
    text: str, line: int, expected: list[str], write_faqs, faq_dir, clinic_content
) -> None:
    write_faqs("broken.yml", text)
    messages = _errors(check(faq_dir, clinic_content))
    assert len(messages) == 1, messages
    assert f"broken.yml:{line}" in messages[0]
    for words in expected:
        assert words in messages[0]


def test_a_repeated_question_is_a_warning_at_its_line(
    write_faqs, make_faq, faq_dir, clinic_content
) -> None:
    questions = [f"parking question {n}" for n in range(10)] + ["parking question 3"]
    write_faqs("a.yml", [make_faq("clinic_parking", questions=questions)])
    (finding,) = check(faq_dir, clinic_content)
    assert finding.level == "warning"
    assert "listed twice; delete one" in finding.message
    assert finding.line == 5 + len(
        questions
    )  # after faqs:, id, source, answer, questions:


def test_missing_clinic_content_is_a_warning(
    write_faqs, make_faq, faq_dir, tmp_path
) -> None:
    write_faqs("a.yml", [make_faq("clinic_parking")])
    (finding,) = check(faq_dir, tmp_path / "nowhere")
    assert (
        finding.level == "warning"
        and "clinic content folder is missing" in finding.message
    )


def test_command_line_exit_code_and_summary(
    write_faqs, make_faq, faq_dir, clinic_content, capsys
) -> None:
    write_faqs("a.yml", [make_faq("clinic_parking", answer="")])
    args = ["--faq-dir", str(faq_dir), "--clinic-content", str(clinic_content), "check"]
    assert main(args) == 1
    out = capsys.readouterr().out
    assert "ERROR" in out and "faq check: 1 error(s). Fix them and run it again." in out
    write_faqs("a.yml", [make_faq("clinic_parking")])
    assert main(args) == 0
    assert "faq check: OK" in capsys.readouterr().out


def test_build_writes_nothing_when_check_fails(
    write_faqs, make_faq, faq_dir, clinic_content, tmp_path: Path
) -> None:
    write_faqs("a.yml", [make_faq("clinic_parking", answer="")])
    out = tmp_path / "faq.generated.yml"
    args = [
        "--faq-dir",
        str(faq_dir),
        "--clinic-content",
        str(clinic_content),
        "build",
        "--out",
        str(out),
    ]
    assert main(args) == 1 and not out.exists()
