"""The channel memory shared by Rasa processes: real SQLite files in tmp_path."""

from __future__ import annotations

from pathlib import Path

import sqlalchemy as sa

from bot.channels.memory import CHANNEL_MEMORY, SharedMemory
from bot.channels.whatsapp import ButtonMemory

PHONE = "+447700900123"


def test_options_sent_by_one_process_are_read_by_another(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'shared.db'}"
    replica_a = ButtonMemory(SharedMemory("whatsapp-options", url))
    replica_b = ButtonMemory(SharedMemory("whatsapp-options", url))
    replica_a.remember(PHONE, ["/affirm", "/deny"])
    assert replica_b.resolve(PHONE, "2") == "/deny"
    assert replica_a.resolve(PHONE, "2") == "2"  # for the very next reply only


def test_keys_are_hashed_and_values_expire(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'shared.db'}"
    memory = SharedMemory("whatsapp-options", url)
    memory.put(PHONE, '["/affirm"]')
    with memory.engine.connect() as connection:
        rows = connection.execute(sa.select(CHANNEL_MEMORY)).all()
    assert len(rows) == 1 and PHONE not in repr(rows)
    assert memory.get(PHONE) == '["/affirm"]'

    stale = SharedMemory("whatsapp-options", url, ttl_seconds=-1)
    stale.put("+447700900999", "old")
    assert stale.get("+447700900999") is None
    memory.put(PHONE, '["/deny"]')  # a write also clears what has expired
    with memory.engine.connect() as connection:
        assert (
            connection.execute(
                sa.select(sa.func.count()).select_from(CHANNEL_MEMORY)
            ).scalar()
            == 1
        )


def test_namespaces_do_not_mix(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'shared.db'}"
    SharedMemory("whatsapp-options", url).put("k", "options")
    assert SharedMemory("telegram-payloads", url).get("k") is None


def test_an_unreachable_database_is_forgetful_not_fatal(caplog) -> None:
    closed_port = "postgresql+psycopg2://nobody@127.0.0.1:9/none"
    memory = ButtonMemory(SharedMemory("whatsapp-options", closed_port))
    memory.remember(PHONE, ["/affirm"])
    assert memory.resolve(PHONE, "1") == "1"  # read as the patient typed it
    assert "Could not remember whatsapp-options state" in caplog.text
    assert PHONE not in caplog.text
