"""The pipelines compared and their configs, with epochs overridden where a run asks."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import yaml

from bot.settings import PROJECT_ROOT

OURS = "ours"
DEFAULT = "default"
BASELINE = "tfidf"

CONFIGS = {
    OURS: PROJECT_ROOT / "config.yml",
    DEFAULT: Path(__file__).with_name("default_config.yml"),
}
TITLES = {
    OURS: "(a) our pipeline (config.yml)",
    DEFAULT: "(b) Rasa's default pipeline",
    BASELINE: "(c) TF-IDF + cosine nearest neighbour",
}


def with_epochs(config: dict[str, Any], epochs: int | None) -> dict[str, Any]:
    """A copy of a Rasa config whose components that train in epochs use `epochs`."""
    config = copy.deepcopy(config)
    if epochs is None:
        return config
    for component in (config.get("pipeline") or []) + (config.get("policies") or []):
        if "epochs" in component:
            component["epochs"] = epochs
    return config


def selector_only(config: dict[str, Any]) -> dict[str, Any]:
    """The pipeline's tokenizers, featurizers and FAQ answer selection (Rasa's
    ResponseSelector, or ours: bot.nlu.classifiers.LinearFaqSelector); nothing else.

    What chooses an FAQ answer, without the intent classifier, the fallback, the
    clinic's rules or any dialogue policy: cross-validation of FAQ answer selection
    trains only this (a Rasa training costs about 90 s before its first epoch, and
    the intent classifier, with its transformer in Rasa's default, most of the rest).
    """
    config = copy.deepcopy(config)
    config["pipeline"] = [
        component
        for component in config.get("pipeline") or []
        if component["name"].endswith(
            ("Tokenizer", "Featurizer", "ResponseSelector", "FaqSelector")
        )
    ]
    config["policies"] = []
    return config


def epochs_of(config: dict[str, Any]) -> dict[str, int]:
    """Component name -> epochs, for the components that train in epochs."""
    out = {}
    for component in (config.get("pipeline") or []) + (config.get("policies") or []):
        if "epochs" in component:
            out[component["name"].rsplit(".", 1)[-1]] = int(component["epochs"])
    return out


def write_config(
    key: str, epochs: int | None, into: Path, selector: bool = False
) -> Path:
    """The pipeline's config with `epochs` (None: unchanged), optionally only its
    answer selection (selector_only), written into `into` (or the original file)."""
    source = CONFIGS[key]
    if epochs is None and not selector:
        return source
    config = with_epochs(yaml.safe_load(source.read_text(encoding="utf-8")), epochs)
    if selector:
        config = selector_only(config)
    suffix = f"{epochs or 'all'}-epochs" + (".selector" if selector else "")
    path = into / f"config.{key}.{suffix}.yml"
    path.write_text(yaml.safe_dump(config, sort_keys=False), encoding="utf-8")
    return path
