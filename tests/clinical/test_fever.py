"""Fever red flags (a fever term, a reading of 38 C or more, fever signs with a
context): messages that must flag as "fever", and look-alikes with its words that
must not flag at all.

Patterns: bot/clinical/rules/fever.yml; vetoes: bot/clinical/rules/vetoes.yml.
"""

from __future__ import annotations

import pytest

from bot.clinical import analyse
from tests.clinical.support import kinds_of

FEVER_RED_FLAGS = [
    "I have a high temperature and back pain",
    "fever and my lower back is agony",
    "I've got a temperature of 39 and my back hurts",
    "night sweats and back pain",
    "shivering and sweating with this back pain",
    "I feel feverish",
    "temp of 39.2 and back pain",
    "I'm having rigors",
    "my temperature went up to 39.4 last night",
    "thermometer says 38.7 and my back is agony",
    "a 39 degree temperature since the weekend",
    "temp is 102F and my lower back is killing me",
    "burning up and my back is in agony",
    "I'm shaking uncontrollably and my back really hurts",
    "can't stop shivering and my spine is so sore",
    "my husband has a high fever and back pain",
    "my son has a temperature of 39 and his back is sore",
    "temp 38.4 and my back is killing me",
    "running a temperature of 101F with neck pain",
    "she's delirious and her back is agony",
    "I think I'm septic, had my op last week",
    "I've been diagnosed with discitis and it's getting worse",
    "worried I've got a spinal abscess",
    "had a nerve root block on tuesday, now shivering and sweating",
    "on chemo and I've got chills and shakes",
    "I'm diabetic and feel hot and cold, had surgery 5 days ago",
    "I inject heroin and now I'm burning up",
    "temperature sky high after my epidural",
    "rigours since last night and my back is killing me",
    "my wound is oozing pus after my fusion",
    "my nan is muddled and hot and her back is worse",
    "he's burning hot and confused, bad back since Tuesday",
    "shaking with rigours since my injection",
    "thermometer aside I'd say 101F, back is agony",
    "38.4C this evening and my lower back is throbbing",
    "a raging temperature since the epidural",
    "three days after my spinal op she's hot, 38.9 degrees, back is agony",
    "my scar looks angry and it's really sore",
    "hot then cold and shivering, back aching where the needle went in",
    "two days after the epidural I'm boiling hot and my back is agony",
    # "a temperature" in a list of symptoms, after a procedure or with a stiff neck
    "Had an epidural 2 days ago. Now got a banging headache, a temperature and my "
    "neck's stiff as a board. Probably just a cold?",
    "after my op last week: headache and temperature, feel rough",
    "since the nerve block: a temperature, a headache and the light hurts my eyes",
    "pounding head, a temperature, and I can't bend my neck forward",
]

# Messages whose fever words are vetoed, negated, past, resolved or
# only asked about.
FEVER_LOOK_ALIKES = [
    "no fever, just a stiff back",
    "does acupuncture help hay fever",
    "I had glandular fever as a teenager",
    "my son has a fever, can I still come",
    "I had a temperature last month but it's gone",
    "it's 40 degrees in Spain and my back loves it",
    "my temp is 37.9, is that ok for my appointment?",
    "my daughter has a fever so I need to cancel",
    "my son has a temperature, can I still bring him?",
    "is sepsis a risk after IDD?",
    "our septic tank is leaking and I hurt my back lifting the lid",
    "I'm diabetic and get sweaty when my sugar drops",
    "I'm 10 days post op and a bit sweaty at night because of the heatwave",
    "I've had chills from the flu bug going round and my back aches",
    "it's 39°C outside and my back aches from the heat",
    "the forecast says 40C tomorrow, will the clinic be air conditioned?",
    "is 37.4 a temperature? my back is the same as ever",
    "it's 39 degrees in the car and my back is sore from the drive",
    "I read that back pain with a fever can mean an infection, is that right?",
    "I had a temperature two weeks ago with a cold, all better now",
    "Will the nurse take a temperature before my injection?",
    "what counts as a temperature after an epidural?",
    "my mum had a high temperature after her op in 2019, she's fine now",
]


@pytest.mark.parametrize("text", FEVER_RED_FLAGS)
def test_fever_red_flag_found(text: str) -> None:
    """Each phrasing is flagged as fever."""
    assert "fever" in kinds_of(text)


@pytest.mark.parametrize("text", FEVER_LOOK_ALIKES)
def test_fever_look_alike_not_flagged(text: str) -> None:
    """Red-flag words set aside are not a red flag."""
    assert analyse(text).red_flags == ()


@pytest.mark.parametrize(
    ("text", "flagged"),
    [
        ("I've had a fever since Tuesday", True),
        ("I've been shivering all night and my back is agony", True),
        ("I've been shivering all night", False),
        ("I get chills when it's cold outside", False),
        ("I had a fever two years ago", False),
        ("I've got a temperature of 38.5", True),
        ("my temperature is 36.8", False),
    ],
)
def test_explicit_fever_flags_alone_vague_sign_needs_the_back(
    text: str, flagged: bool
) -> None:
    """An explicit fever flags alone; a vague sign needs a back/spine mention."""
    assert ("fever" in kinds_of(text)) is flagged


@pytest.mark.parametrize(
    ("text", "flagged"),
    [
        ("a temperature of 37.6 with a cold", False),
        ("a temperature of 38 with a cold", True),
        ("my temperature was 100.2F", False),
        ("my temperature was 100.4F", True),
    ],
)
def test_a_reading_flags_from_38_c_or_100_4_f(text: str, flagged: bool) -> None:
    """A reading under 38 C (100.4 F) is not a fever; 38 and over is."""
    assert analyse(text).is_red_flag is flagged
