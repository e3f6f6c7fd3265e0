"""Leg weakness red flags (sudden or progressive weakness, legs giving way, foot drop):
messages that must flag as "leg_weakness", and look-alikes with its words that must
not flag at all.

Patterns: bot/clinical/rules/leg_weakness.yml; vetoes: bot/clinical/rules/vetoes.yml.
"""

from __future__ import annotations

import pytest

from bot.clinical import analyse
from tests.clinical.support import assert_flags, kinds_of

LEG_WEAKNESS_RED_FLAGS = [
    "sudden weakness in my left leg",
    "my legs keep giving way",
    "I can't feel my legs",
    "I can't move my legs",
    "both legs have gone numb",
    "my right leg has suddenly gone weak",
    "the numbness in my leg is getting worse",
    "my legs are getting weaker",
    "I've got foot drop on the left",
    "I can't lift my foot anymore, it drags",
    "suddenly I can't walk",
    "I can no longer walk",
    "My left leg went dead suddenly",
    "the tingling in my legs is spreading",
    "my legs have gone wobbly and weak",
    "my leg strength has gone",
    "I'm dragging my right leg",
    "my right leg went numb this morning",
    "this afternoon my left leg went dead",
    "my foot went floppy about two hours ago",
    "my leg collapsed under me",
    "I keep tripping over my own foot",
    "my legs have turned to jelly",
    "I can't lift my left foot",
    "I keep falling over, my legs won't hold me",
    "I've fallen over three times this week",
    "his legs gave way on the stairs",
    "her legs keep buckling",
    "my foot keeps dropping when I walk and I catch my toes",
    "my foot slaps on the ground when I walk now",
    "I can't bend my foot upwards since this morning",
    "my legs stopped working this morning",
    "my legs won't hold my weight",
    "my legs aren't working properly since last night",
    "the numbness is creeping up my legs",
    "tingling moving up both legs, now at my hips",
    "my legs are getting weaker by the hour",
    "I can't walk!",
    "I cant walk or stand",
    "he's suddenly unable to walk",
    "i have foot-drop since yesterday",
    "I think I have myelopathy, my hands are clumsy",
    "my left ankle won't bend upwards since this morning",
    "my toes keep catching on the carpet when I walk",
    "my foot won't lift off the ground properly",
    "my right foot is just dangling when I walk",
    "can't walk on my heels any more on the right side",
    "my shin is numb and my foot feels weak",
    "numbness in my shin and the foot keeps dragging",
    "my leg has gone dead from the knee down",
    "I can't feel or move my right leg",
    "my legs won't push me up off the sofa anymore",
    "I keep tripping on my right foot since yesterday",
    "fot drop on the left side I think, it slaps down",
    "my leg is so useless I'm draggin it behind me",
    "I've been dragging my left leg behind me all day",
    "dad's legs went from under him in the garden, his back's bad",
    "since this morning I can't move my toes on the left",
    "my legs went heavy and wobbly this morning, I need the walls to get about",
    "my legs aren't listening to me since lunchtime",
    "my left leg went numb and buckled under me on the stairs",
    "I can't stand since yesterday, back is in bits",
    "i cnt feel my legs since this morning",
    "hi, do you take Aviva? also my legs gave way "
    "twice this morning and they still feel heavy",
    "ah cannae feel ma legs since this mornin",
    "my husband's legs went fae under him and he cannae stand",
    "booked for Tuesday, but my legs feel shaky and really quite numb today",
    # "lost the feeling", "lost all sensation"
    "Mate I've lost the feeling in both legs since I woke up, they feel like they "
    "belong to someone else and I nearly went down on the stairs.",
    "lost all feeling in my legs this morning",
    "lost the strength in my legs suddenly",
    "lost all sensation in both feet",
    # a leg "kind of" not working, said aloud; not rising onto the toes
    "my right leg sort of isn't working right since lunch",
    "left foot kinda not working properly today and it's getting worse",
    "I can't stand on my tip toes on the right side since yesterday",
    "since this morning i cant rise up onto my toes on my left foot, getting worse",
    "my leg's sort of not responding properly since this morning, "
    "getting worse by the hour",
    "I can't do a calf raise on my left since this morning",
]

# Messages whose leg weakness words are vetoed, negated, past, resolved or
# only asked about.
LEG_WEAKNESS_LOOK_ALIKES = [
    "without any weakness in my legs",
    "no numbness or weakness in my legs",
    "my legs feel tired after pilates",
    "my leg is a bit numb after sitting",
    "my legs went like jelly after spin class",
    "my legs feel like jelly after leg day",
    "my thighs feel like jelly after squats",
    "my feet go numb on the bike after a couple of hours",
    "I used to get pins and needles in my feet but that stopped years ago",
    "my legs felt heavy as lead after leg day at the gym yesterday",
    "numbness in the balls of my feet when I run",
    "my foot went dead from sitting cross-legged",
    "I watched a video on foot drop, do you treat it?",
    "heard about foot drop from a friend, my feet work fine",
    "my knee gave way once three years ago skiing, nothing since",
    "my leg gave way on a walk once and never since",
    "my fingers are numb when it's freezing outside",
    "my dad's diabetic and has had numb toes for years, can he have IDD?",
    "chronic numbness in both feet from neuropathy, back pain is the new thing",
    "does the epidural make your legs feel heavy afterwards?",
    "my knee gave way last summer on a hike, it's been fine ever since",
    "my sciatica turned into foot drop in 2019, fully recovered, now just stiffness",
    "can foot drop happen after a microdiscectomy? "
    "asking for my mum, her feet are fine",
    "I haven't lost the feeling in my legs, just sore",
    # on the toes in a dance, in heels, over a sore toe or to reach a shelf
    "my toes hurt so I can't stand on tiptoe in ballet anymore",
    "I can't walk on my toes in heels lol",
    "with this bunion I can't stand on my toes",
    "since I broke my toe I can't stand on my toes",
    "I can't reach the top shelf even on my tiptoes",
]


@pytest.mark.parametrize("text", LEG_WEAKNESS_RED_FLAGS)
def test_leg_weakness_red_flag_found(text: str) -> None:
    """Each phrasing is flagged as leg_weakness."""
    assert "leg_weakness" in kinds_of(text)


@pytest.mark.parametrize("text", LEG_WEAKNESS_LOOK_ALIKES)
def test_leg_weakness_look_alike_not_flagged(text: str) -> None:
    """Red-flag words set aside are not a red flag."""
    assert analyse(text).red_flags == ()


@pytest.mark.parametrize(
    ("text", "flagged"),
    [
        ("my leg is weak", False),
        ("numbness down my leg", False),
        ("my legs are weak", True),
        ("both my feet are numb", True),
        ("my leg is suddenly weak", True),
        ("my right leg has been getting weaker over the past month", True),
    ],
)
def test_one_leg_needs_a_course_both_legs_flag_as_they_are(
    text: str, flagged: bool
) -> None:
    """One leg needs a sudden or progressive course; both legs flag as they are."""
    assert ("leg_weakness" in kinds_of(text)) is flagged


@pytest.mark.parametrize(
    ("text", "flagged"),
    [
        # a leg that buckles or folds under the patient, or is not stood on
        ("I can't stand on my left leg properly since yesterday", True),
        ("my right leg keeps folding under me since this morning", True),
        ("can't put any weight on my right leg properly since lunch, no injury", True),
        ("my left leg just gives way under me when I walk, started today", True),
        ("I can't balance on my right leg anymore, back is agony", True),
        # a knee that has buckled for years, yoga, a sports injury, a chair
        ("my knee buckles when I'm tired, has for years", False),
        ("my left knee has given way on and off for years, physio knows", False),
        ("my dodgy knee has always given way when I'm tired", False),
        ("I can't stand on one leg in yoga, my balance is rubbish", False),
        (
            "can't stand on my right leg properly since I twisted my knee at football",
            False,
        ),
        ("since I sprained my ankle I can't put weight on my left leg properly", False),
        ("the old chair buckled under me", False),
    ],
)
def test_leg_that_buckles_or_cannot_be_stood_on(text: str, flagged: bool) -> None:
    """A leg giving way under one, or not stood on, flags; an old knee does not."""
    assert_flags(text, "leg_weakness", flagged)


@pytest.mark.parametrize(
    ("text", "flagged"),
    [
        # legs likened to jelly or rubber with no "feel": a state now, or bare
        # with a course or a time that makes it now
        (
            "cant really stand, legs like rubber and getting worse the last 2 hrs, "
            "back went at the get-out last night lifting a lamp. what u recommend",
            True,
        ),
        ("my legs are like jelly since this morning, I'm grabbing the furniture", True),
        ("his legs are like rubber, he can barely get to the loo", True),
        ("legs like spaghetti all afternoon, can hardly get up the stairs", True),
        ("my leg's just like jelly today, cant put weight through it", True),
        ("both legs were like rubber this morning and it's getting worse", True),
        ("legs like jelly and getting weaker by the hour", True),
        # after exercise, with nerves, a moment that passed, for years, a joke
        ("my legs feel like jelly after leg day at the gym", False),
        ("legs like jelly after the spin class, is that normal?", False),
        ("my legs were like rubber after the half marathon", False),
        ("my legs are like jelly before every job interview", False),
        ("my legs were like jelly before my driving test", False),
        ("my knees went like jelly when I saw the bill", False),
        ("I've had legs like jelly for years with my MS, is IDD safe?", False),
        (
            "my pilates teacher killed me on Tuesday, could barely get down the "
            "stairs after, legs like jelly haha",
            False,
        ),
    ],
)
def test_legs_like_jelly_or_rubber(text: str, flagged: bool) -> None:
    """Legs like jelly now, or getting worse, flag; after effort or nerves not."""
    assert_flags(text, "leg_weakness", flagged)


@pytest.mark.parametrize(
    ("text", "flagged"),
    [
        # legs that are not holding one now, not standing since some hours, or
        # not standing and it was sudden
        (
            "Hello I am writing for my grandmother. She has back pain and since 2 "
            "hour she can not stand, the legs are not holding her, it was sudden. "
            "What you suggest?",
            True,
        ),
        ("my legs are not holding me since this morning", True),
        ("his legs aren't holding him, he fell twice today", True),
        ("mum's legs have stopped holding her", True),
        ("since three hours he can't walk", True),
        ("I can't walk since 2 hours, it came on suddenly", True),
        ("my husband can not stand, it was very sudden", True),
        # effort that passed, standing as a tolerance, pain not borne, cold toes
        ("my legs weren't holding me after the half marathon", False),
        ("can't stand for 2 hours at work anymore because of my back", False),
        ("I can't stand up straight, it came on suddenly when I bent down", False),
        ("I can't stand the pain, it came on suddenly", False),
        ("can't feel my toes in the cold", False),
    ],
)
def test_legs_not_holding_or_cannot_stand_since_hours(text: str, flagged: bool) -> None:
    """Legs not holding one now, or no standing since hours or suddenly, flag."""
    assert_flags(text, "leg_weakness", flagged)
