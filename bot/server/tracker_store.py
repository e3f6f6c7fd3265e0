"""The conversation store of the running assistant: Rasa's SQL tracker store, with the
clinic's privacy.

Conversations are rows of Rasa's own `events` table, in SQLite under var/ by
default or PostgreSQL (CONVERSATIONS_DB_URL, bot.settings). So a conversation,
a half-filled booking form included, carries on after Rasa restarts or loads a
new model, and several Rasa processes can share one store (Rasa's own scaling
path, with a Redis lock store). Configured in endpoints.yml.

What it adds to Rasa's SQLTrackerStore:
- a booking's name, phone, email and reason are removed from the stored events
  as soon as the booking is sent or cancelled (bot.bookings.redaction): the
  conversation's stored session is rewritten once, at that turn;
- deletion on request ("please delete my details"):
  - in the conversation itself: once `action_forget_me` has run, the turn's save
    deletes the conversation instead (the patient's next message starts afresh);
  - for other conversations: BookingStore.forget (the staff command
    `python -m bot.bookings forget`, or action_forget_me for a booking made in
    another chat) writes their ids to the booking database's forget_requests
    table. A save checks that table at most every FORGET_POLL_SECONDS (default
    60), deletes the conversations that had begun before their request, then
    the rows. A turn still being answered when its conversation was deleted
    does not save it back.
A database that cannot be reached (PostgreSQL restarting, a failover) is waited
out for up to DATABASE_OUTAGE_SECONDS (default 30): the patient's reply comes
late rather than from an empty conversation. Only after that does Rasa's
FailSafeTrackerStore answer from memory.
Conversations whose last message is older than CONVERSATION_RETENTION_DAYS are
deleted by `python -m bot.bookings purge` and by the notification sender's hourly
sweep (bot.server.conversations), not here.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import time
from collections.abc import Awaitable, Callable, Iterable, Iterator
from functools import lru_cache
from typing import Any, TypeVar

import sqlalchemy as sa
from rasa.core.brokers.broker import EventBroker
from rasa.core.tracker_store import SQLTrackerStore, TrackerStore
from rasa.shared.core.domain import Domain
from rasa.shared.core.trackers import DialogueStateTracker
from sqlalchemy.orm import Session

from bot import settings
from bot.bookings.models import ForgetRequest
from bot.bookings.redaction import redact_finished_bookings
from bot.bookings.store import BookingStore
from bot.server import conversations

log = logging.getLogger(__name__)

# The action after which a conversation keeps none of its events.
FORGET_ACTION = "action_forget_me"
REMEMBER_FORGOTTEN_SECONDS = 3600.0
# Endpoint keys of Rasa's SQLTrackerStore that the URL replaces.
RASA_CONNECTION_KEYS = (
    "host",
    "dialect",
    "db",
    "username",
    "password",
    "port",
    "login_db",
    "query",
    "url",
)

# Waits between tries while the database cannot be reached: doubling up to the cap.
FIRST_RETRY_SECONDS, LONGEST_RETRY_SECONDS = 0.25, 2.0

T = TypeVar("T")

_last_forget_check = {"at": 0.0}
# Conversations deleted on request lately: id -> (when it was asked, when it was
# done), in epoch seconds, so that a turn answered meanwhile is not saved back.
_recently_forgotten: dict[str, tuple[float, float]] = {}


def began(events: Iterable[dict[str, Any]]) -> float | None:
    """The timestamp of the first of these (serialised) events, or None."""
    return min((e["timestamp"] for e in events if e.get("timestamp")), default=None)


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


def event_row(sender_id: str, event: dict[str, Any]) -> dict[str, Any]:
    """One serialised event as a row of Rasa's events table
    (as SQLTrackerStore.save writes it)."""
    return {
        "sender_id": sender_id,
        "type_name": event["event"],
        "timestamp": event.get("timestamp"),
        "intent_name": (event.get("parse_data") or {}).get("intent", {}).get("name"),
        "action_name": event.get("name"),
        "data": json.dumps(event),
    }


def unreachable(error: sa.exc.DBAPIError) -> bool:
    """True for a database that cannot be reached right now (down, restarting,
    busy), not for a query it refused."""
    if error.connection_invalidated:
        return True
    cause = error.orig
    return type(cause).__name__ in {"OperationalError", "InterfaceError"} and not (
        str(cause).startswith("no such")  # SQLite's missing table or column
    )


def _waits() -> Iterator[float]:
    """The waits between tries, until DATABASE_OUTAGE_SECONDS have passed."""
    deadline = time.monotonic() + settings.database_outage_seconds()
    wait = FIRST_RETRY_SECONDS
    while time.monotonic() + wait <= deadline:
        yield wait
        wait = min(2 * wait, LONGEST_RETRY_SECONDS)


def _worth_waiting(error: sa.exc.DBAPIError) -> bool:
    """True, and logged, for an unreachable database; False for a refused query."""
    if not unreachable(error):
        return False
    log.warning(
        "The conversation database is unreachable (%s); trying again",
        type(error.orig).__name__,
    )
    return True


async def outlasting_outages(call: Callable[[], Awaitable[T]]) -> T:
    """`call()`, tried again while the database is unreachable, for up to
    DATABASE_OUTAGE_SECONDS; then its error."""
    for wait in _waits():
        try:
            return await call()
        except sa.exc.DBAPIError as error:
            if not _worth_waiting(error):
                raise
        await asyncio.sleep(wait)
    return await call()


def create_table_when_reachable(engine: sa.engine.Engine) -> None:
    """Creates the events table, waiting out an outage (for a process starting)."""
    for wait in _waits():
        try:
            conversations.METADATA.create_all(engine)
            return
        except sa.exc.DBAPIError as error:
            if not _worth_waiting(error):
                raise
        time.sleep(wait)
    conversations.METADATA.create_all(engine)


class ClinicTrackerStore(SQLTrackerStore):
    """Rasa's SQL tracker store on CONVERSATIONS_DB_URL,
    with redaction and deletion on request."""

    def __init__(
        self,
        domain: Domain | None = None,
        event_broker: EventBroker | None = None,
        **kwargs: Any,
    ) -> None:
        url = kwargs.get("url") or settings.conversations_db_url()
        for key in RASA_CONNECTION_KEYS:
            kwargs.pop(key, None)
        # Rasa's own __init__ builds the URL from parts and retries forever;
        # the engine here is the clinic's (private SQLite files, WAL, no
        # parameters in error messages) and shared by every store of the process.
        self.engine = conversations.engine_for(url)
        # Rasa would not start if this failed: wait for a database still starting.
        create_table_when_reachable(self.engine)
        self.sessionmaker = sa.orm.sessionmaker(bind=self.engine)
        TrackerStore.__init__(self, domain or Domain.empty(), event_broker, **kwargs)
        self.forget_poll_seconds = settings.forget_poll_seconds()

    async def _retrieve(
        self, sender_id: str, fetch_events_from_all_sessions: bool
    ) -> DialogueStateTracker | None:
        """Rasa's, waiting out a database outage."""
        parent = super()._retrieve
        return await outlasting_outages(
            lambda: parent(sender_id, fetch_events_from_all_sessions)
        )

    @contextlib.contextmanager
    def session_scope(self) -> Iterator[Session]:
        """A session, closed afterwards; errors propagate.

        Rasa's own scope ends the whole process (print_error_and_exit) on any
        ValueError, meant for a missing PostgreSQL schema: a hostile sender id with
        a lone surrogate (UnicodeEncodeError is a ValueError) would take Rasa down.
        Here the error reaches Rasa's FailSafeTrackerStore, which logs it and
        answers from its fallback store.
        """
        session = self.sessionmaker()
        try:
            yield session
        finally:
            session.close()

    async def save(self, tracker: DialogueStateTracker) -> None:
        """Stores the turn's new events; rewrites the session once a booking has ended.

        After action_forget_me it deletes the conversation instead.
        """
        await self.stream_events(tracker)
        sender_id = tracker.sender_id
        events = tracker.as_dialogue().as_dict()["events"]
        await outlasting_outages(lambda: self._save_events(sender_id, events))
        now = time.time()
        if now - _last_forget_check["at"] >= self.forget_poll_seconds:
            _last_forget_check["at"] = now
            await self.forget_requested_conversations()

    async def _save_events(self, sender_id: str, events: list[dict[str, Any]]) -> None:
        """Stores the events, or deletes the conversation once asked to."""
        if asked_to_be_forgotten(events) or forgotten_meanwhile(sender_id, events):
            conversations.delete_conversation(self.engine, sender_id)
            log.info("A conversation was deleted on request")
        else:
            self._store(sender_id, events)

    def _store(self, sender_id: str, events: list[dict[str, Any]]) -> None:
        """Appends what is new, or rewrites the session when redaction changed it."""
        redacted = redact_finished_bookings(events)
        with self.session_scope() as session:
            stored = self._event_query(
                session, sender_id, fetch_events_from_all_sessions=False
            )
            if redacted == events:
                new = events[stored.count() :]
            else:
                ids = [row.id for row in stored.with_entities(self.SQLEvent.id)]
                session.execute(
                    sa.delete(self.SQLEvent)
                    .where(self.SQLEvent.id.in_(ids))
                    .execution_options(synchronize_session=False)
                )
                new = redacted
            if new:
                session.execute(
                    sa.insert(self.SQLEvent),
                    [event_row(sender_id, event) for event in new],
                )
            session.commit()

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
        deleted = 0
        for request in requests:
            first = conversations.began_at(self.engine, request.conversation_id)
            if first is not None and first <= request.requested_at.timestamp():
                conversations.delete_conversation(self.engine, request.conversation_id)
                deleted += 1
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
