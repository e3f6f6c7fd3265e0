"""The second opinion on FAQ answers: TF-IDF nearest question (bot/nlu/retrieval.py,
FaqSecondOpinion and its use by ClinicalRules in bot/nlu/components.py)."""

from __future__ import annotations

from pathlib import Path

import pytest
from rasa.engine.graph import ExecutionContext, GraphSchema
from rasa.engine.storage.local_model_storage import LocalModelStorage
from rasa.engine.storage.resource import Resource
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from bot.nlu.components import (
    SECOND_OPINION_KEY,
    ClinicalRules,
    FaqSecondOpinion,
)
from bot.nlu.overrides import backed_faq_answer
from bot.nlu.retrieval import NearestQuestion
from tests.thresholds import clinical_rules_config

QUESTIONS = [
    ("what is IDD therapy", "faq/idd_what_is"),
    ("can you explain IDD decompression", "faq/idd_what_is"),
    ("how long do injections last", "faq/injections_how_long"),
    ("does the relief from an injection wear off", "faq/injections_how_long"),
]


def test_the_nearest_question_gives_its_label() -> None:
    retriever = NearestQuestion().fit(*zip(*QUESTIONS, strict=True))
    [(label, similarity)] = retriever.nearest(["how long will my injection last?"])
    assert label == "faq/injections_how_long"
    assert 0 < similarity <= 1


def test_the_ranking_lists_each_label_once_by_its_nearest_question() -> None:
    retriever = NearestQuestion().fit(*zip(*QUESTIONS, strict=True))
    [ranking] = retriever.ranking(["how long will my injection last?"], k=5)
    assert [label for label, _ in ranking] == [
        "faq/injections_how_long",
        "faq/idd_what_is",
    ]
    assert ranking[0][1] > ranking[1][1]
    assert ranking[0] == retriever.nearest(["how long will my injection last?"])[0]


def test_nearest_needs_fitting_and_matching_labels() -> None:
    with pytest.raises(RuntimeError):
        NearestQuestion().nearest(["anything"])
    with pytest.raises(ValueError):
        NearestQuestion().fit(["one question"], [])


def faq_example(text: str, full_intent: str) -> Message:
    intent = full_intent.split("/")[0]
    return Message(
        data={"text": text, "intent": intent, "intent_response_key": full_intent}
    )


def test_trained_persisted_and_loaded(tmp_path: Path) -> None:
    storage = LocalModelStorage(tmp_path)
    resource = Resource("second_opinion")
    context = ExecutionContext(GraphSchema({}), "test")
    component = FaqSecondOpinion.create({}, storage, resource, context)
    examples = [faq_example(t, label) for t, label in QUESTIONS]
    examples.append(Message(data={"text": "hello there", "intent": "greet"}))
    component.train(TrainingData(examples))

    loaded = FaqSecondOpinion.load({}, storage, resource, context)
    message = Message(data={"text": "what's IDD therapy then?"})
    loaded.process([message])
    assert message.get(SECOND_OPINION_KEY)[0][0] == "faq/idd_what_is"


def test_an_untrained_component_gives_no_opinion(tmp_path: Path) -> None:
    storage = LocalModelStorage(tmp_path)
    context = ExecutionContext(GraphSchema({}), "test")
    loaded = FaqSecondOpinion.load({}, storage, Resource("never_trained"), context)
    message = Message(data={"text": "what is IDD?"})
    loaded.process([message])
    assert message.get(SECOND_OPINION_KEY) is None


def unsure_faq(opinion: str | None) -> Message:
    """An FAQ the selector ranks first, but under its floor (0.25 against 0.2)."""
    ranking = [
        {"intent_response_key": "faq/injections_how_long", "confidence": 0.25},
        {"intent_response_key": "faq/injections_downsides", "confidence": 0.2},
    ]
    data = {
        "text": "do injections stop working after a while",
        "intent": {"name": "faq", "confidence": 1.0},
        "response_selector": {
            "faq": {"response": dict(ranking[0]), "ranking": ranking}
        },
    }
    if opinion:
        data[SECOND_OPINION_KEY] = [(opinion, 0.0)]
    return Message(data=data)


@pytest.mark.parametrize(
    "opinion, expected",
    [
        ("faq/injections_how_long", "faq"),  # two readers agree: answered
        ("faq/injections_downsides", "nlu_fallback"),  # they disagree: not sure
        (None, "nlu_fallback"),  # no second opinion: the floor decides
    ],
)
def test_a_second_opinion_confirms_an_unsure_answer(opinion, expected) -> None:
    rules = ClinicalRules(clinical_rules_config())
    message = unsure_faq(opinion)
    rules.process([message])
    assert message.get("intent")["name"] == expected


HOW_LONG, DOWNSIDES, NOT_WORKED = (
    "faq/injections_how_long",
    "faq/injections_downsides",
    "faq/injections_not_worked",
)
SELECTOR = [(HOW_LONG, 0.25), (DOWNSIDES, 0.2), (NOT_WORKED, 0.1)]


@pytest.mark.parametrize(
    "nearest, expected",
    [
        # both readers' first choice
        ([(HOW_LONG, 0.05)], HOW_LONG),
        # the second reader is fairly sure of the selector's second choice
        ([(DOWNSIDES, 0.35), (HOW_LONG, 0.3)], DOWNSIDES),
        # ... but not of something the selector hardly considered
        ([("faq/idd_what_is", 0.35), (DOWNSIDES, 0.3)], None),
        # a weak second opinion for the runner-up: not enough
        ([(DOWNSIDES, 0.2)], None),
        # the selector's first choice, summed with a close second reading
        ([(NOT_WORKED, 0.29), (HOW_LONG, 0.28)], None),
        ([(NOT_WORKED, 0.29), (HOW_LONG, 0.29), (DOWNSIDES, 0.1)], None),
        ([(NOT_WORKED, 0.31), (HOW_LONG, 0.3)], NOT_WORKED),
        # summed, the selector's first choice wins over an outsider
        ([("faq/idd_what_is", 0.32), (HOW_LONG, 0.31)], HOW_LONG),
        ([], None),
    ],
)
def test_an_unsure_answer_is_given_when_the_readers_back_it(nearest, expected):
    assert backed_faq_answer(SELECTOR, nearest) == expected


def test_the_backed_answer_is_the_one_given() -> None:
    rules = ClinicalRules(clinical_rules_config())
    message = unsure_faq("faq/injections_downsides")
    message.set(SECOND_OPINION_KEY, [("faq/injections_downsides", 0.4)])
    rules.process([message])
    assert message.get("intent")["name"] == "faq"
    response = message.get("response_selector")["faq"]["response"]
    assert response["intent_response_key"] == "faq/injections_downsides"
    assert response["utter_action"] == "utter_faq/injections_downsides"
