"""Deletion on request: BookingStore.forget, the patient's key, `forget` for staff."""

from __future__ import annotations

import datetime as dt
import logging
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from sqlalchemy import func, select

from bot.bookings.forget import NO_BOOKING, read_forget_key
from bot.bookings.models import BookingRequest, ForgetRequest, OutboxMessage
from bot.bookings.store import BookingStore, NewBooking

PROJECT_ROOT = Path(__file__).resolve().parents[2]
NOW = dt.datetime(2025, 11, 26, 10, 0, tzinfo=dt.timezone.utc)
MakeBooking = Callable[..., NewBooking]
OTHER_PHONE = "+447700900999"


def count(store: BookingStore, model: type) -> int:
    """Rows in one table."""
    with store.engine.connect() as conn:
        return conn.execute(select(func.count()).select_from(model)).scalar_one()


def forget_requests(store: BookingStore) -> list[str]:
    """The conversation ids waiting for the assistant to forget them."""
    return [request.conversation_id for request in store.forget_requests()]


# --- the store -----------------------------------------------------------------


def test_forget_by_reference_deletes_the_booking_and_its_outbox(
    store: BookingStore, booking: MakeBooking
) -> None:
    gone = store.submit(booking(conversation_id="rest:a")).reference
    kept = store.submit(booking(conversation_id="rest:b")).reference

    forgotten = store.forget(reference=gone.lower().removeprefix("hsc-"), now=NOW)

    assert forgotten.references == [gone] and forgotten.count == 1
    assert forgotten.conversation_ids == ["rest:a"] and not forgotten.emailed
    assert store.get(gone) is None and store.outbox_for(gone) == []
    assert store.get(kept) is not None and len(store.outbox_for(kept)) == 1
    assert count(store, OutboxMessage) == 1
    [request] = store.forget_requests()
    assert (request.conversation_id, request.requested_at) == ("rest:a", NOW)


@pytest.mark.parametrize(
    "typed", ["07700 900456", "+44 7700 900456", "0044 (0)7700-900-456"]
)
def test_forget_by_phone_deletes_every_booking_made_with_it(
    store: BookingStore, booking: MakeBooking, typed: str
) -> None:
    first = store.submit(booking(conversation_id="rest:a")).reference
    second = store.submit(booking(conversation_id="telegram:7")).reference
    again = store.submit(booking(conversation_id="rest:a", submission_id="2")).reference
    other = store.submit(booking(conversation_id="rest:c", phone_e164=OTHER_PHONE))

    forgotten = store.forget(phone=typed)

    assert sorted(forgotten.references) == sorted([first, second, again])
    assert forgotten.conversation_ids == ["rest:a", "telegram:7"]
    assert [b.reference for b in store.list()] == [other.reference]
    assert count(store, OutboxMessage) == 1 and count(store, BookingRequest) == 1
    assert forget_requests(store) == ["rest:a", "telegram:7"]


def test_nothing_found_deletes_nothing_and_asks_nothing(
    store: BookingStore, booking: MakeBooking
) -> None:
    store.submit(booking())

    assert store.forget(reference="HSC-22222").count == 0
    assert store.forget(phone="020 7946 0000").references == []

    assert count(store, BookingRequest) == 1 and count(store, OutboxMessage) == 1
    assert store.forget_requests() == []


def test_it_says_when_staff_had_already_been_emailed(
    sqlite_store: BookingStore, booking: MakeBooking
) -> None:
    reference = sqlite_store.submit(booking(), now=NOW).reference
    [message] = sqlite_store.pending_outbox(NOW)
    sqlite_store.mark_sent(message.id, now=NOW)

    assert sqlite_store.forget(reference=reference).emailed


@pytest.mark.parametrize(
    "arguments", [{}, {"phone": "12"}, {"phone": "+1 202 555 0100"}]
)
def test_forget_needs_a_reference_or_a_uk_phone(
    sqlite_store: BookingStore, arguments: dict
) -> None:
    with pytest.raises(ValueError) as error:
        sqlite_store.forget(**arguments)
    assert "555" not in str(error.value)


def test_carried_out_requests_are_cleared(
    sqlite_store: BookingStore, booking: MakeBooking
) -> None:
    sqlite_store.submit(booking(conversation_id="rest:a"))
    sqlite_store.submit(booking(conversation_id="rest:b", phone_e164=OTHER_PHONE))
    sqlite_store.forget(phone="07700 900456")
    sqlite_store.forget(phone=OTHER_PHONE)
    first, second = sqlite_store.forget_requests()

    assert sqlite_store.clear_forget_requests([first.id]) == 1
    assert sqlite_store.clear_forget_requests([]) == 0
    assert forget_requests(sqlite_store) == ["rest:b"]


def test_purge_drops_forget_requests_nobody_collected(
    sqlite_store: BookingStore, booking: MakeBooking
) -> None:
    sqlite_store.submit(booking(conversation_id="rest:old"))
    sqlite_store.submit(booking(conversation_id="rest:new", phone_e164=OTHER_PHONE))
    sqlite_store.forget(phone="07700 900456", now=NOW - dt.timedelta(days=91))
    sqlite_store.forget(phone=OTHER_PHONE, now=NOW)

    sqlite_store.purge(dt.timedelta(days=90), now=NOW)

    assert forget_requests(sqlite_store) == ["rest:new"]


def test_forgetting_logs_references_only(
    sqlite_store: BookingStore,
    booking: MakeBooking,
    caplog: pytest.LogCaptureFixture,
    assert_no_personal_details: Callable[[NewBooking], None],
) -> None:
    caplog.set_level(logging.DEBUG)
    request = booking(conversation_id="whatsapp:+447700900456")
    reference = sqlite_store.submit(request).reference

    sqlite_store.forget(phone="07700 900456")
    sqlite_store.forget(phone="07700 900456")

    assert_no_personal_details(request)
    assert f"on request: {reference}" in caplog.text
    assert "whatsapp" not in caplog.text


# --- what the patient types ------------------------------------------------------


@pytest.mark.parametrize(
    "text, denied, key",
    [
        ("HSC-7K2Q9", False, "HSC-7K2Q9"),
        ("it's hsc 7k2q9 thanks", False, "HSC-7K2Q9"),
        ("delete my booking HSC7K2Q9 please", False, "HSC-7K2Q9"),
        ("07700 900123", False, "+447700900123"),
        ("my number is +44 (0)20 7946 0321", False, "+442079460321"),
        ("no, it's 07700-900-654", False, "+447700900654"),
        ("I didn't book", False, NO_BOOKING),
        ("there's no booking, just delete the chat", False, NO_BOOKING),
        ("I never made an appointment", False, NO_BOOKING),
        ("/deny", True, NO_BOOKING),
        ("not sure", False, None),
        ("I don't know my reference", False, None),
        ("HSC-7K2Q0", False, None),  # 0 is never in a reference
        ("12345", False, None),
        ("+1 202 555 0100", False, None),
        ("", False, None),
    ],
)
def test_read_forget_key(text: str, denied: bool, key: str | None) -> None:
    assert read_forget_key(text, denied=denied) == key


# --- the staff command ------------------------------------------------------------


def test_forget_command(sqlite_store: BookingStore, booking: MakeBooking) -> None:
    url = str(sqlite_store.engine.url)
    by_reference = sqlite_store.submit(booking(conversation_id="rest:a")).reference
    sqlite_store.submit(booking(conversation_id="rest:b", phone_e164=OTHER_PHONE))
    sqlite_store.submit(
        booking(conversation_id="rest:c", submission_id="2", phone_e164=OTHER_PHONE)
    )

    def forget(*argv: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "bot.bookings", "--db-url", url, "forget", *argv],
            cwd=PROJECT_ROOT,
            capture_output=True,
            text=True,
            timeout=60,
        )

    done = forget(by_reference.lower())
    assert done.returncode == 0, done.stderr
    assert f"Deleted 1 booking request(s): {by_reference}." in done.stdout
    assert "forgets 1 conversation(s)" in done.stdout

    again = forget(by_reference)
    assert again.returncode == 1
    assert "No booking request matches that reference" in again.stderr

    by_phone = forget("--phone", "07700 900 999")
    assert by_phone.returncode == 0, by_phone.stderr
    assert "Deleted 2 booking request(s)" in by_phone.stdout
    assert "07700" not in by_phone.stdout + by_phone.stderr

    assert forget("--phone", "07700 900 999").returncode == 1
    assert sqlite_store.list() == []
    assert forget_requests(sqlite_store) == ["rest:a", "rest:b", "rest:c"]


@pytest.mark.parametrize(
    "argv",
    [[], ["HSC-22222", "--phone", "07700 900123"], ["--phone", "12"], ["--phone"]],
)
def test_forget_usage_errors_exit_2(
    sqlite_store: BookingStore, argv: list[str]
) -> None:
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "bot.bookings",
            "--db-url",
            str(sqlite_store.engine.url),
            "forget",
            *argv,
        ],
        cwd=PROJECT_ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 2
    assert count(sqlite_store, ForgetRequest) == 0
