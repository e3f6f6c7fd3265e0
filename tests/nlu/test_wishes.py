"""Several wishes in one message: a question and a booking, thanks and goodbye."""

from __future__ import annotations

import pytest

from bot.nlu.overrides import NOT_IN_A_FORM, FormTurn, forced_intent
from bot.nlu.wishes import (
    asks_about_privacy,
    asks_if_a_machine,
    questions_besides_booking,
    takes_leave,
    wants_booking,
    wants_deletion,
)
from tests.thresholds import faq_floor

SURE = (0.9, 0.01)
UNSURE = (0.1, 0.09)


def forced(text: str, intent: str, confidences=UNSURE, **rest) -> str | None:
    """What the rules make of a message the classifiers read as `intent`."""
    return forced_intent(
        text=text,
        intent=intent,
        faq_confidences=confidences,
        faq_floor=faq_floor(),
        red_flag=False,
        **rest,
    )


@pytest.mark.parametrize(
    "text, expected",
    [
        ("book me in please", True),
        ("I'd like to come in and be assessed please", True),
        ("could I come in and be seen about IDD?", True),
        ("can i make an appointment for my dad", True),
        ("would like to get booked in, evenings suit me", True),
        ("how do i get an appointment", True),
        ("looking to book some pilates sessions", True),
        ("how do i sign up for the pilates", True),
        ("my wife wants to book in but she's driving so I'm doing it for her", True),
        (
            "whats your phone number? actually can i just book through here instead",
            True,
        ),
        ("my dad would like to be seen about IDD", True),
        (
            "Dear Sir or Madam, I should like to arrange an initial consultation "
            "regarding my lower back",
            True,
        ),
        ("cn i bk in pls", True),
        ("is it possible to book in for acupuncture, weds or thurs pm?", True),
        ("is it possible to get IDD after a fusion", False),
        ("could I have a first appointment next week", True),
        ("I should like to know more about IDD", False),
        ("my wife wants to know if IDD hurts", False),
        ("what is IDD therapy", False),
        ("do I need a referral to book an appointment", False),
        ("I would like to know how long injections last", False),
        # a call back is a booking request staff follow up
        ("can someone call me back", True),
        ("could you ring me tomorrow morning", True),
        ("please call me back", True),
        ("I'd like a callback please", True),
        ("I called you back yesterday", False),
        ("can you call it something else", False),
        ("booking for my dad if thats ok, hes had a failed back op", True),
        # waiting times asked about, not a booking wish
        ("how soon can i be seen. NHS list is 9 months", False),
        ("how soon can i be seen? id like to book in", True),
        # how booking works, asked about
        ("Do I need a referral from my GP or can I just book directly?", False),
        ("does my mum need a GP letter or can she just come in", False),
        ("do I need a referral? if not I'd like to book", True),
        ("I wish to make an appointment to discuss IDD Therapy", True),
        # a condition, not a wish
        ("How long does it take? I'd need to come in on my lunch break.", False),
        ("I need to come in asap", True),
        ("Hello, I want to come see you for my back", True),
        ("need an appointment, had a fusion in 2019 still in pain", True),
        ("I want to see you succeed", False),
        ("not urgent or anything but could I get seen next week?", True),
    ],
)
def test_a_booking_wish_is_seen_in_any_words(text: str, expected: bool) -> None:
    assert wants_booking(text) is expected


def test_the_question_beside_a_booking_wish() -> None:
    text = "do you do acupuncture? if so I'd like to book in, mornings are best for me"
    assert questions_besides_booking(text) == ["do you do acupuncture?"]
    assert questions_besides_booking("book me in please") == []
    assert questions_besides_booking("what is IDD?") == []  # no booking wish at all


@pytest.mark.parametrize(
    "text, expected",
    [
        ("thanks, bye", True),
        ("ok lovely, thanks for the info on the injections. bye then", True),
        ("thank you, that answers my question. have a good evening", True),
        ("thank you so much", False),
        ("bye the way, how long does IDD take?", False),
        ("cheers, see ya!", True),
        ("thanks, see you on thursday", True),
        ("can my mum see you without a letter from her doctor", False),
        ("do I need a referral from my GP to see you", False),
        ("can I see you", False),
        ("cheers for that, very useful. ill give you a ring tomorrow. ta ra", True),
        ("thanks a lot for explaining, have a good one", True),
    ],
)
def test_taking_leave(text: str, expected: bool) -> None:
    assert takes_leave(text) is expected


def decide(
    text: str, intent: str, confidences=SURE, form_turn: FormTurn = NOT_IN_A_FORM
) -> str:
    return forced(text, intent, confidences, form_turn=form_turn) or intent


@pytest.mark.parametrize(
    "text, expected",
    [
        ("please delete my details, my reference is HSC-23456", True),
        ("can you erase my data", True),
        ("delete my details", True),
        ("I'd like to remove my personal information", True),
        ("what happens to my data if I delete my booking?", False),
        ("do you delete my details after a while?", False),
        ("how long do you keep my data", False),
        ("can u delete my number from earlier", True),
    ],
)
def test_a_deletion_wish_is_asked_for_not_asked_about(text: str, expected: bool):
    assert wants_deletion(text) is expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("do you share my info with my gp or my insurance company?", True),
        ("are you a real person or a bot, and are you recording all this?", True),
        ("who sees my details once I send them", True),
        ("is this chat confidential", True),
        ("what happens to my data", True),
        ("can you see my records from my surgeon", False),
        ("what are the details of IDD therapy", False),
        ("does my insurance cover IDD", False),
        ("Do you share what I tell you with my GP or my insurance company?", True),
        ("What happens to what she types in here?", True),
        ("Can I ask for a copy of whatever you hold about me?", True),
        ("what do you actually do with my number once I've given it?", True),
        ("can I change my number", False),
        ("am i talking to a real person or a bot, and is this being recorded", True),
        ("if I tell you what medication I'm on, does that get kept on file", True),
        ("do you pass my info on to my GP or my insurance company", True),
        ("does the pain get kept at bay by the injections", False),
        (
            "you will give my number to other companies? I don't want marketing calls",
            True,
        ),
        ("Does my GP get told about anything I say in here?", True),
        ("is it safe to type my medical history here?", True),
        ("is it safe to have IDD after a fusion", False),
        ("What are the risks of IDD. And spare me the marketing waffle.", False),
        ("what happens if IDD doesn't work for me", False),
        # a leak of data, not of the body
        ("I don't want my details to leak anywhere", True),
        ("does my data leak to my insurer", True),
        ("I leak a tiny bit of wee when I sneeze, what treatments do you offer", False),
        ("my bladder leaks after coughing, is IDD suitable", False),
    ],
)
def test_a_question_about_the_patients_data_is_a_privacy_question(
    text: str, expected: bool
):
    assert asks_about_privacy(text) is expected
    assert (forced(text, "faq", SURE) == "ask_privacy") is expected


@pytest.mark.parametrize(
    "text, intent, expected",
    [
        # the classifier took the reference for an FAQ question
        (
            "please delete my details, my reference is HSC-23456",
            "faq",
            "request_deletion",
        ),
        ("please delete my details", "request_deletion", "request_deletion"),
        # an emergency comes first
        ("delete my data, i can't feel my legs", "red_flag", "red_flag"),
    ],
)
def test_a_deletion_wish_beats_the_classifier(text, intent, expected) -> None:
    assert decide(text, intent, UNSURE) == expected


@pytest.mark.parametrize(
    "text, intent, confidences, expected",
    [
        # a sure answer and a wish: answer, then book
        (
            "do you do acupuncture? if so I'd like to book in",
            "faq",
            SURE,
            "ask_then_book",
        ),
        (
            "what is idd and can i book a consultation for it?",
            "faq",
            SURE,
            "ask_then_book",
        ),
        # no answer to give: just book
        (
            "do you do acupuncture? if so I'd like to book in",
            "faq",
            UNSURE,
            "book_appointment",
        ),
        # a booking wish inside a story the classifiers read as symptoms
        (
            "my sciatica is back after my op and I'm fed up, "
            "I'd like to come in and be seen",
            "describe_symptoms",
            UNSURE,
            "book_appointment",
        ),
        # the booking classifier's message also asks a question the FAQ answers surely
        ("what is IDD and how do i book it", "book_appointment", SURE, "ask_then_book"),
        (
            "what is IDD and how do i book it",
            "book_appointment",
            UNSURE,
            "book_appointment",
        ),
        (
            "is there an alternative to more injections? i want an appointment asap",
            "faq",
            SURE,
            "ask_then_book",
        ),
        # thanks and bye
        ("thanks, bye", "thank", UNSURE, "goodbye"),
        ("thank you so much", "thank", UNSURE, "thank"),
        # the medical boundary and cancelling stay what they are
        (
            "should I stop my tablets? I'd like to be seen",
            "ask_medical_advice",
            UNSURE,
            "ask_medical_advice",
        ),
    ],
)
def test_wishes_beside_the_classifiers_intent(
    text, intent, confidences, expected
) -> None:
    assert decide(text, intent, confidences) == expected


@pytest.mark.parametrize(
    "unsure, expected", [(True, "book_appointment"), (False, None)]
)
def test_a_booking_wish_beats_a_red_flag_only_an_unsure_classifier_saw(
    unsure: bool, expected
) -> None:
    assert (
        forced(
            "can i book IDD for my dad please, hes 77 and his surgery didnt work",
            "red_flag",
            red_flag_unsure=unsure,
        )
        == expected
    )


def test_in_a_form_the_form_decides() -> None:
    in_form = FormTurn(in_form=True)
    assert decide("thanks, bye", "thank", UNSURE, in_form) == "thank"
    answer = FormTurn(answers=True, in_form=True)
    assert decide("tues or weds morning ideally", "faq", SURE, answer) == "inform"
    cancel = FormTurn(cancels=True, in_form=True)
    assert decide("never mind, I'll phone you", "faq", SURE, cancel) == "cancel"
    # a change of detail is still a change, even when it reads as an answer
    assert (
        decide("change my phone number", "change_detail", UNSURE, answer)
        == "change_detail"
    )


def test_an_answer_is_not_guessed_for_a_follow_up_with_no_topic() -> None:
    assert forced("does it hurt?", "faq", SURE, unanchored=True) == "nlu_fallback"
    assert decide("does it hurt?", "faq", SURE) == "faq"  # with a topic, answered
    # nor the symptoms answer for a question the classifier read as symptoms
    assert (
        forced(
            "and what about the other one then",
            "describe_symptoms",
            SURE,
            unanchored=True,
        )
        == "nlu_fallback"
    )
    # symptoms told stay symptoms
    assert (
        forced("it hurts when I walk", "describe_symptoms", SURE, unanchored=True)
        is None
    )


@pytest.mark.parametrize(
    "text, intent, expected",
    [
        (
            "please give me phone of the clinic, I want to talk to reception",
            "book_appointment",
            "faq/clinic_contact",
        ),
        ("and a number to ring", "book_appointment", "faq/clinic_contact"),
        ("what number do i call", "nlu_fallback", "faq/clinic_contact"),
        # a booking wish stays one, and the patient's own number is an answer
        ("i'd like to book in, what's your number", "book_appointment", None),
        ("my phone number is 07700 900123", "book_appointment", None),
    ],
)
def test_asking_for_the_clinics_number_is_not_a_booking(text, intent, expected):
    assert forced(text, intent) == expected


@pytest.mark.parametrize(
    ("text", "intent", "confidences", "expected"),
    [
        # the story after the question pulled the classifiers elsewhere
        (
            "are you AI? my son says these things make stuff up",
            "nlu_fallback",
            UNSURE,
            "bot_challenge",
        ),
        ("r u a real person or a bot lol", "out_of_scope", UNSURE, "bot_challenge"),
        (
            "am i talking to a machine? my back has been awful all week",
            "describe_symptoms",
            UNSURE,
            "bot_challenge",
        ),
        # a sure answer to another question stays the answer ...
        ("are you a bot? where is the clinic", "faq", SURE, None),
        # ... but a wish beside the machine question is not one
        (
            "is this a computer? my eyes are bad, could somebody phone me instead",
            "faq",
            SURE,
            "bot_challenge",
        ),
        # not a question about who answers
        ("is it a machine that does the IDD?", "nlu_fallback", UNSURE, None),
        ("are you open on saturdays", "nlu_fallback", UNSURE, None),
        ("are you a physio clinic as well", "faq", UNSURE, "nlu_fallback"),
    ],
)
def test_asking_whether_a_machine_answers_gets_that_answer(
    text: str, intent: str, confidences: tuple, expected: str | None
) -> None:
    assert forced(text, intent, confidences) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("are you AI? my son says these things make stuff up", True),
        ("am i speaking to a real person", True),
        ("is this automated or a real person?", True),
        ("is it a bot", True),
        ("is it a machine that does the IDD?", False),
        ("are you open on saturdays", False),
        ("are you a physio clinic as well", False),
    ],
)
def test_a_question_whether_a_machine_answers_is_recognised(
    text: str, expected: bool
) -> None:
    assert asks_if_a_machine(text) is expected
