"""Recognises requests for personal medical advice the assistant must not give.

A backstop for the `ask_medical_advice` classifier, like the red-flag rules are
for `red_flag`: a message asking for a dose, a medication change, a diagnosis or
whether to have an operation always gets the medical-boundary answer, never an
FAQ answer that might read as advice.
"""

from __future__ import annotations

import re

_MEDICINES = (
    r"ibuprofen|nurofen|naproxen|diclofenac|voltarol|aspirin|paracetamol|codeine|"
    r"co-?codamol|co-?dydramol|tramadol|morphine|oxycodone|oramorph|gabapentin|"
    r"pregabalin|lyrica|amitriptyline|nortriptyline|duloxetine|diazepam|"
    r"naproxen|painkillers?|pain ?killers?|anti-?inflammator(?:y|ies)|tablets?|pills?|"
    r"meds|medication|medicine|steroids?|prednisolone"
)
_PATTERNS = (
    # doses and amounts
    rf"\b(?:how (?:many|much)|max(?:imum)?)\b[^.?!]{{0,40}}\b(?:{_MEDICINES})\b",
    r"\b(?:dose|dosage|doses|milligrams?|\d+\s?mg)\b",
    # starting, stopping or changing a medicine
    r"\b(?:stop|stopping|come off|coming off|quit|increase|double|halve|reduce|"
    rf"cut down|mix|combine|switch)\b[^.?!]{{0,30}}\b(?:{_MEDICINES})\b",
    rf"\b(?:can|could|should) i (?:take|have|use)\b[^.?!]{{0,30}}\b(?:{_MEDICINES})\b",
    rf"\b(?:{_MEDICINES})\b[^.?!]{{0,30}}\b(?:with|and) (?:{_MEDICINES})\b",
    # a diagnosis
    r"\bdiagnos(?:e|is|ing)\b",
    r"\bwhat(?:'?s| is| could be| might be)\s+(?:causing|wrong with me)\b",
    r"\bwhat do you (?:reckon|think) (?:is )?(?:causing|wrong)\b",
    r"\b(?:do i have|have i got|is (?:it|this|my pain)) (?:a |an )?"
    r"(?:slipped|herniated|bulging|prolapsed|trapped|pinched|sciatica|cauda|arthritis|stenosis)",
    # whether to have an operation or procedure
    r"\bshould i (?:have|get|go ahead with|agree to|say yes to) "
    r"(?:the |my |a |an |this |that )?"
    r"(?:\w+ ){0,2}(?:op|operation|surgery|fusion|discectomy|microdiscectomy|"
    r"laminectomy|injections?|epidural)\b",
)
_ADVICE = re.compile("|".join(f"(?:{p})" for p in _PATTERNS), re.IGNORECASE)


# "what is saddle numbness?", "what does cauda equina mean", "can you explain ..."
_TERM_QUESTION = re.compile(
    r"\bwhat(?:'s| is| are| does| do)\b|\bmean(?:s|ing|t)?\b|\bdefinition\b|"
    r"\bexplain\b|\bstand for\b",
    re.IGNORECASE,
)


def asks_what_a_term_means(text: str) -> bool:
    """True when the message asks what a word or a condition means."""
    return bool(_TERM_QUESTION.search(text))


def asks_for_medical_advice(text: str) -> bool:
    """True when the message asks for a dose, a medication change,
    a diagnosis or a surgery decision."""
    return bool(_ADVICE.search(text))
