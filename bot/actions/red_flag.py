"""Escalating red-flag symptoms to urgent care."""

from __future__ import annotations

from typing import Any, Optional

from rasa_sdk import Action, Tracker
from rasa_sdk.executor import CollectingDispatcher

RESPONSE_BY_KIND = {
    "self_harm": "utter_red_flag_self_harm",
    "chest_pain": "utter_red_flag_chest_pain",
}
DEFAULT_RESPONSE = "utter_red_flag_urgent"
# The classifier alone (no rule matched) cannot tell which kind it was, so the
# answer must cover an emotional crisis too.
UNKNOWN_KIND_RESPONSE = "utter_red_flag_unspecified"


def urgent_response_for(kind: Optional[str]) -> str:
    """The response to send for a red flag of this kind (None: kind unknown)."""
    if kind is None:
        return UNKNOWN_KIND_RESPONSE
    return RESPONSE_BY_KIND.get(kind, DEFAULT_RESPONSE)


class ActionEscalateRedFlag(Action):
    """Sends urgent-care guidance (999 / A&E, NHS 111, Samaritans) for a red flag."""

    def name(self) -> str:
        return "action_escalate_red_flag"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict
    ) -> list[dict[str, Any]]:
        kind = next(tracker.get_latest_entity_values("red_flag"), None)
        dispatcher.utter_message(response=urgent_response_for(kind))
        return []
