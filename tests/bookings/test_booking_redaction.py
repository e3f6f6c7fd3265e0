"""A booking's details leave the stored conversation once it is sent or cancelled."""

from __future__ import annotations

import asyncio
import copy
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import (
    ActionExecuted,
    ActiveLoop,
    BotUttered,
    Event,
    Restarted,
    SessionStarted,
    SlotSet,
    UserUttered,
)
from rasa.shared.core.trackers import DialogueStateTracker, EventVerbosity

from bot.bookings.redaction import (
    BOOKING_SLOTS,
    DETAIL_SLOTS,
    REDACTED,
    finished_booking_spans,
    redact_finished_bookings,
)
from bot.server.tracker_store import ClinicTrackerStore

PROJECT_ROOT = Path(__file__).resolve().parents[2]
NAME, PHONE, EMAIL = "Jane Testpatient", "+447700900456", "jane.testpatient@example.com"
TYPED_PHONE = "07700 900456"
REASON = "Lower back pain for six weeks"
WHEN = "Thursday afternoon"
# Anything of these left in a stored event would identify the patient.
PERSONAL = (NAME, "Testpatient", PHONE, "7700900456", TYPED_PHONE, EMAIL, REASON)


class Conversation:
    """Builds a realistic serialised event list, one turn at a time."""

    def __init__(self) -> None:
        self.events: list[Event] = []
        self.clock = 1_764_000_000.0

    def add(self, *events: Event) -> Conversation:
        for event in events:
            self.clock += 0.25
            event.timestamp = self.clock
            self.events.append(event)
        return self

    def user(
        self, text: str, intent: str, entities: list[dict[str, Any]] | None = None
    ) -> Conversation:
        parse_data = {
            "text": text,
            "intent": {"name": intent, "confidence": 0.97},
            "intent_ranking": [{"name": intent, "confidence": 0.97}],
            "entities": entities or [],
            "message_id": "m1",
            "metadata": {"profile_name": NAME},
        }
        return self.add(
            UserUttered(
                text,
                parse_data["intent"],
                parse_data["entities"],
                parse_data,
                input_channel="rest",
                message_id=f"msg-{len(self.events)}",
                metadata={"profile_name": NAME},
            ),
            ActionExecuted("action_extract_slots"),
        )

    def bot(self, response: str, text: str, **values: Any) -> Conversation:
        return self.add(
            BotUttered(text, {"buttons": None}, {"utter_action": response, **values})
        )

    def listen(self) -> Conversation:
        return self.add(ActionExecuted("action_listen"))

    def form_step(
        self, slot: str | None, value: Any, next_slot: str | None
    ) -> Conversation:
        """booking_form validates an answer and asks for the next one."""
        self.add(ActionExecuted("booking_form"))
        if slot:
            self.add(SlotSet(slot, value))
        self.add(SlotSet("requested_slot", next_slot))
        if next_slot:
            self.bot(f"utter_ask_{next_slot}", f"What is your {next_slot}?").listen()
        return self

    def start_session(self) -> Conversation:
        return self.add(
            ActionExecuted("action_session_start"),
            SessionStarted(),
            ActionExecuted("action_listen"),
        )

    def start_booking(self, text: str = "I'd like to book, please") -> Conversation:
        self.user(text, "book_appointment")
        self.add(ActionExecuted("utter_booking_intro"))
        self.bot("utter_booking_intro", "I can take a booking request.")
        self.add(ActionExecuted("booking_form"), ActiveLoop("booking_form"))
        self.add(SlotSet("requested_slot", "booking_name"))
        return self.bot("utter_ask_booking_name", "What's your full name?").listen()

    def answer_everything(self) -> Conversation:
        time = {"entity": "preferred_time", "value": WHEN, "start": 0, "end": 18}
        idd = {"entity": "treatment", "value": "IDD Therapy", "start": 0, "end": 3}
        self.user(NAME, "inform").form_step("booking_name", NAME, "booking_phone")
        self.user(TYPED_PHONE, "inform")
        self.form_step("booking_phone", PHONE, "booking_email")
        self.user(EMAIL, "inform").form_step("booking_email", EMAIL, "booking_when")
        self.user(WHEN, "inform", [time])
        self.form_step("booking_when", WHEN, None)
        self.add(SlotSet("booking_when_date", "2030-01-03"))
        self.add(SlotSet("requested_slot", "booking_treatment"))
        self.bot("utter_ask_booking_treatment", "Which treatment?").listen()
        self.user("IDD", "inform", [idd])
        self.form_step("booking_treatment", "IDD Therapy", "booking_reason")
        self.user(REASON, "inform")
        self.form_step("booking_reason", REASON, "booking_consent")
        self.user("/affirm", "affirm").form_step("booking_consent", True, None)
        self.add(SlotSet("requested_slot", "booking_confirmed"))
        self.add(ActionExecuted("action_ask_booking_confirmed"))
        summary = (
            f"Here's your request:\nName: {NAME}\nPhone: {TYPED_PHONE}\n"
            f"Email: {EMAIL}\nPreferred time: {WHEN}\nTreatment: IDD Therapy\n"
            f"Reason: {REASON}\nShall I send it to the clinic?"
        )
        self.bot(
            "utter_booking_summary",
            summary,
            name=NAME,
            phone=TYPED_PHONE,
            email=EMAIL,
            when=WHEN,
            treatment="IDD Therapy",
            reason=REASON,
        )
        return self.listen()

    def confirm_and_submit(self) -> Conversation:
        self.user("yes, send it", "affirm")
        self.add(ActionExecuted("booking_form"), SlotSet("booking_confirmed", True))
        self.add(SlotSet("requested_slot", None), ActiveLoop(None))
        self.add(ActionExecuted("action_submit_booking"))
        self.bot("utter_booking_done", "Sent: HSC-ABC123.", reference="HSC-ABC123")
        self.add(*(SlotSet(slot, None) for slot in BOOKING_SLOTS))
        return self.listen()

    def cancel(self, text: str = "cancel", intent: str = "cancel") -> Conversation:
        self.user(text, intent)
        self.add(ActionExecuted("action_cancel_booking"))
        self.bot("utter_booking_cancelled", "That's fine: I haven't saved anything.")
        self.add(ActiveLoop(None), *(SlotSet(slot, None) for slot in BOOKING_SLOTS))
        return self.listen()

    def faq(self) -> Conversation:
        self.user("what is IDD therapy?", "faq")
        self.add(ActionExecuted("utter_faq"))
        return self.bot("utter_faq/idd_what_is", "IDD Therapy is ...").listen()

    def as_dicts(self) -> list[dict[str, Any]]:
        return [event.as_dict() for event in self.events]


def personal_details_in(events: list[dict[str, Any]]) -> list[str]:
    """Which personal strings appear anywhere in the serialised events."""
    dumped = json.dumps(events)
    return [detail for detail in PERSONAL if detail in dumped]


def said(events: list[dict[str, Any]], response: str) -> list[dict[str, Any]]:
    """The bot messages of one response."""
    return [
        event
        for event in events
        if event["event"] == "bot"
        and (event.get("metadata") or {}).get("utter_action") == response
    ]


def answered() -> Conversation:
    """A booking whose every question was answered, waiting for "send it"."""
    return Conversation().start_session().start_booking().answer_everything()


def half_way() -> Conversation:
    """A booking with the name, phone and email given."""
    conversation = Conversation().start_session().start_booking()
    conversation.user(NAME, "inform").form_step("booking_name", NAME, "booking_phone")
    conversation.user(TYPED_PHONE, "inform")
    conversation.form_step("booking_phone", PHONE, "booking_email")
    return conversation.user(EMAIL, "inform").form_step("booking_email", EMAIL, None)


def submitted() -> Conversation:
    """A booking sent to the clinic."""
    return answered().confirm_and_submit()


@pytest.fixture(scope="module")
def domain() -> Domain:
    """The assistant's real domain."""
    return Domain.load(str(PROJECT_ROOT / "domain.yml"))


def intents(events: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The intent of each user message."""
    return [e["parse_data"]["intent"] for e in events if e["event"] == "user"]


def replay(events: list[dict[str, Any]], domain: Domain) -> DialogueStateTracker:
    """Rasa's tracker rebuilt from serialised events, as a tracker store does it."""
    return DialogueStateTracker.from_dict("patient", events, domain.slots)


# --- the function ------------------------------------------------------------


def test_every_booking_slot_of_the_domain_is_known(domain: Domain) -> None:
    booking = {slot.name for slot in domain.slots if slot.name.startswith("booking_")}
    assert booking == set(BOOKING_SLOTS) - {"requested_slot"}
    # A placeholder string is a valid value of every slot whose value is redacted.
    assert {slot.type_name for slot in domain.slots if slot.name in DETAIL_SLOTS} == {
        "text"
    }


@pytest.mark.parametrize(
    "build",
    [
        pytest.param(submitted, id="submitted"),
        pytest.param(lambda: answered().cancel(), id="cancelled at the summary"),
        pytest.param(lambda: half_way().cancel(), id="cancelled half way"),
        pytest.param(
            lambda: answered().cancel("I've lost control of my bladder", "red_flag"),
            id="stopped by a red flag",
        ),
        pytest.param(lambda: answered().add(Restarted()), id="restarted"),
        pytest.param(lambda: answered().start_session(), id="session expired"),
    ],
)
def test_an_ended_booking_leaves_no_personal_details(
    build: Callable[[], Conversation], domain: Domain
) -> None:
    events = build().as_dicts()
    assert personal_details_in(events)  # the test data does hold them

    redacted = redact_finished_bookings(events)

    assert personal_details_in(redacted) == []
    # Same events, in the same order and at the same times: it still replays.
    assert [(e["event"], e["timestamp"]) for e in redacted] == [
        (e["event"], e["timestamp"]) for e in events
    ]
    assert [e.get("name") for e in redacted] == [e.get("name") for e in events]
    assert intents(redacted) == intents(events)
    tracker = replay(redacted, domain)
    assert tracker.active_loop_name is None
    assert all(tracker.get_slot(slot) is None for slot in DETAIL_SLOTS)


def test_what_is_kept_and_what_is_replaced() -> None:
    events = submitted().faq().as_dicts()

    redacted = redact_finished_bookings(events)

    users = [e for e in redacted if e["event"] == "user"]
    assert [u["text"] for u in users] == [REDACTED] * 9 + ["what is IDD therapy?"]
    when = users[4]
    assert when["parse_data"]["entities"] == [
        {"entity": "preferred_time", "start": 0, "end": 18, "value": REDACTED}
    ]
    assert when["parse_data"]["intent_ranking"][0]["name"] == "inform"
    assert when["metadata"] == {} and when["input_channel"] == "rest"
    slots = {(e["name"], e["value"]) for e in redacted if e["event"] == "slot"}
    assert ("booking_name", REDACTED) in slots and ("booking_consent", True) in slots
    assert ("requested_slot", "booking_phone") in slots
    [summary] = said(redacted, "utter_booking_summary")
    assert summary["text"] == REDACTED
    assert summary["metadata"] == {"utter_action": "utter_booking_summary"}
    [done] = said(redacted, "utter_booking_done")
    assert done["text"] == "Sent: HSC-ABC123."
    assert redacted[-4:] == events[-4:]  # the question after the booking is untouched


def test_a_bot_message_that_repeats_an_answer_loses_its_text() -> None:
    conversation = Conversation().start_session().start_booking()
    conversation.user(NAME, "inform").form_step("booking_name", NAME, "booking_phone")
    conversation.bot("utter_thanks", f"Thanks, {NAME.split()[0]} Testpatient!")
    events = conversation.cancel().as_dicts()

    redacted = redact_finished_bookings(events)

    [thanks] = said(redacted, "utter_thanks")
    assert thanks["text"] == REDACTED
    assert personal_details_in(redacted) == []


def test_a_booking_in_progress_is_left_alone() -> None:
    events = answered().as_dicts()

    assert finished_booking_spans(events) == []
    assert redact_finished_bookings(events) == events


def test_only_the_ended_booking_is_redacted_when_another_is_under_way() -> None:
    conversation = submitted()
    finished = len(conversation.events)
    conversation.start_booking("book again please")
    conversation.user("Sam Otherperson", "inform")
    conversation.form_step("booking_name", "Sam Otherperson", "booking_phone")
    events = conversation.as_dicts()

    redacted = redact_finished_bookings(events)

    assert personal_details_in(redacted[:finished]) == []
    assert redacted[finished:] == events[finished:]
    assert "Sam Otherperson" in json.dumps(redacted)


def test_redaction_is_idempotent_and_leaves_its_input_alone() -> None:
    events = submitted().as_dicts()
    original = copy.deepcopy(events)

    once = redact_finished_bookings(events)

    assert events == original
    assert redact_finished_bookings(once) == once


def test_clearing_every_detail_ends_a_booking_too() -> None:
    conversation = answered()
    conversation.user("forget it", "deny")
    conversation.add(ActionExecuted("action_some_future_exit"), ActiveLoop(None))
    conversation.add(*(SlotSet(slot, None) for slot in BOOKING_SLOTS)).listen()

    assert personal_details_in(redact_finished_bookings(conversation.as_dicts())) == []


def test_changing_one_detail_does_not_end_the_booking() -> None:
    conversation = answered()
    conversation.user("change my phone number", "change_detail")
    conversation.add(
        ActionExecuted("action_change_booking_detail"),
        SlotSet("booking_phone", None),
        SlotSet("booking_confirmed", None),
    )
    events = conversation.as_dicts()

    assert redact_finished_bookings(events) == events


# --- the tracker store -------------------------------------------------------


@pytest.fixture
def store(
    domain: Domain, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> ClinicTrackerStore:
    """The assistant's tracker store, on a SQLite database of the test's own."""
    monkeypatch.setenv(
        "CONVERSATIONS_DB_URL", f"sqlite:///{tmp_path / 'conversations.db'}"
    )
    return ClinicTrackerStore(domain)


def raw_rows(store: ClinicTrackerStore) -> str:
    """Everything the conversation database holds, as text."""
    with store.engine.connect() as connection:
        rows = connection.exec_driver_sql("SELECT * FROM events").all()
    return "\n".join(repr(tuple(row)) for row in rows)


def test_the_tracker_store_keeps_no_details_of_a_sent_booking(
    store: ClinicTrackerStore, domain: Domain
) -> None:
    sender = "rest:redaction-test"
    tracker = DialogueStateTracker.from_events(sender, submitted().events, domain.slots)
    asyncio.run(store.save(tracker))

    stored = asyncio.run(store.retrieve_full_tracker(sender))
    events = stored.current_state(EventVerbosity.ALL)["events"]

    assert personal_details_in(events) == []
    assert not any(detail in raw_rows(store) for detail in PERSONAL)
    assert len(events) == len(tracker.events)
    assert stored.active_loop_name is None
    assert stored.latest_action_name == "action_listen"

    # The conversation carries on: a new turn is stored and replays as usual.
    stored.update(UserUttered("what is IDD therapy?", {"name": "faq"}))
    stored.update(ActionExecuted("utter_faq"))
    asyncio.run(store.save(stored))
    again = asyncio.run(store.retrieve(sender))
    assert again.latest_message.text == "what is IDD therapy?"
    assert again.latest_message.intent["name"] == "faq"
    assert personal_details_in(again.current_state(EventVerbosity.ALL)["events"]) == []


def test_the_stored_rows_lose_the_details_at_the_turn_the_booking_is_sent(
    store: ClinicTrackerStore, domain: Domain
) -> None:
    sender = "rest:redaction-turn-by-turn"
    in_progress = DialogueStateTracker.from_events(
        sender, answered().events, domain.slots
    )
    asyncio.run(store.save(in_progress))
    assert NAME in raw_rows(store)  # the form still needs its answers

    # The next turn, as Rasa runs it: the stored conversation, then the new events.
    sent = asyncio.run(store.retrieve(sender))
    for event in submitted().events[len(answered().events) :]:
        sent.update(event)
    asyncio.run(store.save(sent))

    assert [d for d in PERSONAL if d in raw_rows(store)] == []
    stored = asyncio.run(store.retrieve(sender))
    assert len(stored.events) == len(sent.events)
    assert stored.latest_action_name == "action_listen"


def test_the_tracker_store_keeps_a_booking_in_progress(
    store: ClinicTrackerStore, domain: Domain
) -> None:
    sender = "rest:redaction-in-progress"
    events = answered().events
    tracker = DialogueStateTracker.from_events(sender, events, domain.slots)
    asyncio.run(store.save(tracker))

    stored = asyncio.run(store.retrieve(sender))

    assert stored.active_loop_name == "booking_form"
    assert stored.get_slot("booking_name") == NAME
    assert stored.get_slot("booking_reason") == REASON
