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
from datetime import date, datetime, timedelta
from enum import Enum
from typing import Generic, TypeVar
from zoneinfo import ZoneInfo

import dateparser
import email_validator
import phonenumbers
from dateparser.search import search_dates
from phonenumbers import PhoneNumberType

from bot.bookings.free_text import clean_text, looks_like_question

T = TypeVar("T")

CLINIC_TIMEZONE = ZoneInfo("Europe/London")
MAX_NAME_CHARS = 100
MAX_NAME_WORDS = 5  # longer only when every word could be part of a name
MAX_PHONE_CHARS = 40
MAX_PHONE_MESSAGE_CHARS = 100  # the number plus "my mobile is ..., thanks"
MAX_EMAIL_CHARS = 254
MAX_PREFERRED_TIME_CHARS = 200

SKIP_WORDS = frozenset(
    {
        "skip",
        "no",
        "none",
        "n/a",
        "na",
        "no thanks",
        "no thank you",
        "no email",
        "no email address",
        "nope",
        "nah",
        "-",
        "pass",
        "leave it",
        "leave it blank",
        "leave that blank",
        "leave blank",
        "blank",
        "skip it",
        "skip that",
        "skip this",
        "pass on that",
        "i'll pass",
        "no need",
        "not needed",
        "not really",
        "prefer not",
        "i'd prefer not",
        "i'd prefer not to",
        "rather not say",
        "i'd rather not say",
        "rather not",
        "i'd rather not",
        "don't have one",
        "i don't have one",
    }
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
# dateparser knows "tues" but not "weds" or "thurs": patients' short forms of the
# days, spelt out before dates are read.
_DAY_SHORT_FORMS = {
    "mon": "Monday",
    "tue": "Tuesday",
    "tues": "Tuesday",
    "wed": "Wednesday",
    "weds": "Wednesday",
    "thu": "Thursday",
    "thur": "Thursday",
    "thurs": "Thursday",
    "fri": "Friday",
    "sat": "Saturday",
    "sun": "Sunday",
}
_DAY_SHORT_FORM = re.compile(
    r"\b(" + "|".join(_DAY_SHORT_FORMS) + r")\b\.?", re.IGNORECASE
)
_DAY_NAME = r"(?:mon|tues|wednes|thurs|fri|satur|sun)days?"
_DAYS_BETWEEN_LETTERS = re.compile(r"(?<=[a-z])\s*/\s*(?=[a-z])", re.IGNORECASE)
# "not Fridays", "any day but Monday": days they can't do name no date.
_NEGATED_DAYS = re.compile(
    r"\b(?:not|except|excluding|but|no|never|apart\s+from|other\s+than"
    r"|can'?t\s+do|cannot\s+do)\s+(?:on\s+)?(?:a\s+)?"
    rf"{_DAY_NAME}(?:\s*(?:,|or|and|nor)\s*{_DAY_NAME})*",
    re.IGNORECASE,
)
# "Monday to Friday" is any weekday, not the coming Monday.
_DAY_RANGE = re.compile(
    rf"\b{_DAY_NAME}\s*(?:-|\u2013|to|till|until|through|thru)\s*{_DAY_NAME}",
    re.IGNORECASE,
)
# dateparser reads "last Friday" as the coming one.
_LAST_DAY = re.compile(rf"\blast\s+({_DAY_NAME})\b(?!\s+(?:of|in)\b)", re.IGNORECASE)
_WEEKDAYS = ("mon", "tues", "wednes", "thurs", "fri", "satur", "sun")
_MONTH_NAME = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?"
    r"|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)"
)
# "Friday at 2" or "after 6" are clock times, but dateparser reads the number as
# a day of the month (the 2nd, the 6th), often one already past.
_CLOCK = r"\d{1,2}(?:[:.]\d{2})?(?:\s*(?:am|pm|o'?clock|ish))?"
_CLOCK_TIME = re.compile(
    r"\b(?:at|after|before|around|about|from|by|until|till|til|between|past|gone)"
    rf"\s+{_CLOCK}\b(?!\s*/)(?!\s+(?:of\s+)?{_MONTH_NAME}\b)"
    rf"(?:\s*(?:-|to|and|or)\s*{_CLOCK}\b)?"
    r"|\b\d{1,2}(?:[:.]\d{2})?\s*(?:am|pm|o'?clock|ish)\b"
    r"|\b\d{1,2}:\d{2}\b",
    re.IGNORECASE,
)
_MONTH_WORD = re.compile(rf"\b{_MONTH_NAME}\b", re.IGNORECASE)
# Words that say when (or that any time will do), to tell an answer to "which day
# or time suits you?" from some other message.
_WHEN_WORDS = re.compile(
    r"\b(?:(?:mon|tues?|wed(?:nes)?|weds|thu(?:rs?)?|fri|sat(?:ur)?|sun)(?:day)?s?"
    r"|week(?:day|end|night)?s?|fortnight|month|today|tomorrow|tonight|tmrw?"
    r"|mornings?|afternoons?|evenings?|lunch(?:time)?s?|nights?|midday|noon"
    r"|asap|soon|soonest|earliest|urgently|anytime|whenever|any\s*time|any\s+day"
    r"|flexible|free|available|after\s+work|before\s+work|o'?clock"
    # not "may" or "mar", nor a bare "am": "I may", "I am Dave"
    r"|jan(?:uary)?|feb(?:ruary)?|march|apr(?:il)?|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\b"
    r"|\b\d{1,2}(?:[:.]\d{2})?\s*(?:am|pm)\b|\b\d{1,2}:\d{2}\b"
    r"|\b(?:at|after|before|around|from|by|until|between)\s+\d{1,2}\b"
    r"|\b\d{1,2}(?:st|nd|rd|th)\b|\b\d{1,2}/\d{1,2}\b",
    re.IGNORECASE,
)

# "My name is ...", "it's ...", "hi, I'm ...": words before the name itself.
_NAME_LEAD_IN = re.compile(
    r"^(?:(?:hi|hello|hey|hiya)\b[\s,!.]*)?"
    r"(?:(?:my\s+)?(?:full\s+)?name(?:\s*['\u2019]s|\s+is|\s*:)"
    r"|it\s*['\u2019]?s|it\s+is|i\s*['\u2019]m|i\s+am|this\s+is"
    # "im dave", "Im dave"; but "Im Kwon-taek" may well be a surname
    r"|(?-i:im|Im(?=\s+[a-z]))"
    r"|(?:you\s+can\s+)?call\s+me)[\s,:-]+",
    re.IGNORECASE,
)
_NAME_GREETING = re.compile(r"^(?:hi|hello|hey|hiya)\b[\s,!.]+", re.IGNORECASE)
_NAME_SIGN_OFF = re.compile(
    r"(?:[\s,]+(?:thanks|thank\s+you|thx|cheers|please))+[\s.!]*$|[\s.!,]+$",
    re.IGNORECASE,
)
# Where a name ends and a remark about it begins: a dash, comma, semicolon, bracket.
_ASIDE = re.compile(r"\s+[-\u2013\u2014]+\s+|\s*[,;(]\s*")
_WORD = re.compile(r"[^\W\d_]+(?:['\u2019][^\W\d_]+)*")
# A word of a plain name typed in lower case: letters, with ' - or . inside.
_PLAIN_NAME_WORD = re.compile(r"[^\W\d_]+(?:['\u2019.-][^\W\d_]*)*")
# Words that make a message a sentence rather than a name when there are two of
# them ("i want to book"), or one in a long message. Not "will", "may" or "can":
# those are names too.
_SENTENCE_WORDS = frozenset(
    """i me my you your we our the a an is are am was were be have has had do does
    did don't dont want need would could should like please thanks thank book
    booking appointment call ring phone number email help pain back neck hurts to
    for with about it it's its this that there what how why when where who yes no
    not ok okay sure hi hello hey just if get got know think sorry""".split()
)
_NOT_A_NAME = frozenset(
    """yes yeah yep no nope ok okay sure hi hello hey thanks skip none na cancel
    stop help what why idk dunno""".split()
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
    """Accept a 1-100 character name, not "my name is", questions, sentences, digits."""
    # Typed all in lower case ("sarah jones"), it is stored in Title Case.
    said = clean_text(text)
    if not said:
        return Result.refuse(Reason.EMPTY)
    if len(said) > MAX_NAME_CHARS:
        return Result.refuse(Reason.TOO_LONG)
    if not any(_is_letter_or_emoji(ch) for ch in said):
        return Result.refuse(Reason.NO_LETTERS)
    name = _strip_name_lead_in(said)
    if name and not _could_be_a_name(name):
        name = _name_before_aside(name)
    if not name or looks_like_question(said):
        return Result.refuse(Reason.INVALID)
    return Result.accept(_title_case_if_lower(name))


def _name_before_aside(said: str) -> str:
    """ "margaret o'neill - its for my mum, im her son" -> "margaret o'neill"; ""
    when the words before the first dash or comma are not a name either."""
    first = _ASIDE.split(said, maxsplit=1)[0]
    first = _NAME_SIGN_OFF.sub("", first).strip()
    words = first.split()
    plain = all(_PLAIN_NAME_WORD.fullmatch(word) for word in words)
    if first != said and plain and len(words) <= 4 and _could_be_a_name(first):
        return first
    return ""


def _strip_name_lead_in(said: str) -> str:
    """ "hi, it's sarah jones, thanks" -> "sarah jones"."""
    name = _NAME_LEAD_IN.sub("", said, count=1)
    if name == said:
        name = _NAME_GREETING.sub("", said, count=1)
    return _NAME_SIGN_OFF.sub("", name).strip()


def _could_be_a_name(name: str) -> bool:
    """No digits, not a bare "yes" or "hello", not a sentence."""
    if any(ch.isdigit() for ch in name):
        return False
    words = [w.lower().replace("\u2019", "'") for w in _WORD.findall(name)]
    if len(words) == 1 and words[0] in _NOT_A_NAME:
        return False
    sentence_words = sum(w in _SENTENCE_WORDS for w in words)
    too_many_words = len(name.split()) > MAX_NAME_WORDS
    return sentence_words < 2 and not (too_many_words and sentence_words)


def _title_case_if_lower(name: str) -> str:
    """ "o'neill smith-jones" -> "O'Neill Smith-Jones"; anything else as typed."""
    words = name.split()
    if not name.islower() or not all(_PLAIN_NAME_WORD.fullmatch(w) for w in words):
        return name
    return " ".join(
        "".join(
            part[:1].upper() + part[1:] for part in re.split(r"(['\u2019.-])", word)
        )
        for word in words
    )


def _is_letter_or_emoji(ch: str) -> bool:
    """Letters of any script, and pictographic symbols such as emoji."""
    category = unicodedata.category(ch)
    return category.startswith("L") or category == "So"


def normalise_uk_phone(text: str | None) -> Result[str]:
    """Return a UK mobile or landline number in E.164 form (+447700900456)."""
    # Also from "it's 07700 900 123" or "mob: (020) 7946 0000, thanks".
    said = clean_text(text)
    if not said:
        return Result.refuse(Reason.EMPTY)
    if len(said) > MAX_PHONE_MESSAGE_CHARS:
        return Result.refuse(Reason.TOO_LONG)
    raw = _phone_part(said)
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


_PHONE_DIGITS = re.compile(r"\+?\(?\d[\d\s().\-/]*\d")


def _phone_part(said: str) -> str:
    """The number in a message with words around it; the message if it has none."""
    if not any(ch.isalpha() for ch in said):
        return said
    found = _PHONE_DIGITS.search(said)
    return found.group() if found else said


def find_phone_attempt(text: str | None) -> bool:
    """True when the message holds something meant as a phone number (6+ digits)."""
    found = _PHONE_DIGITS.search(clean_text(text))
    return bool(found) and sum(ch.isdigit() for ch in found.group()) >= 6


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
    if declines_email(raw):
        return Result.skip()
    if len(raw) > MAX_EMAIL_CHARS:
        return Result.refuse(Reason.TOO_LONG)
    raw = _email_part(raw)
    try:
        checked = email_validator.validate_email(raw, check_deliverability=False)
    except email_validator.EmailNotValidError:
        return Result.refuse(Reason.INVALID)
    return Result.accept(checked.normalized)


# Words around a skip that change nothing: "no email sorry", "skip that thanks",
# "I don't use email I'm afraid", "honestly no".
_COURTESY = re.compile(
    r"\b(?:sorry|thanks|thank you|cheers|ta|please|mate|love|dear|tbh|to be honest"
    r"|honestly|i'm afraid|i am afraid|afraid|oh|ah|um+|erm+|er|well|ok|okay"
    r"|that|really|actually|at all|these days|anymore|any more)\b"
)
# "dont" and "havent" typed without their apostrophes
_APOSTROPHES = re.compile(r"\b(don|haven|hasn|can|won|didn|doesn)t\b")


def _reply_words(text: str | None) -> str:
    """A reply in lower case, with straight apostrophes, also where they were left
    out ("dont" is "don't")."""
    said = clean_text(text).lower().replace("\u2019", "'")
    return _APOSTROPHES.sub(r"\1't", said)


def is_skip(text: str | None) -> bool:
    """True for "skip", "no", "none", "I'd rather not", "no thanks sorry" and the
    like (an optional detail left out)."""
    said = _reply_words(text)
    if "@" in said:
        return False
    if said.strip(" .!") in SKIP_WORDS:
        return True
    said = re.sub(r"[.,!;:()-]+", " ", _COURTESY.sub(" ", said))
    return " ".join(said.split()) in SKIP_WORDS


# At the email question: a "no" about email in any words ("no email sorry i dont
# really use it", "he hasn't got one, just use the phone").
_DECLINE = re.compile(
    r"\b(?:no|not|don't|do not|doesn't|does not|haven't|hasn't|have not|has not"
    r"|never|none|nope|nah|nae|naw|rather not|without)\b"
)
_ABOUT_EMAIL = re.compile(
    r"\b(?:email|e-mail|emails|one|1|it|address|use|phone|computers?|internet)\b"
)
# ... or a refusal that needs no word for email: "prefer not to say", "rather not
# give that out", "I'll pass".
_REFUSAL = re.compile(
    r"\b(?:prefer not|rather not|i'?ll pass|pass on (?:that|this)"
    r"|not (?:giving|sharing) (?:that|it|this)|won't (?:give|share)"
    r"|not comfortable)\b"
)
MAX_DECLINE_WORDS = 12


def declines_email(text: str | None) -> bool:
    """True for a skip, or a short reply with no address in it that says "no"
    about email ("dont have 1 sorry", "I don't use email I'm afraid"): the one
    place that reads a refusal to give an email address."""
    said = _reply_words(text)
    return is_skip(text) or (
        "@" not in said
        and len(said.split()) <= MAX_DECLINE_WORDS
        and (
            bool(_REFUSAL.search(said))
            or (bool(_DECLINE.search(said)) and bool(_ABOUT_EMAIL.search(said)))
        )
    )


def _email_part(raw: str) -> str:
    """The address in "it's jo@example.com thanks"; the text if not exactly one."""
    found = [w.strip(".,;:!?()<>\"'") for w in raw.split() if "@" in w]
    return found[0] if len(found) == 1 and " " in raw else raw.rstrip(".,;!")


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
    last = _LAST_DAY.search(_spell_out_days(words))
    if last:
        weekday = _WEEKDAYS.index(last.group(1).lower().removesuffix("s")[:-3])
        return now.date() - timedelta(days=(now.weekday() - weekday - 1) % 7 + 1)
    candidate = _dates_only(words)
    if not candidate:
        return None
    parsed = dateparser.parse(candidate, languages=["en"], settings=settings)
    if parsed is not None and _is_vague(candidate):
        parsed = None
    if parsed is None:
        found = search_dates(candidate, languages=["en"], settings=settings) or []
        matches = [
            when
            for said, when in found
            if not _is_false_date(said) and not _is_vague(said)
        ]
        parsed = matches[0] if matches else None
    if parsed is None:
        return None
    return _roll_day_only_forward(candidate, parsed.date(), now.date())


def _dates_only(words: str) -> str:
    """The words with what dateparser misreads taken out or spelt out.

    dateparser reads "Tuesday" and "tomorrow" but not "next Tuesday", "thurs" or
    "tomorrow morning", and reads "Friday at 2" as the 2nd; the part of the day
    and the time are kept in the free text anyway.
    """
    text = _DAYS_BETWEEN_LETTERS.sub(" or ", _spell_out_days(words))
    text = _NEGATED_DAYS.sub(" ", text)
    text = _DAY_RANGE.sub(" ", text)
    text = _CLOCK_TIME.sub(" ", text)
    text = _TIME_OF_DAY.sub(" ", text)
    text = _NEXT_OR_THIS.sub("", text)
    return " ".join(text.split()).strip(" ,.;")


def _spell_out_days(words: str) -> str:
    """ "thurs pm" -> "Thursday pm"."""
    return _DAY_SHORT_FORM.sub(lambda m: _DAY_SHORT_FORMS[m.group(1).lower()], words)


def _is_vague(said: str) -> bool:
    """A month with no day ("sometime in December") names no date."""
    return bool(_MONTH_WORD.search(said)) and not any(ch.isdigit() for ch in said)


def mentions_day_or_time(text: str | None) -> bool:
    """True when the words say when suits ("thurs pm", "after 6", "whenever")."""
    return bool(_WHEN_WORDS.search(clean_text(text)))


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
