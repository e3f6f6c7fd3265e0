"""Trauma red flags (falls from a height, crashes, blows, a fall when frail): messages
that must flag as "trauma", and look-alikes with its words that must not flag at
all.

Patterns: bot/clinical/rules/trauma.yml; vetoes: bot/clinical/rules/vetoes.yml.
"""

from __future__ import annotations

import pytest

from bot.clinical import analyse
from tests.clinical.support import assert_flags, kinds_of

TRAUMA_RED_FLAGS = [
    "I fell off a ladder at work",
    "I was hit by a car this morning",
    "car crash yesterday and now my neck hurts",
    "I fell down the stairs and can't move",
    "I had a major accident today",
    "fell from a height onto my back",
    "I was in a road traffic accident on Monday",
    "I came off my motorbike",
    "a car knocked me off my bike",
    "I fell 10 feet off scaffolding",
    "I was thrown from my horse",
    "I got rear ended on the way to work and my neck hurts",
    "someone drove into the back of my car, now tingling in my hands",
    "RTA this morning, back pain",
    "our car flipped over on the A road",
    "we were t-boned at a junction",
    "I dived into the shallow end and hit my head",
    "I'm 78 and slipped on the ice this morning",
    "my son was knocked down by a van",
    "my grandad fell in the garden and his back hurts",
    "she has osteoporosis and tripped over the cat",
    "my 85-year-old father has had a fall and can't get comfortable",
    "my 92 year old mum had a fall this morning",
    "my dad (81) slipped in the bathroom",
    "nan fell over and has been on the floor for two hours",
    "she's got osteoporosis, took a tumble yesterday",
    "I fell in the kitchen and can't get up",
    "I heard something snap in my back when I landed",
    "after the scrum I've got tingling in both hands",
    "a lorry went into the side of us on the motorway",
    "we were hit at 60 mph on the A1",
    "fell down the whole flight of stairs at home, back is agony",
    "came off my bike hard, now my fingers are numb",
    "tackled at rugby and there's tingling in my hands",
    "my horse bucked me and I came down on the fence post",
    "I was hit across the back with a steel bar at work",
    "landed flat on my back off the trampoline, can't feel my feet",
    # an aside in brackets that says "now"
    "my dad fell off the roof (this morning) and can't move",
]

# Messages whose trauma words are vetoed, negated, past, resolved or
# only asked about.
TRAUMA_LOOK_ALIKES = [
    "I have not fallen off anything",
    "I had a fall last year and my back is stiff",
    "I was in a car accident ten years ago and my back has been sore since",
    "I fell asleep on the sofa and my back is stiff",
    "I'm falling apart with this back pain",
    "I had a minor car accident",
    "I fell off a swing as a child, is that why my back is bad?",
    "I was in a car accident 10 years ago",
    "my nan slipped away last year and my back has been tight since",
    "my gran tripped the fuse box",
    "I'm 70 with a slipped disc, can IDD help?",
    "I fell out with my physio",
    "I fell down two steps last year and bruised my bum",
    "I came off my bike in march and the x-ray was clear, just a bit sore",
    "my mum hurt her back in the seventies in a car crash, is that genetic?",
    "felt like I'd been hit by a truck after the gym",
    "mum fell in the garden a few weeks ago, checked at A&E, no fracture",
    # an aside in brackets right after the fall places it in the past
    "i hurt my back falling down the stairs at halls (not recent its been 8 months, "
    "xray was fine) and its still sore. whats idd",
    "I was in a car accident (about two years ago) and my back still aches",
    "had a bad fall down the stairs (it's been a year, scan was fine), still achy",
]


@pytest.mark.parametrize("text", TRAUMA_RED_FLAGS)
def test_trauma_red_flag_found(text: str) -> None:
    """Each phrasing is flagged as trauma."""
    assert "trauma" in kinds_of(text)


@pytest.mark.parametrize("text", TRAUMA_LOOK_ALIKES)
def test_trauma_look_alike_not_flagged(text: str) -> None:
    """Red-flag words set aside are not a red flag."""
    assert analyse(text).red_flags == ()


@pytest.mark.parametrize(
    ("text", "flagged"),
    [
        ("my uncle slipped on the path", False),
        ("my uncle is 84, he slipped on the path", True),
        ("my uncle slipped on the path, he can't get up", True),
    ],
)
def test_a_fall_flags_with_frailty_or_a_long_lie(text: str, flagged: bool) -> None:
    """An ordinary fall flags with frailty or a long lie anywhere in the message."""
    assert analyse(text).is_red_flag is flagged


def test_history_only_in_same_clause() -> None:
    """A past event in one clause does not cancel a new one in the next."""
    text = "I had a car crash years ago. Today I fell off a ladder"
    flags = analyse(text).red_flags
    assert [flag.text for flag in flags] == ["fell off a ladder"]


@pytest.mark.parametrize(
    ("text", "flagged"),
    [
        # a road collision today told by its road, its time or the vehicle that
        # hit the patient, in plain or non-native English
        (
            "crash on the A40 this morning, car hit my moped, I walk home but now "
            "the back is very bad and neck hurt when I turn. can I book IDD for "
            "tomorrow?",
            True,
        ),
        ("a car hit me on my bike this morning, my neck is really stiff", True),
        ("van clipped my scooter at the roundabout today, back is agony", True),
        ("crash at the roundabout earlier, lower back very bad now", True),
        ("had a collision on the M25 this morning and my neck hurts to turn", True),
        ("a lorry ploughed into us on the bypass, my back is killing me", True),
        ("knocked off my moped today and my back is in bits", True),
        ("prang on the ring road yesterday, neck is sore", True),
        ("someone went into the back of my car on the M1 today", True),
        ("stuck in the car after the crash on the M4 today, back agony", True),
        ("I saw my GP after the car crash this morning, neck still very sore", True),
        # long ago, held up by one, seen, a lift home, a sugar crash, imagined
        ("a car crash in 2009, fully healed", False),
        (
            "I was in a crash on the A40 back in 2012, my back has been stiff since",
            False,
        ),
        ("back's been bad since I came off the quad bike in the autumn", False),
        (
            "stuck for two hours behind a crash on the M6, my back is killing me "
            "from sitting",
            False,
        ),
        ("huge tailback from a crash on the M1, my back is killing me", False),
        ("drove past a crash on the motorway this morning, my back is sore", False),
        ("we passed a nasty crash on the A1 and my back is sore from the drive", False),
        ("a taxi drove me home after the injection, my back is sore", False),
        ("had a sugar crash this afternoon, back aching", False),
    ],
)
def test_road_collision_today(text: str, flagged: bool) -> None:
    """A collision today flags however told; one long ago, seen or imagined not."""
    assert_flags(text, "trauma", flagged)


def test_a_bus_imagined_is_no_crash() -> None:
    """ "If a bus hit me" is a wish to be judged as self-harm, not a crash."""
    assert analyse("honestly if a bus hit me tomorrow i wouldnt be sad").kinds == (
        "self_harm",
    )


@pytest.mark.parametrize(
    ("text", "flagged"),
    [
        # an old crash as the start of a pain that is now chronic
        (
            "probation officer, 50, chronic back pain since a car accident. my GP "
            "referred me straight on to pain management for injections after only "
            "three physio sessions. are pain doctors trained in rehab or manual "
            "therapy?",
            False,
        ),
        ("chronic neck pain ever since a motorbike crash in my twenties", False),
        ("long-standing back pain after a car accident, can IDD help?", False),
        ("persistent lower back pain following an RTA", False),
        ("my husband has chronic pain from a bad road accident", False),
        # a crash now, with a chronic pain told beside it
        (
            "I've had chronic back pain for years and today I was in a car accident",
            True,
        ),
        ("my chronic back pain got much worse since a car crash this morning", True),
    ],
)
def test_chronic_pain_since_an_old_crash(text: str, flagged: bool) -> None:
    """A chronic pain dating from a crash is history; a crash today flags."""
    assert_flags(text, "trauma", flagged)
