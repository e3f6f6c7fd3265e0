"""The FAQ floor and red-flag thresholds are set in config.yml; Python only falls back.

ClinicalRules (bot/nlu/components.py) still has Python defaults (FaqFloor,
RED_FLAG_MINIMUM) for a config without them: they must equal config.yml's values,
so that a test or a tool that builds the component without config.yml behaves as
the trained assistant does.
"""

from __future__ import annotations

from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
THRESHOLDS = {"faq_confident", "faq_minimum", "faq_ratio", "red_flag_minimum"}


def _clinical_rules_config() -> dict:
    config = yaml.safe_load((ROOT / "config.yml").read_text(encoding="utf-8"))
    (rules,) = [
        c for c in config["pipeline"] if c["name"] == "bot.nlu.components.ClinicalRules"
    ]
    return {key: value for key, value in rules.items() if key != "name"}


def test_config_yml_sets_every_threshold() -> None:
    assert THRESHOLDS <= set(_clinical_rules_config())


def test_python_fallbacks_equal_config_yml() -> None:
    from bot.nlu.components import ClinicalRules

    given = _clinical_rules_config()
    defaults = ClinicalRules.get_default_config()
    assert {key: defaults[key] for key in given if key in defaults} == {
        key: value for key, value in given.items() if key in defaults
    }
