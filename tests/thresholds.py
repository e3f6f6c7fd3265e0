"""ClinicalRules' thresholds as config.yml sets them,
for tests that build it without Rasa."""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Any

import yaml

from bot.nlu.overrides import FaqFloor

CONFIG = Path(__file__).resolve().parents[1] / "config.yml"
CLINICAL_RULES = "bot.nlu.components.ClinicalRules"


@functools.cache
def _entry() -> tuple[tuple[str, Any], ...]:
    config = yaml.safe_load(CONFIG.read_text(encoding="utf-8"))
    (entry,) = [c for c in config["pipeline"] if c["name"] == CLINICAL_RULES]
    return tuple((key, value) for key, value in entry.items() if key != "name")


def clinical_rules_config() -> dict[str, Any]:
    """ClinicalRules' entry in config.yml's pipeline,
    without its name (a fresh copy)."""
    return dict(_entry())


def faq_floor() -> FaqFloor:
    """The FAQ floor config.yml sets."""
    return FaqFloor.from_config(clinical_rules_config())
