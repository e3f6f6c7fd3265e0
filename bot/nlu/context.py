"""What the conversation so far tells the NLU about the next message.

Rasa gives an NLU component the conversation (the tracker) before the new message
is added. Two things from it change how a message is read:

- the topic of the latest FAQ answer, so that "does it hurt?" after an answer
  about IDD Therapy is read as a question about IDD Therapy (bot/nlu/focus.py),
  or else the treatment the patient's previous message named;
- the booking form's current question, so that "tues or weds morning ideally"
  is read as the answer to "which day suits you?" and not as a new question.

Reads the tracker's events only; no Rasa import, so it is tested with plain objects.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from bot.nlu.focus import topics_in
from bot.nlu.sentences import question_clauses

FAQ_ACTION_PREFIX = "utter_faq/"
# Where a message's parse data says how it was focused (bot/nlu/components.py).
FOCUS_KEY = "clinic_focus"
# The topic of an answer stays in play for the next message and the one after.
TOPIC_TURNS = 2


@dataclass(frozen=True)
class ConversationContext:
    """The latest FAQ answer's topic, and the form question waiting for an answer."""

    topic: str | None = None
    last_faq: str | None = None
    active_form: str | None = None
    requested_slot: str | None = None
    # the other treatment the question answered named ("my physio suggested IDD and
    # clinical pilates. what is IDD?"): what "and the other one?" asks about
    other_topic: str | None = None

    def as_dict(self) -> dict[str, str | None]:
        """A plain dict, as stored in a message's parse data."""
        return {
            "topic": self.topic,
            "last_faq": self.last_faq,
            "active_form": self.active_form,
            "requested_slot": self.requested_slot,
            "other_topic": self.other_topic,
        }


NO_CONTEXT = ConversationContext()


def context_of(tracker: Any) -> ConversationContext:
    """The context a tracker gives its next message (NO_CONTEXT for no tracker)."""
    if tracker is None:
        return NO_CONTEXT
    topic, other_topic, last_faq = _latest_topic(
        list(getattr(tracker, "events", []) or [])
    )
    active_form = getattr(tracker, "active_loop_name", None)
    requested = tracker.get_slot("requested_slot") if active_form else None
    return ConversationContext(
        topic=topic,
        last_faq=last_faq,
        active_form=active_form,
        requested_slot=requested,
        other_topic=other_topic,
    )


def _latest_topic(events: list[Any]) -> tuple[str | None, str | None, str | None]:
    """The topic, the other treatment its question named (only while no message
    came after the answer) and the FAQ id of the latest FAQ answer, if recent
    enough."""
    patient_turns = 0
    for index in range(len(events) - 1, -1, -1):
        event = events[index]
        kind = getattr(event, "type_name", None)
        if kind == "user":
            patient_turns += 1
            if patient_turns >= TOPIC_TURNS:
                return None, None, None
            # no FAQ answer since the patient's last message: its own treatment
            # ("I had an epidural last month" ... "how long will it last?")
            named = topics_in(getattr(event, "text", None) or "")
            if named:
                return named[0], None, None
        elif kind == "bot":
            action = (getattr(event, "metadata", None) or {}).get("utter_action") or ""
            if action.startswith(FAQ_ACTION_PREFIX):
                faq = action[len(FAQ_ACTION_PREFIX) :]
                topic, other = _topics_of_answer(events, index)
                return topic, (other if patient_turns == 0 else None), faq
        elif kind == "session_started" or kind == "restart":
            return None, None, None
    return None, None, None


def _topics_of_answer(
    events: list[Any], answer_index: int
) -> tuple[str | None, str | None]:
    """What the question answered at `answer_index` was about, and the other
    treatment it named, if any.

    The question's own words first ("how successful is a microdiscectomy?"), then
    the topic that question itself inherited (a follow-up), then the answer's words.
    """
    for index in range(answer_index - 1, -1, -1):
        event = events[index]
        if getattr(event, "type_name", None) != "user":
            continue
        said = getattr(event, "text", None) or ""
        named = topics_in(said)
        if named:
            # "it's either injections or IDD for me. whats IDD?": the treatment the
            # question asks about, then the other one the message named
            asked = (
                topics_in(" ".join(question_clauses(said))) if len(named) > 1 else []
            )
            topic = asked[0] if asked else named[0]
            others = [name for name in named if name != topic]
            return topic, others[0] if others else None
        focused = (getattr(event, "parse_data", None) or {}).get(FOCUS_KEY) or {}
        if focused.get("topic_added"):
            return focused["topic_added"], None
        break
    named = topics_in(getattr(events[answer_index], "text", None) or "")
    return (named[0] if named else None), None
