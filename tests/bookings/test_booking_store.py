"""The booking store on real SQLite and PostgreSQL databases."""

from __future__ import annotations

import datetime as dt
import logging
import threading
from collections.abc import Callable
from pathlib import Path

import pytest
from sqlalchemy import func, select

from bot.bookings import store as store_module
from bot.bookings.models import BookingRequest, OutboxMessage
from bot.bookings.references import PATTERN
from bot.bookings.store import (
    BookingStore,
    BookingStoreError,
    ConsentRequiredError,
    NewBooking,
)

NOW = dt.datetime(2025, 11, 26, 10, 0, tzinfo=dt.timezone.utc)
MakeBooking = Callable[..., NewBooking]


def count(store: BookingStore, model: type) -> int:
    """Rows in one table."""
    with store.engine.connect() as conn:
        return conn.execute(select(func.count()).select_from(model)).scalar_one()


def run_in_threads(target: Callable[[int], object], n: int = 20) -> list[object]:
    """Call target(i) for i in 0..n-1 in n threads started together."""
    results: list[object] = [None] * n
    errors: list[BaseException] = []
    barrier = threading.Barrier(n)

    def work(i: int) -> None:
        barrier.wait()
        try:
            results[i] = target(i)
        except BaseException as error:  # re-raised below, in the test's thread
            errors.append(error)

    threads = [threading.Thread(target=work, args=(i,)) for i in range(n)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert not errors, errors
    return results


def test_submit_stores_the_booking_as_given(
    store: BookingStore, booking: MakeBooking
) -> None:
    result = store.submit(booking(), now=NOW)

    assert result.created
    assert PATTERN.fullmatch(result.reference)
    saved = store.get(result.reference)
    assert saved is not None
    assert (saved.name, saved.phone_e164, saved.email) == (
        "Jane Testpatient",
        "+447700900456",
        "jane.testpatient@example.com",
    )
    assert saved.preferred_time_text == "Thursday afternoon"
    assert saved.preferred_date == dt.date(2030, 1, 3)
    assert saved.treatment == "IDD Therapy"
    assert saved.reason == "Lower back pain for six weeks"
    assert saved.consent is True
    assert saved.status == "new" and saved.contacted_at is None
    assert saved.created_at == NOW and saved.created_at.tzinfo is not None


def test_optional_fields_may_be_empty(
    store: BookingStore, booking: MakeBooking
) -> None:
    result = store.submit(booking(email=None, preferred_date=None, reason=None))
    saved = store.get(result.reference)
    assert saved is not None
    assert (saved.email, saved.preferred_date, saved.reason) == (None, None, None)


@pytest.mark.parametrize(
    "name",
    [
        "Robert'); DROP TABLE booking_requests;--",
        "<script>alert('x')</script>",
        "王小明 🌸",
        "x' OR '1'='1",
    ],
)
def test_hostile_looking_names_are_stored_literally(
    store: BookingStore, booking: MakeBooking, name: str
) -> None:
    result = store.submit(booking(name=name))
    saved = store.get(result.reference)
    assert saved is not None and saved.name == name
    assert count(store, BookingRequest) == 1


def test_submit_writes_the_staff_notification(
    store: BookingStore, booking: MakeBooking
) -> None:
    result = store.submit(booking(), now=NOW)

    [message] = store.outbox_for(result.reference)
    assert message.kind == "staff_notification"
    assert message.recipient == "bookings@clinic.example"
    assert result.reference in message.subject
    assert "Jane Testpatient" in message.body and "+447700900456" in message.body
    assert "Lower back pain" not in message.body  # clinical details stay in the store
    assert (message.status, message.attempts) == ("pending", 0)
    assert message.next_attempt_at == NOW


def test_retried_submission_returns_the_same_reference(
    store: BookingStore, booking: MakeBooking
) -> None:
    first = store.submit(booking())
    again = store.submit(booking(name="Changed Mind"))

    assert again.reference == first.reference and not again.created
    assert count(store, BookingRequest) == 1 and count(store, OutboxMessage) == 1
    saved = store.get(first.reference)
    assert saved is not None and saved.name == "Jane Testpatient"


def test_same_submission_id_in_another_conversation_is_a_new_booking(
    store: BookingStore, booking: MakeBooking
) -> None:
    first = store.submit(booking(conversation_id="a"))
    second = store.submit(booking(conversation_id="b"))
    assert first.reference != second.reference and second.created


def test_submit_refuses_a_booking_without_consent(
    store: BookingStore, booking: MakeBooking
) -> None:
    with pytest.raises(ConsentRequiredError):
        store.submit(booking(consent=False))
    assert count(store, BookingRequest) == 0 and count(store, OutboxMessage) == 0


def test_twenty_concurrent_submissions_get_twenty_references(
    store: BookingStore, booking: MakeBooking
) -> None:
    results = run_in_threads(
        lambda i: store.submit(booking(conversation_id=f"conv-{i}"))
    )

    references = {r.reference for r in results}
    assert len(references) == 20 and all(r.created for r in results)
    assert count(store, BookingRequest) == 20 and count(store, OutboxMessage) == 20


def test_twenty_concurrent_retries_of_one_submission_store_it_once(
    store: BookingStore, booking: MakeBooking
) -> None:
    results = run_in_threads(lambda i: store.submit(booking()))

    assert len({r.reference for r in results}) == 1
    assert sum(r.created for r in results) == 1
    assert count(store, BookingRequest) == 1 and count(store, OutboxMessage) == 1


def test_a_reference_collision_is_retried(
    store: BookingStore, booking: MakeBooking, monkeypatch: pytest.MonkeyPatch
) -> None:
    taken = store.submit(booking(conversation_id="first")).reference
    offered = iter([taken, taken, "HSC-FRESH"])
    monkeypatch.setattr(store_module, "new_reference", lambda: next(offered))

    result = store.submit(booking(conversation_id="second"))

    assert result.reference == "HSC-FRESH" and result.created
    assert count(store, BookingRequest) == 2


def test_outbox_and_booking_are_rolled_back_together(
    store: BookingStore, booking: MakeBooking
) -> None:
    # No recipient makes the outbox insert fail after the booking row went in.
    store.staff_email = None  # type: ignore[assignment]
    with pytest.raises(BookingStoreError) as raised:
        store.submit(booking())
    assert "Jane Testpatient" not in str(raised.value)  # errors never quote patients
    assert raised.value.__cause__ is None and raised.value.__suppress_context__
    assert count(store, BookingRequest) == 0 and count(store, OutboxMessage) == 0


def test_list_filters_and_puts_newest_first(
    store: BookingStore, booking: MakeBooking
) -> None:
    refs = [
        store.submit(
            booking(conversation_id=f"c{i}"), now=NOW + dt.timedelta(days=i)
        ).reference
        for i in range(3)
    ]
    store.mark_contacted(refs[0])

    assert [b.reference for b in store.list()] == refs[::-1]
    assert [b.reference for b in store.list(status="new")] == [refs[2], refs[1]]
    assert [b.reference for b in store.list(status="contacted")] == [refs[0]]
    since, until = NOW + dt.timedelta(hours=1), NOW + dt.timedelta(days=2)
    assert [b.reference for b in store.list(since=since, until=until)] == [refs[1]]


def test_get_forgives_case_and_a_missing_prefix(
    store: BookingStore, booking: MakeBooking
) -> None:
    reference = store.submit(booking()).reference
    assert store.get(reference.lower()) is not None
    assert store.get(reference.removeprefix("HSC-")) is not None
    assert store.get("HSC-22222") is None


def test_mark_contacted(store: BookingStore, booking: MakeBooking) -> None:
    reference = store.submit(booking()).reference
    later = NOW + dt.timedelta(hours=3)

    assert store.mark_contacted(reference, now=later)
    assert store.mark_contacted(reference, now=later + dt.timedelta(days=1))
    saved = store.get(reference)
    assert saved is not None
    assert saved.status == "contacted" and saved.contacted_at == later
    assert not store.mark_contacted("HSC-22222")


def test_purge_deletes_old_bookings_and_their_outbox(
    store: BookingStore, booking: MakeBooking
) -> None:
    old = store.submit(booking(conversation_id="old"), now=NOW - dt.timedelta(days=91))
    recent = store.submit(
        booking(conversation_id="new"), now=NOW - dt.timedelta(days=89)
    )

    assert store.purge(dt.timedelta(days=90), now=NOW) == 1

    assert store.get(old.reference) is None and store.outbox_for(old.reference) == []
    assert store.get(recent.reference) is not None
    assert count(store, BookingRequest) == 1 and count(store, OutboxMessage) == 1
    assert store.purge(dt.timedelta(days=90), now=NOW) == 0


def test_pending_outbox_and_its_marks(
    store: BookingStore, booking: MakeBooking
) -> None:
    reference = store.submit(booking(), now=NOW).reference
    [message] = store.pending_outbox(NOW)
    retry_at = NOW + dt.timedelta(seconds=30)

    store.mark_failed(message.id, "SMTPServerDisconnected: gone", retry_at)
    assert store.pending_outbox(NOW) == []
    [again] = store.pending_outbox(retry_at)
    assert (again.attempts, again.last_error) == (1, "SMTPServerDisconnected: gone")

    store.mark_sent(message.id, now=retry_at)
    [sent] = store.outbox_for(reference)
    assert (sent.status, sent.attempts, sent.sent_at) == ("sent", 2, retry_at)
    assert store.pending_outbox(retry_at + dt.timedelta(days=1)) == []


def test_mark_failed_without_a_retry_gives_up(
    store: BookingStore, booking: MakeBooking
) -> None:
    reference = store.submit(booking(), now=NOW).reference
    [message] = store.pending_outbox(NOW)
    store.mark_failed(message.id, "too many tries", None)
    [failed] = store.outbox_for(reference)
    assert failed.status == "failed"
    assert store.pending_outbox(NOW + dt.timedelta(days=365)) == []


def test_sqlite_store_makes_its_directory_and_uses_wal(tmp_path: Path) -> None:
    db_file = tmp_path / "var" / "nested" / "bookings.db"
    store = BookingStore.from_url(f"sqlite:///{db_file}")
    try:
        store.create_schema()
        with store.engine.connect() as conn:
            assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
            assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() == 30_000
            assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
    finally:
        store.close()
    assert db_file.exists()


def test_no_personal_details_in_logs(
    store: BookingStore,
    booking: MakeBooking,
    caplog: pytest.LogCaptureFixture,
    assert_no_personal_details: Callable[[NewBooking], None],
) -> None:
    caplog.set_level(logging.DEBUG)
    request = booking()
    reference = store.submit(request).reference
    store.submit(request)
    store.mark_contacted(reference)
    store.purge(dt.timedelta(days=1))

    assert_no_personal_details(request)
