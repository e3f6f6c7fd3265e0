"""Clinical-language rules: red-flag symptoms and clinical entities in a message.

The one place that decides whether a message is a red flag. Usage::

    from bot.clinical import analyse

    result = analyse("I can't control my bladder since yesterday")
    result.is_red_flag            # True
    result.primary_red_flag.kind  # "bladder_bowel"
    result.entities               # (ClinicalEntity(label="body_part", ...), ...)

Importing this package is cheap: the rules are read, spaCy imported and the
pipeline built on the first call of analyse() (or warm_up()), then reused. The
English rules are data in rules/*.yml (read by loader.py, pattern syntax in
compiler.py); the engine is detector.py. Other languages: other_languages.py.
"""

from __future__ import annotations

from bot.clinical.analysis import (
    RED_FLAG_KINDS,
    Analysis,
    ClinicalEntity,
    RedFlag,
    RedFlagKind,
)

__all__ = [
    "RED_FLAG_KINDS",
    "Analysis",
    "ClinicalEntity",
    "RedFlag",
    "RedFlagKind",
    "analyse",
    "warm_up",
]


def analyse(text: str) -> Analysis:
    """Red flags and clinical entities of one message (offsets into `text`)."""
    from bot.clinical import detector

    return detector.analyse(text)


def warm_up() -> None:
    """Builds the pipeline now rather than on the first message."""
    from bot.clinical import detector

    detector.get_nlp()
