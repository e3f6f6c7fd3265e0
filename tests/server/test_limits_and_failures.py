"""The running assistant under pressure: limits on what one client may send, and
urgent guidance that still arrives when the action server hangs or is down.

One assistant with small limits for this module. The tests run in file order:
the limits first, then the action server is frozen, then stopped.
"""

from __future__ import annotations

import json
import os
import signal
import uuid
from collections.abc import Iterator

import pytest

from bot.server.launch import reply_text
from tests.assistant import Assistant, http, start_assistant

pytestmark = pytest.mark.slow

SENDER_LIMIT = 5  # messages a minute per conversation
CLIENT_LIMIT = 8  # REST requests a minute per client address behind the proxy
URGENT_999 = "999"
PLEASE_CALL = "call the clinic"


@pytest.fixture(scope="module")
def strict(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Assistant]:
    running = start_assistant(
        tmp_path_factory.mktemp("strict"),
        env={
            "SENDER_MESSAGES_PER_MINUTE": str(SENDER_LIMIT),
            "CLIENT_REQUESTS_PER_MINUTE": str(CLIENT_LIMIT),
            "ACTION_TIMEOUT_SECONDS": "3",
        },
    )
    yield running
    running.stop()


def new_sender() -> str:
    return f"strict-{uuid.uuid4().hex[:10]}"


def post_rest(
    assistant: Assistant, body: bytes, headers: dict[str, str] | None = None
) -> tuple[int, object]:
    import urllib.error
    import urllib.request

    request = urllib.request.Request(
        assistant.rest,
        data=body,
        method="POST",
        headers={"Content-Type": "application/json", **(headers or {})},
    )
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            return response.status, json.loads(response.read() or b"null")
    except urllib.error.HTTPError as error:
        raw = error.read()
        try:
            return error.code, json.loads(raw)
        except ValueError:
            return error.code, raw.decode(errors="replace")


def message(sender: str, text: str) -> bytes:
    return json.dumps({"sender": sender, "message": text}).encode()


# --- limits ---------------------------------------------------------------------
def test_a_body_over_64_kb_is_refused_with_413(strict: Assistant):
    status, _ = post_rest(strict, message(new_sender(), "a" * (70 * 1024)))
    assert status == 413


def test_a_message_over_2000_characters_gets_a_polite_reply_and_is_not_kept(
    strict: Assistant,
):
    sender = new_sender()
    story = "my back " * 300  # 2,400 characters
    status, replies = post_rest(strict, message(sender, story))
    assert status == 200
    text = reply_text(replies)
    assert "too long" in text and URGENT_999 in text
    users = [e for e in strict.tracker(sender)["events"] if e["event"] == "user"]
    assert users == [], "the long message must not reach the conversation store"


def test_a_long_message_under_the_cap_is_answered(strict: Assistant):
    word = "a" * 1200
    replies = strict.say(new_sender(), f"hello {word} what is IDD therapy")
    assert reply_text(replies).strip()


def test_malformed_rest_bodies_are_400(strict: Assistant):
    for body in (
        b"{not json",
        b"[]",
        b'{"message": "hi"}',
        b'{"sender": "a", "message": 3}',
    ):
        status, reply = post_rest(strict, body)
        assert status == 400, (body, status, reply)


def test_one_conversation_sending_too_fast_gets_429(strict: Assistant):
    sender = new_sender()
    statuses = [
        post_rest(strict, message(sender, "hello"))[0] for _ in range(SENDER_LIMIT + 2)
    ]
    assert statuses[:SENDER_LIMIT] == [200] * SENDER_LIMIT
    assert statuses[SENDER_LIMIT:] == [429, 429]
    status, body = post_rest(strict, message(sender, "hello"))
    assert status == 429 and URGENT_999 in reply_text(body["messages"])
    assert strict.say(new_sender(), "hello"), "other conversations carry on"


def test_one_client_behind_the_proxy_sending_too_fast_gets_429(strict: Assistant):
    client = {"X-Forwarded-For": "203.0.113.77"}
    statuses = [
        post_rest(strict, message(new_sender(), "hello"), client)[0]
        for _ in range(CLIENT_LIMIT + 1)
    ]
    assert statuses[:CLIENT_LIMIT] == [200] * CLIENT_LIMIT
    assert statuses[CLIENT_LIMIT] == 429
    other = {"X-Forwarded-For": "203.0.113.78"}
    assert post_rest(strict, message(new_sender(), "hello"), other)[0] == 200


def test_rasa_runs_without_telemetry(monkeypatch: pytest.MonkeyPatch):
    """bot.server.serve (how Rasa is started) switches telemetry off,
    whatever is set."""
    import rasa.core.run
    import rasa.telemetry

    from bot.server import rasa_app

    monkeypatch.setenv("RASA_TELEMETRY_ENABLED", "true")
    monkeypatch.setattr(rasa.core.run, "configure_app", rasa.core.run.configure_app)
    rasa_app.install()
    assert not rasa.telemetry.is_telemetry_enabled()


# --- the action server hangs, then is down -----------------------------------------
def test_while_the_action_server_hangs_red_flags_are_still_answered(strict: Assistant):
    actions = strict.processes[0]
    os.kill(actions.pid, signal.SIGSTOP)  # accepts connections, answers nothing
    try:
        sender = new_sender()
        text = reply_text(strict.say(sender, "I suddenly can't control my bladder"))
        assert URGENT_999 in text and "A&E" in text
        booking = reply_text(
            strict.say(new_sender(), "I'd like to book an appointment")
        )
        assert PLEASE_CALL in booking and URGENT_999 in booking
    finally:
        os.kill(actions.pid, signal.SIGCONT)


def test_with_the_action_server_down_red_flags_and_bookings_get_clear_answers(
    strict: Assistant,
):
    mid_form = new_sender()
    strict.say(mid_form, "I'd like to book an appointment")
    actions = strict.processes[0]
    actions.terminate()
    actions.wait(timeout=20)
    assert http("GET", f"{strict.url}/status?token=test-token")[0] == 200

    for sender, text in [
        (new_sender(), "i want to end my life"),
        (new_sender(), "numb between my legs since this morning"),
        (mid_form, "my legs have suddenly gone weak and I can't walk"),
    ]:
        assert URGENT_999 in reply_text(strict.say(sender, text)), text

    booking = reply_text(strict.say(new_sender(), "can I book a consultation please"))
    assert PLEASE_CALL in booking and URGENT_999 in booking
    assert booking.count(PLEASE_CALL) == 1, "said once, not once per failed call"
    faq = reply_text(strict.say(new_sender(), "where is the clinic?"))
    assert "Harley" in faq, "answers that need no action server still work"
