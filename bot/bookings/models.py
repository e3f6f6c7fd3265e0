"""SQLAlchemy tables of the booking store: requests, their outbox, forget requests."""

from __future__ import annotations

from datetime import datetime, timezone
from typing import Any

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Column,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import declarative_base
from sqlalchemy.types import TypeDecorator

Base = declarative_base()

STATUS_NEW = "new"
STATUS_CONTACTED = "contacted"
BOOKING_STATUSES = (STATUS_NEW, STATUS_CONTACTED)

OUTBOX_PENDING = "pending"
OUTBOX_SENT = "sent"
OUTBOX_FAILED = "failed"
KIND_STAFF_NOTIFICATION = "staff_notification"


def utcnow() -> datetime:
    """The current time, timezone-aware, in UTC."""
    return datetime.now(timezone.utc)


class UTCDateTime(TypeDecorator):
    """A timestamp stored in UTC and always read back timezone-aware."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: Any, dialect: Dialect) -> Any:
        """Refuse naive datetimes; SQLite gets naive UTC, others aware UTC."""
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("timestamps must be timezone-aware")
        value = value.astimezone(timezone.utc)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: Any, dialect: Dialect) -> Any:
        """Attach UTC to what SQLite returns naive."""
        if value is None:
            return None
        if value.tzinfo is None:
            return value.replace(tzinfo=timezone.utc)
        return value.astimezone(timezone.utc)


class BookingRequest(Base):
    """A patient's request to be called back about an appointment."""

    __tablename__ = "booking_requests"
    __table_args__ = (
        UniqueConstraint(
            "conversation_id", "submission_id", name="uq_booking_submission"
        ),
        CheckConstraint("consent", name="ck_booking_consent"),
        CheckConstraint("status IN ('new', 'contacted')", name="ck_booking_status"),
        Index("ix_booking_created_at", "created_at"),
        Index("ix_booking_status", "status"),
    )

    id = Column(Integer, primary_key=True)
    reference = Column(String(16), nullable=False, unique=True)
    conversation_id = Column(String(255), nullable=False)
    submission_id = Column(String(255), nullable=False)
    name = Column(String(100), nullable=False)
    phone_e164 = Column(String(20), nullable=False)
    email = Column(String(254), nullable=True)
    preferred_time_text = Column(String(200), nullable=False)
    preferred_date = Column(Date, nullable=True)
    treatment = Column(String(200), nullable=False)
    reason = Column(Text, nullable=True)
    consent = Column(Boolean, nullable=False)
    status = Column(String(16), nullable=False, default=STATUS_NEW)
    created_at = Column(UTCDateTime, nullable=False, default=utcnow)
    contacted_at = Column(UTCDateTime, nullable=True)

    def __repr__(self) -> str:
        """Reference and status only: the rest is personal."""
        return f"<BookingRequest {self.reference} {self.status}>"


class OutboxMessage(Base):
    """An email waiting to be sent (or sent) about a booking request."""

    __tablename__ = "outbox_messages"
    __table_args__ = (
        CheckConstraint(
            "status IN ('pending', 'sent', 'failed')", name="ck_outbox_status"
        ),
        Index("ix_outbox_due", "status", "next_attempt_at"),
    )

    id = Column(Integer, primary_key=True)
    booking_id = Column(
        Integer,
        ForeignKey("booking_requests.id", ondelete="CASCADE"),
        nullable=False,
        index=True,
    )
    kind = Column(String(32), nullable=False)
    recipient = Column(String(254), nullable=False)
    subject = Column(String(200), nullable=False)
    body = Column(Text, nullable=False)
    status = Column(String(16), nullable=False, default=OUTBOX_PENDING)
    attempts = Column(Integer, nullable=False, default=0)
    next_attempt_at = Column(UTCDateTime, nullable=False, default=utcnow)
    last_error = Column(Text, nullable=True)
    created_at = Column(UTCDateTime, nullable=False, default=utcnow)
    sent_at = Column(UTCDateTime, nullable=True)

    def __repr__(self) -> str:
        """Id, kind and status only: the body is personal."""
        return f"<OutboxMessage {self.id} {self.kind} {self.status}>"


class ForgetRequest(Base):
    """A conversation the running assistant must forget (its booking was deleted).

    Written by BookingStore.forget (the staff command and the chat's deletion
    flow); read and then deleted by the assistant's tracker store
    (bot.server.tracker_store), whose turn being answered meanwhile must not save
    the conversation back.
    """

    __tablename__ = "forget_requests"

    id = Column(Integer, primary_key=True)
    conversation_id = Column(String(255), nullable=False)
    requested_at = Column(UTCDateTime, nullable=False, default=utcnow, index=True)

    def __repr__(self) -> str:
        """Id only: a WhatsApp conversation id holds a phone number."""
        return f"<ForgetRequest {self.id}>"
