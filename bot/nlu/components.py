"""The clinic's Rasa graph components: what the classifiers read, a second opinion
on FAQ answers, and the rules after them.

MessageFocus runs first in the NLU pipeline (see config.yml): the classifiers read
a long message's question and a follow-up's topic (bot/nlu/focus.py), using the
conversation so far (bot/nlu/context.py). The patient's own words are kept and
put back by ClinicalRules, so the red-flag rules, the entities and the booking
form always see exactly what was written.

FaqSecondOpinion finds the training question nearest to the (focused) message by
TF-IDF (bot/nlu/retrieval.py). A long story's question often gets a correct but
unsure best answer from the response selector (0.2 against 0.15); when the
nearest question belongs to that same answer, two independent readers agree and
ClinicalRules gives it.

ClinicalRules runs last and may overrule the statistical classifiers, in this
order of precedence:

1. a red flag found by the spaCy rules, or by another language's rules
   (bot/nlu/safety.py) -> intent ``red_flag`` (always escalated);
2. an empty message -> ``empty_message``; a clearly non-English one -> ``non_english``
   (the reply in English and in that language: entity ``language``);
   a request for a dose, a medication change, a diagnosis or a surgery decision ->
   ``ask_medical_advice`` (bot/nlu/boundaries.py); a classifier's red flag that
   the rules ruled out ("no numbness down below") or that scored under
   ``red_flag_minimum`` -> ``describe_symptoms``;
3. an FAQ match the response selector is not sure of (see FaqFloor) and the
   second opinion does not confirm -> ``nlu_fallback`` ("I'm not sure I
   understood"), because a wrong answer is worse than saying so.

It also adds the clinical entities (treatment, procedure, body part), the
red-flag kind and a preferred-time phrase as entities the dialogue can use.
"""

from __future__ import annotations

import hashlib
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Dict, List, Optional

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.nlu.extractors.extractor import EntityExtractorMixin
from rasa.shared.core.trackers import DialogueStateTracker
from rasa.shared.exceptions import InvalidConfigException
from rasa.shared.nlu.constants import (
    ENTITIES,
    INTENT,
    INTENT_RANKING_KEY,
    TEXT,
)
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from bot.clinical import analyse, warm_up
from bot.clinical.other_languages import load_rules as load_other_language_rules
from bot.clinical.red_flag_classifier import warm_up as warm_up_red_flag_classifier
from bot.evaluation import FAQ_PREFIX, faq_id
from bot.nlu import focus as focus_rules
from bot.nlu import sentences, wishes
from bot.nlu.classifiers import (
    ORIGINAL_TEXT_KEY,
    QUESTION_RANKINGS_KEY,
    QUESTIONS_KEY,
    RESPONSE_SELECTOR_KEY,
    RETRIEVAL_INTENT,
    load_pickled,
    save_pickled,
)
from bot.nlu.context import FOCUS_KEY, NO_CONTEXT, ConversationContext, context_of
from bot.nlu.language import ENGLISH, SUPPORTED
from bot.nlu.language import warm_up as warm_up_language
from bot.nlu.overrides import (
    ASK_THEN_BOOK,
    OTHER_ANSWER,
    SEVERAL_QUESTIONS,
    FaqFloor,
    FormTurn,
    answers_in_order,
    backed_faq_answer,
    forced_intent,
)
from bot.nlu.retrieval import NearestQuestion
from bot.nlu.safety import Reading, read_message
from bot.nlu.time_phrases import find_time_phrase

# The conversation's context for this message (not part of the parse output).
CONTEXT_KEY = "clinic_context"
# ClinicalRules' thresholds, set only in its config.yml entry: the FAQ floor
# (bot.nlu.overrides.FaqFloor) and `red_flag_minimum`, the confidence from which a
# red flag the classifier alone found is escalated (0.8: on the blind red-flag
# sets of 2026-11-26, 421 of its 427 true catches scored >= 0.8 and a fifth of
# its false alarms scored less).
THRESHOLDS = ("faq_confident", "faq_minimum", "faq_ratio", "red_flag_minimum")
# The red_flag entity's value when only the classifier saw a red flag.
UNKNOWN_RED_FLAG = "unspecified"
# Intents that start the booking form (and pre-fill it from entities).
BOOKING_INTENTS = frozenset({"book_appointment", ASK_THEN_BOOK})
# Intents whose reply is the response selector's FAQ answer.
ANSWERING_INTENTS = frozenset({RETRIEVAL_INTENT, ASK_THEN_BOOK, SEVERAL_QUESTIONS})
# Intents whose reply has a variant per language (domain.yml, slot `language`).
LANGUAGE_INTENTS = frozenset({"red_flag", "non_english"})


def _urgent_reply_kind(reading: Reading) -> str:
    """The red_flag_kind slot value that picks the urgent reply's variant.

    In English, the red flag's kind. In a language the clinic's urgent replies are
    translated into, `<language>_self_harm` (Samaritans) or `<language>_urgent`.
    """
    kind = reading.red_flag_kind or UNKNOWN_RED_FLAG
    if reading.language not in SUPPORTED:
        return kind
    return f"{reading.language}_{'self_harm' if kind == 'self_harm' else 'urgent'}"


def _treatments_named(topic: Optional[str]) -> tuple[str, ...]:
    """The clinic treatment a conversation's topic is,
    if it is one (not a procedure)."""
    return analyse(topic).entity_values("treatment")[:1] if topic else ()


# The FAQs of the nearest training questions (FaqSecondOpinion), best first:
# [(label, cosine similarity), ...]
SECOND_OPINION_KEY = "clinic_faq_second_opinion"


def _faq_selector(message: Message) -> Dict[str, Any]:
    """The response selector's output for FAQs ({} if it did not run)."""
    return (message.get(RESPONSE_SELECTOR_KEY) or {}).get(RETRIEVAL_INTENT) or {}


def best_faq(message: Message) -> Optional[str]:
    """The response selector's best FAQ ("faq/idd_what_is"), if it ran."""
    selector = _faq_selector(message)
    return (selector.get("response") or {}).get("intent_response_key")


def faq_confidences(message: Message) -> tuple[Optional[float], Optional[float]]:
    """Confidences of the response selector's best and second-best FAQ answers."""
    selector = _faq_selector(message)
    ranking = [r.get("confidence") for r in selector.get("ranking") or []]
    best = (selector.get("response") or {}).get("confidence")
    return best, ranking[1] if len(ranking) > 1 else None


def _force_faq_answer(message: Message, label: str) -> None:
    """Makes the response selector's answer the FAQ `label` ("faq/<id>")."""
    selectors = message.get(RESPONSE_SELECTOR_KEY) or {}
    answer_id = faq_id(label)
    forced = {
        "confidence": 1.0,
        "intent_response_key": label,
        "utter_action": f"utter_{RETRIEVAL_INTENT}/{answer_id}",
        "responses": [],
    }
    selector = dict(selectors.get(RETRIEVAL_INTENT) or {})
    selector["response"] = {**(selector.get("response") or {}), **forced}
    message.set(
        RESPONSE_SELECTOR_KEY,
        {**selectors, RETRIEVAL_INTENT: selector},
        add_to_output=True,
    )


def _second_opinion_answer(message: Message) -> Optional[str]:
    """The FAQ answer the selector and the second reader back together, or None."""
    ranking = [
        (r["intent_response_key"], r.get("confidence") or 0.0)
        for r in _faq_selector(message).get("ranking") or []
        if r.get("intent_response_key")
    ]
    nearest = message.get(SECOND_OPINION_KEY) or []
    return backed_faq_answer(ranking, [tuple(pair) for pair in nearest])


@DefaultV1Recipe.register(
    [DefaultV1Recipe.ComponentType.MESSAGE_FEATURIZER], is_trainable=False
)
class MessageFocus(GraphComponent):
    """Lets the classifiers read a story's question and a follow-up's topic.

    Runs first, in training too, so that long training examples are read the
    way long messages are.
    """

    @classmethod
    def create(
        cls,
        config: Dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> "MessageFocus":
        """Creates the component."""
        warm_up()
        return cls()

    @classmethod
    def fingerprint_addon(cls, config: Dict[str, Any]) -> Optional[str]:
        """Retrains when the focus rules change (Rasa caches this node's output)."""
        digest = hashlib.sha256()
        for module in (focus_rules, sentences, wishes):
            digest.update(Path(module.__file__).read_bytes())
        return digest.hexdigest()

    def process_training_data(self, training_data: TrainingData) -> TrainingData:
        """Training examples are read like messages with no conversation before them."""
        for example in training_data.training_examples:
            text = example.get(TEXT)
            if text and example.get(INTENT):
                example.set(TEXT, focus_rules.focus(text).text)
        return training_data

    def process(
        self, messages: List[Message], tracker: Optional[DialogueStateTracker] = None
    ) -> List[Message]:
        """Sets each message's text to what the classifiers should read."""
        context = context_of(tracker)
        for message in messages:
            text = message.get(TEXT) or ""
            message.set(ORIGINAL_TEXT_KEY, text)
            message.set(CONTEXT_KEY, context)
            if context.active_form:
                continue  # form answers are read as written
            message.set(QUESTIONS_KEY, focus_rules.separate_questions(text))
            focused = focus_rules.focus(text, context.topic, context.other_topic)
            if focused.changed or focused.unanchored:
                message.set(TEXT, focused.text)
                message.set(
                    FOCUS_KEY,
                    {
                        "topic_added": focused.topic_added,
                        "question_only": focused.question_only,
                        "unanchored": focused.unanchored,
                    },
                    add_to_output=True,
                )
        return messages


@DefaultV1Recipe.register(
    [DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER], is_trainable=True
)
class FaqSecondOpinion(GraphComponent):
    """Names the FAQ of the training question nearest to a message (TF-IDF)."""

    FILE = "nearest_question.pkl"

    def __init__(
        self,
        model_storage: ModelStorage,
        resource: Resource,
        retriever: Optional[NearestQuestion] = None,
    ) -> None:
        self._model_storage = model_storage
        self._resource = resource
        self.retriever = retriever

    @classmethod
    def create(
        cls,
        config: Dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> "FaqSecondOpinion":
        """An untrained component (train() fits it)."""
        return cls(model_storage, resource)

    def train(self, training_data: TrainingData) -> Resource:
        """Remembers every FAQ question, as MessageFocus left it, with its FAQ."""
        questions = [
            (example.get(TEXT), example.get_full_intent())
            for example in training_data.intent_examples
            if example.get(INTENT) == RETRIEVAL_INTENT and example.get(TEXT)
        ]
        if questions:
            texts, labels = zip(*questions, strict=True)
            self.retriever = NearestQuestion().fit(texts, labels)
            save_pickled(self.retriever, self._model_storage, self._resource, self.FILE)
        return self._resource

    @classmethod
    def load(
        cls,
        config: Dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
        **kwargs: Any,
    ) -> "FaqSecondOpinion":
        """The trained component; without one (no FAQs), it gives no opinion."""
        return cls(
            model_storage, resource, load_pickled(model_storage, resource, cls.FILE)
        )

    def process(self, messages: List[Message]) -> List[Message]:
        """Sets each message's second opinion (the nearest questions' FAQs)."""
        if self.retriever is None:
            return messages
        rankings = self.retriever.ranking([m.get(TEXT) or "" for m in messages])
        for message, ranking in zip(messages, rankings, strict=True):
            message.set(SECOND_OPINION_KEY, ranking)
        return messages


@DefaultV1Recipe.register(
    [
        DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER,
        DefaultV1Recipe.ComponentType.ENTITY_EXTRACTOR,
    ],
    is_trainable=False,
)
class ClinicalRules(GraphComponent, EntityExtractorMixin):
    """Red-flag override, clinical entities and the FAQ confidence floor."""

    # No get_default_config: the thresholds have no Python defaults. A trained
    # model stores the config it was trained with, so it loads with its own values.

    def __init__(self, config: Dict[str, Any]) -> None:
        missing = [key for key in THRESHOLDS if key not in config]
        if missing:
            raise InvalidConfigException(
                f"bot.nlu.components.ClinicalRules needs {', '.join(missing)} in its "
                "entry of config.yml's pipeline (there are no defaults)."
            )
        self.faq_floor = FaqFloor.from_config(config)
        self.red_flag_minimum = float(config["red_flag_minimum"])

    @classmethod
    def create(
        cls,
        config: Dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> "ClinicalRules":
        """Creates the component; builds the spaCy pipeline now,
        not on the first message."""
        warm_up()
        warm_up_language()
        load_other_language_rules()  # a broken rule file stops the start, loudly
        warm_up_red_flag_classifier()
        return cls(config)

    def process(self, messages: List[Message]) -> List[Message]:
        """Applies the rules to each incoming message."""
        for message in messages:
            self._process_one(message)
        return messages

    def _process_one(self, message: Message) -> None:
        text = message.get(ORIGINAL_TEXT_KEY)
        if text is None:  # MessageFocus is not in the pipeline
            text = message.get(TEXT) or ""
        message.set(TEXT, text)
        context: ConversationContext = message.get(CONTEXT_KEY) or NO_CONTEXT
        reading = read_message(text)
        analysis = reading.analysis
        entities = [
            self._entity(e.label, e.value, e.start, e.end) for e in analysis.entities
        ]
        when = find_time_phrase(text)
        if when:
            entities.append(self._entity("preferred_time", when[2], when[0], when[1]))
        if reading.is_red_flag:
            entities.append(
                self._entity("red_flag", _urgent_reply_kind(reading), 0, len(text))
            )
        if entities:
            message.set(
                ENTITIES, message.get(ENTITIES, []) + entities, add_to_output=True
            )

        classified = message.get(INTENT) or {}
        intent = classified.get("name")
        confidence = classified.get("confidence") or 0.0
        confidences = faq_confidences(message)
        backed = None
        if not self.faq_floor.is_sure(*confidences):
            backed = _second_opinion_answer(message)
        override = forced_intent(
            text=text,
            intent=intent,
            faq_confidences=confidences,
            faq_confirmed=backed is not None,
            faq_floor=self.faq_floor,
            red_flag=reading.is_red_flag,
            red_flag_ruled_out=analysis.rules_out_red_flag,
            red_flag_unsure=confidence < self.red_flag_minimum,
            unanchored=bool((message.get(FOCUS_KEY) or {}).get("unanchored")),
            form_turn=FormTurn.of(
                text, context.requested_slot, datetime.now(timezone.utc)
            ),
            language=reading.language,
            last_answer=context.last_faq,
        )
        if override and override.startswith(FAQ_PREFIX):
            _force_faq_answer(message, override)
            override = RETRIEVAL_INTENT
        elif backed and (override or intent) in ANSWERING_INTENTS:
            # the second reader's choice may be the selector's second or third
            if backed != best_faq(message):
                _force_faq_answer(message, backed)
        if override and override != intent:
            self._set_intent(message, override)
        if (override or intent) in BOOKING_INTENTS and not analysis.entity_values(
            "treatment"
        ):
            # "can I book that in?" after an answer about IDD Therapy
            for treatment in _treatments_named(context.topic):
                message.set(
                    ENTITIES,
                    message.get(ENTITIES, [])
                    + [self._entity("treatment", treatment, 0, 0)],
                    add_to_output=True,
                )
        if (override or intent) in ANSWERING_INTENTS and not reading.is_red_flag:
            override = self._answer_each_question(message, override or intent)
        if (override or intent) in LANGUAGE_INTENTS:
            # every reply that has a variant per language says which one, so that
            # the slot never keeps an earlier turn's language
            language = self._entity(
                "language", reading.language or ENGLISH, 0, len(text)
            )
            message.set(
                ENTITIES, message.get(ENTITIES, []) + [language], add_to_output=True
            )
        if (override or intent) == "red_flag" and not reading.is_red_flag:
            # The classifier alone cannot tell which kind: say so, so that the
            # red_flag_kind slot never keeps an earlier turn's kind.
            unknown = self._entity("red_flag", UNKNOWN_RED_FLAG, 0, len(text))
            message.set(
                ENTITIES, message.get(ENTITIES, []) + [unknown], add_to_output=True
            )

    def _answer_each_question(self, message: Message, intent: str) -> str:
        """Gives each sure question of the message its answer ("where are you, and
        how much is IDD?"): the first through the selector, the others as
        `other_answer` entities. Returns the intent the message ends with."""
        answers = answers_in_order(
            best_faq(message),
            message.get(QUESTION_RANKINGS_KEY) or [],
            self.faq_floor,
            questions_first=intent == ASK_THEN_BOOK,
        )
        if answers and answers[0] != best_faq(message):
            _force_faq_answer(message, answers[0])
        for label in answers[1:]:
            message.set(
                ENTITIES,
                message.get(ENTITIES, [])
                + [self._entity(OTHER_ANSWER, faq_id(label), 0, 0)],
                add_to_output=True,
            )
        if answers[1:] and intent == RETRIEVAL_INTENT:
            self._set_intent(message, SEVERAL_QUESTIONS)
            return SEVERAL_QUESTIONS
        return intent

    @staticmethod
    def _set_intent(message: Message, name: str) -> None:
        """Makes `name` the message's intent, sure, ahead of the classifier's."""
        forced = {"name": name, "confidence": 1.0}
        message.set(INTENT, forced, add_to_output=True)
        ranking = message.get(INTENT_RANKING_KEY) or []
        message.set(INTENT_RANKING_KEY, [forced, *ranking], add_to_output=True)

    def _entity(self, label: str, value: str, start: int, end: int) -> Dict[str, Any]:
        return {
            "entity": label,
            "value": value,
            "start": start,
            "end": end,
            "confidence_entity": 1.0,
            "extractor": self.__class__.__name__,
        }
