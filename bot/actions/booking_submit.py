"""Finishing a booking request: store it (with consent), or cancel it;
then forget the details."""

from __future__ import annotations

import asyncio
import logging
import threading
from datetime import date
from functools import lru_cache
from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import ActiveLoop, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from sqlalchemy.exc import DBAPIError

from bot.actions.booking_form import SKIPPED
from bot.bookings.models import utcnow
from bot.bookings.redaction import BOOKING_SLOTS
from bot.bookings.references import new_reference
from bot.bookings.spool import BookingSpool
from bot.bookings.store import BookingStore, BookingStoreError, NewBooking, SubmitResult
from bot.settings import booking_db_url

logger = logging.getLogger(__name__)

_store_lock = threading.Lock()


@lru_cache(maxsize=1)
def booking_store() -> BookingStore:
    """The booking store, created on first use (never at import time)."""
    store = BookingStore.from_url(booking_db_url())
    store.create_schema()
    return store


def open_booking_store() -> BookingStore:
    """The shared booking store; blocking on first use,
    so actions call it in a thread."""
    with _store_lock:  # two first calls at once must not create the schema twice
        return booking_store()


def store_booking(request: NewBooking) -> SubmitResult:
    """Stores a request, or keeps it in the spool while the database is down.

    Blocking (database calls, a file), so actions run it in a thread. Either way
    the patient gets a reference: a spooled request is stored with that
    reference once the database is back (bot.bookings.spool).
    """
    try:
        return open_booking_store().submit(request)
    except (BookingStoreError, DBAPIError):
        reference = new_reference()
        BookingSpool.from_settings().keep(request, reference, utcnow())
        logger.warning(
            "Booking database unavailable: request %s kept in the spool", reference
        )
        return SubmitResult(reference, created=True)


def flush_spool() -> int:
    """Stores the spooled requests if the database is back; how many were stored."""
    spool = BookingSpool.from_settings()
    if not spool.waiting():
        return 0
    return spool.flush(open_booking_store())


# BOOKING_SLOTS (the patient's answers and the form's bookkeeping) are cleared as
# soon as the request is sent or dropped. That alone forgets nothing: the events
# still hold every answer. The tracker store (bot.server.tracker_store) removes
# them, the patient's messages and the summary when it saves the turn that ended
# the booking, keeping intents and the form's steps (bot.bookings.redaction).
# The request itself is kept for staff in the booking store.
def clear_booking_slots() -> list[dict[str, Any]]:
    """Events that forget every booking detail held in the conversation."""
    return [SlotSet(slot, None) for slot in BOOKING_SLOTS]


def submission_id(tracker: Tracker) -> str:
    """Identifies one filling of the form: the time the form was last activated.

    A retried call of the action for the same conversation sees the same
    tracker, hence the same id, and the store keeps a single row.
    """
    for event in reversed(tracker.events):
        if event.get("event") == "active_loop" and event.get("name") == "booking_form":
            return f"{event.get('timestamp')}"
    return "no-form"


def _optional(value: Any) -> str | None:
    return None if value in (None, SKIPPED) else str(value)


def new_booking(tracker: Tracker) -> NewBooking:
    """The request to store, built from the form's slots."""
    when_date = tracker.get_slot("booking_when_date")
    return NewBooking(
        conversation_id=tracker.sender_id,
        submission_id=submission_id(tracker),
        name=tracker.get_slot("booking_name"),
        phone_e164=tracker.get_slot("booking_phone"),
        email=_optional(tracker.get_slot("booking_email")),
        preferred_time_text=tracker.get_slot("booking_when"),
        preferred_date=date.fromisoformat(when_date) if when_date else None,
        treatment=tracker.get_slot("booking_treatment"),
        reason=_optional(tracker.get_slot("booking_reason")),
        consent=True,
    )


class ActionSubmitBooking(Action):
    """Stores a confirmed, consented request and gives its reference;
    otherwise stores nothing."""

    def name(self) -> str:
        return "action_submit_booking"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict
    ) -> list[dict[str, Any]]:
        if tracker.get_slot("booking_abandoned"):
            pass  # the form already told the patient to call instead
        elif tracker.get_slot("booking_consent") is not True:
            dispatcher.utter_message(response="utter_booking_no_consent")
        elif tracker.get_slot("booking_confirmed") is True:
            try:
                # Off the event loop: a slow database must not hold up every
                # other conversation's actions (red flags among them).
                result = await asyncio.to_thread(store_booking, new_booking(tracker))
            except Exception:  # noqa: BLE001 - the patient must hear it failed
                logger.exception("Storing a booking request failed")
                dispatcher.utter_message(response="utter_booking_failed")
                return clear_booking_slots()
            logger.info("Booking request stored: %s", result.reference)
            dispatcher.utter_message(
                response="utter_booking_done", reference=result.reference
            )
        return clear_booking_slots()


class ActionCancelBooking(Action):
    """Ends the booking form, saves nothing and forgets the details."""

    def name(self) -> str:
        return "action_cancel_booking"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict
    ) -> list[dict[str, Any]]:
        stopped_for_safety = (
            tracker.latest_message.get("intent", {}).get("name") == "red_flag"
        )
        response = (
            "utter_booking_stopped" if stopped_for_safety else "utter_booking_cancelled"
        )
        dispatcher.utter_message(response=response)
        return [ActiveLoop(None), *clear_booking_slots()]
