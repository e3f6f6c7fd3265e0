"""Short-lived channel state every Rasa process can read: WhatsApp options, Telegram
payloads.

A reply's buttons are sent by one Rasa process and the patient's answer may reach
another (two replicas behind nginx), or the same one after a restart. So what a
channel must remember between a reply and the answer lives in the conversation
database (bot.server.conversations: SQLite under var/, or PostgreSQL), in a table
of its own, `channel_memory`:

- keys are hashed (a WhatsApp sender id is a phone number), values are button
  payloads, which the assistant wrote, not the patient;
- every value expires after `ttl_seconds` (a day by default): options are meant
  for the next reply, and nothing here outlives the conversation's retention.

A database that cannot be reached is logged, and the channel carries on as if
nothing had been remembered (a number is then read as a number).
"""

from __future__ import annotations

import hashlib
import logging
import time

import sqlalchemy as sa
from sqlalchemy.engine import Engine

from bot import settings

log = logging.getLogger(__name__)

DAY_SECONDS = 86400.0
METADATA = sa.MetaData()
CHANNEL_MEMORY = sa.Table(
    "channel_memory",
    METADATA,
    sa.Column("key", sa.String(64), primary_key=True),
    sa.Column("value", sa.Text, nullable=False),
    sa.Column("expires_at", sa.Float, nullable=False, index=True),
)


class SharedMemory:
    """Keys to short texts, shared by every process on the same database, expiring."""

    def __init__(
        self,
        namespace: str,
        url: str | None = None,
        ttl_seconds: float = DAY_SECONDS,
    ) -> None:
        self.namespace = namespace
        self.url = url
        self.ttl_seconds = ttl_seconds
        self._engine: Engine | None = None

    @property
    def engine(self) -> Engine:
        """The database's engine, opened (and the table created) on first use."""
        if self._engine is None:
            from bot.server.conversations import engine_for

            engine = engine_for(self.url or settings.conversations_db_url())
            METADATA.create_all(engine)
            self._engine = engine
        return self._engine

    def _key(self, key: str) -> str:
        return hashlib.sha256(f"{self.namespace}\0{key}".encode()).hexdigest()

    def put(self, key: str, value: str) -> None:
        """Remembers `value` under `key` (replacing it),
        and forgets what has expired."""
        now = time.time()
        hashed = self._key(key)
        try:
            with self.engine.begin() as connection:
                connection.execute(
                    CHANNEL_MEMORY.delete().where(
                        sa.or_(
                            CHANNEL_MEMORY.c.key == hashed,
                            CHANNEL_MEMORY.c.expires_at < now,
                        )
                    )
                )
                connection.execute(
                    CHANNEL_MEMORY.insert().values(
                        key=hashed, value=value, expires_at=now + self.ttl_seconds
                    )
                )
        except sa.exc.SQLAlchemyError:
            log.warning("Could not remember %s state", self.namespace, exc_info=True)

    def get(self, key: str) -> str | None:
        """The value under `key`, unless it expired or was never stored."""
        try:
            with self.engine.connect() as connection:
                return connection.execute(
                    sa.select(CHANNEL_MEMORY.c.value).where(
                        CHANNEL_MEMORY.c.key == self._key(key),
                        CHANNEL_MEMORY.c.expires_at >= time.time(),
                    )
                ).scalar()
        except sa.exc.SQLAlchemyError:
            log.warning("Could not read %s state", self.namespace, exc_info=True)
            return None

    def pop(self, key: str) -> str | None:
        """The value under `key` (as get), which is then forgotten."""
        value = self.get(key)
        if value is not None:
            try:
                with self.engine.begin() as connection:
                    connection.execute(
                        CHANNEL_MEMORY.delete().where(
                            CHANNEL_MEMORY.c.key == self._key(key)
                        )
                    )
            except sa.exc.SQLAlchemyError:
                log.warning("Could not forget %s state", self.namespace, exc_info=True)
        return value
