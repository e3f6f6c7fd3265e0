"""What the safety rules make of a message, in English or another language.

The one place that combines the English clinical rules (bot.clinical), the
other languages' red-flag rules (bot.clinical.other_languages) and language
identification (bot.nlu.language). No Rasa import.
"""

from __future__ import annotations

from dataclasses import dataclass

from bot.clinical import Analysis, RedFlagKind, analyse
from bot.clinical.other_languages import find_red_flags
from bot.nlu.language import detect_language, english_share, leans_non_english

# Another language's red-flag rules also read a message too short to identify
# ("no puedo mear") unless English words make up more than this share of it, or
# lingua's best guess is English: Spanish "suicid*" must not fire on "I'm not
# suicidal or anything", nor "37 5" on "my temp was 37.5".
OTHER_RULES_MAX_ENGLISH_SHARE = 0.4


@dataclass(frozen=True)
class Reading:
    """A message's language and the red flags found in it."""

    analysis: Analysis  # the English rules' findings (entities, set-asides)
    # The language when it is not English: identified, or else the language whose
    # red-flag rules matched; None for English.
    language: str | None
    other_language_kinds: tuple[RedFlagKind, ...] = ()

    @property
    def is_red_flag(self) -> bool:
        """True when the rules of any language find an emergency."""
        return self.analysis.is_red_flag or bool(self.other_language_kinds)

    @property
    def red_flag_kind(self) -> RedFlagKind | None:
        """The kind to act on (self-harm first), or None."""
        if self.analysis.is_red_flag:
            flag = self.analysis.primary_red_flag
            return flag.kind if flag else None
        return self.other_language_kinds[0] if self.other_language_kinds else None


def read_message(text: str) -> Reading:
    """The language and red flags of one message."""
    analysis = analyse(text)
    language = detect_language(text)
    if analysis.is_red_flag:
        return Reading(analysis, language)
    if language is None and (
        english_share(text) > OTHER_RULES_MAX_ENGLISH_SHARE
        or not leans_non_english(text)
    ):
        return Reading(analysis, None)
    matched, kinds = find_red_flags(text, language)
    return Reading(analysis, language or matched, kinds)
