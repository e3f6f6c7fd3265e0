"""action_answer_other_questions: the other questions of a message get their answers."""

from __future__ import annotations

import pytest
from rasa_sdk.executor import CollectingDispatcher

from bot.actions.answers import ActionAnswerOtherQuestions, other_answers
from bot.faqtool.build import training_data
from bot.faqtool.phones import clinic_phones
from bot.faqtool.source import load_all
from tests.actions.conftest import ROOT, responses, run_action


@pytest.fixture(scope="module")
def full_domain(domain: dict) -> dict:
    """domain.yml with the FAQ answers merged in, as Rasa sends it to actions."""
    faq = training_data(load_all(), clinic_phones(ROOT / "domain.yml"))
    return {**domain, "responses": {**domain["responses"], **faq["responses"]}}


def other(value: str) -> dict:
    """An other_answer entity as ClinicalRules sets it."""
    return {"entity": "other_answer", "value": value, "start": 0, "end": 0}


def test_the_entities_name_the_answers_in_order() -> None:
    message = {
        "entities": [
            {"entity": "treatment", "value": "IDD Therapy"},
            other("clinic_location"),
            other("idd_safety"),
        ]
    }
    assert other_answers(message) == [
        "utter_faq/clinic_location",
        "utter_faq/idd_safety",
    ]


def test_each_other_answer_is_given(
    make_tracker, dispatcher: CollectingDispatcher, full_domain: dict
) -> None:
    tracker = make_tracker(
        text="where are you, and is IDD safe?",
        intent="ask_several_questions",
        entities=[other("idd_safety")],
    )
    assert (
        run_action(ActionAnswerOtherQuestions(), dispatcher, tracker, full_domain) == []
    )
    assert responses(dispatcher) == ["utter_faq/idd_safety"]


def test_nothing_is_said_without_another_question_or_for_an_unknown_answer(
    make_tracker, dispatcher: CollectingDispatcher, full_domain: dict
) -> None:
    for entities in ([], [other("no_such_faq")]):
        tracker = make_tracker(text="is IDD safe?", intent="faq", entities=entities)
        run_action(ActionAnswerOtherQuestions(), dispatcher, tracker, full_domain)
    assert responses(dispatcher) == []
