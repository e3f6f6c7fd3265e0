"""The action server as started by scripts/run.sh: loopback only, token required,
no 500s."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
import urllib.error
import urllib.request
import zlib
from collections.abc import Iterator

import pytest

from tests.assistant import ROOT, free_port, http

TOKEN = "a-test-token-for-the-action-server"


def listening_addresses(port: int) -> set[str]:
    """The local addresses a TCP socket listens on at `port` (from /proc/net/tcp*)."""
    found = set()
    for table, width in (("/proc/net/tcp", 8), ("/proc/net/tcp6", 32)):
        with open(table) as handle:
            next(handle)
            for line in handle:
                local, state = line.split()[1], line.split()[3]
                address, hex_port = local.split(":")
                if state == "0A" and int(hex_port, 16) == port:  # 0A: LISTEN
                    found.add(address if len(address) == width else "?")
    return found


LOOPBACK_V4 = "0100007F"  # 127.0.0.1 as /proc/net/tcp writes it


@pytest.fixture(scope="module")
def action_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """`python -m bot.server.actions` on a free port, as scripts/run.sh starts it."""
    port = free_port()
    log = tmp_path_factory.mktemp("actions") / "actions.log"
    env = {
        **os.environ,
        "ACTION_SERVER_TOKEN": TOKEN,
        "CLINIC_VAR_DIR": str(log.parent),
    }
    process = subprocess.Popen(
        [sys.executable, "-m", "bot.server.actions", "--port", str(port)],
        cwd=ROOT,
        env=env,
        stdout=open(log, "w"),
        stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while True:
        try:
            if http("GET", f"{url}/health", timeout=2)[0] == 200:
                break
        except OSError:
            pass
        if process.poll() is not None or time.monotonic() > deadline:
            process.kill()
            pytest.fail(f"action server did not start:\n{log.read_text()[-3000:]}")
        time.sleep(0.3)
    yield url
    process.terminate()
    process.wait(timeout=20)


def post(url: str, body: bytes, headers: dict[str, str] | None = None) -> int:
    request = urllib.request.Request(
        url,
        data=body,
        method="POST",
        headers={"Content-Type": "application/json", **(headers or {})},
    )
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


def forged_submission() -> bytes:
    """What an attacker would post to store a booking while skipping the form."""
    return json.dumps(
        {
            "next_action": "action_submit_booking",
            "sender_id": "rest:attacker",
            "tracker": {
                "sender_id": "rest:attacker",
                "slots": {
                    "booking_name": "Forged Person",
                    "booking_phone": "+447700900123",
                    "booking_confirmed": True,
                    "booking_consent": True,
                },
                "latest_message": {},
                "events": [],
                "active_loop": {},
            },
            "domain": {},
            "version": "3.6.21",
        }
    ).encode()


def test_it_listens_on_loopback_only(action_server: str):
    port = int(action_server.rsplit(":", 1)[1])
    assert listening_addresses(port) == {LOOPBACK_V4}


def test_health_needs_no_token(action_server: str):
    assert http("GET", f"{action_server}/health")[0] == 200


@pytest.mark.parametrize("query", ["", "?token=", "?token=wrong", "?tok=" + TOKEN])
def test_an_action_runs_only_for_the_token_holder(action_server: str, query: str):
    assert post(f"{action_server}/webhook{query}", forged_submission()) == 401
    assert http("GET", f"{action_server}/actions{query}")[0] == 401


@pytest.mark.parametrize(
    "body, headers",
    [
        (b"not json", {}),
        (b"[1, 2, 3]", {}),
        (b'"a string"', {}),
        (b'{"next_action": 5}', {}),
        (b"garbage", {"Content-Encoding": "deflate"}),
        (zlib.compress(b"[]"), {"Content-Encoding": "deflate"}),
    ],
)
def test_a_malformed_call_is_a_bad_request_not_a_crash(
    action_server: str, body: bytes, headers: dict[str, str]
):
    status = post(f"{action_server}/webhook?token={TOKEN}", body, headers)
    assert 400 <= status < 500


def test_an_unknown_action_is_not_found(action_server: str):
    body = json.dumps(
        {"next_action": "action_no_such_thing", "tracker": {}, "domain": {}}
    ).encode()
    assert post(f"{action_server}/webhook?token={TOKEN}", body) == 404
