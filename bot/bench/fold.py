"""`python -m bot.bench.fold`: one cross-validation fold of one pipeline, own process.

Trains the pipeline's answer selection (`rasa train nlu` with the config from
configs.selector_only) on the fold's FAQ questions, lets it choose an answer for
each held-out question and writes the predictions as JSON. `make bench` runs two
of these at a time: one Rasa training keeps only about 1.3 of 2 cores busy.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import warnings
from pathlib import Path

from bot.bench import rasa_runs
from bot.evaluation import Example, Prediction, predict

FAQ_INTENT = "faq"


def read_predictions(path: Path) -> list[Prediction]:
    """The predictions a fold process wrote."""
    return [Prediction(**row) for row in json.loads(path.read_text(encoding="utf-8"))]


def write_predictions(predictions: list[Prediction], path: Path) -> Path:
    """A fold's predictions as JSON, for `make bench` to read back."""
    path.write_text(json.dumps([p.__dict__ for p in predictions]), encoding="utf-8")
    return path


def write_examples(examples: list[Example], path: Path) -> Path:
    """A fold's test questions as JSON, for the fold process to read."""
    rows = [{"text": e.text, "label": e.label} for e in examples]
    path.write_text(json.dumps(rows), encoding="utf-8")
    return path


def run_fold(config: Path, train: Path, test: Path, out: Path, name: str) -> Path:
    """Trains, parses the test questions, writes out/<name>.predictions.json.

    The label of a message is the ResponseSelector's answer: the fold's pipeline
    (configs.selector_only) has no intent classifier to say "faq" first.
    """
    examples = [Example(**row) for row in json.loads(test.read_text(encoding="utf-8"))]
    model = rasa_runs.train_nlu(config, train, out, name)
    agent = rasa_runs.load_agent(model, out / f"evaluate-{name}.log")

    async def selected_answer(text: str) -> dict:
        parsed = await agent.parse_message(text)
        return {**parsed, "intent": {"name": FAQ_INTENT, "confidence": 1.0}}

    predictions = predict(agent, examples, selected_answer)
    model.unlink()  # hundreds of MB each; only the predictions are needed
    return write_predictions(predictions, out / f"{name}.predictions.json")


def main(argv: list[str] | None = None) -> int:
    """Command line of one fold (see the module docstring)."""
    parser = argparse.ArgumentParser(prog="python -m bot.bench.fold")
    parser.add_argument("--config", type=Path, required=True)
    parser.add_argument("--train", type=Path, required=True)
    parser.add_argument("--test", type=Path, required=True)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--name", required=True)
    args = parser.parse_args(argv)
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
    os.environ["RASA_MAX_CACHE_SIZE"] = "0"  # nothing to reuse between folds
    warnings.filterwarnings("ignore")
    print(run_fold(args.config, args.train, args.test, args.out, args.name))
    return 0


if __name__ == "__main__":
    sys.exit(main())
