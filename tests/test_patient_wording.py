"""What patients read outside the FAQ answers (issue 17, items 4 and 5).

Replies are rendered by Rasa's own response generator from the real domain.yml,
per channel, with the {clinic_phones} slot filled, as a patient would get them.
"""

from __future__ import annotations

import asyncio
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from rasa.core.nlg.response import TemplatedNaturalLanguageGenerator
from rasa.shared.core.domain import Domain
from rasa.shared.core.trackers import DialogueStateTracker

ROOT = Path(__file__).resolve().parent.parent
EMERGENCY = "In an emergency call 999."
CHANNELS = ["rest", "socketio", "telegram", "whatsapp"]

# Every reply that is not an answer: greeting, "not sure", fallback, empty,
# photo/sticker/voice note, not English, out of scope, no person here, no advice.
NON_ANSWERS = [
    "utter_greet",
    "utter_not_sure",
    "utter_default",
    "utter_empty_message",
    "utter_text_only",
    "utter_non_english",
    "utter_out_of_scope",
    "utter_human_handoff",
    "utter_medical_boundary",
]
# Replies that end a booking without sending it: the conversation store still
# keeps the messages, so they must not say that nothing was saved.
BOOKING_NOT_SENT = [
    "utter_booking_give_up",
    "utter_booking_no_consent",
    "utter_booking_cancelled",
    "utter_booking_stopped",
]
SAVED_CLAIM = re.compile(
    r"nothing (?:was|has been|is) saved|(?:haven't|have not) saved"
)


@pytest.fixture(scope="module")
def domain() -> Domain:
    return Domain.load(str(ROOT / "domain.yml"))


def render(domain: Domain, response: str, channel: str) -> dict:
    """The reply Rasa sends for `response` on `channel`,
    slots at their initial values."""
    nlg = TemplatedNaturalLanguageGenerator(domain.responses)
    tracker = DialogueStateTracker.from_events("patient", [], slots=domain.slots)
    reply = asyncio.run(nlg.generate(response, tracker, channel))
    assert reply is not None, f"{response} has no variant for {channel}"
    return reply


@pytest.mark.parametrize("channel", CHANNELS)
@pytest.mark.parametrize("response", NON_ANSWERS)
def test_every_non_answer_points_to_999(
    domain: Domain, response: str, channel: str
) -> None:
    assert EMERGENCY in render(domain, response, channel)["text"]


def test_every_variant_of_a_non_answer_points_to_999(domain: Domain) -> None:
    missing = [
        (name, variant.get("channel", "default"))
        for name in NON_ANSWERS
        for variant in domain.responses[name]
        if EMERGENCY not in variant.get("text", "")
    ]
    assert missing == []


@pytest.mark.parametrize("channel", ["telegram", "whatsapp"])
def test_the_greeting_says_it_is_automated_where_there_is_no_page_banner(
    domain: Domain, channel: str
) -> None:
    reply = render(domain, "utter_greet", channel)
    assert "automated assistant" in reply["text"] and "999" in reply["text"]
    assert [b["title"] for b in reply["buttons"]][-1] == "Book a consultation"


def test_the_whatsapp_greeting_keeps_its_numbered_options(domain: Domain) -> None:
    text = render(domain, "utter_greet", "whatsapp")["text"]
    assert "Reply with a number below, or type your question." in text


def test_non_answers_fill_in_both_phone_numbers(domain: Domain) -> None:
    text = render(domain, "utter_non_english", "rest")["text"]
    assert "0845 468 1088 or +44 20 3369 8747" in text and "{" not in text


@pytest.mark.parametrize("response", BOOKING_NOT_SENT)
def test_an_unsent_booking_says_nothing_was_sent_to_the_clinic(
    domain: Domain, response: str
) -> None:
    text = render(domain, response, "rest")["text"]
    assert re.search(r"(?:nothing|haven't).*sent.*to the clinic", text, re.I), text


def test_no_reply_claims_that_nothing_was_saved(domain: Domain) -> None:
    claims = [
        (name, variant["text"])
        for name, variants in domain.responses.items()
        for variant in variants
        if SAVED_CLAIM.search(variant.get("text", ""))
    ]
    assert claims == []


def test_no_reply_uses_angle_brackets(domain: Domain) -> None:
    # screen readers read ">" as "greater than": "over 90 %", not ">90%" (item 8)
    found = [
        name
        for name, variants in domain.responses.items()
        for variant in variants
        if re.search(r"[<>]", variant.get("text") or "")
    ]
    assert found == []


class _PrivacyNotice(HTMLParser):
    """Collects the text of the page's <aside class="privacy">."""

    def __init__(self) -> None:
        super().__init__()
        self.depth = 0
        self.parts: list[str] = []

    def handle_starttag(self, tag: str, attrs: list) -> None:
        if self.depth or (tag == "aside" and ("class", "privacy") in attrs):
            self.depth += 1

    def handle_endtag(self, tag: str) -> None:
        if self.depth:
            self.depth -= 1

    def handle_data(self, data: str) -> None:
        if self.depth:
            self.parts.append(data)


@pytest.fixture(scope="module")
def privacy_notice() -> str:
    parser = _PrivacyNotice()
    parser.feed((ROOT / "web" / "index.html").read_text(encoding="utf-8"))
    return " ".join(" ".join(parser.parts).split())


@pytest.mark.parametrize(
    "what, pattern",
    [
        (
            "how long conversations are kept",
            r"keeps each conversation for 30 days, then deletes it",
        ),
        (
            "how long booking requests are kept",
            r"call back.*for 90 days, then deletes them",
        ),
        (
            "that a WhatsApp or Telegram request stores the chat id",
            r"WhatsApp or Telegram, your chat id",
        ),
        (
            "that a WhatsApp chat id is a phone number",
            r"on WhatsApp that is your phone number",
        ),
        (
            "how to ask for deletion",
            r"To ask for your conversation or booking request to be deleted.*call 0845 "
            r"468 1088 or \+44 20 3369 8747",
        ),
        (
            "that closing the tab clears only the browser's copy",
            r"closing the tab clears that copy",
        ),
    ],
)
def test_the_privacy_notice_says(what: str, pattern: str, privacy_notice: str) -> None:
    assert re.search(pattern, privacy_notice), f"it should say {what}: {privacy_notice}"


def test_the_notice_keeps_booking_requests_as_long_as_the_documented_purge(
    privacy_notice: str,
) -> None:
    # README's staff command deletes booking requests older than this many days
    days = re.search(
        r"bookings purge --older-than (\d+)d", (ROOT / "README.md").read_text()
    )
    assert days, "README no longer documents the purge command"
    assert f"for {days.group(1)} days, then deletes them" in privacy_notice
