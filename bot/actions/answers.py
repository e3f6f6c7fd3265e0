"""Answers to the other questions of a message that asks several.

"Where are you, and how much is IDD?": `utter_faq` answers the question the FAQ
selector chose for the whole message; ClinicalRules names the FAQ answer of each
other question it is sure of in an `other_answer` entity, and
`action_answer_other_questions` gives those answers after it, in order.
"""

from __future__ import annotations

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.executor import CollectingDispatcher

from bot.nlu.context import FAQ_ACTION_PREFIX
from bot.nlu.overrides import OTHER_ANSWER


def other_answers(latest_message: dict[str, Any]) -> list[str]:
    """The FAQ responses ("utter_faq/<id>") the message's entities name, in order."""
    return [
        FAQ_ACTION_PREFIX + str(entity["value"])
        for entity in latest_message.get("entities") or []
        if entity.get("entity") == OTHER_ANSWER and entity.get("value")
    ]


class ActionAnswerOtherQuestions(Action):
    """Gives the FAQ answers of a message's other questions (nothing if none)."""

    def name(self) -> str:
        """The action's name in domain.yml."""
        return "action_answer_other_questions"

    async def run(
        self,
        dispatcher: CollectingDispatcher,
        tracker: Tracker,
        domain: dict[str, Any],
    ) -> list[dict[str, Any]]:
        """Utters each other answer the latest message's entities name."""
        for response in other_answers(tracker.latest_message or {}):
            if response in (domain.get("responses") or {}):
                dispatcher.utter_message(response=response)
        return []
