"""Sentences, clauses and questions in a patient's message (plain regular expressions).

Patients punctuate loosely: "had 2 injections - who does them at your clinic, and
how long do they last". A sentence ends at . ! ? … a line break or a spaced dash;
a clause at a comma, semicolon, colon, or an "and" that starts a new question.
No Rasa import.
"""

from __future__ import annotations

import re

_SENTENCES = re.compile(r"(?<=[.!?…])\s+|\n+|\s+-\s+")
# Each lead-in word ends at a word boundary and its separators are one character
# class: one way to match "ok ok ok ...", never exponentially many (a message of
# 600 "ok"s stalled the server when spaces and commas had two optional parts).
_LEAD_IN = (
    r"(?:(?:and|but|so|also|just|ok|okay|anyway|basically|really|honestly|hi|hello|"
    r"hiya|please|quick question|one more thing|sorry|then|plus|oh|well|right|"
    r"yes|yeah|yep|great|lovely|perfect|cool|brilliant|first|firstly|actually|"
    r"sounds (?:good|great|lovely|fine)|i (?:was|am|'m))\b[\s,]*)*"
)
_QUESTION_WORDS = (
    r"(?:what|whats|what's|wat|wot|how|hows|how's|why|when|where|wheres|where's|who|"
    r"whos|who's|which|whereabouts|"
    r"is|isn't|are|aren't|was|were|can|can't|could|would|will|do|does|did|don't|doesn't|"
    r"should|shall|have|has|any|anything|anyone|tell me|explain|describe|"
    r"i (?:want|wanted|would like|'d like|should like|need) to "
    r"(?:know|ask|understand|book|come|see)|"
    r"i'?d like to|i would like to|i want to|"
    r"(?:i|we) (?:want|need|would like|'d like) (?:the|your) (?:address|postcode|"
    r"phone number|number|location)|"
    r"i(?:'m| am)? wonder(?:ing|ed)|wondering|is it (?:possible|worth)|"
    # someone asking for a relative: "he wants to know if you're near the station"
    r"(?:he|she|they|we|my \w+) (?:wants|want|would like|'d like|needs|asked) to "
    r"(?:know|ask) (?:if|whether)|"
    r"(?:give|send|show) (?:me|us) "
    r"(?:the|your|a|an|some|more|any|details|info|information)|"
    r"let me know|"
    r"(?:can|could) (?:you|i|we|someone))\b"
)
_ASKS = re.compile(_LEAD_IN + _QUESTION_WORDS, re.IGNORECASE)
_CLAUSES = re.compile(
    r"\s*[,;:–—]\s*|\s+-\s+|\s+(?:and|&|also|plus|but|n|\+)\s+(?="
    + _QUESTION_WORDS
    + r")"
    # a numbered list: "1) is IDD the same as decompression 2) do I need a referral"
    r"|\s*(?<![\w(])\(?(?:[1-9]|[a-c])\)\s*"
    # "do you offer pilates and if so could I get booked in": the condition
    # starts a wish or a question of its own
    r"|\s+(?:and\s+)?if so\b\s*",
    re.IGNORECASE,
)


# "is it", "can you", "has anyone": an auxiliary asks when a subject follows it;
# "... and has point blank refused surgery." or "and will be driving me" tells.
_AUXILIARY_FIRST = re.compile(
    _LEAD_IN
    + r"(?:is|isn't|are|aren't|was|were|can|can't|could|would|will|do|does|did|don't|"
    r"doesn't|should|shall|have|has)\s+(\w+)",
    re.IGNORECASE,
)
_SUBJECTS = frozenset(
    """i you u yous youse ye ya he she it we they there this that these those my your
    his her our their the a an any some someone anyone anybody somebody people everyone
    one idd injections injection surgery physio shockwave pilates acupuncture
    decompression""".split()
)


def word_count(text: str) -> int:
    """Words in a text, as a patient would count them."""
    return len(re.findall(r"[\w'’]+", text))


def sentences(text: str) -> list[str]:
    """The sentences of a message."""
    return [part.strip() for part in _SENTENCES.split(text) if part and part.strip()]


def clauses(sentence: str) -> list[str]:
    """The clauses of one sentence."""
    return [part.strip() for part in _CLAUSES.split(sentence) if part and part.strip()]


# "when I bend over, it hurts", "where I work": a clause that tells when or where
_SUBORDINATE = re.compile(
    _LEAD_IN + r"(?:when|where|while|whenever|wherever)\s+"
    r"(?:i|i'm|im|he|she|we|they|my|his|her|our|their)\b",
    re.IGNORECASE,
)
# "my father, who is 85, ...": a clause about the word before it
# ("..., which one is safer" asks)
_RELATIVE = re.compile(
    r"(?:who|whose|whom)\b|which\b(?!\s+(?:one|ones|of|treatment|option|is (?:better"
    r"|safer|best|worse)))",
    re.IGNORECASE,
)


def _starts_asking(
    clause: str, first: bool = True, question_mark: bool = False
) -> bool:
    """A question word first, but an auxiliary only when a subject follows it, and
    not a clause that only tells when, where or who (unless a question mark says
    the sentence asks)."""
    if not _ASKS.match(clause):
        return False
    if not question_mark and (
        _SUBORDINATE.match(clause) or (not first and _RELATIVE.match(clause))
    ):
        return False
    auxiliary = _AUXILIARY_FIRST.match(clause)
    return not auxiliary or auxiliary.group(1).lower() in _SUBJECTS


def asks(clause: str, first: bool = True, question_mark: bool = False) -> bool:
    """True when a clause asks something (a question word first, or a question mark)."""
    return _starts_asking(clause.strip(), first, question_mark) or (
        clause.rstrip().endswith("?")
    )


# "she wants to know what kind of doctor will do it": the question inside.
_EMBEDDED_QUESTION = re.compile(
    r"\b(?:know|ask|asking|wondering|wondered|tell me|explain)\s+"
    r"(?=(?:what|how|why|when|where|who|which|whether)\b)",
    re.IGNORECASE,
)


def question_part(sentence: str) -> str | None:
    """The part of one sentence that asks something, or None when it only tells."""
    parts = clauses(sentence)
    question_mark = sentence.rstrip().endswith("?")
    for index, clause in enumerate(parts):
        if _starts_asking(clause, index == 0, question_mark):
            return ", ".join(parts[index:])
        embedded = _EMBEDDED_QUESTION.search(clause)
        if embedded:
            return ", ".join([clause[embedded.end() :], *parts[index + 1 :]])
    if sentence.rstrip().endswith("?"):
        return parts[-1] if parts else sentence.strip()
    return None


def question_clauses(text: str) -> list[str]:
    """Every clause of a message that asks something, in order."""
    found = []
    for sentence in sentences(text):
        question_mark = sentence.rstrip().endswith("?")
        found.extend(
            clause
            for index, clause in enumerate(clauses(sentence))
            if asks(clause, index == 0, question_mark)
        )
    return found


# Spoken messages arrive with no punctuation at all: "... swears by it so what is
# that actually how does it work". A question starts where a question word meets
# its subject, not after a subject ("it is the worst" tells).
_SPOKEN_QUESTION = re.compile(
    r"(?<!\bit )(?<!\bthat )(?<!\bthis )(?<!\bthere )(?<!\bhe )(?<!\bshe )"
    r"(?<!\bi )(?<!\bwe )(?<!\bthey )(?<!\byou )(?<!\bwhich )(?<!\bwho )"
    r"\b(?:what(?:'s|s| is| are| does| do| would| can| exactly| else)|"
    r"how (?:does|do|is|are|can|long|many|much|often|would|successful|likely|safe)|"
    r"why (?:is|does|do|would|did|are)|where (?:is|are|do|can)|who (?:does|do|is)|"
    r"is (?:it|the|this|that|there|idd)|are (?:there|they|you|the|these)|"
    r"does (?:it|the|this|that|idd)|do (?:you|they|i|the|these)|"
    r"can (?:you|i|it|idd|they|someone)|could (?:you|i|it|idd|they|someone)|"
    r"would (?:it|idd|you|i|that)|will (?:it|idd|i|that)|should (?:i|it|we))\b",
    re.IGNORECASE,
)
_UNPUNCTUATED = re.compile(r"^[^.!?…]*$")
MAX_SPOKEN_QUESTION_WORDS = 15


# "... did nothing for me is that normal": a question about what was just said
_POINTS_BACK = re.compile(r"^\S+ (?:that|this|it)\b", re.IGNORECASE)
MAX_POINTED_AT_SPOKEN_WORDS = 8


def spoken_question(text: str) -> str | None:
    """The last question of a long message with no punctuation at all that does
    not open with its question, at most MAX_SPOKEN_QUESTION_WORDS words (with the
    words before a question that points back at them), or None."""
    text = text.strip()
    if not _UNPUNCTUATED.match(text) or _ASKS.match(text):
        return None
    found = list(_SPOKEN_QUESTION.finditer(text))
    if not found:
        return None
    start = found[-1].start()
    asked = re.findall(r"\S+", text[start:])[:MAX_SPOKEN_QUESTION_WORDS]
    if _POINTS_BACK.match(text[start:]):
        asked = re.findall(r"\S+", text[:start])[-MAX_POINTED_AT_SPOKEN_WORDS:] + asked
    return " ".join(asked)
