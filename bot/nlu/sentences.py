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
    r"i (?:was|am|'m))\b[\s,]*)*"
)
_QUESTION_WORDS = (
    r"(?:what|whats|what's|wat|wot|how|hows|how's|why|when|where|who|whos|who's|which|"
    r"is|isn't|are|aren't|was|were|can|can't|could|would|will|do|does|did|don't|doesn't|"
    r"should|shall|have|has|any|anything|anyone|tell me|explain|describe|"
    r"i (?:want|wanted|would like|'d like|need) to "
    r"(?:know|ask|understand|book|come|see)|"
    r"i'?d like to|i would like to|i want to|"
    r"(?:i|we) (?:want|need|would like|'d like) (?:the|your) (?:address|postcode|"
    r"phone number|number|location)|"
    r"i(?:'m| am)? wonder(?:ing|ed)|wondering|is it (?:possible|worth)|"
    r"(?:can|could) (?:you|i|we|someone))\b"
)
_ASKS = re.compile(_LEAD_IN + _QUESTION_WORDS, re.IGNORECASE)
_CLAUSES = re.compile(
    r"\s*[,;:–—]\s*|\s+-\s+|\s+(?:and|&|also|plus|but|n|\+)\s+(?="
    + _QUESTION_WORDS
    + r")"
    # a numbered list: "1) is IDD the same as decompression 2) do I need a referral"
    r"|\s*(?<![\w(])\(?(?:[1-9]|[a-c])\)\s*",
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
    """i you u he she it we they there this that these those my your his her our their
    the a an any some someone anyone anybody somebody people everyone one idd
    injections injection surgery physio""".split()
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


def _starts_asking(clause: str) -> bool:
    """A question word first, but an auxiliary only when a subject follows it."""
    if not _ASKS.match(clause):
        return False
    auxiliary = _AUXILIARY_FIRST.match(clause)
    return not auxiliary or auxiliary.group(1).lower() in _SUBJECTS


def asks(clause: str) -> bool:
    """True when a clause asks something (a question word first, or a question mark)."""
    return _starts_asking(clause.strip()) or clause.rstrip().endswith("?")


# "she wants to know what kind of doctor will do it": the question inside.
_EMBEDDED_QUESTION = re.compile(
    r"\b(?:know|ask|asking|wondering|wondered|tell me|explain)\s+"
    r"(?=(?:what|how|why|when|where|who|which|whether)\b)",
    re.IGNORECASE,
)


def question_part(sentence: str) -> str | None:
    """The part of one sentence that asks something, or None when it only tells."""
    parts = clauses(sentence)
    for index, clause in enumerate(parts):
        if _starts_asking(clause):
            return ", ".join(parts[index:])
        embedded = _EMBEDDED_QUESTION.search(clause)
        if embedded:
            return ", ".join([clause[embedded.end() :], *parts[index + 1 :]])
    if sentence.rstrip().endswith("?"):
        return parts[-1] if parts else sentence.strip()
    return None


def question_clauses(text: str) -> list[str]:
    """Every clause of a message that asks something, in order."""
    return [
        clause
        for sentence in sentences(text)
        for clause in clauses(sentence)
        if asks(clause)
    ]
