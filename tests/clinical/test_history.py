"""Past, habitual, resolved and talked-about red flags are dismissed, not escalated.

A symptom told as past ("years ago"), as a habit ("used to"), as gone ("went
away"), as a term asked about or ruled out, or as advice read, is set aside and
kept as dismissed; a symptom now, in the same message, still escalates. Rules:
bot/clinical/rules/history.yml, negation.yml (answers) and vetoes.yml (terms).
"""

from __future__ import annotations

import pytest

from bot.clinical import analyse
from tests.clinical.support import kinds_of


@pytest.mark.parametrize(
    ("text", "flagged"),
    [
        # a passed symptom, unless the same sentence says it came back
        ("my bum went numb on a hard bench, fine once I got up", False),
        ("my bum went numb on a hard bench, it went away but now it's back", True),
        ("my bum went numb on a hard bench. It hasn't gone away", True),
        # "used to" is a past habit; "I'm used to" is the present
        ("I used to wet myself when I coughed", False),
        ("I'm used to wetting myself now", True),
    ],
)
def test_resolved_or_habitual_symptom_is_dismissed(text: str, flagged: bool) -> None:
    """A passed symptom or a past habit is set aside unless it came back."""
    assert analyse(text).is_red_flag is flagged


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("no numbness between my legs, just a sore back", "saddle_numbness"),
        ("my temperature is 37.2 and my back hurts", "fever"),
        ("I used to wet myself as a kid", "bladder_bowel"),
        ("had chest pain last year, fine now", "chest_pain"),
        ("chest is tight from this cold", "chest_pain"),
    ],
)
def test_dismissed_red_flags_rule_one_out(text: str, kind: str) -> None:
    """Red-flag words set aside as not an emergency now are kept as dismissed."""
    result = analyse(text)
    assert not result.is_red_flag
    assert kind in {flag.kind for flag in result.dismissed}
    assert result.rules_out_red_flag


@pytest.mark.parametrize(
    ("text", "ruled_out"),
    [
        ("my back hurts", False),  # nothing red-flag-like to rule out
        ("no numbness but I can't control my bladder", False),  # still a red flag
    ],
)
def test_rules_out_red_flag_needs_dismissed_words_and_no_flag(
    text: str, ruled_out: bool
) -> None:
    """Ruling out needs red-flag words, all of them set aside."""
    assert analyse(text).rules_out_red_flag is ruled_out


TALKED_ABOUT_OR_RESOLVED = [
    # what a term means, whether something can cause it, taught or ruled out
    "what does cauda equina syndrome mean? my GP said it on the phone",
    "is cauda equina something that happens after a fusion?",
    "could a slipped disc cause cauda equina?",
    "we covered saddle anaesthesia in my nursing lecture today",
    "the hospital ruled out cauda equina last week, can I book IDD?",
    "what's 'saddle anaesthesia'? it was on the leaflet",
    "what does 'drop foot' mean in my letter?",
    "is myelopathy something physio can help with?",
    # advice read, not a symptom had
    "I read that if you can't feel yourself when "
    "wiping you should go to A&E, is that right?",
    # a resolved past episode, with a clear marker
    "the numbness round my bottom after the birth went completely within a month",
    "I had some bladder leakage after my op in "
    "2018 but it settled and I've been fine since",
    "had a fever last week with a cold, all better now",
    "had a temperature with a chest bug a fortnight ago, nothing since",
    "my legs went weak after the epidural, then completely fine within the hour",
    "the saddle numbness went away after surgery, "
    "no issues since, but I want to ask about IDD",
    # what a leaflet lists or a clinician asks about, answered "none"
    "the booklet lists bladder problems and numbness in the groin, I've had neither",
    "my surgeon keeps asking about weak legs, I honestly have none of that",
    # look-alikes of the warning signs
    "my calf went dead because I sat on it in the car, fine now",
    "my toes go numb and white when it's cold, I've got Raynaud's",
    "my chest gets tight when I'm nervous about needles, "
    "the cardiologist says it's anxiety",
    # a past episode, resolved in the same sentence or the next one
    "Years ago (2014) I had a proper scare - numb down below, rushed to A&E, "
    "emergency op for cauda equina, all sorted, full function back within the "
    "year. Now I'm just stiff and achy ten years later. Would IDD be an option?",
    "Back in 2015 I had cauda equina. I made a full recovery.",
    "Back in 2015 I had cauda equina.\n\nI made a full recovery.",
    "Back in 2015 I had cauda equina and was operated on as an emergency. "
    "I made a full recovery apart from a nagging backache.",
    "In 2018 I lost control of my bladder after a fall. "
    "It settled within a week with treatment.",
    "Years ago I had numbness in my groin. It went away after surgery. "
    "Now I just want IDD for my back.",
    "In 2019 my legs went numb after a fall. I regained full feeling within weeks.",
    # written advice for "I", answered no
    "my discharge notes say go to A&E if I lose bladder control - I haven't, "
    "everything down there is completely normal, I just wanted to ask about rehab",
    "my op notes said to come back if I got numbness in my groin, which I haven't",
    # conditions seen in others at work
    "I'm a nurse, I see sepsis and cauda equina on the ward most weeks so no I'm "
    "not panicking about my own back lol, I just want to know what IDD does",
    "I'm a paramedic, we see cauda equina patients all the time, my back is just stiff",
    "I work in A&E and we get stroke patients every week, I just want to book physio",
    # a past episode with a passing cause, over by the next day, never again
    "After my knee op last year I couldn't wee for a few hours because of the "
    "spinal anaesthetic, but it was fine the next day and hasn't happened since.",
    "Years ago I had retention after a general anaesthetic, they catheterised me "
    "and I was back to normal by the next morning. Never happened again.",
    "couldn't pee after my c-section because of the epidural, "
    "was fine by the following morning",
    "In 2019 I couldn't empty my bladder for a day after surgery, it was the "
    "morphine apparently, all fine the next day and never had it again",
    # a chest pain a clinician put down to a harmless cause
    "A&E did an ECG and said the chest pain was muscular, it's settled now. "
    "Can I still have IDD next week?",
    "my doctor reckons the chest pains were costochondritis and they've eased off, "
    "my lower back is the main problem",
    "had tightness in my chest last week, the GP said it was just indigestion. "
    "All fine now. Is IDD safe?",
    "The physio said my chest pain is from a strained muscle after lifting, "
    "it's much better",
    "GP said my chest pain wasn't a heart attack, just a pulled muscle, it's gone now",
    # long sorted
    "Back in 2016 I lost control of my bowels and had an emergency op. "
    "All long since sorted. Just stiff these days.",
    "I lost bladder control after a disc prolapse years ago, long since resolved, "
    "now it's just a niggly back",
    "I lost control of my bowels in 2015 after a bad fall. "
    "That's long behind me now, thankfully.",
    "had incontinence after my fusion in 2017, long gone thank god",
    # a sign asked about that was someone else's
    "Heart attack? No, that was my grandad years ago. I'm here for my neck.",
    "Bladder problems? Not me, it was my mum. I've got a stiff back.",
    "Fell off a ladder? No that was my brother, I've just got a bad back from lifting.",
    "chest pain? nope, that was my other half last year, I'm fine",
    # an accident at an age long past
    "Background: back pain ever since a car crash at 22 (I'm 58 now), physio "
    "never really helped. Is IDD worth trying?",
    "neck's been bad since a motorbike accident at 19 (now 40), can you help?",
    "I've had a stiff back since a skiing accident when I was 25, and I'm 60 now",
    "chronic pain since I fell off a ladder at 35 (I'm 50 now)",
]


@pytest.mark.parametrize("text", TALKED_ABOUT_OR_RESOLVED)
def test_talked_about_not_had(text: str) -> None:
    """Questions about a term, advice read, and resolved episodes do not flag."""
    assert analyse(text).red_flags == ()


@pytest.mark.parametrize(
    "text",
    [
        "what does cauda equina mean?",
        "is foot drop something IDD can cause?",
        "the numbness in my groin after my op went completely, no issues since",
    ],
)
def test_talked_about_is_kept_as_dismissed(text: str) -> None:
    """A term asked about or a resolved episode still counts as ruling a flag out."""
    assert analyse(text).rules_out_red_flag


CURRENT_DESPITE_PAST_OR_QUESTION = [
    # a resolved episode before a "but", then a symptom now
    (
        "the numbness went completely after my op but "
        "since yesterday I can't feel anything when I wipe",
        "saddle_numbness",
    ),
    (
        "the numbness went completely after my op and "
        "since yesterday I can't feel anything when I wipe",
        "saddle_numbness",
    ),
    ("my bladder settled after the op, but today I can't pee at all", "bladder_bowel"),
    (
        "I had numbness in my groin last year which settled, "
        "and now it's back since this morning",
        "saddle_numbness",
    ),
    # a term asked about, and a symptom had
    ("could this be cauda equina? I can't feel my bum", "saddle_numbness"),
    ("is this foot drop? my foot slaps when I walk since Tuesday", "leg_weakness"),
    (
        "what does saddle anaesthesia mean? I can't feel anything when I wipe",
        "saddle_numbness",
    ),
    # advice read, and the patient has the sign
    (
        "the leaflet says go to A&E if you lose control "
        "of your bladder, and I have since this morning",
        "bladder_bowel",
    ),
    (
        "the leaflet says go to A&E if you lose control of your bladder, which I have",
        "bladder_bowel",
    ),
    # "went completely numb" is a change, not a resolution
    ("both my legs went completely numb an hour ago", "leg_weakness"),
    # a past episode resolved, but it came back or something is new now
    (
        "In 2019 I had numbness down below. It went away. But since yesterday "
        "it's back.",
        "saddle_numbness",
    ),
    (
        "Back in 2015 I had cauda equina. I made a full recovery. Now it's come back.",
        "bladder_bowel",
    ),
    (
        "Back in 2015 I had cauda equina. Now I can't pee since this morning.",
        "bladder_bowel",
    ),
    (
        "Years ago I had numbness in my groin. It went away after surgery. "
        "I can't feel my bum since this morning.",
        "saddle_numbness",
    ),
    # a resolution of something else in the next sentence, or a hope
    ("I can't feel my bum. The pain went away though.", "saddle_numbness"),
    (
        "my legs have gone numb and weak, will I ever get full feeling back?",
        "leg_weakness",
    ),
    ("I can't move my legs, will I get full function back?", "leg_weakness"),
    (
        "After my fusion I made a good recovery and then this morning "
        "I lost feeling in my legs",
        "leg_weakness",
    ),
    # written advice for "I", and the sign had
    (
        "my discharge notes say go to A&E if I lose bladder control "
        "and that happened this morning",
        "bladder_bowel",
    ),
    # at work, and the patient's own
    ("I'm a nurse and I think I have cauda equina", "bladder_bowel"),
    ("I'm a nurse and I've got sepsis, temp 39", "fever"),
    # over by the next morning then, but back now
    (
        "couldn't pee after my op in 2019, fine by the next morning, "
        "but since yesterday I can't pee again",
        "bladder_bowel",
    ),
    (
        "I lost control of my bladder in 2018. That's long sorted. "
        "But this morning I wet myself without noticing.",
        "bladder_bowel",
    ),
    # a harmless cause given, and a warning sign now; or only the patient's guess
    (
        "GP said my chest pain was muscular but now it's spreading to my left arm "
        "and I'm sweating",
        "chest_pain",
    ),
    (
        "the GP said my chest pain was indigestion last week but it's worse today",
        "chest_pain",
    ),
    ("I think my chest pain is just a pulled muscle", "chest_pain"),
    # someone else's then, the patient's own now
    (
        "Chest pain? No, that was my dad. But I've had chest pain since this "
        "morning too",
        "chest_pain",
    ),
    # a speed, or a distance, is no age
    ("I was in a car crash at 30 mph this morning", "trauma"),
    ("someone went into the back of me at 40 on the motorway today", "trauma"),
    ("I was hit by a car when I was 10 minutes from home", "trauma"),
]


@pytest.mark.parametrize(("text", "kind"), CURRENT_DESPITE_PAST_OR_QUESTION)
def test_a_current_symptom_still_escalates(text: str, kind: str) -> None:
    """Setting aside what is past or asked about never hides a symptom now."""
    assert kind in kinds_of(text)


@pytest.mark.parametrize(
    ("text", "flagged"),
    [
        # fine for years, up to now
        (
            "I lost control of my bladder in 2010 and have been completely fine "
            "for ten years, just stiff now",
            False,
        ),
        ("had cauda equina in 2012, completely fine since, now just stiffness", False),
        (
            "lost bowel control after surgery years ago, been perfectly fine for "
            "8 years now",
            False,
        ),
        (
            "my legs gave way under me after a disc op in 2016, I've been "
            "absolutely fine ever since",
            False,
        ),
        (
            "my saddle area went numb after a fall in 2009 and I've been totally "
            "fine for fifteen years",
            False,
        ),
        # ... until something now
        (
            "I've been fine for years until this morning when I lost control of "
            "my bladder",
            True,
        ),
        ("I've been completely fine for ten years but today I wet myself", True),
        (
            "I was fine for ten years but since yesterday I can't control my bladder",
            True,
        ),
        ("I've been fine for years, now I can't pee since this morning", True),
        ("I lost control of my bladder this morning, just sore now", True),
    ],
)
def test_fine_for_years_since_is_resolved(text: str, flagged: bool) -> None:
    """ "Fine for N years" resolves an old episode, not one that is back now."""
    assert analyse(text).is_red_flag is flagged


@pytest.mark.parametrize(
    ("text", "flagged"),
    [
        # control won back long ago, and only the everyday ache "again" now
        (
            "Back in 2015 my husband lost control of his bladder with a disc and had "
            "emergency surgery, got full control back within weeks. Now he's just "
            "got ordinary back ache again. Would IDD be safe for him with that "
            "history?",
            False,
        ),
        (
            "In 2012 my wife lost control of her bowels after a fall, got her bowel "
            "control back within a month. Now she's just got ordinary back ache "
            "again.",
            False,
        ),
        (
            "Back in 2015 I lost control of my bladder, was back to normal within "
            "weeks. Now it's just the usual back pain again.",
            False,
        ),
        (
            "My dad lost control of his bladder years ago with a slipped disc, "
            "regained full control after surgery. Now he's just got normal back "
            "ache again, can he have IDD?",
            False,
        ),
        (
            "Years ago my legs went numb after a fall, the feeling came back within "
            "a week. Now I've only got ordinary back pain.",
            False,
        ),
        # ... but the sign back now, or a hope of control back, still escalates
        (
            "Back in 2015 my husband lost control of his bladder, got full control "
            "back within weeks. Now he's lost control again since this morning.",
            True,
        ),
        (
            "In 2015 I lost control of my bladder and got full control back. But "
            "now it's happening again with back ache.",
            True,
        ),
        (
            "Back in 2015 I lost control of my bladder, got full control back. Now "
            "I've got ordinary back ache again and I can't pee since this morning.",
            True,
        ),
        (
            "I lost control of my bladder this morning, will I get full control back?",
            True,
        ),
    ],
)
def test_control_won_back_long_ago(text: str, flagged: bool) -> None:
    """Control won back years ago, only back ache now: resolved; the sign back not."""
    assert analyse(text).is_red_flag is flagged


@pytest.mark.parametrize(
    ("text", "flagged"),
    [
        # recovered well from an emergency long ago
        (
            "about 8 years ago I had cauda equina syndrome and was operated on that "
            "night. I've recovered really well apart from a stiff back. Is that "
            "something you can help with?",
            False,
        ),
        (
            "ten years ago she had cauda equina surgery and has recovered very well",
            False,
        ),
        (
            "In 2015 I lost bladder control after a disc op. "
            "I recovered remarkably well.",
            False,
        ),
        (
            "years ago my legs went numb with a disc, "
            "he healed pretty well after the op",
            False,
        ),
        # recent, a hope, or back again
        ("I had cauda equina last week and it's coming back", True),
        ("I lost bladder control last week, hoping I recover well", True),
        (
            "years ago I had cauda equina, I recovered really well but since "
            "yesterday I can't control my bladder",
            True,
        ),
    ],
)
def test_recovered_well_long_ago(text: str, flagged: bool) -> None:
    """A recovery told well after an emergency long ago dismisses it."""
    assert bool(analyse(text).red_flags) is flagged


@pytest.mark.parametrize(
    ("text", "flagged"),
    [
        # a leaflet or a web page talks about the signs, and they are denied
        (
            "the hospital leaflet talks about 'red flag symptoms' like saddle "
            "numbness. I don't have any of them, I just don't get what they mean "
            "by saddle?",
            False,
        ),
        (
            "the NHS website talks about cauda equina symptoms like bladder "
            "problems. I haven't got any of those, just sciatica",
            False,
        ),
        (
            "my discharge booklet went on about numbness in the groin and legs "
            "giving way. I don't have any of that",
            False,
        ),
        ("what does saddle numbness mean? I don't have it", False),
        # what is talked about, then had
        (
            "the leaflet talks about saddle numbness, what does it mean? I've got "
            "numbness round my bum since yesterday",
            True,
        ),
    ],
)
def test_signs_a_leaflet_talks_about_then_denied(text: str, flagged: bool) -> None:
    """Signs a leaflet talks about, then denied, are dismissed; signs had flag."""
    assert bool(analyse(text).red_flags) is flagged
