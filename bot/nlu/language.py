"""Which language a patient's message is written in, when it is clearly not English.

The assistant answers in English, and in the patient's language for its fixed
messages (the emergency line, "I answer in English", the phone numbers). The
language is identified by lingua (`lingua-language-detector`, whose n-gram models
ship inside the package: nothing is downloaded), among English and the languages
patients of a London clinic write in. Its guess is only taken when it is clear:

- a message in a non-Latin script (Arabic, Bengali, Urdu...) is that language;
- a Latin-script message must be long enough, the guess confident, and English
  words must not make up much of it: English with typos, slang and medical terms,
  or with a word of another language ("gracias, what is IDD?"), stays English.

Measured on every English message of the repository's data and test sets (0 may
be taken for another language) by tests/nlu/test_language.py and `make bench`.
lingua's high-accuracy mode is used: its low-accuracy mode (trigrams only, 37 MB
instead of about 350 MB once every model is loaded) took 25 of those English
messages for another language ("whats ur phone no": German).
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from lingua import LanguageDetector

ENGLISH = "en"
# The languages the clinic's fixed replies and red-flag rules are written in.
SUPPORTED = ("es", "pl", "ro", "pt", "it", "fr", "ar", "tr", "bn", "ur")
# Others patients may write in, recognised so that they are not forced into one
# of the above; they get the fixed reply in English.
RECOGNISED = ("de", "nl", "ru", "uk", "hi", "fa", "zh", "el")
# Thresholds for Latin-script text, chosen on the English sets (0 misdetections)
# and the rule files' own examples, never on a blind set.
MIN_LATIN_LETTERS = 12
MIN_LATIN_WORDS = 3  # "anna kowalska", "spinal mobilisation" are not sentences
MIN_CONFIDENCE = 0.5
MAX_ENGLISH_SHARE = 0.25

_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)


@lru_cache(maxsize=1)
def _detector() -> LanguageDetector:
    from lingua import IsoCode639_1, Language, LanguageDetectorBuilder

    codes = (ENGLISH, *SUPPORTED, *RECOGNISED)
    languages = [
        Language.from_iso_code_639_1(getattr(IsoCode639_1, code.upper()))
        for code in codes
    ]
    return LanguageDetectorBuilder.from_languages(*languages).build()


@lru_cache(maxsize=1)
def _english_words() -> frozenset[str]:
    from spacy.lang.en.stop_words import STOP_WORDS

    # Words a patient writes in English that are not function words.
    clinic_words = (
        "pain back leg legs neck hi hello thanks thank please ok okay yes help "
        "idd therapy injection injections surgery book appointment doctor clinic "
        "spine disc sciatica physio how what much cost hurt hurts"
    )
    return frozenset(STOP_WORDS) | frozenset(clinic_words.split())


# Frequent function words of the languages patients write in that are not also
# English words ("a", "in", "die" and the like are left out on purpose). Short
# messages ("j'ai mal au dos") are where lingua hesitates and these decide.
FUNCTION_WORDS: dict[str, frozenset[str]] = {
    code: frozenset(words.split())
    for code, words in {
        "fr": "je j ai suis mon ma mes le la les des du une est avec pour pas dos mal "
        "au bonjour merci vous qu que quel quelle où combien",
        "es": "el los las una es con por para estoy tengo duele espalda hola gracias "
        "usted cuánto dónde qué que me mi la de del y muy",
        "pt": "eu tenho minha meu dor costas obrigado obrigada você quanto onde não "
        "estou com da do os uma muito",
        "it": "sono ho un non mi di schiena ciao grazie dove che della il lo gli",
        "de": "ich habe mein meine der das und ist nicht mit rücken schmerzen hallo "
        "danke wie wo",
        "nl": "ik heb mijn pijn rug het een niet",
        "pl": "jestem mam mnie boli plecy dzień dobry dziękuję gdzie ile nie się",
        "ro": "sunt mă doare spatele și nu am de la",
        "tr": "bir ve bu çok ağrı ben var yok",
    }.items()
}


def _function_word_language(text: str) -> str | None:
    """The language whose function words the message is made of, or None."""
    found = [word.lower() for word in _WORD.findall(text)]
    english = sum(1 for word in found if word in _english_words())
    counts = {
        code: sum(1 for word in found if word in vocabulary)
        for code, vocabulary in FUNCTION_WORDS.items()
    }
    best = max(counts, key=counts.__getitem__)
    if counts[best] >= 2 and counts[best] > 2 * english:
        return best
    return None


@lru_cache(maxsize=64)
def _best_guess(text: str) -> tuple[str, float]:
    """lingua's most likely language for `text` (ISO 639-1) and its confidence.

    Cached: identifying a message and asking which way it leans (bot/nlu/safety.py)
    read the same text, and lingua runs once.
    """
    best = _detector().compute_language_confidence_values(text)[0]
    return best.language.iso_code_639_1.name.lower(), best.value


def warm_up() -> None:
    """Loads the detector now rather than on the first message."""
    _detector().compute_language_confidence_values("warm up the language models")


def _mostly_non_latin(letters: list[str]) -> bool:
    """True when most letters are outside the Latin script."""
    non_latin = sum(
        1 for ch in letters if not unicodedata.name(ch, "").startswith("LATIN")
    )
    return non_latin / len(letters) > 0.5


def written_in_latin(text: str) -> bool:
    """True when the message has letters and most are of the Latin script
    (English, French..., and romanised Arabic, Bengali or Urdu)."""
    letters = [ch for ch in text if ch.isalpha()]
    return bool(letters) and not _mostly_non_latin(letters)


def english_share(text: str) -> float:
    """The share of the message's words that are common English words."""
    found = [word.lower() for word in _WORD.findall(text)]
    if not found:
        return 0.0
    english = _english_words()
    return sum(1 for word in found if word in english) / len(found)


def detect_language(text: str) -> str | None:
    """The ISO 639-1 code of the message's language when it is clearly not English.

    None for English, for messages too short or too mixed to tell, and for
    messages with no letters.
    """
    letters = [ch for ch in text if ch.isalpha()]
    if len(letters) < 2:
        return None
    non_latin = _mostly_non_latin(letters)
    function_words = None if non_latin else _function_word_language(text)
    if not non_latin:
        if english_share(text) > MAX_ENGLISH_SHARE:
            return None
        sentence = (
            len(letters) >= MIN_LATIN_LETTERS
            and len(_WORD.findall(text)) >= MIN_LATIN_WORDS
        )
        if not sentence and not function_words:
            return None
    code, confidence = _best_guess(text)
    if non_latin or (code != ENGLISH and confidence >= MIN_CONFIDENCE):
        return None if code == ENGLISH else code
    # a short message such as "j'ai mal au dos": lingua hesitates between close
    # languages, but its function words are not English
    return function_words


def leans_non_english(text: str) -> bool:
    """True when lingua's best guess, however unsure, is not English.

    For messages too short to identify: "no puedo mear" leans Spanish, "checked
    my temp, 37.5 then 36.9" leans English.
    """
    if not any(ch.isalpha() for ch in text):
        return False
    return _best_guess(text)[0] != ENGLISH


def looks_non_english(text: str) -> bool:
    """True when the message is clearly written in another language."""
    return detect_language(text) is not None
