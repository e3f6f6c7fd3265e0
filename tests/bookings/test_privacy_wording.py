"""utter_privacy tells the truth: it agrees with the settings, store and redaction."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from bot import settings
from bot.bookings.models import BookingRequest
from bot.bookings.redaction import DETAIL_SLOTS, ENDING_ACTIONS

ROOT = Path(__file__).resolve().parents[2]
DOMAIN = yaml.safe_load((ROOT / "domain.yml").read_text(encoding="utf-8"))
[PRIVACY] = [variant["text"] for variant in DOMAIN["responses"]["utter_privacy"]]

# Each column of a booking request that holds what the patient gave, and the words
# utter_privacy uses for it. A new column must be added here and to the answer.
PATIENT_COLUMNS = {
    "name": "name",
    "phone_e164": "phone number",
    "email": "email (if you give one)",
    "preferred_time_text": "preferred time",
    "preferred_date": "preferred time",
    "treatment": "treatment",
    "reason": "reason",
    "conversation_id": "chat id",
}
BOOKKEEPING_COLUMNS = {
    "id",
    "reference",
    "submission_id",
    "consent",
    "status",
    "created_at",
    "contacted_at",
}


@pytest.fixture
def defaults(monkeypatch: pytest.MonkeyPatch) -> None:
    """The settings as they are when nothing is configured."""
    monkeypatch.delenv("CONVERSATION_RETENTION_DAYS", raising=False)
    monkeypatch.delenv("BOOKING_RETENTION_DAYS", raising=False)


def test_the_retention_periods_are_the_settings_defaults(defaults: None) -> None:
    conversation_days = settings.conversation_retention_days()
    booking_days = settings.booking_retention_days()
    assert f"deleted {conversation_days:g} days after your last message" in PRIVACY
    assert f"booking requests are deleted after {booking_days:g} days" in PRIVACY
    said = sorted(int(days) for days in re.findall(r"(\d+) days", PRIVACY))
    assert said == sorted([int(conversation_days), int(booking_days)])


def test_it_lists_everything_a_booking_request_keeps() -> None:
    columns = {column.name for column in BookingRequest.__table__.columns}
    assert columns == set(PATIENT_COLUMNS) | BOOKKEEPING_COLUMNS
    for words in PATIENT_COLUMNS.values():
        assert words in PRIVACY


def test_booking_details_leave_the_conversation_when_it_is_sent_or_cancelled() -> None:
    assert "As soon as a request is sent or cancelled" in PRIVACY
    assert ENDING_ACTIONS == {"action_submit_booking", "action_cancel_booking"}
    for slot in ("name", "phone", "email", "when", "treatment", "reason"):
        assert f"booking_{slot}" in DETAIL_SLOTS


def test_it_says_who_sees_it_and_how_to_ask_for_deletion() -> None:
    assert "Only the clinic's team sees them, to arrange your appointment" in PRIVACY
    assert "aren't used for anything else" in PRIVACY
    assert 'say "delete my details" here' in PRIVACY and "{clinic_phones}" in PRIVACY
    assert PRIVACY.endswith("In an emergency call 999.")
    data = yaml.safe_load((ROOT / "bot" / "data" / "privacy.yml").read_text())
    [deletion] = [item for item in data["nlu"] if item["intent"] == "request_deletion"]
    assert "- delete my details\n" in deletion["examples"]
