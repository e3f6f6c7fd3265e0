"""The WhatsApp (Twilio) connector, end to end: signed webhook calls in,
a fake Twilio out."""

from __future__ import annotations

import base64
import random
import uuid

import pytest

from bot.channels.whatsapp import ButtonMemory, WhatsAppOutput
from bot.faqtool.source import load_all
from tests.channels.conftest import (
    TWILIO_NUMBER,
    TWILIO_SID,
    TWILIO_TOKEN,
    SendWhatsApp,
)
from tests.channels.fakes import FakeApi, run_async

pytestmark = pytest.mark.slow
EMPTY_TWIML = "<Response></Response>"


def new_sender() -> str:
    """A WhatsApp address no other test uses."""
    return f"whatsapp:+4477009{random.randint(10**5, 10**6 - 1)}"


def incoming(sender: str, body: str = "", **extra: str) -> dict[str, str]:
    """The form Twilio posts for a WhatsApp message (each with its own MessageSid)."""
    message_sid = "SM" + uuid.uuid4().hex
    return {
        "SmsMessageSid": message_sid,
        "MessageSid": message_sid,
        "AccountSid": TWILIO_SID,
        "From": sender,
        "To": f"whatsapp:{TWILIO_NUMBER}",
        "Body": body,
        "NumMedia": "0",
        "ProfileName": "Pat",
        "WaId": sender.split("+")[-1],
        **extra,
    }


def sent_to(api: FakeApi, sender: str) -> list[dict[str, str]]:
    """The messages the connector posted to `sender`, as single-valued forms."""
    forms = [call.form() for call in api.received()]
    return [
        {key: values[0] for key, values in form.items()}
        for form in forms
        if form.get("To") == [sender]
    ]


@pytest.mark.parametrize(
    "auth_token, signature",
    [
        (None, None),  # no signature at all
        (None, "bm90IGEgc2lnbmF0dXJl"),  # made up
        ("someone-elses-token", None),  # signed with another auth token
    ],
)
def test_forged_calls_are_forbidden(
    send_whatsapp: SendWhatsApp, twilio_api: FakeApi, auth_token, signature
):
    sender = new_sender()
    status, _ = send_whatsapp(
        incoming(sender, "hello"), auth_token=auth_token, signature=signature
    )
    assert status == 403
    assert sent_to(twilio_api, sender) == []


def test_a_signature_for_other_content_is_forbidden(send_whatsapp: SendWhatsApp):
    sender = new_sender()
    # Twilio signs every parameter: a changed body no longer matches
    status, _ = send_whatsapp(
        incoming(sender, "hello, tampered"), signed_form=incoming(sender, "hello")
    )
    assert status == 403


@pytest.mark.parametrize(
    "body, content_type",
    [
        (b'{"From": "whatsapp:+447700900001", "Body": "hi"}', "application/json"),
        (b"\xff\xfe\x00", "application/octet-stream"),
    ],
)
def test_malformed_bodies_are_bad_requests(
    send_whatsapp: SendWhatsApp, body, content_type
):
    status, _ = send_whatsapp({}, body=body, content_type=content_type)
    assert 400 <= status < 500


def test_signed_call_without_a_sender_is_a_bad_request(send_whatsapp: SendWhatsApp):
    status, _ = send_whatsapp({"Body": "hello", "AccountSid": TWILIO_SID})
    assert status == 400


def test_buttons_become_numbered_options_and_a_number_picks_one(
    send_whatsapp: SendWhatsApp, twilio_api: FakeApi
):
    sender = new_sender()
    status, body = send_whatsapp(incoming(sender, "hello"))
    assert status == 200 and EMPTY_TWIML in body

    greeting = sent_to(twilio_api, sender)[-1]
    assert greeting["From"] == f"whatsapp:{TWILIO_NUMBER}"
    assert "Reply with a number" in greeting["Body"]  # the domain's WhatsApp variant
    assert "1. What is IDD Therapy?" in greeting["Body"]
    assert "4. Book a consultation" in greeting["Body"]
    assert "*" not in greeting["Body"] and "](" not in greeting["Body"]  # no markdown

    send_whatsapp(incoming(sender, "1"))
    answer = sent_to(twilio_api, sender)[-1]["Body"]
    assert "IDD" in answer and "decompression" in answer.lower()


def test_a_number_without_options_is_just_text(
    send_whatsapp: SendWhatsApp, twilio_api: FakeApi
):
    sender = new_sender()
    send_whatsapp(incoming(sender, "what is IDD therapy"))
    before = len(sent_to(twilio_api, sender))
    assert before >= 1
    send_whatsapp(incoming(sender, "2"))
    replies = sent_to(twilio_api, sender)[before:]
    # "2" was not turned into a button payload: not the failed-surgery answer
    surgery_answer = next(f.answer for f in load_all() if f.id == "surgery_options_now")
    assert replies and not any(surgery_answer[:60] in r["Body"] for r in replies)


def test_red_flag_is_escalated(send_whatsapp: SendWhatsApp, twilio_api: FakeApi):
    sender = new_sender()
    send_whatsapp(incoming(sender, "I can't control my bladder"))
    assert any("999" in message["Body"] for message in sent_to(twilio_api, sender))


@pytest.mark.parametrize(
    "extra",
    [
        {
            "NumMedia": "1",
            "MediaUrl0": "https://api.twilio.com/media/1",
            "MediaContentType0": "image/jpeg",
        },
        {"Latitude": "51.52", "Longitude": "-0.147"},
    ],
    ids=["photo", "location"],
)
def test_media_only_messages_get_a_polite_answer(
    send_whatsapp: SendWhatsApp, twilio_api: FakeApi, extra
):
    sender = new_sender()
    status, body = send_whatsapp(incoming(sender, "", **extra))
    assert status == 200 and EMPTY_TWIML in body
    replies = sent_to(twilio_api, sender)
    assert len(replies) == 1
    assert "only read typed text" in replies[0]["Body"]
    assert "0845 468 1088" in replies[0]["Body"]


def test_replies_go_to_twilio_with_basic_auth(
    send_whatsapp: SendWhatsApp, twilio_api: FakeApi
):
    sender = new_sender()
    send_whatsapp(incoming(sender, "where is the clinic"))
    calls = [c for c in twilio_api.received() if c.form().get("To") == [sender]]
    assert calls
    expected = (
        "Basic " + base64.b64encode(f"{TWILIO_SID}:{TWILIO_TOKEN}".encode()).decode()
    )
    assert all(call.headers["Authorization"] == expected for call in calls)
    assert all(
        call.path == f"/2010-04-01/Accounts/{TWILIO_SID}/Messages.json"
        for call in calls
    )


def test_long_replies_are_split_under_the_limit(twilio_api: FakeApi):
    sender = new_sender()
    text = " ".join(["Pain-relief injections can reduce inflammation."] * 80)  # ~3,800
    buttons = [
        {"title": "Book a consultation", "payload": "I'd like to book a consultation"},
        {"title": "No thanks", "payload": "/deny"},
    ]
    memory = ButtonMemory()
    output = WhatsAppOutput(
        TWILIO_SID, TWILIO_TOKEN, TWILIO_NUMBER, twilio_api.url, memory
    )

    run_async(output.send_text_with_buttons(sender, text, buttons))

    bodies = [message["Body"] for message in sent_to(twilio_api, sender)]
    assert len(bodies) == 3
    assert all(len(body) <= 1600 for body in bodies)
    assert bodies[-1].endswith("1. Book a consultation\n2. No thanks")
    assert memory.resolve(sender, "2") == "/deny"
    assert memory.resolve(sender, "2") == "2"  # options are for the very next reply


@pytest.mark.parametrize(
    "reply, expected",
    [
        ("1", "first"),
        (" 2. ", "second"),
        ("2)", "second"),
        ("3", "3"),
        ("0", "0"),
        ("one", "one"),
    ],
)
def test_button_memory_maps_numbers_to_payloads(reply, expected):
    memory = ButtonMemory()
    memory.remember("whatsapp:+447700900000", ["first", "second"])
    assert memory.resolve("whatsapp:+447700900000", reply) == expected
