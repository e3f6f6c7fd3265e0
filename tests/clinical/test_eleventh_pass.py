"""The eleventh pass over the clinical rules: sudden illness, passive thoughts of
death and self-harm inside longer messages, and what is only talked about.

Every sentence here is written for these tests (none is from a blind set in
tests/data/red_flags/). Tables go both ways: what must escalate, and the
look-alikes that must not.
"""

from __future__ import annotations

import pytest

from bot.clinical import RED_FLAG_KINDS, analyse, warm_up


@pytest.fixture(scope="module", autouse=True)
def pipeline_built() -> None:
    """Build the spaCy pipeline once for the whole module."""
    warm_up()


def kinds_of(text: str) -> set[str]:
    """The red-flag kinds found in a message."""
    return {flag.kind for flag in analyse(text).red_flags}


# --- Sudden illness that needs 999: the "collapse" kind -----------------------------

COLLAPSE = [
    # fainting, collapse, unconscious, not breathing, a fit
    "my mum has collapsed in the garden and isn't responding",
    "he passed out at the top of the stairs",
    "she fainted twice today and hit her head",
    "I found him unconscious on the bathroom floor",
    "he's not breathing, what do I do",
    "I can't wake my husband up, he's breathing funny",
    "my dad is having a seizure",
    "grandad keeled over in the queue at the post office",
    "my wife keeps blacking out since lunch",
    "my son is fitting on the kitchen floor",
    "dad's gone grey in his chair and he's breathing weird",
    # stroke
    "her face has dropped on one side and she can't lift her arm",
    "his speech is all slurred and his arm is weak",
    "I think my wife is having a stroke",
    "the right side of his body has gone weak",
    "suddenly the worst headache of my life, like being hit on the head",
    "his smile is lopsided and he's talking gibberish",
    "he's very drowsy, his mouth looks crooked and he isn't making sense",
    "a sudden blinding headache came out of nowhere while I was gardening",
    # a severe allergic reaction
    "my tongue is swelling up after the injection",
    "my throat is closing up",
    "had the epidural an hour ago and now my throat feels tight and my face is puffing up",
    "I'm having an allergic reaction to the dye, can't breathe properly",
    "severe allergic reaction, had to use my epipen",
    "my face is swollen and I'm wheezing after the steroid jab",
    "she's wheezing after the injection and covered in hives",
    "since the nerve block my tongue feels too big for my mouth",
    # told after an ordinary question
    "do you have parking? also my dad just collapsed in the car park",
    "can I move my appointment to Friday? my partner's mouth is drooping and his words are slurred",
]

MISSPELT_COLLAPSE = [
    "my dad colapsed in the kitchen",
    "her speech is slured and her face is droopy",
    "mum is unconsious on the floor",
    "lips swolen and cant breath after the injecton",
]

NOT_COLLAPSE = [
    "I collapsed into bed after my shift, shattered",
    "I nearly fainted when I saw the price of the MRI",
    "I always faint at the sight of needles, can I lie down for the injection?",
    "I fainted when I had blood taken as a teenager",
    "my dad had a stroke ten years ago, can he have IDD?",
    "can the injection cause a stroke?",
    "what are the signs of a stroke?",
    "is anaphylaxis a risk with the steroid injection?",
    "I had an allergic reaction to a plaster once",
    "what if I have an allergic reaction to the dye?",
    "I carry an epipen for my nut allergy, should I bring it?",
    "will I be unconscious during the procedure?",
    "my husband stops breathing in his sleep, he has sleep apnoea",
    "I can't wake my teenage son up in the mornings",
    "my MRI shows a collapsed disc at L4",
    "the tent collapsed on us camping and I hurt my back",
    "I passed out on the sofa watching telly",
    "we passed out leaflets at the charity run",
    "I blacked out the windows so I could sleep in",
    "he slurred his words after a few pints",
    "my mum will have a fit when she sees the bill",
    "it was a stroke of luck that I found your clinic",
    "I'm wheezy with my asthma today, can I still have the injection?",
    "my eyes are puffy from crying, is that ok for my appointment?",
    "my face is swollen from a tooth abscess, I'm on antibiotics",
    "I can't swallow tablets, is the injection an option?",
    "I'm worried I might faint during the injection",
    "he speaks funny because he's from Newcastle",
    "I can't lift my arm above my head since my shoulder op",
    "he's a stroke survivor and wants IDD",
    "my mum collapsed with laughter when she heard the price",
    "my sciatica has been unresponsive to injections and physio",
    "the thought of the needle makes me feel faint, can I lie down?",
]


@pytest.mark.parametrize("text", COLLAPSE + MISSPELT_COLLAPSE)
def test_sudden_illness_is_collapse(text: str) -> None:
    """Stroke signs, anaphylaxis, fainting and collapse escalate as "collapse"."""
    assert "collapse" in kinds_of(text)


@pytest.mark.parametrize("text", NOT_COLLAPSE)
def test_collapse_look_alikes_do_not_flag(text: str) -> None:
    """Tiredness, idioms, risks asked about and old events are not collapse."""
    assert analyse(text).red_flags == ()


def test_collapse_is_ranked_after_chest_pain() -> None:
    """The kinds stay most serious first; self-harm still leads."""
    assert RED_FLAG_KINDS[:3] == ("self_harm", "chest_pain", "collapse")
    result = analyse("my husband collapsed and I want to die")
    assert result.primary_red_flag is not None
    assert result.primary_red_flag.kind == "self_harm"
    result = analyse("he collapsed and his legs won't hold him")
    assert result.primary_red_flag is not None
    assert result.primary_red_flag.kind == "collapse"


# --- Passive thoughts of death and self-harm, inside longer messages -----------------

PASSIVE_SELF_HARM = [
    "my kids would have a happier life without me around",
    "honestly my wife would be better off if I wasn't here",
    "I sometimes think nobody would care if I died in my sleep",
    "no one would notice if i vanished tbh",
    "I wish I'd never woken up after the operation",
    "some days i wish i hadnt survived the crash",
    "I wish the surgery had killed me",
    "I wouldn't mind if I didn't wake up tomorrow",
    "if i fell asleep and never woke up id be fine with that",
    "part of me hopes the tumour comes back and takes me",
    "I just want it all to be over",
    "I'd like it all to stop, I'm so tired",
    "sometimes I picture my own funeral",
    "I've been thinking about my own death a lot",
    "there's no reason for me to still be here",
    "I've had enough of being alive with this pain",
    "I've been having dark thoughts again",
    "I keep thinking how easy it would be to jump off the bridge on my way to work",
    "it would be so easy to just steer into the oncoming lorry",
    "I've thought about letting go of the steering wheel on the motorway",
    "I've stopped taking my blood pressure tablets on purpose",
    "been keeping back a few of my pregabalin each week and have quite a stash now",
    "I've been saving my codeine for a month and I think I've got enough",
    "some nights I lie there hoping I just don't wake up",
    "my family would cope better if I simply wasn't in the picture",
    "I keep wishing I could just stop existing",
    "I won't be around to see the results for much longer anyway",
    "the world would be better without me",
    # hurting oneself
    "i've been cutting my arms to cope with the pain",
    "ive been burning myself with cigarettes",
    "she's been hitting her legs with a hammer again",
    "I keep punching my thighs to distract from my back",
    "I've started burning my skin again",
    # after an ordinary question
    "how long is a session? honestly everyone would be better off without me",
    "do you take Bupa? I keep wishing I hadn't woken up from the op",
]

NOT_SELF_HARM = [
    # negated, or a screening question answered "no"
    "I'd never hurt myself, I just want the pain sorted",
    "I have no thoughts of harming myself",
    "no thoughts of ending it, just fed up",
    "my GP asked if I had thoughts of ending it and I don't",
    "the nurse asked whether I'd ever self harmed and I said no",
    "the form asks if I've had thoughts of suicide, I haven't",
    # figures of speech
    "this pain is killing me",
    "I'd kill for a decent night's sleep",
    "I'm dying to know if IDD works",
    "kill two birds with one stone",
    "I think I'd be better off without this back brace",
    "the team would be happier without me moaning all day lol",
    "I wish I hadn't woken up so early, my back is stiff",
    "I'd like everything to stop hurting",
    "I just want this flare to be over",
    "I hope the injection kills the pain",
    "nobody would notice if I missed a session",
    "it'd be easier if I wasn't around on Mondays, can we do Tuesday?",
    "I thought how easy it would be to drive there",
    "I'm sick of being here every week for physio",
    "I'm imagining my life without pain",
    # accidents, pain told as a simile, medicine used as intended
    "the nerve pain is burning my legs all day",
    "it feels like someone is stabbing my thigh with a knife",
    "I've been hitting my legs with the massage gun",
    "I burnt my arm on the oven door again",
    "I've stopped taking my painkillers on purpose to see if IDD works",
    "I'm keeping a few tablets back for bad days",
    "I've been on codeine for years, can IDD help me come off it?",
    "can people die from having a spinal injection?",
]


@pytest.mark.parametrize("text", PASSIVE_SELF_HARM)
def test_passive_thoughts_and_self_harm_flag(text: str) -> None:
    """Wishing not to be here, imagining an ending, or hurting oneself is self-harm."""
    assert "self_harm" in kinds_of(text)


@pytest.mark.parametrize("text", NOT_SELF_HARM)
def test_self_harm_look_alikes_do_not_flag(text: str) -> None:
    """Negations, answered screening questions and figures of speech are not."""
    assert analyse(text).red_flags == ()


@pytest.mark.parametrize(
    ("text", "flagged"),
    [
        ("my GP asked if I had thoughts of ending it and I said yes", True),
        ("my GP asked if I had thoughts of ending it and I don't", False),
        # no answer given: the safe side
        ("my GP asked if I had thoughts of ending it", True),
        # "I don't" that goes on is no answer
        ("my GP asked if I had thoughts of ending it and I don't know", True),
    ],
)
def test_a_screening_question_needs_a_no_to_be_set_aside(
    text: str, flagged: bool
) -> None:
    """Only a reported question answered "no" (and not "yes") is set aside."""
    assert analyse(text).is_red_flag is flagged


# --- Emergencies told after an ordinary question ---------------------------------------

BURIED = [
    (
        "quick question about parking, oh and since last night I can't feel when I need a wee",
        "bladder_bowel",
    ),
    (
        "hi, do you take Aviva? also my legs gave way twice this morning and they still feel heavy",
        "leg_weakness",
    ),
    (
        "can you tell me the price of IDD? also I've lost control of my bowels today",
        "bladder_bowel",
    ),
    (
        "is IDD on Saturdays? this morning I couldn't tell whether I'd emptied my bladder",
        "bladder_bowel",
    ),
    ("ah cannae feel ma legs since this mornin", "leg_weakness"),
    ("my husband's legs went fae under him and he cannae stand", "leg_weakness"),
    ("I cannae feel anything doon below when I sit on the loo", "saddle_numbness"),
    (
        "booked for Tuesday, but my legs feel shaky and really quite numb today",
        "leg_weakness",
    ),
]


@pytest.mark.parametrize(("text", "kind"), BURIED)
def test_an_emergency_after_an_ordinary_question_flags(text: str, kind: str) -> None:
    """A red flag is found wherever it stands in a message, and in Scots."""
    assert kind in kinds_of(text)


# --- Talked about, not had: terms, questions, resolved episodes -----------------------

TALKED_ABOUT = [
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
    "I read that if you can't feel yourself when wiping you should go to A&E, is that right?",
    # a resolved past episode, with a clear marker
    "the numbness round my bottom after the birth went completely within a month",
    "I had some bladder leakage after my op in 2018 but it settled and I've been fine since",
    "had a fever last week with a cold, all better now",
    "had a temperature with a chest bug a fortnight ago, nothing since",
    "my legs went weak after the epidural, then completely fine within the hour",
    "the saddle numbness went away after surgery, no issues since, but I want to ask about IDD",
    # what a leaflet lists or a clinician asks about, answered "none"
    "the booklet lists bladder problems and numbness in the groin, I've had neither",
    "my surgeon keeps asking about weak legs, I honestly have none of that",
    # look-alikes of the warning signs
    "my calf went dead because I sat on it in the car, fine now",
    "my toes go numb and white when it's cold, I've got Raynaud's",
    "my chest gets tight when I'm nervous about needles, the cardiologist says it's anxiety",
]


@pytest.mark.parametrize("text", TALKED_ABOUT)
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


STILL_CURRENT = [
    # a resolved episode before a "but", then a symptom now
    (
        "the numbness went completely after my op but since yesterday I can't feel anything when I wipe",
        "saddle_numbness",
    ),
    (
        "the numbness went completely after my op and since yesterday I can't feel anything when I wipe",
        "saddle_numbness",
    ),
    ("my bladder settled after the op, but today I can't pee at all", "bladder_bowel"),
    (
        "I had numbness in my groin last year which settled, and now it's back since this morning",
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
        "the leaflet says go to A&E if you lose control of your bladder, and I have since this morning",
        "bladder_bowel",
    ),
    (
        "the leaflet says go to A&E if you lose control of your bladder, which I have",
        "bladder_bowel",
    ),
    # "went completely numb" is a change, not a resolution
    ("both my legs went completely numb an hour ago", "leg_weakness"),
]


@pytest.mark.parametrize(("text", "kind"), STILL_CURRENT)
def test_a_current_symptom_still_escalates(text: str, kind: str) -> None:
    """Setting aside what is past or asked about never hides a symptom now."""
    assert kind in kinds_of(text)
