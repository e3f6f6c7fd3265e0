"""Starting the real assistant (action server + Rasa) in the background, and talking to
it over HTTP.

The tests, `make bench` and bot.bench.model_swap start the assistant this way:
the same processes as `scripts/run.sh` (`bot.server.actions`, `bot.server.serve`),
on free loopback ports, with the project's endpoints (tracker store included)
and everything they write under one work folder.
"""

from __future__ import annotations

import json
import secrets
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from bot import settings
from bot.settings import PROJECT_ROOT

PYTHON = Path(sys.executable)
DEFAULT_MODEL = PROJECT_ROOT / "models" / "current.tar.gz"


def free_port() -> int:
    """A TCP port nobody listens on right now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def http(
    method: str, url: str, body: Any = None, timeout: float = 30.0
) -> tuple[int, Any]:
    """A JSON HTTP call (bot.retrain.live's too): (status, decoded body or text)."""
    data = (
        None
        if body is None
        else (body if isinstance(body, bytes) else json.dumps(body).encode())
    )
    request = urllib.request.Request(
        url, data=data, method=method, headers={"Content-Type": "application/json"}
    )
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            status, raw = response.status, response.read().decode()
    except urllib.error.HTTPError as exc:
        status, raw = exc.code, exc.read().decode(errors="replace")
    try:
        return status, json.loads(raw) if raw else None
    except json.JSONDecodeError:
        return status, raw


def reply_text(replies: list[dict]) -> str:
    """Texts and button titles of the replies, one per line."""
    parts = []
    for reply in replies:
        parts.append(reply.get("text") or "")
        parts += [button.get("title", "") for button in reply.get("buttons") or []]
    return "\n".join(parts)


def wait_until(
    check: Callable[[], Any], what: str, timeout: float, proc: subprocess.Popen
) -> None:
    """Polls `check` until it is true; fails early if `proc` exits."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"{what} exited with code {proc.returncode}")
        try:
            if check():
                return
        except (OSError, urllib.error.URLError):
            pass
        time.sleep(0.5)
    raise TimeoutError(f"{what} did not start within {timeout:.0f} s")


@dataclass
class Assistant:
    """A running assistant: Rasa with REST,
    socket.io and the token-protected HTTP API."""

    url: str
    actions_url: str
    var_dir: Path
    token: str
    processes: tuple[subprocess.Popen, ...]

    @property
    def rest(self) -> str:
        return f"{self.url}/webhooks/rest/webhook"

    def say(self, sender: str, text: Any) -> list[dict]:
        """Sends one message over REST and returns the bot's replies."""
        status, body = http("POST", self.rest, {"sender": sender, "message": text})
        assert status == 200, f"REST returned {status}: {body}"
        return body or []

    def tracker(self, sender: str, channel: str = "rest") -> dict:
        """The tracker of `channel`'s conversation with `sender`, from Rasa's HTTP API.

        Conversations are stored under `<channel>:<sender>` (bot/channels/guard.py).
        """
        # unquoted: Sanic does not decode "%3A" in a path (":" and "+" are fine)
        status, body = http(
            "GET",
            f"{self.url}/conversations/{channel}:{sender}/tracker?token={self.token}",
        )
        assert status == 200, body
        return body

    def stop(self) -> None:
        """Stops both servers."""
        for proc in self.processes:
            proc.terminate()
        for proc in self.processes:
            try:
                proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                proc.kill()


def start_assistant(
    work_dir: Path,
    model: Path = DEFAULT_MODEL,
    credentials: Path | None = None,
    env: dict[str, str] | None = None,
    log_dir: Path | None = None,
    cors: str | None = None,
    token: str | None = None,
) -> Assistant:
    """Starts the action server and Rasa on free ports with the given model.

    Bookings and conversations go to `work_dir/var` unless `env` names other
    databases, so starting again on the same work_dir carries the conversations
    on. `cors` is an origin (e.g. a test web page's) that may call Rasa from a
    browser; `token` protects Rasa's HTTP API (a random one when not given).
    """
    if not model.exists():
        raise FileNotFoundError(f"no trained model at {model}: run `make train` first")
    token = token or secrets.token_hex(16)
    rasa_port, actions_port = free_port(), free_port()
    var_dir = work_dir / "var"
    var_dir.mkdir(parents=True, exist_ok=True)
    # the project's endpoints (e.g. its tracker store), with this action server
    endpoints = work_dir / "endpoints.yml"
    config = yaml.safe_load((PROJECT_ROOT / "endpoints.yml").read_text()) or {}
    config["action_endpoint"] = {
        "url": f"http://127.0.0.1:{actions_port}/webhook",
        "token": "${ACTION_SERVER_TOKEN}",
    }
    endpoints.write_text(yaml.safe_dump(config))
    log_dir = log_dir or work_dir
    # this assistant's own databases, under var_dir, unless `env` names others
    environment = settings.child_environment(
        {
            "CLINIC_VAR_DIR": str(var_dir),
            "ACTION_SERVER_TOKEN": secrets.token_hex(16),
            **({"WEB_ORIGINS": cors} if cors else {}),
            **(env or {}),
        },
        drop=("CONVERSATIONS_DB_URL", "BOOKING_DB_URL"),
    )
    actions = subprocess.Popen(
        [str(PYTHON), "-m", "bot.server.actions", "--port", str(actions_port)],
        cwd=PROJECT_ROOT,
        env=environment,
        stdout=open(log_dir / "actions.log", "a"),
        stderr=subprocess.STDOUT,
    )
    # as scripts/run.sh: `rasa run` whose model swaps (PUT /model) keep answering
    rasa = subprocess.Popen(
        [
            str(PYTHON),
            "-m",
            "bot.server.serve",
            "run",
            "--model",
            str(model),
            "--port",
            str(rasa_port),
            "--interface",
            "127.0.0.1",
            "--enable-api",
            "--auth-token",
            token,
            "--endpoints",
            str(endpoints),
            "--credentials",
            str(credentials or PROJECT_ROOT / "credentials.yml"),
            *(["--cors", cors] if cors else []),
        ],
        cwd=PROJECT_ROOT,
        env=environment,
        stdout=open(log_dir / "rasa.log", "a"),
        stderr=subprocess.STDOUT,
    )
    assistant = Assistant(
        url=f"http://127.0.0.1:{rasa_port}",
        actions_url=f"http://127.0.0.1:{actions_port}",
        var_dir=var_dir,
        token=token,
        processes=(actions, rasa),
    )
    try:
        wait_until(
            lambda: http("GET", f"{assistant.actions_url}/health", timeout=2)[0] == 200,
            "action server",
            90,
            actions,
        )
        wait_until(
            lambda: (
                http("GET", f"{assistant.url}/status?token={token}", timeout=2)[1] or {}
            ).get("model_id"),
            "Rasa",
            180,
            rasa,
        )
    except Exception:
        assistant.stop()
        raise
    return assistant
