"""The SQL tracker store on a real PostgreSQL server, as production runs it."""

from __future__ import annotations

import asyncio
import threading
import time

import pytest
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted, SlotSet, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker

from bot.server import conversations
from bot.server.tracker_store import ClinicTrackerStore
from tests.bookings.conftest import postgres  # noqa: F401 - the session's cluster

DAY = 86400.0


@pytest.fixture
def store(postgres, monkeypatch: pytest.MonkeyPatch) -> ClinicTrackerStore:  # noqa: F811
    """A tracker store on a fresh PostgreSQL database."""
    monkeypatch.setenv("CONVERSATIONS_DB_URL", postgres.new_database())
    return ClinicTrackerStore(Domain.empty())


def said(sender: str, text: str, when: float, *more) -> DialogueStateTracker:
    return DialogueStateTracker.from_events(
        sender, [UserUttered(text, timestamp=when), *more]
    )


def test_conversations_carry_on_expire_and_are_forgotten_on_postgresql(
    store: ClinicTrackerStore,
) -> None:
    now = time.time()
    asyncio.run(store.save(said("rest:jane", "what is IDD?", now)))
    replica = ClinicTrackerStore(Domain.empty())  # another process, same database
    tracker = asyncio.run(replica.retrieve("rest:jane"))
    assert tracker is not None and tracker.latest_message.text == "what is IDD?"

    asyncio.run(store.save(said("rest:old", "hello", now - 31 * DAY)))
    assert conversations.delete_older_than(store.engine, 30, now) == 1
    assert set(asyncio.run(store.keys())) == {"rest:jane"}

    forget = said(
        "rest:jane",
        "delete my details",
        now + 1,
        SlotSet("forget_key", "+447700900456"),
        ActionExecuted("action_forget_me"),
    )
    asyncio.run(store.save(forget))
    assert asyncio.run(replica.retrieve("rest:jane")) is None


def test_a_postgresql_restart_is_waited_out_and_nothing_is_lost(
    store: ClinicTrackerStore,
    postgres,  # noqa: F811
) -> None:
    now = time.time()
    first = said("rest:ann", "I'd like to book", now)
    asyncio.run(store.save(first))
    postgres.halt()
    comes_back = threading.Timer(3.0, postgres.resume)
    comes_back.start()
    try:
        # during the outage: the read waits for the server instead of starting afresh
        tracker = asyncio.run(store.retrieve("rest:ann"))
        assert tracker is not None
        tracker.update(UserUttered("tuesday morning", timestamp=now + 1))
        asyncio.run(store.save(tracker))
    finally:
        comes_back.join()
    stored = asyncio.run(ClinicTrackerStore(Domain.empty()).retrieve("rest:ann"))
    assert [e.text for e in stored.events if isinstance(e, UserUttered)] == [
        "I'd like to book",
        "tuesday morning",
    ]
