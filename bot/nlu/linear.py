"""A linear reader of messages: TF-IDF features and a logistic regression.

The intent classifier and the FAQ answer selection (bot/nlu/classifiers.py) are
each one of these. Chosen over DIET and Rasa's ResponseSelector because it trains
in seconds rather than minutes on 2 cores, and because training is deterministic
and convex: the same data give the same model, and an FAQ whose questions share
nothing with the others barely moves their answers (docs/benchmarks.md,
docs/experiments.md). No Rasa import.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from bot.nlu.retrieval import TextVectors


class LinearReader:
    """Labels texts with a multinomial logistic regression over TF-IDF n-grams.

    `c` is the inverse regularisation strength; `balanced` weighs every label as
    if it had as many examples as the others (greetings have far fewer than FAQ
    questions).
    """

    def __init__(self, c: float, balanced: bool) -> None:
        self.c = c
        self.balanced = balanced
        self.vectors = TextVectors()
        self.model: Any = None

    def fit(self, texts: Sequence[str], labels: Sequence[str]) -> LinearReader:
        """Learns the vocabulary and the weights; needs two labels or more."""
        from sklearn.linear_model import LogisticRegression

        if len(texts) != len(labels) or len(set(labels)) < 2:
            raise ValueError("fit() needs a label per text, and two labels or more")
        self.model = LogisticRegression(
            C=self.c,
            class_weight="balanced" if self.balanced else None,
            max_iter=3000,
            solver="lbfgs",
        ).fit(self.vectors.fit_transform(texts), list(labels))
        return self

    @property
    def labels(self) -> list[str]:
        """Every label the reader knows."""
        return [str(label) for label in self.model.classes_]

    def ranking(
        self, texts: Sequence[str], k: int = 10
    ) -> list[list[tuple[str, float]]]:
        """Up to `k` (label, probability) pairs per text, most probable first."""
        if self.model is None:
            raise RuntimeError("fit() first")
        probabilities = self.model.predict_proba(self.vectors.transform(texts))
        labels = self.labels
        return [
            [(labels[j], float(row[j])) for j in (-row).argsort(kind="stable")[:k]]
            for row in probabilities
        ]
