"""Environment variables are read in bot/settings.py only (STYLE.md: one place)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from bot import settings
from bot.channels.credentials import effective_credentials

ROOT = Path(__file__).resolve().parents[1]
# Setting a variable for this process (before TensorFlow or Rasa read it) is not
# reading configuration: `os.environ["X"] = ...` and `os.environ.setdefault(...)`.
_WRITE = re.compile(r"os\.environ\[[^\]]+\]\s*=[^=]|os\.environ\.setdefault\(")
# Being reworked separately; take them in once their reads have moved to settings.
NOT_YET = ("clinical", "nlu")


def test_no_module_but_settings_reads_the_environment() -> None:
    readers = [
        f"{path.relative_to(ROOT)}:{number}: {line.strip()}"
        for path in sorted((ROOT / "bot").rglob("*.py"))
        if path != ROOT / "bot" / "settings.py"
        and path.relative_to(ROOT / "bot").parts[0] not in NOT_YET
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if re.search(r"os\.environ|getenv|from os import", line)
        and not _WRITE.search(line)
    ]
    assert readers == []


def test_channel_environment_holds_the_channels_variables_only(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("TELEGRAM_TOKEN", "1:abc")
    monkeypatch.setenv("TWILIO_ACCOUNT_SID", "AC1")
    monkeypatch.setenv("SMTP_URL", "smtp://secret@host")
    channels = settings.channel_environment()
    assert channels["TELEGRAM_TOKEN"] == "1:abc"
    assert channels["TWILIO_ACCOUNT_SID"] == "AC1"
    assert all(name.startswith(("TELEGRAM_", "TWILIO_")) for name in channels)


def test_credentials_come_from_the_environment_by_default(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    for name in settings.channel_environment():
        monkeypatch.delenv(name)
    monkeypatch.setenv("TELEGRAM_TOKEN", "1:abc")
    monkeypatch.setenv("TELEGRAM_SECRET_TOKEN", "s3cret")
    base = tmp_path / "credentials.yml"
    base.write_text(yaml.safe_dump({"bot.channels.rest.RestInput": None}))
    credentials = effective_credentials(base)
    assert credentials["bot.channels.telegram.TelegramInput"] == {
        "access_token": "1:abc",
        "secret_token": "s3cret",
    }
    assert "bot.channels.whatsapp.WhatsAppInput" not in credentials


@pytest.mark.parametrize("value, logged", [(None, False), ("", False), ("1", True)])
def test_webpage_access_log(
    value: str | None, logged: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    if value is None:
        monkeypatch.delenv("WEBPAGE_ACCESS_LOG", raising=False)
    else:
        monkeypatch.setenv("WEBPAGE_ACCESS_LOG", value)
    assert settings.webpage_access_log() is logged


def test_child_environment_drops_and_overrides(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CLINIC_MODEL", "models/x.tar.gz")
    monkeypatch.setenv("RASA_PORT", "5005")
    environment = settings.child_environment(
        {"RASA_PORT": "6006"}, drop=("CLINIC_MODEL",)
    )
    assert "CLINIC_MODEL" not in environment
    assert environment["RASA_PORT"] == "6006"
    assert environment["PATH"]  # the rest is passed on
    assert settings.child_environment()["CLINIC_MODEL"] == "models/x.tar.gz"
