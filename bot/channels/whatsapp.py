"""WhatsApp connector through Twilio, built on Rasa's Twilio connector.

What it adds to Rasa's TwilioInput/TwilioOutput: every webhook call must carry a
valid `X-Twilio-Signature` (checked with Twilio's own RequestValidator); buttons
become numbered options and a reply of "1", "2"... is read as that button's
payload; long replies are split under WhatsApp's 1,600 characters; a photo, voice
note or location gets a polite "text only" answer; replies are posted without
blocking the server, to a Twilio API base URL that tests can point elsewhere.
In credentials.yml (written by `python -m bot.channels.credentials`):

    bot.channels.whatsapp.WhatsAppInput:
      account_sid: "AC..."
      auth_token: "..."
      twilio_number: "whatsapp:+14155238886"
      webhook_url: "https://.../webhooks/whatsapp/webhook"   # optional
      api_url: "https://api.twilio.com"                      # optional

Twilio posts incoming messages to /webhooks/whatsapp/webhook.
"""

from __future__ import annotations

import asyncio
import json
import logging
import re
from collections.abc import Awaitable, Callable
from typing import Any
from urllib.parse import parse_qs

import aiohttp
from rasa.core.channels.channel import UserMessage
from rasa.core.channels.twilio import TwilioInput, TwilioOutput
from sanic import Blueprint, response
from sanic.request import Request, RequestParameters
from sanic.response import HTTPResponse
from twilio.request_validator import RequestValidator

from bot import settings
from bot.channels.guard import MessageGuard, RecentIds
from bot.channels.memory import SharedMemory
from bot.channels.responses import TEXT_ONLY_RESPONSE, send_domain_response
from bot.channels.splitting import split_message

logger = logging.getLogger(__name__)

DEFAULT_API_URL = "https://api.twilio.com"
SIGNATURE_HEADER = "X-Twilio-Signature"
MAX_MESSAGE_LENGTH = 1600  # Twilio's limit for one WhatsApp message body
EMPTY_TWIML = '<?xml version="1.0" encoding="UTF-8"?><Response></Response>'
_OPTION_NUMBER = re.compile(r"^\s*(\d{1,2})\s*[.)]?\s*$")


def whatsapp_address(number: str) -> str:
    """`+14155238886` or `whatsapp:+14155238886` -> `whatsapp:+14155238886`."""
    number = number.strip()
    return number if number.startswith("whatsapp:") else f"whatsapp:{number}"


def phone_number(address: str) -> str:
    """`whatsapp:+14155238886` -> `+14155238886`: the patient's id in this channel.

    The guard stores the conversation as `whatsapp:+14155238886` again.
    """
    return address.strip().removeprefix("whatsapp:")


class ButtonMemory:
    """The payloads of the last buttons sent to each sender, so "2" means button 2.

    In the shared channel memory (bot.channels.memory), so the answer may reach
    another Rasa process than the one that sent the options.
    """

    def __init__(self, memory: SharedMemory | None = None) -> None:
        self.memory = memory or SharedMemory("whatsapp-options")

    def remember(self, sender: str, payloads: list[str]) -> None:
        """Keeps the payloads of the options just sent to `sender`."""
        self.memory.put(sender, json.dumps(payloads))

    def resolve(self, sender: str, text: str) -> str:
        """The payload of option `text` if it is one, else `text`;
        forgets the options."""
        match = _OPTION_NUMBER.match(text)
        stored = self.memory.pop(sender)
        payloads = json.loads(stored) if stored else None
        if payloads and match and 1 <= int(match.group(1)) <= len(payloads):
            return payloads[int(match.group(1)) - 1]
        return text


class WhatsAppOutput(TwilioOutput):
    """Sends replies as WhatsApp messages through Twilio's Messages API."""

    @classmethod
    def name(cls) -> str:
        return "whatsapp"

    def __init__(
        self,
        account_sid: str,
        auth_token: str,
        twilio_number: str,
        api_url: str = DEFAULT_API_URL,
        buttons: ButtonMemory | None = None,
    ) -> None:
        super().__init__(account_sid, auth_token, whatsapp_address(twilio_number))
        self.api_url = api_url.rstrip("/")
        self.buttons = buttons or ButtonMemory()

    async def _send_message(self, message_data: dict[str, Any]) -> dict | None:
        """Posts one message (Rasa's keys: to, from_, body, media_url);
        None if it failed."""
        form: list[tuple[str, str]] = [
            ("To", message_data["to"]),
            ("From", message_data.get("from_") or self.twilio_number),
        ]
        if message_data.get("body"):
            form.append(("Body", message_data["body"]))
        form += [("MediaUrl", url) for url in message_data.get("media_url") or []]
        url = f"{self.api_url}/2010-04-01/Accounts/{self.account_sid}/Messages.json"
        try:
            timeout = aiohttp.ClientTimeout(total=30)
            auth = aiohttp.BasicAuth(self.username, self.password)
            async with (
                aiohttp.ClientSession(timeout=timeout, auth=auth) as session,
                session.post(url, data=form) as reply,
            ):
                body = await reply.json(content_type=None)
                status = reply.status
        except (aiohttp.ClientError, asyncio.TimeoutError, ValueError) as error:
            logger.error("Twilio message failed: %s", type(error).__name__)
            return None
        if status >= 400:
            # Twilio's error body repeats the recipient's number: not logged
            logger.error("Twilio refused a message (%s)", status)
            return None
        return body

    async def send_text_message(self, recipient_id: str, text: str, **_: Any) -> None:
        """Sends text, split into messages WhatsApp accepts."""
        for part in split_message(text, MAX_MESSAGE_LENGTH):
            await self._send_message(
                {
                    "to": whatsapp_address(recipient_id),
                    "from_": self.twilio_number,
                    "body": part,
                }
            )

    async def send_text_with_buttons(
        self, recipient_id: str, text: str, buttons: list[dict[str, Any]], **_: Any
    ) -> None:
        """Sends text followed by numbered options; a reply of "1" picks the first."""
        options = "\n".join(
            f"{number}. {button['title']}" for number, button in enumerate(buttons, 1)
        )
        self.buttons.remember(
            recipient_id, [str(button["payload"]) for button in buttons]
        )
        await self.send_text_message(recipient_id, f"{text}\n\n{options}")


class WhatsAppInput(TwilioInput):
    """Receives WhatsApp messages from Twilio on /webhooks/whatsapp/webhook."""

    @classmethod
    def name(cls) -> str:
        return "whatsapp"

    @classmethod
    def from_credentials(cls, credentials: dict[str, Any] | None) -> WhatsAppInput:
        if not credentials:
            cls.raise_missing_credentials_exception()
        for required in ("account_sid", "auth_token", "twilio_number"):
            if not credentials.get(required):
                raise ValueError(f"WhatsApp credentials need '{required}'")
        return cls(
            account_sid=str(credentials["account_sid"]),
            auth_token=str(credentials["auth_token"]),
            twilio_number=str(credentials["twilio_number"]),
            api_url=credentials.get("api_url") or DEFAULT_API_URL,
            webhook_url=credentials.get("webhook_url") or None,
        )

    def __init__(
        self,
        account_sid: str,
        auth_token: str,
        twilio_number: str,
        api_url: str = DEFAULT_API_URL,
        webhook_url: str | None = None,
    ) -> None:
        super().__init__(account_sid, auth_token, whatsapp_address(twilio_number))
        self.api_url = api_url
        self.webhook_url = webhook_url
        self.validator = RequestValidator(auth_token)
        self.buttons = ButtonMemory()
        self.guard = MessageGuard(self.name())
        self.deliveries = RecentIds()

    def get_output_channel(self) -> WhatsAppOutput:
        return WhatsAppOutput(
            self.account_sid,
            self.auth_token,
            self.twilio_number,
            self.api_url,
            self.buttons,
        )

    @staticmethod
    def _form(request: Request) -> RequestParameters | None:
        """The posted form with its empty fields, or None if the body is no form.

        Twilio signs every field, empty ones included (a photo's Body=), and
        Sanic's request.form drops those.
        """
        content_type = request.headers.get("content-type", "").split(";")[0].strip()
        if content_type.lower() != "application/x-www-form-urlencoded":
            return None
        try:
            text = request.body.decode("utf-8")
        except UnicodeDecodeError:
            return None
        return RequestParameters(parse_qs(text, keep_blank_values=True))

    def _is_signed(self, request: Request, form: RequestParameters) -> bool:
        """True if Twilio signed this call with our auth token."""
        signature = request.headers.get(SIGNATURE_HEADER)
        if not signature:
            return False
        # Behind a proxy the URL Twilio called is not the one we see.
        url = self.webhook_url or request.url
        return self.validator.validate(url, form, signature)

    def blueprint(
        self, on_new_message: Callable[[UserMessage], Awaitable[Any]]
    ) -> Blueprint:
        whatsapp_webhook = Blueprint("whatsapp_webhook", __name__)
        on_new_message = self.guard.wrap(on_new_message)
        self.guard.attach(whatsapp_webhook)

        @whatsapp_webhook.route("/", methods=["GET"])
        async def health(_: Request) -> HTTPResponse:
            return response.json({"status": "ok"})

        @whatsapp_webhook.route("/webhook", methods=["POST"])
        async def receive(request: Request) -> HTTPResponse:
            # checked before the body is parsed for its signature (Sanic itself
            # refuses bodies over the same size: bot/server/rasa_app.py)
            if len(request.body or b"") > settings.max_request_bytes():
                return response.text("body too large", status=413)
            form = self._form(request)
            if form is None:
                return response.text("expected a form body", status=400)
            if not self._is_signed(request, form):
                return response.text("invalid signature", status=403)
            sender = phone_number(form.get("From") or "")
            if not sender:
                return response.text("no sender", status=400)
            message_sid = form.get("MessageSid")
            if message_sid and self.deliveries.is_replay(message_sid):
                return response.text(EMPTY_TWIML, content_type="text/xml")

            output = self.get_output_channel()
            text = (form.get("Body") or "").strip()
            if not text:
                # media only, a location or an empty message: say we read text only
                await send_domain_response(
                    getattr(request.app.ctx, "agent", None),
                    TEXT_ONLY_RESPONSE,
                    output,
                    sender,
                )
                return response.text(EMPTY_TWIML, content_type="text/xml")

            try:
                await on_new_message(
                    UserMessage(
                        self.buttons.resolve(sender, text),
                        output,
                        sender,
                        input_channel=self.name(),
                    )
                )
            except Exception:
                # Twilio would only retry into the same error; the log has it.
                # (no phone number in the log: it identifies the patient)
                logger.exception("Could not handle a WhatsApp message")
            return response.text(EMPTY_TWIML, content_type="text/xml")

        return whatsapp_webhook
