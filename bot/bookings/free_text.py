"""Cleaning of free text typed by patients, shared by validation and display."""

from __future__ import annotations

import re
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


# An auxiliary verb followed by its subject opens a question ("can I come on
# Saturday", "does it hurt"); followed by anything else it is a statement
# ("have had back pain for years", "could be my disc").
_QUESTION_START = re.compile(
    r"^(?:(?:so|and|but|ok|okay|sorry|um|er|oh|also|quick question|actually|wait"
    r"|hang on|hold on|sorry but|first|before that|just)[\s,]+)*"
    r"(?:(?:what|whats|how|hows|why|who|whos|whose|which|where|wheres)\b"
    r"|when\s+(?:is|are|do|does|can|could|will|would|should|shall|might)\b"
    r"|(?:is|are|am|was|were|do|does|did|can|could|will|would|should|shall|may"
    r"|have|has|might|must)(?:n't|nt)?\s+"
    r"(?:i|you|we|they|it|he|she|there|this|that|these|those|the|my|your|idd"
    r"|someone|somebody|anyone|anybody|a|an)\b)",
    re.IGNORECASE,
)


def looks_like_question(text: object) -> bool:
    """True for a message that asks: ends with "?" or opens like a question."""
    words = clean_text(text).replace("\u2019", "'")
    if not words:
        return False
    return words.rstrip(" .!").endswith("?") or bool(
        _QUESTION_START.match(words.replace("'", ""))
    )
