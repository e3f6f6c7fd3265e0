"""Evaluating a trained model on a labelled NLU set: the one copy of our metrics.

Used by the held-out gate in `make test`, by `make retrain`'s comparison and by
`make bench`. A prediction is the full label a patient's message ends up with:
`faq/<id>` for an FAQ answer (intent `faq` plus the response selector's choice),
otherwise the intent name (after the clinic's rules, e.g. `red_flag`).
"""

from __future__ import annotations

import asyncio
import logging
from collections import Counter
from collections.abc import Awaitable, Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from bot.nlu.overrides import FAQ, SEVERAL_QUESTIONS
from bot.settings import PROJECT_ROOT

if TYPE_CHECKING:
    from rasa.core.agent import Agent

# The held-out questions (never trained on): the gate, the retrain and the bench.
HOLDOUT = PROJECT_ROOT / "tests" / "nlu_holdout.yml"
FAQ_PREFIX = "faq/"
# Intents whose label is the response selector's answer: an FAQ question, and a
# message asking several (its first answer is the selector's).
ANSWERED_BY_SELECTOR = frozenset({FAQ, SEVERAL_QUESTIONS})
RED_FLAG = "red_flag"
OUT_OF_SCOPE = "out_of_scope"


def faq_id(label: str) -> str:
    """The FAQ id of an answer's label: "idd_safety" for "faq/idd_safety"."""
    return label.removeprefix(FAQ_PREFIX)


@dataclass(frozen=True)
class Example:
    """One labelled message."""

    text: str
    label: str


@dataclass(frozen=True)
class Prediction:
    """What the model made of one example."""

    text: str
    label: str
    predicted: str
    confidence: float


@dataclass
class Report:
    """Metrics over a set of predictions."""

    predictions: list[Prediction]
    per_label: dict[str, dict[str, float]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.per_label = per_label_scores(self.predictions)

    @property
    def accuracy(self) -> float:
        """Share of all examples given their exact label."""
        return _share(p.predicted == p.label for p in self.predictions)

    @property
    def faq_accuracy(self) -> float:
        """Response-selection accuracy: share of FAQ examples given the right answer."""
        return _share(p.predicted == p.label for p in self.faq_predictions)

    @property
    def faq_predictions(self) -> list[Prediction]:
        """Predictions for examples labelled with an FAQ."""
        return [p for p in self.predictions if p.label.startswith(FAQ_PREFIX)]

    @property
    def red_flag_missed(self) -> list[Prediction]:
        """Red-flag examples that were not escalated."""
        return [
            p
            for p in self.predictions
            if p.label == RED_FLAG and p.predicted != RED_FLAG
        ]

    @property
    def red_flag_false_alarms(self) -> list[Prediction]:
        """Examples escalated as red flags that were not red flags."""
        return [
            p
            for p in self.predictions
            if p.predicted == RED_FLAG and p.label != RED_FLAG
        ]

    @property
    def red_flag_recall(self) -> float:
        """Share of red-flag examples escalated."""
        flagged = [p for p in self.predictions if p.label == RED_FLAG]
        return _share(p.predicted == RED_FLAG for p in flagged)

    @property
    def red_flag_precision(self) -> float:
        """Share of escalated examples that were red flags (1.0 if none escalated)."""
        escalated = [p for p in self.predictions if p.predicted == RED_FLAG]
        return _share(p.label == RED_FLAG for p in escalated) if escalated else 1.0

    @property
    def out_of_scope_answered(self) -> list[Prediction]:
        """Out-of-scope examples that were given an FAQ answer (false answers)."""
        return [
            p
            for p in self.predictions
            if p.label == OUT_OF_SCOPE and p.predicted.startswith(FAQ_PREFIX)
        ]

    @property
    def false_answer_rate(self) -> float:
        """Share of out-of-scope examples given an FAQ answer."""
        out_of_scope = sum(p.label == OUT_OF_SCOPE for p in self.predictions)
        return len(self.out_of_scope_answered) / out_of_scope if out_of_scope else 0.0

    @property
    def macro_f1(self) -> float:
        """Mean F1 over labels present in the set."""
        scores = [s["f1"] for s in self.per_label.values() if s["support"]]
        return sum(scores) / len(scores) if scores else 0.0

    def confusions(self, top: int = 10) -> list[tuple[tuple[str, str], list[str]]]:
        """Most frequent (true, predicted) mix-ups with their example texts."""
        pairs: dict[tuple[str, str], list[str]] = {}
        for p in self.predictions:
            if p.predicted != p.label:
                pairs.setdefault((p.label, p.predicted), []).append(p.text)
        return sorted(pairs.items(), key=lambda kv: -len(kv[1]))[:top]


def _share(flags: Iterable[bool]) -> float:
    flags = list(flags)
    return sum(flags) / len(flags) if flags else 0.0


def per_label_scores(predictions: Sequence[Prediction]) -> dict[str, dict[str, float]]:
    """Precision, recall, F1 and support per true label."""
    tp, fp, fn = Counter(), Counter(), Counter()
    for p in predictions:
        if p.predicted == p.label:
            tp[p.label] += 1
        else:
            fp[p.predicted] += 1
            fn[p.label] += 1
    scores = {}
    for label in sorted({p.label for p in predictions}):
        precision = (
            tp[label] / (tp[label] + fp[label]) if tp[label] + fp[label] else 0.0
        )
        recall = tp[label] / (tp[label] + fn[label]) if tp[label] + fn[label] else 0.0
        f1 = (
            2 * precision * recall / (precision + recall) if precision + recall else 0.0
        )
        scores[label] = {
            "precision": precision,
            "recall": recall,
            "f1": f1,
            "support": tp[label] + fn[label],
        }
    return scores


def load_examples(path: Path) -> list[Example]:
    """Reads a Rasa NLU YAML file into labelled examples (`faq/<id>` for FAQs)."""
    from rasa.shared.nlu.training_data.loading import load_data

    data = load_data(str(path))
    examples = []
    for message in data.intent_examples:
        label = message.get("intent_response_key") or message.get("intent")
        examples.append(Example(text=message.get("text"), label=label))
    return examples


def label_of(parse: dict) -> tuple[str, float]:
    """The full label and its confidence from a Rasa parse result."""
    intent = parse.get("intent") or {}
    name = intent.get("name") or "None"
    if name in ANSWERED_BY_SELECTOR:
        # a ResponseSelector without `retrieval_intent` (Rasa's default pipeline,
        # measured by `make bench`) puts its choice under "default"
        selectors = parse.get("response_selector") or {}
        selected = (selectors.get("faq") or selectors.get("default") or {}).get(
            "response", {}
        )
        return selected.get("intent_response_key") or name, float(
            selected.get("confidence") or 0.0
        )
    return name, float(intent.get("confidence") or 0.0)


def load_agent(model_path: Path) -> Agent:
    """Loads a trained model for parsing, with Rasa's per-parse debug logging off."""
    import structlog
    from rasa.core.agent import Agent

    # Rasa logs every parse at debug level; an evaluation of hundreds is unreadable.
    structlog.configure(
        wrapper_class=structlog.make_filtering_bound_logger(logging.WARNING)
    )
    return Agent.load(str(model_path))


def predict(
    agent: Agent,
    examples: Sequence[Example],
    parse: Callable[[str], Awaitable[dict]] | None = None,
) -> list[Prediction]:
    """Parses every example
    (with `parse`, default the agent's full NLU) into predictions."""
    parse = parse or agent.parse_message

    async def parse_all() -> list[Prediction]:
        out = []
        for ex in examples:
            predicted, confidence = label_of(await parse(ex.text))
            out.append(Prediction(ex.text, ex.label, predicted, confidence))
        return out

    return asyncio.run(parse_all())


def evaluate(model_path: Path, examples: Sequence[Example]) -> Report:
    """Parses every example with the model and returns the report."""
    return Report(predict(load_agent(model_path), examples))
