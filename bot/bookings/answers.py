"""Does a message answer the booking form's question, or call the booking off?

Plain functions, no Rasa: the NLU uses them so that, while the form asks for a
detail, a message that gives it counts as an answer (intent `inform`) rather than
an FAQ or "not sure", and "never mind, I'll ring you" ends the booking. They do not
look for red flags: bot/clinical decides those, and before anything else.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import datetime

from bot.bookings import validation
from bot.bookings.free_text import clean_text, looks_like_question
from bot.clinical import analyse

NOT_SURE = "Not sure"
# What the clinic offers (bot/faq/treatments.yml); other treatments the clinical
# rules know, such as injections or medication, are not booked here.
CLINIC_TREATMENTS = frozenset(
    {
        "IDD Therapy",
        "Shockwave Therapy",
        "Medical Acupuncture",
        "Clinical Pilates",
        "Physiotherapy",
        "Manual Therapy",
    }
)

_NOT_SURE = re.compile(
    r"\b(?:not\s+(?:sure|certain|decided)|unsure|undecided|no\s+idea|idk|dunno"
    r"|do\s*n[o']?t\s+know|haven'?t\s+decided|you\s+tell\s+me|whichever"
    r"|whatever\s+you\s+(?:recommend|suggest|think)|open\s+to\s+suggestions)\b",
    re.IGNORECASE,
)
# "the decompression one": IDD Therapy is computerised spinal decompression, which
# patients shorten; decompression *surgery* is an operation, not this treatment.
_IDD_SHORT_NAMES = re.compile(
    r"\bdecompression\b(?!\s+(?:surgery|operation|op)\b)|\bidd\b", re.IGNORECASE
)

# Messages that are only a greeting, thanks or a bare yes: never a detail.
_CHIT_CHAT = frozenset(
    """hi|hello|hey|hiya|good morning|good afternoon|good evening|thanks|thank you
    |thanks a lot|thank you very much|cheers|ok|okay|ok thanks|yes|yeah|yep|sure
    |bye|goodbye|bye bye|see you""".replace("\n", "").split("|")
)


def canonical_treatment(text: str) -> str | None:
    """The clinic treatment named in the text (spaCy rules), "Not sure", or None."""
    if _NOT_SURE.search(text):
        return NOT_SURE
    treatments = [e.value for e in analyse(text).entities if e.label == "treatment"]
    if treatments:
        return treatments[0]
    return "IDD Therapy" if _IDD_SHORT_NAMES.search(text) else None


def answers_question(slot: str, text: str, now: datetime) -> bool:
    """True when `text` is a plausible answer to the booking form's question `slot`."""
    # A wrong answer of the right kind (a past date, a number abroad, a mistyped
    # email) still counts: the form then tells the patient what is wrong with it.
    said = clean_text(text)
    if not said or _is_chit_chat(said) or is_cancel_request(said):
        return False
    if looks_like_question(said):
        return False
    check = _ANSWER_CHECKS.get(slot)
    return check is not None and check(said, now)


def _is_chit_chat(said: str) -> bool:
    return _simplified(said) in _CHIT_CHAT


def _answers_name(said: str, now: datetime) -> bool:
    return validation.validate_name(said).ok


def _answers_phone(said: str, now: datetime) -> bool:
    return validation.normalise_uk_phone(said).ok or validation.find_phone_attempt(said)


def _answers_email(said: str, now: datetime) -> bool:
    return validation.validate_email(said).ok or "@" in said


def _answers_when(said: str, now: datetime) -> bool:
    parsed = validation.parse_preferred_time(said, now)
    if parsed.reason in (validation.Reason.EMPTY, validation.Reason.TOO_LONG):
        return False
    named_a_date = parsed.value is not None and parsed.value.date is not None
    return (
        named_a_date
        or parsed.reason is validation.Reason.PAST
        or (validation.mentions_day_or_time(said))
    )


def _answers_treatment(said: str, now: datetime) -> bool:
    treatment = canonical_treatment(said)
    return treatment == NOT_SURE or treatment in CLINIC_TREATMENTS


def _answers_reason(said: str, now: datetime) -> bool:
    return True  # any words that are not a question, greeting or cancelling


_ANSWER_CHECKS: dict[str, Callable[[str, datetime], bool]] = {
    "booking_name": _answers_name,
    "booking_phone": _answers_phone,
    "booking_email": _answers_email,
    "booking_when": _answers_when,
    "booking_treatment": _answers_treatment,
    "booking_reason": _answers_reason,
}


# --- calling the booking off ---------------------------------------------------

# Words around a cancelling phrase that change nothing: "oh never mind then, thanks".
_FILLER = (
    r"(?:actually|oh|ah|ok|okay|um+|erm*|hmm+|sorry|no|nah|nope|well|so|right"
    r"|god|oh god|oh no|oops|whoops|my bad"
    r"|then|on second thoughts?|thinking about it|in fact|please|just|thanks|ta|mate"
    r"|sorry to (?:waste|have wasted|bother) (?:your time|you)"
    r"|thank you|thanks anyway|cheers|for now|instead|anyway|after all"
    # "scrap that, not today" (alone, "not today" answers "which day suits?")
    r"|not today|not this (?:week|time)"
    # "nah leave it for now ta, not a good time"
    r"|(?:it'?s )?(?:not (?:a good|the best|the right)|(?:a )?bad) time"
    r"(?: right now| now| at the moment)?"
    r"|it'?s fine|that'?s fine|it'?s ok|that'?s ok|can you|could you|can i|could i"
    r"|can we|i want to|i'?d like to|i would like to|i wanna|let'?s|i need to"
    r"|you can)"
)
# One clause that calls the booking off. The ambiguous ones ("stop", "leave it",
# "doesn't matter") count only as a whole clause: "leave it blank" skips an email.
_CANCEL_CORE = (
    r"(?:stop(?: it| this| that| now| there| here| the booking| booking"
    r"| asking(?: me)?(?: questions)?)?"
    r"|cancel(?: it| this| that| the booking| my booking| booking| the request"
    r"| my request| the appointment| everything| the whole thing)?"
    r"|quit|exit|abort|end (?:it|this)"
    r"|never ?mind|nvm|forget (?:about )?(?:it|that|this"
    r"|the (?:whole )?(?:booking|thing|appointment|request))"
    r"|leave it(?: there| for now| for the moment)?"
    r"|scrap (?:that|it|this|the (?:booking|request|appointment))"
    r"|(?:it )?(?:doesn'?t|does not|dont) matter(?: anymore| any more)?"
    r"|(?:don'?t|do not) worry(?: about it)?"
    r"|not (?:right )?now|maybe (?:later|another time)|(?:some )?other time"
    r"|another time|another day|not interested(?: anymore| any more)?"
    r"|not ready(?: yet)?"
    # "oh god no stop, wrong button, didn't mean to"
    r"|(?:i )?(?:(?:pressed|clicked|hit|tapped|pushed) )?(?:the )?wrong "
    r"(?:button|one|option)"
    r"|(?:i )?did(?:n'?t| not) mean (?:to|that)"
    r"(?: (?:book|press|click|start (?:this|it)))?"
    r"|(?:pressed|clicked|started (?:this|it)) by (?:mistake|accident)"
    # "she's just said she'd rather sort it out herself"
    r"|(?:[a-z' ]+ )?(?:sort|book|arrange|do) it(?: out)? (?:myself|herself|himself"
    r"|themselves|ourselves)"
    r"|(?:i'?ve |i have |i )?changed my mind(?: about (?:it|this|the booking|booking))?"
    r"|change of (?:mind|plan)"
    r"|(?:i )?(?:don'?t|do not) want to (?:book|continue|carry on|go ahead|go on"
    r"|do this|bother)(?: anymore| any more| now| today)?"
    r"|(?:i'?ll|i will|i'?d rather|i would rather|i'?m going to|i'?m gonna"
    r"|i'?d prefer to|i think i'?ll|let me|i'?ll just|i might)"
    r" (?:just )?(?:call|ring|phone|give (?:you|them|the clinic) a (?:call|ring|bell)"
    r"|contact)(?: [a-z' ]*)?"
    # "my wife is going to ring you instead", "she'll sort it"
    r"|(?:(?:my|our) [a-z]+|she|he|they|we)(?:'ll| will|'s going to| is going to"
    r"|'re going to| are going to|'s gonna| is gonna)(?: just)?"
    r" (?:call|ring|phone|give (?:you|them|the clinic) a (?:call|ring|bell)|contact"
    r"|sort it(?: out)?|book it|arrange it)(?: [a-z' ]*)?"
    # leaving mid-form: "ok thanks, bye"
    r"|(?:good ?)?bye(?: for now| then)?|cheerio|ta[- ]?ra)"
)
_CANCEL_CLAUSE = re.compile(
    rf"(?:{_FILLER}[ ,]*)*{_CANCEL_CORE}(?:[ ,]*{_FILLER})*", re.IGNORECASE
)
_FILLER_CLAUSE = re.compile(rf"(?:{_FILLER}[ ,]*)+", re.IGNORECASE)
_CLAUSE_BREAK = re.compile(r"\s*(?:[,;:.!?\u2026]+|\s-+\s|\s\u2013\s)\s*")


def is_cancel_request(text: str) -> bool:
    """True when the patient calls the booking off in any words ("never mind")."""
    # A bare "no" answers the consent question, "no thanks" skips the email and
    # "scrap that, it's 07700 900456" corrects an answer: every clause must cancel
    # or be filler ("oh", "thanks") for the message to cancel.
    clauses = [c for c in _CLAUSE_BREAK.split(_simplified(text)) if c]
    cancelling = [c for c in clauses if _CANCEL_CLAUSE.fullmatch(c)]
    others = [c for c in clauses if not _CANCEL_CLAUSE.fullmatch(c)]
    return bool(cancelling) and all(_FILLER_CLAUSE.fullmatch(c) for c in others)


def _simplified(text: str) -> str:
    """Lower case, straight apostrophes, single spaces, no closing punctuation."""
    said = clean_text(text).lower().replace("\u2019", "'").replace("\u2018", "'")
    return said.strip(" .!")
