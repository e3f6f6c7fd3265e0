"""The REST channel (/webhooks/rest/webhook), strict about what it accepts.

Rasa's own RestInput takes any JSON: a missing sender joins the shared "default"
conversation, a non-string message or a list body is a 500, a client may claim
another `input_channel`, and there is no limit on size or rate. This one answers:

- 400 for a body that is not a JSON object with a string `sender` (1-128
  characters) and a string `message` (a missing or null one is an empty message);
- 413 for a body over MAX_REQUEST_BYTES (Sanic refuses it before it is read whole:
  bot/server/rasa_app.py);
- 429 when one conversation, or one client address seen through a trusted proxy
  (or directly from another machine), sends too fast;
- 200 with a polite reply, not analysed, for a message over MAX_MESSAGE_CHARS.

The conversation is stored as `rest:<sender>` (bot/channels/guard.py). In
credentials.yml: `bot.channels.rest.RestInput:`.
"""

from __future__ import annotations

import ipaddress
import json
import logging
from collections.abc import Awaitable, Callable
from typing import Any

from rasa.core.channels.channel import CollectingOutputChannel, UserMessage
from rasa.core.channels.rest import RestInput as RasaRestInput
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

from bot import settings
from bot.channels.guard import (
    RATE_LIMITED_RESPONSE,
    TOO_LONG_RESPONSE,
    MessageGuard,
    RateLimiter,
    Verdict,
    clean_text,
)

logger = logging.getLogger(__name__)

MAX_SENDER_CHARS = 128


def client_address(request: Request, trusted: frozenset[str]) -> str | None:
    """The address to rate-limit, or None for a local client that came direct.

    Behind a trusted proxy (nginx on this machine) the client is the last
    address the proxy appended to X-Forwarded-For.
    """
    peer = request.ip or ""
    forwarded = request.headers.get("x-forwarded-for", "")
    if peer in trusted and forwarded.strip():
        return forwarded.split(",")[-1].strip()
    try:
        if ipaddress.ip_address(peer).is_loopback:
            return None
    except ValueError:
        pass
    return peer


def parse_body(body: bytes) -> tuple[str, str] | str:
    """(sender, message) from a REST body, or what is wrong with it."""
    try:
        data = json.loads(body or b"")
    except (ValueError, UnicodeDecodeError, RecursionError):
        return "the body must be JSON"
    if not isinstance(data, dict):
        return "the body must be a JSON object"
    sender, message = data.get("sender"), data.get("message")
    if not isinstance(sender, str) or not 1 <= len(sender) <= MAX_SENDER_CHARS:
        return f"'sender' must be a string of 1 to {MAX_SENDER_CHARS} characters"
    if message is None:
        message = ""  # as Rasa's own channel: an empty message, answered politely
    if not isinstance(message, str):
        return "'message' must be a string"
    return sender, clean_text(message)


class RestInput(RasaRestInput):
    """Rasa's REST channel, with validation, limits and its own conversation ids."""

    @classmethod
    def name(cls) -> str:
        return "rest"

    def __init__(self) -> None:
        self.guard = MessageGuard(self.name())
        self.clients = RateLimiter(settings.requests_per_minute_per_client())
        self.trusted_proxies = settings.trusted_proxies()

    def blueprint(
        self, on_new_message: Callable[[UserMessage], Awaitable[Any]]
    ) -> Blueprint:
        rest_webhook = Blueprint("custom_webhook_rest", __name__)
        self.guard.attach(rest_webhook)

        @rest_webhook.route("/", methods=["GET"])
        async def health(_: Request) -> HTTPResponse:
            return response.json({"status": "ok"})

        @rest_webhook.route("/webhook", methods=["POST"])
        async def receive(request: Request) -> HTTPResponse:
            collector = CollectingOutputChannel()
            client = client_address(request, self.trusted_proxies)
            if client is not None and not self.clients.allow(client):
                return await self._too_many(collector)
            parsed = parse_body(request.body)
            if isinstance(parsed, str):
                return response.json({"error": parsed}, status=400)
            sender, text = parsed
            verdict = self.guard.check(sender, text)
            if verdict is Verdict.RATE_LIMITED:
                return await self._too_many(collector, sender)
            if verdict is Verdict.TOO_LONG:
                await self.guard.reply(TOO_LONG_RESPONSE, collector, sender)
                return response.json(collector.messages)
            message = UserMessage(text, collector, sender, input_channel=self.name())
            await self.guard.forward(message, on_new_message)
            return response.json(collector.messages)

        return rest_webhook

    async def _too_many(
        self, collector: CollectingOutputChannel, sender: str = ""
    ) -> HTTPResponse:
        """429 with the polite reply a chat would show, and when to retry."""
        await self.guard.reply(RATE_LIMITED_RESPONSE, collector, sender)
        return response.json(
            {"error": "too many messages", "messages": collector.messages},
            status=429,
            headers={"Retry-After": "60"},
        )
