"""Helpers shared by the clinical tests."""

from __future__ import annotations

from bot.clinical import analyse


def kinds_of(text: str) -> set[str]:
    """The red-flag kinds found in a message."""
    return {flag.kind for flag in analyse(text).red_flags}


def assert_flags(text: str, kind: str, flagged: bool) -> None:
    """`kind` is found in `text` exactly when `flagged`; unflagged, no kind is."""
    assert (kind in kinds_of(text)) is flagged
    if not flagged:
        assert analyse(text).red_flags == ()
