"""The FAQ floor and red-flag thresholds are set in config.yml, and only there.

ClinicalRules (bot/nlu/components.py) has no Python defaults for them: config.yml
must set every one, and a config without one fails loudly, naming it.
"""

from __future__ import annotations

import pytest
from rasa.shared.exceptions import InvalidConfigException

from bot.nlu.components import THRESHOLDS, ClinicalRules
from tests.thresholds import clinical_rules_config


def test_config_yml_sets_every_threshold() -> None:
    assert set(THRESHOLDS) <= set(clinical_rules_config())


def test_clinical_rules_has_no_python_defaults() -> None:
    assert not set(THRESHOLDS) & set(ClinicalRules.get_default_config())


@pytest.mark.parametrize("missing", THRESHOLDS)
def test_a_missing_threshold_is_named(missing: str) -> None:
    config = clinical_rules_config()
    del config[missing]
    with pytest.raises(InvalidConfigException, match=missing):
        ClinicalRules(config)
