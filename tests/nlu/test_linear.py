"""The linear classifiers (bot/nlu/linear.py, bot/nlu/classifiers.py): what they
output, and that training them is deterministic and local, on the clinic's own
FAQ questions and held-out set."""

from __future__ import annotations

import functools
from pathlib import Path

import pytest
from rasa.engine.graph import ExecutionContext, GraphSchema
from rasa.engine.storage.local_model_storage import LocalModelStorage
from rasa.engine.storage.resource import Resource
from rasa.shared.nlu.training_data.loading import load_data
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from bot.evaluation import FAQ_PREFIX, load_examples
from bot.nlu.classifiers import LinearFaqSelector, LinearIntentClassifier
from bot.nlu.focus import focus
from bot.nlu.linear import LinearReader
from bot.retrain.sandbox import PARKING
from bot.settings import PROJECT_ROOT

FAQ_DATA = PROJECT_ROOT / "bot" / "data" / "faq.generated.yml"
HOLDOUT = PROJECT_ROOT / "tests" / "nlu_holdout.yml"
SHIPPED_C = 1000.0  # config.yml


@functools.cache
def faq_questions() -> tuple[tuple[str, str], ...]:
    """Every FAQ training question as MessageFocus leaves it, with its label."""
    if not FAQ_DATA.exists():
        pytest.skip("bot/data/faq.generated.yml not built: run `make train`")
    data = load_data(str(FAQ_DATA))
    return tuple(
        (focus(m.get("text")).text, m.get_full_intent()) for m in data.intent_examples
    )


@functools.cache
def held_out_faq_questions() -> tuple[tuple[str, str], ...]:
    return tuple(
        (focus(e.text).text, e.label)
        for e in load_examples(HOLDOUT)
        if e.label.startswith(FAQ_PREFIX)
    )


def _fit(pairs: tuple[tuple[str, str], ...]) -> LinearReader:
    texts, labels = zip(*pairs, strict=True)
    return LinearReader(c=SHIPPED_C, balanced=True).fit(texts, labels)


def test_ranking_is_sorted_probabilities_over_known_labels() -> None:
    reader = _fit(
        (
            ("what is IDD therapy", "faq/idd_what_is"),
            ("explain IDD decompression", "faq/idd_what_is"),
            ("how long do injections last", "faq/injections_how_long"),
            ("does an injection wear off", "faq/injections_how_long"),
        )
    )
    (ranking,) = reader.ranking(["how long does an injection last"], k=5)
    assert [label for label, _ in ranking] == [
        "faq/injections_how_long",
        "faq/idd_what_is",
    ]
    assert ranking[0][1] > ranking[1][1]
    assert sum(p for _, p in ranking) == pytest.approx(1.0)


def test_a_reader_needs_two_labels_and_a_label_per_text() -> None:
    with pytest.raises(ValueError):
        LinearReader(c=1.0, balanced=True).fit(["a", "b"], ["x", "x"])
    with pytest.raises(ValueError):
        LinearReader(c=1.0, balanced=True).fit(["a", "b"], ["x"])
    with pytest.raises(RuntimeError):
        LinearReader(c=1.0, balanced=True).ranking(["a"])


def test_two_trainings_on_the_same_data_give_identical_predictions() -> None:
    texts = [text for text, _ in held_out_faq_questions()]
    first = _fit(faq_questions()).ranking(texts)
    second = _fit(faq_questions()).ranking(texts)
    assert [[label for label, _ in r] for r in first] == [
        [label for label, _ in r] for r in second
    ]
    assert [p for r in first for _, p in r] == pytest.approx(
        [p for r in second for _, p in r], abs=1e-9
    )


def test_a_new_faq_of_its_own_moves_no_other_faq_by_more_than_one_question() -> None:
    """The parking FAQ staff add in the end-to-end test shares no question with
    the clinic's FAQs: at most one held-out answer elsewhere may change."""
    held_out = held_out_faq_questions()
    texts = [text for text, _ in held_out]
    before = _fit(faq_questions()).ranking(texts, k=1)
    parking = tuple(
        (focus(q).text, f"{FAQ_PREFIX}{PARKING.id}") for q in PARKING.questions
    )
    after = _fit(faq_questions() + parking).ranking(texts, k=1)
    changed = [
        (text, b[0][0], a[0][0])
        for text, b, a in zip(texts, before, after, strict=True)
        if a[0][0] != b[0][0]
    ]
    assert len(changed) <= 1, changed


def _component(cls: type, tmp_path: Path, name: str):  # noqa: ANN202
    storage = LocalModelStorage(tmp_path)
    context = ExecutionContext(GraphSchema({}), name)
    return cls.create(
        {**cls.get_default_config(), "c": SHIPPED_C},
        storage,
        Resource(name),
        context,
    ), storage


def _training_data() -> TrainingData:
    examples = [
        Message.build("what is IDD therapy", "faq"),
        Message.build("tell me about IDD decompression", "faq"),
        Message.build("how long do injections last", "faq"),
        Message.build("does an injection wear off", "faq"),
        Message.build("hello there", "greet"),
        Message.build("hi", "greet"),
    ]
    answers = ["idd_what_is", "idd_what_is", "inj_last", "inj_last"]
    for example, answer in zip(examples, answers, strict=False):
        example.set("intent_response_key", f"faq/{answer}")
        example.set("response", answer)
    return TrainingData(training_examples=examples)


def test_the_components_set_intent_and_the_response_selectors_format(
    tmp_path: Path,
) -> None:
    intents, storage = _component(LinearIntentClassifier, tmp_path, "intents")
    selector, _ = _component(LinearFaqSelector, tmp_path, "selector")
    data = _training_data()
    intents.train(data)
    selector.train(data)
    # as Rasa would: loaded back from the model storage
    context = ExecutionContext(GraphSchema({}), "x")
    intents = LinearIntentClassifier.load(
        intents.config, storage, Resource("intents"), context
    )
    selector = LinearFaqSelector.load(
        selector.config, storage, Resource("selector"), context
    )
    (message,) = selector.process(
        intents.process([Message(data={"text": "how long will an injection last"})])
    )
    assert message.get("intent")["name"] == "faq"
    assert [r["name"] for r in message.get("intent_ranking")] == ["faq", "greet"]
    chosen = message.get("response_selector")["faq"]
    assert chosen["response"]["intent_response_key"] == "faq/inj_last"
    assert chosen["response"]["utter_action"] == "utter_faq/inj_last"
    assert chosen["ranking"][0]["intent_response_key"] == "faq/inj_last"
    assert message.get("response_selector")["all_retrieval_intents"] == ["faq"]


def test_a_follow_up_that_surely_asks_about_the_clinic_keeps_its_own_answer(
    tmp_path: Path,
) -> None:
    selector, _ = _component(LinearFaqSelector, tmp_path, "clinic")
    data = _training_data()
    for text in ("is it on the nhs", "do you take insurance", "is it covered by bupa"):
        example = Message.build(text, "faq")
        example.set("intent_response_key", "faq/clinic_insurance")
        data.training_examples.append(example)
    selector.train(data)

    def answer(own: str, read: str, topic: str | None) -> str:
        message = Message(data={"text": read, "clinic_original_text": own})
        message.set("clinic_focus", {"topic_added": topic})
        (message,) = selector.process([message])
        return message.get("response_selector")["faq"]["response"][
            "intent_response_key"
        ]

    # "is it on the NHS?" after an answer about IDD: the clinic question
    own = "is it on the nhs"
    assert answer(own, f"{own} IDD Therapy IDD therapy", "IDD Therapy") == (
        "faq/clinic_insurance"
    )
    # a follow-up about the treatment itself keeps the topic's answer
    own = "how long does it last"
    assert answer(own, f"{own} injections", "Injections") == "faq/inj_last"


def test_an_untrained_component_leaves_messages_alone(tmp_path: Path) -> None:
    selector, storage = _component(LinearFaqSelector, tmp_path, "empty")
    selector.train(TrainingData(training_examples=[Message.build("hi", "greet")]))
    loaded = LinearFaqSelector.load(
        selector.config,
        storage,
        Resource("empty"),
        ExecutionContext(GraphSchema({}), "x"),
    )
    (message,) = loaded.process([Message(data={"text": "what is IDD"})])
    assert message.get("response_selector") is None
