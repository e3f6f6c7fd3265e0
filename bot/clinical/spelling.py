"""Misspelling tolerance: map a word to a keyword within a small edit distance."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from functools import lru_cache

# No keyword is anywhere near this long, and the symmetric-deletion look-up costs
# about length**3 / 2 strings: a longer "word" (a pasted hash, a hostile message)
# is left alone instead of costing seconds and gigabytes.
MAX_CORRECTED_LENGTH = 25


def max_edits(length: int) -> int:
    """How many edits a word of this length may be from a keyword: 0, 1 or 2."""
    if length < 4 or length > MAX_CORRECTED_LENGTH:
        return 0
    if length <= 6:
        return 1
    return 2


def edit_distance(a: str, b: str, limit: int) -> int:
    """Optimal-string-alignment distance (a swap of neighbours is one edit).

    Returns limit + 1 as soon as the distance is known to exceed limit.
    """
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    previous2: list[int] = []
    previous = list(range(len(b) + 1))
    for i, char_a in enumerate(a, start=1):
        current = [i] + [0] * len(b)
        for j, char_b in enumerate(b, start=1):
            cost = 0 if char_a == char_b else 1
            current[j] = min(
                previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost
            )
            if (
                i > 1
                and j > 1
                and char_a == b[j - 2]
                and a[i - 2] == char_b
                and previous2[j - 2] + 1 < current[j]
            ):
                current[j] = previous2[j - 2] + 1
        if min(current) > limit:
            return limit + 1
        previous2, previous = previous, current
    return previous[-1]


def _deletions(word: str, depth: int) -> set[str]:
    """The word and every string made by deleting up to `depth` of its letters."""
    found = {word}
    frontier = {word}
    for _ in range(depth):
        frontier = {w[:i] + w[i + 1 :] for w in frontier for i in range(len(w))}
        found |= frontier
    return found


class Speller:
    """Corrects words to keywords: an explicit map first, then a fuzzy match.

    The fuzzy match (a symmetric-deletion index, so a look-up costs a few dozen
    dictionary probes) only corrects alphabetic words of four letters or more that
    start with the keyword's first letter, are not themselves a protected real
    word, and sit within max_edits of the shorter of the two words from exactly
    one nearest keyword.
    """

    def __init__(
        self,
        keywords: Iterable[str],
        explicit: Mapping[str, str],
        protected: Iterable[str],
    ) -> None:
        self._keywords = frozenset(keywords)
        self._explicit = dict(explicit)
        self._protected = frozenset(protected)
        self._index: dict[str, set[str]] = {}
        for keyword in self._keywords:
            for variant in _deletions(keyword, max_edits(len(keyword) + 2)):
                self._index.setdefault(variant, set()).add(keyword)
        self.correct = lru_cache(maxsize=65536)(self._correct)

    def _correct(self, word: str) -> str | None:
        """The canonical keyword for a lower-case word, or None to leave it alone."""
        if word in self._explicit:
            return self._explicit[word]
        if word in self._keywords or word in self._protected:
            return None
        limit = max_edits(len(word))
        if limit == 0 or not word.isalpha():
            return None
        candidates: set[str] = set()
        for variant in _deletions(word, limit):
            candidates |= self._index.get(variant, set())
        scored = sorted(
            (
                edit_distance(word, keyword, limit),
                abs(len(word) - len(keyword)),
                keyword,
            )
            for keyword in candidates
            if keyword[0] == word[0]
        )
        # The shorter of the two words sets the limit: "growing" is not "groin".
        scored = [
            entry
            for entry in scored
            if entry[0] <= max_edits(min(len(word), len(entry[2])))
        ]
        if not scored:
            return None
        if len(scored) > 1 and scored[0][:2] == scored[1][:2]:
            return None  # two keywords equally near: too ambiguous to guess
        return scored[0][2]
