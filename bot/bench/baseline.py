"""Pipeline (c): TF-IDF, and the label of the most cosine-similar training question."""

from __future__ import annotations

from collections.abc import Sequence

from bot.evaluation import Example, Prediction
from bot.nlu.retrieval import NearestQuestion


class TfidfNearestNeighbour:
    """Word (1-2 gram) and character (2-4 gram) TF-IDF; answers as the nearest question.

    No confidence threshold: it always answers, as a plain retrieval baseline would.
    """

    def __init__(self) -> None:
        self.retriever = NearestQuestion()

    def fit(self, examples: Sequence[Example]) -> TfidfNearestNeighbour:
        """Learns the vocabulary and remembers every training question."""
        self.retriever.fit([e.text for e in examples], [e.label for e in examples])
        return self

    def predict(self, examples: Sequence[Example]) -> list[Prediction]:
        """The nearest training question's label; confidence: the cosine similarity."""
        nearest = self.retriever.nearest([e.text for e in examples])
        return [
            Prediction(e.text, e.label, label, similarity)
            for e, (label, similarity) in zip(examples, nearest, strict=True)
        ]
