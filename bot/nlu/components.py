"""Rasa graph component that applies the clinic's deterministic rules after the classifiers.

It runs last in the NLU pipeline (see config.yml) and may overrule the
statistical classifiers, in this order of precedence:

1. a red flag found by the spaCy rules -> intent ``red_flag`` (always escalated);
2. an empty message -> ``empty_message``; a clearly non-English one -> ``non_english``;
   a request for a dose, a medication change, a diagnosis or a surgery decision ->
   ``ask_medical_advice`` (bot/nlu/boundaries.py); a classifier's red flag that
   the rules ruled out ("no numbness down below") or that scored under
   ``red_flag_minimum`` -> ``describe_symptoms``;
3. an FAQ match the response selector is not sure of (see FaqFloor) ->
   ``nlu_fallback`` ("I'm not sure I understood"), because a wrong answer is
   worse than saying so.

It also adds the clinical entities (treatment, procedure, body part), the
red-flag kind and a preferred-time phrase as entities the dialogue can use.
"""

from __future__ import annotations

from typing import Any, Dict, List, Optional, Text

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.nlu.extractors.extractor import EntityExtractorMixin
from rasa.shared.nlu.constants import (
    ENTITIES,
    INTENT,
    INTENT_RANKING_KEY,
    TEXT,
)
from rasa.shared.nlu.training_data.message import Message

from bot.clinical import analyse, warm_up
from bot.nlu.overrides import FaqFloor, forced_intent
from bot.nlu.time_phrases import find_time_phrase

RESPONSE_SELECTOR_KEY = "response_selector"
# A red flag the classifier alone found is escalated from this confidence up. On
# the blind red-flag sets (2026-11-26), 421 of its 427 true catches scored >= 0.8
# and a fifth of its false alarms scored less.
RED_FLAG_MINIMUM = 0.8
# The red_flag entity's value when only the classifier saw a red flag.
UNKNOWN_RED_FLAG = "unspecified"


def faq_confidences(message: Message) -> tuple[Optional[float], Optional[float]]:
    """Confidences of the response selector's best and second-best FAQ answers."""
    selector = (message.get(RESPONSE_SELECTOR_KEY) or {}).get("faq") or {}
    ranking = [r.get("confidence") for r in selector.get("ranking") or []]
    best = (selector.get("response") or {}).get("confidence")
    return best, ranking[1] if len(ranking) > 1 else None


@DefaultV1Recipe.register(
    [
        DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER,
        DefaultV1Recipe.ComponentType.ENTITY_EXTRACTOR,
    ],
    is_trainable=False,
)
class ClinicalRules(GraphComponent, EntityExtractorMixin):
    """Red-flag override, clinical entities and the FAQ confidence floor."""

    @staticmethod
    def get_default_config() -> Dict[Text, Any]:
        """The FAQ floor (see bot.nlu.overrides.FaqFloor)."""
        floor = FaqFloor()
        return {
            "faq_confident": floor.confident,
            "faq_minimum": floor.minimum,
            "faq_ratio": floor.ratio,
            "red_flag_minimum": RED_FLAG_MINIMUM,
        }

    def __init__(self, config: Dict[Text, Any]) -> None:
        self.faq_floor = FaqFloor(
            confident=float(config["faq_confident"]),
            minimum=float(config["faq_minimum"]),
            ratio=float(config["faq_ratio"]),
        )
        self.red_flag_minimum = float(config["red_flag_minimum"])

    @classmethod
    def create(
        cls,
        config: Dict[Text, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> "ClinicalRules":
        """Creates the component; builds the spaCy pipeline now, not on the first message."""
        warm_up()
        return cls(config)

    def process(self, messages: List[Message]) -> List[Message]:
        """Applies the rules to each incoming message."""
        for message in messages:
            self._process_one(message)
        return messages

    def _process_one(self, message: Message) -> None:
        text = message.get(TEXT) or ""
        analysis = analyse(text)
        entities = [
            self._entity(e.label, e.value, e.start, e.end) for e in analysis.entities
        ]
        when = find_time_phrase(text)
        if when:
            entities.append(self._entity("preferred_time", when[2], when[0], when[1]))
        if analysis.is_red_flag:
            flag = analysis.primary_red_flag
            entities.append(self._entity("red_flag", flag.kind, flag.start, flag.end))
        if entities:
            message.set(
                ENTITIES, message.get(ENTITIES, []) + entities, add_to_output=True
            )

        classified = message.get(INTENT) or {}
        intent = classified.get("name")
        override = forced_intent(
            text=text,
            intent=intent,
            faq_confidences=faq_confidences(message),
            faq_floor=self.faq_floor,
            red_flag=analysis.is_red_flag,
            red_flag_ruled_out=analysis.rules_out_red_flag,
            red_flag_unsure=(classified.get("confidence") or 0.0) < self.red_flag_minimum,
        )
        if override and override != intent:
            forced = {"name": override, "confidence": 1.0}
            message.set(INTENT, forced, add_to_output=True)
            ranking = message.get(INTENT_RANKING_KEY) or []
            message.set(INTENT_RANKING_KEY, [forced, *ranking], add_to_output=True)
        if (override or intent) == "red_flag" and not analysis.is_red_flag:
            # The classifier alone cannot tell which kind: say so, so that the
            # red_flag_kind slot never keeps an earlier turn's kind.
            unknown = self._entity("red_flag", UNKNOWN_RED_FLAG, 0, len(text))
            message.set(
                ENTITIES, message.get(ENTITIES, []) + [unknown], add_to_output=True
            )

    def _entity(self, label: str, value: str, start: int, end: int) -> Dict[str, Any]:
        return {
            "entity": label,
            "value": value,
            "start": start,
            "end": end,
            "confidence_entity": 1.0,
            "extractor": self.__class__.__name__,
        }
