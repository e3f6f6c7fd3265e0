"""Reading how a patient names the booking they want deleted: a reference or a phone.

    read_forget_key("it's hsc-7k2q9")           -> "HSC-7K2Q9"
    read_forget_key("my number is 07700 900123") -> "+447700900123"
    read_forget_key("I didn't book")             -> NO_BOOKING
    read_forget_key("not sure")                  -> None (ask again)

The key is what the chat's deletion flow (bot/actions/privacy.py) keeps in its
`forget_key` slot and hands to BookingStore.forget. Plain Python, no Rasa.
"""

from __future__ import annotations

import re

from bot.bookings.references import ALPHABET, LENGTH, PREFIX
from bot.bookings.validation import normalise_uk_phone

# What the slot holds when there is no booking to look for: the patient said
# they have none, or three tries gave neither a reference nor a phone number.
NO_BOOKING = "no booking"
GAVE_UP = "not given"

# "HSC-7K2Q9", "hsc 7k2q9", "HSC7K2Q9" (searched in the upper-cased text)
_REFERENCE = re.compile(rf"\bHSC[\s-]*([{ALPHABET}]{{{LENGTH}}})\b")
# A run of digits with the separators people type in phone numbers
_PHONE_LIKE = re.compile(r"(?:\+|\(|\b)\d[\d\s().-]{7,}\d")
_NO_BOOKING = re.compile(
    r"^\s*(?:no|none|nope|nah|n/a)\b"
    r"|\b(?:didn'?t|did not|haven'?t|have not|never|don'?t|do not)\b"
    r"[^.?!]*\b(?:book|booked|booking|bookings|appointment|appointments)\b"
    r"|\bno (?:booking|bookings|appointment|appointments)\b"
    r"|\b(?:just|only)\b[^.?!]*\b(?:chat|conversation|messages?)\b",
    re.IGNORECASE,
)


def find_reference(text: str) -> str | None:
    """The first booking reference in the text, normalised (HSC-7K2Q9), or None."""
    match = _REFERENCE.search(text.upper())
    return PREFIX + match.group(1) if match else None


def find_uk_phone(text: str) -> str | None:
    """The first UK phone number in the text, in E.164 form, or None."""
    for match in _PHONE_LIKE.finditer(text):
        result = normalise_uk_phone(match.group(0))
        if result.ok and result.value:
            return result.value
    return None


def says_no_booking(text: str) -> bool:
    """True for "no", "I didn't book", "just delete the chat" and the like."""
    return bool(_NO_BOOKING.search(text))


def read_forget_key(text: str | None, denied: bool = False) -> str | None:
    """A reference, else a UK phone number, else NO_BOOKING if they have none; or None.

    `denied`: the message was understood as a plain "no" (its intent was deny).
    """
    text = text or ""
    found = find_reference(text) or find_uk_phone(text)
    if found:
        return found
    if denied or says_no_booking(text):
        return NO_BOOKING
    return None


def is_reference(key: str) -> bool:
    """True when a forget key is a booking reference (else a phone number or marker)."""
    return key.startswith(PREFIX)


def names_a_booking(key: str | None) -> bool:
    """True when the key is a reference or a phone number to look bookings up by."""
    return key not in (None, NO_BOOKING, GAVE_UP)
