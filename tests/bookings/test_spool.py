"""No booking is lost while the database is down: the spool,
against a real PostgreSQL stopped mid-run."""

from __future__ import annotations

import stat
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from sqlalchemy.exc import DBAPIError

from bot.actions import booking_submit
from bot.bookings.spool import BookingSpool
from bot.bookings.store import BookingStore, BookingStoreError, NewBooking

MakeBooking = Callable[..., NewBooking]


@pytest.fixture
def spool_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    directory = tmp_path / "spool"
    monkeypatch.setenv("BOOKING_SPOOL_DIR", str(directory))
    return directory


@pytest.fixture
def action_store(
    postgres, monkeypatch: pytest.MonkeyPatch
) -> Iterator[tuple[str, BookingStore]]:
    """The action server's booking store on a fresh PostgreSQL database,
    and a reader."""
    url = postgres.new_database()
    monkeypatch.setenv("BOOKING_DB_URL", url)
    booking_submit.booking_store.cache_clear()
    reader = BookingStore.from_url(url)
    reader.create_schema()
    yield url, reader
    reader.close()
    if booking_submit.booking_store.cache_info().currsize:
        booking_submit.booking_store().close()
    booking_submit.booking_store.cache_clear()


def test_a_booking_confirmed_while_postgresql_is_down_is_stored_once_it_is_back(
    postgres, action_store, spool_dir: Path, booking: MakeBooking
) -> None:
    _, reader = action_store
    before = booking_submit.store_booking(booking(conversation_id="rest:before"))
    postgres.halt()
    try:
        during = booking_submit.store_booking(booking(conversation_id="rest:during"))
        assert during.created and during.reference  # the patient gets a reference
        [kept] = BookingSpool(spool_dir).waiting()
        assert stat.S_IMODE(kept.stat().st_mode) == 0o600
        assert stat.S_IMODE(spool_dir.stat().st_mode) == 0o700
        with pytest.raises((BookingStoreError, DBAPIError)):
            booking_submit.flush_spool()  # still down: the file stays
        assert BookingSpool(spool_dir).waiting() == [kept]
    finally:
        postgres.resume()

    assert booking_submit.flush_spool() == 1
    assert booking_submit.flush_spool() == 0  # exactly once
    assert BookingSpool(spool_dir).waiting() == []
    stored = reader.get(during.reference)
    assert stored is not None and stored.conversation_id == "rest:during"
    assert reader.get(before.reference) is not None
    assert reader.count_outbox() == 2  # one staff email each, no duplicate


def test_a_spooled_request_already_stored_is_not_stored_twice(
    tmp_path: Path, booking: MakeBooking
) -> None:
    """The insert succeeded but the file was not removed (a crash in between)."""
    store = BookingStore.from_url(f"sqlite:///{tmp_path / 'b.db'}")
    store.create_schema()
    spool = BookingSpool(tmp_path / "spool")
    request = booking(conversation_id="rest:x")
    spool.keep(request, "HSC-7K2Q9", booking_submit.utcnow())
    spool.keep(request, "HSC-7K2Q9", booking_submit.utcnow())  # same submission
    assert len(spool.waiting()) == 1
    assert spool.flush(store) == 1
    spool.keep(request, "HSC-7K2Q9", booking_submit.utcnow())
    assert spool.flush(store) == 0
    assert store.get("HSC-7K2Q9") is not None and store.count_outbox() == 1
    store.close()


def test_the_action_server_stores_the_spool_by_itself(
    tmp_path: Path, booking: MakeBooking
) -> None:
    """`python -m bot.server.actions` empties the spool in the background."""
    import subprocess
    import sys
    import time

    from bot.settings import child_environment
    from tests.assistant import ROOT, free_port

    url = f"sqlite:///{tmp_path / 'bookings.db'}"
    spool = BookingSpool(tmp_path / "spool")
    spool.keep(
        booking(conversation_id="rest:spooled"), "HSC-7K2Q9", booking_submit.utcnow()
    )
    env = child_environment(
        {
            "ACTION_SERVER_TOKEN": "spool-test-token",
            "CLINIC_VAR_DIR": str(tmp_path / "var"),
            "BOOKING_DB_URL": url,
            "BOOKING_SPOOL_DIR": str(spool.directory),
            "SPOOL_FLUSH_SECONDS": "0.5",
        }
    )
    server = subprocess.Popen(
        [sys.executable, "-m", "bot.server.actions", "--port", str(free_port())],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    store = BookingStore.from_url(url)
    try:
        deadline = time.monotonic() + 120
        while spool.waiting() and time.monotonic() < deadline:
            assert server.poll() is None, "the action server exited"
            time.sleep(0.5)
        store.create_schema()
        assert spool.waiting() == []
        assert store.get("HSC-7K2Q9") is not None
    finally:
        server.terminate()
        server.wait(timeout=20)
        store.close()
