"""The conversation's context for the next message (bot/nlu/context.py),
on real Rasa trackers."""

from __future__ import annotations

from rasa.shared.core.events import (
    ActiveLoop,
    BotUttered,
    SessionStarted,
    SlotSet,
    UserUttered,
)
from rasa.shared.core.trackers import DialogueStateTracker

from bot.nlu.context import NO_CONTEXT, context_of


def conversation(*events) -> DialogueStateTracker:
    return DialogueStateTracker.from_events("patient", list(events))


def faq_answer(faq: str, text: str = "An answer.") -> BotUttered:
    return BotUttered(text, metadata={"utter_action": f"utter_faq/{faq}"})


def test_no_tracker_no_context() -> None:
    assert context_of(None) == NO_CONTEXT


def test_the_topic_comes_from_the_question_answered() -> None:
    tracker = conversation(
        UserUttered("how successful is a microdiscectomy?"),
        faq_answer("surgery_microdiscectomy_success", "Success rates are over 90 %."),
    )
    context = context_of(tracker)
    assert context.topic == "Microdiscectomy"
    assert context.last_faq == "surgery_microdiscectomy_success"


def test_a_follow_up_passes_its_topic_on() -> None:
    tracker = conversation(
        UserUttered("what is IDD therapy?"),
        faq_answer("idd_what_is"),
        UserUttered(
            "does it hurt?", parse_data={"clinic_focus": {"topic_added": "IDD Therapy"}}
        ),
        faq_answer("idd_safety", "It is non-invasive."),
    )
    assert context_of(tracker).topic == "IDD Therapy"


def test_the_other_treatment_the_question_named() -> None:
    tracker = conversation(
        UserUttered("my physio suggested IDD and clinical pilates. what is IDD?"),
        faq_answer("idd_what_is"),
    )
    context = context_of(tracker)
    assert context.topic == "IDD Therapy"
    assert context.other_topic == "Clinical Pilates"


def test_the_treatment_asked_about_is_the_topic_whatever_the_order() -> None:
    tracker = conversation(
        UserUttered("my physio says it's injections or IDD for me. what's IDD?"),
        faq_answer("idd_what_is"),
    )
    context = context_of(tracker)
    assert context.topic == "IDD Therapy"
    assert context.other_topic == "Injections"


def test_no_other_treatment_when_the_question_named_one() -> None:
    tracker = conversation(UserUttered("what is IDD?"), faq_answer("idd_what_is"))
    assert context_of(tracker).other_topic is None


def test_without_a_topic_in_the_question_the_answer_names_it() -> None:
    tracker = conversation(
        UserUttered("what are they?"),
        faq_answer("injections_what_are", "Pain-relief injections are ..."),
    )
    assert context_of(tracker).topic == "Injections"


def test_without_an_faq_answer_the_patients_last_message_gives_the_topic() -> None:
    tracker = conversation(
        UserUttered("I had an epidural last month for my sciatica"),
        BotUttered("I'm sorry you're dealing with this ..."),
    )
    context = context_of(tracker)
    assert context.topic == "Injections"
    assert context.last_faq is None


def test_the_topic_expires_after_two_more_messages() -> None:
    tracker = conversation(
        UserUttered("what is IDD therapy?"),
        faq_answer("idd_what_is"),
        UserUttered("hello"),
        BotUttered("Hello!"),
        UserUttered("thanks"),
        BotUttered("You're welcome."),
    )
    assert context_of(tracker).topic is None


def test_a_new_session_forgets_the_topic() -> None:
    tracker = conversation(
        UserUttered("what is IDD therapy?"),
        faq_answer("idd_what_is"),
        SessionStarted(),
    )
    assert context_of(tracker).topic is None


def test_the_form_question_waiting_for_an_answer() -> None:
    tracker = conversation(
        UserUttered("book me in"),
        ActiveLoop("booking_form"),
        SlotSet("requested_slot", "booking_when"),
    )
    context = context_of(tracker)
    assert context.active_form == "booking_form"
    assert context.requested_slot == "booking_when"
