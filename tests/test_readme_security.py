"""README's "Security" section states what the code does (issue 12, point 8)."""

from __future__ import annotations

import re

import yaml

from bot import settings
from tests.assistant import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")


def security_section() -> str:
    match = re.search(r"^## Security\n(.*?)^## ", README, re.S | re.M)
    assert match, "README has no Security section"
    return match.group(1)


def test_it_says_what_listens_where_and_what_faces_the_internet():
    text = security_section()
    for port in ("5005", "5055", "8080"):
        assert port in text
    assert "127.0.0.1" in text and "TLS" in text
    assert "never public" in text


def test_its_limits_are_the_code_defaults():
    text = security_section()
    assert f"{settings.max_message_chars():,} characters" in text
    assert f"{settings.max_request_bytes() // 1024} KB" in text
    assert f"{int(settings.messages_per_minute_per_sender())} messages a minute" in text
    assert f"{int(settings.requests_per_minute_per_client())} REST requests" in text


def test_it_says_what_is_stored_and_how_to_report_a_vulnerability():
    text = security_section()
    for words in (
        "What is stored",
        "purge",
        "0700",
        "0600",
        "telemetry",
        "vulnerability",
    ):
        assert words in text


def test_the_action_server_is_called_with_its_token():
    endpoints = yaml.safe_load((ROOT / "endpoints.yml").read_text(encoding="utf-8"))
    action = endpoints["action_endpoint"]
    assert action["token"] == "${ACTION_SERVER_TOKEN}"
    assert action["url"] == "http://127.0.0.1:${ACTIONS_PORT}/webhook"


def test_run_script_binds_every_server_to_loopback():
    script = (ROOT / "scripts" / "run.sh").read_text(encoding="utf-8")
    assert "rasa run actions" not in script, "the SDK's server binds 0.0.0.0"
    assert "bot.server.actions --host 127.0.0.1" in script
    assert 'RASA_HOST="${RASA_HOST:-127.0.0.1}"' in script
    assert '--interface "${RASA_HOST}"' in script
    assert "bot.channels.webpage --host 127.0.0.1" in script
