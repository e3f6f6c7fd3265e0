"""Pipeline (c): TF-IDF, and the label of the most cosine-similar training question."""

from __future__ import annotations

from typing import Sequence

from bot.evaluation import Example, Prediction


class TfidfNearestNeighbour:
    """Word (1-2 gram) and character (2-4 gram) TF-IDF; answers as the nearest question.

    No confidence threshold: it always answers, as a plain retrieval baseline would.
    """

    def __init__(self) -> None:
        from sklearn.feature_extraction.text import TfidfVectorizer

        self.vectorizers = (
            TfidfVectorizer(analyzer="word", ngram_range=(1, 2), sublinear_tf=True),
            TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 4), sublinear_tf=True),
        )
        self.labels: list[str] = []
        self.matrix = None

    def _vectors(self, texts: Sequence[str], fit: bool = False):
        from scipy.sparse import hstack
        from sklearn.preprocessing import normalize

        parts = [
            v.fit_transform(texts) if fit else v.transform(texts)
            for v in self.vectorizers
        ]
        return normalize(hstack(parts).tocsr())

    def fit(self, examples: Sequence[Example]) -> "TfidfNearestNeighbour":
        """Learns the vocabulary and remembers every training question."""
        self.labels = [e.label for e in examples]
        self.matrix = self._vectors([e.text for e in examples], fit=True)
        return self

    def predict(self, examples: Sequence[Example]) -> list[Prediction]:
        """The nearest training question's label; confidence: the cosine similarity."""
        if self.matrix is None:
            raise RuntimeError("fit() first")
        similarity = (
            self._vectors([e.text for e in examples]) @ self.matrix.T
        ).toarray()
        best = similarity.argmax(axis=1)
        return [
            Prediction(e.text, e.label, self.labels[j], float(similarity[i, j]))
            for i, (e, j) in enumerate(zip(examples, best, strict=True))
        ]
