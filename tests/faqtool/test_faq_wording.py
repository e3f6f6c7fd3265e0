"""The real FAQ answers' wording (issue 17, items 6 to 9), read from bot/faq/*.yml.

Item 10 (every fact in an answer is in its own source) is `faq check`, tested in
test_faq_check.py, which also runs it on the real files.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from bot.faqtool.phones import clinic_phones
from bot.faqtool.source import Faq, load_all

ROOT = Path(__file__).resolve().parents[2]
FAQS = {faq.id: faq for faq in load_all()}


def _texts(faq: Faq) -> list[str]:
    """The answer and its channel variants as patients read them (numbers filled in)."""
    return [clinic_phones().fill(text) for text in (faq.answer, *faq.channels.values())]


def _clinic_phones() -> list[str]:
    """The clinic's two numbers, from the one place responses take them from."""
    domain = yaml.safe_load((ROOT / "domain.yml").read_text(encoding="utf-8"))
    return domain["slots"]["clinic_phones"]["initial_value"].split(" or ")


PHONES = _clinic_phones()


@pytest.mark.parametrize("faq", FAQS.values(), ids=FAQS.keys())
def test_no_angle_brackets_for_screen_readers(faq: Faq) -> None:
    assert not any(c in text for text in _texts(faq) for c in "<>")


@pytest.mark.parametrize("faq", FAQS.values(), ids=FAQS.keys())
def test_an_answer_with_one_phone_number_gives_both(faq: Faq) -> None:
    for text in _texts(faq):
        given = [phone for phone in PHONES if phone in text]
        assert given in ([], PHONES), f"gives only {given}: {text}"


def test_the_microdiscectomy_figure_is_in_words() -> None:
    assert "over 90 %" in FAQS["surgery_microdiscectomy_success"].answer


# Item 6: the page's claims are given as the page's.
# (FAQ id, the answer starts with, the answer says, the answer must not say)
ATTRIBUTED = [
    (
        "injections_who_gives",
        "The clinic's page says",
        ["who would give your own injection"],
        [],
    ),
    (
        "injections_downsides",
        "The clinic's page raises two concerns",
        ["ask the doctor offering you"],
        ["main concern"],
    ),
    (
        "physio_not_helped",
        "I'm sorry physio hasn't helped. The clinic's page says",
        [],
        ["substandard", "poor", "bad physio"],
    ),
    ("rehab_importance", "There's a saying in medicine", [], ["Yes"]),
    ("idd_after_failed_surgery", "It may be.", [], ["Possibly", "yes"]),
]


@pytest.mark.parametrize("faq_id, start, says, never", ATTRIBUTED)
def test_the_pages_claims_are_attributed_to_the_page(
    faq_id: str, start: str, says: list[str], never: list[str]
) -> None:
    answer = FAQS[faq_id].answer
    assert answer.startswith(start), answer
    for words in says:
        assert words in answer
    for words in never:
        assert words not in answer


# Item 7: questions the page is silent on are answered with what it does not
# cover and the phone numbers, never with an implied yes.
# (FAQ id, an example question it holds, what the answer says the page leaves out)
PAGE_IS_SILENT = [
    (
        "treatment_manual_therapy",
        "do you do massage and mobilisation",
        "doesn't list the hands-on techniques",
    ),
    (
        "idd_candidate",
        "can IDD help neck pain",
        "doesn't say which conditions or parts of the spine (such as the neck)",
    ),
    (
        "treatments_offered",
        "what do you do for sciatica",
        "doesn't say which of these suits a particular condition, such as sciatica",
    ),
    (
        "clinic_injections_surgery_here",
        "do you do injections or surgery here",
        "doesn't say whether injections or operations are done at the clinic",
    ),
    (
        "clinic_gp_referral",
        "do i need a gp referral",
        "doesn't say whether you need a GP referral",
    ),
    (
        "clinic_gp_referral",
        "do i need to see my GP first",
        "doesn't say whether you need a GP referral",
    ),
    (
        "clinic_team",
        "do you have surgeons at the clinic",
        "or say whether doctors or surgeons work at the clinic",
    ),
    (
        "idd_after_failed_surgery",
        "is idd ok after spinal fusion",
        "doesn't go into particular operations, such as a fusion",
    ),
    (
        "rehab_importance",
        "do you do rehab after back surgery",
        "doesn't describe what rehabilitation after surgery involves",
    ),
]


@pytest.mark.parametrize("faq_id, question, not_covered", PAGE_IS_SILENT)
def test_where_the_page_is_silent_the_answer_says_so(
    faq_id: str, question: str, not_covered: str
) -> None:
    faq = FAQS[faq_id]
    assert question in faq.questions
    assert not_covered in faq.answer
    assert all(phone in _texts(faq)[0] for phone in PHONES)
