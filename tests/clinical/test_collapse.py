"""Sudden illness (collapse) red flags (fainting, unconsciousness, a fit, a stroke, a
severe allergic reaction): messages that must flag as "collapse", and look-alikes
with its words that must not flag at all.

Patterns: bot/clinical/rules/collapse.yml; vetoes: bot/clinical/rules/vetoes.yml.
"""

from __future__ import annotations

import pytest

from bot.clinical import RED_FLAG_KINDS, analyse
from tests.clinical.support import kinds_of

COLLAPSE_RED_FLAGS = [
    "my husband has just collapsed in the hallway",
    "she fainted at the bus stop and hasn't come round properly",
    "I found my father unresponsive in his chair",
    "he's stopped breathing",
    "I think my mum is having a stroke",
    "his mouth is drooping on one side",
    "my lips and tongue are swelling up after the injection",
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
    "her face has dropped on one side and she can't lift her arm",
    "his speech is all slurred and his arm is weak",
    "I think my wife is having a stroke",
    "the right side of his body has gone weak",
    "suddenly the worst headache of my life, like being hit on the head",
    "his smile is lopsided and he's talking gibberish",
    "he's very drowsy, his mouth looks crooked and he isn't making sense",
    "a sudden blinding headache came out of nowhere while I was gardening",
    "my tongue is swelling up after the injection",
    "my throat is closing up",
    "had the epidural an hour ago and now my "
    "throat feels tight and my face is puffing up",
    "I'm having an allergic reaction to the dye, can't breathe properly",
    "severe allergic reaction, had to use my epipen",
    "my face is swollen and I'm wheezing after the steroid jab",
    "she's wheezing after the injection and covered in hives",
    "since the nerve block my tongue feels too big for my mouth",
    "do you have parking? also my dad just collapsed in the car park",
    "can I move my appointment to Friday? my partner's "
    "mouth is drooping and his words are slurred",
    # pre-eclampsia: headache, flashing lights or a swollen face in pregnancy
    "I'm 32 weeks and my back's been bad all week, but tonight I've also got a "
    "really bad headache, I'm seeing flashing lights and my hands and face have "
    "swollen up. Anyway is IDD ok after the birth?",
    "I'm 30 weeks pregnant and I've got a splitting headache and blurred vision",
    "28 weeks pregnant, my face and fingers have puffed up and I'm seeing spots",
    "my wife is 36 weeks, she has the worst headache and flashing lights in her eyes",
    "pregnant with twins, severe headache that won't go and my vision's gone blurry",
    "I gave birth 5 days ago and now I have a terrible headache and blurry vision",
    "I'm 30 weeks pregnant and my fingers have swollen up so my rings won't come off",
    # too much of a medicine taken, with or without a number
    "I take too many tablets this afternoon, maybe 20 co-codamol, because the pain "
    "was too much. Now I feel strange and sick.",
    "I think I took too many pills, feel weird",
    "I've taken too many painkillers today and I feel sick",
    "took too much oramorph by mistake",
    "i accidentally took too many of my co-codamol this morning",
    "she took too many of her tablets last night",
    "had too many co-codamol this morning and feel awful",
    "I take 20 co-codamol today because of the pain",
]

# Messages whose collapse words are vetoed, negated, past, resolved or
# only asked about.
COLLAPSE_LOOK_ALIKES = [
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
    # pregnancy without its warning signs, or such signs with no pregnancy now
    "I'm 20 weeks pregnant and my feet swell a bit by evening, is IDD safe?",
    "I'm 25 weeks pregnant and my ankles are swollen by the evening",
    "I'm 34 weeks pregnant and the swelling in my hands makes my wrists ache at night",
    "I'm pregnant and I get bad headaches most afternoons",
    "I'm 6 weeks post op and have a bad headache",
    "I'm 18 weeks into the NHS waiting list and have a bad headache from the stress",
    "I had a bad headache when I was pregnant with my son, is IDD ok now?",
    "before I got pregnant I had a bad headache every week",
    "Finding parking is a major headache, I'm 30 weeks pregnant, is there a car park?",
    # too many tablets feared, asked about or taken over the years
    "I don't want to take too many tablets",
    "how many tablets can I take",
    "I take 2 co-codamol 4 times a day",
    "can I take too many tablets today?",
    "I worry I take too many painkillers",
    "I've been taking too many painkillers for months, can you help me cut down",
    "I've taken too many painkillers over the years and my stomach is bad",
    "I took too many painkillers years ago",
    "is it possible to take too much paracetamol",
    "I take 12 tablets a day for my various conditions",
]


@pytest.mark.parametrize("text", COLLAPSE_RED_FLAGS)
def test_collapse_red_flag_found(text: str) -> None:
    """Each phrasing is flagged as collapse."""
    assert "collapse" in kinds_of(text)


@pytest.mark.parametrize("text", COLLAPSE_LOOK_ALIKES)
def test_collapse_look_alike_not_flagged(text: str) -> None:
    """Red-flag words set aside are not a red flag."""
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
