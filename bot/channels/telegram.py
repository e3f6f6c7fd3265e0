"""Telegram connector: a webhook for Telegram's Bot API, configured by credentials.

Used instead of Rasa's own TelegramInput because that one cannot check the
webhook's secret token, answers non-text updates with an error, cuts long replies
only at blank lines, and always talks to api.telegram.org. In credentials.yml
(written from environment variables by `python -m bot.channels.credentials`):

    bot.channels.telegram.TelegramInput:
      access_token: "123456:ABC..."    # from @BotFather
      secret_token: "long-random"      # Telegram sends it back on every update
      webhook_url: "https://.../webhooks/telegram/webhook"   # optional
      bot_name: "ClinicBot"            # optional
      api_url: "https://api.telegram.org"                    # optional

Telegram posts updates to /webhooks/telegram/webhook.
"""

from __future__ import annotations

import asyncio
import hashlib
import hmac
import json
import logging
from collections.abc import Awaitable, Callable
from typing import Any

import aiohttp
from rasa.core.channels.channel import InputChannel, OutputChannel, UserMessage
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

from bot.channels.guard import MessageGuard, RecentIds
from bot.channels.memory import SharedMemory
from bot.channels.responses import TEXT_ONLY_RESPONSE, send_domain_response
from bot.channels.splitting import split_message

logger = logging.getLogger(__name__)

DEFAULT_API_URL = "https://api.telegram.org"
SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"
MAX_MESSAGE_LENGTH = 4096  # Bot API limit for one message's text
MAX_CALLBACK_DATA = 64  # Bot API limit for a button's callback_data, in bytes
# Telegram's own commands, turned into the intents that answer them.
COMMANDS = {"/start": "/greet", "/help": "/ask_capabilities"}


class TelegramBotApi:
    """The few Bot API methods the connector calls, over aiohttp."""

    def __init__(self, token: str, base_url: str = DEFAULT_API_URL) -> None:
        self.token = token
        self.base_url = base_url.rstrip("/")

    async def call(self, method: str, payload: dict[str, Any]) -> Any | None:
        """Calls `method`; returns its result, or None (logged) if it failed."""
        url = f"{self.base_url}/bot{self.token}/{method}"
        try:
            timeout = aiohttp.ClientTimeout(total=30)
            async with (
                aiohttp.ClientSession(timeout=timeout) as session,
                session.post(url, json=payload) as reply,
            ):
                body = await reply.json(content_type=None)
        except (aiohttp.ClientError, asyncio.TimeoutError, ValueError) as error:
            # the URL holds the bot token: never log it
            logger.error("Telegram %s failed: %s", method, type(error).__name__)
            return None
        if not isinstance(body, dict) or not body.get("ok"):
            description = body.get("description") if isinstance(body, dict) else body
            logger.error("Telegram %s refused: %s", method, description)
            return None
        return body.get("result")


class CallbackPayloads:
    """Button payloads as callback_data, which Telegram caps at 64 bytes.

    A longer payload travels as a digest and is looked up again in the shared
    channel memory (bot.channels.memory), from whichever Rasa process the
    button press reaches; once forgotten (a day later), the button's title is
    sent instead.
    """

    PREFIX = "#p:"

    def __init__(self, memory: SharedMemory | None = None) -> None:
        self.memory = memory or SharedMemory("telegram-payloads")

    def data_for(self, payload: str) -> str:
        """The callback_data that stands for `payload`."""
        if len(payload.encode()) <= MAX_CALLBACK_DATA and not payload.startswith(
            self.PREFIX
        ):
            return payload
        key = self.PREFIX + hashlib.sha256(payload.encode()).hexdigest()[:32]
        self.memory.put(key, payload)
        return key

    def payload_for(self, data: str, fallback: str | None) -> str | None:
        """The payload that `data` stands for; `fallback` if it was forgotten."""
        if not data.startswith(self.PREFIX):
            return data
        stored = self.memory.get(data)
        return fallback if stored is None else stored


class TelegramOutput(OutputChannel):
    """Sends replies through the Bot API: buttons as an inline keyboard."""

    @classmethod
    def name(cls) -> str:
        return "telegram"

    def __init__(self, api: TelegramBotApi, callbacks: CallbackPayloads) -> None:
        self.api = api
        self.callbacks = callbacks

    async def _send(
        self, chat_id: str, text: str, reply_markup: dict | None = None
    ) -> None:
        parts = split_message(text, MAX_MESSAGE_LENGTH)
        for index, part in enumerate(parts):
            payload: dict[str, Any] = {"chat_id": chat_id, "text": part}
            # the keyboard goes under the last part, next to where the reading ends
            if reply_markup and index == len(parts) - 1:
                payload["reply_markup"] = reply_markup
            await self.api.call("sendMessage", payload)

    async def send_text_message(self, recipient_id: str, text: str, **_: Any) -> None:
        """Sends plain text (no parse mode: nothing in it is read as markup)."""
        await self._send(recipient_id, text)

    async def send_text_with_buttons(
        self, recipient_id: str, text: str, buttons: list[dict[str, Any]], **_: Any
    ) -> None:
        """Sends text with one inline-keyboard button a row (titles stay readable)."""
        keyboard = [
            [
                {
                    "text": button["title"],
                    "callback_data": self.callbacks.data_for(str(button["payload"])),
                }
            ]
            for button in buttons
        ]
        await self._send(recipient_id, text, {"inline_keyboard": keyboard})

    async def send_image_url(self, recipient_id: str, image: str, **_: Any) -> None:
        """Sends a picture by URL."""
        await self.api.call("sendPhoto", {"chat_id": recipient_id, "photo": image})

    async def send_custom_json(
        self, recipient_id: str, json_message: dict[str, Any], **_: Any
    ) -> None:
        """Drops custom payloads: a patient must never see raw JSON."""
        logger.warning("A custom payload was not sent to Telegram")


def _dig(value: Any, *keys: str) -> Any:
    """value[key1][key2]... or None where a level is missing or not an object."""
    for key in keys:
        if not isinstance(value, dict):
            return None
        value = value.get(key)
    return value


def _chat_id(message: Any) -> str | None:
    """The chat a message belongs to, if it names one."""
    chat_id = _dig(message, "chat", "id")
    return str(chat_id) if isinstance(chat_id, (int, str)) else None


def _button_title(callback_query: dict[str, Any], data: str) -> str | None:
    """The title of the pressed button, from the message its keyboard was under."""
    rows = _dig(callback_query, "message", "reply_markup", "inline_keyboard")
    for row in rows if isinstance(rows, list) else []:
        for button in row if isinstance(row, list) else []:
            if _dig(button, "callback_data") == data:
                return _dig(button, "text")
    return None


class TelegramInput(InputChannel):
    """Receives Telegram updates on /webhooks/telegram/webhook."""

    @classmethod
    def name(cls) -> str:
        return "telegram"

    @classmethod
    def from_credentials(cls, credentials: dict[str, Any] | None) -> InputChannel:
        if not credentials:
            cls.raise_missing_credentials_exception()
        for required in ("access_token", "secret_token"):
            if not credentials.get(required):
                raise ValueError(f"Telegram credentials need '{required}'")
        return cls(
            access_token=str(credentials["access_token"]),
            secret_token=str(credentials["secret_token"]),
            webhook_url=credentials.get("webhook_url") or None,
            bot_name=credentials.get("bot_name") or None,
            api_url=credentials.get("api_url") or DEFAULT_API_URL,
        )

    def __init__(
        self,
        access_token: str,
        secret_token: str,
        webhook_url: str | None = None,
        bot_name: str | None = None,
        api_url: str = DEFAULT_API_URL,
    ) -> None:
        self.api = TelegramBotApi(access_token, api_url)
        self.secret_token = secret_token
        self.webhook_url = webhook_url
        self.bot_name = bot_name
        self.callbacks = CallbackPayloads()
        self.guard = MessageGuard(self.name())
        self.updates = RecentIds()

    def get_output_channel(self) -> TelegramOutput:
        return TelegramOutput(self.api, self.callbacks)

    async def set_webhook(self) -> bool:
        """Tells Telegram where to post updates, and the secret to send with them."""
        if not self.webhook_url:
            return False
        result = await self.api.call(
            "setWebhook",
            {
                "url": self.webhook_url,
                "secret_token": self.secret_token,
                "allowed_updates": ["message", "edited_message", "callback_query"],
            },
        )
        if result:
            name = f"@{self.bot_name}" if self.bot_name else "the bot"
            logger.info("Telegram webhook of %s set to %s", name, self.webhook_url)
        return bool(result)

    def _has_valid_secret(self, request: Request) -> bool:
        given = request.headers.get(SECRET_HEADER)
        return given is not None and hmac.compare_digest(
            given.encode(), self.secret_token.encode()
        )

    def _command(self, text: str) -> str:
        """Telegram's /start and /help as intents; other text unchanged."""
        first, _, rest = text.strip().partition(" ")
        command = first.split("@", 1)[0].lower()
        if command in COMMANDS and not rest:
            return COMMANDS[command]
        return text

    def blueprint(
        self, on_new_message: Callable[[UserMessage], Awaitable[Any]]
    ) -> Blueprint:
        telegram_webhook = Blueprint("telegram_webhook", __name__)
        on_new_message = self.guard.wrap(on_new_message)
        self.guard.attach(telegram_webhook)

        @telegram_webhook.listener("after_server_start")
        async def register_webhook(*_: Any) -> None:
            await self.set_webhook()

        @telegram_webhook.route("/", methods=["GET"])
        async def health(_: Request) -> HTTPResponse:
            return response.json({"status": "ok"})

        @telegram_webhook.route("/webhook", methods=["POST"])
        async def receive(request: Request) -> HTTPResponse:
            if not self._has_valid_secret(request):
                return response.json({"error": "forbidden"}, status=403)
            try:
                update = json.loads(request.body or b"")
            except (ValueError, UnicodeDecodeError, RecursionError):
                return response.json({"error": "body is not JSON"}, status=400)
            if not isinstance(update, dict):
                return response.json({"error": "body is not an update"}, status=400)
            update_id = update.get("update_id")
            if isinstance(update_id, int) and self.updates.is_replay(str(update_id)):
                return response.json({"status": "already handled"})

            output = self.get_output_channel()
            callback_query = update.get("callback_query")
            if isinstance(callback_query, dict):
                return await self._on_button(callback_query, output, on_new_message)

            message = update.get("message")
            chat_id = _chat_id(message)
            text = _dig(message, "text")
            if chat_id and isinstance(text, str) and text.strip():
                await self._forward(
                    self._command(text), chat_id, output, on_new_message
                )
                return response.json({"status": "ok"})

            # a sticker, photo, voice note, edited message...: say we read text only
            chat_id = chat_id or _chat_id(update.get("edited_message"))
            if chat_id:
                await send_domain_response(
                    getattr(request.app.ctx, "agent", None),
                    TEXT_ONLY_RESPONSE,
                    output,
                    chat_id,
                )
            return response.json({"status": "ok"})

        return telegram_webhook

    async def _on_button(
        self,
        callback_query: dict[str, Any],
        output: TelegramOutput,
        on_new_message: Callable[[UserMessage], Awaitable[Any]],
    ) -> HTTPResponse:
        # Answering stops the spinner on the button, whatever happens next.
        if isinstance(callback_query.get("id"), str):
            await self.api.call(
                "answerCallbackQuery", {"callback_query_id": callback_query["id"]}
            )
        data = callback_query.get("data")
        chat_id = _chat_id(callback_query.get("message"))
        if not isinstance(data, str) or not chat_id:
            return response.json({"status": "ignored"})
        text = self.callbacks.payload_for(data, _button_title(callback_query, data))
        if text:
            await self._forward(text, chat_id, output, on_new_message)
        return response.json({"status": "ok"})

    async def _forward(
        self,
        text: str,
        chat_id: str,
        output: TelegramOutput,
        on_new_message: Callable[[UserMessage], Awaitable[Any]],
    ) -> None:
        try:
            await on_new_message(
                UserMessage(text, output, chat_id, input_channel=self.name())
            )
        except Exception:
            # Telegram re-sends an update until it gets a 2xx: answering 500 would
            # replay the same failing message again and again.
            logger.exception("Could not handle a Telegram message")
