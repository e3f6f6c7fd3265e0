"""Finds the part of a message that says when (e.g. "next Tuesday afternoon").

Used to pre-fill the booking form's preferred time from "book me in for next
Tuesday". A regular expression is enough here and costs microseconds; the
booking validation parses the phrase into a date.
"""

from __future__ import annotations

import re
from typing import Optional

_DAY = r"(?:mon|tues?|wed(?:nes)?|thu(?:rs?)?|fri|sat(?:ur)?|sun)(?:day)?s?"
_MONTH = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|"
    r"aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)"
)
_PART = r"(?:morning|afternoon|evening|lunchtime|am|pm)"
_CORE = (
    rf"(?:(?:this|next|coming|on)\s+)?{_DAY}(?:\s+(?:the\s+)?\d{{1,2}}(?:st|nd|rd|th)?)?"
    rf"|today|tomorrow|tonight|next\s+week|this\s+week|weekend"
    rf"|\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH}|{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?"
    rf"|\d{{1,2}}/\d{{1,2}}(?:/\d{{2,4}})?"
)
_TIME_PHRASE = re.compile(
    rf"\b(?:{_CORE})(?:\s+(?:in\s+the\s+)?{_PART})?"
    rf"(?:\s+(?:at|after|before|around)\s+\d{{1,2}}(?::\d\d)?\s*(?:am|pm)?)?\b",
    re.I,
)


def find_time_phrase(text: str) -> Optional[tuple[int, int, str]]:
    """The first time phrase in the text as (start, end, phrase), or None."""
    match = _TIME_PHRASE.search(text)
    if not match:
        return None
    return match.start(), match.end(), match.group()
