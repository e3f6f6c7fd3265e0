"""No channel reaches another channel's conversations, replays are answered once,
and every webhook refuses what it should, through the real running assistant."""

from __future__ import annotations

import json
import random

import pytest
import socketio

from bot.server.launch import reply_text
from tests.assistant import Assistant, http
from tests.channels.conftest import SendTelegram, SendWhatsApp
from tests.channels.fakes import FakeApi, run_async
from tests.channels.test_telegram import new_chat, sent_messages, text_update
from tests.channels.test_whatsapp import incoming, sent_to

pytestmark = pytest.mark.slow
PATIENT_NAME = "Imogen Testwhistle"


def new_phone() -> str:
    return f"+4477009{random.randint(10**5, 10**6 - 1)}"


def tracker_events(assistant: Assistant, conversation_id: str) -> list[dict]:
    # unquoted: Sanic does not decode "%3A" in a path (":" and "+" are fine)
    status, body = http(
        "GET",
        f"{assistant.url}/conversations/{conversation_id}/tracker?token=test-token",
    )
    assert status == 200
    return body["events"]


def test_rest_cannot_write_into_a_whatsapp_conversation(
    channel_assistant: Assistant, send_whatsapp: SendWhatsApp, twilio_api: FakeApi
):
    phone = new_phone()
    address = f"whatsapp:{phone}"
    send_whatsapp(incoming(address, "I'd like to book an appointment"))
    send_whatsapp(incoming(address, PATIENT_NAME))
    assert any("phone number" in m["Body"] for m in sent_to(twilio_api, address))
    whatsapp_before = tracker_events(channel_assistant, f"whatsapp:{phone}")

    # An attacker on REST uses the WhatsApp conversation's id, in every spelling.
    for sender in (address, phone, f"whatsapp:whatsapp:{phone}"):
        for text in ("07700 900123", "skip", "/affirm", "what have I told you?"):
            assert PATIENT_NAME not in reply_text(channel_assistant.say(sender, text))

    assert tracker_events(channel_assistant, f"whatsapp:{phone}") == whatsapp_before
    assert tracker_events(channel_assistant, f"rest:{address}"), "REST got its own"


def test_socketio_cannot_write_into_a_telegram_conversation(
    channel_assistant: Assistant,
    send_telegram: SendTelegram,
    telegram_api: FakeApi,
    web_origin: str,
):
    chat_id = new_chat()
    send_telegram(text_update(chat_id, "book me in please"))
    send_telegram(text_update(chat_id, PATIENT_NAME))
    telegram_before = tracker_events(channel_assistant, f"telegram:{chat_id}")

    async def as_web_visitor() -> str:
        client = socketio.AsyncClient()
        replies: list[dict] = []
        client.on("bot_uttered", lambda data: replies.append(data))
        # long-polling: python-engineio's websocket client needs a newer aiohttp
        await client.connect(
            channel_assistant.url,
            headers={"Origin": web_origin},
            transports=["polling"],
        )
        for session in (str(chat_id), f"telegram:{chat_id}"):
            await client.emit("session_request", {"session_id": session})
            await client.emit(
                "user_uttered", {"message": "07700 900123", "session_id": session}
            )
            await client.sleep(3)
        await client.disconnect()
        return reply_text(replies)

    seen = run_async(as_web_visitor())
    assert PATIENT_NAME not in seen
    assert tracker_events(channel_assistant, f"telegram:{chat_id}") == telegram_before


def test_socketio_refuses_pages_of_other_sites(
    channel_assistant: Assistant, web_origin: str
):
    async def connect(origin: str) -> bool:
        client = socketio.AsyncClient(reconnection=False)
        try:
            await client.connect(
                channel_assistant.url,
                headers={"Origin": origin},
                transports=["polling"],
                wait_timeout=10,
            )
        except socketio.exceptions.ConnectionError:
            return False
        await client.disconnect()
        return True

    assert run_async(connect(web_origin))
    assert not run_async(connect("https://evil.example"))


def test_a_telegram_update_sent_twice_is_answered_once(
    send_telegram: SendTelegram, telegram_api: FakeApi
):
    chat_id = new_chat()
    update = text_update(chat_id, "where is the clinic?")
    assert send_telegram(update)[0] == 200
    answered = len(sent_messages(telegram_api, chat_id))
    assert answered >= 1
    assert send_telegram(update)[0] == 200
    assert len(sent_messages(telegram_api, chat_id)) == answered


def test_a_twilio_message_delivered_twice_is_answered_once(
    send_whatsapp: SendWhatsApp, twilio_api: FakeApi
):
    address = f"whatsapp:{new_phone()}"
    form = incoming(address, "where is the clinic?")
    assert send_whatsapp(form)[0] == 200
    answered = len(sent_to(twilio_api, address))
    assert answered >= 1
    assert send_whatsapp(form)[0] == 200
    assert len(sent_to(twilio_api, address)) == answered


def test_webhook_bodies_over_64_kb_are_refused(
    send_telegram: SendTelegram, send_whatsapp: SendWhatsApp
):
    chat_id = new_chat()
    status, _ = send_telegram(json.dumps(text_update(chat_id, "a" * 70_000)).encode())
    assert status == 413
    status, _ = send_whatsapp(incoming(f"whatsapp:{new_phone()}", "a" * 70_000))
    assert status == 413


def test_a_whatsapp_message_over_the_cap_gets_a_polite_reply(
    send_whatsapp: SendWhatsApp, twilio_api: FakeApi
):
    address = f"whatsapp:{new_phone()}"
    send_whatsapp(incoming(address, "my back hurts. " * 150))  # 2,250 characters
    replies = " ".join(m["Body"] for m in sent_to(twilio_api, address))
    assert "too long" in replies and "999" in replies
