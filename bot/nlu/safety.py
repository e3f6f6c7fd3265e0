"""What the safety rules make of a message, in English or another language.

The one place that combines the English clinical rules (bot.clinical), the
other languages' red-flag rules (bot.clinical.other_languages) and their second
reader (bot.clinical.red_flag_classifier), and language identification
(bot.nlu.language). No Rasa import.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from bot.clinical import Analysis, RedFlagKind, analyse
from bot.clinical.other_languages import (
    find_red_flags,
    find_romanised_red_flags,
    load_rules,
)
from bot.clinical.red_flag_classifier import classify
from bot.nlu.language import (
    MAX_ENGLISH_SHARE,
    SUPPORTED,
    detect_language,
    english_share,
    leans_non_english,
    written_in_latin,
)

# Another language's red-flag rules also read a message too short to identify
# ("no puedo mear") unless English words make up more than this share of it, or
# lingua's best guess is English: Spanish "suicid*" must not fire on "I'm not
# suicidal or anything", nor "37 5" on "my temp was 37.5".
OTHER_RULES_MAX_ENGLISH_SHARE = 0.4
# Romanised Arabic, Bengali and Urdu ("seene me dard", "buke betha", "sadri
# wage3ni") cannot be identified: lingua returns None, or a Latin-script language
# it is unsure of. Their rules (bot/clinical/other_languages/*-latn.yml) read every
# message in Latin letters whose own language's rules found nothing, English ones
# included (Roman Urdu is mixed with English: "my ammi ka peshab nikal gaya"); their
# words are ones English never uses, and tests/nlu/test_language.py runs them on
# every English message of the repository. A match is answered in their language.


# The red-flag classifier reads a message lingua cannot name (romanised Bengali,
# Urdu or Arabic) only when it is at least this long and English words make up at
# most MAX_ENGLISH_SHARE of it: on the repository's English messages it then reads
# none ("ta ra", "cn i bk in pls" and "no, i don't consent" are short).
CLASSIFIER_MIN_WORDS = 6


def _long_and_not_english(text: str) -> bool:
    return (
        len(text.split()) >= CLASSIFIER_MIN_WORDS
        and english_share(text) <= MAX_ENGLISH_SHARE
    )


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


def _foreign_set_asides(analysis: Analysis, text: str, language: str) -> Analysis:
    """The English findings in a message identified as `language`, less the ones
    its own cues set aside: English rules read "cauda equina" in "¿Qué significa
    cauda equina?" or "sin signos de cauda equina", but not the Spanish question
    or denial around it."""
    rules = load_rules().get(language)
    if rules is None or not all(
        rules.dismisses(text, flag.text) for flag in analysis.red_flags
    ):
        return analysis
    return replace(
        analysis, red_flags=(), dismissed=analysis.dismissed + analysis.red_flags
    )


def read_message(text: str) -> Reading:
    """The language and red flags of one message."""
    analysis = analyse(text)
    language = detect_language(text)
    latin = written_in_latin(text)
    if analysis.is_red_flag and language in SUPPORTED:
        analysis = _foreign_set_asides(analysis, text, language)
    if analysis.is_red_flag:
        if language is None and latin:
            # the English rules decide; romanised words choose the reply's language
            language = find_romanised_red_flags(text)[0]
        return Reading(analysis, language)
    if language is None and (
        english_share(text) > OTHER_RULES_MAX_ENGLISH_SHARE
        or not leans_non_english(text)
    ):
        matched, kinds = find_romanised_red_flags(text) if latin else (None, ())
        return Reading(analysis, matched, kinds)
    matched, kinds = find_red_flags(text, language)
    if latin and (not kinds or language not in SUPPORTED):
        # romanised, unidentified or taken for a Latin-script language ("nl"): the
        # romanised rules name the language of the reply
        romanised, romanised_kinds = find_romanised_red_flags(text)
        if romanised_kinds:
            return Reading(analysis, romanised, romanised_kinds)
    if not kinds and (language in SUPPORTED or _long_and_not_english(text)):
        # what the rules missed, the classifier learnt from example messages reads
        learnt = classify(text)
        kinds = (learnt,) if learnt else ()
    return Reading(analysis, language or matched, kinds)
