"""The SQL tracker store: conversations that outlive the store, deletion on request,
redaction.

Every test uses a real SQLite conversation database (CONVERSATIONS_DB_URL) and a
real booking database, in tmp_path.
"""

from __future__ import annotations

import asyncio
import json
import logging
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import sqlalchemy as sa
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
from bot.server import conversations as stored_conversations
from bot.server import tracker_store
from bot.server.tracker_store import ClinicTrackerStore

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


def stored_events(store: ClinicTrackerStore, sender: str) -> list[dict]:
    """The events kept for a conversation, read from the database's rows."""
    with store.engine.connect() as connection:
        rows = connection.execute(
            sa.select(stored_conversations.EVENTS.c.data)
            .where(stored_conversations.EVENTS.c.sender_id == sender)
            .order_by(stored_conversations.EVENTS.c.id)
        ).scalars()
        return [json.loads(row) for row in rows]


def stored_senders(store: ClinicTrackerStore) -> set[str]:
    """The conversations the database holds."""
    return set(asyncio.run(store.keys()))


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
    bookings: BookingStore, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> ClinicTrackerStore:
    """A tracker store on an empty SQLite database, whose checks are all due."""
    monkeypatch.setenv(
        "CONVERSATIONS_DB_URL", f"sqlite:///{tmp_path / 'conversations.db'}"
    )
    monkeypatch.setattr(tracker_store, "_last_forget_check", {"at": 0.0})
    monkeypatch.setattr(tracker_store, "_recently_forgotten", {})
    monkeypatch.setenv("FORGET_POLL_SECONDS", "60")
    return ClinicTrackerStore(Domain.empty())


def save(store: ClinicTrackerStore, tracker: DialogueStateTracker) -> None:
    asyncio.run(store.save(tracker))


def test_action_forget_me_deletes_the_conversation(
    conversations: ClinicTrackerStore,
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
    assert asyncio.run(conversations.retrieve("rest:jane")) is None
    # The patient's next message starts a conversation that is kept as usual.
    save(conversations, said("rest:jane", "hello", time.time()))
    assert [e["event"] for e in stored_events(conversations, "rest:jane")] == ["user"]


def test_other_conversations_are_untouched_by_action_forget_me(
    conversations: ClinicTrackerStore,
) -> None:
    now = time.time()
    save(conversations, said("rest:other", "what is IDD?", now))
    forgotten = said("rest:jane", "forget me", now, ActionExecuted("action_forget_me"))
    save(conversations, forgotten)
    assert len(stored_events(conversations, "rest:other")) == 1


def test_forget_requests_are_carried_out_and_cleared(
    conversations: ClinicTrackerStore, bookings: BookingStore
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
    assert "rest:booked" in stored_senders(conversations)
    assert len(bookings.forget_requests()) == 1

    tracker_store._last_forget_check["at"] = 0.0  # a minute later
    save(conversations, said("rest:third", "hello again", time.time()))

    assert stored_senders(conversations) == {"rest:other", "rest:third"}
    assert bookings.forget_requests() == []


def test_a_conversation_begun_after_the_request_is_kept(
    conversations: ClinicTrackerStore, bookings: BookingStore
) -> None:
    bookings.submit(booking("rest:jane"))
    bookings.forget(phone=PHONE)
    save(conversations, said("rest:jane", "hello, I'm back", time.time() + 1))
    assert "rest:jane" in stored_senders(conversations)
    assert bookings.forget_requests() == []


def test_a_turn_answered_while_its_conversation_was_deleted_is_not_saved_back(
    conversations: ClinicTrackerStore, bookings: BookingStore
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
    conversations: ClinicTrackerStore,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    def broken() -> BookingStore:
        raise OSError("database unavailable")

    monkeypatch.setattr(tracker_store, "booking_store", broken)
    caplog.set_level(logging.WARNING)

    save(conversations, said("rest:jane", "hello", time.time()))

    assert "rest:jane" in stored_senders(conversations)
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


def test_a_conversation_outlives_its_store(conversations: ClinicTrackerStore) -> None:
    """A new store on the same database (a restart, a model swap) carries on."""
    now = time.time()
    save(conversations, said("rest:jane", "what is IDD?", now))
    after_restart = ClinicTrackerStore(Domain.empty())
    tracker = asyncio.run(after_restart.retrieve("rest:jane"))
    assert tracker is not None and tracker.latest_message.text == "what is IDD?"
    tracker.update(UserUttered("does it hurt?", timestamp=now + 1))
    save(after_restart, tracker)
    assert [e["text"] for e in stored_events(conversations, "rest:jane")] == [
        "what is IDD?",
        "does it hurt?",
    ]


DAY = 86400.0


def test_conversations_past_their_retention_are_deleted(
    conversations: ClinicTrackerStore,
) -> None:
    now = time.time()
    save(conversations, said("rest:old", "hello", now - 31 * DAY))
    save(conversations, said("rest:recent", "hello", now - 29 * DAY))
    save(conversations, said("rest:today", "hello", now))
    deleted = stored_conversations.delete_older_than(
        conversations.engine, retention_days=30, now=now
    )
    assert deleted == 1
    assert stored_senders(conversations) == {"rest:recent", "rest:today"}


def test_a_hostile_sender_id_fails_its_save_not_the_process(
    conversations: ClinicTrackerStore,
) -> None:
    """A lone surrogate cannot be stored: an error for the fail-safe, no exit."""
    with pytest.raises(UnicodeEncodeError):
        save(conversations, said("rest:\ud800x", "hello", time.time()))
    save(conversations, said("rest:next", "hello", time.time()))
    assert "rest:next" in stored_senders(conversations)
