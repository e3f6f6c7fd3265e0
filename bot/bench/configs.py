"""The pipelines compared and their configs, with epochs overridden where a run asks."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any, Optional

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


def with_epochs(config: dict[str, Any], epochs: Optional[int]) -> dict[str, Any]:
    """A copy of a Rasa config whose components that train in epochs use `epochs`."""
    config = copy.deepcopy(config)
    if epochs is None:
        return config
    for component in (config.get("pipeline") or []) + (config.get("policies") or []):
        if "epochs" in component:
            component["epochs"] = epochs
    return config


def epochs_of(config: dict[str, Any]) -> dict[str, int]:
    """Component name -> epochs, for the components that train in epochs."""
    out = {}
    for component in (config.get("pipeline") or []) + (config.get("policies") or []):
        if "epochs" in component:
            out[component["name"].rsplit(".", 1)[-1]] = int(component["epochs"])
    return out


def write_config(key: str, epochs: Optional[int], into: Path) -> Path:
    """The pipeline's config with `epochs` (None: unchanged) written into `into`."""
    source = CONFIGS[key]
    if epochs is None:
        return source
    config = with_epochs(yaml.safe_load(source.read_text(encoding="utf-8")), epochs)
    path = into / f"config.{key}.{epochs}-epochs.yml"
    path.write_text(yaml.safe_dump(config, sort_keys=False), encoding="utf-8")
    return path
