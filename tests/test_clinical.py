"""Tests of the clinical-language rules (bot/clinical): red flags, entities."""

from __future__ import annotations

import dataclasses
import subprocess
import sys
from pathlib import Path

import pytest

from bot.clinical import RED_FLAG_KINDS, Analysis, RedFlag, analyse, warm_up
from bot.clinical import patterns as P
from bot.clinical.spelling import Speller, edit_distance, max_edits
from bot.clinical.text import chunk_bounds, clean

PROJECT_ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module", autouse=True)
def pipeline_built() -> None:
    """Build the spaCy pipeline once for the whole module."""
    warm_up()


def kinds_of(text: str) -> set[str]:
    """The red-flag kinds found in a message."""
    return {flag.kind for flag in analyse(text).red_flags}


# --- Red flags that must be found -------------------------------------------------

RED_FLAGS = [
    # bladder and bowel
    ("I can't control my bladder since yesterday", "bladder_bowel"),
    ("I've lost control of my bowels", "bladder_bowel"),
    ("sudden loss of bladder control with my back pain", "bladder_bowel"),
    ("I've wet myself without noticing", "bladder_bowel"),
    ("soiled myself and didn't realise", "bladder_bowel"),
    ("I cannot pee at all today", "bladder_bowel"),
    ("I haven't passed urine since this morning", "bladder_bowel"),
    ("I'm unable to empty my bladder", "bladder_bowel"),
    ("new incontinence since my back went", "bladder_bowel"),
    ("I can't tell when I need to pee anymore", "bladder_bowel"),
    ("problems with my bladder and terrible back pain", "bladder_bowel"),
    ("my bladder control is gone", "bladder_bowel"),
    ("I keep leaking urine", "bladder_bowel"),
    ("I'm struggling to pass water", "bladder_bowel"),
    ("I've had an accident in my pants and didn't feel it", "bladder_bowel"),
    ("I can't hold my wee since my back went", "bladder_bowel"),
    ("I haven't been for a wee since yesterday morning", "bladder_bowel"),
    ("I don't know when I need the toilet any more", "bladder_bowel"),
    ("I didn't make it to the loo and my back is agony", "bladder_bowel"),
    ("I had an accident before I got to the toilet", "bladder_bowel"),
    ("I didn't even notice I'd wet myself", "bladder_bowel"),
    # third person
    ("my dad can't hold his water any more", "bladder_bowel"),
    ("my wife has wet herself twice today", "bladder_bowel"),
    ("he's soiled himself and didn't notice", "bladder_bowel"),
    ("he can't tell when he needs to go", "bladder_bowel"),
    # saddle numbness
    ("numbness in my groin", "saddle_numbness"),
    ("I've got numbness in the saddle area", "saddle_numbness"),
    ("numb between my legs", "saddle_numbness"),
    ("my bum has gone numb", "saddle_numbness"),
    ("I can't feel it when I wipe", "saddle_numbness"),
    ("no feeling down below since yesterday", "saddle_numbness"),
    ("pins and needles around my genitals", "saddle_numbness"),
    ("I can't feel my private parts", "saddle_numbness"),
    ("when I wipe I can't feel anything", "saddle_numbness"),
    ("reduced sensation in the saddle area", "saddle_numbness"),
    ("I can't feel the toilet seat properly", "saddle_numbness"),
    ("numb when I wipe", "saddle_numbness"),
    # legs
    ("sudden weakness in my left leg", "leg_weakness"),
    ("my legs keep giving way", "leg_weakness"),
    ("I can't feel my legs", "leg_weakness"),
    ("I can't move my legs", "leg_weakness"),
    ("both legs have gone numb", "leg_weakness"),
    ("my right leg has suddenly gone weak", "leg_weakness"),
    ("the numbness in my leg is getting worse", "leg_weakness"),
    ("my legs are getting weaker", "leg_weakness"),
    ("I've got foot drop on the left", "leg_weakness"),
    ("I can't lift my foot anymore, it drags", "leg_weakness"),
    ("suddenly I can't walk", "leg_weakness"),
    ("I can no longer walk", "leg_weakness"),
    ("My left leg went dead suddenly", "leg_weakness"),
    ("the tingling in my legs is spreading", "leg_weakness"),
    ("my legs have gone wobbly and weak", "leg_weakness"),
    ("my leg strength has gone", "leg_weakness"),
    ("I'm dragging my right leg", "leg_weakness"),
    ("my right leg went numb this morning", "leg_weakness"),
    ("this afternoon my left leg went dead", "leg_weakness"),
    ("my foot went floppy about two hours ago", "leg_weakness"),
    ("my leg collapsed under me", "leg_weakness"),
    ("I keep tripping over my own foot", "leg_weakness"),
    ("my legs have turned to jelly", "leg_weakness"),
    ("I can't lift my left foot", "leg_weakness"),
    ("I keep falling over, my legs won't hold me", "leg_weakness"),
    ("I've fallen over three times this week", "leg_weakness"),
    # third person
    ("his legs gave way on the stairs", "leg_weakness"),
    ("her legs keep buckling", "leg_weakness"),
    # chest
    ("I've got chest pain", "chest_pain"),
    ("crushing pain in my chest", "chest_pain"),
    ("my chest feels really tight", "chest_pain"),
    ("pain spreading to my jaw", "chest_pain"),
    ("tightness across my chest and I feel sick", "chest_pain"),
    ("I think I'm having a heart attack", "chest_pain"),
    ("there's a pain in the middle of my chest", "chest_pain"),
    ("pain in my chest going into my left arm", "chest_pain"),
    ("feels like an elephant is sitting on my chest", "chest_pain"),
    ("it's like a tight band round my chest", "chest_pain"),
    ("it feels like a weight pressing on my chest", "chest_pain"),
    ("squeezing feeling in my chest and my left arm aches", "chest_pain"),
    ("my chest feels like it's in a vice", "chest_pain"),
    ("it hurts in my chest when I climb the stairs", "chest_pain"),
    ("pain going down my left arm and into my jaw", "chest_pain"),
    # third person
    ("my husband says it feels like someone is standing on his chest", "chest_pain"),
    ("I think my dad is having a heart attack", "chest_pain"),
    # fever
    ("I have a high temperature and back pain", "fever"),
    ("fever and my lower back is agony", "fever"),
    ("I've got a temperature of 39 and my back hurts", "fever"),
    ("night sweats and back pain", "fever"),
    ("shivering and sweating with this back pain", "fever"),
    ("I feel feverish", "fever"),
    ("temp of 39.2 and back pain", "fever"),
    ("I'm having rigors", "fever"),
    ("my temperature went up to 39.4 last night", "fever"),
    ("thermometer says 38.7 and my back is agony", "fever"),
    ("a 39 degree temperature since the weekend", "fever"),
    ("temp is 102F and my lower back is killing me", "fever"),
    ("burning up and my back is in agony", "fever"),
    ("I'm shaking uncontrollably and my back really hurts", "fever"),
    ("can't stop shivering and my spine is so sore", "fever"),
    # trauma
    ("I fell off a ladder at work", "trauma"),
    ("I was hit by a car this morning", "trauma"),
    ("car crash yesterday and now my neck hurts", "trauma"),
    ("I fell down the stairs and can't move", "trauma"),
    ("I had a major accident today", "trauma"),
    ("fell from a height onto my back", "trauma"),
    ("I was in a road traffic accident on Monday", "trauma"),
    ("I came off my motorbike", "trauma"),
    ("a car knocked me off my bike", "trauma"),
    ("I fell 10 feet off scaffolding", "trauma"),
    ("I was thrown from my horse", "trauma"),
    ("I got rear ended on the way to work and my neck hurts", "trauma"),
    ("someone drove into the back of my car, now tingling in my hands", "trauma"),
    ("RTA this morning, back pain", "trauma"),
    ("our car flipped over on the A road", "trauma"),
    ("we were t-boned at a junction", "trauma"),
    ("I dived into the shallow end and hit my head", "trauma"),
    ("I'm 78 and slipped on the ice this morning", "trauma"),
    # third person, and an ordinary fall where bones are fragile
    ("my son was knocked down by a van", "trauma"),
    ("my grandad fell in the garden and his back hurts", "trauma"),
    ("she has osteoporosis and tripped over the cat", "trauma"),
    ("my 85-year-old father has had a fall and can't get comfortable", "trauma"),
    # self-harm
    ("I want to die", "self_harm"),
    ("I've been having suicidal thoughts", "self_harm"),
    ("I want to kill myself", "self_harm"),
    ("sometimes I just want to end it all", "self_harm"),
    ("I don't want to be here anymore", "self_harm"),
    ("I've been self-harming again", "self_harm"),
    ("I hurt myself on purpose last night", "self_harm"),
    ("I'm thinking about ending my life", "self_harm"),
    ("everyone would be better off without me", "self_harm"),
    ("I can't go on like this", "self_harm"),
    ("I wanna die", "self_harm"),
    ("I wish I was dead", "self_harm"),
    ("I've thought about ending it", "self_harm"),
    ("I'm going to end it tonight", "self_harm"),
    ("I don't see the point anymore", "self_harm"),
    ("I took an overdose", "self_harm"),
    ("life isn't worth living", "self_harm"),
    ("I'm thinking about overdosing on my tramadol", "self_harm"),
    ("I've been stockpiling my painkillers", "self_harm"),
    ("part of me wants to take all my pills at once", "self_harm"),
    ("I could just swallow all my codeine tablets together", "self_harm"),
    ("thinking of taking an od", "self_harm"),
    ("my family would be better off if I wasn't here", "self_harm"),
    ("there's no point anymore", "self_harm"),
    ("I just want it all to end", "self_harm"),
    ("sometimes I hope I don't wake up", "self_harm"),
    ("I can't carry on with this pain", "self_harm"),
    ("I've thought about hanging myself", "self_harm"),
    ("I want to unalive myself", "self_harm"),
    ("I feel like I want to jump off a bridge", "self_harm"),
    # third person
    ("my son says he wants to kill himself", "self_harm"),
    ("she's talking about ending her life", "self_harm"),
    # --- second pass: the other ways patients tell the same emergencies ---
    # urinary retention
    ("I'm desperate for a wee but nothing will come out", "bladder_bowel"),
    ("I try to pee and only a dribble comes out", "bladder_bowel"),
    ("haven't had a wee since lunch though I've drunk loads", "bladder_bowel"),
    ("he hasn't peed in 10 hours", "bladder_bowel"),
    ("haven't passed any urine for 16 hours", "bladder_bowel"),
    ("my bladder is really full but I can't go", "bladder_bowel"),
    ("they had to put a catheter in at A&E", "bladder_bowel"),
    ("I can't get my wee started", "bladder_bowel"),
    ("I've not been able to wee all day and I've had loads of tea", "bladder_bowel"),
    # saddle numbness, including similes
    ("my bottom and inner thighs feel dead", "saddle_numbness"),
    ("it feels like I've had a local anaesthetic in my bum", "saddle_numbness"),
    ("no feeling at all when I go to wipe", "saddle_numbness"),
    ("he says his bum cheeks are numb", "saddle_numbness"),
    ("can't feel anything when I sit on the loo", "saddle_numbness"),
    ("the skin on my bum feels like it isn't mine, totally numb", "saddle_numbness"),
    ("like I'm sat on nothing when I'm on the toilet", "saddle_numbness"),
    # legs: foot drop, legs that fail, spreading numbness, can't walk
    ("my foot keeps dropping when I walk and I catch my toes", "leg_weakness"),
    ("my foot slaps on the ground when I walk now", "leg_weakness"),
    ("I can't bend my foot upwards since this morning", "leg_weakness"),
    ("my legs stopped working this morning", "leg_weakness"),
    ("my legs won't hold my weight", "leg_weakness"),
    ("my legs aren't working properly since last night", "leg_weakness"),
    ("the numbness is creeping up my legs", "leg_weakness"),
    ("tingling moving up both legs, now at my hips", "leg_weakness"),
    ("my legs are getting weaker by the hour", "leg_weakness"),
    ("I can't walk!", "leg_weakness"),
    ("I cant walk or stand", "leg_weakness"),
    ("he's suddenly unable to walk", "leg_weakness"),
    # fever: anyone's high fever, a reading of 38 C / 100.4 F or more
    ("my husband has a high fever and back pain", "fever"),
    ("my son has a temperature of 39 and his back is sore", "fever"),
    ("temp 38.4 and my back is killing me", "fever"),
    ("running a temperature of 101F with neck pain", "fever"),
    ("she's delirious and her back is agony", "fever"),
    # trauma: a fall when frail or unable to get up, a crack, speed
    ("my 92 year old mum had a fall this morning", "trauma"),
    ("my dad (81) slipped in the bathroom", "trauma"),
    ("nan fell over and has been on the floor for two hours", "trauma"),
    ("she's got osteoporosis, took a tumble yesterday", "trauma"),
    ("I fell in the kitchen and can't get up", "trauma"),
    ("I heard something snap in my back when I landed", "trauma"),
    ("after the scrum I've got tingling in both hands", "trauma"),
    ("a lorry went into the side of us on the motorway", "trauma"),
    ("we were hit at 60 mph on the A1", "trauma"),
    # self-harm: preparing, method, wishing not to wake, giving up
    ("I've been hoarding my codeine", "self_harm"),
    ("I've been saving up my pregabalin for a while", "self_harm"),
    ("I've been collecting my tablets so I have enough", "self_harm"),
    ("what's a lethal dose of amitriptyline", "self_harm"),
    ("how many paracetamol would it take to die", "self_harm"),
    ("sometimes I think about walking in front of traffic", "self_harm"),
    ("I've been thinking of throwing myself under a train", "self_harm"),
    ("I hope I never wake up again", "self_harm"),
    ("I'd be better off not waking up", "self_harm"),
    ("I've written a goodbye letter", "self_harm"),
    ("I've started giving away my things", "self_harm"),
    ("I can't take this pain any more", "self_harm"),
    ("I don't think I can go on any more", "self_harm"),
    ("I'm tired of living like this", "self_harm"),
    ("there's no point to any of it", "self_harm"),
    # --- third pass: terms patients look up, infection settings, overdoses taken,
    # final goodbyes, methods, foot drop, altered sensation, cardiac combinations ---
    # clinical terms, as typed
    ("i think i've got cauda equina, my bum is weird", "bladder_bowel"),
    ("worried it's corda equina", "bladder_bowel"),
    ("saddle anesthesia since this morning", "saddle_numbness"),
    ("I googled my symptoms and it says saddle anaesthesia", "saddle_numbness"),
    ("i have foot-drop since yesterday", "leg_weakness"),
    ("I think I have myelopathy, my hands are clumsy", "leg_weakness"),
    ("I think I'm septic, had my op last week", "fever"),
    ("I've been diagnosed with discitis and it's getting worse", "fever"),
    ("worried I've got a spinal abscess", "fever"),
    ("i think i'm having a heart atack", "chest_pain"),
    ("I'm feeling suicidial", "self_harm"),
    # foot drop and a leg that has lost sensation and power
    ("my left ankle won't bend upwards since this morning", "leg_weakness"),
    ("my toes keep catching on the carpet when I walk", "leg_weakness"),
    ("my foot won't lift off the ground properly", "leg_weakness"),
    ("my right foot is just dangling when I walk", "leg_weakness"),
    ("can't walk on my heels any more on the right side", "leg_weakness"),
    ("my shin is numb and my foot feels weak", "leg_weakness"),
    ("numbness in my shin and the foot keeps dragging", "leg_weakness"),
    ("my leg has gone dead from the knee down", "leg_weakness"),
    ("I can't feel or move my right leg", "leg_weakness"),
    # saddle, in everyday words
    ("my privites are numb", "saddle_numbness"),
    ("his willy and balls are numb", "saddle_numbness"),
    # no feeling when passing urine
    ("I can't feel myself peeing", "bladder_bowel"),
    ("I can't feel the wee coming out", "bladder_bowel"),
    ("no sensation when I pass urine", "bladder_bowel"),
    # fever signs after an injection or operation, with IV drugs or low immunity
    ("had a nerve root block on tuesday, now shivering and sweating", "fever"),
    ("on chemo and I've got chills and shakes", "fever"),
    ("I'm diabetic and feel hot and cold, had surgery 5 days ago", "fever"),
    ("I inject heroin and now I'm burning up", "fever"),
    ("temperature sky high after my epidural", "fever"),
    ("rigours since last night and my back is killing me", "fever"),
    ("my wound is oozing pus after my fusion", "fever"),
    # chest pain told with breath, sweat or an arm
    ("my chest pane is bad and i'm sweating", "chest_pain"),
    ("feels like a band squeezing round my ribs and I'm short of breath", "chest_pain"),
    ("like a vice round my ribs, left arm tingling", "chest_pain"),
    ("it's like an elephant sitting on me", "chest_pain"),
    ("my chest feels weird and I'm clammy and sweaty", "chest_pain"),
    # an overdose already taken
    ("I took all my tramadol", "self_harm"),
    ("I've taken all my sleeping tablets", "self_harm"),
    ("swallowed the whole packet of paracetamol", "self_harm"),
    ("I took a load of co-codamol an hour ago", "self_harm"),
    ("I've swallowed 30 ibuprofen", "self_harm"),
    ("took the lot, sorry", "self_harm"),
    ("I OD'd last night on my meds", "self_harm"),
    # goodbyes that read as final
    ("this is goodbye, thank you for everything", "self_harm"),
    ("sorry for everything. bye", "self_harm"),
    ("please tell my physio I'm sorry. bye", "self_harm"),
    ("thanks for trying. goodbye. look after my kids", "self_harm"),
    ("I won't be needing the appointment, tell my wife I'm sorry.", "self_harm"),
    ("tell my kids I love them", "self_harm"),
    ("nobody would miss me if i was gone", "self_harm"),
    ("I won't be around much longer", "self_harm"),
    ("I'm just a burden to my family", "self_harm"),
    # a method chosen or a plan made
    ("I've left letters for my children", "self_harm"),
    ("I know which bridge I'd use", "self_harm"),
    ("I've bought a rope", "self_harm"),
    ("I'm standing on the bridge now", "self_harm"),
    ("I know how I'd do it", "self_harm"),
    ("I've got my tablets saved up", "self_harm"),
    ("I want to drive my car into a wall", "self_harm"),
    # sudden illness needing 999: collapse, stroke, a severe allergic reaction
    ("my husband has just collapsed in the hallway", "collapse"),
    ("she fainted at the bus stop and hasn't come round properly", "collapse"),
    ("I found my father unresponsive in his chair", "collapse"),
    ("he's stopped breathing", "collapse"),
    ("I think my mum is having a stroke", "collapse"),
    ("his mouth is drooping on one side", "collapse"),
    ("my lips and tongue are swelling up after the injection", "collapse"),
    # passive thoughts, loosely worded
    ("honestly I don't really see the point in carrying on like this", "self_harm"),
    ("been reading up on ways to end it all", "self_harm"),
    # a question about a sign is still a flag when the patient says they have it
    ("can IDD cause bladder problems? because I've had them since yesterday", "bladder_bowel"),
]

MISSPELT_RED_FLAGS = [
    ("my bladdar control is gone", "bladder_bowel"),
    ("I cant control my blader", "bladder_bowel"),
    ("lost controll of my bowl movements", "bladder_bowel"),
    ("cant controll my bowls", "bladder_bowel"),
    ("incontinance since my back went", "bladder_bowel"),
    ("numbnes in my sadle area", "saddle_numbness"),
    ("my groyne is numm", "saddle_numbness"),
    ("numness between my leggs", "saddle_numbness"),
    ("sudden weekness in my leg", "leg_weakness"),
    ("my legs keep givin way", "leg_weakness"),
    ("I have sucidal thoughts", "self_harm"),
    ("feeling suicidel", "self_harm"),
    ("i wnat to kill my self", "self_harm"),
    ("thoughts of sucide", "self_harm"),
    ("chesst pain", "chest_pain"),
    ("cheast pain and cant breath", "chest_pain"),
    ("chest pian", "chest_pain"),
    ("high feaver and back pain", "fever"),
    ("high tempreture and my back hurts", "fever"),
    ("fell of a ladder cant move", "trauma"),
    ("I CAN'T FEEL MY LEGS", "leg_weakness"),
    ("I can’t control my bladder", "bladder_bowel"),
    ("my mum has lost control of her bowles", "bladder_bowel"),
    ("no feelin round his back pasage", "saddle_numbness"),
    ("my leg buckld under me today", "leg_weakness"),
    ("presure in my chset", "chest_pain"),
    ("fevor and back pain", "fever"),
    ("fevre of 38 and my neck is stiff", "fever"),
    ("having rigours and back pain", "fever"),
    ("fell from a hieght at work", "trauma"),
    ("he fell off a lader at work", "trauma"),
    ("I might take an overdoes tonight", "self_harm"),
    ("I want to kil myself", "self_harm"),
    ("I have sucidal feelings", "self_harm"),
    ("i've been stockpiling my tramadoll", "self_harm"),
    ("saving up my gabapentn", "self_harm"),
    ("my dad colapsed in the kitchen", "collapse"),
    ("her speech is slured and her face is droopy", "collapse"),
]


@pytest.mark.parametrize(("text", "kind"), RED_FLAGS)
def test_red_flag_found(text: str, kind: str) -> None:
    """Each phrasing is flagged as its kind."""
    assert kind in kinds_of(text)


@pytest.mark.parametrize(("text", "kind"), MISSPELT_RED_FLAGS)
def test_misspelt_red_flag_found(text: str, kind: str) -> None:
    """Misspellings, missing apostrophes and capitals do not hide a red flag."""
    assert kind in kinds_of(text)


def test_every_kind_has_cases() -> None:
    """The tables above cover every red-flag kind, with enough misspellings."""
    covered = {kind for _, kind in RED_FLAGS + MISSPELT_RED_FLAGS}
    assert covered == set(RED_FLAG_KINDS)
    assert len(RED_FLAGS) + len(MISSPELT_RED_FLAGS) >= 50
    assert len(MISSPELT_RED_FLAGS) >= 12


# --- Messages that must not flag --------------------------------------------------

NOT_RED_FLAGS = [
    # negated
    "no bladder or bowel problems",
    "I don't have any numbness in my groin",
    "I haven't had any loss of bladder control",
    "no chest pain",
    "I'm not suicidal, just fed up with the pain",
    "I have never self-harmed",
    "no fever, just a stiff back",
    "I don't want to die, I want to get better",
    "without any weakness in my legs",
    "denies saddle numbness",
    "no numbness or weakness in my legs",
    "I have not fallen off anything",
    # benign mentions
    "my bladder is fine",
    "my legs feel tired after pilates",
    "does IDD help leg pain",
    "chest is fine, it's my lower back",
    "saddle soreness from cycling",
    "I had a fall last year and my back is stiff",
    "I was in a car accident ten years ago and my back has been sore since",
    "does acupuncture help hay fever",
    "I had glandular fever as a teenager",
    "I'm moving a chest of drawers this weekend, can I still come",
    "I eat a bowl of porridge every morning",
    "what is the temperature in the treatment room",
    "I have numbness at the bottom of my foot",
    "I can't walk far because of the pain",
    "my leg is a bit numb after sitting",
    "will I need IDD forever",
    "does a facet injection last forever",
    "the pain is killing me",
    "can I book a session of shockwave therapy",
    "I get pins and needles in my hand",
    "how many sessions of physio will I need",
    "my neck pain shoots down my arm",
    "is microdiscectomy a big operation",
    "I fell asleep on the sofa and my back is stiff",
    "my weekly pilates class helps my back",
    "I felt a bit weak after my flu jab last week",
    "can I park near the clinic",
    "hello",
    "I'm growing tired of this pain",
    "I'm falling apart with this back pain",
    "I can't poo since taking codeine",
    "I need to pee a lot at night",
    "the bladder scan was normal",
    "I hurt myself lifting boxes",
    "I cut myself shaving",
    "I'm going to kill my physio",
    "I can't stand the pain",
    "I can't sleep",
    "my son has a fever, can I still come",
    "I had a minor car accident",
    "Do you treat people who've been in an accident?",
    "I was shivering in the waiting room, it was freezing",
    "pain going down my left arm from my neck",
    "my jaw hurts from clenching",
    "I had a chest infection",
    "I do a chest press at the gym",
    "at this point in life I just want to get fit",
    # close to the phrasings added for recall (and still ordinary)
    "no weakness in either leg, it's just my lower back that aches",
    "my legs are OK, it's my back that's the problem",
    "my knees ache on the stairs",
    "wiping after the toilet hurts my back when I bend",
    "my backside is sore from sitting on a hard chair at work",
    "I fell off a swing as a child, is that why my back is bad?",
    "will bench press make my lower back worse?",
    "I had a temperature last month but it's gone",
    "I was in a car accident 10 years ago",
    "I've been overdoing it at the gym",
    "he overdoes it every weekend",
    "I'd kill for a good night's sleep",
    "this pain is killing me",
    "my rear end is sore from cycling",
    "I've been shunted from pillar to post by the NHS",
    "my foot goes numb when I cross my legs",
    "my trousers keep falling down since I lost weight",
    "my nan slipped away last year and my back has been tight since",
    "my gran tripped the fuse box",
    "my 80 year old mum wants to try IDD",
    "I'm 70 with a slipped disc, can IDD help?",
    "can patients with osteoporosis have IDD?",
    "I don't want to wake up with this stiffness again",
    "what's the point of a second opinion?",
    "I take paracetamol and ibuprofen together, is that ok?",
    "I hold a weight on my chest for sit-ups, is that ok for my back?",
    "I wear a band round my chest for running",
    "it's 40 degrees in Spain and my back loves it",
    "the rigours of my job are hurting my back",
    "my legs went like jelly after spin class",
    "that idea doesn't hold water",
    "I like sitting on my exercise ball",
    "I want to jump into the pool after IDD, is that ok?",
    "I'm going to throw myself into my exercises",
    "I don't know when I need to go for my next appointment",
    # --- second pass: close to the new phrasings, and still ordinary ---
    "I can't walk very far at the moment",
    "I can't sit, stand or walk without pain",
    "my legs feel like jelly after leg day",
    "my thighs feel like jelly after squats",
    "my feet go numb on the bike after a couple of hours",
    "my bum goes numb on long drives but it's fine once I stand up",
    "my backside went numb on the train but it went away when I got up",
    "I used to get pins and needles in my feet but that stopped years ago",
    "I used to wet myself when I laughed until the pelvic floor class sorted it",
    "my temp is 37.9, is that ok for my appointment?",
    "my daughter has a fever so I need to cancel",
    "my son has a temperature, can I still bring him?",
    "I had a catheter after my c-section years ago",
    "the traffic was just a trickle on the way in",
    "nothing came out of the MRI, it was all clear",
    "I collected my tablets from the pharmacy",
    "I've got enough painkillers to last till Monday",
    "how many co-codamol can I take in a day?",
    "I can't do pilates any more since my back went",
    "I used to run marathons but I can't do that anymore",
    "I can't stand for long any more",
    "I drive at 70 mph on the motorway, will that hurt my back?",
    "my neck clicks when I turn my head",
    "my grandad has osteoporosis, can he have physio?",
    "my mum is 75 and wants to book IDD",
    "I fell out with my physio",
    "he stepped in front of me in the queue",
    "I'd like to see the dentist before my injection",
    "my knees don't work like they used to",
    "I'm going to throw myself into the exercises",
    # --- third pass: close to the new phrasings, and still ordinary ---
    "thanks, bye!",
    "see you Friday, goodbye",
    "sorry to bother you, thanks bye",
    "sorry for the late cancellation, bye",
    "I'll bring my referral letter, bye",
    "I won't be around next week, bye",
    "please tell the receptionist I'm sorry I missed my appointment",
    "I won't need the appointment now, my back is much better, thanks",
    "I took my tablets this morning",
    "I took all my tablets as prescribed",
    "I've taken all my painkillers and still in pain",
    "I took all the tablets the GP gave me but they didn't help",
    "I've taken lots of painkillers over the years and nothing works",
    "I take gabapentin 300mg od",
    "I took 20mg of codeine",
    "I know which train to get to the clinic",
    "I bought a skipping rope for fitness",
    "we stood on the bridge to watch the boats and my back ached",
    "my legs felt heavy as lead after leg day at the gym yesterday",
    "chest is fine, the ache is in my upper back between the shoulder blades",
    "band-like pain around my ribs from my thoracic spine",
    "I had cauda equina surgery in 2016, all good now",
    "what are the symptoms of cauda equina syndrome?",
    "I don't have cauda equina symptoms, just sciatica",
    "is sepsis a risk after IDD?",
    "what's the infection rate for spinal fusion?",
    "our septic tank is leaking and I hurt my back lifting the lid",
    "I'm on chemo, can I still have physio?",
    "I'm diabetic and get sweaty when my sugar drops",
    "I'm 10 days post op and a bit sweaty at night because of the heatwave",
    "my ankle gave way on the kerb",
    "my ankle won't bend properly since I sprained it",
    "numbness in the balls of my feet when I run",
    "my foot went dead from sitting cross-legged",
    "the window pane is cracked",
    "I can't stand on tiptoes because of my bunion",
    # signs listed or asked about, then denied in the next sentence
    "My surgeon's letter mentions bladder problems as a warning sign. I don't have anything like that.",
    "can injections cause leg weakness? I don't have any of those symptoms, just asking",
    # someone else's death, not today's symptom
    "my grandad died of a heart attack, but I'm only here about my sciatica",
]


@pytest.mark.parametrize("text", NOT_RED_FLAGS)
def test_not_red_flag(text: str) -> None:
    """Negated, past or unrelated mentions are not red flags."""
    assert analyse(text).red_flags == ()


def test_enough_benign_cases() -> None:
    """At least thirty ordinary messages are checked."""
    assert len(NOT_RED_FLAGS) >= 30


# --- Negation scope and the clause rules -------------------------------------------

NEGATION_SCOPE = [
    ("no numbness but I can't control my bladder", {"bladder_bowel"}),
    ("I'm not suicidal but my legs keep giving way", {"leg_weakness"}),
    ("no fever and my legs are suddenly weak", {"leg_weakness"}),
    ("no chest pain. I can't feel my legs", {"leg_weakness"}),
    ("no, I can't feel my legs", {"leg_weakness"}),
    ("no I can't control my bladder", {"bladder_bowel"}),
    ("I can no longer control my bladder", {"bladder_bowel"}),
    ("I'm not sure but I think I've lost bladder control", {"bladder_bowel"}),
    ("I can't stop peeing myself since my back went", {"bladder_bowel"}),
    ("I don't know why but I want to die", {"self_harm"}),
    ("bladder is fine; I have numbness in my groin", {"saddle_numbness"}),
    ("I haven't been able to pee since last night", {"bladder_bowel"}),
    ("I'd never had chest pain until today", {"chest_pain"}),
    ("I've never had chest pain before", set()),
    ("my legs don't feel weak", set()),
    # A comma ends the scope, so the last item of a list is flagged (the safe side).
    ("no numbness, weakness or bladder problems", {"bladder_bowel"}),
]


@pytest.mark.parametrize(("text", "expected"), NEGATION_SCOPE)
def test_negation_scope(text: str, expected: set[str]) -> None:
    """A negation stops at a clause break; a negation inside the symptom counts."""
    assert kinds_of(text) == expected


# --- Fever, history and veto decisions ----------------------------------------------


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
def test_fever_rules(text: str, flagged: bool) -> None:
    """An explicit fever flags alone; a vague sign needs a back/spine mention."""
    assert ("fever" in kinds_of(text)) is flagged


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
def test_leg_rules(text: str, flagged: bool) -> None:
    """One leg needs a sudden or progressive course; both legs flag as they are."""
    assert ("leg_weakness" in kinds_of(text)) is flagged


@pytest.mark.parametrize(
    ("text", "flagged"),
    [
        # a reading under 38 C (100.4 F) is not a fever; 38 and over is
        ("a temperature of 37.6 with a cold", False),
        ("a temperature of 38 with a cold", True),
        ("my temperature was 100.2F", False),
        ("my temperature was 100.4F", True),
        # a passed symptom, unless the same sentence says it came back
        ("my bum went numb on a hard bench, fine once I got up", False),
        ("my bum went numb on a hard bench, it went away but now it's back", True),
        ("my bum went numb on a hard bench. It hasn't gone away", True),
        # "used to" is a past habit; "I'm used to" is the present
        ("I used to wet myself when I coughed", False),
        ("I'm used to wetting myself now", True),
        # a fall flags with frailty or a long lie anywhere in the message
        ("my uncle slipped on the path", False),
        ("my uncle is 84, he slipped on the path", True),
        ("my uncle slipped on the path, he can't get up", True),
        # "nothing comes out" is retention only with a wee named
        ("I try to poo but nothing comes out", False),
        ("I try to wee but nothing comes out", True),
    ],
)
def test_second_pass_rules(text: str, flagged: bool) -> None:
    """Temperature threshold, resolution, habit and conditional-context rules."""
    assert analyse(text).is_red_flag is flagged


def test_history_only_in_same_clause() -> None:
    """A past event in one clause does not cancel a new one in the next."""
    text = "I had a car crash years ago. Today I fell off a ladder"
    flags = analyse(text).red_flags
    assert [flag.text for flag in flags] == ["fell off a ladder"]


# --- The Analysis result ------------------------------------------------------------


def test_primary_red_flag_prefers_self_harm() -> None:
    """Self-harm comes first whatever else the message says."""
    result = analyse("I can't control my bladder and I want to die")
    assert result.kinds == ("self_harm", "bladder_bowel")
    assert result.primary_red_flag is not None
    assert result.primary_red_flag.kind == "self_harm"


def test_primary_red_flag_most_serious_then_earliest() -> None:
    """Without self-harm the most serious kind wins, then the earliest."""
    result = analyse("I fell off my bike today and now I have chest pain")
    assert result.primary_red_flag is not None
    assert result.primary_red_flag.kind == "chest_pain"
    assert analyse("no red flags here").primary_red_flag is None


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
    assert analyse(text).rules_out_red_flag is ruled_out


def test_red_flag_offsets_point_into_original_text() -> None:
    """Start and end are offsets of the original message; words are whole."""
    text = "Hello.  I DON'T want to be here anymore!!"
    (flag,) = analyse(text).red_flags
    assert flag == RedFlag("self_harm", "DON'T want to be here anymore", 10, 39)
    assert text[flag.start : flag.end] == flag.text


def test_analysis_is_frozen() -> None:
    """Results are immutable values."""
    result = analyse("I want to die")
    with pytest.raises(dataclasses.FrozenInstanceError):
        result.red_flags = ()  # type: ignore[misc]
    assert Analysis().is_red_flag is False


# --- Entities -----------------------------------------------------------------------

ENTITY_CASES = [
    (
        "Does IDD Therapy help after a microdiscectomy?",
        [
            ("treatment", "IDD Therapy", "IDD Therapy"),
            ("procedure", "Microdiscectomy", "microdiscectomy"),
        ],
    ),
    (
        "I had shockwve and acupunture and physio",
        [
            ("treatment", "Shockwave Therapy", "shockwve"),
            ("treatment", "Medical Acupuncture", "acupunture"),
            ("treatment", "Physiotherapy", "physio"),
        ],
    ),
    (
        "Is clinical pilates good for my lower back?",
        [
            ("treatment", "Clinical Pilates", "clinical pilates"),
            ("body_part", "lower back", "lower back"),
        ],
    ),
    (
        "I've had two epidural injections and a spinal fusion",
        [
            ("treatment", "Injections", "epidural injections"),
            ("procedure", "Spinal Fusion", "spinal fusion"),
        ],
    ),
    (
        "pain in my facet joints and sciatic nerve",
        [
            ("body_part", "facet joints", "facet joints"),
            ("body_part", "sciatic nerve", "sciatic nerve"),
        ],
    ),
    (
        "would CBT or manual therapy help my neck",
        [
            ("treatment", "CBT", "CBT"),
            ("treatment", "Manual Therapy", "manual therapy"),
            ("body_part", "neck", "neck"),
        ],
    ),
    (
        "a slipped disc after my laminectomy",
        [
            ("body_part", "disc", "slipped disc"),
            ("procedure", "Laminectomy", "laminectomy"),
        ],
    ),
    (
        "Failed back surgery & injections",
        [
            ("procedure", "Spinal Surgery", "Failed back surgery"),
            ("treatment", "Injections", "injections"),
        ],
    ),
    (
        "I'll come back to book Pilates",
        [("treatment", "Clinical Pilates", "Pilates")],
    ),
    ("my GP surgery referred me", []),
    ("nothing clinical here", []),
]


@pytest.mark.parametrize(("text", "expected"), ENTITY_CASES)
def test_entities(text: str, expected: list[tuple[str, str, str]]) -> None:
    """Entities carry label, canonical value and the text they cover."""
    entities = analyse(text).entities
    assert [(e.label, e.value, e.text) for e in entities] == expected
    for entity in entities:
        assert text[entity.start : entity.end] == entity.text


def test_entity_offsets_survive_html_and_spacing() -> None:
    """Offsets still point into the original text after tags and spaces are removed."""
    text = "<p>I had   <b>IDD&nbsp;therapy</b> for my\n\nlower back</p>"
    entities = analyse(text).entities
    assert [(e.value, text[e.start : e.end]) for e in entities] == [
        ("IDD Therapy", "IDD&nbsp;therapy"),
        ("lower back", "lower back"),
    ]


# --- Awkward input -------------------------------------------------------------------


@pytest.mark.parametrize("text", ["", " ", "\n\t ", "<br/>", "&nbsp;"])
def test_empty_input(text: str) -> None:
    """Nothing to analyse gives an empty Analysis."""
    assert analyse(text) == Analysis()


def test_html_input() -> None:
    """Markup does not hide a red flag or break offsets."""
    text = "<div><p>I <b>can't</b> feel my <i>legs</i></p></div>"
    (flag,) = analyse(text).red_flags
    assert flag.kind == "leg_weakness"
    assert text[flag.start : flag.end] == flag.text == "can't</b> feel my <i>legs"


def test_emoji_input() -> None:
    """Emoji are just more tokens."""
    text = "😢😢 I can't feel my legs 🦵 and I'm scared 😱"
    (flag,) = analyse(text).red_flags
    assert text[flag.start : flag.end] == "can't feel my legs"
    assert analyse("👍🙂🙏").red_flags == ()


def test_huge_input_finds_the_flag_at_the_end() -> None:
    """A 6,000-character message is analysed whole (its speed is measured by make bench)."""
    filler = (
        "I had a microdiscectomy two years ago and the pain in my lower back came "
        "back after physio. My GP suggested injections but I would like to try IDD. "
    )
    text = (filler * 60)[:5960] + " and I can't feel my legs"
    result = analyse(text)
    assert [flag.kind for flag in result.red_flags] == ["leg_weakness"]
    assert result.red_flags[0].end == len(text)


def test_symptom_dense_input_finds_every_flag() -> None:
    """A 6,000-character message full of symptom words is analysed whole."""
    phrasings = [text for text, _ in RED_FLAGS] + NOT_RED_FLAGS
    text = (". ".join(phrasings) * 2)[:6000]
    assert len(analyse(text).red_flags) > 50


def test_very_long_input_is_chunked() -> None:
    """Text beyond one chunk is analysed in pieces with correct offsets."""
    text = "my back is stiff. " * 3000 + "I want to die"
    (flag,) = analyse(text).red_flags
    assert (flag.kind, text[flag.start : flag.end]) == ("self_harm", "want to die")


# --- Building blocks -----------------------------------------------------------------


def test_import_does_not_load_spacy() -> None:
    """Importing the package is cheap: spaCy loads on first analysis."""
    code = "import sys, bot.clinical; print('spacy' in sys.modules)"
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=PROJECT_ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    assert result.stdout.strip() == "False"


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        ("bladdar", "bladder"),
        ("blader", "bladder"),
        ("incontinance", "incontinence"),
        ("numbnes", "numbness"),
        ("numm", "numb"),
        ("sadle", "saddle"),
        ("groyne", "groin"),
        ("weekness", "weakness"),
        ("sucidal", "suicidal"),
        ("suicidel", "suicidal"),
        ("chesst", "chest"),
        ("shockwve", "shockwave"),
        ("acupunture", "acupuncture"),
        ("paralyzed", "paralysed"),
        ("bowl", None),
        ("forever", None),
        ("week", None),
        ("chess", None),
        ("plates", None),
        ("infection", None),
        ("surgeon", None),
        ("leg", None),
        ("bladder", None),
        ("growing", None),
        ("falling", None),
        ("privates", None),
        ("pleasure", None),
        ("grin", None),
        ("wellness", None),
        ("bowell", "bowel"),
    ],
)
def test_speller(word: str, expected: str | None) -> None:
    """Misspellings map to keywords; real neighbouring words are left alone."""
    from bot.clinical.pipeline import make_speller

    assert make_speller().correct(word) == expected


def test_speller_refuses_ties() -> None:
    """A word equally near two keywords is not guessed."""
    speller = Speller(["bladder", "bladdex"], {}, [])
    assert speller.correct("bladdez") is None


@pytest.mark.parametrize(
    ("a", "b", "distance"),
    [("chest", "chesst", 1), ("weakness", "weekness", 1), ("form", "from", 1)],
)
def test_edit_distance(a: str, b: str, distance: int) -> None:
    """Optimal string alignment distance, a swap counting as one edit."""
    assert edit_distance(a, b, 2) == distance


def test_max_edits_scale_with_length() -> None:
    """No edits under four letters, one up to six, two from seven."""
    assert [max_edits(n) for n in (3, 4, 6, 7, 12)] == [0, 1, 1, 2, 2]


def test_bowl_needs_context() -> None:
    """ "bowl" is read as "bowel" only beside bowel words."""
    assert kinds_of("I lost bowl control") == {"bladder_bowel"}
    assert kinds_of("I lost my bowl in the move") == set()


def test_clean_keeps_offsets() -> None:
    """Cleaning maps every character back to the original."""
    cleaned = clean("A&amp;B  <i>C</i>")
    assert cleaned.text == "a&b c "
    assert cleaned.span(1, 2) == (1, 6)
    assert cleaned.span(4, 5) == (12, 13)


def test_chunk_bounds_cover_text() -> None:
    """Chunks are contiguous, cover everything and respect the size."""
    text = "word " * 1000
    bounds = chunk_bounds(text, 300)
    assert bounds[0][0] == 0 and bounds[-1][1] == len(text)
    assert all(b - a <= 300 for a, b in bounds)
    assert all(bounds[i][1] == bounds[i + 1][0] for i in range(len(bounds) - 1))


def test_pattern_words_are_canonical() -> None:
    """Every word in the tables is what the tokenizer and normaliser make of it."""
    from bot.clinical.pipeline import get_nlp, make_compiler, pattern_words

    nlp = get_nlp()
    normalise = nlp.get_pipe("clinical_normaliser")
    wrong = {}
    for word in sorted(pattern_words(make_compiler())):
        doc = normalise(nlp.make_doc(word))
        if len(doc) != 1 or doc[0].norm_ != word:
            wrong[word] = [token.norm_ for token in doc]
    assert wrong == {}


def test_spelling_map_targets_are_not_protected() -> None:
    """The spelling tables do not contradict each other."""
    assert not set(P.SPELLING_MAP) & set(P.FUZZY_KEYWORDS)
    assert not set(P.FUZZY_KEYWORDS) & set(P.PROTECTED_WORDS)


# --- Fourth pass: families of phrasings found missing on the unseen set --------------

FOURTH_PASS_RED_FLAGS = [
    # bladder and bowel: leaks that will not stop, caught out without warning
    ("keep leaking wee and can't stop it, my back went on Monday", "bladder_bowel"),
    ("pee is dribbling out and I cannot control it", "bladder_bowel"),
    ("she's leakin wee all morning with her sciatica", "bladder_bowel"),
    ("I couldn't make it to the toilet in time and my back is awful", "bladder_bowel"),
    ("he didn't realise he needed to go until it was too late", "bladder_bowel"),
    ("I never even felt I needed a wee, it just came out", "bladder_bowel"),
    ("my dad pood himself in his chair and his back is bad", "bladder_bowel"),
    # saddle numbness
    ("tingling all round my bottom since lunch", "saddle_numbness"),
    ("pins and neadles right across my groin today", "saddle_numbness"),
    ("my bum cheeks feel like cotton wool", "saddle_numbness"),
    # leg weakness
    ("my legs won't push me up off the sofa anymore", "leg_weakness"),
    ("I keep tripping on my right foot since yesterday", "leg_weakness"),
    ("fot drop on the left side I think, it slaps down", "leg_weakness"),
    ("my leg is so useless I'm draggin it behind me", "leg_weakness"),
    ("I've been dragging my left leg behind me all day", "leg_weakness"),
    # chest
    ("heavyness in my chest and I feel sick", "chest_pain"),
    ("a tight band round my chest and I'm sweating", "chest_pain"),
    ("strange feeling in my chest and I'm short of breath", "chest_pain"),
    ("hevy feeling across the middle of my chest and I feel sick", "chest_pain"),
    # fever
    ("my nan is muddled and hot and her back is worse", "fever"),
    ("he's burning hot and confused, bad back since Tuesday", "fever"),
    # trauma
    ("fell down the whole flight of stairs at home, back is agony", "trauma"),
    ("came off my bike hard, now my fingers are numb", "trauma"),
    ("tackled at rugby and there's tingling in my hands", "trauma"),
    # self-harm
    ("I've made up my mind, tomorrow is the day I end it all", "self_harm"),
    ("I've decided I'm going to end things this weekend", "self_harm"),
    ("I'm going to swallow the lot when everyone's asleep", "self_harm"),
    ("hoarding my codeine for a while now, I've got enough", "self_harm"),
    ("been stashing my sleeping tablets, I have enough together", "self_harm"),
    ("I've sorted out my affairs, the kids will be fine", "self_harm"),
    ("the tablets are ready for when the house is empty", "self_harm"),
    ("tonight is the night I end my life", "self_harm"),
]

FOURTH_PASS_NOT_RED_FLAGS = [
    "my chest gets tight when I have a cough, the inhaler sorts it",
    "chest tightness with my asthma sometimes, nurse reviewed it last week",
    "I watched a video on foot drop, do you treat it?",
    "heard about foot drop from a friend, my feet work fine",
    "my knee gave way once three years ago skiing, nothing since",
    "my leg gave way on a walk once and never since",
    "I leak a bit of wee when I sneeze, I've had three children",
    "can I bring my own towel to the session?",
    "tripping over my words when I'm tired, does that matter?",
    "I fell down two steps last year and bruised my bum",
    "the weights band goes round my chest in the gym",
    "my fingers are numb when it's freezing outside",
    "I decided to end my gym membership",
    "I've sorted my appointments for next month",
    "I'm going to take the lot of exercises you gave me with me on holiday",
    "I keep forgetting to take my tablets on time",
    "getting to the clinic in time is hard with the traffic",
]




# --- Fifth pass: the fifth blind set's misses and the symptom near misses ----------

FIFTH_PASS_NOT_RED_FLAGS = [
    "googled cauda equina last night and scared myself, none of those symptoms though",
    "my chest is a bit tight from coughing all week, and my back's sore from it",
    "tight chest with this stinking cold, lower back aching too",
    "I've had chills from the flu bug going round and my back aches",
    "the physio said to watch out for numbness in the saddle area, all fine so far",
    "GP told me to look out for bladder problems, haven't had any",
    "no tingling in my legs or any trouble with my bladder, just an achy back",
    "the leaflet lists numbness in the groin and bowel trouble, I haven't had any of them",
    "my dad's diabetic and has had numb toes for years, can he have IDD?",
    "chronic numbness in both feet from neuropathy, back pain is the new thing",
    "does the epidural make your legs feel heavy afterwards?",
    "my knee gave way last summer on a hike, it's been fine ever since",
    "it's 39°C outside and my back aches from the heat",
    "the forecast says 40C tomorrow, will the clinic be air conditioned?",
]
FIFTH_PASS_RED_FLAGS = [
    ("tight chest and cold sweats", "chest_pain"),  # a cold sweat is not a cold
    ("my chest is tight and cold and clammy", "chest_pain"),
    ("I can't control my bladder, the GP told me to look out for it", "bladder_bowel"),
    ("read about cauda equina, and I can't feel myself when I wipe", "saddle_numbness"),
    ("no pain or I can't control my bladder", "bladder_bowel"),  # a new statement
    ("had an accident with my number ones in the shop this morning", "bladder_bowel"),
    ("I pooed and honestly did not feel anything come out", "bladder_bowel"),
    ("I can't feel when I'm peeing any more", "bladder_bowel"),
    ("dad's legs went from under him in the garden, his back's bad", "leg_weakness"),
    ("since this morning I can't move my toes on the left", "leg_weakness"),
    ("shaking with rigours since my injection", "fever"),
    ("how many co-codamol would it take to never wake up", "self_harm"),
    ("thermometer aside I'd say 101F, back is agony", "fever"),
    ("38.4C this evening and my lower back is throbbing", "fever"),
    ("a raging temperature since the epidural", "fever"),
    ("my lady bits have gone numb", "saddle_numbness"),
]




# --- Sixth pass: the sixth blind set's misses and false alarms -----------------------

SIXTH_PASS_RED_FLAGS = [
    ("I've been trying for hours but I can't start peeing", "bladder_bowel"),
    ("wee just comes out without me noticing since yesterday", "bladder_bowel"),
    ("my bum and the bits in between feel numb since this morning", "saddle_numbness"),
    ("there's a numb patch right over my groin on both sides", "saddle_numbness"),
    ("numbness spreading round my groin since the weekend", "saddle_numbness"),
    ("so breathless I can't talk properly, it came on suddenly", "chest_pain"),
    ("a ripping pain from my back right through to my chest", "chest_pain"),
    ("three days after my spinal op she's hot, 38.9 degrees, back is agony", "fever"),
    ("my scar looks angry and it's really sore", "fever"),
    ("had 30 of the co-codamol an hour ago", "self_harm"),
    ("I won't be around much longer, I've written my will", "self_harm"),
    ("cancel my sessions, I've given my cat to my neighbour and won't be here by then", "self_harm"),
]
SIXTH_PASS_NOT_RED_FLAGS = [
    "is 37.4 a temperature? my back is the same as ever",
    "had surgery for cauda equina years ago and fully recovered, now it's my neck",
    "my sciatica turned into foot drop in 2019, fully recovered, now just stiffness",
    "my knees went weak with a disc in 2020, fine ever since, now wondering about IDD",
    "the numbness in my groin last year turned out to be nothing",
    "what does saddle anaesthesia mean exactly?",
    "can foot drop happen after a microdiscectomy? asking for my mum, her feet are fine",
    "the GP mentioned urinary retention, what is that?",
    "tight chest from a chest cold that's nearly gone, can I still come in?",
    "I came off my bike in march and the x-ray was clear, just a bit sore",
    "my kids nearly gave me a heart attack this morning, anyway, about IDD",
    "it's 39 degrees in the car and my back is sore from the drive",
]




# --- Seventh pass: the seventh blind set's misses and false alarms -------------------

SEVENTH_PASS_RED_FLAGS = [
    ("since yesterday the wee just comes by itself, I can't stop it", "bladder_bowel"),
    ("I don't feel when I need toilet any more", "bladder_bowel"),
    ("woke up in a wet bed this morning, that never happens, back is bad", "bladder_bowel"),
    ("no feeling in the skin around my back passage since Sunday", "saddle_numbness"),
    ("the part I'd sit on a bike saddle with is numb", "saddle_numbness"),
    ("my legs went heavy and wobbly this morning, I need the walls to get about", "leg_weakness"),
    ("my legs aren't listening to me since lunchtime", "leg_weakness"),
    ("my left leg went numb and buckled under me on the stairs", "leg_weakness"),
    ("I can't stand since yesterday, back is in bits", "leg_weakness"),
    ("out of nowhere I can't catch my breath at all", "chest_pain"),
    ("gasping for air and my lips look grey", "chest_pain"),
    ("hot then cold and shivering, back aching where the needle went in", "fever"),
    ("my horse bucked me and I came down on the fence post", "trauma"),
    ("I was hit across the back with a steel bar at work", "trauma"),
    ("landed flat on my back off the trampoline, can't feel my feet", "trauma"),
    ("I cut myself again and I can't stop the bleeding", "self_harm"),
    ("I won't be here after Christmas, I've made my plans", "self_harm"),
]
SEVENTH_PASS_NOT_RED_FLAGS = [
    "what does cauda equina mean? I don't have any of the symptoms",
    "the nurse asked whether I had any numbness in my saddle area and I don't",
    "my mum hurt her back in the seventies in a car crash, is that genetic?",
    "I nearly peed myself laughing at the physio's jokes",
]




# --- Eighth pass: the eighth blind set's misses and false alarms ---------------------

EIGHTH_PASS_RED_FLAGS = [
    ("reason for booking: new leakage of urine since Friday", "bladder_bowel"),
    ("today i lost control toilet, it come out", "bladder_bowel"),
    ("I keep dribbling wee and only notice when I'm wet", "bladder_bowel"),
    ("my bladder emptied itself on the bus without warning", "bladder_bowel"),
    ("no urge to pee all day and then it just leaked out", "bladder_bowel"),
    ("on the toilet it's like my bum is not there", "saddle_numbness"),
    ("two days after the epidural I'm boiling hot and my back is agony", "fever"),
    ("I've given up, I'm going to the cliffs tonight", "self_harm"),
    ("I'll drive to the railway later and that will be the end of my pain", "self_harm"),
]
EIGHTH_PASS_NOT_RED_FLAGS = [
    "I read that back pain with a fever can mean an infection, is that right?",
    "felt like I'd been hit by a truck after the gym",
    "I had a temperature two weeks ago with a cold, all better now",
    "mum fell in the garden a few weeks ago, checked at A&E, no fracture",
    "thanks for everything, goodbye, see you at the end of the month",
    "we drove over the bridge to get here and the traffic was awful",
]




# --- Ninth set's two misses: phonetic spelling and a dialect double negative ---------

NINTH_SET_NOT_RED_FLAGS = [
    "I grow leeks in the garden and my back aches after",
    "no more numbness now",
]
NINTH_SET_RED_FLAGS = [
    ("i carnt stop pee comin out, it just leeks", "bladder_bowel"),
    ("i cnt feel my legs since this morning", "leg_weakness"),
    ("cant take it no more, i wanna kil myself", "self_harm"),
]


# --- Every pass from the fourth on: one table each way --------------------------------

PASS_RED_FLAGS = [
    *FOURTH_PASS_RED_FLAGS,
    *FIFTH_PASS_RED_FLAGS,
    *SIXTH_PASS_RED_FLAGS,
    *SEVENTH_PASS_RED_FLAGS,
    *EIGHTH_PASS_RED_FLAGS,
    *NINTH_SET_RED_FLAGS,
]
PASS_NOT_RED_FLAGS = [
    *FOURTH_PASS_NOT_RED_FLAGS,
    *FIFTH_PASS_NOT_RED_FLAGS,
    *SIXTH_PASS_NOT_RED_FLAGS,
    *SEVENTH_PASS_NOT_RED_FLAGS,
    *EIGHTH_PASS_NOT_RED_FLAGS,
    *NINTH_SET_NOT_RED_FLAGS,
]


@pytest.mark.parametrize(("text", "kind"), PASS_RED_FLAGS)
def test_pass_red_flag_found(text: str, kind: str) -> None:
    """Each phrasing family a pass over a blind set added is flagged as its kind."""
    assert kind in kinds_of(text)


@pytest.mark.parametrize("text", PASS_NOT_RED_FLAGS)
def test_pass_not_red_flag(text: str) -> None:
    """The look-alikes each pass vetoed (asked about, past, denied, figures of speech)."""
    assert analyse(text).red_flags == ()
