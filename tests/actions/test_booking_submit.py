"""action_submit_booking
and action_cancel_booking against a real SQLite booking store."""

from __future__ import annotations

import pytest
from rasa_sdk.events import ActiveLoop

from bot.actions import booking_submit
from bot.actions.booking_submit import (
    BOOKING_SLOTS,
    ActionCancelBooking,
    ActionSubmitBooking,
)
from bot.bookings.store import BookingStore
from tests.actions.conftest import responses, run_action

FILLED = {
    "booking_name": "Alex Testperson",
    "booking_phone": "+447700900123",
    "booking_email": "skipped",
    "booking_when": "Friday morning",
    "booking_when_date": "2099-01-02",
    "booking_treatment": "IDD Therapy",
    "booking_reason": "pain since my operation",
    "booking_consent": True,
    "booking_confirmed": True,
}
FORM_STARTED = [
    {"event": "active_loop", "name": "booking_form", "timestamp": 1764000000.5}
]


@pytest.fixture
def store(tmp_path, monkeypatch) -> BookingStore:
    url = f"sqlite:///{tmp_path / 'bookings.db'}"
    monkeypatch.setenv("BOOKING_DB_URL", url)
    booking_submit.booking_store.cache_clear()
    store = BookingStore.from_url(url)
    store.create_schema()
    yield store
    booking_submit.booking_store.cache_clear()


def slot_events(events) -> dict:
    return {e["name"]: e["value"] for e in events if e["event"] == "slot"}


def test_confirmed_request_is_stored_once_and_slots_cleared(
    store, make_tracker, dispatcher, domain
):
    tracker = make_tracker(slots=FILLED, events=FORM_STARTED)
    events = run_action(ActionSubmitBooking(), dispatcher, tracker, domain)

    assert responses(dispatcher) == ["utter_booking_done"]
    reference = dispatcher.messages[0]["reference"]
    assert reference.startswith("HSC-")
    rows = store.list()
    assert [r.reference for r in rows] == [reference]
    assert rows[0].email is None and rows[0].phone_e164 == "+447700900123"
    assert str(rows[0].preferred_date) == "2099-01-02"
    assert len(store.outbox_for(reference)) == 1
    cleared = slot_events(events)
    assert set(cleared) == set(BOOKING_SLOTS) and not any(cleared.values())

    # A retried call for the same conversation and submission stores nothing new.
    again = type(dispatcher)()
    run_action(ActionSubmitBooking(), again, tracker, domain)
    assert again.messages[0]["reference"] == reference
    assert len(store.list()) == 1


def test_no_consent_stores_nothing(store, make_tracker, dispatcher, domain):
    tracker = make_tracker(
        slots={**FILLED, "booking_consent": False}, events=FORM_STARTED
    )
    run_action(ActionSubmitBooking(), dispatcher, tracker, domain)
    assert responses(dispatcher) == ["utter_booking_no_consent"]
    assert store.list() == []


def test_abandoned_form_stores_nothing_and_says_nothing_more(
    store, make_tracker, dispatcher, domain
):
    tracker = make_tracker(
        slots={**FILLED, "booking_abandoned": True}, events=FORM_STARTED
    )
    run_action(ActionSubmitBooking(), dispatcher, tracker, domain)
    assert responses(dispatcher) == []
    assert store.list() == []


@pytest.mark.parametrize(
    "intent, response",
    [("cancel", "utter_booking_cancelled"), ("red_flag", "utter_booking_stopped")],
)
def test_cancel_saves_nothing(
    store, make_tracker, dispatcher, domain, intent, response
):
    tracker = make_tracker(slots=FILLED, intent=intent, requested_slot="booking_reason")
    events = run_action(ActionCancelBooking(), dispatcher, tracker, domain)
    assert responses(dispatcher) == [response]
    assert ActiveLoop(None) in events
    assert not any(slot_events(events).values())
    assert store.list() == []
