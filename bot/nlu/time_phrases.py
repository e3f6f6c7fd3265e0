"""Finds the part of a message that says when (e.g. "next Tuesday afternoon").

Used to pre-fill the booking form's preferred time from "book me in for next
Tuesday". A regular expression is enough here and costs microseconds; the
booking validation parses the phrase into a date.
"""

from __future__ import annotations

import re

_DAY = r"(?:mon|tues?|wed(?:nes)?|thu(?:rs?)?|fri|sat(?:ur)?|sun)(?:day)?s?"
_MONTH = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|"
    r"aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)"
)
_PART = r"(?:mornings?|afternoons?|evenings?|lunchtimes?|am|pm)"
# on its own ("mornings suit me"): a word, never a bare "am" ("I am fine")
_PART_WORD = r"(?:mornings?|afternoons?|evenings?|lunchtimes?)"
# "tues or weds", "mon/tue", "thursday and friday"
_DAYS = rf"{_DAY}(?:\s*(?:or|and|/|,|&)\s*{_DAY})*"
_CORE = (
    rf"(?:(?:this|next|coming|on|any)\s+)?{_DAYS}(?:\s+(?:the\s+)?\d{{1,2}}(?:st|nd|rd|th)?)?"
    rf"|today|tomorrow|tonight|next\s+week|this\s+week|(?:any\s+)?(?:weekends?|weekdays?)"
    rf"|(?:(?:weekday|weekend|any|early|late)\s+)?{_PART_WORD}"
    rf"|\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH}|{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?"
    rf"|\d{{1,2}}/\d{{1,2}}(?:/\d{{2,4}})?"
)
_TIME_PHRASE = re.compile(
    rf"\b(?:{_CORE})(?:\s+(?:in\s+the\s+)?{_PART})?"
    rf"(?:\s+(?:at|after|before|around)\s+\d{{1,2}}(?::\d\d)?\s*(?:am|pm)?)?\b",
    re.I,
)


def find_time_phrase(text: str) -> tuple[int, int, str] | None:
    """The first time phrase in the text as (start, end, phrase), or None."""
    match = _TIME_PHRASE.search(text)
    if not match:
        return None
    return match.start(), match.end(), match.group()


# "change the day to friday, tuesdays are no good now", "make it thursday not
# monday", "from monday to friday": the phrases a change moves away from
_OLD_BEFORE = re.compile(r"\b(?:from|not|instead of|rather than|than)\s+$", re.I)
_OLD_AFTER = re.compile(
    r"^\s*(?:is|are|'s|'re)?\s*(?:no good|not good|out|bad|impossible|off)\b"
    r"|^\s*(?:doesn'?t|don'?t|won'?t|does not|do not|will not) (?:work|suit)\b",
    re.I,
)


def find_new_time_phrase(text: str) -> str | None:
    """The time a change of booking detail asks for: the last phrase that is not
    the one being moved away from, or None."""
    wanted = [
        match.group()
        for match in _TIME_PHRASE.finditer(text)
        if not _OLD_BEFORE.search(text[: match.start()])
        and not _OLD_AFTER.search(text[match.end() :])
    ]
    return wanted[-1] if wanted else None
