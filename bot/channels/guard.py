"""What every channel does before a message reaches the assistant.

One guard per channel, wrapped around Rasa's `on_new_message` in the channel's
blueprint:

- **Conversation ids are namespaced by channel** (`rest:abc`, `socketio:abc`,
  `telegram:123`, `whatsapp:+447700900123`). The tracker store is keyed by this id,
  so a REST or socket.io sender, who chooses their own id, can never write into a
  Telegram or WhatsApp conversation. Replies still go to the channel's own id.
- **A message over `max_message_chars` is not analysed**: the patient gets
  `utter_message_too_long` and nothing reaches the NLU or the conversation store.
- **A conversation that sends too fast** gets `utter_rate_limited` once, and later
  messages are dropped until its budget refills (token bucket per conversation).
"""

from __future__ import annotations

import logging
import time
from collections import OrderedDict
from collections.abc import Awaitable, Callable
from enum import Enum
from typing import Any

from rasa.core.channels.channel import OutputChannel, UserMessage

from bot import settings
from bot.channels.responses import send_domain_response

logger = logging.getLogger(__name__)

TOO_LONG_RESPONSE = "utter_message_too_long"
RATE_LIMITED_RESPONSE = "utter_rate_limited"

OnNewMessage = Callable[[UserMessage], Awaitable[Any]]


def clean_text(value: Any) -> str:
    """The message as text the NLU can take: "" for a non-string, and no lone
    surrogates (JSON may carry "\\udfff", which spaCy cannot encode)."""
    if not isinstance(value, str):
        return ""
    return value.encode("utf-8", "replace").decode("utf-8")


class RateLimiter:
    """A token bucket per key: `per_minute` a minute, with bursts up to that many.

    Memory is bounded: the least recently seen keys are forgotten first (a
    forgotten key starts again with a full bucket).
    """

    def __init__(
        self,
        per_minute: float,
        capacity: int = 100_000,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.per_minute = per_minute
        self._buckets: OrderedDict[str, tuple[float, float]] = OrderedDict()
        self._capacity = capacity
        self._clock = clock

    def allow(self, key: str) -> bool:
        """Takes one token for `key`; False if its bucket is empty."""
        now = self._clock()
        tokens, last = self._buckets.pop(key, (self.per_minute, now))
        tokens = min(self.per_minute, tokens + (now - last) * self.per_minute / 60)
        allowed = tokens >= 1
        self._buckets[key] = (tokens - 1 if allowed else tokens, now)
        while len(self._buckets) > self._capacity:
            self._buckets.popitem(last=False)
        return allowed


class RecentIds:
    """The last `capacity` update ids a provider sent, to answer a replay once only.

    Telegram re-sends an update until it gets a 2xx, and Twilio may retry a
    webhook call: the same id must not be answered twice.
    """

    def __init__(self, capacity: int = 10_000) -> None:
        self._seen: OrderedDict[str, None] = OrderedDict()
        self._capacity = capacity

    def is_replay(self, update_id: str) -> bool:
        """True if `update_id` was seen before; remembers it either way."""
        if update_id in self._seen:
            self._seen.move_to_end(update_id)
            return True
        self._seen[update_id] = None
        while len(self._seen) > self._capacity:
            self._seen.popitem(last=False)
        return False

    def forget(self, update_id: str) -> None:
        """Forgets `update_id`, if it was seen."""
        self._seen.pop(update_id, None)


class Verdict(Enum):
    """What the guard decided about one message."""

    ACCEPTED = "accepted"
    TOO_LONG = "too long"
    RATE_LIMITED = "rate limited"


class NamespacedOutput(OutputChannel):
    """An output channel that takes namespaced conversation ids
    and sends to the channel's own."""

    def __init__(self, inner: OutputChannel, prefix: str) -> None:
        self.inner = inner
        self.prefix = prefix

    def name(self) -> str:  # type: ignore[override]
        """The wrapped channel's name: responses' channel variants still apply."""
        return self.inner.name()

    def native_id(self, recipient_id: str) -> str:
        """`telegram:123` -> `123`; an id without this channel's prefix is kept."""
        return recipient_id.removeprefix(self.prefix)

    async def send_response(self, recipient_id: str, message: dict[str, Any]) -> None:
        await self.inner.send_response(self.native_id(recipient_id), message)

    async def send_text_message(
        self, recipient_id: str, text: str, **kwargs: Any
    ) -> None:
        await self.inner.send_text_message(self.native_id(recipient_id), text, **kwargs)


class MessageGuard:
    """Namespaces, size-checks and rate-limits the messages of one channel."""

    def __init__(
        self,
        channel: str,
        max_chars: int | None = None,
        limiter: RateLimiter | None = None,
    ) -> None:
        self.channel = channel
        self.prefix = f"{channel}:"
        self.max_chars = max_chars or settings.max_message_chars()
        self.limiter = limiter or RateLimiter(settings.messages_per_minute_per_sender())
        self._warned = RecentIds()  # conversations told they are too fast
        self._app: Any = None  # the running server (see `attach`)

    def conversation_id(self, native_id: str) -> str:
        """The id the conversation is stored under: the channel's name first."""
        return self.prefix + native_id

    def attach(self, blueprint: Any) -> None:
        """Lets the guard reach the running agent, to send its own replies."""

        @blueprint.listener("after_server_start")
        async def remember_app(app: Any, _: Any) -> None:
            self._app = app

    def _current_agent(self) -> Any:
        return getattr(self._app.ctx, "agent", None) if self._app else None

    def check(self, native_id: str, text: str) -> Verdict:
        """Whether a message may go on to the assistant."""
        key = self.conversation_id(native_id)
        if not self.limiter.allow(key):
            return Verdict.RATE_LIMITED
        self._warned.forget(key)
        if len(text) > self.max_chars:
            return Verdict.TOO_LONG
        return Verdict.ACCEPTED

    def first_warning(self, native_id: str) -> bool:
        """True the first time a conversation is rate-limited in a row."""
        return not self._warned.is_replay(self.conversation_id(native_id))

    async def reply(self, response: str, output: OutputChannel, native_id: str) -> None:
        """Sends one of the guard's own domain responses."""
        await send_domain_response(
            self._current_agent(),
            response,
            output,
            native_id,
        )

    def wrap(self, on_new_message: OnNewMessage) -> OnNewMessage:
        """`on_new_message` behind this guard: what the channel's blueprint calls."""

        async def guarded(message: UserMessage) -> None:
            native_id = str(message.sender_id)
            text = message.text = clean_text(message.text)
            output = message.output_channel
            verdict = self.check(native_id, text)
            if verdict is Verdict.TOO_LONG:
                logger.info(
                    "A %s message over %s characters was not analysed",
                    self.channel,
                    self.max_chars,
                )
                await self.reply(TOO_LONG_RESPONSE, output, native_id)
                return
            if verdict is Verdict.RATE_LIMITED:
                if self.first_warning(native_id):
                    logger.warning(
                        "A %s conversation is sending too fast", self.channel
                    )
                    await self.reply(RATE_LIMITED_RESPONSE, output, native_id)
                return
            await self.forward(message, on_new_message)

        return guarded

    async def forward(self, message: UserMessage, on_new_message: OnNewMessage) -> None:
        """Hands an accepted message on, under its namespaced conversation id."""
        message.sender_id = self.conversation_id(str(message.sender_id))
        message.output_channel = NamespacedOutput(message.output_channel, self.prefix)
        await on_new_message(message)
