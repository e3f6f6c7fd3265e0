"""Fixtures of the fuzz tests: the real servers, each test's findings, and the
checks that every test ends with (the servers still answer).

Rasa runs with every channel on, as in tests/channels (fake Telegram and Twilio
APIs on 127.0.0.1), but in an instance of its own: a fuzz test may leave it slow or
dead, and that must not fail the channel tests. When a test has killed it (or the
memory guard has), the next test starts a fresh one.
"""

from __future__ import annotations

import json
import re
import subprocess
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import ThreadingHTTPServer
from pathlib import Path

import pytest

from bot.channels.credentials import write_credentials
from bot.channels.webpage import serve_in_background
from tests.assistant import ROOT, Assistant, start_assistant
from tests.channels.conftest import (
    TELEGRAM_SECRET,
    TELEGRAM_TOKEN,
    TWILIO_NUMBER,
    TWILIO_SID,
    TWILIO_TOKEN,
)
from tests.channels.fakes import FakeApi, telegram_answer, twilio_answer
from tests.security.fuzzing import Findings, MemoryGuard, Request, rss_mb, send

ARTEFACTS = ROOT / "test-artefacts" / "security"
# Rasa is killed when it grows this much over its size after start-up: far above
# anything a capped message needs, far below what takes a CI machine down.
GUARD_MB = 2048
ORDINARY_QUESTION = "What is IDD Therapy?"


@dataclass
class Servers:
    """The servers under attack; Rasa and the action server are restarted if dead."""

    work_dir: Path
    environment: dict[str, str]
    credentials: Path
    page: ThreadingHTTPServer
    telegram_api: FakeApi
    twilio_api: FakeApi
    assistant: Assistant | None = None
    guard: MemoryGuard | None = None
    starts: int = 0
    _log_marks: dict[Path, int] = field(default_factory=dict)

    @property
    def page_url(self) -> str:
        host, port = self.page.server_address[:2]
        return f"http://{host}:{port}"

    @property
    def rasa_url(self) -> str:
        assert self.assistant is not None
        return self.assistant.url

    @property
    def actions_url(self) -> str:
        assert self.assistant is not None
        return self.assistant.actions_url

    @property
    def rasa_process(self) -> subprocess.Popen:
        assert self.assistant is not None
        return self.assistant.processes[1]

    def rasa_rss_mb(self) -> float | None:
        return rss_mb(self.rasa_process.pid)

    @property
    def log_dir(self) -> Path:
        return ARTEFACTS / f"run-{self.starts}"

    def start(self) -> None:
        self.starts += 1
        self.log_dir.mkdir(parents=True, exist_ok=True)
        self.assistant = start_assistant(
            self.work_dir / f"run-{self.starts}",
            credentials=self.credentials,
            env=self.environment,
            log_dir=self.log_dir,
            cors=self.page_url,
        )
        self.page.RequestHandlerClass.rasa_url = self.assistant.url
        rasa = self.rasa_process
        self.guard = MemoryGuard(rasa, (rss_mb(rasa.pid) or 0) + GUARD_MB)
        self.guard.start()
        self._log_marks = {}

    def stop(self) -> None:
        if self.guard:
            self.guard.stop()
        if self.assistant:
            self.assistant.stop()

    def alive(self) -> bool:
        """Both processes run and answer their health checks."""
        if self.assistant is None or any(
            proc.poll() is not None for proc in self.assistant.processes
        ):
            return False
        rasa = send(self.rasa_url, Request("health", "GET", "/"), timeout=10)
        actions = send(
            self.actions_url, Request("health", "GET", "/health"), timeout=10
        )
        return rasa.status == 200 and actions.status == 200

    def ensure_up(self) -> None:
        """Starts fresh servers if an earlier test left them dead or hung."""
        if not self.alive():
            self.stop()
            self.start()

    # --- server logs --------------------------------------------------------------
    def _logs(self) -> list[Path]:
        return [self.log_dir / "rasa.log", self.log_dir / "actions.log"]

    def mark_logs(self) -> None:
        """Remembers where the logs end, so that a test reports only its own errors."""
        self._log_marks = {
            log: log.stat().st_size for log in self._logs() if log.exists()
        }

    def new_errors(self, limit: int = 8) -> str:
        """The distinct tracebacks the servers logged since mark_logs()."""
        found: dict[str, str] = {}
        for log in self._logs():
            if not log.exists():
                continue
            with log.open("rb") as handle:
                handle.seek(self._log_marks.get(log, 0))
                text = handle.read().decode(errors="replace")
            for block in _tracebacks(text):
                found.setdefault(block.splitlines()[-1], f"[{log.name}] {block}")
        blocks = list(found.values())
        if len(blocks) > limit:
            blocks = blocks[:limit] + [f"... and {len(blocks) - limit} more"]
        return "\n".join(blocks)


_FRAME = re.compile(r'^\s*File "(.+)", line (\d+), in (.+)$')


def _tracebacks(text: str) -> list[str]:
    """Each traceback in `text`, shortened to its last two frames and its error."""
    blocks = []
    lines = text.splitlines()
    for index, line in enumerate(lines):
        if not line.startswith("Traceback (most recent call last)"):
            continue
        frames, error = [], ""
        for follow in lines[index + 1 :]:
            match = _FRAME.match(follow)
            if match:
                path = match.group(1).split("site-packages/")[-1].split("/main/")[-1]
                frames.append(f"{path}:{match.group(2)} in {match.group(3)}")
            elif follow and not follow.startswith((" ", "\t")):
                error = follow.strip()
                break
        blocks.append("\n".join([*("    " + f for f in frames[-2:]), "  " + error]))
    return blocks


@pytest.fixture(scope="module")
def servers(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Servers]:
    """Rasa (REST, socket.io, Telegram, WhatsApp),
    the action server and the chat page."""
    telegram_api = FakeApi(telegram_answer(TELEGRAM_TOKEN))
    twilio_api = FakeApi(twilio_answer(TWILIO_SID, TWILIO_TOKEN))
    page = serve_in_background("127.0.0.1", 0, "http://127.0.0.1:9")
    environment = {
        "TELEGRAM_TOKEN": TELEGRAM_TOKEN,
        "TELEGRAM_SECRET_TOKEN": TELEGRAM_SECRET,
        "TELEGRAM_API_URL": telegram_api.url,
        "TWILIO_ACCOUNT_SID": TWILIO_SID,
        "TWILIO_AUTH_TOKEN": TWILIO_TOKEN,
        "TWILIO_WHATSAPP_NUMBER": TWILIO_NUMBER,
        "TWILIO_API_URL": twilio_api.url,
    }
    work_dir = tmp_path_factory.mktemp("security")
    credentials = work_dir / "credentials.yml"
    write_credentials(credentials, ROOT / "credentials.yml", environment)
    running = Servers(
        work_dir, environment, credentials, page, telegram_api, twilio_api
    )
    running.start()
    yield running
    running.stop()
    page.shutdown()
    page.server_close()
    telegram_api.stop()
    twilio_api.stop()


@pytest.fixture
def findings(servers: Servers) -> Findings:
    """A test's failures, on servers that are up; the test ends with conclude()."""
    servers.ensure_up()
    servers.mark_logs()
    assert servers.guard is not None
    servers.guard.reset_peak()
    return Findings()


def conclude(servers: Servers, found: Findings) -> None:
    """Fails with every failure of the run at once, and the tracebacks logged meanwhile.

    Checks first that the servers still answer (still_answers).
    """
    still_answers(servers, found)
    if found:
        errors = servers.new_errors()
        pytest.fail(
            found.report()
            + (f"\nserver log, new tracebacks:\n{errors}" if errors else "")
            + f"\n(logs: {servers.log_dir})",
            pytrace=False,
        )


def ask_rest(servers: Servers, text: str, sender: str) -> tuple[int | None, list]:
    """An ordinary REST message; waits out a 429 (Retry-After) once."""
    request = Request(
        "ordinary question",
        "POST",
        "/webhooks/rest/webhook",
        json.dumps({"sender": sender, "message": text}).encode(),
        [("Content-Type", "application/json")],
    )
    reply = send(servers.rasa_url, request)
    if reply.status == 429:
        time.sleep(min(float(reply.headers.get("retry-after") or 30), 65))
        reply = send(servers.rasa_url, request)
    try:
        replies = reply.json() if reply.status == 200 else []
    except ValueError:
        replies = []
    return reply.status or None, replies if isinstance(replies, list) else []


def still_answers(servers: Servers, found: Findings) -> None:
    """After an attack: health checks answer, and the IDD question gets its answer."""
    guard = servers.guard
    if guard and guard.killed_at_mb:
        found.notes.append(
            f"Rasa grew to {guard.killed_at_mb:,.0f} MB (limit {guard.limit_mb:,.0f}) "
            "and was killed by the test's memory guard"
        )
    if servers.assistant is None:
        found.notes.append("the servers are not running")
        return
    for name, proc in zip(
        ("action server", "Rasa"), servers.assistant.processes, strict=True
    ):
        if proc.poll() is not None:
            found.notes.append(f"{name} exited with code {proc.returncode}")
    health = send(servers.rasa_url, Request("health", "GET", "/"), timeout=10)
    if health.status != 200:
        found.notes.append(
            f"afterwards, Rasa's health check: {health.status or health.error}"
        )
        return
    actions = send(servers.actions_url, Request("health", "GET", "/health"), timeout=10)
    if actions.status != 200:
        found.notes.append(
            "afterwards, the action server's health check: "
            f"{actions.status or actions.error}"
        )
    sender = f"fuzz-after-{time.monotonic_ns()}"
    status, replies = ask_rest(servers, ORDINARY_QUESTION, sender)
    texts = " ".join(str(r.get("text", "")) for r in replies if isinstance(r, dict))
    if status != 200 or "IDD" not in texts:
        found.notes.append(
            f"afterwards, {ORDINARY_QUESTION!r} over REST got {status}: {texts[:200]!r}"
        )
