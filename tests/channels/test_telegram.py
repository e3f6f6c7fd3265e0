"""The Telegram connector, end to end: real webhook calls in, a fake Bot API out."""

from __future__ import annotations

import itertools
import random
import time

import pytest

from bot.channels.memory import SharedMemory
from bot.channels.telegram import CallbackPayloads, TelegramBotApi, TelegramOutput
from tests.channels.conftest import (
    TELEGRAM_SECRET,
    TELEGRAM_TOKEN,
    TELEGRAM_WEBHOOK_URL,
    SendTelegram,
)
from tests.channels.fakes import FakeApi, run_async

pytestmark = pytest.mark.slow
_update_ids = itertools.count(1000)


def new_chat() -> int:
    """A chat id no other test uses."""
    return random.randint(10**9, 2 * 10**9)


def _message(chat_id: int, **content: object) -> dict:
    return {
        "message_id": next(_update_ids),
        "date": int(time.time()),
        "chat": {"id": chat_id, "type": "private", "first_name": "Pat"},
        "from": {"id": chat_id, "is_bot": False, "first_name": "Pat"},
        **content,
    }


def text_update(chat_id: int, text: str) -> dict:
    """What Telegram posts when the patient types `text`."""
    return {"update_id": next(_update_ids), "message": _message(chat_id, text=text)}


def sent_messages(api: FakeApi, chat_id: int) -> list[dict]:
    """Every sendMessage payload the connector posted to `chat_id`."""
    return [
        call.json()
        for call in api.received(lambda call: call.path.endswith("/sendMessage"))
        if str(call.json().get("chat_id")) == str(chat_id)
    ]


def test_webhook_is_registered_with_the_secret(
    channel_assistant, telegram_api: FakeApi
):
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        calls = telegram_api.received(lambda call: call.path.endswith("/setWebhook"))
        if calls:
            break
        time.sleep(0.2)
    assert calls, "the webhook was not registered at start-up"
    assert calls[0].path == f"/bot{TELEGRAM_TOKEN}/setWebhook"
    payload = calls[0].json()
    assert payload["url"] == TELEGRAM_WEBHOOK_URL
    assert payload["secret_token"] == TELEGRAM_SECRET


@pytest.mark.parametrize("secret", [None, "", "wrong-secret", TELEGRAM_SECRET + "x"])
def test_calls_without_the_secret_are_forbidden(
    send_telegram: SendTelegram, telegram_api: FakeApi, secret
):
    chat_id = new_chat()
    status, _ = send_telegram(text_update(chat_id, "hello"), secret=secret)
    assert status == 403
    assert sent_messages(telegram_api, chat_id) == []


@pytest.mark.parametrize(
    "body", [b"{not json", b"", b"\xff\xfe\x00", b"[1, 2]", b'"text"', b"null"]
)
def test_malformed_bodies_are_bad_requests(send_telegram: SendTelegram, body: bytes):
    status, _ = send_telegram(body)
    assert status == 400


@pytest.mark.parametrize(
    "update",
    [
        {"update_id": 1, "poll": {"id": "1"}},
        {"update_id": 2, "message": {"chat": 5, "text": "hi"}},
        {"update_id": 3, "message": "hi"},
        {"update_id": 4, "callback_query": {"id": 7, "message": [], "data": None}},
        {"update_id": 5, "edited_message": {"chat": {"id": None}}},
    ],
    ids=["poll", "chat-not-object", "message-not-object", "odd-button", "no-chat-id"],
)
def test_updates_without_a_chat_are_ignored(send_telegram: SendTelegram, update):
    status, _ = send_telegram(update)
    assert status == 200


def test_a_question_gets_the_faq_answer(
    send_telegram: SendTelegram, telegram_api: FakeApi
):
    chat_id = new_chat()
    status, _ = send_telegram(text_update(chat_id, "what is IDD therapy"))
    assert status == 200
    texts = [message["text"] for message in sent_messages(telegram_api, chat_id)]
    assert any("decompression" in text.lower() for text in texts), texts
    assert all("parse_mode" not in m for m in sent_messages(telegram_api, chat_id))


def test_start_shows_topics_as_an_inline_keyboard_that_works(
    send_telegram: SendTelegram, telegram_api: FakeApi
):
    chat_id = new_chat()
    assert send_telegram(text_update(chat_id, "/start"))[0] == 200
    greeting = sent_messages(telegram_api, chat_id)[-1]
    keyboard = greeting["reply_markup"]["inline_keyboard"]
    titles = [row[0]["text"] for row in keyboard]
    assert titles == [
        "What is IDD Therapy?",
        "My back surgery didn't work",
        "Pain-relief injections",
        "Book a consultation",
    ]
    assert all(len(row) == 1 for row in keyboard)

    # The patient presses "What is IDD Therapy?"
    query_id = f"cbq-{chat_id}"
    status, _ = send_telegram(
        {
            "update_id": next(_update_ids),
            "callback_query": {
                "id": query_id,
                "from": {"id": chat_id, "is_bot": False, "first_name": "Pat"},
                "message": {**greeting, "chat": {"id": chat_id, "type": "private"}},
                "data": keyboard[0][0]["callback_data"],
            },
        }
    )
    assert status == 200
    answered = telegram_api.received(
        lambda call: (
            call.path.endswith("/answerCallbackQuery")
            and call.json()["callback_query_id"] == query_id
        )
    )
    assert answered, "the button press was not acknowledged"
    reply = sent_messages(telegram_api, chat_id)[-1]["text"]
    assert "IDD" in reply


def test_red_flag_is_escalated(send_telegram: SendTelegram, telegram_api: FakeApi):
    chat_id = new_chat()
    send_telegram(text_update(chat_id, "I can't control my bladder"))
    texts = [message["text"] for message in sent_messages(telegram_api, chat_id)]
    assert any("999" in text for text in texts), texts


@pytest.mark.parametrize(
    "kind",
    ["sticker", "photo", "voice", "edited_message"],
)
def test_non_text_updates_get_a_polite_text_only_answer(
    send_telegram: SendTelegram, telegram_api: FakeApi, kind: str
):
    chat_id = new_chat()
    contents = {
        "sticker": {"sticker": {"file_id": "s1", "width": 512, "height": 512}},
        "photo": {"photo": [{"file_id": "p1", "width": 90, "height": 90}]},
        "voice": {"voice": {"file_id": "v1", "duration": 3}},
    }
    if kind == "edited_message":
        update = {
            "update_id": next(_update_ids),
            "edited_message": _message(chat_id, text="what is IDD", edit_date=1),
        }
    else:
        update = {
            "update_id": next(_update_ids),
            "message": _message(chat_id, **contents[kind]),
        }
    status, _ = send_telegram(update)
    assert status == 200
    texts = [message["text"] for message in sent_messages(telegram_api, chat_id)]
    assert len(texts) == 1
    assert "only read typed text" in texts[0]
    assert "0845 468 1088" in texts[0]  # the {clinic_phones} slot was filled


def test_long_replies_are_split_under_the_limit(telegram_api: FakeApi):
    chat_id = new_chat()
    paragraph = "IDD Therapy offloads the discs and spinal structures. " * 30
    text = "\n\n".join([paragraph.strip()] * 6)  # about 9,700 characters
    output = TelegramOutput(
        TelegramBotApi(TELEGRAM_TOKEN, telegram_api.url), CallbackPayloads()
    )
    buttons = [
        {"title": "Book a consultation", "payload": "I'd like to book a consultation"}
    ]

    run_async(output.send_text_with_buttons(str(chat_id), text, buttons))

    sent = sent_messages(telegram_api, chat_id)
    assert len(sent) == 3
    assert all(len(message["text"]) <= 4096 for message in sent)
    assert " ".join(m["text"] for m in sent).split() == text.split()
    # the keyboard goes under the last part only
    assert ["reply_markup" in message for message in sent] == [False, False, True]


def test_long_payloads_fit_in_callback_data():
    callbacks = CallbackPayloads()
    payload = (
        "My back surgery didn't work, what are my options now and what would it cost?"
    )
    data = callbacks.data_for(payload)
    assert len(data.encode()) <= 64
    assert callbacks.payload_for(data, fallback="title") == payload
    assert callbacks.data_for("/affirm") == "/affirm"
    # another Rasa process (a replica, or this one restarted) reads it too
    assert CallbackPayloads().payload_for(data, fallback="title") == payload
    # forgotten (a day later): the button's title is used instead
    expired = CallbackPayloads(SharedMemory("telegram-payloads", ttl_seconds=-1))
    key = expired.data_for(payload + " again")
    assert expired.payload_for(key, fallback="My title") == "My title"
