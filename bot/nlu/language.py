"""A cheap, deterministic guess at whether a message is written in English.

The assistant answers in English only. Rather than a statistical language model
(none can be downloaded here) we look at two signals that are reliable on chat
messages: the script of the letters, and function words of common languages.
"""

from __future__ import annotations

import re

_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)

ENGLISH_WORDS = frozenset(
    "a about after am an and any are at back be but can could did do does for from "
    "had has have he help hi hello how i if in is it its me my need no not of on or "
    "pain please she so that the them there they this to was we what when where "
    "which who why will with would you your".split()
)

# Frequent function words of languages patients of a London clinic write in.
# Words that are also English (e.g. "a", "in", "die") are left out on purpose.
FOREIGN_WORDS = frozenset(
    # French
    "je j suis mon ma mes le la les des du une est avec pour pas dos mal bonjour "
    "merci vous est-ce qu que quel quelle où combien "
    # Spanish / Portuguese / Italian
    "el los las una es con por para estoy tengo duele espalda hola gracias usted "
    "cuánto dónde qué eu tenho minha meu dor costas obrigado você quanto onde "
    "sono ho mal di schiena ciao grazie dove quanto che della il lo gli "
    # German / Dutch
    "ich habe mein meine der das und ist nicht mit rücken schmerzen hallo danke "
    "wie wo ik heb mijn pijn rug "
    # Polish / Romanian
    "jestem mam mnie boli plecy dzień dobry dziękuję gdzie ile sunt am mă doare "
    "spatele".split()
) - ENGLISH_WORDS


def looks_non_english(text: str) -> bool:
    """True when the message is clearly not English (other script or foreign words)."""
    letters = [ch for ch in text if ch.isalpha()]
    if len(letters) < 3:
        return False
    non_latin = sum(1 for ch in letters if not ("a" <= ch.lower() <= "z") and ord(ch) > 0x24F)
    if non_latin / len(letters) > 0.5:
        return True
    words = [w.lower() for w in _WORD.findall(text)]
    foreign = sum(1 for w in words if w in FOREIGN_WORDS)
    english = sum(1 for w in words if w in ENGLISH_WORDS)
    return foreign >= 2 and foreign > 2 * english
