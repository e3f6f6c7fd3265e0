"""The booking form: validating each answer, the summary, and changing one detail."""

from __future__ import annotations

from datetime import datetime, timezone
from typing import Any

from rasa_sdk import Action, FormValidationAction, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from bot.bookings import validation
from bot.bookings.answers import canonical_treatment
from bot.bookings.validation import Reason, Result
from bot.nlu.time_phrases import find_new_time_phrase

MAX_FAILURES = 3
MAX_TREATMENT_CHARS = 100
MAX_REASON_CHARS = 500
SKIPPED = "skipped"  # a slot needs a value to count as answered

# Words in "change my phone number" -> the slot to ask again.
FIELD_WORDS = {
    "booking_phone": ("phone", "number", "mobile", "tel"),
    "booking_email": ("email", "e-mail", "mail", "address"),
    "booking_when": ("day", "time", "date", "when", "morning", "afternoon"),
    "booking_treatment": ("treatment", "therapy", "idd", "shockwave", "pilates"),
    "booking_reason": ("reason", "why", "problem"),
    "booking_name": ("name", "surname", "spelling", "spelt", "spelled"),
}
ANSWER_SLOTS = (
    "booking_name",
    "booking_phone",
    "booking_email",
    "booking_when",
    "booking_treatment",
    "booking_reason",
)


def field_to_change(text: str) -> str | None:
    """The booking slot a "change my ..." message is about,
    or None if it doesn't say."""
    words = text.lower()
    for slot, keys in FIELD_WORDS.items():
        if any(key in words for key in keys):
            return slot
    return None


class ValidateBookingForm(FormValidationAction):
    """Checks each booking answer, re-asks with a specific reason,
    gives up after three tries."""

    def name(self) -> str:
        return "validate_booking_form"

    async def required_slots(
        self,
        domain_slots: list[str],
        dispatcher: CollectingDispatcher,
        tracker: Tracker,
        domain: dict,
    ) -> list[str]:
        """Stops early when we gave up on a detail or the patient refused consent."""
        if tracker.get_slot("booking_abandoned"):
            return []
        if tracker.get_slot("booking_consent") is False:
            return domain_slots[: domain_slots.index("booking_consent") + 1]
        return domain_slots

    # --- one validator per slot -------------------------------------------
    def validate_booking_name(self, value: Any, dispatcher, tracker, domain) -> dict:
        return self._apply(
            "booking_name", validation.validate_name(value), dispatcher, tracker
        )

    def validate_booking_phone(self, value: Any, dispatcher, tracker, domain) -> dict:
        return self._apply(
            "booking_phone", validation.normalise_uk_phone(value), dispatcher, tracker
        )

    def validate_booking_email(self, value: Any, dispatcher, tracker, domain) -> dict:
        return self._apply(
            "booking_email", validation.validate_email(value), dispatcher, tracker
        )

    def validate_booking_when(self, value: Any, dispatcher, tracker, domain) -> dict:
        result = validation.parse_preferred_time(value, datetime.now(timezone.utc))
        slots = self._apply(
            "booking_when", result, dispatcher, tracker, value_of=lambda p: p.text
        )
        if result.ok and result.value is not None:
            slots["booking_when_date"] = _date_of(result.value)
        return slots

    def validate_booking_treatment(
        self, value: Any, dispatcher, tracker, domain
    ) -> dict:
        text = validation.clean_text(value)
        if len(text) > MAX_TREATMENT_CHARS:
            return self._apply(
                "booking_treatment", Result.refuse(Reason.TOO_LONG), dispatcher, tracker
            )
        if not text:
            return self._apply(
                "booking_treatment", Result.refuse(Reason.EMPTY), dispatcher, tracker
            )
        return {"booking_treatment": canonical_treatment(text) or text}

    def validate_booking_reason(self, value: Any, dispatcher, tracker, domain) -> dict:
        text = validation.clean_text(value)
        if validation.is_skip(text):
            return {"booking_reason": SKIPPED}
        if len(text) > MAX_REASON_CHARS:
            return self._apply(
                "booking_reason", Result.refuse(Reason.TOO_LONG), dispatcher, tracker
            )
        return {"booking_reason": text or SKIPPED}

    def validate_booking_consent(self, value: Any, dispatcher, tracker, domain) -> dict:
        return {"booking_consent": value}

    def validate_booking_confirmed(
        self, value: Any, dispatcher, tracker, domain
    ) -> dict:
        return {"booking_confirmed": value}

    # --- shared handling --------------------------------------------------
    def _apply(
        self,
        slot: str,
        result: Result,
        dispatcher: CollectingDispatcher,
        tracker: Tracker,
        value_of=lambda v: v,
    ) -> dict:
        """Turns a validation Result into slot values, a re-ask, or giving up."""
        if result.ok:
            return {slot: SKIPPED if result.skipped else value_of(result.value)}
        failures = dict(tracker.get_slot("booking_failures") or {})
        failures[slot] = failures.get(slot, 0) + 1
        if failures[slot] >= MAX_FAILURES:
            dispatcher.utter_message(response="utter_booking_give_up")
            return {slot: None, "booking_failures": failures, "booking_abandoned": True}
        if result.reason is Reason.TOO_LONG:
            dispatcher.utter_message(
                response="utter_invalid_too_long", limit=_limit_for(slot)
            )
        else:
            dispatcher.utter_message(response=f"utter_invalid_{slot}")
        return {slot: None, "booking_failures": failures}


def _limit_for(slot: str) -> int:
    return {
        "booking_name": validation.MAX_NAME_CHARS,
        "booking_phone": validation.MAX_PHONE_CHARS,
        "booking_email": validation.MAX_EMAIL_CHARS,
        "booking_when": validation.MAX_PREFERRED_TIME_CHARS,
        "booking_treatment": MAX_TREATMENT_CHARS,
        "booking_reason": MAX_REASON_CHARS,
    }[slot]


def summary_values(tracker: Tracker) -> dict[str, str]:
    """The booking answers as shown to the patient: "not given" when skipped.

    Plain text: Telegram and WhatsApp show it as typed (an escaped "&amp;" would
    show as such), and the chat page's widget escapes HTML itself.
    """
    shown = {}
    for slot in ANSWER_SLOTS:
        value = tracker.get_slot(slot)
        shown[slot.removeprefix("booking_")] = (
            "not given" if value in (None, SKIPPED) else str(value)
        )
    return shown


class ActionAskBookingConfirmed(Action):
    """Shows the summary of the request and asks to send, change or cancel it."""

    def name(self) -> str:
        return "action_ask_booking_confirmed"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict
    ) -> list[dict[str, Any]]:
        dispatcher.utter_message(
            response="utter_booking_summary", **summary_values(tracker)
        )
        return []


class ActionChangeBookingDetail(Action):
    """Clears the one detail the patient wants to change so the form asks it again,
    or sets the new day or time when the message gives it."""

    def name(self) -> str:
        return "action_change_booking_detail"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict
    ) -> list[dict[str, Any]]:
        text = tracker.latest_message.get("text") or ""
        slot = field_to_change(text)
        if slot in (None, "booking_when"):
            # "can you change the day to friday instead": no need to ask again
            changed = _new_preferred_time(text)
            if changed:
                dispatcher.utter_message(
                    response="utter_booking_when_changed",
                    booking_when=changed["booking_when"],
                )
                return [
                    *(SlotSet(name, value) for name, value in changed.items()),
                    SlotSet("booking_confirmed", None),
                ]
        if slot is None:
            dispatcher.utter_message(response="utter_ask_which_detail")
            # Keep the summary pending: answering "Phone" then clears that slot.
            return [SlotSet("booking_confirmed", None)]
        events = [SlotSet(slot, None), SlotSet("booking_confirmed", None)]
        if slot == "booking_when":
            events.append(SlotSet("booking_when_date", None))
        return events


def _new_preferred_time(text: str) -> dict[str, str | None] | None:
    """The preferred-time slots for the new time a change names, or None."""
    phrase = find_new_time_phrase(text)
    if phrase is None:
        return None
    result = validation.parse_preferred_time(phrase, datetime.now(timezone.utc))
    if not result.ok or result.value is None:
        return None
    return {
        "booking_when": result.value.text,
        "booking_when_date": _date_of(result.value),
    }


def _date_of(preferred: validation.PreferredTime) -> str | None:
    """The booking_when_date slot of a parsed preferred time (ISO date or None)."""
    return preferred.date.isoformat() if preferred.date else None
