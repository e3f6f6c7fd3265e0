"""Splitting long replies for channels that cap the length of one message."""

from __future__ import annotations

# Places to cut, best first: between paragraphs, lines, sentences, then words.
_BREAKS = ("\n\n", "\n", ". ", " ")


def utf16_length(text: str) -> int:
    """Length as Telegram and Twilio count it: UTF-16 code units (an emoji counts 2)."""
    return len(text.encode("utf-16-le")) // 2


def _longest_prefix(text: str, limit: int) -> int:
    """Number of characters of `text` that fit in `limit` UTF-16 code units."""
    units = 0
    for index, char in enumerate(text):
        units += 2 if ord(char) > 0xFFFF else 1
        if units > limit:
            return index
    return len(text)


def split_message(text: str, limit: int) -> list[str]:
    """Splits `text` into parts of at most `limit` UTF-16 code units,
    at natural breaks."""
    if limit < 2:
        raise ValueError("limit must be at least 2")
    parts: list[str] = []
    rest = text.strip()
    while utf16_length(rest) > limit:
        fits = _longest_prefix(rest, limit)
        window = rest[:fits]
        cut = fits
        for separator in _BREAKS:
            position = window.rfind(separator)
            # a break in the first half would leave a stub of a message: cut harder
            if position > fits // 2:
                cut = position + (1 if separator == ". " else 0)
                break
        parts.append(rest[:cut].rstrip())
        rest = rest[cut:].lstrip()
    if rest:
        parts.append(rest)
    return parts
