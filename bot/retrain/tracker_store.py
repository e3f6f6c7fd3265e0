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

Deletion on request ("please delete my details"):
- in the conversation itself: once `action_forget_me` has run, the turn is saved
  as an empty conversation, so nothing said before it is kept (the patient's
  next message starts afresh);
- for other conversations: BookingStore.forget (the staff command
  `python -m bot.bookings forget`, or action_forget_me for a booking made in
  another chat) writes their ids to the booking database's forget_requests
  table. A save checks that table at most every FORGET_POLL_SECONDS (default
  60), deletes those conversations, then the rows. A conversation that began
  after its request (a new chat on the same channel id) is kept; one whose turn
  was still being answered is stored empty when that turn is saved. The rows are
  read by whichever Rasa process checks first: with several processes, use a
  shared tracker store instead (endpoints.yml).
"""

from __future__ import annotations

import asyncio
import json
import logging
import time
from collections.abc import Iterable
from functools import lru_cache
from typing import Any

from rasa.core.brokers.broker import EventBroker
from rasa.core.tracker_store import InMemoryTrackerStore
from rasa.shared.core.domain import Domain
from rasa.shared.core.trackers import DialogueStateTracker

from bot import settings
from bot.bookings.models import ForgetRequest
from bot.bookings.redaction import redact_finished_bookings
from bot.bookings.store import BookingStore

log = logging.getLogger(__name__)

# sender id -> serialised tracker, shared by every store of this process
_CONVERSATIONS: dict[str, str] = {}
SWEEP_EVERY_SECONDS = 3600.0
_last_sweep = {"at": 0.0}
_last_forget_check = {"at": 0.0}
# The action after which a conversation keeps none of its events.
FORGET_ACTION = "action_forget_me"
# Conversations deleted on request lately: id -> (when it was asked, when it was
# done), in epoch seconds. A turn still being answered when its conversation was
# deleted must not save the conversation back.
_recently_forgotten: dict[str, tuple[float, float]] = {}
REMEMBER_FORGOTTEN_SECONDS = 3600.0


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


def began(events: Iterable[dict[str, Any]]) -> float | None:
    """The timestamp of the first of these (serialised) events, or None."""
    return min((e["timestamp"] for e in events if e.get("timestamp")), default=None)


def first_activity(serialised: str) -> float | None:
    """The timestamp of a stored conversation's first event (None if it has none)."""
    return began(json.loads(serialised).get("events") or [])


def asked_to_be_forgotten(events: Iterable[dict[str, Any]]) -> bool:
    """True once action_forget_me has run in these (serialised) events."""
    return any(
        event.get("event") == "action" and event.get("name") == FORGET_ACTION
        for event in events
    )


def forgotten_meanwhile(sender_id: str, events: list[dict[str, Any]]) -> bool:
    """True if this conversation, as it began, was deleted on request lately."""
    if sender_id not in _recently_forgotten:
        return False
    first = began(events)
    return first is not None and first <= _recently_forgotten[sender_id][0]


def forget_requested(
    conversations: dict[str, str], requests: Iterable[ForgetRequest]
) -> int:
    """Deletes the conversations named in forget requests; how many were deleted.

    Only a conversation that had begun before its request is deleted.
    """
    deleted = 0
    for request in requests:
        stored = conversations.get(request.conversation_id)
        first = first_activity(stored) if stored is not None else None
        if first is not None and first <= request.requested_at.timestamp():
            del conversations[request.conversation_id]
            deleted += 1
    return deleted


def remember_forgotten(requests: Iterable[ForgetRequest], now: float) -> None:
    """Notes the conversations being forgotten now, and drops notes an hour old."""
    for sender_id, (_, done_at) in list(_recently_forgotten.items()):
        if now - done_at > REMEMBER_FORGOTTEN_SECONDS:
            del _recently_forgotten[sender_id]
    for request in requests:
        asked_at = request.requested_at.timestamp()
        earlier, _ = _recently_forgotten.get(request.conversation_id, (asked_at, now))
        _recently_forgotten[request.conversation_id] = (max(earlier, asked_at), now)


@lru_cache(maxsize=1)
def booking_store() -> BookingStore:
    """The booking store that holds the forget requests, opened on first use."""
    store = BookingStore.from_url(settings.booking_db_url())
    store.create_schema()
    return store


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
        self.forget_poll_seconds = settings.forget_poll_seconds()

    async def save(self, tracker: DialogueStateTracker) -> None:
        """Stores the conversation, without the details of bookings that have ended.

        After action_forget_me it stores an empty conversation instead.
        """
        await self.stream_events(tracker)
        dialogue = tracker.as_dialogue().as_dict()
        events = dialogue["events"]
        sender_id = tracker.sender_id
        if asked_to_be_forgotten(events) or forgotten_meanwhile(sender_id, events):
            fresh = self.init_tracker(sender_id)
            self.store[sender_id] = self.serialise_tracker(fresh)
            log.info("A conversation was deleted on request")
        else:
            dialogue["events"] = redact_finished_bookings(events)
            self.store[sender_id] = json.dumps(dialogue)
        now = time.time()
        if now - _last_forget_check["at"] >= self.forget_poll_seconds:
            _last_forget_check["at"] = now
            await self.forget_requested_conversations()
        if now - _last_sweep["at"] >= SWEEP_EVERY_SECONDS:
            _last_sweep["at"] = now
            forget_old_conversations(
                self.store,
                now,
                settings.conversation_retention_days(),
                active=tracker.sender_id,
            )

    async def forget_requested_conversations(self) -> int:
        """Deletes the conversations named in the forget requests; how many.

        A database that cannot be read is logged and tried again at the next check.
        """
        try:
            store = await asyncio.to_thread(booking_store)
            requests = await asyncio.to_thread(store.forget_requests)
        except Exception:  # noqa: BLE001 - saving the conversation must go on
            log.warning("Could not read the forget requests", exc_info=True)
            return 0
        remember_forgotten(requests, time.time())
        if not requests:
            return 0
        # On the event loop, as every other change to the conversations is.
        deleted = forget_requested(self.store, requests)
        try:
            await asyncio.to_thread(
                store.clear_forget_requests, [request.id for request in requests]
            )
        except Exception:  # noqa: BLE001 - carried out already; cleared next time
            log.warning("Could not clear the forget requests", exc_info=True)
        log.info(
            "%d forget request(s) carried out, %d conversation(s) deleted",
            len(requests),
            deleted,
        )
        return deleted
