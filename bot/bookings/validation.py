"""Checks for what a patient types into the booking form: each returns a Result.

A Result holds either the cleaned value or a reason code the booking form turns
into a response (`utter_invalid_<field>_<reason>`). Nothing here stores, logs or
escapes: text that looks like SQL or HTML is accepted literally, because it is
only ever stored as a bound parameter and escaped when shown.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date, datetime
from enum import Enum
from typing import Generic, TypeVar
from zoneinfo import ZoneInfo

import dateparser
import email_validator
import phonenumbers
from dateparser.search import search_dates
from phonenumbers import PhoneNumberType

from bot.bookings.text import clean_text

T = TypeVar("T")

CLINIC_TIMEZONE = ZoneInfo("Europe/London")
MAX_NAME_CHARS = 100
MAX_PHONE_CHARS = 40
MAX_EMAIL_CHARS = 254
MAX_PREFERRED_TIME_CHARS = 200

SKIP_WORDS = frozenset(
    {"skip", "no", "none", "n/a", "na", "no thanks", "no email", "nope", "-"}
)

_UK_REGIONS = frozenset({"GB", "GG", "JE", "IM"})
_UK_CALLBACK_TYPES = frozenset(
    {
        PhoneNumberType.MOBILE,
        PhoneNumberType.FIXED_LINE,
        PhoneNumberType.FIXED_LINE_OR_MOBILE,
        PhoneNumberType.VOIP,
        PhoneNumberType.UAN,
    }
)
# Ofcom keeps ranges such as 07700 900xxx and 01632 960xxx for drama and tests;
# libphonenumber calls them invalid, but the clinic's own test scripts use them.
_POSSIBLE_UK_MOBILE = re.compile(r"7[1-57-9]\d{8}")
_POSSIBLE_UK_LANDLINE = re.compile(r"[12]\d{8,9}")

_TIME_OF_DAY = re.compile(
    r"\b(early|late|mid)?\s*(morning|afternoon|evening|lunchtime|lunch|night|am|pm)s?\b",
    re.IGNORECASE,
)
_DAY_ONLY = re.compile(r"(on\s+)?(the\s+)?\d{1,2}(st|nd|rd|th)?", re.IGNORECASE)
_FALSE_DATE_WORDS = frozenset({"may", "i may", "march"})
_NEXT_OR_THIS = re.compile(
    r"\b(next|this|coming)\s+(?=(mon|tues|wednes|thurs|fri|satur|sun)day)",
    re.IGNORECASE,
)


class Reason(str, Enum):
    """Why a value was refused; the value is what the booking form sees."""

    EMPTY = "empty"
    TOO_LONG = "too_long"
    INVALID = "invalid"
    NOT_UK = "not_uk"
    NO_LETTERS = "no_letters"
    PAST = "past"


@dataclass(frozen=True)
class Result(Generic[T]):
    """Outcome of one check: a value, a refusal reason, or a skipped optional field."""

    value: T | None = None
    reason: Reason | None = None
    skipped: bool = False

    @property
    def ok(self) -> bool:
        """True when the value was accepted (or an optional field was skipped)."""
        return self.reason is None

    @classmethod
    def accept(cls, value: T) -> Result[T]:
        """An accepted value."""
        return cls(value=value)

    @classmethod
    def refuse(cls, reason: Reason) -> Result[T]:
        """A refusal with its reason."""
        return cls(reason=reason)

    @classmethod
    def skip(cls) -> Result[T]:
        """An optional field the patient chose not to give."""
        return cls(skipped=True)


@dataclass(frozen=True)
class PreferredTime:
    """The patient's words about when suits them, and the date they name, if any."""

    text: str
    date: date | None = None


def validate_name(text: str | None) -> Result[str]:
    """Accept 1-100 characters with at least one letter (any script) or emoji."""
    name = clean_text(text)
    if not name:
        return Result.refuse(Reason.EMPTY)
    if len(name) > MAX_NAME_CHARS:
        return Result.refuse(Reason.TOO_LONG)
    if not any(_is_letter_or_emoji(ch) for ch in name):
        return Result.refuse(Reason.NO_LETTERS)
    return Result.accept(name)


def _is_letter_or_emoji(ch: str) -> bool:
    """Letters of any script, and pictographic symbols such as emoji."""
    category = unicodedata.category(ch)
    return category.startswith("L") or category == "So"


def normalise_uk_phone(text: str | None) -> Result[str]:
    """Return a UK mobile or landline number in E.164 form (+447700900456)."""
    raw = clean_text(text)
    if not raw:
        return Result.refuse(Reason.EMPTY)
    if len(raw) > MAX_PHONE_CHARS:
        return Result.refuse(Reason.TOO_LONG)
    try:
        number = phonenumbers.parse(raw, "GB")
    except phonenumbers.NumberParseException:
        return Result.refuse(Reason.INVALID)
    if number.country_code != 44:
        return Result.refuse(Reason.NOT_UK)
    if not _is_uk_callback_number(number):
        return Result.refuse(Reason.INVALID)
    return Result.accept(
        phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
    )


def _is_uk_callback_number(number: phonenumbers.PhoneNumber) -> bool:
    """A valid +44 number staff can ring, or a possible one in a test range."""
    if phonenumbers.is_valid_number(number):
        return (
            phonenumbers.region_code_for_number(number) in _UK_REGIONS
            and phonenumbers.number_type(number) in _UK_CALLBACK_TYPES
        )
    national = phonenumbers.national_significant_number(number)
    return bool(
        _POSSIBLE_UK_MOBILE.fullmatch(national)
        or _POSSIBLE_UK_LANDLINE.fullmatch(national)
    )


def validate_email(text: str | None) -> Result[str]:
    """Return a normalised email address, or skipped for "skip"/"no"/"none"."""
    raw = clean_text(text)
    if not raw:
        return Result.refuse(Reason.EMPTY)
    if raw.lower().rstrip(".!") in SKIP_WORDS:
        return Result.skip()
    if len(raw) > MAX_EMAIL_CHARS:
        return Result.refuse(Reason.TOO_LONG)
    try:
        checked = email_validator.validate_email(raw, check_deliverability=False)
    except email_validator.EmailNotValidError:
        return Result.refuse(Reason.INVALID)
    return Result.accept(checked.normalized)


def parse_preferred_time(text: str | None, now: datetime) -> Result[PreferredTime]:
    """Keep the patient's words and the future date they name, where one is readable."""
    words = clean_text(text)
    if not words:
        return Result.refuse(Reason.EMPTY)
    if len(words) > MAX_PREFERRED_TIME_CHARS:
        return Result.refuse(Reason.TOO_LONG)
    today = _clinic_local(now)
    named = _find_date(words, today)
    if named is not None and named < today.date():
        return Result.refuse(Reason.PAST)
    return Result.accept(PreferredTime(text=words, date=named))


def _clinic_local(now: datetime) -> datetime:
    """`now` as a naive London wall-clock time (what dateparser expects)."""
    if now.tzinfo is not None:
        now = now.astimezone(CLINIC_TIMEZONE)
    return now.replace(tzinfo=None)


def _find_date(words: str, now: datetime) -> date | None:
    """The first date dateparser can read in the words, preferring the future."""
    settings = {
        "PREFER_DATES_FROM": "future",
        "RELATIVE_BASE": now,
        "DATE_ORDER": "DMY",
        "RETURN_AS_TIMEZONE_AWARE": False,
    }
    # dateparser reads "Tuesday" and "tomorrow" but not "next Tuesday" or
    # "tomorrow morning"; the part of the day is kept in the free text anyway.
    simplified = " ".join(_NEXT_OR_THIS.sub("", _TIME_OF_DAY.sub(" ", words)).split())
    for candidate in dict.fromkeys((words, simplified)):
        if not candidate:
            continue
        parsed = dateparser.parse(candidate, languages=["en"], settings=settings)
        if parsed is None:
            found = search_dates(candidate, languages=["en"], settings=settings) or []
            matches = [when for said, when in found if not _is_false_date(said)]
            parsed = matches[0] if matches else None
        if parsed is not None:
            return _roll_day_only_forward(candidate, parsed.date(), now.date())
    return None


def _is_false_date(said: str) -> bool:
    """Words dateparser takes for a date that patients mean otherwise ("I may")."""
    return said.strip().lower() in _FALSE_DATE_WORDS


def _roll_day_only_forward(words: str, named: date, today: date) -> date:
    """ "The 1st" said on the 26th means next month's, not this month's."""
    if named >= today or not _DAY_ONLY.fullmatch(words):
        return named
    month = named.month % 12 + 1
    year = named.year + (named.month == 12)
    try:
        return named.replace(year=year, month=month)
    except ValueError:  # the 31st of a short month: leave it to the free text
        return named
