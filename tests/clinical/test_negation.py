"""Negation scope: a negation stops at a clause break; one inside the symptom counts.

Cues and clause words: bot/clinical/rules/negation.yml.
"""

from __future__ import annotations

import pytest

from tests.clinical.support import kinds_of

NEGATION_SCOPE = [
    ("no numbness but I can't control my bladder", {"bladder_bowel"}),
    ("I'm not suicidal but my legs keep giving way", {"leg_weakness"}),
    ("no fever and my legs are suddenly weak", {"leg_weakness"}),
    ("no chest pain. I can't feel my legs", {"leg_weakness"}),
    ("no, I can't feel my legs", {"leg_weakness"}),
    ("no I can't control my bladder", {"bladder_bowel"}),
    ("I can no longer control my bladder", {"bladder_bowel"}),
    ("I'm not sure but I think I've lost bladder control", {"bladder_bowel"}),
    ("I can't stop peeing myself since my back went", {"bladder_bowel"}),
    ("I don't know why but I want to die", {"self_harm"}),
    ("bladder is fine; I have numbness in my groin", {"saddle_numbness"}),
    ("I haven't been able to pee since last night", {"bladder_bowel"}),
    ("I'd never had chest pain until today", {"chest_pain"}),
    ("I've never had chest pain before", set()),
    ("my legs don't feel weak", set()),
    # A comma ends the scope, so the last item of a list is flagged (the safe side).
    ("no numbness, weakness or bladder problems", {"bladder_bowel"}),
]


@pytest.mark.parametrize(("text", "expected"), NEGATION_SCOPE)
def test_negation_scope(text: str, expected: set[str]) -> None:
    """A negation stops at a clause break; a negation inside the symptom counts."""
    assert kinds_of(text) == expected
