"""Two trainings of the shipped config on the same data give the same answers.

The whole NLU model (`rasa train nlu` with config.yml, each with an empty Rasa
cache, so nothing is reused), judged on the held-out set the retrain gate reads:
identical labels and confidences. This is what lets the gate run without a
tolerance (bot/retrain/gate.py). About 2 minutes on 2 cores.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.bench.rasa_runs import train_timed
from bot.evaluation import evaluate, load_examples
from bot.settings import PROJECT_ROOT

pytestmark = pytest.mark.slow

HOLDOUT = PROJECT_ROOT / "tests" / "nlu_holdout.yml"


def test_two_trainings_give_identical_held_out_predictions(tmp_path: Path) -> None:
    config = PROJECT_ROOT / "config.yml"
    models = [
        train_timed(config, name, tmp_path, nlu_only=True).path
        for name in ("first", "second")
    ]
    examples = load_examples(HOLDOUT)
    first, second = (evaluate(model, examples).predictions for model in models)
    assert [p.predicted for p in first] == [p.predicted for p in second]
    assert [p.confidence for p in first] == pytest.approx(
        [p.confidence for p in second], abs=1e-9
    )
    assert len(first) == len(examples) > 400
