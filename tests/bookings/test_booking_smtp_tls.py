"""The SMTP password is never sent unencrypted, even to a server that would take it."""

from __future__ import annotations

import base64
import datetime as dt
import socket
import threading
from collections.abc import Callable, Iterator
from urllib.parse import quote

import pytest

from bot.bookings.notify import MAX_ATTEMPTS, OutboxSender
from bot.bookings.store import BookingStore, NewBooking
from tests.bookings.conftest import SMTP_PASSWORD, SMTP_USER

NOW = dt.datetime(2025, 11, 26, 10, 0, tzinfo=dt.timezone.utc)


class PlainTextSmtpServer:
    """A small SMTP server on 127.0.0.1: no STARTTLS, takes any password,
    records every byte."""

    def __init__(self) -> None:
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.port = self.listener.getsockname()[1]
        self.received = bytearray()
        self.delivered = 0
        self.thread = threading.Thread(target=self._serve, daemon=True)
        self.thread.start()

    def url(self, with_login: bool) -> str:
        login = f"{SMTP_USER}:{quote(SMTP_PASSWORD, safe='')}@" if with_login else ""
        return f"smtp://{login}127.0.0.1:{self.port}"

    def stop(self) -> None:
        self.listener.shutdown(socket.SHUT_RDWR)  # wakes the blocked accept()
        self.listener.close()
        self.thread.join(timeout=5)

    def _serve(self) -> None:
        while True:
            try:
                connection, _ = self.listener.accept()
            except OSError:
                return  # stopped
            with connection, connection.makefile("rb") as lines:
                self._session(connection, lines)

    def _session(self, connection: socket.socket, lines) -> None:
        connection.sendall(b"220 127.0.0.1 ESMTP test\r\n")
        in_data = False
        for line in lines:
            self.received += line
            if in_data:
                if line == b".\r\n":
                    in_data = False
                    self.delivered += 1
                    connection.sendall(b"250 2.0.0 Accepted\r\n")
                continue
            command = line[:4].upper()
            if command in (b"EHLO", b"HELO"):
                # AUTH offered in clear, and no STARTTLS: the dangerous server.
                connection.sendall(
                    b"250-127.0.0.1\r\n250-AUTH PLAIN LOGIN\r\n250 8BITMIME\r\n"
                )
            elif command == b"AUTH":
                connection.sendall(b"235 2.7.0 Authentication successful\r\n")
            elif command == b"DATA":
                in_data = True
                connection.sendall(b"354 End data with <CR><LF>.<CR><LF>\r\n")
            elif command == b"QUIT":
                connection.sendall(b"221 2.0.0 Bye\r\n")
                return
            else:
                connection.sendall(b"250 2.0.0 OK\r\n")


@pytest.fixture
def plain_server() -> Iterator[PlainTextSmtpServer]:
    server = PlainTextSmtpServer()
    yield server
    server.stop()


def password_forms() -> list[bytes]:
    """The password as it would go over the wire: as is,
    or base64 in AUTH PLAIN/LOGIN."""
    plain = f"\0{SMTP_USER}\0{SMTP_PASSWORD}".encode()
    return [
        SMTP_PASSWORD.encode(),
        base64.b64encode(SMTP_PASSWORD.encode()),
        base64.b64encode(plain),
    ]


def test_no_password_goes_to_a_server_without_starttls(
    sqlite_store: BookingStore,
    booking: Callable[..., NewBooking],
    plain_server: PlainTextSmtpServer,
    caplog: pytest.LogCaptureFixture,
) -> None:
    reference = sqlite_store.submit(booking(), now=NOW).reference

    sender = OutboxSender(sqlite_store, plain_server.url(True), clock=lambda: NOW)
    report = sender.run_once()

    assert (report.sent, report.failed) == (0, 1)
    assert plain_server.delivered == 0
    assert b"AUTH" not in plain_server.received.upper()
    assert not any(form in plain_server.received for form in password_forms())
    [message] = sqlite_store.outbox_for(reference)
    assert message.status == "pending" and message.attempts == 1
    assert message.last_error.startswith("InsecureSmtpError")
    assert "offers no STARTTLS" in message.last_error
    assert any("offers no STARTTLS" in r.getMessage() for r in caplog.records)
    assert SMTP_PASSWORD not in caplog.text


def test_the_message_stays_in_the_outbox_however_often_it_is_refused(
    sqlite_store: BookingStore,
    booking: Callable[..., NewBooking],
    plain_server: PlainTextSmtpServer,
) -> None:
    reference = sqlite_store.submit(booking(), now=NOW).reference
    clock = [NOW]
    sender = OutboxSender(sqlite_store, plain_server.url(True), clock=lambda: clock[0])

    for _ in range(MAX_ATTEMPTS + 2):
        clock[0] += dt.timedelta(hours=2)  # past any backoff
        assert sender.run_once().failed == 1

    [message] = sqlite_store.outbox_for(reference)
    assert message.status == "pending" and message.attempts == MAX_ATTEMPTS + 2
    assert not any(form in plain_server.received for form in password_forms())


def test_without_a_password_the_same_server_gets_the_message(
    sqlite_store: BookingStore,
    booking: Callable[..., NewBooking],
    plain_server: PlainTextSmtpServer,
) -> None:
    """The server works: only the password made the difference (a local relay)."""
    sqlite_store.submit(booking(), now=NOW)

    sender = OutboxSender(sqlite_store, plain_server.url(False), clock=lambda: NOW)
    report = sender.run_once()

    assert report.sent == 1 and plain_server.delivered == 1
    assert b"Jane Testpatient" in plain_server.received
