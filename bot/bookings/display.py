"""Show what patients typed, safely: in a terminal table, in `show`, and in CSV."""

from __future__ import annotations

import html
import re
import unicodedata
from collections.abc import Sequence
from datetime import date, datetime

from bot.bookings.free_text import clean_text

ELLIPSIS = "…"
# Spreadsheets run cells starting with these as formulas (CSV injection).
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_E164 = re.compile(r"\+[1-9]\d{6,14}")


def plain(value: object) -> str:
    """One line of text: control and bidi-override characters gone, dates in UTC."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M UTC")
    if isinstance(value, date):
        return value.isoformat()
    return clean_text(str(value))


def for_terminal(value: object, width: int | None = None) -> str:
    """`plain`, HTML-escaped so markup shows as text, cut to `width` columns."""
    text = html.escape(plain(value), quote=False)
    if width is None or display_width(text) <= width:
        return text
    cut = _cut(text, width - 1)
    entity = cut.rfind("&")
    if entity != -1 and ";" not in cut[entity:]:
        cut = cut[:entity]  # never leave half an "&lt;"
    return cut + ELLIPSIS


def for_csv(value: object) -> str:
    """`plain`, with formula-looking text prefixed by ' so spreadsheets don't run it."""
    text = plain(value)
    if text.startswith(_FORMULA_STARTS) and not _E164.fullmatch(text):
        return "'" + text
    return text


def display_width(text: str) -> int:
    """Terminal columns: wide (CJK, emoji) characters take two, combining ones none."""
    return sum(_char_width(ch) for ch in text)


def _char_width(ch: str) -> int:
    """Columns one character takes in a terminal."""
    if unicodedata.combining(ch) or unicodedata.category(ch) in ("Mn", "Me", "Cf"):
        return 0
    return 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1


def _cut(text: str, width: int) -> str:
    """The longest prefix of `text` that fits in `width` columns."""
    used = 0
    for index, ch in enumerate(text):
        used += _char_width(ch)
        if used > width:
            return text[:index]
    return text


def table(headers: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    """Left-aligned columns separated by two spaces, with a rule under the header."""
    widths = [
        max([display_width(h)] + [display_width(row[i]) for row in rows])
        for i, h in enumerate(headers)
    ]
    lines = [_line(headers, widths), _line(["-" * w for w in widths], widths)]
    lines += [_line(row, widths) for row in rows]
    return "\n".join(lines)


def _line(cells: Sequence[str], widths: Sequence[int]) -> str:
    """One table row, each cell padded to its column's width."""
    padded = [
        c + " " * (w - display_width(c)) for c, w in zip(cells, widths, strict=True)
    ]
    return "  ".join(padded).rstrip()
