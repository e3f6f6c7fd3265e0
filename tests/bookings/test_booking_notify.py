"""The outbox sender against real local SMTP servers."""

from __future__ import annotations

import datetime as dt
import logging
import threading
from collections.abc import Callable

import pytest

from bot.bookings.notify import OutboxSender, SmtpServer, backoff
from bot.bookings.store import BookingStore, NewBooking

NOW = dt.datetime(2025, 11, 26, 10, 0, tzinfo=dt.timezone.utc)
SENDER = "assistant@clinic.example"
MakeBooking = Callable[..., NewBooking]


def sender_for(store: BookingStore, url: str | None, **kwargs: object) -> OutboxSender:
    """An OutboxSender whose clock stands still at NOW."""
    return OutboxSender(store, url, sender=SENDER, clock=lambda: NOW, **kwargs)


def test_pending_messages_are_emailed_to_staff(
    store: BookingStore, booking: MakeBooking, smtp_server
) -> None:
    server = smtp_server()
    reference = store.submit(booking(), now=NOW).reference

    report = sender_for(store, server.url).run_once()

    assert (report.sent, report.failed) == (1, 0)
    [email] = server.inbox.messages
    assert email["To"] == "bookings@clinic.example" and email["From"] == SENDER
    assert email["Subject"] == f"New booking request {reference}"
    assert "Jane Testpatient" in email.get_content()
    [message] = store.outbox_for(reference)
    assert (message.status, message.attempts, message.sent_at) == ("sent", 1, NOW)
    assert sender_for(store, server.url).run_once().sent == 0  # nothing sent twice


@pytest.mark.filterwarnings("ignore:Requiring AUTH while not requiring TLS")
@pytest.mark.parametrize("tls", ["starttls", "smtps"])
def test_encrypted_and_authenticated_delivery(
    sqlite_store: BookingStore, booking: MakeBooking, smtp_server, tls: str
) -> None:
    server = smtp_server(auth=True, tls=tls)
    sqlite_store.submit(booking(), now=NOW)

    report = sender_for(
        sqlite_store, server.url, ssl_context=server.client_tls
    ).run_once()

    assert report.sent == 1 and len(server.inbox.messages) == 1


def test_wrong_password_counts_as_a_failed_attempt(
    sqlite_store: BookingStore, booking: MakeBooking, smtp_server
) -> None:
    server = smtp_server(auth=True, tls="starttls")
    reference = sqlite_store.submit(booking(), now=NOW).reference
    wrong = server.url.replace("s3cret", "wrong")

    sender = sender_for(sqlite_store, wrong, ssl_context=server.client_tls)
    assert sender.run_once().failed == 1
    [message] = sqlite_store.outbox_for(reference)
    assert message.status == "pending" and message.attempts == 1
    assert "SMTPAuthenticationError" in message.last_error


@pytest.mark.parametrize("broken", ["refusing", "not listening"])
def test_failed_delivery_backs_off_and_leaves_the_booking_alone(
    store: BookingStore,
    booking: MakeBooking,
    smtp_server,
    broken: str,
    caplog: pytest.LogCaptureFixture,
    assert_no_personal_details: Callable[[NewBooking], None],
) -> None:
    caplog.set_level(logging.DEBUG)
    url = smtp_server(refuse=True).url if broken == "refusing" else "smtp://127.0.0.1:9"
    request = booking()
    reference = store.submit(request, now=NOW).reference
    before = store.get(reference)

    report = sender_for(store, url).run_once()

    assert (report.sent, report.failed) == (0, 1)
    [message] = store.outbox_for(reference)
    assert message.status == "pending" and message.attempts == 1
    assert message.next_attempt_at == NOW + dt.timedelta(seconds=30)
    assert message.last_error
    after = store.get(reference)
    assert before is not None and after is not None
    assert (after.status, after.contacted_at, after.created_at) == (
        before.status,
        before.contacted_at,
        before.created_at,
    )
    # Not due yet: a second pass right away does nothing.
    assert sender_for(store, url).run_once().failed == 0
    assert_no_personal_details(request)


def test_repeated_failures_back_off_exponentially_then_give_up(
    sqlite_store: BookingStore, booking: MakeBooking
) -> None:
    reference = sqlite_store.submit(booking(), now=NOW).reference
    clock = [NOW]
    sender = OutboxSender(sqlite_store, "smtp://127.0.0.1:9", clock=lambda: clock[0])
    waits = []
    for _ in range(20):
        sender.run_once()
        [message] = sqlite_store.outbox_for(reference)
        waits.append(message.next_attempt_at - clock[0])
        clock[0] = message.next_attempt_at

    assert [w.total_seconds() for w in waits[:8]] == [
        30,
        60,
        120,
        240,
        480,
        960,
        1920,
        3600,
    ]
    assert message.status == "failed" and message.attempts == 20


@pytest.mark.parametrize(
    ("attempts", "seconds"),
    [(1, 30), (2, 60), (3, 120), (7, 1920), (8, 3600), (50, 3600)],
)
def test_backoff(attempts: int, seconds: int) -> None:
    assert backoff(attempts) == dt.timedelta(seconds=seconds)


def test_without_smtp_messages_stay_pending(
    store: BookingStore,
    booking: MakeBooking,
    caplog: pytest.LogCaptureFixture,
    assert_no_personal_details: Callable[[NewBooking], None],
) -> None:
    caplog.set_level(logging.DEBUG)
    request = booking()
    reference = store.submit(request, now=NOW).reference

    report = sender_for(store, None).run_once()

    assert report.left_pending == 1 and report.sent == 0
    [message] = store.outbox_for(reference)
    assert (message.status, message.attempts) == ("pending", 0)
    assert any("No SMTP_URL configured" in r.getMessage() for r in caplog.records)
    assert_no_personal_details(request)


def test_run_forever_sends_until_stopped(
    sqlite_store: BookingStore, booking: MakeBooking, smtp_server
) -> None:
    server = smtp_server()
    sqlite_store.submit(booking(), now=NOW)
    stop = threading.Event()
    sender = sender_for(sqlite_store, server.url)
    worker = threading.Thread(target=sender.run_forever, args=(0.05, stop))
    worker.start()
    try:
        for _ in range(100):
            if server.inbox.messages:
                break
            stop.wait(0.05)
    finally:
        stop.set()
        worker.join(timeout=10)
    assert len(server.inbox.messages) == 1 and not worker.is_alive()


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("smtp://mail.example:2525", SmtpServer("mail.example", 2525, False)),
        ("smtp://mail.example", SmtpServer("mail.example", 25, False)),
        (
            "smtps://u%40x:p%2Fw@mail.example",
            SmtpServer("mail.example", 465, True, "u@x", "p/w"),
        ),
    ],
)
def test_smtp_urls(url: str, expected: SmtpServer) -> None:
    assert SmtpServer.from_url(url) == expected


@pytest.mark.parametrize("url", ["http://mail.example", "mail.example:25", "smtp://"])
def test_bad_smtp_urls_are_refused(url: str) -> None:
    with pytest.raises(ValueError):
        SmtpServer.from_url(url)


def test_the_outbox_loop_deletes_requests_past_their_retention(store, booking):
    """The privacy notice's retention holds without staff running `purge`."""
    from datetime import timedelta

    from bot.bookings.notify import RetentionSweep

    now = [NOW]
    old = store.submit(booking(conversation_id="old"), now=NOW - timedelta(days=91))
    new = store.submit(booking(conversation_id="new"), now=NOW - timedelta(days=89))
    sweep = RetentionSweep(store, timedelta(days=90), clock=lambda: now[0])
    assert sweep.run_if_due() == 1
    assert store.get(old.reference) is None
    assert store.get(new.reference) is not None
    now[0] += timedelta(minutes=30)
    assert sweep.run_if_due() is None, "at most once an hour"
    now[0] += timedelta(days=2)
    assert sweep.run_if_due() == 1


def test_the_outbox_loop_sweeps_conversations_too_and_survives_their_failure(
    store, caplog
):
    """`also` (the conversations' retention) runs in each sweep;
    its failure is logged."""
    from datetime import timedelta

    from bot.bookings.notify import RetentionSweep

    calls = []

    def conversations_sweep() -> int:
        calls.append(1)
        raise OSError("conversation database unavailable")

    sweep = RetentionSweep(store, timedelta(days=90), also=conversations_sweep)
    assert sweep.run_if_due() == 0
    assert calls == [1]
    assert "conversations' retention sweep failed" in caplog.text


def test_two_senders_at_once_send_each_email_exactly_once(
    db_url: str, booking: MakeBooking, smtp_server
) -> None:
    """Two sender processes on one database (SQLite or PostgreSQL) share the outbox."""
    server = smtp_server()
    stores = [BookingStore.from_url(db_url) for _ in range(2)]
    stores[0].create_schema()
    references = {
        stores[0]
        .submit(booking(conversation_id=f"rest:{n}", submission_id=str(n)), now=NOW)
        .reference
        for n in range(25)
    }
    start = threading.Barrier(2)
    reports = []

    def send(store: BookingStore) -> None:
        start.wait()
        reports.append(sender_for(store, server.url).run_once())

    threads = [threading.Thread(target=send, args=(store,)) for store in stores]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    for store in stores:
        store.close()

    subjects = [email["Subject"] for email in server.inbox.messages]
    assert sorted(subjects) == sorted(
        f"New booking request {reference}" for reference in references
    )
    assert sum(report.sent for report in reports) == 25
    assert all(report.failed == 0 for report in reports)
