"""`python -m bot.bookings`: the staff command line."""

from __future__ import annotations

import csv
import datetime as dt
import io
import os
import stat
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from bot.bookings.cli import main
from bot.bookings.store import BookingStore, NewBooking
from bot.server import conversations

PROJECT_ROOT = Path(__file__).resolve().parents[2]
MakeBooking = Callable[..., NewBooking]
HOSTILE_NAME = "Eve\x1b[2J <b>Bold</b>\u202e & co\nsecond line"


def run(
    store: BookingStore, capsys: pytest.CaptureFixture, *argv: str
) -> tuple[int, str, str]:
    """Run the CLI on the store's database; return (exit code, stdout, stderr)."""
    code = main(["--db-url", str(store.engine.url), *argv])
    out, err = capsys.readouterr()
    return code, out, err


def days_ago(days: int) -> dt.datetime:
    """A UTC time `days` days before now."""
    return dt.datetime.now(dt.timezone.utc) - dt.timedelta(days=days)


def test_list_prints_a_safe_table_newest_first(
    store: BookingStore, booking: MakeBooking, capsys: pytest.CaptureFixture
) -> None:
    old = store.submit(booking(conversation_id="a"), now=days_ago(2)).reference
    new = store.submit(booking(conversation_id="b", name=HOSTILE_NAME)).reference

    code, out, _ = run(store, capsys, "list")

    assert code == 0
    lines = out.splitlines()
    assert lines[0].split()[:3] == ["Reference", "Created", "Status"]
    assert lines[2].startswith(new) and lines[3].startswith(old)
    assert "Eve [2J &lt;b&gt;Bold…" in out
    assert "\x1b" not in out and "\u202e" not in out and "<b>" not in out
    assert "2 booking request(s)." in out


def test_list_cuts_long_values(
    sqlite_store: BookingStore, booking: MakeBooking, capsys: pytest.CaptureFixture
) -> None:
    sqlite_store.submit(booking(name="Bartholomew " * 8))
    code, out, _ = run(sqlite_store, capsys, "list")
    assert code == 0 and "Bartholomew Bartholomew…" in out


def test_list_filters(
    sqlite_store: BookingStore, booking: MakeBooking, capsys: pytest.CaptureFixture
) -> None:
    now = dt.datetime.now(dt.timezone.utc)
    old = sqlite_store.submit(
        booking(conversation_id="a"), now=now - dt.timedelta(days=10)
    )
    new = sqlite_store.submit(booking(conversation_id="b"), now=now)
    sqlite_store.mark_contacted(old.reference)
    yesterday = (now - dt.timedelta(days=1)).date().isoformat()
    ten_days_ago = (now - dt.timedelta(days=10)).date().isoformat()

    assert (
        new.reference
        not in run(sqlite_store, capsys, "list", "--status", "contacted")[1]
    )
    assert old.reference not in run(sqlite_store, capsys, "list", "--status", "new")[1]
    assert (
        old.reference not in run(sqlite_store, capsys, "list", "--since", yesterday)[1]
    )
    only_old = run(sqlite_store, capsys, "list", "--until", ten_days_ago)[1]
    assert old.reference in only_old and new.reference not in only_old


def test_list_says_when_there_is_nothing(
    sqlite_store: BookingStore, capsys: pytest.CaptureFixture
) -> None:
    assert run(sqlite_store, capsys, "list") == (0, "No booking requests.\n", "")


def test_show_prints_every_field_escaped(
    store: BookingStore, booking: MakeBooking, capsys: pytest.CaptureFixture
) -> None:
    reference = store.submit(
        booking(name=HOSTILE_NAME, reason="<script>alert(1)</script>")
    ).reference

    code, out, _ = run(store, capsys, "show", reference.lower())

    assert code == 0
    assert f"Reference:      {reference}" in out
    assert "Name:           Eve [2J &lt;b&gt;Bold&lt;/b&gt; &amp; co second line" in out
    assert "Phone:          +447700900456" in out
    assert "Reason:         &lt;script&gt;alert(1)&lt;/script&gt;" in out
    assert "Consent:        yes" in out
    assert "Notification:   pending, 0 attempt(s)" in out
    assert "\x1b" not in out


@pytest.mark.parametrize("command", ["show", "mark-contacted"])
def test_unknown_reference_exits_1(
    sqlite_store: BookingStore, capsys: pytest.CaptureFixture, command: str
) -> None:
    code, out, err = run(sqlite_store, capsys, command, "HSC-22222")
    assert code == 1 and out == "" and "No booking request HSC-22222" in err


def test_mark_contacted(
    sqlite_store: BookingStore, booking: MakeBooking, capsys: pytest.CaptureFixture
) -> None:
    reference = sqlite_store.submit(booking()).reference
    code, out, _ = run(sqlite_store, capsys, "mark-contacted", reference)
    saved = sqlite_store.get(reference)
    assert code == 0 and f"{reference} marked as contacted." in out
    assert saved is not None and saved.status == "contacted"


def test_export_csv_to_stdout_is_literal_but_formula_safe(
    store: BookingStore, booking: MakeBooking, capsys: pytest.CaptureFixture
) -> None:
    reference = store.submit(
        booking(
            name='=HYPERLINK("http://x.invalid","Jane")', reason="<b>sore</b>\nback"
        )
    ).reference

    code, out, _ = run(store, capsys, "export", "--csv")

    assert code == 0
    [row] = list(csv.DictReader(io.StringIO(out)))
    assert row["reference"] == reference
    assert row["name"] == '\'=HYPERLINK("http://x.invalid","Jane")'
    assert row["phone_e164"] == "+447700900456"  # our own E.164 value, left as it is
    assert row["reason"] == "<b>sore</b> back"
    assert row["preferred_date"] == "2030-01-03"


def test_export_csv_to_a_private_file(
    sqlite_store: BookingStore,
    booking: MakeBooking,
    capsys: pytest.CaptureFixture,
    tmp_path: Path,
) -> None:
    sqlite_store.submit(booking())
    target = tmp_path / "bookings.csv"

    code, out, err = run(sqlite_store, capsys, "export", "--csv", str(target))

    assert code == 0 and out == "" and "Exported 1 booking request(s)." in err
    assert stat.S_IMODE(os.stat(target).st_mode) == 0o600
    assert "Jane Testpatient" in target.read_text(encoding="utf-8")


def test_purge(
    store: BookingStore, booking: MakeBooking, capsys: pytest.CaptureFixture
) -> None:
    old = store.submit(booking(conversation_id="a"), now=days_ago(91)).reference
    new = store.submit(booking(conversation_id="b"), now=days_ago(89)).reference

    code, out, _ = run(store, capsys, "purge", "--older-than", "90d")

    assert code == 0 and "Deleted 1 booking request(s) older than 90 days." in out
    assert store.get(old) is None and store.get(new) is not None


def test_purge_also_deletes_conversations_past_their_retention(
    store: BookingStore,
    capsys: pytest.CaptureFixture,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("CONVERSATIONS_DB_URL", f"sqlite:///{tmp_path / 'talks.db'}")
    monkeypatch.setenv("CONVERSATION_RETENTION_DAYS", "30")
    engine = conversations.conversations_engine()
    now = dt.datetime.now(dt.timezone.utc).timestamp()
    with engine.begin() as connection:
        for sender, age_days in (("rest:old", 31), ("rest:recent", 29)):
            connection.execute(
                conversations.EVENTS.insert().values(
                    sender_id=sender,
                    type_name="user",
                    timestamp=now - age_days * 86400,
                    data="{}",
                )
            )

    code, out, _ = run(store, capsys, "purge", "--older-than", "90d")

    assert code == 0
    assert "Deleted 1 conversation(s) whose last message is older than 30 days" in out
    with engine.connect() as connection:
        left = (
            connection.execute(
                conversations.EVENTS.select().with_only_columns(
                    conversations.EVENTS.c.sender_id
                )
            )
            .scalars()
            .all()
        )
    assert left == ["rest:recent"]


def test_send_outbox_uses_smtp_url(
    sqlite_store: BookingStore,
    booking: MakeBooking,
    capsys: pytest.CaptureFixture,
    smtp_server,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    server = smtp_server()
    monkeypatch.setenv("SMTP_URL", server.url)
    monkeypatch.setenv("NOTIFY_FROM", "assistant@clinic.example")
    sqlite_store.submit(booking())

    code, out, _ = run(sqlite_store, capsys, "send-outbox")

    assert code == 0 and "Sent 1, failed 0, left pending 0." in out
    [email] = server.inbox.messages
    assert email["From"] == "assistant@clinic.example"


def test_send_outbox_without_smtp_leaves_messages_pending(
    sqlite_store: BookingStore,
    booking: MakeBooking,
    capsys: pytest.CaptureFixture,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv("SMTP_URL", raising=False)
    sqlite_store.submit(booking())
    code, out, _ = run(sqlite_store, capsys, "send-outbox")
    assert code == 0 and "Sent 0, failed 0, left pending 1." in out


def test_init_db_creates_the_database_and_hides_passwords(
    tmp_path: Path, capsys: pytest.CaptureFixture
) -> None:
    db_file = tmp_path / "var" / "bookings.db"
    assert main(["--db-url", f"sqlite:///{db_file}", "init-db"]) == 0
    assert db_file.exists() and "Booking store ready" in capsys.readouterr().out


def test_default_database_comes_from_settings(
    tmp_path: Path, capsys: pytest.CaptureFixture, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("BOOKING_DB_URL", f"sqlite:///{tmp_path / 'from-env.db'}")
    assert main(["init-db"]) == 0
    assert (tmp_path / "from-env.db").exists()


@pytest.mark.parametrize(
    "argv",
    [
        [],
        ["list", "--status", "done"],
        ["list", "--since", "26/11/2025"],
        ["export"],
        ["purge"],
        ["purge", "--older-than", "90"],
        ["purge", "--older-than", "0d"],
        ["show"],
        ["frobnicate"],
    ],
)
def test_usage_errors_exit_2(
    sqlite_store: BookingStore, capsys: pytest.CaptureFixture, argv: list[str]
) -> None:
    with pytest.raises(SystemExit) as exited:
        main(["--db-url", str(sqlite_store.engine.url), *argv])
    assert exited.value.code == 2


def test_module_entry_point(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'bookings.db'}"

    def cli(*argv: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "bot.bookings", "--db-url", url, *argv],
            cwd=PROJECT_ROOT,
            capture_output=True,
            text=True,
            timeout=60,
        )

    assert cli("list").returncode == 0
    assert cli("show", "HSC-22222").returncode == 1
    assert cli("list", "--status", "nope").returncode == 2
