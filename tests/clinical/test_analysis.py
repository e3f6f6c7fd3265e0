"""The Analysis result: which red flag leads, offsets, immutability, awkward input."""

from __future__ import annotations

import dataclasses
import subprocess
import sys
from pathlib import Path

import pytest

from bot.clinical import RED_FLAG_KINDS, Analysis, RedFlag, analyse
from tests.clinical import (
    test_bladder_bowel,
    test_chest_pain,
    test_collapse,
    test_fever,
    test_leg_weakness,
    test_ordinary_messages,
    test_saddle_numbness,
    test_self_harm,
    test_trauma,
)

PROJECT_ROOT = Path(__file__).resolve().parents[2]
RED_FLAG_TABLES = {
    "bladder_bowel": test_bladder_bowel.BLADDER_BOWEL_RED_FLAGS,
    "chest_pain": test_chest_pain.CHEST_PAIN_RED_FLAGS,
    "collapse": test_collapse.COLLAPSE_RED_FLAGS,
    "fever": test_fever.FEVER_RED_FLAGS,
    "leg_weakness": test_leg_weakness.LEG_WEAKNESS_RED_FLAGS,
    "saddle_numbness": test_saddle_numbness.SADDLE_NUMBNESS_RED_FLAGS,
    "self_harm": test_self_harm.SELF_HARM_RED_FLAGS,
    "trauma": test_trauma.TRAUMA_RED_FLAGS,
}


def test_every_kind_has_cases() -> None:
    """Every red-flag kind has its table of cases, with enough in all."""
    assert set(RED_FLAG_TABLES) == set(RED_FLAG_KINDS)
    assert all(len(cases) >= 20 for cases in RED_FLAG_TABLES.values())
    assert len(test_ordinary_messages.ORDINARY_MESSAGES) >= 30


def test_primary_red_flag_prefers_self_harm() -> None:
    """Self-harm comes first whatever else the message says."""
    result = analyse("I can't control my bladder and I want to die")
    assert result.kinds == ("self_harm", "bladder_bowel")
    assert result.primary_red_flag is not None
    assert result.primary_red_flag.kind == "self_harm"


def test_primary_red_flag_most_serious_then_earliest() -> None:
    """Without self-harm the most serious kind wins, then the earliest."""
    result = analyse("I fell off my bike today and now I have chest pain")
    assert result.primary_red_flag is not None
    assert result.primary_red_flag.kind == "chest_pain"
    assert analyse("no red flags here").primary_red_flag is None


def test_red_flag_offsets_point_into_original_text() -> None:
    """Start and end are offsets of the original message; words are whole."""
    text = "Hello.  I DON'T want to be here anymore!!"
    (flag,) = analyse(text).red_flags
    assert flag == RedFlag("self_harm", "DON'T want to be here anymore", 10, 39)
    assert text[flag.start : flag.end] == flag.text


def test_analysis_is_frozen() -> None:
    """Results are immutable values."""
    result = analyse("I want to die")
    with pytest.raises(dataclasses.FrozenInstanceError):
        result.red_flags = ()  # type: ignore[misc]
    assert Analysis().is_red_flag is False


# --- Awkward input ------------------------------------------------------------------


@pytest.mark.parametrize("text", ["", " ", "\n\t ", "<br/>", "&nbsp;"])
def test_empty_input(text: str) -> None:
    """Nothing to analyse gives an empty Analysis."""
    assert analyse(text) == Analysis()


def test_html_input() -> None:
    """Markup does not hide a red flag or break offsets."""
    text = "<div><p>I <b>can't</b> feel my <i>legs</i></p></div>"
    (flag,) = analyse(text).red_flags
    assert flag.kind == "leg_weakness"
    assert text[flag.start : flag.end] == flag.text == "can't</b> feel my <i>legs"


def test_emoji_input() -> None:
    """Emoji are just more tokens."""
    text = "😢😢 I can't feel my legs 🦵 and I'm scared 😱"
    (flag,) = analyse(text).red_flags
    assert text[flag.start : flag.end] == "can't feel my legs"
    assert analyse("👍🙂🙏").red_flags == ()


def test_huge_input_finds_the_flag_at_the_end() -> None:
    """A 6,000-character message is analysed whole
    (its speed is measured by make bench)."""
    filler = (
        "I had a microdiscectomy two years ago and the pain in my lower back came "
        "back after physio. My GP suggested injections but I would like to try IDD. "
    )
    text = (filler * 60)[:5960] + " and I can't feel my legs"
    result = analyse(text)
    assert [flag.kind for flag in result.red_flags] == ["leg_weakness"]
    assert result.red_flags[0].end == len(text)


def test_symptom_dense_input_finds_every_flag() -> None:
    """A 6,000-character message full of symptom words is analysed whole."""
    phrasings = [text for cases in RED_FLAG_TABLES.values() for text in cases]
    phrasings += test_ordinary_messages.ORDINARY_MESSAGES
    text = (". ".join(phrasings) * 2)[:6000]
    assert len(analyse(text).red_flags) > 50


def test_very_long_input_is_chunked() -> None:
    """Text beyond one chunk is analysed in pieces with correct offsets."""
    text = "my back is stiff. " * 3000 + "I want to die"
    (flag,) = analyse(text).red_flags
    assert (flag.kind, text[flag.start : flag.end]) == ("self_harm", "want to die")


def test_import_does_not_load_spacy() -> None:
    """Importing the package is cheap: spaCy loads on first analysis."""
    code = "import sys, bot.clinical; print('spacy' in sys.modules)"
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=PROJECT_ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    assert result.stdout.strip() == "False"
