"""Self-harm red flags (thoughts of suicide, plans, an overdose, final goodbyes,
hurting oneself): messages that must flag as "self_harm", and look-alikes with its
words that must not flag at all.

Patterns: bot/clinical/rules/self_harm.yml; vetoes: bot/clinical/rules/vetoes.yml.
"""

from __future__ import annotations

import pytest

from bot.clinical import analyse
from tests.clinical.support import assert_flags, kinds_of

SELF_HARM_RED_FLAGS = [
    "I want to die",
    "I've been having suicidal thoughts",
    "I want to kill myself",
    "sometimes I just want to end it all",
    "I don't want to be here anymore",
    "I've been self-harming again",
    "I hurt myself on purpose last night",
    "I'm thinking about ending my life",
    "everyone would be better off without me",
    "I can't go on like this",
    "I wanna die",
    "I wish I was dead",
    "I've thought about ending it",
    "I'm going to end it tonight",
    "I don't see the point anymore",
    "I took an overdose",
    "life isn't worth living",
    "I'm thinking about overdosing on my tramadol",
    "I've been stockpiling my painkillers",
    "part of me wants to take all my pills at once",
    "I could just swallow all my codeine tablets together",
    "thinking of taking an od",
    "my family would be better off if I wasn't here",
    "there's no point anymore",
    "I just want it all to end",
    "sometimes I hope I don't wake up",
    "I can't carry on with this pain",
    "I've thought about hanging myself",
    "I want to unalive myself",
    "I feel like I want to jump off a bridge",
    "my son says he wants to kill himself",
    "she's talking about ending her life",
    "I've been hoarding my codeine",
    "I've been saving up my pregabalin for a while",
    "I've been collecting my tablets so I have enough",
    "what's a lethal dose of amitriptyline",
    "how many paracetamol would it take to die",
    "sometimes I think about walking in front of traffic",
    "I've been thinking of throwing myself under a train",
    "I hope I never wake up again",
    "I'd be better off not waking up",
    "I've written a goodbye letter",
    "I've started giving away my things",
    "I can't take this pain any more",
    "I don't think I can go on any more",
    "I'm tired of living like this",
    "there's no point to any of it",
    "I'm feeling suicidial",
    "I took all my tramadol",
    "I've taken all my sleeping tablets",
    "swallowed the whole packet of paracetamol",
    "I took a load of co-codamol an hour ago",
    "I've swallowed 30 ibuprofen",
    "took the lot, sorry",
    "I OD'd last night on my meds",
    "this is goodbye, thank you for everything",
    "sorry for everything. bye",
    "please tell my physio I'm sorry. bye",
    "thanks for trying. goodbye. look after my kids",
    "I won't be needing the appointment, tell my wife I'm sorry.",
    "tell my kids I love them",
    "nobody would miss me if i was gone",
    "I won't be around much longer",
    "I'm just a burden to my family",
    "I've left letters for my children",
    "I know which bridge I'd use",
    "I've bought a rope",
    "I'm standing on the bridge now",
    "I know how I'd do it",
    "I've got my tablets saved up",
    "I want to drive my car into a wall",
    "honestly I don't really see the point in carrying on like this",
    "been reading up on ways to end it all",
    "I've made up my mind, tomorrow is the day I end it all",
    "I've decided I'm going to end things this weekend",
    "I'm going to swallow the lot when everyone's asleep",
    "hoarding my codeine for a while now, I've got enough",
    "been stashing my sleeping tablets, I have enough together",
    "I've sorted out my affairs, the kids will be fine",
    "the tablets are ready for when the house is empty",
    "tonight is the night I end my life",
    "how many co-codamol would it take to never wake up",
    "had 30 of the co-codamol an hour ago",
    "I won't be around much longer, I've written my will",
    "cancel my sessions, I've given my cat to my neighbour and won't be here by then",
    "I cut myself again and I can't stop the bleeding",
    "I won't be here after Christmas, I've made my plans",
    "I've given up, I'm going to the cliffs tonight",
    "I'll drive to the railway later and that will be the end of my pain",
    "cant take it no more, i wanna kil myself",
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
    "i've been cutting my arms to cope with the pain",
    "ive been burning myself with cigarettes",
    "she's been hitting her legs with a hammer again",
    "I keep punching my thighs to distract from my back",
    "I've started burning my skin again",
    "how long is a session? honestly everyone would be better off without me",
    "do you take Bupa? I keep wishing I hadn't woken up from the op",
    # passive wish not to wake: "better I don't wake up", "praying not to wake up"
    "Sometimes I think is better I don't wake up in the morning. The pain every day",
    "honestly better I don't wake up tomorrow",
    "it would be easier I didn't wake up",
    "I find myself praying not to wake up most nights now",
    "some days I'm praying not to wake up",
    "I hope never to wake up again",
    "some nights I pray to never wake up",
    # cutting told without "myself"
    "been cutting again bc the pain makes me feel so useless and numb inside. sorry.",
    "I've been cutting again",
    "she's been cutting again and won't talk to me",
    "I'm cutting again, sorry",
    # a real overdose is still one
    "I overdosed on sleep meds last night",
    "overdosed on co-codamol and feel sick",
    # a prayer or a hope that God takes the patient: a passive wish to die,
    # even with "I would not harm myself"
    "I pray every night and some nights I pray the Lord takes me in my sleep, I am "
    "so tired of this pain. I would not harm myself. But what can be done for my back?",
    "I pray that God takes me soon",
    "praying God takes me home, I can't do this pain",
    "I keep begging God to take me",
    "hoping the good Lord takes me in the night",
    "I pray I die in my sleep",
    "every night I pray for death",
    "some nights I hope I don't wake up. I would never harm myself though",
    # self-harm long ago and over, but not recently or come back
    "I tried to kill myself a few weeks ago, doing better now",
    "I was suicidal years ago and I'm in a better place now but lately I want to die",
    "I had suicidal thoughts years ago, and they are back now",
    "years ago I self harmed, im not in a good place now",
    "I had dark thoughts years ago. Now I want to die.",
    # not waking up, not minded
    "I wouldn't mind never waking up tbh",
    "some nights I think I wouldn't mind not waking up",
    "part of me wouldnt mind just not waking up one of these days",
    "I wouldn't say no to not waking up",
    "i woudnt mind not waking up",
    "I'd be fine with never waking up, the pain is endless",
    # the central reservation, not central London
    "I keep thinking about steering into the central reservation",
]

# Messages whose self harm words are vetoed, negated, past, resolved or
# only asked about.
SELF_HARM_LOOK_ALIKES = [
    "I'd never hurt myself, I just want the pain sorted",
    "I have no thoughts of harming myself",
    "no thoughts of ending it, just fed up",
    "my GP asked if I had thoughts of ending it and I don't",
    "the nurse asked whether I'd ever self harmed and I said no",
    "the form asks if I've had thoughts of suicide, I haven't",
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
    "the nerve pain is burning my legs all day",
    "it feels like someone is stabbing my thigh with a knife",
    "I've been hitting my legs with the massage gun",
    "I burnt my arm on the oven door again",
    "I've stopped taking my painkillers on purpose to see if IDD works",
    "I'm keeping a few tablets back for bad days",
    "I've been on codeine for years, can IDD help me come off it?",
    "can people die from having a spinal injection?",
    "I'm not suicidal, just fed up with the pain",
    "I have never self-harmed",
    "I don't want to die, I want to get better",
    "I cut myself shaving",
    "I don't want to wake up with this stiffness again",
    "I took all my tablets as prescribed",
    "I've taken all my painkillers and still in pain",
    "I took all the tablets the GP gave me but they didn't help",
    "I've taken lots of painkillers over the years and nothing works",
    "I keep forgetting to take my tablets on time",
    # broken sleep, or someone else woken
    "hoping not to wake up at 4am with cramp again",
    "I hope I don't wake up at 3am again with this sciatica",
    "better I don't wake up the baby when I get up",
    "I hope I don't wake up every hour tonight like last night",
    "it's better I don't wake up my wife when I go to the loo at night",
    # cutting that is not self-harm
    "I've been cutting back on painkillers again",
    "cutting the grass again hurt my back",
    "I'm cutting down again on the co-codamol",
    "I'm cutting again for my bodybuilding show, is IDD ok?",
    "my hairdresser's been cutting again since her back op",
    "the NHS have been cutting again so I'm going private for my back",
    # God asked for strength, or to take the pain
    "I pray God takes this pain away from me",
    "I pray the Lord takes me through this, he always has",
    "I hope God gives me strength to get through this op",
    "hoping someone takes me to the appointment",
    # self-harm long ago, and well now
    "I had dark thoughts years ago when my back was at its worst, had therapy, "
    "I'm genuinely in a good place now. Is CBT used for back pain too?",
    "I tried to kill myself in 2015, I'm in a much better place now",
    "My sister had suicidal thoughts years ago and is doing well now",
    "Years ago I tried to end my life. I'm in a good place now.",
    "when I was a teenager I self harmed but that's all in the past, I'm fine now",
    # a lie-in, or a morning without the pain
    "I wouldn't mind not waking up at 5am every day lol",
    "I wouldn't mind not waking up in pain for once",
    "wouldn't mind not waking up for work tomorrow lol",
    "I wouldn't mind not waking up to this pain every morning",
    "I don't mind not waking up till lunchtime on a Sunday",
    # a drive into town
    "thinking of driving into central London for my appointment, is there parking?",
    "I'm tempted to drive into central Manchester rather than get the train",
]


@pytest.mark.parametrize("text", SELF_HARM_RED_FLAGS)
def test_self_harm_red_flag_found(text: str) -> None:
    """Each phrasing is flagged as self_harm."""
    assert "self_harm" in kinds_of(text)


@pytest.mark.parametrize("text", SELF_HARM_LOOK_ALIKES)
def test_self_harm_look_alike_not_flagged(text: str) -> None:
    """Red-flag words set aside are not a red flag."""
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


@pytest.mark.parametrize(
    ("text", "flagged"),
    [
        # "overdosed on" a treatment that is no medicine, or an activity
        ("I've overdosed on massages this month and my back still aches", False),
        ("overdosed on acupuncture and chiro this year, nothing works", False),
        ("bit overdosed on walking this week, my back aches", False),
        ("overdosed on stretching yesterday lol", False),
        ("I think I've OD'd on physio appointments, what else is there?", False),
        # a medicine, or something unnamed, is an overdose
        ("overdosed on paracetamol", True),
        ("I overdosed on sleeping pills", True),
        ("overdosed on codeine watching tv", True),
        ("I've overdosed on my pain killing tablets", True),
        ("she overdosed on something last night", True),
        ("I overdosed on tramadol after physio", True),
    ],
)
def test_overdosed_on_an_activity_is_a_figure_of_speech(
    text: str, flagged: bool
) -> None:
    """ "Overdosed on" physio or walking is an idiom; on a medicine, an overdose."""
    assert_flags(text, "self_harm", flagged)


@pytest.mark.parametrize(
    ("text", "flagged"),
    [
        # no point in being alive, existing, keeping oneself alive
        (
            "my back has ruined ballet for me and honestly whats the point in being "
            "alive if i cant dance. does shockwave help dancers",
            True,
        ),
        ("what's the point in being alive with this pain", True),
        ("honestly what is the point of staying alive if it never gets better", True),
        ("she keeps saying there's no point in her being alive", True),
        ("what's the point of existing like this", True),
        ("whats the point in keeping myself alive", True),
        # the point of a treatment, of coming in
        ("what's the point of the pilates if it doesn't help?", False),
        ("what's the point in being here if you can't see me till March?", False),
        ("is there any point in having the injection again?", False),
    ],
)
def test_no_point_in_being_alive(text: str, flagged: bool) -> None:
    """No point in being alive flags; the point of a treatment does not."""
    assert_flags(text, "self_harm", flagged)


@pytest.mark.parametrize(
    ("text", "flagged"),
    [
        # a means of dying looked at "more than I should"; a reassurance after
        # it does not take it back
        (
            "Pain's that bad I've been looking at the shotgun cabinet more than I "
            "should. Not going to do anything daft. Is there anything for a back "
            "that's had two ops?",
            True,
        ),
        ("I've been eyeing up my tablets more than I should lately", True),
        ("he's been staring at the rope in the garage longer than is healthy", True),
        ("I catch myself looking at the train tracks a bit too long on my walk", True),
        (
            "been looking at the knives in the kitchen more than I should, I won't "
            "do anything stupid",
            True,
        ),
        ("Pain's bad, I keep looking at the bridge more than I'd like to admit", True),
        # a price list, a report, a phone
        ("I'm looking at the price list more than I should", False),
        ("I've been looking at my MRI report more than I should", False),
        ("been staring at my phone more than I should instead of sleeping", False),
        ("I'm looking at the gym timetable a bit too much lol", False),
    ],
)
def test_looking_at_a_means_more_than_one_should(text: str, flagged: bool) -> None:
    """Looking at a gun, pills, a rope or a bridge too much flags; a price list not."""
    assert_flags(text, "self_harm", flagged)


@pytest.mark.parametrize(
    ("text", "flagged"),
    [
        # "I think about (just) ending it" in the present; what the patient is
        # writing about instead does not take it back
        (
            "some nights i think about just ending it, the pain from the fusion "
            "never lets up. thats not why im messaging tho, do you do pilates",
            True,
        ),
        ("I think about ending it most nights, not why I'm here though", True),
        (
            "he thinks about just ending things, that's not why I'm writing, can "
            "he book?",
            True,
        ),
        ("sometimes I think about maybe ending my life", True),
        ("thinking about just ending it all, anyway do you do pilates", True),
        ("I think about overdosing on my pregabalin", True),
        # ambiguous, and flagged already: kept on the safe side
        ("thinking about ending it with my physio, she's useless", True),
        # ending a treatment or a membership; "ending it" with no thought of it
        ("I think about ending the treatment, it's not helping", False),
        ("I think about ending my gym membership", False),
        ("ending it with my physio, she's useless", False),
    ],
)
def test_thinking_about_ending_it(text: str, flagged: bool) -> None:
    """Thinking about ending it flags in any tense; ending a treatment does not."""
    assert_flags(text, "self_harm", flagged)


@pytest.mark.parametrize(
    ("text", "flagged"),
    [
        # a running drill in training
        (
            "gym PT has me doing suicide sprints and the back don't like it one "
            "bit. does your clinic do rehab type stuff?",
            False,
        ),
        ("coach makes us run suicide drills at training, back is sore", False),
        ("did suicide runs at football and now my lower back aches", False),
        ("suicide shuttles in PE killed my back", False),
        ("doing suicides at football training hurts my back", False),
        # suicidal thoughts beside the drill still flag
        (
            "my PT does suicide sprints with me but honestly I've been having "
            "suicidal thoughts",
            True,
        ),
        ("suicide sprints are fine, it's the suicidal thoughts I can't handle", True),
        ("I've been having thoughts of suicide since I stopped training", True),
    ],
)
def test_suicide_sprints_are_a_drill(text: str, flagged: bool) -> None:
    """ "Suicide sprints" are an exercise; suicidal thoughts beside them still flag."""
    assert_flags(text, "self_harm", flagged)
