"""Conversation tests: every file in this folder is a list of conversations.

Each turn sends a message over the real REST channel and checks what came back:
regexes on the joined reply text (`says_all`, `says_any`, `says_none`, ignoring
case) and, from the tracker, the label the message got (`label`: an intent or
`faq/<id>`) and the actions the assistant ran (`actions`).

A conversation about a gap in the clinic's content may say `while_no_faq: <id>`:
it holds until staff add that FAQ (bot/faq), so that filling the gap, as the
staff guide walks through with parking, is not refused by the test of the gap.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from bot.evaluation import label_of
from bot.faqtool.source import load_all
from bot.server.launch import reply_text

HERE = Path(__file__).parent


def _conversations() -> list:
    cases = []
    for path in sorted(HERE.glob("*.yml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        for conversation in data["conversations"]:
            cases.append(
                pytest.param(conversation, id=f"{path.stem}: {conversation['name']}")
            )
    return cases


def turn_events(tracker: dict) -> tuple[dict, list[str]]:
    """The last user message's parse data and the actions run after it."""
    events = tracker["events"]
    last_user = max(i for i, e in enumerate(events) if e["event"] == "user")
    actions = [
        e["name"]
        for e in events[last_user + 1 :]
        if e["event"] == "action"
        and e["name"] not in ("action_listen", "action_extract_slots")
    ]
    return events[last_user].get("parse_data") or {}, actions


@pytest.mark.parametrize("conversation", _conversations())
def test_conversation(conversation: dict, assistant, sender: str) -> None:
    filled = conversation.get("while_no_faq")
    if filled and filled in {faq.id for faq in load_all()}:
        pytest.skip(f"staff have added the FAQ {filled}: this gap is filled")
    for number, turn in enumerate(conversation["turns"], start=1):
        where = f"turn {number} ({turn['user']!r})"
        text = reply_text(assistant.say(sender, turn["user"]))
        assert text.strip(), f"{where}: no reply at all"
        for rx in turn.get("says_all", []):
            assert re.search(rx, text, re.I | re.S), f"{where}: /{rx}/ not in {text!r}"
        if turn.get("says_any"):
            assert any(re.search(rx, text, re.I | re.S) for rx in turn["says_any"]), (
                f"{where}: none of {turn['says_any']} in {text!r}"
            )
        for rx in turn.get("says_none", []):
            assert not re.search(rx, text, re.I | re.S), f"{where}: /{rx}/ in {text!r}"
        if "label" in turn or "actions" in turn:
            parse, actions = turn_events(assistant.tracker(sender))
            if "label" in turn:
                assert label_of(parse)[0] == turn["label"], (
                    f"{where}: label {label_of(parse)}"
                )
            if "actions" in turn:
                assert actions == turn["actions"], f"{where}: actions {actions}"
