"""Message clean-up before tokenising (markup, spacing, case), with a map back to
the original offsets, and cutting long text into chunks."""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from dataclasses import dataclass

# An HTML tag or an HTML character reference.
_MARKUP = re.compile(
    r"(?P<tag></?[A-Za-z!][^<>]{0,500}>)"
    r"|(?P<ref>&(?:#\d{1,7}|#[xX][0-9A-Fa-f]{1,6}|[A-Za-z]{2,10});)"
)
_SPACE = re.compile(r"\s+")
# Typographic characters the tokenizer's contraction rules do not expect.
_CHAR_MAP = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'", "`": "'"})


@dataclass(frozen=True)
class CleanText:
    """Cleaned, lower-cased text and, per character, where it came from.

    Character i of `text` stands for original[starts[i]:ends[i]] (one character,
    or a whole character reference such as "&amp;").
    """

    text: str
    starts: tuple[int, ...]
    ends: tuple[int, ...]
    original: str

    def span(self, start: int, end: int) -> tuple[int, int]:
        """Original (start, end) offsets of the cleaned range [start, end)."""
        if end <= start:
            position = self.starts[start] if start < len(self.starts) else 0
            return position, position
        return self.starts[start], self.ends[end - 1]


def _lower(text: str) -> str:
    """Lower-case without changing the length (a few characters grow when lowered)."""
    lowered = text.lower()
    if len(lowered) == len(text):
        return lowered
    return "".join(ch.lower() if len(ch.lower()) == 1 else ch for ch in text)


def _replace(
    text: str,
    starts: list[int],
    ends: list[int],
    pattern: re.Pattern[str],
    replace: Callable[[re.Match[str]], str],
) -> tuple[str, list[int], list[int]]:
    """Replace each match of pattern, carrying the offset maps along."""
    parts: list[str] = []
    new_starts: list[int] = []
    new_ends: list[int] = []
    position = 0
    for match in pattern.finditer(text):
        if match.start() > position:
            parts.append(text[position : match.start()])
            new_starts.extend(starts[position : match.start()])
            new_ends.extend(ends[position : match.start()])
        replacement = replace(match)
        parts.append(replacement)
        new_starts.extend([starts[match.start()]] * len(replacement))
        new_ends.extend([ends[match.end() - 1]] * len(replacement))
        position = match.end()
    parts.append(text[position:])
    new_starts.extend(starts[position:])
    new_ends.extend(ends[position:])
    return "".join(parts), new_starts, new_ends


def _markup(match: re.Match[str]) -> str:
    """A tag becomes a space; a character reference becomes its character."""
    if match.lastgroup == "tag":
        return " "
    decoded = html.unescape(match.group())
    return " " if decoded.isspace() else decoded


def _space(match: re.Match[str]) -> str:
    """A whitespace run becomes a newline if it held a line break, else a space."""
    return "\n" if "\n" in match.group() or "\r" in match.group() else " "


def clean(original: str) -> CleanText:
    """Drop HTML tags, decode character references, squeeze whitespace, lower-case.

    Lower-casing lets the tokenizer split "CAN'T" like "can't"; a whitespace run
    becomes one space, or one newline when it held a line break (a clause break),
    so that a stray double space cannot split a phrase the rules look for.
    """
    text = original
    starts, ends = list(range(len(text))), list(range(1, len(text) + 1))
    if "<" in text or "&" in text:
        text, starts, ends = _replace(text, starts, ends, _MARKUP, _markup)
    text, starts, ends = _replace(text, starts, ends, _SPACE, _space)
    text = _lower(text.translate(_CHAR_MAP))
    return CleanText(text, tuple(starts), tuple(ends), original)


def chunk_bounds(text: str, size: int) -> list[tuple[int, int]]:
    """Split text into pieces of at most `size` characters, cut at a line or space."""
    bounds: list[tuple[int, int]] = []
    start = 0
    while len(text) - start > size:
        window = text[start : start + size]
        cut = max(window.rfind("\n"), window.rfind(". "))
        if cut < size // 2:
            cut = window.rfind(" ")
        if cut < size // 2:
            cut = size - 1
        bounds.append((start, start + cut + 1))
        start += cut + 1
    if start < len(text) or not bounds:
        bounds.append((start, len(text)))
    return bounds
