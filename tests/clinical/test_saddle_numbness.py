"""Saddle numbness red flags (numbness of the groin, bottom, genitals or inner thighs):
messages that must flag as "saddle_numbness", and look-alikes with its words that
must not flag at all.

Patterns: bot/clinical/rules/saddle_numbness.yml; vetoes: bot/clinical/rules/vetoes.yml.
"""

from __future__ import annotations

import pytest

from bot.clinical import analyse
from tests.clinical.support import assert_flags, kinds_of

SADDLE_NUMBNESS_RED_FLAGS = [
    "numbness in my groin",
    "I've got numbness in the saddle area",
    "numb between my legs",
    "my bum has gone numb",
    "I can't feel it when I wipe",
    "no feeling down below since yesterday",
    "pins and needles around my genitals",
    "I can't feel my private parts",
    "when I wipe I can't feel anything",
    "reduced sensation in the saddle area",
    "I can't feel the toilet seat properly",
    "numb when I wipe",
    "my bottom and inner thighs feel dead",
    "it feels like I've had a local anaesthetic in my bum",
    "no feeling at all when I go to wipe",
    "he says his bum cheeks are numb",
    "can't feel anything when I sit on the loo",
    "the skin on my bum feels like it isn't mine, totally numb",
    "like I'm sat on nothing when I'm on the toilet",
    "saddle anesthesia since this morning",
    "I googled my symptoms and it says saddle anaesthesia",
    "my privites are numb",
    "his willy and balls are numb",
    "tingling all round my bottom since lunch",
    "pins and neadles right across my groin today",
    "my bum cheeks feel like cotton wool",
    "read about cauda equina, and I can't feel myself when I wipe",
    "my lady bits have gone numb",
    "my bum and the bits in between feel numb since this morning",
    "there's a numb patch right over my groin on both sides",
    "numbness spreading round my groin since the weekend",
    "no feeling in the skin around my back passage since Sunday",
    "the part I'd sit on a bike saddle with is numb",
    "on the toilet it's like my bum is not there",
    "I cannae feel anything doon below when I sit on the loo",
    # regional "me" for "my" before a body part
    "since dinner time I can't feel me bum or between me legs proper, like numb",
    "me bum's gone numb since this morning",
    "numb between me legs since dinner",
    "can't feel me privates, back's agony",
    # the skin there not felt, in a second language's words
    "since this morning I don't feel the skin round my bottom",
    "I cannot feel skin on my private parts from yesterday",
    "my husband does not feel the area between his legs since two days",
    "I not feel in my private area, also inside thighs, since Monday",
    "no feel the skin near the anus and inner thigh",
]

# Messages whose saddle numbness words are vetoed, negated, past, resolved or
# only asked about.
SADDLE_NUMBNESS_LOOK_ALIKES = [
    "I don't have any numbness in my groin",
    "denies saddle numbness",
    "saddle soreness from cycling",
    "I have numbness at the bottom of my foot",
    "I like sitting on my exercise ball",
    "my bum goes numb on long drives but it's fine once I stand up",
    "my backside went numb on the train but it went away when I got up",
    "the leaflet lists numbness in the groin and "
    "bowel trouble, I haven't had any of them",
    "the numbness in my groin last year turned out to be nothing",
    "what does saddle anaesthesia mean exactly?",
    # "me" that is not "my"
    "can you call me back about me back",
    "give me a ring, me hip's been playing up for years",
    "I don't feel any pain in my groin anymore",
]


@pytest.mark.parametrize("text", SADDLE_NUMBNESS_RED_FLAGS)
def test_saddle_numbness_red_flag_found(text: str) -> None:
    """Each phrasing is flagged as saddle_numbness."""
    assert "saddle_numbness" in kinds_of(text)


@pytest.mark.parametrize("text", SADDLE_NUMBNESS_LOOK_ALIKES)
def test_saddle_numbness_look_alike_not_flagged(text: str) -> None:
    """Red-flag words set aside are not a red flag."""
    assert analyse(text).red_flags == ()


@pytest.mark.parametrize(
    ("text", "flagged"),
    [
        # the loo roll, the paper or the wipes not felt when wiping
        (
            "cant feel the loo roll when i wipe since last night and the sciatica "
            "is in both legs now. can i book IDD for next week?",
            True,
        ),
        ("couldn't feel the toilet roll when I wiped this morning", True),
        ("she can't feel the paper when she wipes since yesterday", True),
        ("can't feel the wipes at all down there since last night", True),
        ("he cannot feel the bit of tissue when he wipes, from today", True),
        # cold toes, a term asked about and denied
        ("can't feel my toes in the cold", False),
        ("what does saddle numbness mean? I don't have it", False),
        ("we've run out of loo roll, can I still come in for my appointment?", False),
    ],
)
def test_loo_roll_or_wipes_not_felt(text: str, flagged: bool) -> None:
    """The loo roll or wipes not felt flags; cold toes or a term asked about not."""
    assert_flags(text, "saddle_numbness", flagged)
