"""ClinicalRules on real Rasa messages: what it overrules and what it adds."""

from __future__ import annotations

import pytest
from rasa.shared.nlu.training_data.message import Message

from bot.nlu.components import ClinicalRules
from tests.thresholds import clinical_rules_config


@pytest.fixture(scope="module")
def rules() -> ClinicalRules:
    return ClinicalRules(clinical_rules_config())


def processed(
    rules: ClinicalRules, text: str, intent: str, confidence: float
) -> Message:
    message = Message(
        data={"text": text, "intent": {"name": intent, "confidence": confidence}}
    )
    rules.process([message])
    return message


def red_flag_entity(message: Message) -> str | None:
    found = [
        e["value"] for e in message.get("entities", []) if e["entity"] == "red_flag"
    ]
    return found[0] if found else None


@pytest.mark.parametrize(
    "text, intent, confidence, expected, kind",
    [
        # the rules find it: escalated whatever the classifier thought
        ("I can't control my bladder", "faq", 0.99, "red_flag", "bladder_bowel"),
        ("crushing chest pain", "greet", 0.9, "red_flag", "chest_pain"),
        # the classifier's red flag the rules ruled out, or a weak guess
        (
            "my temperature is 37.2 and my back hurts",
            "red_flag",
            1.0,
            "describe_symptoms",
            None,
        ),
        (
            "no numbness down below, just a stiff back",
            "red_flag",
            1.0,
            "describe_symptoms",
            None,
        ),
        (
            "do you have female consultants?",
            "red_flag",
            0.65,
            "describe_symptoms",
            None,
        ),
        # a confident classifier red flag the rules know nothing about stands, as
        # a red flag of unknown kind (its reply covers every kind)
        (
            "my ticker feels funny and I'm breathless",
            "red_flag",
            0.99,
            "red_flag",
            "unspecified",
        ),
    ],
)
def test_red_flag_decision(
    rules: ClinicalRules,
    text: str,
    intent: str,
    confidence: float,
    expected: str,
    kind: str | None,
) -> None:
    message = processed(rules, text, intent, confidence)
    assert message.get("intent")["name"] == expected
    assert red_flag_entity(message) == kind


def test_clinical_entities_are_added(rules: ClinicalRules) -> None:
    message = processed(rules, "is IDD therapy good for my lower back", "faq", 0.1)
    values = {(e["entity"], e["value"]) for e in message.get("entities", [])}
    assert values == {("treatment", "IDD Therapy"), ("body_part", "lower back")}
    assert message.get("intent")["name"] == "nlu_fallback"  # under the FAQ floor


def language_entity(message: Message) -> str | None:
    found = [
        e["value"] for e in message.get("entities", []) if e["entity"] == "language"
    ]
    return found[0] if found else None


@pytest.mark.parametrize(
    "text, intent, expected, kind, language",
    [
        # another language's red flag: the urgent reply in English and that language
        ("desde esta mañana no puedo orinar", "greet", "red_flag", "es_urgent", "es"),
        (
            "nie chcę już żyć, wszyscy byliby szczęśliwsi beze mnie",
            "faq",
            "red_flag",
            "pl_self_harm",
            "pl",
        ),
        # another language, no red flag: "I answer in English", in both languages
        (
            "¿Qué es la terapia IDD? Me interesa para mi espalda",
            "faq",
            "non_english",
            None,
            "es",
        ),
        # an English red flag says so, so that the slot keeps no earlier language
        ("I can't control my bladder", "faq", "red_flag", "bladder_bowel", "en"),
    ],
)
def test_other_languages(
    rules: ClinicalRules, text: str, intent: str, expected: str, kind, language: str
) -> None:
    message = processed(rules, text, intent, 0.99)
    assert message.get("intent")["name"] == expected
    assert red_flag_entity(message) == kind
    assert language_entity(message) == language


def test_a_red_flag_term_asked_about_gets_the_warning_signs_answer(
    rules: ClinicalRules,
) -> None:
    message = processed(rules, "what is saddle numbness?", "red_flag", 0.99)
    assert message.get("intent")["name"] == "faq"
    answer = message.get("response_selector")["faq"]["response"]
    assert answer["utter_action"] == "utter_faq/warning_signs_explained"
