"""Deleting a patient's details on request: the forget form and action_forget_me.

"Please delete my details" starts `forget_form`, which asks for the booking's
reference or the phone number it was made with (or takes one from the request
itself), or accepts "no booking". `action_forget_me` then deletes the matching
booking requests (BookingStore.forget) and says what it did. The conversation
itself is deleted by the tracker store (bot.server.tracker_store) when it saves
the turn in which action_forget_me ran.
"""

from __future__ import annotations

import asyncio
import logging
from typing import Any

from rasa_sdk import Action, FormValidationAction, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from bot.actions.booking_submit import open_booking_store
from bot.bookings.forget import (
    GAVE_UP,
    NO_BOOKING,
    find_reference,
    find_uk_phone,
    is_reference,
    names_a_booking,
    read_forget_key,
)
from bot.bookings.store import Forgotten

logger = logging.getLogger(__name__)

FORM = "forget_form"
SLOT = "forget_key"
MAX_FAILURES = 3
INVALID_RESPONSE = "utter_invalid_forget_key"


def failed_tries(events: list[dict[str, Any]]) -> int:
    """How often the patient's answer was refused since the form last started."""
    failures = 0
    for event in reversed(events):
        if event.get("event") == "active_loop" and event.get("name") == FORM:
            break
        response = (event.get("metadata") or {}).get("utter_action")
        if event.get("event") == "bot" and response == INVALID_RESPONSE:
            failures += 1
    return failures


def forget_booking(key: str, conversation_id: str) -> Forgotten:
    """Deletes this conversation's bookings and the one with this reference; blocking.

    A phone number only finds bookings made in this conversation: anyone may type
    a patient's number, and neither deleting nor "not found" may depend on
    another patient's booking (BookingStore.forget).
    """
    store = open_booking_store()
    reference = key if is_reference(key) else None
    return store.forget(reference=reference, made_in=conversation_id)


def done_response(forgotten: Forgotten, key: str) -> str:
    """The reply once the booking store has been searched."""
    if not forgotten.count:
        if is_reference(key):
            return "utter_forget_nothing_found"
        return "utter_forget_nothing_found_here"
    if forgotten.emailed:
        return "utter_forget_done_emailed"
    return "utter_forget_done"


class ValidateForgetForm(FormValidationAction):
    """Takes a reference or UK phone number, or "no booking"; gives up after 3 tries."""

    def name(self) -> str:
        return "validate_forget_form"

    async def extract_forget_key(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict
    ) -> dict[str, Any]:
        """Pre-fills the key from the request itself: "delete booking HSC-7K2Q9"."""
        if tracker.get_slot("requested_slot") or tracker.get_slot(SLOT):
            return {}  # the form has asked: the answer comes in by from_text
        text = tracker.latest_message.get("text") or ""
        key = find_reference(text) or find_uk_phone(text)
        return {SLOT: key} if key else {}

    def validate_forget_key(
        self,
        value: Any,
        dispatcher: CollectingDispatcher,
        tracker: Tracker,
        domain: dict,
    ) -> dict[str, Any]:
        """A normalised reference or phone number, NO_BOOKING, a re-ask, or GAVE_UP."""
        if value in (NO_BOOKING, GAVE_UP):
            return {SLOT: value}
        intent = (tracker.latest_message.get("intent") or {}).get("name")
        key = read_forget_key(str(value or ""), denied=intent == "deny")
        if key:
            return {SLOT: key}
        if failed_tries(tracker.events) + 1 >= MAX_FAILURES:
            return {SLOT: GAVE_UP}  # action_forget_me gives the phone numbers
        dispatcher.utter_message(response=INVALID_RESPONSE)
        return {SLOT: None}


class ActionForgetMe(Action):
    """Deletes the patient's booking requests; the tracker store drops the chat."""

    def name(self) -> str:
        return "action_forget_me"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict
    ) -> list[dict[str, Any]]:
        key = tracker.get_slot(SLOT)
        values: dict[str, Any] = {}
        if key == NO_BOOKING:
            response = "utter_forget_conversation_only"
        elif not names_a_booking(key):
            response = "utter_forget_give_up"
        else:
            try:
                # Off the event loop, like action_submit_booking: a slow database
                # must not hold up other conversations (red flags among them).
                forgotten = await asyncio.to_thread(
                    forget_booking, key, tracker.sender_id
                )
            except Exception:  # noqa: BLE001 - the patient must hear it failed
                logger.exception("Deleting booking requests on request failed")
                response = "utter_forget_failed"
            else:
                response = done_response(forgotten, key)
                values["count"] = forgotten.count
        dispatcher.utter_message(response=response, **values)
        return [SlotSet(SLOT, None)]
