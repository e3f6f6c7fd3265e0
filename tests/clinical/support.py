"""Helpers shared by the clinical tests."""

from __future__ import annotations

from bot.clinical import analyse


def kinds_of(text: str) -> set[str]:
    """The red-flag kinds found in a message."""
    return {flag.kind for flag in analyse(text).red_flags}
