"""The one place that decides when a classifier's intent is overruled (no Rasa import)."""

from __future__ import annotations

from typing import Optional

from bot.nlu.language import looks_non_english

RED_FLAG = "red_flag"
EMPTY = "empty_message"
NON_ENGLISH = "non_english"
NOT_SURE = "nlu_fallback"
FAQ = "faq"


def forced_intent(
    *,
    text: str,
    intent: Optional[str],
    faq_confidence: Optional[float],
    faq_floor: float,
    red_flag: bool,
) -> Optional[str]:
    """The intent the rules impose on this message, or None to keep the classifier's."""
    if red_flag:
        return RED_FLAG
    if not text.strip():
        return EMPTY
    if looks_non_english(text):
        return NON_ENGLISH
    if intent == FAQ and (faq_confidence is None or faq_confidence < faq_floor):
        return NOT_SURE
    return None
