"""The channels' guard and the REST channel's checks, without Rasa running."""

from __future__ import annotations

from typing import Any

import pytest
from rasa.core.channels.channel import CollectingOutputChannel, UserMessage

from bot.channels.guard import MessageGuard, RateLimiter, RecentIds, Verdict
from bot.channels.rest import client_address, parse_body
from bot.clinical.spelling import MAX_CORRECTED_LENGTH, Speller, max_edits
from tests.channels.fakes import run_async


class Clock:
    """A clock the test moves by hand."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_rate_limiter_allows_a_burst_then_refills_with_time():
    clock = Clock()
    limiter = RateLimiter(per_minute=3, clock=clock)
    assert [limiter.allow("a") for _ in range(4)] == [True, True, True, False]
    assert limiter.allow("b"), "another key has its own bucket"
    clock.now += 20  # a third of a minute: one message's worth
    assert limiter.allow("a")
    assert not limiter.allow("a")


def test_rate_limiter_memory_is_bounded():
    limiter = RateLimiter(per_minute=1, capacity=100)
    for number in range(1000):
        limiter.allow(f"sender-{number}")
    assert len(limiter._buckets) == 100


def test_recent_ids_spot_a_replay_and_stay_bounded():
    seen = RecentIds(capacity=3)
    assert not seen.is_replay("1")
    assert seen.is_replay("1")
    for update in ("2", "3", "4"):
        seen.is_replay(update)
    assert not seen.is_replay("1"), "the oldest id was forgotten"


class Recorder:
    """Stands for Rasa's on_new_message: keeps what reached the assistant."""

    def __init__(self) -> None:
        self.messages: list[UserMessage] = []

    async def __call__(self, message: UserMessage) -> None:
        self.messages.append(message)
        await message.output_channel.send_text_message(message.sender_id, "reply")


def _send(guard: MessageGuard, text: str, sender: str = "12345") -> tuple[Any, ...]:
    recorder = Recorder()
    output = CollectingOutputChannel()
    run_async(guard.wrap(recorder)(UserMessage(text, output, sender)))
    return recorder.messages, output.messages


def test_conversation_ids_are_namespaced_and_replies_go_to_the_channels_own_id():
    guard = MessageGuard("telegram", max_chars=50)
    reached, sent = _send(guard, "hello")
    assert [m.sender_id for m in reached] == ["telegram:12345"]
    assert sent == [{"recipient_id": "12345", "text": "reply"}]


def test_the_same_id_on_two_channels_is_two_conversations():
    rest = MessageGuard("rest")
    whatsapp = MessageGuard("whatsapp")
    assert rest.conversation_id("whatsapp:+447700900123") != whatsapp.conversation_id(
        "+447700900123"
    )
    assert whatsapp.conversation_id("+447700900123") == "whatsapp:+447700900123"


def test_a_message_over_the_cap_never_reaches_the_assistant():
    guard = MessageGuard("socketio", max_chars=10)
    assert guard.check("a", "x" * 10) is Verdict.ACCEPTED
    reached, _ = _send(guard, "x" * 11)
    assert reached == []


def test_a_fast_sender_is_stopped_and_warned_once():
    guard = MessageGuard("socketio", limiter=RateLimiter(per_minute=2))
    verdicts = [guard.check("a", "hi") for _ in range(4)]
    assert verdicts[:2] == [Verdict.ACCEPTED] * 2
    assert verdicts[2:] == [Verdict.RATE_LIMITED] * 2
    assert guard.first_warning("a") and not guard.first_warning("a")
    reached, _ = _send(guard, "hi", sender="a")
    assert reached == []


@pytest.mark.parametrize(
    "body, problem",
    [
        (b"", "JSON"),
        (b"\xff\xfe", "JSON"),
        (b"[1, 2]", "object"),
        (b'"text"', "object"),
        (b'{"message": "hi"}', "sender"),
        (b'{"sender": "", "message": "hi"}', "sender"),
        (b'{"sender": 12, "message": "hi"}', "sender"),
        (b'{"sender": "' + b"s" * 129 + b'", "message": "hi"}', "sender"),
        (b'{"sender": "a", "message": ["hi"]}', "message"),
        (b'{"sender": "a", "message": 3}', "message"),
    ],
)
def test_rest_bodies_that_are_not_a_message_are_explained(body: bytes, problem: str):
    result = parse_body(body)
    assert isinstance(result, str) and problem in result


def test_a_rest_message_is_its_sender_and_text():
    assert parse_body(b'{"sender": "abc", "message": "where are you?"}') == (
        "abc",
        "where are you?",
    )


def test_a_missing_or_null_message_is_an_empty_one_as_in_rasa():
    """The clinic's black-box runner may send `"message": null` in a form flow."""
    assert parse_body(b'{"sender": "abc", "message": null}') == ("abc", "")
    assert parse_body(b'{"sender": "abc"}') == ("abc", "")


class FakeRequest:
    def __init__(self, ip: str, forwarded: str | None = None) -> None:
        self.ip = ip
        self.headers = {"x-forwarded-for": forwarded} if forwarded else {}


@pytest.mark.parametrize(
    "ip, forwarded, expected",
    [
        ("127.0.0.1", None, None),  # a local tool, straight to Rasa: not limited
        ("::1", None, None),
        ("127.0.0.1", "203.0.113.9", "203.0.113.9"),  # through nginx on this host
        ("127.0.0.1", "10.0.0.1, 203.0.113.9", "203.0.113.9"),  # the proxy's entry
        ("198.51.100.7", None, "198.51.100.7"),  # from another machine
        ("198.51.100.7", "203.0.113.9", "198.51.100.7"),  # untrusted: header ignored
    ],
)
def test_the_client_address_is_the_proxys_word_only_for_a_trusted_proxy(
    ip: str, forwarded: str | None, expected: str | None
):
    trusted = frozenset({"127.0.0.1", "::1"})
    assert client_address(FakeRequest(ip, forwarded), trusted) == expected


def test_the_speller_leaves_very_long_words_alone(monkeypatch: pytest.MonkeyPatch):
    """Its look-up grows with the cube of a word's length: hostile words skip it."""
    import bot.clinical.spelling as spelling

    built: list[str] = []
    real = spelling._deletions
    monkeypatch.setattr(
        spelling,
        "_deletions",
        lambda word, depth: built.append(word) or real(word, depth),
    )
    speller = Speller(["bladder"], {}, [])
    built.clear()
    assert max_edits(MAX_CORRECTED_LENGTH + 1) == 0
    assert speller.correct("bladdder") == "bladder"
    assert speller.correct("b" + "l" * 1200 + "adder") is None
    assert speller.correct("bladder" * 4) is None
    assert all(len(word) <= MAX_CORRECTED_LENGTH for word in built)
