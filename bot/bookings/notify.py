"""Deliver the outbox by SMTP, with retries and exponential backoff.

Usage:
    OutboxSender(store, settings.smtp_url()).run_once()
"""

from __future__ import annotations

import logging
import smtplib
import ssl
import threading
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from email.message import EmailMessage
from email.utils import make_msgid
from urllib.parse import unquote, urlsplit

from bot import settings
from bot.bookings.models import OutboxMessage, utcnow
from bot.bookings.store import BookingStore

log = logging.getLogger(__name__)

BASE_DELAY = timedelta(seconds=30)
MAX_DELAY = timedelta(hours=1)
MAX_ATTEMPTS = 20
SMTP_TIMEOUT_SECONDS = 30
# Messages claimed at a time: 10 x 30 s stays within the claim's lease (10 min).
CLAIM_BATCH = 10


class InsecureSmtpError(smtplib.SMTPException):
    """The SMTP server offers no TLS, so its password would travel in clear."""


@dataclass(frozen=True)
class SmtpServer:
    """Where and how to connect, parsed from smtp://user:pass@host:port."""

    host: str
    port: int
    use_ssl: bool
    username: str | None = None
    password: str | None = None

    @classmethod
    def from_url(cls, url: str) -> SmtpServer:
        """Parse smtp:// (STARTTLS when offered; required with a password) or smtps://."""
        parts = urlsplit(url)
        if parts.scheme not in ("smtp", "smtps") or not parts.hostname:
            raise ValueError("SMTP_URL must look like smtp://user:pass@host:port")
        use_ssl = parts.scheme == "smtps"
        return cls(
            host=parts.hostname,
            port=parts.port or (465 if use_ssl else 25),
            use_ssl=use_ssl,
            username=unquote(parts.username) if parts.username else None,
            password=unquote(parts.password) if parts.password else None,
        )


@dataclass(frozen=True)
class SendReport:
    """What one pass over the outbox did."""

    sent: int = 0
    failed: int = 0
    left_pending: int = 0


def backoff(attempts: int) -> timedelta:
    """Wait before the next try after `attempts` failed ones: 30 s doubling, 1 h cap."""
    doublings = min(max(attempts - 1, 0), 16)
    return min(BASE_DELAY * 2**doublings, MAX_DELAY)


class OutboxSender:
    """Sends due outbox messages; never touches the booking rows."""

    def __init__(
        self,
        store: BookingStore,
        smtp_url: str | None,
        sender: str | None = None,
        ssl_context: ssl.SSLContext | None = None,
        clock: Callable[[], datetime] = utcnow,
    ) -> None:
        """Without an SMTP URL, messages stay pending in the outbox."""
        self.store = store
        self.server = SmtpServer.from_url(smtp_url) if smtp_url else None
        self.sender = sender or settings.notify_from()
        self.ssl_context = ssl_context or ssl.create_default_context()
        self.clock = clock
        self._warned_no_smtp = False

    def run_once(self) -> SendReport:
        """Try every due message once (claimed first: other senders skip them)."""
        if self.server is None:
            due = self.store.pending_outbox(self.clock())
            if not due:
                return SendReport()
            # Warn once: a loop without SMTP would otherwise say it every pass.
            level = logging.DEBUG if self._warned_no_smtp else logging.WARNING
            self._warned_no_smtp = True
            log.log(
                level,
                "No SMTP_URL configured: %d outbox message(s) left pending",
                len(due),
            )
            return SendReport(left_pending=len(due))
        sent = failed = 0
        # Small claims: a batch is sent well within its lease even when every
        # message waits for the SMTP timeout.
        while due := self.store.claim_outbox(self.clock(), limit=CLAIM_BATCH):
            for message in due:
                if self._deliver(message):
                    sent += 1
                else:
                    failed += 1
        return SendReport(sent=sent, failed=failed)

    def run_forever(
        self,
        interval: float,
        stop: threading.Event | None = None,
        housekeeping: Callable[[], object] | None = None,
    ) -> None:
        """Send due messages every `interval` seconds until `stop` is set.

        `housekeeping` (e.g. RetentionSweep.run_if_due) runs after every pass.
        """
        stop = stop or threading.Event()
        while not stop.is_set():
            try:
                self.run_once()
                if housekeeping is not None:
                    housekeeping()
            except Exception as error:  # a database outage must not end the loop
                log.error(
                    "Outbox pass failed (%s); trying again in %s s",
                    type(error).__name__,
                    interval,
                )
                log.debug("Outbox pass failure", exc_info=True)
            stop.wait(interval)

    def _deliver(self, message: OutboxMessage) -> bool:
        """Send one message and record the outcome; True when it was sent."""
        try:
            self._send(message)
        except InsecureSmtpError as error:
            # A setting to fix, not a message to drop: it stays pending.
            self.store.mark_failed(
                message.id,
                _describe(error),
                self.clock() + backoff(message.attempts + 1),
            )
            log.error("Outbox message %d not sent: %s", message.id, error)
            return False
        except (smtplib.SMTPException, OSError, ValueError) as error:
            attempts = message.attempts + 1
            retry_at = (
                None if attempts >= MAX_ATTEMPTS else self.clock() + backoff(attempts)
            )
            self.store.mark_failed(message.id, _describe(error), retry_at)
            # Only the id and the error type: the message itself is personal.
            log.warning(
                "Outbox message %d not sent (attempt %d, %s)%s",
                message.id,
                attempts,
                type(error).__name__,
                "" if retry_at else "; giving up",
            )
            return False
        self.store.mark_sent(message.id, self.clock())
        log.info("Outbox message %d sent", message.id)
        return True

    def _send(self, message: OutboxMessage) -> None:
        """Hand one message to the SMTP server."""
        assert self.server is not None
        email = EmailMessage()
        email["From"] = self.sender
        email["To"] = message.recipient
        email["Subject"] = message.subject
        email["Message-ID"] = make_msgid(domain=self.sender.rpartition("@")[2])
        email.set_content(message.body)
        with self._connect() as smtp:
            if self.server.username:
                smtp.login(self.server.username, self.server.password or "")
            smtp.send_message(email)

    def _connect(self) -> smtplib.SMTP:
        """An SMTP connection, encrypted whenever the server allows it,
        and always with a password."""
        server = self.server
        assert server is not None
        if server.use_ssl:
            return smtplib.SMTP_SSL(
                server.host,
                server.port,
                timeout=SMTP_TIMEOUT_SECONDS,
                context=self.ssl_context,
            )
        smtp = smtplib.SMTP(server.host, server.port, timeout=SMTP_TIMEOUT_SECONDS)
        try:
            smtp.ehlo()
            if smtp.has_extn("starttls"):
                smtp.starttls(context=self.ssl_context)
                smtp.ehlo()
            elif server.username:
                raise InsecureSmtpError(
                    f"{server.host}:{server.port} offers no STARTTLS, so the SMTP "
                    "password would be sent unencrypted: use smtps:// or a server "
                    "with STARTTLS (or no user and password for a local relay)"
                )
        except BaseException:
            smtp.close()
            raise
        return smtp


def _describe(error: Exception) -> str:
    """A short error text for the outbox row (it may name the staff address)."""
    return f"{type(error).__name__}: {error}"[:1000]


class RetentionSweep:
    """Deletes booking requests older than the retention period, at most once an hour.

    `also` runs in the same sweep: the conversation store's own retention
    (bot.server.conversations.purge_expired), so one loop keeps both promises.
    """

    def __init__(
        self,
        store: BookingStore,
        keep: timedelta,
        every: timedelta = timedelta(hours=1),
        clock: Callable[[], datetime] = utcnow,
        also: Callable[[], int] | None = None,
    ) -> None:
        self.store = store
        self.keep = keep
        self.every = every
        self.clock = clock
        self.also = also
        self._last: datetime | None = None

    def run_if_due(self) -> int | None:
        """Purges if an hour has passed since the last sweep; the number deleted,
        or None."""
        now = self.clock()
        if self._last is not None and now - self._last < self.every:
            return None
        self._last = now
        if self.also is not None:
            try:
                self.also()
            except Exception:  # noqa: BLE001 - the bookings' sweep must still run
                log.warning("The conversations' retention sweep failed", exc_info=True)
        return self.store.purge(self.keep, now=now)
