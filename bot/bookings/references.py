"""Booking references patients can read over the phone: HSC-7K2Q9."""

from __future__ import annotations

import re
import secrets

PREFIX = "HSC-"
# No 0/O, 1/I/L or U: nothing a patient can misread or mishear.
ALPHABET = "23456789ABCDEFGHJKMNPQRSTVWXYZ"
LENGTH = 5
PATTERN = re.compile(rf"{PREFIX}[{ALPHABET}]{{{LENGTH}}}")


def new_reference() -> str:
    """A fresh random reference (uniqueness is the store's job)."""
    return PREFIX + "".join(secrets.choice(ALPHABET) for _ in range(LENGTH))


def normalise_reference(text: str) -> str:
    """Upper-case a typed reference and add the prefix if it was left off."""
    ref = "".join(text.split()).upper()
    return ref if ref.startswith(PREFIX) else PREFIX + ref.removeprefix("HSC")
