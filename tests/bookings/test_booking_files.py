"""var/ is 0700 and the SQLite booking database (with its WAL files) 0600;
PostgreSQL times out."""

from __future__ import annotations

import os
import socket
import stat
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from sqlalchemy import event
from sqlalchemy.exc import OperationalError

from bot import settings
from bot.bookings.store import BookingStore, NewBooking, make_engine

DATABASE_FILES = ("bookings.db", "bookings.db-wal", "bookings.db-shm")


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture
def var_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A CLINIC_VAR_DIR that does not exist yet."""
    var = tmp_path / "project" / "var"
    monkeypatch.setattr(settings, "VAR_DIR", var)
    return var


@pytest.fixture
def open_umask() -> Iterator[None]:
    """The umask many systems default to: files readable by everyone."""
    previous = os.umask(0o022)
    yield
    os.umask(previous)


def test_var_is_created_for_this_user_only(var_dir: Path, open_umask: None) -> None:
    settings.ensure_private_dir(var_dir / "retrain")

    assert mode(var_dir) == 0o700 and mode(var_dir / "retrain") == 0o700
    assert mode(var_dir.parent) == 0o700  # created on the way, so private too


def test_an_existing_var_is_tightened(var_dir: Path, open_umask: None) -> None:
    (var_dir / "bench").mkdir(parents=True, mode=0o755)
    var_dir.chmod(0o755)
    var_dir.parent.chmod(0o755)

    settings.ensure_private_dir(var_dir / "bench")

    assert mode(var_dir) == 0o700 and mode(var_dir / "bench") == 0o700
    assert mode(var_dir.parent) == 0o755  # the project folder is not ours to change


def test_the_booking_database_and_its_wal_files_are_private(
    var_dir: Path, open_umask: None, booking: Callable[..., NewBooking]
) -> None:
    store = BookingStore.from_url(f"sqlite:///{var_dir / 'bookings.db'}")
    store.create_schema()
    with store.engine.connect() as reader:  # an open connection keeps the WAL files
        store.submit(booking())
        reader.exec_driver_sql("SELECT count(*) FROM booking_requests").all()
        files = {name: mode(var_dir / name) for name in DATABASE_FILES}
    store.close()

    assert mode(var_dir) == 0o700
    assert files == {name: 0o600 for name in DATABASE_FILES}


def test_a_database_made_readable_before_is_tightened(
    var_dir: Path, open_umask: None, booking: Callable[..., NewBooking]
) -> None:
    url = f"sqlite:///{var_dir / 'bookings.db'}"
    BookingStore.from_url(url).create_schema()
    for name in ("bookings.db", "bookings.db-journal"):
        (var_dir / name).touch()
        (var_dir / name).chmod(0o644)
    var_dir.chmod(0o755)

    store = BookingStore.from_url(url)
    store.submit(booking())
    store.close()

    assert mode(var_dir) == 0o700
    assert mode(var_dir / "bookings.db") == 0o600
    assert mode(var_dir / "bookings.db-journal") == 0o600


def test_a_database_folder_outside_var_is_left_alone(
    var_dir: Path, tmp_path: Path, open_umask: None
) -> None:
    elsewhere = tmp_path / "shared-data"
    elsewhere.mkdir(mode=0o755)

    BookingStore.from_url(f"sqlite:///{elsewhere / 'bookings.db'}").create_schema()

    assert mode(elsewhere) == 0o755
    assert mode(elsewhere / "bookings.db") == 0o600


@pytest.fixture
def silent_server() -> Iterator[int]:
    """A port that accepts TCP connections and never says a word (a stuck database)."""
    listener = socket.create_server(("127.0.0.1", 0), backlog=16)
    yield listener.getsockname()[1]
    listener.close()


def test_postgresql_gives_up_connecting_after_the_timeout(
    silent_server: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("BOOKING_DB_CONNECT_TIMEOUT", "2")
    engine = make_engine(f"postgresql+psycopg2://clinic@127.0.0.1:{silent_server}/db")
    outcome: list[BaseException] = []

    def connect() -> None:
        try:
            engine.connect()
        except BaseException as error:  # noqa: BLE001 - the test looks at it
            outcome.append(error)

    # In a thread: without a connect timeout libpq would wait for ever.
    started = time.monotonic()
    attempt = threading.Thread(target=connect, daemon=True)
    attempt.start()
    attempt.join(timeout=15)
    elapsed = time.monotonic() - started

    assert not attempt.is_alive(), "still connecting after 15 s"
    assert [type(error) for error in outcome] == [OperationalError]
    assert 1.5 < elapsed < 6
    engine.dispose()


@pytest.mark.parametrize(
    ("query", "expected"), [("", 9), ("?connect_timeout=4", "4")], ids=["env", "url"]
)
def test_the_connect_timeout_comes_from_the_url_else_the_environment(
    monkeypatch: pytest.MonkeyPatch, query: str, expected: object
) -> None:
    monkeypatch.setenv("BOOKING_DB_CONNECT_TIMEOUT", "9")
    engine = make_engine(f"postgresql+psycopg2://clinic@127.0.0.1:1/bookings{query}")
    used: dict[str, object] = {}

    @event.listens_for(engine, "do_connect")
    def capture(dialect, record, cargs, cparams) -> None:
        used.update(cparams)
        raise ConnectionAbortedError("captured; no need to connect")

    with pytest.raises(ConnectionAbortedError):
        engine.connect()

    assert used["connect_timeout"] == expected


def test_a_var_others_may_only_pass_through_is_left_so(
    var_dir: Path, open_umask: None
) -> None:
    # `make prod` as root: PostgreSQL's own user must reach var/prod/postgres
    var_dir.mkdir(parents=True, exist_ok=True)
    var_dir.chmod(0o711)

    settings.ensure_private_dir(var_dir / "spool")

    assert mode(var_dir) == 0o711 and mode(var_dir / "spool") == 0o700
