"""Fake Telegram Bot API and Twilio API servers on 127.0.0.1 that record every call.

They answer like the real services, including their refusals (a message over the
length limit, a callback_data over 64 bytes, wrong Basic auth), so a connector
that breaks a rule fails the test instead of passing against a lenient fake.
"""

from __future__ import annotations

import asyncio
import base64
import json
import threading
import uuid
from collections.abc import Callable, Coroutine
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, TypeVar
from urllib.parse import parse_qs


@dataclass
class Call:
    """One request a fake received."""

    method: str
    path: str
    headers: dict[str, str]
    body: bytes

    def json(self) -> Any:
        return json.loads(self.body)

    def form(self) -> dict[str, list[str]]:
        return parse_qs(self.body.decode())


Answer = Callable[[Call], tuple[int, dict]]
T = TypeVar("T")


def run_async(coroutine: Coroutine[Any, Any, T]) -> T:
    """Runs a coroutine to the end on a thread of its own.

    asyncio.run() refuses to run where a loop is running already, as Playwright's
    sync API leaves one in the main thread once the browser tests have run.
    """
    result: dict[str, Any] = {}

    def target() -> None:
        try:
            result["value"] = asyncio.run(coroutine)
        except BaseException as error:  # noqa: BLE001 (re-raised in the caller)
            result["error"] = error

    thread = threading.Thread(target=target)
    thread.start()
    thread.join()
    if "error" in result:
        raise result["error"]
    return result["value"]


class FakeApi:
    """An HTTP server that records calls and answers them with `answer`."""

    def __init__(self, answer: Answer) -> None:
        self.calls: list[Call] = []
        self._lock = threading.Lock()
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                call = Call(
                    "POST", self.path, dict(self.headers), self.rfile.read(length)
                )
                with fake._lock:
                    fake.calls.append(call)
                status, body = answer(call)
                raw = json.dumps(body).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(raw)))
                self.end_headers()
                self.wfile.write(raw)

            def log_message(self, *_: Any) -> None:
                pass

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        threading.Thread(target=self._server.serve_forever, daemon=True).start()

    @property
    def url(self) -> str:
        host, port = self._server.server_address[:2]
        return f"http://{host}:{port}"

    def received(
        self, predicate: Callable[[Call], bool] = lambda _: True
    ) -> list[Call]:
        """The calls so far that match `predicate`, oldest first."""
        with self._lock:
            return [call for call in self.calls if predicate(call)]

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()


def telegram_answer(token: str) -> Answer:
    """Answers Bot API calls for `token` the way Telegram does."""

    def answer(call: Call) -> tuple[int, dict]:
        prefix = f"/bot{token}/"
        if not call.path.startswith(prefix):
            return 401, {"ok": False, "error_code": 401, "description": "Unauthorized"}
        method, payload = call.path[len(prefix) :], call.json()
        if method == "sendMessage":
            if not 1 <= len(payload.get("text", "")) <= 4096:
                return 400, {
                    "ok": False,
                    "description": "Bad Request: message is too long",
                }
            for row in (payload.get("reply_markup") or {}).get("inline_keyboard", []):
                for button in row:
                    if not 1 <= len(button["callback_data"].encode()) <= 64:
                        return 400, {"ok": False, "description": "BUTTON_DATA_INVALID"}
            return 200, {
                "ok": True,
                "result": {"message_id": 1, "chat": {"id": payload["chat_id"]}},
            }
        return 200, {"ok": True, "result": True}

    return answer


def twilio_answer(account_sid: str, auth_token: str) -> Answer:
    """Answers Messages API calls the way Twilio does."""
    expected = (
        "Basic " + base64.b64encode(f"{account_sid}:{auth_token}".encode()).decode()
    )

    def answer(call: Call) -> tuple[int, dict]:
        if call.headers.get("Authorization") != expected:
            return 401, {"code": 20003, "message": "Authenticate", "status": 401}
        if call.path != f"/2010-04-01/Accounts/{account_sid}/Messages.json":
            return 404, {"code": 20404, "message": "Not found", "status": 404}
        body = call.form().get("Body", [""])[0]
        if len(body) > 1600:
            return 400, {
                "code": 21617,
                "message": "Body exceeds 1600 characters",
                "status": 400,
            }
        return 201, {"sid": "SM" + uuid.uuid4().hex, "status": "queued", "body": body}

    return answer
