"""The urgent replies as written in domain.yml: complete, and the action first.

Which variant a patient gets is checked end to end in
tests/conversations/red_flags.yml; these check the words themselves.
"""

from __future__ import annotations

import pytest
import yaml

from bot.clinical.analysis import RED_FLAG_KINDS
from bot.nlu.components import UNKNOWN_RED_FLAG
from tests.assistant import ROOT

DOMAIN = yaml.safe_load((ROOT / "domain.yml").read_text(encoding="utf-8"))
RESPONSES = DOMAIN["responses"]


def variant(name: str, kind: str | None) -> str:
    """The text of `name` a patient gets when the red_flag_kind slot is `kind`."""
    for option in RESPONSES[name]:
        conditions = option.get("condition") or []
        if kind is not None and any(c.get("value") == kind for c in conditions):
            return option["text"]
    return next(o["text"] for o in RESPONSES[name] if not o.get("condition"))


def test_the_red_flag_rule_needs_no_action_server():
    rules = (ROOT / "bot" / "data" / "rules.yml").read_text(encoding="utf-8")
    data = yaml.safe_load(rules)["rules"]
    red_flag_rules = [rule for rule in data if {"intent": "red_flag"} in rule["steps"]]
    assert red_flag_rules
    for rule in red_flag_rules:
        first_reply = rule["steps"][rule["steps"].index({"intent": "red_flag"}) + 1]
        assert first_reply == {"action": "utter_red_flag"}, rule["rule"]


@pytest.mark.parametrize("kind", [*RED_FLAG_KINDS, UNKNOWN_RED_FLAG, None])
def test_every_kind_of_red_flag_gets_999_in_its_first_sentences(kind: str | None):
    text = variant("utter_red_flag", kind)
    assert "999" in text[:200]


def test_self_harm_reply_fits_someone_who_has_already_acted():
    text = variant("utter_red_flag", "self_harm")
    first_sentence = text.split(". ")[0]
    assert first_sentence.startswith(
        "If you have hurt yourself or taken an overdose, or might act on these "
        "thoughts, please call 999 or go to A&E now"
    )
    assert "Samaritans" in text and "116 123" in text and "free" in text


def test_chest_reply_covers_heart_and_lung_emergencies_without_softening():
    text = variant("utter_red_flag", "chest_pain")
    for sign in ("chest pain", "breathless", "grey or blue lips", "tearing"):
        assert sign in text
    assert "heart or lung" in text and "999" in text
    assert "unsure" not in text and "111" not in text, "nothing may soften 999"


def test_unknown_kind_covers_an_emotional_crisis_too():
    text = variant("utter_red_flag", UNKNOWN_RED_FLAG)
    assert "999" in text and "116 123" in text and "111" in text


def test_symptom_reply_opens_with_the_warning_signs_and_999():
    text = RESPONSES["utter_cannot_assess_symptoms"][0]["text"]
    assert text.startswith("If you have new numbness around your bottom or genitals")
    for sign in ("bladder or bowels", "weakness in your legs", "chest pain", "harming"):
        assert sign in text
    assert text.index("999") < text.index("booking")
    assert "Samaritans: 116 123" in text


def test_readme_describes_the_urgent_replies_as_they_are():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    table = readme.split("## What it does", 1)[1].split("\n## ", 1)[0]
    emergency = next(
        line for line in table.splitlines() if "emergency symptoms" in line
    )
    for words in ("utter_red_flag", "999", "A&E", "Samaritans 116 123", "overdose"):
        assert words in emergency
    assert "In an emergency call 999" in table
