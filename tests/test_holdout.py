"""The held-out NLU gate: the trained model on questions it never saw in training.

tests/nlu_holdout.yml was written independently of the training questions. The
gate: response-selection accuracy >= 0.90 and every red-flag example escalated.
"""

from __future__ import annotations

import re

import pytest

from bot.evaluation import HOLDOUT, Report, evaluate, load_examples
from tests.assistant import MODEL

MIN_FAQ_ACCURACY = 0.90


@pytest.fixture(scope="module")
def report() -> Report:
    return evaluate(MODEL, load_examples(HOLDOUT))


def test_holdout_covers_every_faq_with_five_examples() -> None:
    from bot.faqtool.source import load_all

    labels = [e.label for e in load_examples(HOLDOUT)]
    for faq in load_all():
        assert labels.count(f"faq/{faq.id}") >= 5, faq.id


def _normalised(text: str) -> str:
    return " ".join(re.sub(r"[^\w]+", " ", text.lower()).split())


def test_holdout_is_not_in_the_training_data() -> None:
    """Not one held-out message is a training example
    (ignoring case and punctuation)."""
    from bot.bench.data import examples_of, load_training_data
    from bot.faqtool.source import load_all

    trained = {_normalised(q) for faq in load_all() for q in faq.questions}
    trained |= {_normalised(e.text) for e in examples_of(load_training_data())}
    leaked = [e.text for e in load_examples(HOLDOUT) if _normalised(e.text) in trained]
    assert leaked == []


def test_response_selection_accuracy(report: Report) -> None:
    wrong = [
        (p.text, p.label, p.predicted)
        for p in report.faq_predictions
        if p.predicted != p.label
    ]
    assert report.faq_accuracy >= MIN_FAQ_ACCURACY, wrong


def test_every_red_flag_is_escalated(report: Report) -> None:
    assert [p.text for p in report.red_flag_missed] == []
