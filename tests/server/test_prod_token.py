"""make prod's Rasa API token: made once, then the same for every reader."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest

from bot import settings
from bot.server.prod import api_token


def test_the_token_file_is_made_once_and_kept(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("RASA_API_TOKEN", raising=False)
    monkeypatch.setattr(settings, "VAR_DIR", tmp_path / "var")
    first = api_token()
    # prod-check and make retrain read it again while the replicas run with it
    assert api_token() == first
    token_file = tmp_path / "var" / "api-token"
    assert token_file.read_text().strip() == first
    assert stat.S_IMODE(token_file.stat().st_mode) & 0o077 == 0


def test_the_environment_wins(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("RASA_API_TOKEN", "from-the-environment")
    monkeypatch.setattr(settings, "VAR_DIR", tmp_path / "var")
    assert api_token() == "from-the-environment"
    assert not (tmp_path / "var" / "api-token").exists()
