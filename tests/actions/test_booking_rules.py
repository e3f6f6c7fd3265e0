"""What the booking form does with each kind of message, from the real domain and rules.

No trained model: Rasa's own slot extraction (action_extract_slots) runs on the real
domain.yml, and Rasa's RulePolicy is trained in memory on the real rules (a few
seconds, no TensorFlow training). A message the form can't take as an answer is
rejected; a rule must then reply and the form ask its question again (or the
booking end): never a turn that leaves the patient without the next question.
"""

from __future__ import annotations

import asyncio
import tempfile
from pathlib import Path

import pytest
from rasa.core.actions.action import ActionExtractSlots
from rasa.core.channels import CollectingOutputChannel
from rasa.core.nlg import TemplatedNaturalLanguageGenerator
from rasa.core.policies.rule_policy import RulePolicy
from rasa.engine.graph import ExecutionContext, GraphSchema
from rasa.engine.storage.local_model_storage import LocalModelStorage
from rasa.engine.storage.resource import Resource
from rasa.shared.core.constants import DEFAULT_INTENTS
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import (
    ActionExecuted,
    ActionExecutionRejected,
    ActiveLoop,
    Event,
    SlotSet,
    UserUttered,
)
from rasa.shared.core.generator import TrainingDataGenerator
from rasa.shared.core.trackers import DialogueStateTracker
from rasa.shared.importers.importer import TrainingDataImporter

ROOT = Path(__file__).resolve().parents[2]
FORM = "booking_form"
QUESTIONS = [
    "booking_name",
    "booking_phone",
    "booking_email",
    "booking_when",
    "booking_treatment",
    "booking_reason",
    "booking_consent",
    "booking_confirmed",
]
FREE_TEXT = QUESTIONS[:4]  # name, phone, email, when
OPEN_TEXT = QUESTIONS[4:6]  # treatment, reason: take almost any words
YES_NO = QUESTIONS[6:]  # consent, summary
# What a turn may end with: the form asking again, or the booking ended.
CARRIES_ON = {FORM}
ENDS = {"action_cancel_booking"}
FALLBACK = "action_default_fallback"  # what RulePolicy predicts when no rule applies


@pytest.fixture(scope="module")
def importer() -> TrainingDataImporter:
    return TrainingDataImporter.load_from_config(
        str(ROOT / "config.yml"), str(ROOT / "domain.yml"), [str(ROOT / "bot" / "data")]
    )


@pytest.fixture(scope="module")
def domain(importer: TrainingDataImporter) -> Domain:
    return importer.get_domain()


@pytest.fixture(scope="module")
def rule_policy(importer: TrainingDataImporter, domain: Domain) -> RulePolicy:
    """RulePolicy trained on the real rules; training fails on contradicting rules."""
    trackers = TrainingDataGenerator(
        importer.get_stories(), domain, augmentation_factor=0
    ).generate()
    config = {
        **RulePolicy.get_default_config(),
        "core_fallback_threshold": 0.3,
        "enable_fallback_prediction": True,
    }
    policy = RulePolicy.create(
        config,
        LocalModelStorage(Path(tempfile.mkdtemp())),
        Resource("rules"),
        ExecutionContext(GraphSchema({}), "booking-rules"),
    )
    policy.train(trackers, domain)
    return policy


@pytest.fixture(scope="module")
def predictable_intents(importer: TrainingDataImporter, domain: Domain) -> list[str]:
    """Intents a message can get: trained ones, ones rules expect, and the fallback."""
    trained = set(importer.get_nlu_data().intents)
    in_rules = {
        event.intent_name
        for tracker in TrainingDataGenerator(
            importer.get_stories(), domain, augmentation_factor=0
        ).generate()
        for event in tracker.events
        if isinstance(event, UserUttered) and event.intent_name
    }
    return sorted(
        i
        for i in domain.intents
        if (i in trained or i in in_rules) and (i not in DEFAULT_INTENTS)
    ) + ["nlu_fallback", "out_of_scope"]


def asked(slot: str, intent: str, text: str = "some words") -> list[Event]:
    """A booking in progress, the form asking for `slot`, and the patient's message."""
    return [
        ActionExecuted("action_listen"),
        UserUttered("book me in", intent={"name": "book_appointment", "confidence": 1}),
        ActionExecuted("utter_booking_intro"),
        ActionExecuted(FORM),
        ActiveLoop(FORM),
        SlotSet("requested_slot", slot),
        ActionExecuted("action_listen"),
        UserUttered(text, intent={"name": intent, "confidence": 1}),
    ]


def extracted(domain: Domain, events: list[Event]) -> dict:
    """The form's slots Rasa's action_extract_slots fills from the latest message."""
    tracker = DialogueStateTracker.from_events("patient", events, slots=domain.slots)
    found = asyncio.run(
        ActionExtractSlots(None).run(
            CollectingOutputChannel(),
            TemplatedNaturalLanguageGenerator(domain.responses),
            tracker,
            domain,
        )
    )
    return {
        e.key: e.value for e in found if isinstance(e, SlotSet) and e.key in QUESTIONS
    }


def is_answer(domain: Domain, slot: str, intent: str) -> bool:
    """True when the form takes the message as its answer (and validates it)."""
    return bool(extracted(domain, asked(slot, intent)))


def actions_after_rejection(
    policy: RulePolicy, domain: Domain, slot: str, intent: str
) -> list[str]:
    """What the rules run when the form rejects the message, up to the next listen."""
    events = asked(slot, intent) + [ActionExecutionRejected(FORM)]
    actions: list[str] = []
    for _ in range(5):
        tracker = DialogueStateTracker.from_events(
            "patient", events, slots=domain.slots
        )
        scores = policy.predict_action_probabilities(tracker, domain).probabilities
        action = domain.action_names_or_texts[scores.index(max(scores))]
        if action == "action_listen":
            break
        actions.append(action)
        events.append(ActionExecuted(action))
        if action in ENDS:
            events.append(ActiveLoop(None))
        if action == FORM:
            break  # the form asks its question again, then listens
    return actions


@pytest.mark.parametrize(
    ("intent", "answer_at"),
    [
        # Chit-chat and messages nothing understood are never a detail.
        ("greet", []),
        ("thank", []),
        ("goodbye", []),
        # "something for my neck" may well be out of scope or not understood, and is
        # still the treatment or the reason: those two questions take any words.
        ("out_of_scope", OPEN_TEXT),
        ("nlu_fallback", OPEN_TEXT),
        ("inform", FREE_TEXT + OPEN_TEXT),
        ("faq", OPEN_TEXT),
        ("cancel", []),
        ("red_flag", []),
        ("affirm", FREE_TEXT + OPEN_TEXT + YES_NO),
        # "no" skips the email and the reason and refuses consent; at the summary
        # it asks which detail to change.
        ("deny", FREE_TEXT + OPEN_TEXT + ["booking_consent"]),
    ],
)
def test_which_messages_the_form_takes_as_answers(
    domain: Domain, intent: str, answer_at: list[str]
) -> None:
    taken = [slot for slot in QUESTIONS if is_answer(domain, slot, intent)]
    assert taken == answer_at


def test_rules_never_contradict(rule_policy: RulePolicy) -> None:
    """Training the RulePolicy raises InvalidRule on contradicting rules."""
    assert rule_policy is not None


@pytest.mark.parametrize("slot", QUESTIONS)
def test_every_rejected_message_gets_a_reply_and_the_question_again(
    rule_policy: RulePolicy, domain: Domain, predictable_intents: list[str], slot: str
) -> None:
    gaps = {}
    for intent in predictable_intents:
        if is_answer(domain, slot, intent):
            continue
        actions = actions_after_rejection(rule_policy, domain, slot, intent)
        answered_by_a_rule = bool(actions) and actions[0] != FALLBACK
        if not answered_by_a_rule or not set(actions) & (CARRIES_ON | ENDS):
            gaps[intent] = actions
    assert gaps == {}


@pytest.mark.parametrize(
    ("intent", "slot", "expected"),
    [
        ("nlu_fallback", "booking_name", ["utter_not_sure", FORM]),
        ("nlu_fallback", "booking_consent", ["utter_not_sure", FORM]),
        ("out_of_scope", "booking_phone", ["utter_out_of_scope", FORM]),
        ("greet", "booking_email", ["utter_greet_during_booking", FORM]),
        ("greet", "booking_reason", ["utter_greet_during_booking", FORM]),
        ("thank", "booking_when", ["utter_you_are_welcome_during_booking", FORM]),
        ("thank", "booking_confirmed", ["utter_you_are_welcome_during_booking", FORM]),
        ("goodbye", "booking_name", ["action_cancel_booking"]),
        ("goodbye", "booking_treatment", ["action_cancel_booking"]),
        ("inform", "booking_consent", ["utter_not_sure", FORM]),
        ("inform", "booking_confirmed", ["utter_not_sure", FORM]),
        ("deny", "booking_confirmed", ["action_change_booking_detail", FORM]),
        ("cancel", "booking_when", ["action_cancel_booking"]),
        ("faq", "booking_phone", ["utter_faq", FORM]),
    ],
)
def test_what_the_assistant_does_with_a_rejected_message(
    rule_policy: RulePolicy, domain: Domain, intent: str, slot: str, expected: list[str]
) -> None:
    assert not is_answer(domain, slot, intent)
    assert actions_after_rejection(rule_policy, domain, slot, intent) == expected
