"""Red-flag escalation picks the right urgent-care response."""

from __future__ import annotations

import pytest

from bot.actions.red_flag import ActionEscalateRedFlag, urgent_response_for
from tests.actions.conftest import responses, run_action


@pytest.mark.parametrize(
    "kind, response",
    [
        ("self_harm", "utter_red_flag_self_harm"),
        ("chest_pain", "utter_red_flag_chest_pain"),
        ("bladder_bowel", "utter_red_flag_urgent"),
        ("saddle_numbness", "utter_red_flag_urgent"),
        ("leg_weakness", "utter_red_flag_urgent"),
        ("fever", "utter_red_flag_urgent"),
        ("trauma", "utter_red_flag_urgent"),
        (None, "utter_red_flag_unspecified"),
    ],
)
def test_response_for_each_kind(kind, response, make_tracker, dispatcher, domain):
    entities = [{"entity": "red_flag", "value": kind}] if kind else []
    tracker = make_tracker(text="...", intent="red_flag", entities=entities)
    events = run_action(ActionEscalateRedFlag(), dispatcher, tracker, domain)
    assert events == []
    assert responses(dispatcher) == [response]
    assert urgent_response_for(kind) == response
    assert response in domain["responses"]


@pytest.mark.parametrize(
    "response, needed",
    [
        ("utter_red_flag_urgent", ["999", "A&E", "NHS 111"]),
        ("utter_red_flag_chest_pain", ["999", "A&E"]),
        ("utter_red_flag_self_harm", ["999", "Samaritans", "116 123"]),
        ("utter_red_flag_unspecified", ["999", "A&E", "NHS 111", "116 123"]),
    ],
)
def test_urgent_responses_give_the_numbers(domain, response, needed):
    text = domain["responses"][response][0]["text"]
    for number in needed:
        assert number in text
