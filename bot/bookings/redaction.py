"""Forgetting a booking's details in the stored conversation once the booking has ended.

Usage (in a tracker store's save):
    dialogue = tracker.as_dialogue().as_dict()
    dialogue["events"] = redact_finished_bookings(dialogue["events"])

Works on serialised Rasa events (plain dicts) and imports nothing from Rasa, so
any tracker store (in memory, SQL, ...) can use it. A booking has ended when
action_submit_booking or action_cancel_booking ran, the booking slots were all
cleared, or the conversation was restarted or began a new session. Its span runs
from the user message that started the form to the last event before the next
user message. In that span:

- user messages keep their intent, intent ranking and FAQ selection; their text,
  entity values and metadata are replaced or dropped;
- the booking slots that hold the patient's answers keep their SlotSet events but
  not their values;
- bot messages keep their response name (utter_action); the booking summary, and
  any other message that repeats an answer, lose their text.

Event types, timestamps, action names, the form's own events and the number of
events stay as they were, so the conversation replays and carries on as before.
A booking still in progress is left alone: the form needs its answers.
"""

from __future__ import annotations

import copy
from collections.abc import Iterable
from typing import Any

REDACTED = "[redacted]"
FORM = "booking_form"

# The slots that hold what the patient told the booking form.
DETAIL_SLOTS = (
    "booking_name",
    "booking_phone",
    "booking_email",
    "booking_when",
    "booking_when_date",
    "booking_treatment",
    "booking_reason",
)
# Every slot of the form, its bookkeeping too: all cleared when a booking ends.
BOOKING_SLOTS = (
    *DETAIL_SLOTS,
    "booking_consent",
    "booking_confirmed",
    "booking_failures",
    "booking_abandoned",
    "requested_slot",
)
ENDING_ACTIONS = frozenset({"action_submit_booking", "action_cancel_booking"})
# After these the form is gone: Rasa forgets the active loop and the slots.
ENDING_EVENTS = frozenset({"restart", "session_started", "reset_slots"})
# Responses that read the patient's answers back to them.
SUMMARY_RESPONSES = frozenset({"utter_booking_summary"})
# The answers a bot message must not repeat: who the patient is and why they call.
IDENTIFYING_SLOTS = (
    "booking_name",
    "booking_phone",
    "booking_email",
    "booking_when",
    "booking_reason",
)
# Answers too short or too common to look for in other text ("skipped", "Not sure").
MIN_ANSWER_CHARS = 4
NOT_ANSWERS = frozenset({"skipped", "not sure"})
# What of a user message's NLU result is kept: no text, no entity values.
KEPT_PARSE_KEYS = ("intent", "intent_ranking", "response_selector")
KEPT_ENTITY_KEYS = (
    "entity",
    "start",
    "end",
    "extractor",
    "confidence_entity",
    "role",
    "group",
)


def redact_finished_bookings(events: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The events with every ended booking's personal details removed (a new list)."""
    redacted = list(events)
    for start, end in finished_booking_spans(events):
        span = events[start:end]
        answers = _answers(span)
        redacted[start:end] = [_redact_event(event, answers) for event in span]
    return redacted


def finished_booking_spans(events: list[dict[str, Any]]) -> list[tuple[int, int]]:
    """[start, end) index ranges of the booking forms that have ended."""
    spans: list[tuple[int, int]] = []
    index, previous_end = 0, 0
    while index < len(events):
        event = events[index]
        if not (event.get("event") == "active_loop" and event.get("name") == FORM):
            index += 1
            continue
        start = _last_user_message(events, previous_end, index)
        end = _end_of_booking(events, index + 1)
        if end is None:
            break  # still in progress
        spans.append((start, end))
        index = previous_end = end
    return spans


def _last_user_message(events: list[dict[str, Any]], low: int, high: int) -> int:
    """The user message that started the form (it may hold details too), else `high`."""
    for index in range(high - 1, low - 1, -1):
        if events[index].get("event") == "user":
            return index
    return high


def _end_of_booking(events: list[dict[str, Any]], index: int) -> int | None:
    """Where the span of a form begun before `index` ends; None while it goes on."""
    cleared: set[str] = set()
    for position in range(index, len(events)):
        event = events[position]
        kind = event.get("event")
        if kind in ENDING_EVENTS:
            return position + 1
        if kind == "action":
            if event.get("name") in ENDING_ACTIONS:
                return _next_user_message(events, position + 1)
            cleared.clear()
        elif kind == "slot" and event.get("name") in DETAIL_SLOTS:
            if event.get("value") is None:
                cleared.add(event["name"])
                if cleared.issuperset(DETAIL_SLOTS):
                    return _next_user_message(events, position + 1)
    return None


def _next_user_message(events: list[dict[str, Any]], index: int) -> int:
    """The index of the next user message from `index` on, else the end."""
    for position in range(index, len(events)):
        if events[position].get("event") == "user":
            return position
    return len(events)


def _answers(span: Iterable[dict[str, Any]]) -> list[str]:
    """The patient's identifying answers set in a span, to look for in bot messages."""
    found = []
    for event in span:
        value = event.get("value")
        if (
            event.get("event") == "slot"
            and event.get("name") in IDENTIFYING_SLOTS
            and isinstance(value, str)
            and len(value.strip()) >= MIN_ANSWER_CHARS
            and value.strip().lower() not in NOT_ANSWERS
            and value != REDACTED
        ):
            found.append(value.strip().lower())
    return found


def _redact_event(event: dict[str, Any], answers: list[str]) -> dict[str, Any]:
    """One event of an ended booking's span, without personal details."""
    kind = event.get("event")
    if kind == "user":
        return _redact_user_message(event)
    if kind == "bot":
        return _redact_bot_message(event, answers)
    if kind == "slot" and event.get("name") in DETAIL_SLOTS:
        if event.get("value") is None:
            return event
        return {**event, "value": REDACTED}
    if kind == "entities":
        return {**event, "entities": _redact_entities(event.get("entities"))}
    return event


def _redact_user_message(event: dict[str, Any]) -> dict[str, Any]:
    """A user message with its intent but without its words."""
    parse_data = event.get("parse_data") or {}
    kept = {k: copy.deepcopy(v) for k, v in parse_data.items() if k in KEPT_PARSE_KEYS}
    kept["text"] = REDACTED
    kept["entities"] = _redact_entities(parse_data.get("entities"))
    return {
        **event,
        "text": REDACTED if event.get("text") is not None else None,
        "parse_data": kept,
        "metadata": {},
    }


def _redact_entities(entities: Any) -> list[dict[str, Any]]:
    """Entities that say what was found and where, but not what it said."""
    return [
        {
            **{key: entity[key] for key in KEPT_ENTITY_KEYS if key in entity},
            "value": REDACTED,
        }
        for entity in entities or []
        if isinstance(entity, dict)
    ]


def _redact_bot_message(event: dict[str, Any], answers: list[str]) -> dict[str, Any]:
    """A bot message without template values; without its text if it repeats answers."""
    metadata = event.get("metadata") or {}
    response = metadata.get("utter_action")
    text = event.get("text")
    repeats = isinstance(text, str) and any(a in text.lower() for a in answers)
    redacted = {
        **event,
        # The values the action filled the response with (name=, phone=, ...).
        "metadata": {"utter_action": response} if response else {},
    }
    if response in SUMMARY_RESPONSES or repeats:
        redacted["text"] = REDACTED
        redacted["data"] = _scrub(event.get("data"), answers)
    return redacted


def _scrub(value: Any, answers: list[str]) -> Any:
    """`value` with every string that holds an answer replaced."""
    if isinstance(value, str):
        return REDACTED if any(answer in value.lower() for answer in answers) else value
    if isinstance(value, dict):
        return {key: _scrub(item, answers) for key, item in value.items()}
    if isinstance(value, list):
        return [_scrub(item, answers) for item in value]
    return value
