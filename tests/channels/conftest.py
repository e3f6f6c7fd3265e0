"""Fixtures for the channel tests: one real assistant with every channel switched on.

Rasa runs with the credentials our own writer makes from environment variables
(bot/channels/credentials.py), the Telegram and WhatsApp connectors talk to fake
Bot API / Twilio servers on 127.0.0.1, and the chat page is served on a free port
that Rasa's CORS allows.
"""

from __future__ import annotations

import json
import subprocess
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from http.server import ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import pytest
from twilio.request_validator import RequestValidator

from bot.channels.credentials import write_credentials
from bot.channels.webpage import WEB_DIR, WIDGET, serve_in_background
from tests.assistant import ROOT, Assistant, start_assistant
from tests.channels.fakes import FakeApi, telegram_answer, twilio_answer

ARTEFACTS = ROOT / "test-artefacts" / "channels"
TELEGRAM_TOKEN = "123456:TEST-token_for-the-fake"
TELEGRAM_SECRET = "test-secret_TOKEN-1"
TELEGRAM_WEBHOOK_URL = "https://clinic.example/webhooks/telegram/webhook"
TWILIO_SID = "AC" + "0" * 32
TWILIO_TOKEN = "twilio-test-auth-token"
TWILIO_NUMBER = "+14155238886"
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]


@pytest.fixture(scope="session")
def telegram_api() -> Iterator[FakeApi]:
    """The fake Telegram Bot API."""
    fake = FakeApi(telegram_answer(TELEGRAM_TOKEN))
    yield fake
    fake.stop()


@pytest.fixture(scope="session")
def twilio_api() -> Iterator[FakeApi]:
    """The fake Twilio REST API."""
    fake = FakeApi(twilio_answer(TWILIO_SID, TWILIO_TOKEN))
    yield fake
    fake.stop()


@pytest.fixture(scope="session")
def page_server() -> Iterator[ThreadingHTTPServer]:
    """The chat page's server, on its port from the start: Rasa's CORS needs it.

    It learns Rasa's address once Rasa is up (see chat_page).
    """
    server = serve_in_background("127.0.0.1", 0, "http://127.0.0.1:9")
    yield server
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="session")
def web_origin(page_server: ThreadingHTTPServer) -> str:
    """The chat page's origin, which Rasa allows (--cors)."""
    host, port = page_server.server_address[:2]
    return f"http://{host}:{port}"


@pytest.fixture(scope="session")
def channel_assistant(
    tmp_path_factory: pytest.TempPathFactory,
    telegram_api: FakeApi,
    twilio_api: FakeApi,
    web_origin: str,
) -> Iterator[Assistant]:
    """Action server + Rasa with socket.io, Telegram and WhatsApp switched on."""
    work_dir = tmp_path_factory.mktemp("channels")
    environment = {
        "TELEGRAM_TOKEN": TELEGRAM_TOKEN,
        "TELEGRAM_SECRET_TOKEN": TELEGRAM_SECRET,
        "TELEGRAM_WEBHOOK_URL": TELEGRAM_WEBHOOK_URL,
        "TELEGRAM_BOT_NAME": "ClinicTestBot",
        "TELEGRAM_API_URL": telegram_api.url,
        "TWILIO_ACCOUNT_SID": TWILIO_SID,
        "TWILIO_AUTH_TOKEN": TWILIO_TOKEN,
        "TWILIO_WHATSAPP_NUMBER": TWILIO_NUMBER,
        "TWILIO_API_URL": twilio_api.url,
    }
    credentials = work_dir / "credentials.yml"
    write_credentials(credentials, ROOT / "credentials.yml", environment)
    ARTEFACTS.mkdir(parents=True, exist_ok=True)
    running = start_assistant(
        work_dir, credentials=credentials, cors=web_origin, log_dir=ARTEFACTS
    )
    yield running
    running.stop()


def _post(url: str, body: bytes, headers: dict[str, str]) -> tuple[int, str]:
    request = urllib.request.Request(url, data=body, method="POST", headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode(errors="replace")


SendTelegram = Callable[..., tuple[int, str]]


@pytest.fixture
def send_telegram(channel_assistant: Assistant) -> SendTelegram:
    """Posts an update (a dict, or raw bytes) to the Telegram webhook."""
    url = f"{channel_assistant.url}/webhooks/telegram/webhook"

    def send(update: Any, secret: str | None = TELEGRAM_SECRET) -> tuple[int, str]:
        body = update if isinstance(update, bytes) else json.dumps(update).encode()
        headers = {"Content-Type": "application/json"}
        if secret is not None:
            headers["X-Telegram-Bot-Api-Secret-Token"] = secret
        return _post(url, body, headers)

    return send


SendWhatsApp = Callable[..., tuple[int, str]]


@pytest.fixture
def send_whatsapp(channel_assistant: Assistant) -> SendWhatsApp:
    """Posts a form to the WhatsApp webhook,
    signed as Twilio would unless told otherwise."""
    url = f"{channel_assistant.url}/webhooks/whatsapp/webhook"

    def send(
        form: dict[str, str],
        auth_token: str | None = TWILIO_TOKEN,
        signature: str | None = None,
        body: bytes | None = None,
        content_type: str = "application/x-www-form-urlencoded",
        signed_form: dict[str, str] | None = None,
    ) -> tuple[int, str]:
        headers = {"Content-Type": content_type}
        if signature is None and auth_token is not None:
            signature = RequestValidator(auth_token).compute_signature(
                url, form if signed_form is None else signed_form
            )
        if signature is not None:
            headers["X-Twilio-Signature"] = signature
        return _post(
            url, body if body is not None else urlencode(form).encode(), headers
        )

    return send


# --- the chat page in a browser --------------------------------------------------
def _ensure_widget() -> None:
    """The widget comes from npm (`make install`); install it here if it is missing."""
    if (WEB_DIR / WIDGET).is_file():
        return
    result = subprocess.run(
        ["npm", "ci", "--no-audit", "--no-fund", "--ignore-scripts"],
        cwd=WEB_DIR,
        check=False,
        capture_output=True,
        text=True,
    )
    if result.returncode != 0 or not (WEB_DIR / WIDGET).is_file():
        pytest.fail(
            f"could not install the chat widget (npm ci):\n{result.stderr[-2000:]}"
        )


def _ensure_chromium() -> None:
    """Debian's chromium drives the browser tests: install it if it is missing."""
    if CHROMIUM.exists():
        return
    script = ROOT / ".ci" / "install-chromium.sh"
    result = subprocess.run(
        ["bash", str(script)], check=False, capture_output=True, text=True
    )
    if result.returncode != 0 or not CHROMIUM.exists():
        # never a silent skip: CI must show that the browser tests did not run
        pytest.fail(
            f"{script} failed:\n{result.stdout[-2000:]}\n{result.stderr[-2000:]}"
        )


@pytest.fixture(scope="session")
def chat_page(
    channel_assistant: Assistant, page_server: ThreadingHTTPServer, web_origin: str
) -> str:
    """The URL of the clinic's chat page, talking to the channel assistant."""
    _ensure_widget()
    page_server.RequestHandlerClass.rasa_url = channel_assistant.url
    return web_origin + "/"


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    """Headless Debian chromium under Playwright.

    Module-scoped on purpose: while Playwright's sync API runs, the main thread
    counts as running an event loop, and tests after this module call asyncio.run().
    """
    _ensure_chromium()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(
            executable_path=str(CHROMIUM), args=CHROMIUM_ARGS
        )
        yield launched
        launched.close()
