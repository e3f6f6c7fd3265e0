"""The pieces around the connectors: the credentials writer, message splitting and
the chat page's web server. Fast: no Rasa involved."""

from __future__ import annotations

import stat
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml

from bot.channels.credentials import (
    TELEGRAM_CHANNEL,
    WHATSAPP_CHANNEL,
    ChannelConfigError,
    main,
    write_credentials,
)
from bot.channels.splitting import split_message, utf16_length
from bot.channels.webpage import serve_in_background
from tests.assistant import ROOT, free_port

BASE = ROOT / "credentials.yml"
REST_CHANNEL = "bot.channels.rest.RestInput"
SOCKETIO_CHANNEL = "bot.channels.socketio.SocketIOInput"
TELEGRAM = {"TELEGRAM_TOKEN": "1:abc", "TELEGRAM_SECRET_TOKEN": "s3cret_-x"}
TWILIO = {
    "TWILIO_ACCOUNT_SID": "AC123",
    "TWILIO_AUTH_TOKEN": "token",
    "TWILIO_WHATSAPP_NUMBER": "+14155238886",
}


def written(tmp_path: Path, env: dict[str, str]) -> dict:
    out = tmp_path / "var" / "credentials.yml"
    write_credentials(out, BASE, env)
    return yaml.safe_load(out.read_text())


def test_credentials_yml_needs_no_secrets():
    text = BASE.read_text()
    assert "${" not in text, "Rasa refuses to start on an unset ${VAR}"
    assert set(yaml.safe_load(text)) == {REST_CHANNEL, SOCKETIO_CHANNEL}
    assert yaml.safe_load(text)[SOCKETIO_CHANNEL]["session_persistence"] is True


@pytest.mark.parametrize("unguarded", ["rest", "socketio"])
def test_rasas_unguarded_channels_are_refused(tmp_path: Path, unguarded: str):
    base = tmp_path / "credentials.yml"
    base.write_text(f"{unguarded}:\n")
    with pytest.raises(ChannelConfigError, match="without the clinic's limits"):
        write_credentials(tmp_path / "out.yml", base, {})


def test_no_tokens_means_the_committed_channels_only(tmp_path: Path):
    assert written(tmp_path, {}) == yaml.safe_load(BASE.read_text())


def test_channels_are_added_when_their_variables_are_set(tmp_path: Path):
    env = {
        **TELEGRAM,
        **TWILIO,
        "TELEGRAM_WEBHOOK_URL": "https://x.example/webhooks/telegram/webhook",
        "TELEGRAM_API_URL": "http://127.0.0.1:9",
        "TWILIO_WEBHOOK_URL": "https://x.example/webhooks/whatsapp/webhook",
    }
    credentials = written(tmp_path, env)
    assert credentials[TELEGRAM_CHANNEL] == {
        "access_token": "1:abc",
        "secret_token": "s3cret_-x",
        "webhook_url": "https://x.example/webhooks/telegram/webhook",
        "api_url": "http://127.0.0.1:9",
    }
    assert credentials[WHATSAPP_CHANNEL] == {
        "account_sid": "AC123",
        "auth_token": "token",
        "twilio_number": "+14155238886",
        "webhook_url": "https://x.example/webhooks/whatsapp/webhook",
    }
    mode = (tmp_path / "var" / "credentials.yml").stat().st_mode
    assert stat.S_IMODE(mode) == 0o600  # it holds tokens


@pytest.mark.parametrize(
    "env",
    [
        {"TELEGRAM_TOKEN": "1:abc"},  # no secret: the webhook could not be checked
        {**TELEGRAM, "TELEGRAM_SECRET_TOKEN": "has spaces"},
        {"TWILIO_ACCOUNT_SID": "AC123", "TWILIO_AUTH_TOKEN": "token"},
        {"TWILIO_WHATSAPP_NUMBER": "+14155238886"},
    ],
)
def test_half_configured_channels_are_refused(tmp_path: Path, env):
    with pytest.raises(ChannelConfigError):
        written(tmp_path, env)


def test_command_line_fails_loudly(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("TELEGRAM_TOKEN", "1:abc")
    monkeypatch.delenv("TELEGRAM_SECRET_TOKEN", raising=False)
    assert main(["--out", str(tmp_path / "c.yml")]) == 1
    assert "TELEGRAM_SECRET_TOKEN" in capsys.readouterr().err


@pytest.mark.parametrize("limit", [20, 100, 1600, 4096])
def test_split_message_keeps_every_word_under_the_limit(limit: int):
    text = ("Shockwave therapy is a non-invasive treatment. 😀\n\n" * 200).strip()
    parts = split_message(text, limit)
    assert all(0 < utf16_length(part) <= limit for part in parts)
    assert " ".join(parts).split() == text.split()


def test_split_message_prefers_paragraphs_then_sentences():
    text = "First paragraph here.\n\nSecond one is here. It goes on a while."
    assert split_message(text, 30) == [
        "First paragraph here.",
        "Second one is here.",
        "It goes on a while.",
    ]
    assert split_message("short", 4096) == ["short"]
    assert split_message("x" * 10, 4) == ["xxxx", "xxxx", "xx"]


@pytest.fixture(scope="module")
def page_server() -> Iterator[str]:
    port = free_port()
    server = serve_in_background("127.0.0.1", port, "http://localhost:5005")
    yield f"http://127.0.0.1:{port}"
    server.shutdown()
    server.server_close()


def _get(url: str) -> tuple[int, dict, bytes]:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), b""


def test_page_server_serves_the_page_and_its_config(page_server: str):
    status, headers, body = _get(page_server + "/")
    assert status == 200 and b"Ask our assistant" in body
    assert "script-src 'self'" in headers["Content-Security-Policy"]
    assert "ws://localhost:5005" in headers["Content-Security-Policy"]
    status, _, body = _get(page_server + "/config.js")
    assert body == b'window.CLINIC_CHAT = {"socketUrl": "http://localhost:5005"};\n'


@pytest.mark.parametrize(
    "path",
    [
        "/package.json",
        "/package-lock.json",
        "/../credentials.yml",
        "/%2e%2e/credentials.yml",
        "/node_modules/rasa-webchat/package.json",
        "/.hidden.js",
    ],
)
def test_page_server_serves_nothing_else(page_server: str, path: str):
    assert _get(page_server + path)[0] == 404
