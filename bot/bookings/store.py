"""The booking store: booking requests and their outbox, on SQLite or PostgreSQL.

Usage:
    store = BookingStore.from_url(settings.booking_db_url())
    store.create_schema()
    result = store.submit(NewBooking(...))   # SubmitResult(reference, created)
    forgotten = store.forget(phone="07700 900123")  # Forgotten(references, ...)
"""

from __future__ import annotations

import logging
import os
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import create_engine, delete, event, or_, select, update
from sqlalchemy.engine import Engine, make_url
from sqlalchemy.exc import DBAPIError, IntegrityError
from sqlalchemy.orm import sessionmaker
from sqlalchemy.sql import Select

from bot import settings
from bot.bookings.messages import staff_notification
from bot.bookings.models import (
    KIND_STAFF_NOTIFICATION,
    OUTBOX_FAILED,
    OUTBOX_PENDING,
    OUTBOX_SENT,
    STATUS_CONTACTED,
    STATUS_NEW,
    Base,
    BookingRequest,
    ForgetRequest,
    OutboxMessage,
    utcnow,
)
from bot.bookings.references import new_reference, normalise_reference

log = logging.getLogger(__name__)

REFERENCE_ATTEMPTS = 10
SQLITE_BUSY_TIMEOUT_MS = 30_000
# How long a sender owns the messages it claimed (BookingStore.claim_outbox):
# far longer than one SMTP conversation (its timeout is 30 s).
OUTBOX_LEASE = timedelta(minutes=10)


class ConsentRequiredError(ValueError):
    """Raised when a booking is submitted without the patient's consent."""


class BookingStoreError(RuntimeError):
    """The database refused a booking; the message never quotes the patient's data."""


class NoFreeReferenceError(RuntimeError):
    """Raised when no unused reference was found (the reference space is full)."""


@dataclass(frozen=True)
class NewBooking:
    """What the booking form collected, already validated."""

    conversation_id: str
    submission_id: str
    name: str = field(repr=False)
    phone_e164: str = field(repr=False)
    preferred_time_text: str = field(repr=False)
    treatment: str
    consent: bool
    email: str | None = field(default=None, repr=False)
    preferred_date: date | None = None
    reason: str | None = field(default=None, repr=False)


@dataclass(frozen=True)
class Forgotten:
    """What BookingStore.forget deleted: references, and their conversations."""

    references: list[str]
    conversation_ids: list[str] = field(repr=False)  # a WhatsApp id is a phone number
    emailed: bool = False  # staff had already been emailed about one of them

    @property
    def count(self) -> int:
        """How many booking requests were deleted."""
        return len(self.references)


@dataclass(frozen=True)
class SubmitResult:
    """The booking's reference, and whether this call stored it (False on a retry)."""

    reference: str
    created: bool


class BookingStore:
    """Booking requests and outbox messages in one SQL database."""

    def __init__(self, engine: Engine, staff_email: str | None = None) -> None:
        """Use an engine made by `make_engine` (or `from_url`)."""
        self.engine = engine
        self.staff_email = staff_email or settings.staff_email()
        self._reads = sessionmaker(engine, future=True, expire_on_commit=False)
        self._writes = sessionmaker(
            engine.execution_options(sqlite_begin="IMMEDIATE"),
            future=True,
            expire_on_commit=False,
        )

    @classmethod
    def from_url(cls, url: str, staff_email: str | None = None) -> BookingStore:
        """A store on the database at a SQLAlchemy URL."""
        return cls(make_engine(url), staff_email=staff_email)

    def create_schema(self) -> None:
        """Create the tables if they do not exist yet."""
        Base.metadata.create_all(self.engine)

    def close(self) -> None:
        """Close the database connections."""
        self.engine.dispose()

    def submit(
        self,
        request: NewBooking,
        now: datetime | None = None,
        reference: str | None = None,
    ) -> SubmitResult:
        """Store a booking and its staff notification together, once per submission.

        `reference` is the one the patient was already given (a booking kept in
        the spool while the database was down); it is used unless taken.
        """
        if request.consent is not True:
            raise ConsentRequiredError("a booking needs the patient's consent")
        try:
            return self._submit_once(request, now, reference)
        except DBAPIError as error:
            # PostgreSQL's error DETAIL can quote the failing row: keep it out
            # of the exception (and so out of every log that prints it).
            raise BookingStoreError(
                f"{type(error.orig).__name__} while storing a booking request"
            ) from None

    def _submit_once(
        self, request: NewBooking, now: datetime | None, wanted: str | None
    ) -> SubmitResult:
        """Insert unless this submission is already stored; retry reference clashes."""
        existing = self._reference_for_submission(request)
        if existing:
            return SubmitResult(existing, created=False)
        for attempt in range(REFERENCE_ATTEMPTS):
            reference = wanted if wanted and attempt == 0 else new_reference()
            try:
                self._insert(request, reference, now or utcnow())
            except IntegrityError:
                # Either another worker stored this submission first, or the
                # random reference is taken: the database decides, not a check.
                existing = self._reference_for_submission(request)
                if existing:
                    return SubmitResult(existing, created=False)
                if self.get(reference) is None:
                    raise
                continue
            log.info("Booking request %s stored", reference)
            return SubmitResult(reference, created=True)
        raise NoFreeReferenceError("no unused booking reference found")

    def _insert(self, request: NewBooking, reference: str, now: datetime) -> None:
        """Insert the booking and its outbox row in one transaction."""
        with self._writes.begin() as session:
            booking = BookingRequest(
                reference=reference,
                conversation_id=request.conversation_id,
                submission_id=request.submission_id,
                name=request.name,
                phone_e164=request.phone_e164,
                email=request.email,
                preferred_time_text=request.preferred_time_text,
                preferred_date=request.preferred_date,
                treatment=request.treatment,
                reason=request.reason,
                consent=True,
                status=STATUS_NEW,
                created_at=now,
            )
            session.add(booking)
            session.flush()
            email = staff_notification(booking)
            session.add(
                OutboxMessage(
                    booking_id=booking.id,
                    kind=KIND_STAFF_NOTIFICATION,
                    recipient=self.staff_email,
                    subject=email.subject,
                    body=email.body,
                    status=OUTBOX_PENDING,
                    attempts=0,
                    next_attempt_at=now,
                    created_at=now,
                )
            )

    def _reference_for_submission(self, request: NewBooking) -> str | None:
        """The reference already stored for this (conversation, submission), if any."""
        query = select(BookingRequest.reference).where(
            BookingRequest.conversation_id == request.conversation_id,
            BookingRequest.submission_id == request.submission_id,
        )
        with self._reads() as session:
            return session.execute(query).scalar_one_or_none()

    def get(self, reference: str) -> BookingRequest | None:
        """The booking with this reference (case and prefix forgiving), or None."""
        query = select(BookingRequest).where(
            BookingRequest.reference == normalise_reference(reference)
        )
        with self._reads() as session:
            return session.execute(query).scalar_one_or_none()

    def list(
        self,
        status: str | None = None,
        since: datetime | None = None,
        until: datetime | None = None,
    ) -> list[BookingRequest]:
        """Bookings created in [since, until), newest first."""
        query = select(BookingRequest).order_by(
            BookingRequest.created_at.desc(), BookingRequest.id.desc()
        )
        if status is not None:
            query = query.where(BookingRequest.status == status)
        if since is not None:
            query = query.where(BookingRequest.created_at >= since)
        if until is not None:
            query = query.where(BookingRequest.created_at < until)
        with self._reads() as session:
            return list(session.execute(query).scalars())

    def mark_contacted(self, reference: str, now: datetime | None = None) -> bool:
        """Record that staff called the patient; False if there is no such booking."""
        reference = normalise_reference(reference)
        with self._writes.begin() as session:
            changed = session.execute(
                update(BookingRequest)
                .where(
                    BookingRequest.reference == reference,
                    BookingRequest.status == STATUS_NEW,
                )
                .values(status=STATUS_CONTACTED, contacted_at=now or utcnow())
            ).rowcount
            if changed:
                log.info("Booking request %s marked contacted", reference)
                return True
            found = session.execute(
                select(BookingRequest.id).where(BookingRequest.reference == reference)
            ).first()
            return found is not None

    def purge(self, older_than: timedelta, now: datetime | None = None) -> int:
        """Delete bookings (and their outbox rows) older than `older_than`.

        Forget requests that old go too: no running assistant has collected them.
        """
        cutoff = (now or utcnow()) - older_than
        old_ids = select(BookingRequest.id).where(BookingRequest.created_at < cutoff)
        with self._writes.begin() as session:
            session.execute(
                delete(OutboxMessage)
                .where(OutboxMessage.booking_id.in_(old_ids))
                .execution_options(synchronize_session=False)
            )
            deleted = session.execute(
                delete(BookingRequest)
                .where(BookingRequest.created_at < cutoff)
                .execution_options(synchronize_session=False)
            ).rowcount
            session.execute(
                delete(ForgetRequest)
                .where(ForgetRequest.requested_at < cutoff)
                .execution_options(synchronize_session=False)
            )
        log.info("Purged %d booking request(s) created before %s", deleted, cutoff)
        return deleted

    def forget(
        self,
        reference: str | None = None,
        phone: str | None = None,
        now: datetime | None = None,
        made_in: str | None = None,
    ) -> Forgotten:
        """Delete every booking (and its outbox) with this reference or phone number.

        `made_in` (a conversation id) also deletes every booking made in that
        conversation. The chat passes it and never a phone number: whoever knows
        a patient's number must not be able to delete their booking, nor learn
        whether that number booked at all. Staff may delete by phone.

        The conversations they came from are queued in forget_requests, in the
        same transaction, for the running assistant to delete. Raises ValueError
        when nothing is given or the phone number is not a UK one.
        """
        conditions = []
        if reference is not None:
            reference = normalise_reference(reference)
            conditions.append(BookingRequest.reference == reference)
        if phone is not None:
            conditions.append(BookingRequest.phone_e164 == _uk_phone(phone))
        if made_in is not None:
            conditions.append(BookingRequest.conversation_id == made_in)
        if not conditions:
            raise ValueError(
                "forget needs a booking reference, a phone number or a conversation"
            )
        with self._writes.begin() as session:
            rows = session.execute(
                select(
                    BookingRequest.id,
                    BookingRequest.reference,
                    BookingRequest.conversation_id,
                )
                .where(or_(*conditions))
                .order_by(BookingRequest.id)
            ).all()
            ids = [row.id for row in rows]
            emailed = False
            if ids:
                emailed = (
                    session.execute(
                        select(OutboxMessage.id).where(
                            OutboxMessage.booking_id.in_(ids),
                            OutboxMessage.status == OUTBOX_SENT,
                        )
                    ).first()
                    is not None
                )
                session.execute(
                    delete(OutboxMessage)
                    .where(OutboxMessage.booking_id.in_(ids))
                    .execution_options(synchronize_session=False)
                )
                session.execute(
                    delete(BookingRequest)
                    .where(BookingRequest.id.in_(ids))
                    .execution_options(synchronize_session=False)
                )
            conversations = list(dict.fromkeys(row.conversation_id for row in rows))
            requested_at = now or utcnow()
            session.add_all(
                ForgetRequest(conversation_id=conversation, requested_at=requested_at)
                for conversation in conversations
            )
        references = [row.reference for row in rows]
        # References only: names, numbers and conversation ids are personal.
        log.info(
            "Deleted %d booking request(s) on request: %s",
            len(references),
            ", ".join(references) or "none matched",
        )
        return Forgotten(references, conversations, emailed=emailed)

    def forget_requests(self) -> list[ForgetRequest]:
        """Conversations the running assistant has yet to forget, oldest first."""
        query = select(ForgetRequest).order_by(ForgetRequest.id)
        with self._reads() as session:
            return list(session.execute(query).scalars())

    def clear_forget_requests(self, ids: Iterable[int]) -> int:
        """Delete forget requests that have been carried out; how many."""
        ids = list(ids)
        if not ids:
            return 0
        with self._writes.begin() as session:
            return session.execute(
                delete(ForgetRequest)
                .where(ForgetRequest.id.in_(ids))
                .execution_options(synchronize_session=False)
            ).rowcount

    def pending_outbox(self, now: datetime, limit: int = 100) -> list[OutboxMessage]:
        """Pending outbox messages whose next attempt is due, oldest first."""
        query = _due_outbox(now, limit)
        with self._reads() as session:
            return list(session.execute(query).scalars())

    def claim_outbox(
        self, now: datetime, limit: int = 100, lease: timedelta = OUTBOX_LEASE
    ) -> list[OutboxMessage]:
        """Claims the due pending messages for one sender, oldest first.

        A claimed message is due again only after `lease` (its next attempt is
        moved), so two senders running at once never take the same message: on
        PostgreSQL the rows are locked with FOR UPDATE SKIP LOCKED while the
        claim is written, on SQLite the claim is one IMMEDIATE transaction. If a
        sender dies before mark_sent / mark_failed, the message is tried again
        once the lease is over.
        """
        query = _due_outbox(now, limit).with_for_update(skip_locked=True)
        with self._writes.begin() as session:
            claimed = list(session.execute(query).scalars())
            if claimed:
                session.execute(
                    update(OutboxMessage)
                    .where(OutboxMessage.id.in_([m.id for m in claimed]))
                    .values(next_attempt_at=now + lease)
                    .execution_options(synchronize_session=False)
                )
        return claimed

    def outbox_for(self, reference: str) -> list[OutboxMessage]:
        """Every outbox message of one booking, oldest first."""
        query = (
            select(OutboxMessage)
            .join(BookingRequest, OutboxMessage.booking_id == BookingRequest.id)
            .where(BookingRequest.reference == normalise_reference(reference))
            .order_by(OutboxMessage.id)
        )
        with self._reads() as session:
            return list(session.execute(query).scalars())

    def count_outbox(self, status: str = OUTBOX_PENDING) -> int:
        """How many outbox messages have this status."""
        query = select(OutboxMessage.id).where(OutboxMessage.status == status)
        with self._reads() as session:
            return len(session.execute(query).all())

    def mark_sent(self, message_id: int, now: datetime | None = None) -> None:
        """Record that an outbox message was delivered."""
        self._update_outbox(
            message_id,
            status=OUTBOX_SENT,
            sent_at=now or utcnow(),
            attempts=OutboxMessage.attempts + 1,
            last_error=None,
        )

    def mark_failed(
        self, message_id: int, error: str, next_attempt_at: datetime | None
    ) -> None:
        """Count a failed attempt; retry at `next_attempt_at`, or give up if None."""
        values: dict[str, Any] = {
            "attempts": OutboxMessage.attempts + 1,
            "last_error": error[:1000],
        }
        if next_attempt_at is None:
            values["status"] = OUTBOX_FAILED
        else:
            values["next_attempt_at"] = next_attempt_at
        self._update_outbox(message_id, **values)

    def _update_outbox(self, message_id: int, **values: Any) -> None:
        """Update one outbox row, and nothing else."""
        with self._writes.begin() as session:
            session.execute(
                update(OutboxMessage)
                .where(OutboxMessage.id == message_id)
                .values(**values)
                .execution_options(synchronize_session=False)
            )


def _due_outbox(now: datetime, limit: int) -> Select:
    """Pending outbox messages whose next attempt is due, oldest first."""
    return (
        select(OutboxMessage)
        .where(
            OutboxMessage.status == OUTBOX_PENDING,
            OutboxMessage.next_attempt_at <= now,
        )
        .order_by(OutboxMessage.next_attempt_at, OutboxMessage.id)
        .limit(limit)
    )


def _uk_phone(text: str) -> str:
    """The E.164 form of a UK phone number; ValueError (not quoting it) otherwise."""
    # Imported here: validation loads dateparser, which the staff command line
    # and the assistant's tracker store do not otherwise need.
    from bot.bookings.validation import normalise_uk_phone

    result = normalise_uk_phone(text)
    if not result.ok or result.value is None:
        raise ValueError("not a UK phone number")
    return result.value


def make_engine(url: str) -> Engine:
    """An engine whose errors never quote patients' data; SQLite gets WAL and more."""
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite":
        connect_args: dict[str, Any] = {}
        if (
            parsed.get_backend_name() == "postgresql"
            and "connect_timeout" not in parsed.query
        ):
            # Without it a database host that drops packets holds a booking
            # (and the action server thread) for minutes.
            connect_args["connect_timeout"] = settings.booking_db_connect_timeout()
        return create_engine(
            url,
            future=True,
            pool_pre_ping=True,
            hide_parameters=True,
            connect_args=connect_args,
        )
    database = parsed.database or ""
    engine = create_engine(
        url,
        future=True,
        hide_parameters=True,
        connect_args={"timeout": SQLITE_BUSY_TIMEOUT_MS / 1000},
    )
    if database and database != ":memory:" and not database.startswith("file:"):
        path = Path(database).expanduser()
        settings.ensure_private_dir(path.parent)
        event.listen(engine, "do_connect", _private_files(path))
    event.listen(engine, "connect", _configure_sqlite)
    event.listen(engine, "begin", _begin)
    return engine


SQLITE_SIDE_FILES = ("-wal", "-shm", "-journal")


def _private_files(database: Path) -> Any:
    """A do_connect hook: the database file and its WAL/journal files are 0600.

    The file is created 0600 before SQLite opens it; SQLite then gives its
    -wal, -shm and -journal files the database file's mode.
    """
    files = [database, *(Path(f"{database}{suffix}") for suffix in SQLITE_SIDE_FILES)]

    def before_connect(*_args: Any) -> None:
        try:
            os.close(os.open(database, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
        except FileExistsError:
            pass
        for file in files:  # tighten files made before this rule, or by hand
            try:
                if file.stat().st_mode & 0o077:
                    file.chmod(0o600)
            except FileNotFoundError:
                pass
            except PermissionError:
                log.warning("%s is readable by others and not ours to change", file)

    return before_connect


def _configure_sqlite(dbapi_connection: Any, _record: Any) -> None:
    """WAL so readers never block, a busy timeout so writers queue, real FKs."""
    # Let SQLAlchemy's "begin" event start transactions instead of pysqlite,
    # which otherwise begins late and runs SELECTs outside the transaction.
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.close()


def _begin(connection: Any) -> None:
    """BEGIN; writers say IMMEDIATE so they queue on the lock instead of failing."""
    mode = connection.get_execution_options().get("sqlite_begin", "DEFERRED")
    connection.exec_driver_sql(f"BEGIN {mode}")
