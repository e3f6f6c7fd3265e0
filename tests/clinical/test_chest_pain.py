"""Chest pain red flags (pain or pressure in the chest, spreading to arm or jaw, sudden
breathlessness): messages that must flag as "chest_pain", and look-alikes with its
words that must not flag at all.

Patterns: bot/clinical/rules/chest_pain.yml; vetoes: bot/clinical/rules/vetoes.yml.
"""

from __future__ import annotations

import pytest

from bot.clinical import analyse
from tests.clinical.support import kinds_of

CHEST_PAIN_RED_FLAGS = [
    "I've got chest pain",
    "crushing pain in my chest",
    "my chest feels really tight",
    "pain spreading to my jaw",
    "tightness across my chest and I feel sick",
    "I think I'm having a heart attack",
    "there's a pain in the middle of my chest",
    "pain in my chest going into my left arm",
    "feels like an elephant is sitting on my chest",
    "it's like a tight band round my chest",
    "it feels like a weight pressing on my chest",
    "squeezing feeling in my chest and my left arm aches",
    "my chest feels like it's in a vice",
    "it hurts in my chest when I climb the stairs",
    "pain going down my left arm and into my jaw",
    "my husband says it feels like someone is standing on his chest",
    "I think my dad is having a heart attack",
    "i think i'm having a heart atack",
    "my chest pane is bad and i'm sweating",
    "feels like a band squeezing round my ribs and I'm short of breath",
    "like a vice round my ribs, left arm tingling",
    "it's like an elephant sitting on me",
    "my chest feels weird and I'm clammy and sweaty",
    "heavyness in my chest and I feel sick",
    "a tight band round my chest and I'm sweating",
    "strange feeling in my chest and I'm short of breath",
    "hevy feeling across the middle of my chest and I feel sick",
    "tight chest and cold sweats",
    "my chest is tight and cold and clammy",
    "so breathless I can't talk properly, it came on suddenly",
    "a ripping pain from my back right through to my chest",
    "out of nowhere I can't catch my breath at all",
    "gasping for air and my lips look grey",
]

# Messages whose chest pain words are vetoed, negated, past, resolved or
# only asked about.
CHEST_PAIN_LOOK_ALIKES = [
    "no chest pain",
    "I'm moving a chest of drawers this weekend, can I still come",
    "I had a chest infection",
    "I do a chest press at the gym",
    "my grandad died of a heart attack, but I'm only here about my sciatica",
    "my chest gets tight when I have a cough, the inhaler sorts it",
    "chest tightness with my asthma sometimes, nurse reviewed it last week",
    "my chest is a bit tight from coughing all week, and my back's sore from it",
    "tight chest with this stinking cold, lower back aching too",
    "tight chest from a chest cold that's nearly gone, can I still come in?",
    "my kids nearly gave me a heart attack this morning, anyway, about IDD",
]


@pytest.mark.parametrize("text", CHEST_PAIN_RED_FLAGS)
def test_chest_pain_red_flag_found(text: str) -> None:
    """Each phrasing is flagged as chest_pain."""
    assert "chest_pain" in kinds_of(text)


@pytest.mark.parametrize("text", CHEST_PAIN_LOOK_ALIKES)
def test_chest_pain_look_alike_not_flagged(text: str) -> None:
    """Red-flag words set aside are not a red flag."""
    assert analyse(text).red_flags == ()
