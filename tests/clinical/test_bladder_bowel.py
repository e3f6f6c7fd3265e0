"""Bladder and bowel red flags (lost control, retention, no sensation of passing):
messages that must flag as "bladder_bowel", and look-alikes with its words that must
not flag at all.

Patterns: bot/clinical/rules/bladder_bowel.yml; vetoes: bot/clinical/rules/vetoes.yml.
"""

from __future__ import annotations

import pytest

from bot.clinical import analyse
from tests.clinical.support import assert_flags, kinds_of

BLADDER_BOWEL_RED_FLAGS = [
    "I can't control my bladder since yesterday",
    "I've lost control of my bowels",
    "sudden loss of bladder control with my back pain",
    "I've wet myself without noticing",
    "soiled myself and didn't realise",
    "I cannot pee at all today",
    "I haven't passed urine since this morning",
    "I'm unable to empty my bladder",
    "new incontinence since my back went",
    "I can't tell when I need to pee anymore",
    "problems with my bladder and terrible back pain",
    "my bladder control is gone",
    "I keep leaking urine",
    "I'm struggling to pass water",
    "I've had an accident in my pants and didn't feel it",
    "I can't hold my wee since my back went",
    "I haven't been for a wee since yesterday morning",
    "I don't know when I need the toilet any more",
    "I didn't make it to the loo and my back is agony",
    "I had an accident before I got to the toilet",
    "I didn't even notice I'd wet myself",
    "my dad can't hold his water any more",
    "my wife has wet herself twice today",
    "he's soiled himself and didn't notice",
    "he can't tell when he needs to go",
    "I'm desperate for a wee but nothing will come out",
    "I try to pee and only a dribble comes out",
    "haven't had a wee since lunch though I've drunk loads",
    "he hasn't peed in 10 hours",
    "haven't passed any urine for 16 hours",
    "my bladder is really full but I can't go",
    "they had to put a catheter in at A&E",
    "I can't get my wee started",
    "I've not been able to wee all day and I've had loads of tea",
    "i think i've got cauda equina, my bum is weird",
    "worried it's corda equina",
    "I can't feel myself peeing",
    "I can't feel the wee coming out",
    "no sensation when I pass urine",
    "can IDD cause bladder problems? because I've had them since yesterday",
    "keep leaking wee and can't stop it, my back went on Monday",
    "pee is dribbling out and I cannot control it",
    "she's leakin wee all morning with her sciatica",
    "I couldn't make it to the toilet in time and my back is awful",
    "he didn't realise he needed to go until it was too late",
    "I never even felt I needed a wee, it just came out",
    "my dad pood himself in his chair and his back is bad",
    "I can't control my bladder, the GP told me to look out for it",
    "no pain or I can't control my bladder",
    "had an accident with my number ones in the shop this morning",
    "I pooed and honestly did not feel anything come out",
    "I can't feel when I'm peeing any more",
    "I've been trying for hours but I can't start peeing",
    "wee just comes out without me noticing since yesterday",
    "since yesterday the wee just comes by itself, I can't stop it",
    "I don't feel when I need toilet any more",
    "woke up in a wet bed this morning, that never happens, back is bad",
    "reason for booking: new leakage of urine since Friday",
    "today i lost control toilet, it come out",
    "I keep dribbling wee and only notice when I'm wet",
    "my bladder emptied itself on the bus without warning",
    "no urge to pee all day and then it just leaked out",
    "i carnt stop pee comin out, it just leeks",
    "quick question about parking, oh and since "
    "last night I can't feel when I need a wee",
    "can you tell me the price of IDD? also I've lost control of my bowels today",
    "is IDD on Saturdays? this morning I couldn't tell whether I'd emptied my bladder",
    # no feeling of needing to go, then it came out
    "Hello, I have accident this morning, I not feel I need the toilet, "
    "it just come out. Also my back very bad. What time you open today?",
    "I didn't feel I need the toilet and then it just came out",
    "I no feel need for toilet, it come out by itself",
    "I didn't feel the need to wee, it just leaked out",
    "my dad does not know he need the toilet, it come out on its own",
    "I didn't feel the need to go to the toilet, then had an accident in the kitchen",
    # "fine now" today is no resolution
    "my dad lost control of his bowels this morning, he's fine now",
    "I lost control of my bladder this morning, I'm fine now",
    # a leak the patient did not notice, or with a few words between
    "I think I've been leaking some urine without realising, my back's bad again",
    "been dribbling pee without noticing since the weekend, is that my disc?",
    "found my pants wet, I must have leaked without knowing",
    "my wife says she's been leaking little bits of wee all week and didn't notice",
    "Ive been leaking a bit of pee, didn't even notice till I saw my trousers",
]

# Messages whose bladder bowel words are vetoed, negated, past, resolved or
# only asked about.
BLADDER_BOWEL_LOOK_ALIKES = [
    "no bladder or bowel problems",
    "I haven't had any loss of bladder control",
    "I used to wet myself when I laughed until the pelvic floor class sorted it",
    "I had a catheter after my c-section years ago",
    "I had cauda equina surgery in 2016, all good now",
    "what are the symptoms of cauda equina syndrome?",
    "I don't have cauda equina symptoms, just sciatica",
    "My surgeon's letter mentions bladder problems as "
    "a warning sign. I don't have anything like that.",
    "googled cauda equina last night and scared myself, none of those symptoms though",
    "the physio said to watch out for numbness in the saddle area, all fine so far",
    "GP told me to look out for bladder problems, haven't had any",
    "no tingling in my legs or any trouble with my bladder, just an achy back",
    "had surgery for cauda equina years ago and fully recovered, now it's my neck",
    "the GP mentioned urinary retention, what is that?",
    "what does cauda equina mean? I don't have any of the symptoms",
    "the nurse asked whether I had any numbness in my saddle area and I don't",
    "I nearly peed myself laughing at the physio's jokes",
    # no need felt, and nothing came out
    "I don't feel I need the toilet more often than usual",
    "I didn't feel the need to go back to the GP, the MRI results came out fine",
    "I don't feel the need to go private, it all came out fine on the scan",
    # someone else's episode long ago, sorted
    "my aunt lost control of her bladder after her back op ten years ago, it got "
    "sorted and she's fine now. i'm having a discectomy next year",
    "my mum wet herself after her op in 2015, she's fine now",
    # a roof's leak, or a little leak on a sneeze (stress incontinence)
    "my roof's been leaking without us noticing, I hurt my back on the ladder",
    "the roof is leaking a wee bit and I hurt my back on the ladder",
    "when I sneeze I leak a little bit of urine, ever since my second baby",
    "for years I've had small leaks of urine when I cough, the GP knows",
]


@pytest.mark.parametrize("text", BLADDER_BOWEL_RED_FLAGS)
def test_bladder_bowel_red_flag_found(text: str) -> None:
    """Each phrasing is flagged as bladder_bowel."""
    assert "bladder_bowel" in kinds_of(text)


@pytest.mark.parametrize("text", BLADDER_BOWEL_LOOK_ALIKES)
def test_bladder_bowel_look_alike_not_flagged(text: str) -> None:
    """Red-flag words set aside are not a red flag."""
    assert analyse(text).red_flags == ()


@pytest.mark.parametrize(
    ("text", "flagged"),
    [
        ("I try to poo but nothing comes out", False),
        ("I try to wee but nothing comes out", True),
    ],
)
def test_nothing_comes_out_is_retention_only_with_a_wee(
    text: str, flagged: bool
) -> None:
    """ "Nothing comes out" is retention only with a wee named (a poo: constipation)."""
    assert analyse(text).is_red_flag is flagged


@pytest.mark.parametrize(
    ("text", "flagged"),
    [
        # retention told without "pee": can't go, though full or bursting
        ("I can't go even though I'm bursting, back is killing me", True),
        (
            "feel totally full down there but I just can't go, been trying for an hour",
            True,
        ),
        ("I'm bursting for the loo but I can't go, my back went yesterday", True),
        ("my tummy feels really full and I can't go since this morning", True),
        (
            "husband can't go to the toilet at all even though he feels so full, "
            "sciatica both sides",
            True,
        ),
        # shy in public toilets, a trip not made, constipation, a full diary
        ("can't go to the loo in public toilets, always been shy", False),
        ("I feel full after dinner and can't go to the gym tonight", False),
        ("I've got a full diary and can't go to physio this week", False),
        ("the codeine has me so constipated I can't go, feel full", False),
        ("I'm bursting with questions but can't go to the open evening", False),
        ("I can't go, I'm full of cold", False),
    ],
)
def test_cant_go_though_full_is_retention(text: str, flagged: bool) -> None:
    """ "Can't go" ending its clause, with a fullness told, is retention."""
    assert_flags(text, "bladder_bowel", flagged)


@pytest.mark.parametrize(
    ("text", "flagged"),
    [
        # urine that comes without control, or is not felt coming
        ("since yesterday urine comes without control", True),
        ("the wee is coming out without me controlling it, back very bad", True),
        ("I don't feel when the urine is coming, since this morning", True),
        ("my father is not feeling when the pee comes", True),
        ("I don't feel it coming when I pee any more", True),
        # pain, spasms or tears that come without control; a flare not felt coming
        ("the pain comes without warning and I can't control it", False),
        ("my tears come without control since my diagnosis", False),
        ("I don't feel it coming, the sciatica just hits", False),
        ("I can pee fine, it's the spasms that come without control", False),
    ],
)
def test_urine_without_control_or_not_felt_coming(text: str, flagged: bool) -> None:
    """Urine that comes without control or unfelt flags; pain that does, not."""
    assert_flags(text, "bladder_bowel", flagged)


@pytest.mark.parametrize(
    ("text", "flagged"),
    [
        # the toilet not held, or the urine or stool coming out by itself, as a
        # second-language speaker tells it
        (
            "Hello. My back pain very strong from 3 days. Today I can not hold the "
            "toilet, the poo is coming out alone. Is this normal for disc? What I do",
            True,
        ),
        ("since this morning my father cannot hold the toilet, it comes out", True),
        ("I could not hold the loo since yesterday, my back is very bad", True),
        ("the urine is coming out alone since today", True),
        ("her wee came out itself in the night", True),
        ("he can't hold the toilet anymore and the stool come out alone", True),
        # a weak pelvic floor for years, a toilet rail held on to
        ("I can't hold it in when I laugh, been like that since my kids", False),
        ("I can't hold the toilet rail to get up", False),
        ("my mum can't hold the toilet seat up, it keeps falling", False),
    ],
)
def test_toilet_not_held_or_coming_out_alone(text: str, flagged: bool) -> None:
    """Not holding the toilet, or it coming out alone, flags; a rail held not."""
    assert_flags(text, "bladder_bowel", flagged)
