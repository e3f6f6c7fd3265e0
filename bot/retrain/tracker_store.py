"""The conversation store of the running assistant: in memory, and kept across model swaps.

Rasa's `PUT /model` builds a new agent with a new tracker store; with Rasa's own
InMemoryTrackerStore every conversation in progress would be forgotten at each
publish. This store keeps the conversations in one dictionary per process, so
every store the process creates sees the same ones. Like Rasa's default, nothing
is written to disk and a restart forgets them. Configured in endpoints.yml.

A booking's name, phone, email and reason are removed from the stored events as
soon as the booking is sent or cancelled (bot.bookings.redaction), and a
conversation is deleted once its last message is older than
CONVERSATION_RETENTION_DAYS (default 30; checked at most once an hour).
"""

from __future__ import annotations

import json
import time
from typing import Any

from rasa.core.brokers.broker import EventBroker
from rasa.core.tracker_store import InMemoryTrackerStore
from rasa.shared.core.domain import Domain
from rasa.shared.core.trackers import DialogueStateTracker

from bot import settings
from bot.bookings.redaction import redact_finished_bookings

# sender id -> serialised tracker, shared by every store of this process
_CONVERSATIONS: dict[str, str] = {}
SWEEP_EVERY_SECONDS = 3600.0
_last_sweep = {"at": 0.0}


def last_activity(serialised: str) -> float:
    """The timestamp of a stored conversation's last event (0 if it has none)."""
    events = json.loads(serialised).get("events") or []
    return max((event.get("timestamp") or 0.0 for event in events), default=0.0)


def forget_old_conversations(
    conversations: dict[str, str],
    now: float,
    retention_days: float,
    active: str | None = None,
) -> int:
    """Deletes the conversations whose last event is older than the retention; how many.

    `active` (the conversation being saved right now) is kept whatever its events say.
    """
    cutoff = now - retention_days * 86400
    old = [
        key
        for key, value in conversations.items()
        if key != active and last_activity(value) < cutoff
    ]
    for key in old:
        del conversations[key]
    return len(old)


class SwapSafeTrackerStore(InMemoryTrackerStore):
    """Rasa's in-memory tracker store, with conversations that outlive a model swap."""

    def __init__(
        self,
        domain: Domain | None = None,
        event_broker: EventBroker | None = None,
        **kwargs: Any,
    ) -> None:
        kwargs.pop("host", None)  # Rasa passes the endpoint's url; there is none
        super().__init__(domain or Domain.empty(), event_broker, **kwargs)
        self.store = _CONVERSATIONS

    async def save(self, tracker: DialogueStateTracker) -> None:
        """Stores the conversation, without the details of bookings that have ended."""
        await self.stream_events(tracker)
        dialogue = tracker.as_dialogue().as_dict()
        dialogue["events"] = redact_finished_bookings(dialogue["events"])
        self.store[tracker.sender_id] = json.dumps(dialogue)
        now = time.time()
        if now - _last_sweep["at"] >= SWEEP_EVERY_SECONDS:
            _last_sweep["at"] = now
            forget_old_conversations(
                self.store,
                now,
                settings.conversation_retention_days(),
                active=tracker.sender_id,
            )
