"""Fixtures for the retrain workflow: held-out predictions built by hand."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from bot.evaluation import Prediction, Report


def predictions(table: dict[str, tuple[int, dict[str, int]]]) -> Report:
    """A report from {label: (answered right, {answered as: times wrong})}.

    The questions of a label are numbered: the first ones answered right, then the wrong
    ones.
    """
    out = []
    for label, (right, wrong) in table.items():
        answers = [label] * right + [
            other for other, times in wrong.items() for _ in range(times)
        ]
        out += [
            Prediction(
                f"{label} question {n}", label, answer, 0.9 if answer == label else 0.6
            )
            for n, answer in enumerate(answers)
        ]
    return Report(out)


@pytest.fixture
def make_report() -> Callable[[dict], Report]:
    """Builds a Report from a table of right and wrong answers per label."""
    return predictions
