"""The clinic's two trained classifiers, as Rasa graph components.

LinearIntentClassifier says what a message is (an FAQ question, a booking wish, a
greeting ...); LinearFaqSelector says which FAQ answers it, in the format of
Rasa's ResponseSelector, so that Rasa's `utter_faq` retrieval action, the
fallback and ClinicalRules read it unchanged. Both are a LinearReader
(bot/nlu/linear.py) over the text MessageFocus leaves: they train in seconds and
deterministically. config.yml sets each one's `c` and `balanced`.
"""

from __future__ import annotations

import pickle
from typing import Any

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.shared.nlu.constants import INTENT, INTENT_RANKING_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from bot.nlu.context import FOCUS_KEY
from bot.nlu.linear import LinearReader

RETRIEVAL_INTENT = "faq"
RESPONSE_SELECTOR_KEY = "response_selector"
RANKING_LENGTH = 10
# The questions of a message that asks several (set by MessageFocus), and the
# selector's (label, probability) ranking of each, best two first.
QUESTIONS_KEY = "clinic_questions"
QUESTION_RANKINGS_KEY = "clinic_question_rankings"
# What the patient wrote, before MessageFocus gave the classifiers its question or
# a follow-up's topic.
ORIGINAL_TEXT_KEY = "clinic_original_text"
# A question about the clinic ("is it on the NHS?", "how much is it?" after an
# answer about IDD) reads the same whatever the topic in play: when the words
# alone are surely one, the topic added to a follow-up must not pull it away.
CLINIC_LABEL_PREFIX = "faq/clinic_"
CLINIC_QUESTION_MINIMUM = 0.5


def save_pickled(
    value: Any, model_storage: ModelStorage, resource: Resource, name: str
) -> None:
    """Saves a trained reader with the model (file `name` of the resource)."""
    with model_storage.write_to(resource) as directory:
        (directory / name).write_bytes(pickle.dumps(value))


def load_pickled(model_storage: ModelStorage, resource: Resource, name: str) -> Any:
    """The reader save_pickled saved with the model, or None if there is none."""
    try:
        with model_storage.read_from(resource) as directory:
            # our own model file, written by save_pickled at training
            return pickle.loads((directory / name).read_bytes())  # noqa: S301
    except (ValueError, FileNotFoundError):
        return None


class _LinearComponent(GraphComponent):
    """A LinearReader trained on some of the training examples, saved with the model."""

    FILE = "linear_reader.pkl"

    def __init__(
        self,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        reader: LinearReader | None = None,
    ) -> None:
        self.config = config
        self._model_storage = model_storage
        self._resource = resource
        self.reader = reader

    @staticmethod
    def get_default_config() -> dict[str, Any]:
        """Regularisation: `c` (inverse strength; 1000 was measured best, see
        config.yml) and `balanced` label weights."""
        return {"c": 1000.0, "balanced": True}

    @classmethod
    def create(
        cls,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> _LinearComponent:
        """An untrained component (train() fits it)."""
        return cls(config, model_storage, resource)

    def examples(self, training_data: TrainingData) -> list[tuple[str, str]]:
        """The (text, label) pairs this component learns from."""
        raise NotImplementedError

    def train(self, training_data: TrainingData) -> Resource:
        """Fits the reader on this component's examples and saves it."""
        pairs = self.examples(training_data)
        if len({label for _, label in pairs}) >= 2:
            texts, labels = zip(*pairs, strict=True)
            self.reader = LinearReader(
                c=float(self.config["c"]), balanced=bool(self.config["balanced"])
            ).fit(texts, labels)
            save_pickled(self.reader, self._model_storage, self._resource, self.FILE)
        return self._resource

    @classmethod
    def load(
        cls,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
        **kwargs: Any,
    ) -> _LinearComponent:
        """The trained component; without one (too few labels) it says nothing."""
        reader = load_pickled(model_storage, resource, cls.FILE)
        return cls(config, model_storage, resource, reader)

    def rankings(self, messages: list[Message]) -> list[list[tuple[str, float]]]:
        """Each message's (label, probability) ranking, best first."""
        if self.reader is None:
            return [[] for _ in messages]
        return self.reader.ranking(
            [m.get(TEXT) or "" for m in messages], k=RANKING_LENGTH
        )


@DefaultV1Recipe.register(
    [DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER], is_trainable=True
)
class LinearIntentClassifier(_LinearComponent):
    """Sets each message's intent and intent ranking."""

    def examples(self, training_data: TrainingData) -> list[tuple[str, str]]:
        """Every training example with its intent ("faq" for every FAQ question)."""
        return [
            (example.get(TEXT), example.get(INTENT))
            for example in training_data.intent_examples
            if example.get(TEXT) and example.get(INTENT)
        ]

    def process(self, messages: list[Message]) -> list[Message]:
        """Sets `intent` and `intent_ranking` as Rasa's classifiers do."""
        for message, ranking in zip(messages, self.rankings(messages), strict=True):
            if not ranking:
                continue
            named = [{"name": label, "confidence": p} for label, p in ranking]
            message.set(INTENT, named[0], add_to_output=True)
            message.set(INTENT_RANKING_KEY, named, add_to_output=True)
        return messages


@DefaultV1Recipe.register(
    [DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER], is_trainable=True
)
class LinearFaqSelector(_LinearComponent):
    """Chooses the FAQ answer for each message, as Rasa's ResponseSelector does."""

    def examples(self, training_data: TrainingData) -> list[tuple[str, str]]:
        """Every FAQ question with its answer's label ("faq/idd_what_is")."""
        return [
            (example.get(TEXT), example.get_full_intent())
            for example in training_data.intent_examples
            if example.get(INTENT) == RETRIEVAL_INTENT and example.get(TEXT)
        ]

    def process(self, messages: list[Message]) -> list[Message]:
        """Sets `response_selector` in the format Rasa's retrieval action reads,
        and ranks each question of a message that asks several."""
        for message, ranking in zip(messages, self.rankings(messages), strict=True):
            ranking = self._clinic_question(message) or ranking
            questions = message.get(QUESTIONS_KEY) or []
            if questions and self.reader is not None:
                message.set(QUESTION_RANKINGS_KEY, self.reader.ranking(questions, k=2))
            if not ranking:
                continue
            best, confidence = ranking[0]
            selected = {
                "response": {
                    "responses": [],
                    "confidence": confidence,
                    "intent_response_key": best,
                    "utter_action": f"utter_{best}",
                },
                "ranking": [
                    {"confidence": p, "intent_response_key": label}
                    for label, p in ranking
                ],
            }
            selectors = dict(message.get(RESPONSE_SELECTOR_KEY) or {})
            selectors["all_retrieval_intents"] = [RETRIEVAL_INTENT]
            selectors[RETRIEVAL_INTENT] = selected
            message.set(RESPONSE_SELECTOR_KEY, selectors, add_to_output=True)
        return messages

    def _clinic_question(self, message: Message) -> list[tuple[str, float]] | None:
        """The ranking of a follow-up's own words when they surely ask about the
        clinic, or None (and None for a message read as written)."""
        if self.reader is None or not (message.get(FOCUS_KEY) or {}).get("topic_added"):
            return None
        own = self.reader.ranking(
            [message.get(ORIGINAL_TEXT_KEY) or ""], k=RANKING_LENGTH
        )[0]
        best, confidence = own[0] if own else ("", 0.0)
        sure = confidence >= CLINIC_QUESTION_MINIMUM
        return own if sure and best.startswith(CLINIC_LABEL_PREFIX) else None
