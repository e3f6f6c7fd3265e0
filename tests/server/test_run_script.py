"""`make run`'s script, started for real: every server on loopback, chat over REST."""

from __future__ import annotations

import os
import signal
import stat
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.assistant import MODEL, ROOT, free_port, http
from tests.server.test_action_server import LOOPBACK_V4, listening_addresses

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def run_script(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict]:
    """scripts/run.sh on free ports, with its var/ in a temporary folder."""
    if not MODEL.exists():
        pytest.fail(f"no trained model at {MODEL}: run `make train` first")
    var = tmp_path_factory.mktemp("run") / "var"
    ports = {
        "RASA_PORT": free_port(),
        "ACTIONS_PORT": free_port(),
        "WEB_PORT": free_port(),
    }
    env = {
        **os.environ,
        **{name: str(port) for name, port in ports.items()},
        "CLINIC_VAR_DIR": str(var),
        "OUTBOX_POLL_SECONDS": "3600",
    }
    for name in (
        "RASA_API_TOKEN",
        "ACTION_SERVER_TOKEN",
        "TELEGRAM_TOKEN",
        "TWILIO_ACCOUNT_SID",
    ):
        env.pop(name, None)
    log = open(var.parent / "run.log", "w")
    process = subprocess.Popen(
        ["bash", "scripts/run.sh"],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    rest = f"http://127.0.0.1:{ports['RASA_PORT']}/webhooks/rest/webhook"
    deadline = time.monotonic() + 240
    while True:
        try:
            probe = {"sender": "probe", "message": "hello"}
            if http("POST", rest, probe, timeout=5)[0] == 200:
                break
        except OSError:
            pass
        if process.poll() is not None or time.monotonic() > deadline:
            os.killpg(process.pid, signal.SIGTERM)
            pytest.fail(
                "run.sh did not come up:\n"
                f"{(var.parent / 'run.log').read_text()[-3000:]}"
            )
        time.sleep(1)
    yield {"ports": ports, "rest": rest, "var": var}
    os.killpg(process.pid, signal.SIGTERM)
    try:
        process.wait(timeout=30)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)


def test_every_server_listens_on_loopback_only(run_script: dict):
    for name, port in run_script["ports"].items():
        assert listening_addresses(port) == {LOOPBACK_V4}, name


def test_it_answers_over_rest(run_script: dict):
    status, replies = http(
        "POST",
        run_script["rest"],
        {"sender": "readme", "message": "what is IDD therapy?"},
    )
    assert status == 200 and "IDD" in " ".join(r.get("text", "") for r in replies)


def test_its_action_server_takes_rasas_calls(run_script: dict):
    """Rasa proves itself with the token run.sh made: the booking form starts."""
    status, replies = http(
        "POST",
        run_script["rest"],
        {"sender": "booker", "message": "I'd like to book an appointment"},
    )
    text = " ".join(r.get("text", "") for r in replies)
    assert status == 200 and "full name" in text, text


def test_its_var_folder_and_tokens_are_private(run_script: dict):
    var: Path = run_script["var"]
    assert stat.S_IMODE(var.stat().st_mode) == 0o700
    for name in ("api-token", "credentials.yml"):
        assert stat.S_IMODE((var / name).stat().st_mode) & 0o077 == 0, name
