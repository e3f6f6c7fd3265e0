"""validate_forget_form and action_forget_me against a real SQLite booking store."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from rasa_sdk.executor import CollectingDispatcher

from bot.actions import booking_submit, privacy
from bot.actions.privacy import ActionForgetMe, ValidateForgetForm
from bot.bookings.forget import GAVE_UP, NO_BOOKING
from bot.bookings.store import BookingStore, NewBooking
from tests.actions.conftest import responses, run_action

PHONE = "+447700900123"
FORM_STARTED = {"event": "active_loop", "name": "forget_form", "timestamp": 1.0}
REFUSED = {
    "event": "bot",
    "text": "Sorry, I couldn't find ...",
    "metadata": {"utter_action": "utter_invalid_forget_key"},
}


def booking(conversation_id: str = "rest:jane", phone: str = PHONE) -> NewBooking:
    """A booking request as the booking form stores it."""
    return NewBooking(
        conversation_id=conversation_id,
        submission_id="1",
        name="Jane Testpatient",
        phone_e164=phone,
        preferred_time_text="Friday morning",
        treatment="IDD Therapy",
        consent=True,
    )


@pytest.fixture
def store(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[BookingStore]:
    """The store the actions open (BOOKING_DB_URL), on a fresh SQLite file."""
    url = f"sqlite:///{tmp_path / 'bookings.db'}"
    monkeypatch.setenv("BOOKING_DB_URL", url)
    booking_submit.booking_store.cache_clear()
    store = BookingStore.from_url(url)
    store.create_schema()
    yield store
    store.close()
    booking_submit.booking_store.cache_clear()


def answered(make_tracker, text: str, intent: str = "inform", refused: int = 0):
    """The form asked for the key and from_text filled it with the answer `text`."""
    return make_tracker(
        slots={"forget_key": text},
        text=text,
        intent=intent,
        requested_slot="forget_key",
        events=[
            FORM_STARTED,
            *[REFUSED] * refused,
            {"event": "slot", "name": "forget_key", "value": text},
        ],
    )


def slots_set(events: list[dict]) -> dict:
    return {e["name"]: e["value"] for e in events if e["event"] == "slot"}


# --- validate_forget_form ----------------------------------------------------------


@pytest.mark.parametrize(
    "text, key",
    [
        ("please delete my booking HSC-7K2Q9", "HSC-7K2Q9"),
        ("forget me, my number is 07700 900123", PHONE),
    ],
)
def test_a_request_that_names_its_booking_fills_the_form_at_once(
    make_tracker, dispatcher, domain, text: str, key: str
) -> None:
    tracker = make_tracker(text=text, intent="request_deletion")
    events = run_action(ValidateForgetForm(), dispatcher, tracker, domain)
    assert slots_set(events) == {"forget_key": key}
    assert responses(dispatcher) == []


def test_a_request_without_a_key_leaves_the_form_to_ask(
    make_tracker, dispatcher, domain
) -> None:
    tracker = make_tracker(text="please delete my details", intent="request_deletion")
    events = run_action(ValidateForgetForm(), dispatcher, tracker, domain)
    assert slots_set(events) == {} and responses(dispatcher) == []


@pytest.mark.parametrize(
    "text, intent, key",
    [
        ("hsc 7k2q9", "inform", "HSC-7K2Q9"),
        ("it's 07700 900 123", "inform", PHONE),
        ("/deny", "deny", NO_BOOKING),
        ("I didn't book, just delete the chat", "request_deletion", NO_BOOKING),
    ],
)
def test_an_answer_is_accepted(
    make_tracker, dispatcher, domain, text: str, intent: str, key: str
) -> None:
    events = run_action(
        ValidateForgetForm(), dispatcher, answered(make_tracker, text, intent), domain
    )
    assert slots_set(events) == {"forget_key": key}
    assert responses(dispatcher) == []


def test_a_wrong_answer_is_asked_again_then_given_up(
    make_tracker, dispatcher, domain
) -> None:
    for refused in (0, 1):
        again = CollectingDispatcher()
        tracker = answered(make_tracker, "what?", refused=refused)
        events = run_action(ValidateForgetForm(), again, tracker, domain)
        assert slots_set(events) == {"forget_key": None}
        assert responses(again) == ["utter_invalid_forget_key"]

    tracker = answered(make_tracker, "what?", refused=2)
    events = run_action(ValidateForgetForm(), dispatcher, tracker, domain)
    assert slots_set(events) == {"forget_key": GAVE_UP}
    assert responses(dispatcher) == []  # action_forget_me gives the phone numbers


def test_refusals_before_the_form_last_started_do_not_count() -> None:
    events = [REFUSED, REFUSED, FORM_STARTED, REFUSED]
    assert privacy.failed_tries(events) == 1


# --- action_forget_me --------------------------------------------------------------


@pytest.mark.parametrize(
    "key, conversation",
    [
        ("HSC", "rest:someone-else"),  # the reference is the proof: from any chat
        (PHONE, "rest:jane"),  # a phone number: only in the chat that booked
    ],
)
def test_the_booking_is_deleted_and_the_patient_told(
    store: BookingStore, make_tracker, dispatcher, domain, key: str, conversation: str
) -> None:
    reference = store.submit(booking()).reference
    kept = store.submit(booking("rest:other", phone="+447700900999")).reference
    key = reference if key == "HSC" else key

    tracker = make_tracker(slots={"forget_key": key}, sender_id=conversation)
    events = run_action(ActionForgetMe(), dispatcher, tracker, domain)

    assert responses(dispatcher) == ["utter_forget_done"]
    assert dispatcher.messages[0]["count"] == 1
    assert [b.reference for b in store.list()] == [kept]
    assert store.outbox_for(reference) == []
    assert [r.conversation_id for r in store.forget_requests()] == ["rest:jane"]
    assert slots_set(events) == {"forget_key": None}


def test_someone_elses_phone_number_deletes_nothing_and_tells_nothing(
    store: BookingStore, make_tracker, dispatcher, domain
) -> None:
    store.submit(booking("rest:jane", phone=PHONE))
    tracker = make_tracker(slots={"forget_key": PHONE}, sender_id="rest:stranger")
    run_action(ActionForgetMe(), dispatcher, tracker, domain)
    # the same reply as for a number that never booked: nothing is revealed
    assert responses(dispatcher) == ["utter_forget_nothing_found_here"]
    assert len(store.list()) == 1 and store.forget_requests() == []


def test_a_request_staff_were_emailed_about_says_so(
    store: BookingStore, make_tracker, dispatcher, domain
) -> None:
    reference = store.submit(booking()).reference
    [message] = store.outbox_for(reference)
    store.mark_sent(message.id)
    tracker = make_tracker(slots={"forget_key": PHONE}, sender_id="rest:jane")
    run_action(ActionForgetMe(), dispatcher, tracker, domain)
    assert responses(dispatcher) == ["utter_forget_done_emailed"]


def test_nothing_found_is_said_plainly(
    store: BookingStore, make_tracker, dispatcher, domain
) -> None:
    store.submit(booking())
    run_action(
        ActionForgetMe(),
        dispatcher,
        make_tracker(slots={"forget_key": "HSC-22222"}),
        domain,
    )
    assert responses(dispatcher) == ["utter_forget_nothing_found"]
    assert len(store.list()) == 1 and store.forget_requests() == []


@pytest.mark.parametrize(
    "key, response",
    [
        (NO_BOOKING, "utter_forget_conversation_only"),
        (GAVE_UP, "utter_forget_give_up"),
        (None, "utter_forget_give_up"),
    ],
)
def test_without_a_booking_to_look_for_only_the_conversation_goes(
    store: BookingStore, make_tracker, dispatcher, domain, key, response: str
) -> None:
    store.submit(booking())
    run_action(
        ActionForgetMe(), dispatcher, make_tracker(slots={"forget_key": key}), domain
    )
    assert responses(dispatcher) == [response]
    assert len(store.list()) == 1


def test_a_database_failure_is_admitted(
    make_tracker, dispatcher, domain, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken() -> BookingStore:
        raise OSError("database unavailable")

    monkeypatch.setattr(privacy, "open_booking_store", broken)
    run_action(
        ActionForgetMe(), dispatcher, make_tracker(slots={"forget_key": PHONE}), domain
    )
    assert responses(dispatcher) == ["utter_forget_failed"]


# --- the responses -----------------------------------------------------------------


def test_every_response_the_flow_sends_is_in_the_domain(domain: dict) -> None:
    source = Path(privacy.__file__).read_text(encoding="utf-8")
    sent = set(re.findall(r'"(utter_\w+)"', source)) - {"utter_action"}  # a key
    assert sent and sent <= set(domain["responses"])
    assert "utter_ask_forget_key" in domain["responses"]
    assert {"action_forget_me", "validate_forget_form"} <= set(domain["actions"])
    assert domain["forms"]["forget_form"]["required_slots"] == ["forget_key"]


@pytest.mark.parametrize(
    "response",
    [
        "utter_forget_done",
        "utter_forget_done_emailed",
        "utter_forget_nothing_found",
        "utter_forget_conversation_only",
        "utter_forget_give_up",
        "utter_forget_failed",
    ],
)
def test_every_ending_says_the_conversation_was_deleted(
    domain: dict, response: str
) -> None:
    [variant] = domain["responses"][response]
    assert re.search(r"deleted (.*and )?our copy of this conversation", variant["text"])
    assert "{clinic_phones}" in variant["text"]
    assert "no problem" not in variant["text"].lower()
