"""The one place that decides when a classifier's intent is overruled (no Rasa import)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Optional

from bot.nlu.boundaries import asks_for_medical_advice
from bot.nlu.language import looks_non_english

RED_FLAG = "red_flag"
EMPTY = "empty_message"
NON_ENGLISH = "non_english"
NOT_SURE = "nlu_fallback"
MEDICAL_ADVICE = "ask_medical_advice"
DESCRIBE_SYMPTOMS = "describe_symptoms"
# Intents that already say what the message is about better than a medical-advice
# guess would: the booking form's own answers and requests must not be diverted.
KEEP_OVER_ADVICE = frozenset({"book_appointment", "inform", "cancel", "change_detail"})
FAQ = "faq"


@dataclass(frozen=True)
class FaqFloor:
    """When an FAQ answer is sure enough to give.

    Sure when the best answer's confidence reaches `confident`, or when it is a
    clear winner: at least `minimum` and `ratio` times the runner-up. The ratio
    matters because the selector spreads confidence over 36 similar answers, so a
    correct answer often scores 0.3 with the next one at 0.05.
    """

    confident: float = 0.5
    minimum: float = 0.2
    ratio: float = 2.0

    def is_sure(self, best: Optional[float], runner_up: Optional[float]) -> bool:
        """True when the FAQ answer with these confidences may be given."""
        if best is None:
            return False
        if best >= self.confident:
            return True
        return best >= self.minimum and best >= self.ratio * (runner_up or 0.0)


def forced_intent(
    *,
    text: str,
    intent: Optional[str],
    faq_confidences: tuple[Optional[float], Optional[float]],
    faq_floor: FaqFloor,
    red_flag: bool,
    red_flag_ruled_out: bool = False,
    red_flag_unsure: bool = False,
) -> Optional[str]:
    """The intent the rules impose on this message, or None to keep the classifier's.

    A classifier's red flag that the rules did not find is taken back when the
    rules found red-flag words and set every one aside (`red_flag_ruled_out`: "no
    numbness", "temperature of 37.2") or when the classifier is unsure of it
    (`red_flag_unsure`); the symptom answer that replaces it still says when to
    get urgent help.
    """
    if red_flag:
        return RED_FLAG
    if not text.strip():
        return EMPTY
    if looks_non_english(text):
        return NON_ENGLISH
    if intent not in KEEP_OVER_ADVICE and asks_for_medical_advice(text):
        return MEDICAL_ADVICE
    if intent == RED_FLAG and (red_flag_ruled_out or red_flag_unsure):
        return DESCRIBE_SYMPTOMS
    if intent == FAQ and not faq_floor.is_sure(*faq_confidences):
        return NOT_SURE
    return None
