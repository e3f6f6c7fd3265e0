"""The tracker store forgets conversations on request: action_forget_me's, staff's."""

from __future__ import annotations

import asyncio
import json
import logging
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import (
    ActionExecuted,
    BotUttered,
    Event,
    SlotSet,
    UserUttered,
)
from rasa.shared.core.trackers import DialogueStateTracker

from bot.bookings.store import BookingStore, NewBooking
from bot.retrain import tracker_store
from bot.retrain.tracker_store import SwapSafeTrackerStore

PHONE = "+447700900456"


def booking(conversation_id: str) -> NewBooking:
    """A booking request made in `conversation_id`."""
    return NewBooking(
        conversation_id=conversation_id,
        submission_id="1",
        name="Jane Testpatient",
        phone_e164=PHONE,
        preferred_time_text="Thursday afternoon",
        treatment="IDD Therapy",
        consent=True,
    )


def said(sender: str, text: str, when: float, *more: Event) -> DialogueStateTracker:
    """A conversation in which the patient said `text` at `when`."""
    return DialogueStateTracker.from_events(
        sender, [UserUttered(text, timestamp=when), *more]
    )


def stored_events(store: SwapSafeTrackerStore, sender: str) -> list[dict]:
    """The events kept for a conversation."""
    return json.loads(store.store[sender])["events"]


@pytest.fixture
def bookings(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[BookingStore]:
    """A SQLite booking store the tracker store reads its forget requests from."""
    url = f"sqlite:///{tmp_path / 'bookings.db'}"
    monkeypatch.setenv("BOOKING_DB_URL", url)
    opened = tracker_store.booking_store  # a test may replace it
    opened.cache_clear()
    store = BookingStore.from_url(url)
    store.create_schema()
    yield store
    store.close()
    if opened.cache_info().currsize:
        opened().close()
    opened.cache_clear()


@pytest.fixture
def conversations(
    bookings: BookingStore, monkeypatch: pytest.MonkeyPatch
) -> SwapSafeTrackerStore:
    """A tracker store with no conversations, whose checks are all due."""
    monkeypatch.setattr(tracker_store, "_CONVERSATIONS", {})
    monkeypatch.setattr(tracker_store, "_last_sweep", {"at": time.time()})
    monkeypatch.setattr(tracker_store, "_last_forget_check", {"at": 0.0})
    monkeypatch.setattr(tracker_store, "_recently_forgotten", {})
    monkeypatch.setenv("FORGET_POLL_SECONDS", "60")
    return SwapSafeTrackerStore(Domain.empty())


def save(store: SwapSafeTrackerStore, tracker: DialogueStateTracker) -> None:
    asyncio.run(store.save(tracker))


def test_action_forget_me_leaves_an_empty_conversation(
    conversations: SwapSafeTrackerStore,
) -> None:
    now = time.time()
    tracker = said(
        "rest:jane",
        "my name is Jane Testpatient, 07700 900456",
        now,
        SlotSet("forget_key", PHONE),
        ActionExecuted("action_forget_me"),
        BotUttered("Done: ...", metadata={"utter_action": "utter_forget_done"}),
        ActionExecuted("action_listen"),
    )

    save(conversations, tracker)

    assert stored_events(conversations, "rest:jane") == []
    assert "Jane" not in conversations.store["rest:jane"]
    kept = asyncio.run(conversations.retrieve("rest:jane"))
    assert kept is not None and list(kept.events) == []
    # The patient's next message starts a conversation that is kept as usual.
    save(conversations, said("rest:jane", "hello", time.time()))
    assert [e["event"] for e in stored_events(conversations, "rest:jane")] == ["user"]


def test_other_conversations_are_untouched_by_action_forget_me(
    conversations: SwapSafeTrackerStore,
) -> None:
    now = time.time()
    save(conversations, said("rest:other", "what is IDD?", now))
    forgotten = said("rest:jane", "forget me", now, ActionExecuted("action_forget_me"))
    save(conversations, forgotten)
    assert len(stored_events(conversations, "rest:other")) == 1


def test_forget_requests_are_carried_out_and_cleared(
    conversations: SwapSafeTrackerStore, bookings: BookingStore
) -> None:
    before = time.time() - 60
    save(conversations, said("rest:booked", "book me in", before))
    save(conversations, said("rest:other", "what is IDD?", before))
    conversations_checked_at = tracker_store._last_forget_check["at"]
    bookings.submit(booking("rest:booked"))
    bookings.forget(phone="07700 900456")

    # Checked at the first save: the next one, within a minute, does no work.
    save(conversations, said("rest:third", "hello", time.time()))
    assert tracker_store._last_forget_check["at"] == conversations_checked_at
    assert "rest:booked" in conversations.store
    assert len(bookings.forget_requests()) == 1

    tracker_store._last_forget_check["at"] = 0.0  # a minute later
    save(conversations, said("rest:third", "hello again", time.time()))

    assert set(conversations.store) == {"rest:other", "rest:third"}
    assert bookings.forget_requests() == []


def test_a_conversation_begun_after_the_request_is_kept(
    conversations: SwapSafeTrackerStore, bookings: BookingStore
) -> None:
    bookings.submit(booking("rest:jane"))
    bookings.forget(phone=PHONE)
    save(conversations, said("rest:jane", "hello, I'm back", time.time() + 1))
    assert "rest:jane" in conversations.store
    assert bookings.forget_requests() == []


def test_a_turn_answered_while_its_conversation_was_deleted_is_not_saved_back(
    conversations: SwapSafeTrackerStore, bookings: BookingStore
) -> None:
    began = time.time() - 60
    save(conversations, said("rest:jane", "book me in", began))
    # The turn now being answered holds the whole conversation in memory.
    in_flight = said("rest:jane", "book me in", began, UserUttered("Jane T"))
    bookings.submit(booking("rest:jane"))
    bookings.forget(phone=PHONE)

    assert asyncio.run(conversations.forget_requested_conversations()) == 1
    save(conversations, in_flight)

    assert stored_events(conversations, "rest:jane") == []
    save(conversations, said("rest:jane", "hello again", time.time() + 1))
    assert len(stored_events(conversations, "rest:jane")) == 1


def test_an_unreadable_booking_database_does_not_stop_saving(
    conversations: SwapSafeTrackerStore,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    def broken() -> BookingStore:
        raise OSError("database unavailable")

    monkeypatch.setattr(tracker_store, "booking_store", broken)
    caplog.set_level(logging.WARNING)

    save(conversations, said("rest:jane", "hello", time.time()))

    assert "rest:jane" in conversations.store
    assert "Could not read the forget requests" in caplog.text


@pytest.mark.parametrize(
    "events, forgotten",
    [
        ([{"event": "action", "name": "action_forget_me"}], True),
        ([{"event": "action", "name": "action_submit_booking"}], False),
        ([{"event": "bot", "text": "action_forget_me"}], False),
        ([], False),
    ],
)
def test_asked_to_be_forgotten(events: list[dict], forgotten: bool) -> None:
    assert tracker_store.asked_to_be_forgotten(events) is forgotten
