"""Messages during the booking form: an answer to the question, or cancelling?"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import yaml

from bot.bookings.answers import (
    CLINIC_TREATMENTS,
    NOT_SURE,
    answers_question,
    canonical_treatment,
    is_cancel_request,
)

# A Wednesday morning in London.
NOW = dt.datetime(2025, 11, 26, 10, 0, tzinfo=dt.timezone.utc)
ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def domain() -> dict:
    return yaml.safe_load((ROOT / "domain.yml").read_text(encoding="utf-8"))


@pytest.mark.parametrize(
    ("slot", "text"),
    [
        ("booking_name", "sarah jones"),
        ("booking_name", "dave"),
        ("booking_name", "my name is Sarah Jones"),
        ("booking_name", "it's Dave"),
        ("booking_name", "im dave"),
        ("booking_name", "this is Jo O'Neill"),
        ("booking_name", "Smith-Jones"),
        ("booking_phone", "07700 900123"),
        ("booking_phone", "it's 07700 900 123"),
        ("booking_phone", "mob: 07700-900-123"),
        ("booking_phone", "(020) 7946 0000"),
        ("booking_phone", "+44 7700 900123"),
        ("booking_phone", "my number is 07700900123 thanks"),
        ("booking_phone", "+1 212 555 0100"),  # an answer: the form asks for a UK one
        ("booking_email", "jo@example.com"),
        ("booking_email", "it's jo@example.com"),
        ("booking_email", "jo@example"),  # an answer: the form asks to check it
        ("booking_email", "skip"),
        ("booking_email", "no thanks"),
        ("booking_email", "no"),
        ("booking_email", "I'd rather not"),
        ("booking_when", "tues or weds morning ideally"),
        ("booking_when", "any weekday after 3"),
        ("booking_when", "mornings are best"),
        ("booking_when", "whenever really"),
        ("booking_when", "anytime"),
        ("booking_when", "not fridays"),
        ("booking_when", "thurs pm"),
        ("booking_when", "mon/tue am"),
        ("booking_when", "asap"),
        ("booking_when", "next week sometime"),
        ("booking_when", "after work, so after 6"),
        ("booking_when", "weekends only please"),
        ("booking_when", "tomorrow morning if poss"),
        ("booking_when", "14/12"),
        ("booking_when", "yesterday"),  # an answer: the form says it's past
        ("booking_treatment", "probably IDD"),
        ("booking_treatment", "the decompression one"),
        ("booking_treatment", "acupuncture i think"),
        ("booking_treatment", "not sure yet"),
        ("booking_treatment", "no idea"),
        ("booking_treatment", "IDD Therapy"),
        ("booking_treatment", "shockwave please"),
        ("booking_treatment", "Physiotherapy / manual therapy"),
        ("booking_treatment", "pilates"),
        ("booking_reason", "lower back pain for 6 weeks"),
        ("booking_reason", "sciatica down my left leg"),
        ("booking_reason", "can't sit for long"),
        ("booking_reason", "have had back pain for years"),
        ("booking_reason", "when I bend over it hurts"),
        ("booking_reason", "skip"),
    ],
)
def test_answers_to_the_question_asked(slot: str, text: str) -> None:
    assert answers_question(slot, text, NOW)


@pytest.mark.parametrize(
    ("slot", "text"),
    [
        ("booking_name", "what's the address?"),
        ("booking_name", "how much is IDD"),
        ("booking_name", "hello"),
        ("booking_name", "thanks"),
        ("booking_name", "never mind"),
        ("booking_name", "I want to book for my mum"),
        ("booking_name", "07700 900123"),
        ("booking_name", "no"),
        ("booking_phone", "Jo Bloggs"),
        ("booking_phone", "do you have parking?"),
        ("booking_phone", "call me"),
        ("booking_phone", "12"),
        ("booking_phone", "I'll ring you instead"),
        ("booking_email", "what do you need it for?"),
        ("booking_email", "hello"),
        ("booking_email", "Jo Bloggs"),
        ("booking_when", "are you open on saturdays?"),
        ("booking_when", "what time do you close"),
        ("booking_when", "Jo Bloggs"),
        ("booking_when", "I am Dave"),
        ("booking_when", "you may call me Dave"),
        ("booking_when", "good morning"),
        ("booking_when", "no"),
        ("booking_when", "how much does it cost"),
        ("booking_when", "forget it"),
        ("booking_treatment", "is IDD good for sciatica?"),
        ("booking_treatment", "something for my neck"),
        ("booking_treatment", "hello"),
        ("booking_treatment", "decompression surgery"),
        ("booking_reason", "what does IDD cost?"),
        ("booking_reason", "does it hurt"),
        ("booking_reason", "how long is a session"),
        ("booking_reason", "never mind"),
        ("booking_reason", "thanks"),
        ("booking_reason", ""),
        ("booking_consent", "yes"),  # consent is a button: yes/no intents, not text
        ("not_a_slot", "Jo Bloggs"),
    ],
)
def test_other_messages_are_not_answers(slot: str, text: str) -> None:
    assert not answers_question(slot, text, NOW)


@pytest.mark.parametrize(
    "text",
    [
        "never mind",
        "nevermind",
        "Never mind!",
        "nvm",
        "forget it",
        "oh forget it then",
        "forget it, cancel",
        "don't worry, I'll call you",
        "don\u2019t worry, I\u2019ll call you",
        "actually don't worry, I'll phone you tomorrow instead",
        "I'll ring instead",
        "I'd rather phone the clinic",
        "stop",
        "stop please",
        "cancel",
        "cancel the booking",
        "can you cancel it?",
        "I've changed my mind",
        "changed my mind, thanks anyway",
        "no thanks, not now",
        "maybe later",
        "leave it",
        "leave it for now",
        "scrap that",
        "nah scrap that, not today",
        "doesn't matter",
        "it doesnt matter",
        "I don't want to book anymore",
        "not interested",
        "no ta, not now, maybe another time",
        "nah leave it for now mate, not ready yet",
        "forget it for now thanks, it's not a good time",
        "leave it, bad time at the moment",
        "Actually she's just said she'd rather sort it out herself, sorry to waste "
        "your time",
        "oh god no stop, wrong button, didn't mean to",
        "oops pressed the wrong button",
        "sorry, clicked by mistake",
        "scrap that sorry, my wife is going to ring you instead",
        "forget it, my son'll phone you",
        "ok thanks, bye",
        "bye for now",
    ],
)
def test_cancelling_in_any_words(text: str) -> None:
    assert is_cancel_request(text)


@pytest.mark.parametrize(
    "text",
    [
        "no",  # the consent question's "no"
        "No.",
        "nope",
        "no thanks",  # skips the email
        "skip",
        "I'm not worried about the cost",
        "not worried about it",
        "don't worry about the email",
        "leave it blank",
        "never mind the email",
        "scrap that, it's 07700 900456",  # a correction, not cancelling
        "oops wrong number, it's 07700 900456",
        "I didn't mean to say Tuesday, Wednesday please",
        "any time, doesn't matter",
        "I've changed my mind about the time",
        "what if I need to cancel later?",
        "is there a cancellation fee",
        "the pain won't stop",
        "stop sign",
        "not today",
        "not a good time",  # alone, it says when does not suit
        "mornings, not a good time for afternoons",
        "Jo Bloggs",
        "07700 900123",
        "friday morning",
        "yes",
        "",
    ],
)
def test_answers_and_plain_no_are_not_cancelling(text: str) -> None:
    assert not is_cancel_request(text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("probably IDD", "IDD Therapy"),
        ("the decompression one", "IDD Therapy"),
        ("spinal decompression", "IDD Therapy"),
        ("IDD Therapy", "IDD Therapy"),
        ("acupuncture i think", "Medical Acupuncture"),
        ("shockwave please", "Shockwave Therapy"),
        ("pilates", "Clinical Pilates"),
        ("physio", "Physiotherapy"),
        ("not sure yet", NOT_SURE),
        ("Not sure", NOT_SURE),
        ("don't know", NOT_SURE),
        ("no idea", NOT_SURE),
        ("unsure", NOT_SURE),
        ("whatever you recommend", NOT_SURE),
        ("decompression surgery", None),
        ("something for my neck", None),
    ],
)
def test_treatment_answers_map_to_the_clinics_names(
    text: str, expected: str | None
) -> None:
    assert canonical_treatment(text) == expected


def test_every_treatment_button_is_a_clinic_treatment(domain: dict) -> None:
    buttons = domain["responses"]["utter_ask_booking_treatment"][0]["buttons"]
    named = {canonical_treatment(b["payload"]) for b in buttons}
    assert named <= CLINIC_TREATMENTS | {NOT_SURE}
    for button in buttons:
        assert answers_question("booking_treatment", button["payload"], NOW)


@pytest.mark.timeout(60)
@pytest.mark.parametrize("unit", ["er ", "erm ", "ererer ", "ok, ", "no no "])
def test_a_repeated_filler_word_is_read_without_stalling(unit: str) -> None:
    text = (unit * 1000)[:1999] + " x"
    assert not is_cancel_request(text)
