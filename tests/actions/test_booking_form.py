"""The booking form's validation, summary and change-a-detail actions,
with real trackers."""

from __future__ import annotations

import pytest
from rasa_sdk.events import SlotSet

from bot.actions.booking_form import (
    SKIPPED,
    ActionAskBookingConfirmed,
    ActionChangeBookingDetail,
    ValidateBookingForm,
    field_to_change,
)
from tests.actions.conftest import responses, run_action

FORM = ValidateBookingForm()


def validate(
    slot: str, value: str, make_tracker, dispatcher, domain, failures=None
) -> dict:
    # The form appends the candidate value as a SlotSet after the user's message.
    tracker = make_tracker(
        slots={slot: value, "booking_failures": failures},
        text=value,
        requested_slot=slot,
        events=[
            {"event": "user", "text": value},
            {"event": "slot", "name": slot, "value": value},
        ],
    )
    events = run_action(FORM, dispatcher, tracker, domain)
    return {e["name"]: e["value"] for e in events if e["event"] == "slot"}


@pytest.mark.parametrize(
    "slot, typed, stored",
    [
        ("booking_name", "  Zoë   O'Neill ", "Zoë O'Neill"),
        (
            "booking_name",
            "Robert'); DROP TABLE bookings;--",
            "Robert'); DROP TABLE bookings;--",
        ),
        ("booking_name", "张伟", "张伟"),
        ("booking_name", "my name is sarah jones", "Sarah Jones"),
        ("booking_name", "it's jo o'neill-smith", "Jo O'Neill-Smith"),
        ("booking_phone", "07700 900123", "+447700900123"),
        ("booking_phone", "+44 20 7946 0000", "+442079460000"),
        ("booking_phone", "my number is 07700900123 thanks", "+447700900123"),
        ("booking_phone", "mob: (020) 7946 0000", "+442079460000"),
        ("booking_email", "Sam@Example.org", "Sam@example.org"),
        ("booking_email", "skip", SKIPPED),
        ("booking_email", "I'd rather not", SKIPPED),
        (
            "booking_when",
            "tues or weds morning ideally",
            "tues or weds morning ideally",
        ),
        ("booking_when", "after work, so after 6", "after work, so after 6"),
        ("booking_treatment", "shockwave please", "Shockwave Therapy"),
        ("booking_treatment", "not sure yet", "Not sure"),
        ("booking_treatment", "probably IDD", "IDD Therapy"),
        ("booking_treatment", "the decompression one", "IDD Therapy"),
        ("booking_treatment", "acupuncture i think", "Medical Acupuncture"),
        ("booking_treatment", "something for my neck", "something for my neck"),
        ("booking_reason", "skip", SKIPPED),
        ("booking_reason", "Rather not.", SKIPPED),
        ("booking_reason", "pain since my operation", "pain since my operation"),
    ],
)
def test_good_values_are_kept(slot, typed, stored, make_tracker, dispatcher, domain):
    slots = validate(slot, typed, make_tracker, dispatcher, domain)
    assert slots[slot] == stored
    assert responses(dispatcher) == []


@pytest.mark.parametrize(
    "slot, typed, response",
    [
        ("booking_phone", "12", "utter_invalid_booking_phone"),
        ("booking_phone", "0000", "utter_invalid_booking_phone"),
        ("booking_phone", "+1 555 0100", "utter_invalid_booking_phone"),
        ("booking_email", "sam at example", "utter_invalid_booking_email"),
        pytest.param(
            "booking_name", "x" * 10_000, "utter_invalid_too_long", id="huge-name"
        ),
        pytest.param(
            "booking_reason", "y" * 10_000, "utter_invalid_too_long", id="huge-reason"
        ),
        ("booking_name", "12345", "utter_invalid_booking_name"),
        ("booking_name", "what's your name for?", "utter_invalid_booking_name"),
        ("booking_name", "I want to book an appointment", "utter_invalid_booking_name"),
    ],
)
def test_bad_values_are_reasked(
    slot, typed, response, make_tracker, dispatcher, domain
):
    slots = validate(slot, typed, make_tracker, dispatcher, domain)
    assert slots[slot] is None
    assert slots["booking_failures"] == {slot: 1}
    assert responses(dispatcher) == [response]


def test_a_past_date_is_reasked(make_tracker, dispatcher, domain):
    slots = validate(
        "booking_when", "1st January 2020", make_tracker, dispatcher, domain
    )
    assert slots["booking_when"] is None
    assert responses(dispatcher) == ["utter_invalid_booking_when"]


def test_preferred_time_keeps_the_words(make_tracker, dispatcher, domain):
    slots = validate(
        "booking_when", "any weekday morning", make_tracker, dispatcher, domain
    )
    assert slots["booking_when"] == "any weekday morning"


def test_third_failure_gives_up_with_the_phone_numbers(
    make_tracker, dispatcher, domain
):
    slots = validate(
        "booking_phone",
        "12",
        make_tracker,
        dispatcher,
        domain,
        failures={"booking_phone": 2},
    )
    assert slots["booking_abandoned"] is True
    assert slots["requested_slot"] is None  # the form ends
    assert responses(dispatcher) == ["utter_booking_give_up"]
    assert "{clinic_phones}" in domain["responses"]["utter_booking_give_up"][0]["text"]


ANSWERED = {
    "booking_name": "Jo Bloggs",
    "booking_phone": "+447700900123",
    "booking_email": SKIPPED,
    "booking_when": "Friday",
    "booking_treatment": "IDD Therapy",
    "booking_reason": SKIPPED,
}


def test_refused_consent_ends_the_form(make_tracker, dispatcher, domain):
    tracker = make_tracker(
        slots={**ANSWERED, "booking_consent": False},
        intent="deny",
        requested_slot="booking_consent",
        events=[{"event": "slot", "name": "booking_consent", "value": False}],
    )
    events = run_action(FORM, dispatcher, tracker, domain)
    assert SlotSet("requested_slot", None) in events


def test_consent_given_asks_for_confirmation_next(make_tracker, dispatcher, domain):
    tracker = make_tracker(
        slots={**ANSWERED, "booking_consent": True},
        intent="affirm",
        requested_slot="booking_consent",
        events=[{"event": "slot", "name": "booking_consent", "value": True}],
    )
    events = run_action(FORM, dispatcher, tracker, domain)
    assert SlotSet("requested_slot", None) not in events


def test_summary_shows_what_the_patient_typed_as_plain_text(
    make_tracker, dispatcher, domain
):
    """No HTML entities: Telegram and WhatsApp would show "&amp;" as it is.

    The chat page's widget escapes HTML itself (tests/channels/test_webchat.py).
    """
    tracker = make_tracker(slots={**ANSWERED, "booking_name": "Smith & Jones <b>"})
    run_action(ActionAskBookingConfirmed(), dispatcher, tracker, domain)
    message = dispatcher.messages[0]
    assert message["response"] == "utter_booking_summary"
    assert message["name"] == "Smith & Jones <b>"
    assert message["email"] == "not given"
    assert message["phone"] == "+447700900123"


@pytest.mark.parametrize(
    "text, slot",
    [
        ("change my phone number", "booking_phone"),
        ("the number is wrong", "booking_phone"),
        ("wrong email", "booking_email"),
        ("can I change the day", "booking_when"),
        ("change the treatment", "booking_treatment"),
        ("my name is spelt wrong", "booking_name"),
        ("change a detail", None),
    ],
)
def test_field_to_change(text, slot):
    assert field_to_change(text) == slot


def test_change_clears_only_that_detail(make_tracker, dispatcher, domain):
    tracker = make_tracker(
        slots={
            "booking_phone": "+447700900123",
            "booking_name": "Jo",
            "booking_confirmed": None,
        },
        text="change my phone number",
        intent="change_detail",
        requested_slot="booking_confirmed",
    )
    events = run_action(ActionChangeBookingDetail(), dispatcher, tracker, domain)
    assert events == [
        SlotSet("booking_phone", None),
        SlotSet("booking_confirmed", None),
    ]


def test_a_change_that_names_the_new_time_sets_it(make_tracker, dispatcher, domain):
    tracker = make_tracker(
        slots={"booking_name": "gary charlton", "booking_phone": "+447700900412"},
        text="oh wait can you change the day to friday instead, tuesdays are no good",
        intent="change_detail",
        requested_slot="booking_email",
    )
    events = run_action(ActionChangeBookingDetail(), dispatcher, tracker, domain)
    assert SlotSet("booking_when", "friday") in events
    assert any(
        e["event"] == "slot" and e["name"] == "booking_when_date" and e["value"]
        for e in events
    )
    assert responses(dispatcher) == ["utter_booking_when_changed"]


def test_change_without_a_field_asks_which(make_tracker, dispatcher, domain):
    tracker = make_tracker(text="/change_detail", intent="change_detail")
    run_action(ActionChangeBookingDetail(), dispatcher, tracker, domain)
    assert responses(dispatcher) == ["utter_ask_which_detail"]
