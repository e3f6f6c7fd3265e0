"""Conversations are deleted once they are older than the retention period."""

from __future__ import annotations

import asyncio
import json
import time

import pytest
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import UserUttered
from rasa.shared.core.trackers import DialogueStateTracker

from bot.retrain import tracker_store
from bot.retrain.tracker_store import SwapSafeTrackerStore, forget_old_conversations

DAY = 86400.0


def tracker(sender: str, when: float) -> DialogueStateTracker:
    return DialogueStateTracker.from_events(
        sender, [UserUttered("hello", timestamp=when)]
    )


def test_old_conversations_are_forgotten_and_recent_ones_kept(
    monkeypatch: pytest.MonkeyPatch,
):
    monkeypatch.setattr(tracker_store, "_CONVERSATIONS", {})
    monkeypatch.setattr(tracker_store, "_last_sweep", {"at": 0.0})
    monkeypatch.setenv("CONVERSATION_RETENTION_DAYS", "30")
    store = SwapSafeTrackerStore(Domain.empty())
    now = time.time()
    asyncio.run(store.save(tracker("rest:old", now - 31 * DAY)))
    asyncio.run(store.save(tracker("rest:recent", now - 29 * DAY)))
    # The store sweeps at most once an hour: pretend the hour has passed.
    tracker_store._last_sweep["at"] = 0.0
    asyncio.run(store.save(tracker("rest:today", now)))
    assert set(store.store) == {"rest:recent", "rest:today"}


def test_the_sweep_counts_what_it_deleted():
    now = time.time()
    conversations = {
        "a": tracker("a", now - 40 * DAY).as_dialogue().as_dict(),
        "b": tracker("b", now).as_dialogue().as_dict(),
    }
    stored = {key: json.dumps(value) for key, value in conversations.items()}
    assert forget_old_conversations(stored, now, retention_days=30) == 1
    assert list(stored) == ["b"]
