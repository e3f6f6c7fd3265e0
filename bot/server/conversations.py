"""The stored conversations, as plain SQL: for the commands that delete or read them.

The running assistant writes conversations through Rasa's SQL tracker store
(bot.server.tracker_store), one row per event in Rasa's own `events` table. The
staff commands (`purge`, the notification sender's hourly retention sweep) work on
that table here, without loading Rasa: the same columns, declared with SQLAlchemy
Core.

The database is SQLite under var/ by default (`conversations.db`) and PostgreSQL
when CONVERSATIONS_DB_URL says so (bot.settings); it may be the bookings database.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Iterable
from functools import cache

import sqlalchemy as sa
from sqlalchemy.engine import Engine

from bot import settings
from bot.bookings.store import make_engine

log = logging.getLogger(__name__)

DAY_SECONDS = 86400.0

# Rasa's SQLTrackerStore.SQLEvent, column for column (rasa/core/tracker_store.py).
METADATA = sa.MetaData()
EVENTS = sa.Table(
    "events",
    METADATA,
    sa.Column(
        "id", sa.Integer, sa.Sequence("events_seq", optional=True), primary_key=True
    ),
    sa.Column("sender_id", sa.String(255), nullable=False, index=True),
    sa.Column("type_name", sa.String(255), nullable=False),
    sa.Column("timestamp", sa.Float),
    sa.Column("intent_name", sa.String(255)),
    sa.Column("action_name", sa.String(255)),
    sa.Column("data", sa.Text),
)


@cache
def engine_for(url: str) -> Engine:
    """One engine per database URL and process: private SQLite files in WAL mode."""
    return make_engine(url)


def conversations_engine() -> Engine:
    """The engine of the configured conversation store, with its table created."""
    engine = engine_for(settings.conversations_db_url())
    METADATA.create_all(engine)
    return engine


def delete_older_than(engine: Engine, retention_days: float, now: float) -> int:
    """Deletes every conversation whose last event is older than the retention;
    how many."""
    cutoff = now - retention_days * DAY_SECONDS
    last_event = sa.func.max(EVENTS.c.timestamp)
    old = (
        sa.select(EVENTS.c.sender_id)
        .group_by(EVENTS.c.sender_id)
        .having(sa.or_(last_event < cutoff, last_event.is_(None)))
    )
    with engine.begin() as connection:
        senders = list(connection.execute(old).scalars())
        for chunk in _chunks(senders, 500):
            connection.execute(EVENTS.delete().where(EVENTS.c.sender_id.in_(chunk)))
    if senders:
        log.info("Deleted %d conversation(s) past their retention", len(senders))
    return len(senders)


def purge_expired(now: float | None = None) -> int:
    """Deletes the configured store's conversations past CONVERSATION_RETENTION_DAYS;
    how many."""
    return delete_older_than(
        conversations_engine(),
        settings.conversation_retention_days(),
        time.time() if now is None else now,
    )


def began_at(engine: Engine, sender_id: str) -> float | None:
    """When this conversation's first stored event happened
    (None if nothing is stored)."""
    with engine.connect() as connection:
        return connection.execute(
            sa.select(sa.func.min(EVENTS.c.timestamp)).where(
                EVENTS.c.sender_id == sender_id
            )
        ).scalar()


def delete_conversation(engine: Engine, sender_id: str) -> int:
    """Deletes every stored event of one conversation; how many rows went."""
    with engine.begin() as connection:
        return connection.execute(
            EVENTS.delete().where(EVENTS.c.sender_id == sender_id)
        ).rowcount


def _chunks(items: list[str], size: int) -> Iterable[list[str]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]
