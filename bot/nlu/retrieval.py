"""The nearest training question by TF-IDF: a second, independent reader of FAQs.

Word (1-2 gram) and character (2-4 gram) TF-IDF, cosine similarity. The bench
uses it as the plain retrieval baseline (bot/bench/baseline.py); the assistant
uses it as a second opinion on the response selector (FaqSecondOpinion in
bot/nlu/components.py). No Rasa import.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any


class TextVectors:
    """Word (1-2 gram) and character (2-4 gram) TF-IDF of a text, one unit vector.

    What both readers of a message see: the nearest question (below) and the
    linear classifiers (bot/nlu/linear.py). Deterministic: the same texts give
    the same vocabulary and vectors.
    """

    def __init__(self) -> None:
        from sklearn.feature_extraction.text import TfidfVectorizer

        self.vectorizers = (
            TfidfVectorizer(analyzer="word", ngram_range=(1, 2), sublinear_tf=True),
            TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 4), sublinear_tf=True),
        )

    def fit_transform(self, texts: Sequence[str]) -> Any:
        """Learns the vocabulary from `texts`; returns their vectors (sparse rows)."""
        return self._vectors(texts, fit=True)

    def transform(self, texts: Sequence[str]) -> Any:
        """The vectors of `texts` in the learnt vocabulary (sparse rows)."""
        return self._vectors(texts, fit=False)

    def _vectors(self, texts: Sequence[str], fit: bool) -> Any:
        from scipy.sparse import hstack
        from sklearn.preprocessing import normalize

        parts = [
            v.fit_transform(texts) if fit else v.transform(texts)
            for v in self.vectorizers
        ]
        return normalize(hstack(parts).tocsr())


class NearestQuestion:
    """Remembers labelled questions; tells the label of the most similar one."""

    def __init__(self) -> None:
        self.vectors = TextVectors()
        self.labels: list[str] = []
        self.matrix: Any = None

    def fit(self, texts: Sequence[str], labels: Sequence[str]) -> NearestQuestion:
        """Learns the vocabulary and remembers every question with its label."""
        if len(texts) != len(labels) or not texts:
            raise ValueError("fit() needs as many labels as questions, and some")
        self.labels = list(labels)
        self.matrix = self.vectors.fit_transform(texts)
        return self

    def _similarity(self, texts: Sequence[str]) -> Any:
        """Cosine similarity of each text (rows) to each question (columns)."""
        if self.matrix is None:
            raise RuntimeError("fit() first")
        return (self.vectors.transform(texts) @ self.matrix.T).toarray()

    def nearest(self, texts: Sequence[str]) -> list[tuple[str, float]]:
        """For each text, the nearest question's label and its cosine similarity."""
        similarity = self._similarity(texts)
        best = similarity.argmax(axis=1)
        return [(self.labels[j], float(similarity[i, j])) for i, j in enumerate(best)]

    def ranking(
        self, texts: Sequence[str], k: int = 10
    ) -> list[list[tuple[str, float]]]:
        """Up to `k` labels per text, by their most similar question, best first."""
        rankings = []
        for row in self._similarity(texts):
            best: dict[str, float] = {}
            for j in row.argsort()[::-1]:
                label = self.labels[j]
                if label not in best:
                    best[label] = float(row[j])
                    if len(best) == k:
                        break
            rankings.append(list(best.items()))
        return rankings
