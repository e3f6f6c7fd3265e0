"""Cleaning of free text typed by patients, shared by validation and display."""

from __future__ import annotations

import unicodedata

# Right-to-left overrides can make a stored value display as something else.
BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


def clean_text(text: object) -> str:
    """NFC-normalise, drop control and bidi-override characters, collapse spaces."""
    if text is None or text == "":
        return ""
    normalised = unicodedata.normalize("NFC", str(text))
    kept = (
        " " if unicodedata.category(ch) == "Cc" else ch
        for ch in normalised
        if ch not in BIDI_CONTROLS
    )
    return " ".join("".join(kept).split())
