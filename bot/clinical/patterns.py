"""Clinical-language rules as data: red-flag phrasings, entities, negation, spelling.

Pattern syntax (see compiler.py): ``a|b`` alternatives, ``slot?`` optional,
``@NAME`` a LEXICON entry, ``$NAME`` a TOKEN_SPECS entry, ``*N`` up to N filler
words in the same clause. Every word is written as its NORM: lower case, British
spelling, contractions as the tokenizer splits them ("can't" -> ``can not``,
"wanna" stays ``wanna``). tests/test_clinical.py checks that every word here is
already canonical, so a typo in this file fails the tests.

How a message is decided (pipeline.py applies these tables):

1. A red-flag pattern matches (RED_FLAG_PATTERNS).
2. It is dropped when a VETO_PATTERNS span of that kind overlaps it
   ("hay fever", "chest of drawers", "numbness in the bottom of my foot").
3. It is dropped when negated: a NEGATION_CUES word up to NEGATION_WINDOW tokens
   before it in the same clause ("no bladder or bowel problems"), or before an
   "or" that comes that close ("no numbness down there or any problems with my
   waterworks"). A negation that
   belongs to the symptom is part of the pattern itself ("can't feel my legs"),
   so it is never before the match. Clauses end at punctuation, CLAUSE_BREAK_WORDS
   ("but", "however"), a line break, and "and"/"so" followed by a new subject
   ("no fever and my legs ..."). A cue followed by PSEUDO_NEGATION_NEXT
   ("not sure", "no longer", "didn't even notice", looking past NEGATION_FILLERS)
   or an answer ("no I ...") is not a negation, and neither is one undone by
   "until" after the match ("never had chest pain until today").
4. Kinds in HISTORY_SENSITIVE_KINDS are dropped when the same clause places the
   event in the past (HISTORY_PATTERNS: "years ago", "last year", "in 2015").
   Any kind but self-harm is dropped after "used to" in its clause ("used to wet
   myself when I sneezed"), though not after "I'm used to" (HABIT_*).
5. Kinds in RESOLUTION_SENSITIVE_KINDS are dropped when the same sentence says
   the symptom passed or is not there (RESOLVED_PATTERNS: "fine once I got up",
   "went away", "fully recovered", "I haven't got any of them") and nothing in it
   says it came back (RELAPSE_PATTERNS: "now", "again", "still", "came back",
   "since yesterday"; but not a "now" that moves on, as in "now just niggles":
   NOT_RELAPSE_PATTERNS). A resolution told before a CONTRAST_WORDS word ("it went
   completely but ...") does not reach a symptom after it.
6. Fever: an explicit fever term ("fever", "high temperature", "night sweats", a
   reading of 38 °C / 100.4 °F or more) flags on its own, because everyone talking
   to this assistant is a back or spine patient and fever with back pain is the
   red flag (possible spinal infection). A reading under 38 °C vetoes it, and so
   does someone else's plain "fever" (not a "high fever").
7. Conditional signs (CONDITIONAL_PATTERNS, one rule per entry, its kind in
   CONDITIONAL_KINDS) flag only when their context is somewhere in the message,
   in any clause: CONDITIONAL_CONTEXT ("slipped" with "83" or "osteoporosis";
   "nothing comes out" with a wee; shivering after an injection or operation, with
   IV drug use or low immunity; rib pressure with breathlessness, sweat or a
   tingling arm; "goodbye" with "tell X I'm sorry"; a numb shin with a weak foot),
   or for a rule without one, a back or spine mention (SPINE_CONTEXT_*:
   shivering, chills, sweating).
8. Any kind is dropped when it is a screening question the patient reports and
   answers "no" (ASKED_PATTERNS, then DENIAL_PATTERNS and no AFFIRMATION_PATTERNS:
   "my GP asked if I'd had thoughts of harming myself and I haven't"), or advice
   read about "you" (ADVICE_PATTERNS: "I read you should go to A&E if you can't
   feel yourself when wiping") with no "... and I have" after it. A named condition
   asked about, taught or ruled out ("what does foot drop mean?", "is cauda equina
   something IDD can cause?") is vetoed per kind (talk_about()).
9. "collapse" is sudden illness that needs 999 whatever the back is doing: signs
   of a stroke, a severe allergic reaction, fainting or collapse, someone
   unconscious or not breathing.
"""

from __future__ import annotations

# --- Spelling ---------------------------------------------------------------------

# Words the fuzzy speller may correct a misspelling to (it never corrects a word to
# anything else). Short everyday words ("weak", "spine", "leg") are left out on
# purpose: one edit from them is another real word ("week", "spin", "log").
FUZZY_KEYWORDS: tuple[str, ...] = (
    # bladder and bowel
    "bladder",
    "bowel",
    "bowels",
    "incontinence",
    "incontinent",
    "urinate",
    "urinating",
    "urinary",
    "retention",
    "control",
    "faecal",
    # numbness and weakness
    "numb",
    "numbness",
    "saddle",
    "groin",
    "genitals",
    "genital",
    "perineum",
    "buttocks",
    "weakness",
    "paralysed",
    "paralysis",
    "tingling",
    "sensation",
    "feeling",
    "suddenly",
    "progressive",
    "progressively",
    "buckling",
    "buckled",
    "passage",
    # chest
    "chest",
    "tightness",
    "crushing",
    "pressure",
    "radiating",
    "spreading",
    # fever
    "fever",
    "feverish",
    "temperature",
    "shivering",
    "uncontrollably",
    # trauma
    "accident",
    "collision",
    "scaffolding",
    "motorbike",
    "motorcycle",
    "height",
    "ladder",
    "osteoporosis",
    # self-harm
    "suicidal",
    "suicide",
    "myself",
    "deliberately",
    "purpose",
    "overdose",
    "overdosing",
    "stockpiling",
    "hoarding",
    "anaesthetic",
    # sudden illness: collapse, stroke, a severe allergic reaction
    "collapsed",
    "collapse",
    "fainted",
    "unconscious",
    "unresponsive",
    "anaphylaxis",
    "anaphylactic",
    "seizure",
    "slurred",
    "swollen",
    # clinical terms patients look up and then type ("saddle anastesia")
    "anaesthesia",
    "paraesthesia",
    "myelopathy",
    "discitis",
    "septicaemia",
    "breathless",
    # medicines a back patient may keep at home (see LEXICON["MEDICINE"])
    "tramadol",
    "codeine",
    "cocodamol",
    "paracetamol",
    "morphine",
    "oramorph",
    "gabapentin",
    "pregabalin",
    "amitriptyline",
    "diazepam",
    "naproxen",
    "sertraline",
    # treatments, procedures, body parts
    "physiotherapy",
    "physiotherapist",
    "physio",
    "acupuncture",
    "shockwave",
    "pilates",
    "clinical",
    "therapy",
    "decompression",
    "computerised",
    "manipulation",
    "mobilisation",
    "injection",
    "injections",
    "epidural",
    "cognitive",
    "behavioural",
    "microdiscectomy",
    "discectomy",
    "laminectomy",
    "fusion",
    "surgery",
    "operation",
    "lumbar",
    "cervical",
    "thoracic",
    "sciatic",
    "sciatica",
    "vertebra",
    "vertebrae",
    "shoulder",
    "coccyx",
)

# Real words that sit one or two edits from a keyword and must stay as they are.
# (Every word written in the pattern tables below is protected as well.)
PROTECTED_WORDS: tuple[str, ...] = (
    "bowl",
    "bowls",
    "bowled",
    "bowler",
    "bowed",
    "bower",
    "chess",
    "cheat",
    "chert",
    "chesty",
    "crest",
    "fewer",
    "fiver",
    "forever",
    "groan",
    "groans",
    "grain",
    "grains",
    "grown",
    "pirates",
    "palates",
    "plates",
    "pilots",
    "infection",
    "infections",
    "inflection",
    "surgeon",
    "surgeons",
    "surgical",
    "sugary",
    "crashing",
    "brushing",
    "tickling",
    "tinkling",
    "feelings",
    "fission",
    "fusing",
    "fusions",
    "numbs",
    "number",
    "numbers",
    "suicides",
    "contrive",
    "contrary",
    "operating",
    "operator",
    "opera",
    "pressured",
    "pressures",
    "presume",
    "spreadings",
    "sadder",
    "saddled",
    "muddle",
    "genial",
    "general",
    "generals",
    "thoracics",
    "lumber",
    "lumbering",
    "cervix",
    "himself",
    "herself",
    "yourself",
    "purposes",
    "propose",
    "clinics",
    "clinician",
    "clinicians",
    "shoulders",
    "feeding",
    "fleeing",
    "sensations",
    "sedation",
    "retentive",
    "attention",
    "urinal",
    "urinals",
    "accent",
    "accidents",
    "injected",
    "injecting",
    "ejection",
    "operations",
    "therapist",
    "therapists",
    "pleasure",
    "pleasures",
    "speeding",
    "cynical",
    "clinic",
    "grin",
    "grins",
    "grinned",
    "wellness",
    "sensational",
    "smoulder",
    # near "buckling"/"buckled", "passage", "ladder", "overdose"/"overdosing"
    "bubbling",
    "bubbled",
    "bulking",
    "bucking",
    "bucked",
    "buckets",
    "buckles",
    "bundling",
    "bundled",
    "bungling",
    "bustling",
    "bustled",
    "package",
    "packages",
    "passages",
    "passable",
    "passive",
    "postage",
    "larder",
    "lander",
    "laddie",
    "overdoing",
    "overdoes",
    "overdone",
    "overdue",
    "overuse",
    "overused",
    "overdraft",
    # near the medicine names and "anaesthetic"
    "cocaine",
    "morphing",
    "anaesthetist",
    "anaesthetics",
    "paracetamols",
    "hoardings",
    # near "anaesthesia", "breathless", "discitis", "septicaemia"
    "anaesthesias",
    "breathes",
    "breathlessly",
    "dermatitis",
    "septicemia",
    # near "collapsed", "fainted", "slurred"
    "collared",
    "collated",
    "collage",
    "collages",
    "fainter",
    "faintest",
    "slurped",
    "slumped",
)

# Misspellings the edit-distance rule would miss or get wrong, and American
# spellings, mapped to the canonical word.
SPELLING_MAP: dict[str, str] = {
    "groyne": "groin",
    "groine": "groin",
    "groyn": "groin",
    "num": "numb",
    "numm": "numb",
    "numbe": "numb",
    "nummness": "numbness",
    "numness": "numbness",
    "numbess": "numbness",
    "weeak": "weak",
    "waek": "weak",
    "weekness": "weakness",
    "weakenss": "weakness",
    "leggs": "legs",
    "lges": "legs",
    "bum": "bum",
    "blader": "bladder",
    "bladdar": "bladder",
    "blaader": "bladder",
    "bowles": "bowels",
    "bowell": "bowel",
    "bowells": "bowels",
    "incontinance": "incontinence",
    "incontinant": "incontinent",
    "chst": "chest",
    "pian": "pain",
    "wnat": "want",
    "wnt": "want",
    "givin": "giving",
    "goin": "going",
    "gettin": "getting",
    "feelin": "feeling",
    "chesst": "chest",
    "sucidal": "suicidal",
    "suicidel": "suicidal",
    "suacidal": "suicidal",
    "suicdal": "suicidal",
    "sucide": "suicide",
    "sewercide": "suicide",
    "myslef": "myself",
    "msyelf": "myself",
    "paralized": "paralysed",
    "paralyzed": "paralysed",
    "paralyze": "paralyse",
    "anesthesia": "anaesthesia",
    "anesthetic": "anaesthetic",
    "feces": "faeces",
    "fecal": "faecal",
    "behavioral": "behavioural",
    "computerized": "computerised",
    "mobilization": "mobilisation",
    "traveling": "travelling",
    "diskectomy": "discectomy",
    "microdiskectomy": "microdiscectomy",
    "disk": "disc",
    "disks": "discs",
    "temp": "temperature",
    # "fevre" was once protected as a surname; in this chat it is always "fever".
    "fevre": "fever",
    "feva": "fever",
    "fevah": "fever",
    "kil": "kill",
    "comin": "coming",
    "hapenin": "happening",
    "happenin": "happening",
    "realize": "realise",
    "realized": "realised",
    "realizing": "realising",
    "tempreture": "temperature",
    "temprature": "temperature",
    "physo": "physio",
    "fyzio": "physio",
    "pilaties": "pilates",
    "pilate": "pilates",
    "accupuncture": "acupuncture",
    "acupunture": "acupuncture",
    "shockwve": "shockwave",
    "shokwave": "shockwave",
    "siatica": "sciatica",
    "sciatia": "sciatica",
    # clinical terms and body words, as patients spell them
    "anasthesia": "anaesthesia",
    "anastesia": "anaesthesia",
    "paresthesia": "paraesthesia",
    "privites": "privates",
    "privats": "privates",
    "privetes": "privates",
    "breth": "breath",
    "brethless": "breathless",
    "breathles": "breathless",
    "atack": "attack",
    "attak": "attack",
    "attck": "attack",
    "sepsys": "sepsis",
    "sepis": "sepsis",
    "sespis": "sepsis",
    "septicemia": "septicaemia",
    "diskitis": "discitis",
    "absess": "abscess",
    "abcess": "abscess",
    "abses": "abscess",
    "mylopathy": "myelopathy",
    "myleopathy": "myelopathy",
    "equnia": "equina",
    "equinia": "equina",
    "aquina": "equina",
    "od'd": "overdosed",
    "oded": "overdosed",
    "odd'd": "overdosed",
    "tabs": "tablets",
    # Dropped final g and other slips in symptom words.
    "leakin": "leaking",
    "leakn": "leaking",
    "wettin": "wetting",
    "trippin": "tripping",
    "draggin": "dragging",
    "draging": "dragging",
    "draggng": "dragging",
    "pood": "pooed",
    "poo'd": "pooed",
    "needels": "needles",
    "neadles": "needles",
    "needals": "needles",
    "fot": "foot",
    "hevyness": "heaviness",
    "heavyness": "heaviness",
    "hevy": "heavy",
    "stockpilling": "stockpiling",
    # sudden illness, as typed in a hurry
    "breathin": "breathing",
    "breating": "breathing",
    "brething": "breathing",
    "breathng": "breathing",
    "sweling": "swelling",
    "swelin": "swelling",
    "swellin": "swelling",
    "wheezin": "wheezing",
    "weezing": "wheezing",
    "wheazing": "wheezing",
    "weezy": "wheezy",
    "slurrin": "slurring",
    "slurin": "slurring",
    "strok": "stroke",
    "droopin": "drooping",
    # Scots, as patients write it ("my legs went fae under me", "doon below")
    "fae": "from",
    "doon": "down",
    "ma": "my",
    "mornin": "morning",
}

# A word that is a misspelling only next to certain words: "bowl" means "bowel"
# in "bowl control" or "bladder and bowl", never in "a bowl of soup".
CONTEXT_SPELLING: dict[str, tuple[str, frozenset[str]]] = {
    # "leeks" from the garden are a vegetable; "wee just leeks out" is a leak.
    "leeks": (
        "leaks",
        frozenset({"wee", "pee", "urine", "bladder", "just", "it", "keeps", "out"}),
    ),
    "bowl": (
        "bowel",
        frozenset(
            {
                "control",
                "movement",
                "movements",
                "motion",
                "motions",
                "habit",
                "habits",
                "accident",
                "accidents",
                "incontinence",
                "bladder",
                "problems",
                "issues",
                "dysfunction",
            }
        ),
    ),
    "bowls": (
        "bowels",
        frozenset({"control", "bladder", "open", "opened", "moving", "working"}),
    ),
    # "he overdoes it at the gym" is a real word; "take an overdoes" is a typo.
    "overdoes": (
        "overdose",
        frozenset(
            {"an", "take", "taking", "took", "taken", "thinking", "thought", "plan"}
        ),
    ),
    # "the rigours of work" is a real word; "shaking with rigours" is "rigors".
    "rigours": (
        "rigors",
        frozenset(
            {
                "having",
                "had",
                "got",
                "fever",
                "temperature",
                "shaking",
                "shivering",
                "chills",
                "sweats",
                "last",
                "night",
                "since",
                "bad",
                "awful",
                "terrible",
                "agony",
                "back",
                "pain",
                "injection",
                "epidural",
            }
        ),
    ),
    # "a window pane" is a real word; "chest pane" is "chest pain".
    "pane": (
        "pain",
        frozenset(
            {"chest", "back", "neck", "arm", "jaw", "spine", "leg", "crushing", "sharp"}
        ),
    ),
}
# Three words reach across "control of my bowls".
CONTEXT_SPELLING_WINDOW = 3

# Phonetic "can't" the tokenizer does not split: each is cut into two tokens with
# these norms ("carnt" -> "car"/"can" + "nt"/"not"), as "cant" already is.
SPLIT_CONTRACTIONS: dict[str, tuple[tuple[str, str], tuple[str, str]]] = {
    "carnt": (("car", "can"), ("nt", "not")),
    "carn't": (("car", "can"), ("n't", "not")),
    "cannt": (("can", "can"), ("nt", "not")),
    "cnt": (("c", "can"), ("nt", "not")),
    "cudnt": (("cud", "could"), ("nt", "not")),
    "coudnt": (("coud", "could"), ("nt", "not")),
    # Scots negatives: "ah cannae feel anything", "he didnae ken".
    "cannae": (("can", "can"), ("nae", "not")),
    "couldnae": (("could", "could"), ("nae", "not")),
    "didnae": (("did", "do"), ("nae", "not")),
    "dinnae": (("din", "do"), ("nae", "not")),
    "wouldnae": (("would", "would"), ("nae", "not")),
    "isnae": (("is", "is"), ("nae", "not")),
    "wasnae": (("was", "was"), ("nae", "not")),
}

# --- Negation and clauses -----------------------------------------------------------

NEGATION_CUES: frozenset[str] = frozenset(
    {"no", "not", "never", "without", "denies", "deny", "denied", "nor", "neither"}
)
NEGATION_WINDOW = 5
# "no numbness or any bladder problems": the window starts again at the "or".
NEGATION_LIST_JOINERS: frozenset[str] = frozenset({"or", "nor"})
# A cue followed by one of these does not negate what follows ("not sure why",
# "no longer able to").
PSEUDO_NEGATION_NEXT: frozenset[str] = frozenset(
    {
        "longer",
        # "I can't do this no more" is a double negative, not a negation.
        "more",
        "sure",
        "know",
        "understand",
        "idea",
        "only",
        "just",
        "matter",
        "doubt",
        "wonder",
        "certain",
        "stop",
        "help",
        # "didn't realise I'd soiled myself": not noticing is part of the symptom.
        "realise",
        "realised",
        "notice",
        "noticed",
    }
)
# Words between a cue and what it applies to: "didn't even notice" is "didn't notice".
NEGATION_FILLERS: frozenset[str] = frozenset({"even", "really", "actually", "quite"})
# "never had chest pain until today" is not a negation.
NEGATION_UNDONE_AFTER: frozenset[str] = frozenset({"until", "till", "til"})
NEGATION_UNDONE_WINDOW = 4
# "no" before a new subject is an answer, not a negation ("no I can't feel ...").
INTERJECTIONS: frozenset[str] = frozenset({"no", "nope", "nah"})
INTERJECTION_NEXT: frozenset[str] = frozenset(
    {"i", "it", "my", "now", "the", "but", "thanks", "thank", "actually", "really"}
)
CLAUSE_BREAK_WORDS: frozenset[str] = frozenset(
    {"but", "however", "although", "though", "except", "yet", "whereas"}
)
CLAUSE_BREAK_PUNCT: frozenset[str] = frozenset(
    ". , ; : ! ? … ... .. ( ) [ ] — – --".split()
)
# Where a sentence ends (the scope of RESOLVED_PATTERNS); a line break ends one too.
SENTENCE_END_PUNCT: frozenset[str] = frozenset(". ! ? … ... ..".split())
# "and" / "so" start a new clause when a new subject follows them.
CLAUSE_JOINERS: frozenset[str] = frozenset({"and", "so", "then", "plus", "&"})
NEW_SUBJECTS: frozenset[str] = frozenset(
    {"i", "my", "it", "he", "she", "they", "we", "now", "suddenly", "today", "also"}
)

# --- Lexicon ------------------------------------------------------------------------

LEXICON: dict[str, tuple[str, ...]] = {
    "POSS": ("my|his|her|their|your|our|the",),
    # A subject, so that "he can't tell when he needs the toilet" is read too.
    "SUBJ": ("i|you|he|she|they|we",),
    "REFL": ("myself|himself|herself|themselves|yourself", "my self"),
    "CANT": (
        "can|could|will|would not even|really|properly|fully|quite|seem?",
        "can|could|will|would not seem to",
        "unable|incapable to?",
        "not able to",
        "not be able to",
        "no longer able to",
        "not been able to",
        "can|could no longer",
        "can|could hardly|barely",
        "lost the? ability to",
    ),
    "NO_LONGER": (
        "can|could no longer",
        "no longer able to",
        "lost the? ability to",
    ),
    "PILLS": (
        "pills|tablets|meds|medication|medications|medicine|medicines|painkillers",
        "drugs|capsules|antidepressants|opioids|opiates|sleepers",
        "pain killers",
        "sleeping pills|tablets",
        "@MEDICINE pills|tablets|capsules?",
    ),
    # The medicines a back patient is most likely to have at home.
    "MEDICINE": (
        "codeine|cocodamol|paracetamol|tramadol|morphine|oramorph|gabapentin",
        "pregabalin|amitriptyline|diazepam|ibuprofen|naproxen|sertraline",
        "oxycodone|dihydrocodeine|nefopam|baclofen|zopiclone|mirtazapine|citalopram",
        "fluoxetine|duloxetine|venlafaxine|insulin|aspirin|lithium|propranolol",
        "co -? codamol",
    ),
    # A swallow of many at once: "took 30 tablets" (20 or more).
    "MANY": (
        "$MANY_NUMBER",
        "twenty|thirty|forty|fifty|sixty|hundred|dozens|hundreds",
        "a load|handful|bunch|pile|fistful|stack|heap|shedload of",
        "a whole load of",
        "loads|handfuls|piles of",
    ),
    # A swallowing already done (an overdose taken, not only thought of).
    "SWALLOWED": ("took|taken|swallowed|downed|necked|overdosed on?",),
    "FLOOR": ("floor|ground|carpet|pavement|step|steps|stairs|kerb",),
    "CONTAINER": ("packet|packets|box|boxes|bottle|bottles|strip|strips|tub|pack",),
    # People a goodbye letter or a last message is written to.
    "LOVED_ONES": (
        "kids|children|family|wife|husband|partner|mum|dad|parents|son|daughter",
        "sons|daughters|boyfriend|girlfriend|mother|father|sister|brother|friends",
        "loved ones",
        "everyone|everybody",
    ),
    # How a patient says they suspect the condition they have read about.
    "SUSPECT": (
        "think|reckon|worried|worry|scared|afraid|terrified|frightened|convinced",
        "googled|suspect|suspected|sounds|looks|feels|panicking|panicked",
        "could|might|may this|it be",
        "could|might|may be",
    ),
    # Why a back patient's fever may be a spinal infection.
    "INFECTION_RISK": (
        "injection|injections|epidural|surgery|operation|op|ops|procedure|fusion",
        "microdiscectomy|discectomy|laminectomy|block|blocks|wound|stitches|drain",
        "needle|needles",
        "iv|intravenous drug|drugs",
        "drug user|users|addict|habit",
        "inject|injecting|injected drugs|heroin",
        "heroin|methadone",
        "immunosuppressed|immunocompromised|immunosuppressant|immunosuppressants",
        "chemo|chemotherapy|radiotherapy|methotrexate|prednisolone|steroids|biologics",
        "transplant|dialysis|hiv|cancer|leukaemia|lymphoma|diabetic|diabetes",
    ),
    # What turns chest or rib discomfort into a possible heart attack.
    "CARDIAC": (
        "breathless|breathlessness|clammy|sweating|sweaty|grey|gray|dizzy",
        "faint|lightheaded|nauseous|vomiting|palpitations",
        "short|shortness of breath",
        "out of breath",
        "cold sweat|sweats",
        "light -? headed",
        "feel|feeling|felt sick",
        "@CANT breathe|breath",
        "@CANT catch|get @POSS breath",
        "struggling|struggle|fighting|gasping to|for? breathe|breath|air",
        "@POSS? left? arm|arms *3 tingling|tingly|numb|heavy|aching|aches|hurts|dead",
        "@POSS? left? arm|arms *3 hurting|painful|weak",
        "pain|ache|aching|tingling in|down @POSS? left? arm|arms",
        "jaw",
    ),
    "AT_ONCE": ("at once", "together", "in one go"),
    # Keeping medicine back for later, the way an overdose is prepared.
    "HOARD": (
        "stockpiling|stockpiled|stockpile|hoarding|hoarded|hoard|stashing|stashed",
        "squirrelling|squirrelled",
        "saving|saved|save up",
        "been|have saving|saved",
        "putting|put|keeping|kept|setting|set aside",
    ),
    "JUMP_FROM": ("bridge|building|cliff|roof|balcony|tower|window", "car park"),
    "JUMP_UNDER": ("train|trains|bus|car|cars|lorry|truck|tube|van|traffic",),
    "STEP_INTO": (
        "jump|jumping|jumped|throw|throwing|threw|step|stepping|stepped @REFL? out|off?",
        "walk|walking|walked|lie|lying|lay|run|running @REFL? out|down?",
    ),
    # What a person means when they "can't do this any more".
    "ENDURE": (
        "do this",
        "take|bear|handle|stand|face it|this",
        "take|bear|handle|stand|face|cope with? this|the|my pain|life",
        "cope",
        "go|carry on",
        "keep going",
        "cope with it|this|life|anything",
    ),
    "ANY_MORE": ("anymore", "any more|longer"),
    # Where a patient says they wish they were not: "if I wasn't in the picture".
    "NOT_HERE": ("here|around|alive", "in the picture", "on this earth|planet"),
    "GO_ON": (
        "go|carry on",
        "cope",
        "keep going",
        "take|bear|handle it|this|much",
    ),
    "END_WHAT": ("it|things|everything", "it all", "@POSS own? life"),
    "WANT_TO": (
        "want|wants|wanted|wanting to",
        "wanna",
        "wish|wished to",
        "wish i could|would",
        "would|'d rather",
        "would|'d like to",
        "ready to",
        "going to",
        "feel like",
        "tempted to",
        "thinking|thought of|about",
        "plan|planning|planned to",
        "urge|urges to",
    ),
    # --- bladder and bowel ---
    "TROUBLE": ("problem|problems|issue|issues|trouble|difficulty|difficulties",),
    "ORGAN": ("bladder|bladders|bowel|bowels|waterworks",),
    "VOID": (
        "pee|wee|urinate|piss|wees",
        "pass|passing urine|water",
        "empty|emptying @POSS? bladder|bowels|bowel",
        "open|opening @POSS? bowels|bowel",
        "go|have for? a wee|pee",
    ),
    "LOSS": (
        "lost|lose|losing|loss|losses|no|poor|reduced|weak|less|little",
        "lack|lacking of?",
        "no longer have",
    ),
    "WET": (
        "wet|wetting|soiled|soiling|peed|pee|peeing|weed|wee|weeing|pissed|pissing",
        "messed|pooed|pooing|pooped|pooping",
    ),
    # Only urine, since "nothing comes out" of the bowel is constipation (codeine).
    "URINE": (
        "pee|wee|urinate|piss|wees|urine|water|urinating|peeing|weeing",
        "pass|passing urine|water",
        "empty|emptying @POSS? bladder",
        "go|have for? a wee|pee",
    ),
    # Since a time today or yesterday, or for some hours.
    "HOURS": (
        "for|in *2 hours|hrs|hour",
        "since *2 yesterday|morning|night|last|this|lunch|lunchtime|breakfast",
        "all day|night|morning",
    ),
    # --- saddle ---
    "SADDLE": (
        "saddle|groin|groins|crotch|genitals|genital|privates|perineum|perineal",
        "bum|bottom|backside|buttocks|anus|vagina|penis|testicles|scrotum|labia",
        "willy|balls|testicle|vulva|fanny|clitoris|clit|cock|dick",
        "my|his|her lady|man? bits",
        "the? bits in? between",
        "bum|butt|buttock cheeks",
        "inside|insides of @POSS? thigh|thighs|legs",
        "saddle|genital|groin|private|perineal area|region|areas|parts",
        "back passage",
        "inner thigh|thighs",
        "between @POSS? legs",
        "down there|below",
        "nether regions",
    ),
    "NUMB": (
        "numb|numbness|numbed|tingling|tingly|anaesthesia|anaesthetised|dead",
        "pins and needles",
        "like cotton wool",
        "no|lost|lose|losing|reduced|reduction|altered|decreased|less|lack feeling",
        "no|lost|lose|losing|reduced|reduction|altered|decreased|less|lack sensation",
        "loss|lack|reduction|change|changes of|in feeling|sensation",
    ),
    # --- legs ---
    "LEG": ("leg|legs|foot|feet|thigh|thighs|calf|calves|limbs|toes|knee|knees",),
    "LEGS": ("legs|feet|limbs", "both legs|feet|sides"),
    "SIDE": ("left|right|lower|upper|bad|good|other",),
    "LEG_REF": (
        "@POSS? @SIDE? @LEG",
        "both|one|either|each of? @POSS? @SIDE? @LEG",
        "@POSS? left|right and|or left|right @LEG",
    ),
    "WEAK": (
        "weak|weakness|weaker|weakening|weakened|numb|numbness|paralysed|paralysis",
        "no strength|power|feeling|sensation",
        "lost|loss of? strength|power|feeling|sensation",
    ),
    "ONSET": (
        "sudden|suddenly|progressive|progressively|increasing|increasingly|worsening",
        "rapid|rapidly|new|gradual|gradually|spreading",
        "all of a sudden",
    ),
    "ONSET_ADV": (
        "suddenly|progressively|rapidly|quickly|gradually|increasingly|overnight",
        "all of a sudden",
    ),
    "ONSET_AFTER": (
        "suddenly|overnight|worsening|spreading|progressing|progressively",
        "by|every|each the? hour|minute|day",
        "all of a sudden",
        "out of nowhere",
        "get|gets|getting|got|becoming|growing|grown|gone worse|weaker",
        "worse and worse",
        "weaker and weaker",
        "more and more",
    ),
    # How a patient tells that a leg changed, as opposed to how it usually is
    # ("went numb" is an event, "goes numb when I sit" a habit).
    "BECAME": ("went|gone|going|turned|turning|became|become|becoming",),
    "RECENT": (
        "an|a|one|two|three|few|couple|$NUMBER of? hour|hours|minutes|mins ago",
        "today|tonight|overnight|yesterday|earlier",
        "this morning|afternoon|evening",
        "last night",
        "just now",
    ),
    # Numbness or weakness that moves: "creeping up both legs".
    "CREEP": (
        "spreading|spread|spreads|creeping|crept|creeps|climbing|climbed|rising|rose",
    ),
    "CREEP_UP": (
        "@CREEP? moving|moved|travelling|travelled|going|gone|went|coming|came up",
        "@CREEP? moving|moved|travelling|travelled|going|gone|went|coming|came higher",
        "@CREEP? up|upwards|higher",
        "working|worked its way up",
    ),
    # A leg that no longer does its job ("won't hold me", "stopped working").
    "LEG_FAIL": (
        "not work|working|hold|carry|support|respond|responding|cooperate|move",
        "stopped|stop|stops working|responding|moving",
        "not hold|carry|support|take @POSS weight",
        "dead weight",
        "not push|lift|get me|@REFL up?",
    ),
    "GIVE_WAY": (
        "give|gives|giving|gave|given way|out",
        "buckle|buckles|buckling|buckled|collapse|collapses|collapsing|collapsed",
        "go|goes|going|went|gone from under|underneath me|him|her|them",
    ),
    # --- chest ---
    "CHEST": ("chest|sternum|breastbone",),
    # What a tight chest comes from when it is a cold or asthma.
    "CHEST_COLD": (
        "a|the|my|this|bad|head|chest|chesty|heavy|nasty|stinking cold|colds",
        "cough|coughs|coughing|asthma|asthmatic|inhaler|chesty|flu|covid",
    ),
    "CHEST_SYMPTOM": (
        "pain|pains|tightness|pressure|heaviness|discomfort|ache|aches|aching",
        "squeezing|crushing|agony|burning|tight|heavy",
    ),
    "CHEST_PART": ("middle|centre|center|left|side",),
    # Cardiac pain is told as a load or a grip: "an elephant sitting on my chest".
    # A weight, band or strap may be real (gym, decompression table), so those
    # count only in a simile ("like a tight band round my chest").
    "CHEST_LOAD": ("elephant|bricks|ton|tons|tonne|tonnes",),
    "CHEST_GRIP": ("weight|band|vice|fist|belt|strap",),
    "PRESSING": (
        "sitting|standing|sat|stood|kneeling|pressing|pushing|squeezing|squashing",
        "crushing|stamping",
    ),
    "ARM_AND_JAW": ("@POSS? left? arm|arms and|or up|into|to? @POSS? jaw",),
    "SPREAD": (
        "spreading|radiating|going|moving|shooting|travelling|spreads|radiates",
        "goes|moves|shoots|travels|spread|radiated|went|moved|shot|travelled",
        "running|runs|ran",
    ),
    # --- trauma ---
    "FALL": ("fell|fallen|fall|falling|falls|tumbled|tumble|slipped|thrown",),
    "FELL": ("fell|fallen|tripped|slipped|tumbled", "had a fall"),
    # Fragile bones, where an ordinary fall can break the spine.
    "FRAIL": (
        "osteoporosis|osteoporotic|osteopenia|frail|elderly|brittle|$OLD_AGE",
        "$OLD_AGE -? year|years|yr|yrs -? old",
        "( $OLD_AGE )",
        "pensioner|pensioners|oap|oaps",
        "care|nursing|retirement home",
        "seventies|eighties|nineties|seventy|eighty|ninety",
        "nan|nana|nanna|gran|granny|grandma|grandmother|grandad|grandpa|grandfather",
    ),
    "HEIGHT": (
        "height|heights|ladder|ladders|stepladder|roof|scaffolding|scaffold|tree",
        "horse|balcony|window|wall|cliff|building|loft|attic|bunk|trampoline",
        "motorbike|motorcycle|bike|bicycle|stairs|staircase|steps",
        "first|second|top floor",
    ),
    "VEHICLE": (
        "car|road|traffic|motorway|motorbike|motorcycle|bike|cycling|bicycle|bus",
        "lorry|van|truck|vehicle|train|skiing|ski|riding|motor",
        "road traffic",
        "head -? on",
        "high -? speed",
    ),
    "CRASH_VERB": (
        "crash|crashed|collided|collision|hit|smash|smashed|accident|rolled|flipped",
        "spun|skidded|rammed|ploughed|went|ran|came|drove into",
    ),
    "CRASH": ("crash|crashes|accident|accidents|collision|smash|pileup", "pile -? up"),
    "HIT_BY": ("hit|knocked|struck|run|ran|mown over|down|off? by",),
    "RIDE": ("motorbike|motorcycle|bike|bicycle|horse|scooter",),
    "SPINE_PART": ("back|head|neck|spine|tailbone|coccyx",),
    "BIG": ("major|serious|bad|big|nasty|severe|horrific|terrible|huge|heavy",),
    # --- fever ---
    "OTHER_PERSON": (
        "son|daughter|husband|wife|partner|child|children|kids|baby|mum|dad|he|she",
        "they|mother|father|brother|sister|friend|boyfriend|girlfriend|colleague",
    ),
    "TEMPERATURE": ("temperature|temperatures",),
    "EFFORT": (
        "gym|class|run|running|workout|session|exercise|exercises|walk|training|spin",
        "squats|deadlifts|marathon|cycling|pilates|yoga|football|hike|swim|match",
        "bike|cycle|ride",
        "leg day",
    ),
    # A blow or fall that can hurt the spine.
    "IMPACT": (
        "tackled|tackle|tackling|collided|collision|crash|crashed|accident|impact",
        "fell|fallen|fall|landed|hit|whacked|knocked|struck|dived|dove|headbutted",
        "rugby|scrum|whiplash|thrown|rta|rtc",
    ),
    # --- sudden illness (collapse, stroke, anaphylaxis) ---
    # Someone who can faint or collapse, as the subject of the sentence.
    "SOMEONE": ("i|he|she|they|we|you|someone|somebody|@OTHER_PERSON|@ELSE",),
    # Someone else: "he's not breathing" (the patient typing is breathing).
    "ELSE": (
        "he|she|they|someone|somebody|@OTHER_PERSON",
        "nan|nana|nanna|gran|granny|grandma|grandmother|grandad|grandpa|grandfather",
        "mam|mom|hubby|uncle|aunt|auntie|neighbour|man|woman|lady|patient|husband",
        "wife|partner",
    ),
    # What a face does in a stroke.
    "FACE_FALL": (
        "drooping|droopy|drooped|droops|lopsided|sagging|sagged|slack|dropped",
        "fallen|paralysed|frozen|twisted|slipped",
        "dropped|fallen|slipped down",
    ),
    "SEVERE": ("severe|bad|serious|massive|huge|major|big|strong|violent|nasty",),
    # What a severe allergic reaction follows.
    "ALLERGEN": (
        "allergic|allergy|allergies|reaction|injection|injected|jab|epidural|block",
        "steroid|steroids|contrast|dye|antibiotic|antibiotics|penicillin|nut|nuts",
        "peanut|peanuts|sting|stung|wasp|bee|lips|tongue|hives|rash|anaesthetic",
        "anaphylaxis|anaphylactic|epipen",
    ),
    # --- self-harm ---
    # Hurting oneself, as an ongoing act ("been burning my arm").
    "SELF_HURT": (
        "cutting|burning|hitting|punching|stabbing|slashing|carving|bashing|scalding",
        "whacking|battering",
    ),
    "SELF_HURT_ANY": (
        "@SELF_HURT",
        "cut|burn|burnt|burned|hit|punch|punched|stab|stabbed|slash|slashed|carve",
        "carved|bash|bashed|scald|scalded|whacked|battered",
    ),
    # Done with a blade or a lighter, scratching is self-harm too.
    "SELF_HURT_TOOL": (
        "@SELF_HURT_ANY",
        "scratching|scratch|scratched|scraping|scraped|slicing|sliced|nicking|nicked",
    ),
    "HURT_BODY": (
        "arm|arms|wrist|wrists|thigh|thighs|leg|legs|skin|stomach|tummy|belly|hips",
        "shins|forearm|forearms|body|chest",
    ),
    "TOOL": (
        "lighter|lighters|razor|razors|blade|blades|razorblade|razorblades|hammer",
        "cigarette|cigarettes|compass|scissors|glass",
    ),
    # Why a patient hurts themselves: "to take my mind off the pain".
    "DISTRACT": (
        "distract|distraction|distracts|distracting|cope",
        "take|takes|taking @POSS mind off",
        "feel|focus on|think about something else|different",
        "other pain",
        "feel something",
    ),
}

# Raw spaCy token specs for what words cannot express.
TOKEN_SPECS: dict[str, dict[str, object]] = {
    # 38-42 °C or 100.4-106 °F, with an optional decimal and unit glued on.
    "FEVER_NUMBER": {
        "NORM": {
            "REGEX": r"^((3[89]|4[0-2]|10[1-6])([.,]\d+)?|100[.,][4-9]\d*)"
            r"(°|º)?[cf]?$"
        }
    },
    # 38-42.9 C or 100.4-106.9 F with the unit in the same token ("102F").
    "FEVER_READING": {
        "NORM": {
            "REGEX": r"^((3[89]|4[0-2])([.,]\d+)?(°|º)?c|"
            r"(10[1-6]([.,]\d+)?|100[.,][4-9]\d*)(°|º)?f)$"
        }
    },
    # 35-37.9 °C or 95-100.3 °F: a normal or only slightly raised temperature.
    "NORMAL_TEMPERATURE": {
        "NORM": {
            "REGEX": r"^(3[5-7]([.,]\d+)?|9[5-9]([.,]\d+)?|100([.,][0-3]\d*)?)"
            r"(°|º)?[cf]?$"
        }
    },
    "YEAR": {"NORM": {"REGEX": r"^(19[5-9]\d|20[0-4]\d)$"}},
    "NUMBER": {"LIKE_NUM": True},
    # An age of 65-109, a decade such as "80s", or "88yo".
    "OLD_AGE": {"NORM": {"REGEX": r"^(6[5-9]|[7-9]\d|10\d)(s|yo|yrs?)?$"}},
    # A speed that makes a crash serious: 20-199 mph/kph, unit glued on or not.
    "SPEED": {"NORM": {"REGEX": r"^([2-9]\d|1\d\d)(mph|kph|kmh)?$"}},
    # A number of tablets no one takes as a dose: 20 to 999.
    "MANY_NUMBER": {"NORM": {"REGEX": r"^([2-9]\d|[1-9]\d\d)$"}},
    # Whatever is not a temperature reading: "has a temperature, can I come?"
    "NOT_READING": {
        "LIKE_NUM": False,
        "NORM": {"NOT_IN": ["of", "at", "over", "above", "around", "about", "near"]},
    },
    # Any punctuation mark (a comma or full stop after "went completely").
    "PUNCT": {"IS_PUNCT": True},
    # A quotation mark around a term ("what does 'foot drop' mean?").
    "QUOTE": {"IS_QUOTE": True},
    # The end of a sentence: "I can't walk!" (not "I can't walk far").
    "END": {"IS_PUNCT": True, "NORM": {"IN": [".", "!", "?", "..."]}},
}

# --- Red flags ----------------------------------------------------------------------

RED_FLAG_PATTERNS: dict[str, tuple[str, ...]] = {
    "bladder_bowel": (
        "@LOSS of|over? @POSS? @ORGAN and|or? @ORGAN? control|function",
        "@LOSS control|function of|over @POSS? @ORGAN",
        "@ORGAN and|or? @ORGAN? control|function *2 gone|lost|poor|weak|weaker|bad",
        "@ORGAN and|or? @ORGAN? control|function *2 failing|worse|affected|impaired",
        "@CANT control|hold|feel|empty @POSS? @ORGAN|urine|pee|wee|poo",
        # "hold his water" means urine; "can't hold water" alone is an idiom.
        "@CANT control|hold @POSS water",
        "@CANT @VOID",
        # Retention: no urine for hours, or straining and nothing comes out.
        "not have|having|been|had? peed|weed|urinated|pissed",
        "not been|gone for a wee|pee",
        "not been able to go",
        "not had a wee|pee",
        "not passed|passing any? urine|water",
        "no urine|wee|pee *2 @HOURS",
        "not been to the toilet|loo|bathroom *3 @HOURS",
        "not used|visited the toilet|loo|bathroom *3 @HOURS",
        "strain|straining|strained|push|pushing|pushed *4 nothing *2 comes|come|came",
        "@CANT start|get a|my? wee|pee|flow|stream",
        "@CANT get @POSS? wee|pee|urine|water out|going|started",
        "wee|pee|urine|stream *3 dribble|dribbles|dribbling|trickle|trickling|trickles",
        "@POSS? bladder *3 full|bursting|swollen|distended *4 @CANT",
        "@POSS? bladder *3 full|bursting|swollen|distended",
        "catheter|catheterised|catheterise|catheterisation",
        "incontinence|incontinent",
        "urinary|urine|bladder retention",
        "retention of|with urine",
        "retaining urine",
        "@WET @REFL",
        "@WET @POSS pants|trousers|knickers|underwear|bed",
        "@ORGAN|urinary|faecal problem|problems|issue|issues|dysfunction|trouble",
        "@ORGAN|urinary|faecal changes|symptoms|accident|accidents|leakage|leaking",
        "@ORGAN|urinary|faecal leaks|emergency|failure",
        "@TROUBLE with @POSS? @ORGAN",
        "@TROUBLE passing urine",
        "difficulty|trouble|problems|struggling peeing|weeing|urinating",
        "difficulty|trouble|struggling|struggle|straining|strain to? @VOID",
        "leak|leaking|leaked|leaks urine|pee|wee|poo|faeces",
        "leak|leaking|leakage|dribble|dribbling|dribbles of? urine|pee|wee|poo",
        "just leaked|leaks|leaking out",
        "no|lost|losing control *2 toilet|loo|poo|wee|pee",
        "@ORGAN *2 emptied|empty|emptying|emptying themselves|itself",
        "no|lost|losing the? urge|sensation|feeling to wee|pee|go|urinate|poo",
        "urine|pee|wee leaking|leaks|leakage",
        # Leaking that will not stop, told of the urine or the leak itself.
        "leak|leaking|leaks|dribbling|dribble|peeing|weeing *4 @CANT stop|control|hold it?",
        "leak|leaking|leaks|dribbling|peeing|weeing *3 and|& @SUBJ? @CANT stop|control it",
        "@CANT stop|control|hold *2 @SUBJ? leaking|dribbling|peeing|weeing",
        "@CANT stop wee|pee|urine|poo *2 coming|leaking|dribbling",
        # Caught out: no warning that one needed to go.
        "@CANT|not get|make it to the toilet|loo|bathroom in time",
        "not even? know|realise|realised|notice|noticed|feel|felt @SUBJ needed|need|needs to go $END",
        "not even? know|realise|realised|notice|noticed|feel|felt @SUBJ needed|need|needs to go and",
        "not even? know|realise|realised|notice|noticed|feel|felt @SUBJ needed|needs the toilet|loo",
        "not even? know|realise|realised|notice|noticed|feel|felt @SUBJ needed|need|needs to go to the toilet|loo",
        "not even? know|realise|realised|notice|noticed|feel|felt @SUBJ needed|need|needs to? pee|wee|poo",
        "not|never even? know|realise|realised|notice|noticed|feel|felt @SUBJ needed|need|needs a wee|pee|poo",
        "not even? know|realise|realised|notice|noticed|feel|felt @SUBJ needed|need|needs to go until|till|before",
        "accident|accidents with|in @POSS? @ORGAN|pants|trousers|underwear",
        "accident|accidents with|in @POSS? number one|ones|two|twos",
        "two|twos|poo|wee|pee|urine|stool|stools *4 without me|@POSS knowing|noticing",
        "two|twos|poo|wee|pee|urine|stool|stools *4 without me|@POSS realising|feeling",
        "@CANT start|begin peeing|weeing|urinating",
        "@CANT start|begin a wee|pee",
        "not|never even|genuinely|actually? feel|felt|notice|noticed it|anything come out",
        "accident|accidents *5 toilet|loo|bathroom",
        "not make|made it to the toilet|loo|bathroom",
        # "know when I need to go" alone could be about an appointment.
        "@CANT|not tell|feel|sense when @SUBJ need|needs|want|wants to go",
        "@CANT|not tell|feel|sense|know when @SUBJ need|needs to|a? pee|wee|urinate|poo",
        "@CANT tell|know|feel|sense if|whether @SUBJ *2 opened|emptied|moved|open|empty @POSS? bowels|bowel|bladder",
        "realise|realised|realising *2 @SUBJ am|m|are|is|'s|was|were *2 wet|soaked|soiled",
        "@CANT|not tell|feel|sense|know when @SUBJ need|needs the toilet|loo",
        "@CANT|not tell|feel|sense|know when @SUBJ need|needs toilet|loo",
        "urine|wee|pee|poo|stool *2 come|comes|coming|came out? by itself|themselves",
        "urine|wee|pee|poo|stool *2 come|comes|coming|came out? on its own",
        "woke|woken|waking|wake up? in a wet bed|sheets",
        "@CANT|not tell|feel|sense|know when @SUBJ need|needs to go to the toilet|loo",
        "@POSS? @ORGAN *2 not|stopped working|emptying|empty|functioning",
        "@POSS? @ORGAN *2 stopped",
        # No feeling of the urine or stool passing (altered sensation).
        "@CANT feel *4 when|as|while @SUBJ? @VOID|peeing|weeing|urinating|pooing",
        "@CANT feel *4 when|as|while @SUBJ am|is|are peeing|weeing|urinating|pooing",
        "@CANT feel @REFL? @VOID|peeing|weeing|urinating|pooing|pooping",
        "@CANT feel the|my|any? wee|pee|urine|poo|stream|flow *3 coming|come|out",
        "@CANT feel if|whether|that @SUBJ am|are|is|'s|have *2 peed|weed|pooed",
        "@CANT tell|know if|whether @SUBJ am|are|is|'s *2 peeing|weeing|urinating",
        "@NUMB *2 when|as|while @SUBJ? @VOID|peeing|weeing|urinating|pooing",
        "not feel|felt|notice|noticed *3 wee|pee|urine|poo *3 coming|come out",
        # The syndrome named, as a patient who has read about it does.
        "cauda|corda|cauder|caudal|coda equina|equine|equinas",
        "@SUSPECT *4 ces",
    ),
    "saddle_numbness": (
        "@NUMB in|around|round|of|on|across|over|down|to|at|near? @POSS? @SADDLE",
        "@NUMB right|all|just in|around|round|over|across @POSS? @SADDLE",
        "@NUMB patch|patches|spot|area *2 in|on|around|round|over @POSS? @SADDLE",
        "@NUMB in|on|of the? area|region|skin around|round|near @POSS? @SADDLE",
        # "the bit I'd sit on a bike seat with" has gone numb.
        "bike|bicycle|horse seat|saddle *6 numb|dead|tingly|tingling",
        "@NUMB spreading|spread|creeping|moving|going in|around|round|into|to|over @POSS? @SADDLE",
        "@SADDLE *3 numb|numbness|tingling|tingly|dead|anaesthesia|anaesthetised",
        "@SADDLE *2 @NUMB",
        "@SADDLE and|or|& @POSS? @SADDLE *4 numb|numbness|tingling|tingly|dead",
        # Told by a simile ("like sitting on nothing"); the dentist's one is in
        # CONDITIONAL_PATTERNS, as it needs the bum or groin named nearby.
        "sitting|sat|sit on *2 nothing|air",
        "feel|felt nothing *2 when|as|while @SUBJ? wipe|wiping|sit|sitting",
        "@CANT feel *2 when|as|while i? wipe|wiping",
        "@CANT feel *3 toilet|loo paper|tissue",
        "@CANT feel *3 tissue|wipe|wiping",
        "@CANT feel anything|much|nothing *5 toilet|loo|wipe|wiping",
        "wipe|wiping *3 @CANT feel",
        "@CANT feel the|my? toilet|loo? paper|tissue|seat",
        "@CANT feel @POSS? @SADDLE",
        "@CANT feel anything|much|it down there|below",
        "@NUMB when|as|while i? wipe|wiping",
        "@NUMB *3 when|as|while @SUBJ? *2 wipe|wiping",
        "when|as|while i? wipe|wiping *2 @CANT feel",
        "numb|numbness down there|below",
        # "like my bottom isn't there" on the loo.
        "@POSS @SADDLE is|are|was not there",
        "saddle anaesthesia|paraesthesia",
    ),
    "leg_weakness": (
        "@ONSET *2 @WEAK in|of|down|to|into|through? @LEG_REF",
        "@ONSET left|right|bilateral? @LEG weakness|numbness|paralysis",
        "@LEG_REF *3 @ONSET_ADV *2 weak|weaker|numb|paralysed|dead",
        "@LEG_REF *3 weak|numb|weakness|numbness|paralysed|dead *3 @ONSET_AFTER",
        "weakness|numbness|tingling in|of @LEG_REF *3 @ONSET_AFTER",
        "@LEG_REF *3 getting|got|gets|becoming|growing|grown weak|weaker",
        "@LEG_REF *3 weaker and weaker",
        "@WEAK in|of|down? @POSS? both? of? @POSS? @SIDE? @LEGS",
        "@POSS? both? @LEGS *5 weak|weaker|numb|paralysed",
        "@LEG strength|power *2 gone|going|lost|reduced|disappeared",
        "@LEG_REF *3 @BECAME *2 weak|numb|dead|paralysed|useless|floppy *3 @RECENT",
        "@LEG_REF *3 @BECAME *2 heavy|wobbly|jelly *4 since|@RECENT",
        "@LEG_REF *2 not|stopped listening|responding|obeying",
        "@LEG_REF *4 collapsed|buckled under|beneath me|him|her",
        "@CANT walk|stand *2 since this? morning|lunch|lunchtime|yesterday|today",
        "@RECENT *4 @LEG_REF *3 @BECAME *2 weak|numb|dead|paralysed|useless|floppy",
        # "have gone like jelly" is a state now; "went like jelly after spin class"
        # is an effort that has passed.
        "@POSS? @LEGS *2 gone|turned|turning|going like|to? jelly|rubber|useless|limp",
        "@LEG_REF *2 @GIVE_WAY",
        "@LEG_REF *5 keep|keeps|kept|keeping *2 @GIVE_WAY",
        # Toes that will not move are a weak foot, not a painful one.
        "@CANT wiggle|waggle|wriggle|move @POSS? @SIDE? toes|toe",
        "@CANT wiggle|waggle|wriggle @POSS? @SIDE? foot|feet",
        "@POSS? both? @SIDE? leg|legs|foot|feet *2 @LEG_FAIL",
        "@LEG_REF *2 @CANT hold|carry|support|take me|my|@REFL",
        "@LEG_REF *2 feel|feels|feeling like jelly|rubber",
        # Numbness or weakness on the move is the progressive course that matters.
        "@WEAK|tingling|tingly *2 @CREEP *3 both|@LEG_REF",
        "@WEAK|tingling|tingly *2 @CREEP_UP *3 both|@LEG_REF|waist|hips|body",
        "@WEAK|tingling|tingly *3 both @POSS? legs|feet",
        # Foot drop, in the words patients use.
        "@POSS? left|right? foot|feet|toes *2 flopped|flops|flopping|floppy|dropped",
        "@POSS? left|right? foot|feet|toes *2 drops|dropping|slaps|slapped|slap",
        "@CANT pull|lift|raise|point|flex @POSS? left|right? foot|feet|toes *2 up?",
        "@CANT walk|stand *2 on @POSS? @LEGS",
        "@CANT walk|stand or|nor|and walk|stand",
        "@CANT walk $END",
        "@CANT walk|stand at all? since? @RECENT",
        "foot drop",
        "drop|dropped foot",
        "@CANT lift|raise|move|bend @POSS? left|right? foot|toes|ankle|feet",
        "dragging|drags|drag @POSS? left|right? foot|feet|leg",
        "dragging|drags|drag|dragged it|them|@LEG_REF behind me|@REFL",
        "tripping|tripped|trip over|on @POSS left|right foot|feet|toes",
        "@POSS? left|right? foot|feet *2 dragging|slapping|flopping",
        # Tripping over one's own foot and falling again and again are how patients
        # describe a foot drop or legs that no longer carry them.
        "keep|keeps|kept tripping|catching over|on? @POSS? own? foot|feet|toe|toes",
        "keep|keeps|kept falling|fall over",
        "fallen|fell over|down *2 twice|repeatedly|several|multiple|three|four",
        "@CANT feel|move|lift @LEG_REF",
        "suddenly *2 @CANT walk|stand",
        "@CANT walk|stand up? at all|anymore|suddenly",
        "@CANT walk|stand up? any more",
        "@NO_LONGER walk|stand",
        "@LEG_REF *3 paralysed|paralysis",
        "paralysed|paralysis in|of|from? @LEG_REF",
        "paralysed from the waist down",
        "foot -? drop|drops",
        "footdrop|dropfoot",
        "@SUSPECT *4 myelopathy",
        "@SUSPECT *4 cord compression",
        # Foot drop told as an ankle or toes that will not come up.
        "@POSS? @SIDE? ankle|ankles @CANT bend|flex|lift|move|pull|come up|upwards",
        "@POSS? left|right? ankle|ankles @CANT bend|flex|lift|pull|come *2 up|upwards",
        "@POSS? left|right? foot|feet|toes @CANT lift|raise|come|go|pull|point up",
        "@POSS? left|right? foot|feet|toes @CANT lift|raise|flex",
        "@CANT bend|lift|raise|pull|flex @POSS? @SIDE? ankle|toes|foot *2 up|upwards",
        "toes|toe|foot|feet *2 drag|drags|dragging|catch|catches|catching *4 @FLOOR",
        "toes|toe|foot|feet *2 scuff|scuffs|scuffing|scrape|scrapes|scraping *4 @FLOOR",
        "@CANT walk|stand on @POSS? heels|heel",
        "@POSS? left|right? foot|feet *2 limp|dangling|dangles|hanging|hangs",
        # A whole leg gone, or numb and weak at once (sensory and motor loss).
        "@WEAK|dead|numb from @POSS? waist|hip|hips|chest|belly|knee|knees|groin down",
        "@LEG_REF *3 completely|totally|fully|entirely dead|numb|paralysed|useless",
        "@CANT feel or|nor|and move|lift",
        "@CANT feel anything|it|them|much or|nor|and move|lift *2 it|them|properly",
        "@LEG_REF *4 numb|numbness *2 and|& weak|weakness|weaker",
        "@LEG_REF *4 weak|weakness|weaker *2 and|& numb|numbness",
        "numbness|numb and|& weakness|weak in|of|down @LEG_REF",
        "weakness|weak and|& numbness|numb in|of|down @LEG_REF",
    ),
    "chest_pain": (
        "@CHEST @CHEST_SYMPTOM",
        "heart pain|pains",
        "@CHEST_SYMPTOM in|on|across|around|of|behind|through @POSS? @CHEST",
        # Sudden breathlessness too bad to talk.
        "@CANT talk|speak *4 breathless|breath|breathe",
        "breathless|breathlessness *4 @CANT talk|speak",
        "@CANT catch @POSS breath *4 sudden|suddenly",
        "sudden|suddenly *4 @CANT catch @POSS breath",
        "out of nowhere *3 @CANT catch @POSS breath",
        "out of the blue *3 @CANT catch @POSS breath",
        "@CANT catch @POSS breath *4 out of nowhere",
        "@CANT catch @POSS breath *4 out of the blue",
        "gasping|struggling for air",
        "@CANT finish|complete a|my? sentence|sentences",
        "lips *3 blue|grey|gray",
        "lips *3 funny|strange|odd colour",
        "breathless|breathlessness *6 sudden|suddenly",
        "breathless|breathlessness *6 out of nowhere",
        "breathless|breathlessness *6 out of the blue",
        # A tearing pain through to the chest (the aorta, not the spine).
        "tearing|ripping pain *8 @CHEST",
        "sudden|suddenly *3 breathless|breathlessness",
        "@CHEST_SYMPTOM feeling|sensation in|on|across|around|behind @POSS? @CHEST",
        "hurts|hurting|hurt|stabbing in|across|behind @POSS? @CHEST",
        "@CHEST_LOAD *3 on|across|around|round @POSS @CHEST",
        "like|feels *3 @CHEST_GRIP *3 on|across|around|round|squeezing @POSS @CHEST",
        "like *4 @PRESSING on|down? @POSS @CHEST",
        "@CHEST *4 like *4 @PRESSING on it|me",
        "@CHEST *4 in a vice",
        "@CHEST_SYMPTOM in|on|across|behind the|my? @CHEST_PART of @POSS? @CHEST",
        "tight|crushing|painful|heavy|sore|aching|squeezing|burning @CHEST",
        "@POSS? @CHEST *3 tight|tightening|hurts|hurting|hurt|aches|aching|painful",
        "@POSS? @CHEST *3 crushed|crushing|heavy|squeezed|squeezing|burning",
        "@POSS? @CHEST *3 pounding|pain|pains|tightness|pressure",
        "@SPREAD up|down|into|to|towards|through|across? @POSS? jaw|teeth",
        "@SPREAD up|down|into|to|towards|through? @ARM_AND_JAW",
        "pain|ache|pains in|to @ARM_AND_JAW",
        "@ARM_AND_JAW *2 pain|pains|hurt|hurts|hurting|ache|aches",
        "heart|hart attack|attacks",
        "heartattack|heartattacks",
        "cardiac arrest|pain|pains",
        "angina",
        # "like an elephant sitting on me": the same crushing weight, told of the body.
        "@CHEST_LOAD *3 @PRESSING on|down on? me|top",
        "like a|an? @CHEST_LOAD *2 on me",
        "like a|an? @CHEST_LOAD *2 on top of me",
    ),
    # Sudden illness that needs 999 whatever the back is doing.
    "collapse": (
        # Fainting or collapse, told of someone ("my nan fainted", "dad collapsed").
        "@SOMEONE *2 collapsed|fainted|keeled",
        "@SOMEONE *2 passed|blacked out",
        "@SOMEONE *2 lost consciousness",
        "@SOMEONE *2 keeps|keep|kept fainting|collapsing|blacking|passing",
        "found @ELSE *3 collapsed|unconscious|unresponsive|slumped",
        "loss of consciousness",
        "lost|losing consciousness",
        "unconscious|unresponsive",
        "knocked out cold",
        # Not breathing, or cannot be woken.
        "@ELSE *2 not|stopped|barely|hardly breathing",
        "@ELSE *2 not breathe",
        "@ELSE *2 breathing weird|weirdly|funny|strangely|oddly",
        "stopped breathing",
        "@CANT wake|rouse @POSS? him|her|them|@ELSE",
        "@ELSE *2 not wake|waking up",
        "@ELSE *2 not responding",
        # A fit.
        "having|had a|another? seizure|seizures|convulsion|convulsions",
        "having a fit",
        "@SOMEONE *2 convulsing|seizing",
        "@ELSE *2 fitting",
        # A stroke: face, arm, speech, or the word.
        "side of @POSS? face *4 @FACE_FALL",
        "@POSS? face|mouth|smile|eyelid *3 drooping|droopy|drooped|droops|lopsided",
        "@POSS? face|mouth *3 crooked|twisted",
        "@POSS? face|mouth|smile *4 on|down one side",
        "drooping|droopy|lopsided face|mouth|smile|eyelid",
        "facial droop|drooping|weakness|paralysis",
        "slurred|slurring speech|words",
        "slurring|slurred",
        "speech *3 slurred|slurring|garbled|jumbled|muddled|gone|affected",
        "one|left|right side of @POSS? body|face *4 weak|numb|dead|paralysed|floppy|drooping|droopy",
        "weak|numb|paralysed|dead|floppy|weakness|numbness *2 down|on one side of @POSS? body|face",
        "@POSS whole|entire left|right side *4 weak|numb|dead|paralysed|floppy|gone",
        "having a|another|mini stroke",
        "@SUSPECT *3 a|another|mini stroke",
        "showing|shows|has|having signs of a stroke",
        "just had a|another? stroke",
        "worst headache of|in @POSS life",
        "sudden|suddenly *2 splitting|severe|excruciating|blinding|explosive headache",
        "headache *4 like being|been hit|struck|kicked",
        "thunderclap",
        # A severe allergic reaction.
        "anaphylaxis|anaphylactic",
        "@POSS? lips|tongue *3 swelling|swollen|swelled|swell|swells|puffing|puffed|ballooning",
        "@POSS? tongue *3 huge|massive|enormous|thick",
        "@POSS? tongue *3 too big",
        "swelling|swollen|swelled of|in @POSS? lips|tongue",
        "@POSS? throat|airway|airways *3 closing|closed",
        "@SEVERE allergic reaction|reactions",
        "having an allergic reaction",
        "used|use|using|given|gave|give|needed|need *2 @POSS|an|the|his|her? epipen|epipens",
        "used|use|using|given|gave|give|needed|need *2 @POSS|an|the|his|her? epi pen|pens",
    ),
    "fever": (
        "fever|fevers|feverish|pyrexia|pyrexial|rigors|febrile|delirious",
        "high|raised|very|spiking|hot @TEMPERATURE",
        "running|run|runs|got|have|has|had|with|spiking a high? @TEMPERATURE",
        "get|gets|getting a high? @TEMPERATURE",
        "and a high? @TEMPERATURE",
        "@TEMPERATURE *3 $FEVER_NUMBER",
        "thermometer *3 $FEVER_NUMBER",
        "$FEVER_NUMBER °|degrees|degree? c|f|celsius|fahrenheit? @TEMPERATURE|fever",
        # A reading with its unit attached ("102F", "38.5C") is a temperature.
        "$FEVER_READING",
        "$FEVER_NUMBER ° c|f",
        "raging|burning|roaring|soaring @TEMPERATURE",
        "night|drenching|soaking sweats",
        "sweating|sweats|sweat at|during|in the? night",
        "drenched|soaked|soaking in sweat",
        "@TEMPERATURE *3 through the roof",
        "@TEMPERATURE *3 sky -? high",
        "@TEMPERATURE *3 skyhigh|soaring|rocketing|skyrocketing|spiked",
        "@TEMPERATURE *3 off the scale|charts|chart",
        "@TEMPERATURE *3 very|really|so|super|dangerously|quite high",
        # Spinal infection, named as patients read about it.
        "sepsis|septic|septicaemia|discitis|osteomyelitis|spondylodiscitis",
        "blood poisoning",
        "spinal|epidural|spine|paraspinal|psoas abscess|abscesses",
        "abscess on|in|near @POSS? spine|back|wound|disc",
        "spinal|spine|disc|bone|vertebral|wound infection",
        "infection in|of @POSS? spine|disc|discs|bone|bones|wound|vertebra|vertebrae",
        "infected @POSS? wound|scar|incision|discs|disc|spine",
        "@POSS? wound|scar|incision *3 infected|oozing|pus|weeping|discharging",
        "@POSS? wound|scar|incision *3 angry|inflamed",
    ),
    "trauma": (
        "@FALL *3 off|of|from|out|through|down of? *2 @HEIGHT",
        "came|come|coming|thrown off @POSS|a? @RIDE",
        "knocked|hit|struck|threw me off @POSS|a? @RIDE",
        "@RIDE threw|bucked|flung me|him|her",
        "hit|struck|whacked|smacked across|in|on the|my back|spine|neck with|by",
        "@FALL down *4 stairs|staircase|steps",
        "@FALL from a? height",
        "@VEHICLE @CRASH",
        "rta|rtc",
        # Not "rear end" (a bottom), nor "shunted" alone ("from pillar to post").
        "rear -? ended",
        "rearended",
        "shunted from behind",
        "t -? boned",
        "hit|struck from behind",
        "drove|smashed|slammed|ploughed|crashed|rammed|piled into the back|side of",
        "went|ran|came|hit|bumped into the back|side|front of us|me",
        # Speed makes a crash serious ("went into the back of us at 50mph").
        "@CRASH_VERB *8 $SPEED mph|kph|miles",
        "$SPEED mph|kph|miles *8 @CRASH_VERB",
        # A crack heard in the neck or back is a fracture until proved otherwise.
        "heard *3 crack|snap|crunch|cracking|snapping|crunching",
        "heard *2 @SPINE_PART *2 crack|snap|crunch|go|break",
        "car|van|vehicle *3 rolled over",
        "car|van|vehicle *3 flipped|overturned",
        "car|van|vehicle *3 written|wrote off",
        "rolled|flipped|overturned|wrote off? @POSS car|van",
        "collided|collide|colliding with *2 @VEHICLE|cyclist|tree|wall",
        "dived|dove|dive|diving|jumped *3 shallow",
        "@FRAIL *8 @FELL",
        "crashed @POSS? car|bike|motorbike|motorcycle|van",
        "crashed|skidded into",
        "in a|an @BIG? crash|crashes|collision|smash|pileup",
        "in a|an @BIG accident|accidents",
        "@HIT_BY a|an? car|bus|van|lorry|truck|vehicle|motorbike|cyclist|bike|train",
        "knocked off @POSS? @RIDE",
        "@BIG accident|crash|trauma|injury|fall|collision",
        "fell|fallen|tripped|slipped *6 @CANT move|stand|walk",
        "fell|fallen|tripped|slipped *6 @CANT get up",
        "@FELL *8 @CANT get up|off",
        "landed|landing heavily|hard|badly|flat? on|onto @POSS? @SPINE_PART",
        "@FALL heavily|hard|badly? on|onto @POSS? @SPINE_PART",
    ),
    "self_harm": (
        "suicidal|suicide",
        "@WANT_TO die|dying",
        "@WANT_TO be dead",
        "@WANT_TO end @END_WHAT",
        "want|wants|wanted|wish it all|everything to end",
        "@WANT_TO disappear|vanish",
        "wish|wished i was|were dead",
        "wish|wished i could|would die",
        "wish|wished i could|would be dead",
        "wish i was|were not alive|here|born",
        "thinking|thought|thoughts of|about ending @END_WHAT",
        "thinking|thought|thoughts of|about killing|hurting|harming @REFL",
        "thinking|thought|thoughts of|about taking @POSS own? life",
        "@WANT_TO kill|hurt|harm|cut|injure @REFL",
        "@WANT_TO take @POSS own? life",
        "kill|killing|killed @REFL",
        "harm|harming|harmed @REFL",
        "cutting @REFL",
        "cut|cutting @REFL *2 again",
        "@CANT stop the|my? bleeding",
        "hurt|hurting|injure|injuring|cut|burn|burning|burned @REFL on purpose",
        "hurt|hurting|injure|injuring|cut|burn|burning|burned @REFL deliberately",
        "hurt|hurting|injure|injuring|cut|burn|burning|burned @REFL intentionally",
        "end|ending it all",
        "end|ending @POSS own? life",
        "not see the point anymore",
        "not see the point any more",
        "not really|even|honestly? see the point in|of living|life|anything|going|carrying",
        "ways|way|how to end|ending @END_WHAT",
        "ways|way|how to kill @REFL",
        "take|taking @POSS own life",
        "not want|wanna to? be here|around|alive anymore|now",
        "not want|wanna to? be here|around any more|longer",
        "not want|wanna to? be alive",
        "not want|wanna to? exist",
        "not want|wanna to? wake up",
        "not want|wanna to? live anymore|now",
        "not want|wanna to? live like this|that",
        "not want|wanna to? live any more|longer",
        "not want|wanna to? go|carry on living|anymore|like",
        "not want|wanna to? go|carry on any more",
        "better off dead",
        "better off without me",
        "no|any|the point in|of? living|life",
        "no|any|the point in|of? going|carrying on",
        "no reason to live",
        "no reason to be alive",
        "no reason to go|carry on",
        "nothing to live for",
        "not worth living",
        "life is|'s not worth it|living",
        "self -? harm|harming|harmed|harmer|injury|injure",
        "selfharm|selfharming",
        "take|taking|took|taken an? overdose|od",
        "@WANT_TO overdose|od",
        "thinking|thought|thoughts of|about overdosing",
        "@WANT_TO take|swallow|taking|swallowing all @POSS? @PILLS",
        "@WANT_TO take|swallow|taking|swallowing a|the whole? bottle|packet|box of",
        "take|took|taken|swallow|swallowed all @POSS? @PILLS @AT_ONCE",
        "stockpiling|stockpiled|hoarding|hoarded @POSS? @PILLS",
        "@HOARD *2 @POSS? @PILLS|@MEDICINE",
        "@PILLS|@MEDICINE *3 @HOARD",
        "enough *4 to kill|die|overdose|od",
        "enough *4 to end @END_WHAT",
        "fatal|lethal|deadly dose|amount|overdose",
        "how many|much *4 would|will|to|could|does|do|until|before|till *3 kill|die",
        "how many|much *6 fatal|lethal|overdose|od",
        "think|thinking|thought|tempted|imagine|imagining *4 steer|steering|drive|driving|crash|crashing|swerve|swerving into|off *2 wall|tree|lorry|truck|bus|bridge|traffic|cliff|river|canal",
        "@STEP_INTO in front of a|the? @JUMP_UNDER",
        "@STEP_INTO under a|the? @JUMP_UNDER",
        "@CANT @ENDURE @ANY_MORE",
        "not think|reckon @SUBJ can|could @GO_ON",
        "not know if|whether @SUBJ can|could @GO_ON",
        "not know how @SUBJ can|could|will|am @GO_ON",
        "not know how much longer|more @SUBJ can|could @GO_ON",
        "better off not waking|wake up",
        "better off not being? here|alive|around",
        "@CANT take|cope|handle|bear much more",
        "goodbye|farewell|suicide letter|letters|note|notes",
        "letter|letters|note|notes *5 just in case",
        "putting|put|sorting|sorted|getting|got @POSS? affairs in order",
        "sorted|sorting|sort out? @POSS affairs",
        "@PILLS|@MEDICINE *8 when|while the house is|'s empty",
        "@PILLS|@MEDICINE *8 when|while the house will be empty",
        "decided|decide|deciding|choose|chosen *6 end @END_WHAT",
        "the night|day|time|moment @SUBJ end|ending @END_WHAT",
        "@WANT_TO take|swallow|taking|swallowing the lot $END",
        "@WANT_TO take|swallow|taking|swallowing the lot tonight|today|now|later|when|while",
        "@WANT_TO take|swallow|taking|swallowing the lot in one go",
        "@WANT_TO take|swallow|taking|swallowing the lot at once",
        "giving|given|gave away @POSS? things|stuff|belongings|possessions",
        "said|saying @POSS? goodbyes",
        "planned|plan|planning how @SUBJ would|'d|will|could do it",
        "worked out how @SUBJ would|'d|will|could do it",
        "given|give|giving up on life|living",
        "tired|sick of living",
        "tired|sick of being alive",
        "not|never wake|waking up tomorrow|again|ever",
        "thinking|thought|thoughts of|about *2 not|never waking up",
        "overdose|overdosing|overdosed on|of|with",
        "thoughts of|about suicide|dying|death",
        "@CANT go|carry on like|anymore",
        "@CANT go|carry on any more",
        "@CANT go|carry on with this|it|life|living",
        "better off if @SUBJ was|were dead|gone",
        "better off if @SUBJ was|were not here|around|alive",
        "no|the point anymore",
        "no|the point any more",
        "no|any|the point in|of|to? anything|it all",
        "no|the point in|of|to? any of it|this",
        "thinking|thought|thoughts of|about not waking up",
        "hope|hoping|wish @SUBJ do|did|will|would|could not wake up",
        "would it take to not|never wake up",
        "@PILLS|enough *4 to not|never wake up",
        "go to sleep and not|never wake up",
        "hang|hanging|hanged @REFL",
        "slit|slitting|cut|cutting @POSS wrists",
        "@WANT_TO jump|throw @REFL? off|from a|the? @JUMP_FROM",
        "@WANT_TO jump|throw|step|walk @REFL? under a|the? @JUMP_UNDER",
        "@WANT_TO jump|throw|step|walk @REFL? in front of a|the? @JUMP_UNDER",
        # A euphemism from social media, used to get past word filters.
        "unalive|unaliving @REFL",
        "@WANT_TO unalive",
        "@WANT_TO kms",
        # An overdose already taken: "took all my pregabalin", "the whole packet".
        "@SWALLOWED all @POSS? @PILLS|@MEDICINE",
        "@SWALLOWED all of @POSS|the @PILLS|@MEDICINE",
        "@SWALLOWED @POSS|a|the? whole|entire @CONTAINER",
        "@SWALLOWED @POSS|a|the? whole|entire|full? @CONTAINER of",
        "@SWALLOWED the lot",
        "@SWALLOWED @MANY @PILLS|@MEDICINE",
        "@SWALLOWED @MANY of @POSS|the @PILLS|@MEDICINE",
        "had @MANY of @POSS|the @PILLS|@MEDICINE",
        "@SWALLOWED everything in the cupboard|cabinet|drawer|house",
        "overdosed",
        # Last words: a goodbye that reads as final, letters to the family.
        "this is|'s goodbye",
        "it is|'s goodbye $END",
        "goodbye forever|for good|cruel world",
        "goodbye for ever",
        "say|saying|said goodbye to @POSS? @LOVED_ONES|world",
        "final|last goodbye|goodbyes|farewell",
        "sorry for|about everything",
        "sorry for|about all of this",
        "sorry for|about being a burden",
        "sorry for|about all this $END",
        "@SUBJ am a burden *3 @LOVED_ONES|everyone|everybody",
        "burden to|on @POSS? @LOVED_ONES",
        "tell|telling *4 @SUBJ love|loved them|him|her|you",
        "written|wrote|writing a|some? letter|letters to|for @POSS? @LOVED_ONES",
        "left|leaving letters to|for @POSS? @LOVED_ONES",
        "nobody|noone will|would miss me",
        "no one will|would miss me",
        "nobody|noone will|would care|notice if @SUBJ died|die",
        "nobody|noone will|would care|notice if @SUBJ was|were|am gone|dead",
        "no one will|would care|notice if @SUBJ died|die",
        "no one will|would care|notice if @SUBJ was|were|am gone|dead",
        "not be here|around much longer",
        "not be here|around for much longer",
        "not be here|around after tonight",
        "not be here|around *4 for much longer",
        "done with life|living",
        "done with being alive",
        # A method chosen or a plan made.
        "@SUBJ know|knew which|what bridge|cliff|tree|beam|rope",
        "know how @SUBJ would|'d|could|am|will going? to? do|end it",
        "know exactly how|where|when @SUBJ? *3 do|end it",
        "know exactly how|where|when to do|end it",
        "bought|got|tied|tested|have|found|hidden a|the rope|noose|ropes",
        "noose",
        "am standing|sitting on|at|by the|a edge? of? bridge|ledge|cliff",
        "on the|a ledge",
        "@WANT_TO drive|crash|steer @POSS? car? into|off a|the? wall|tree|bridge|cliff",
        # Passive thoughts of death, inside longer messages about treatment.
        # Others' lives easier without the patient:
        "easier|happier|simpler *4 without me",
        "@LOVED_ONES|world *4 better|easier|happier *1 without me|him|her",
        "what it would|'d be like if @SUBJ was|were just? gone|dead",
        "how it would|'d be if @SUBJ was|were just? gone|dead",
        "better|easier|happier|simpler *5 if @SUBJ just|simply? was|were|am|is not @NOT_HERE",
        "better|easier|happier|simpler *5 if @SUBJ just|simply? was|were|am|is gone|dead",
        "wish|wishing|wished @SUBJ could|would just|simply? stop existing",
        "wish|wishing|wished @SUBJ could|would just|simply? disappear|vanish",
        "nobody|noone would|will|'d *2 notice|care|mind if @SUBJ *2 disappeared|vanished|died|went",
        "nobody|noone would|will|'d *2 notice|care|mind if @SUBJ was|were|am not here|around|alive",
        "no one would|will|'d *2 notice|care|mind if @SUBJ *2 disappeared|vanished|died|went",
        "no one would|will|'d *2 notice|care|mind if @SUBJ was|were|am not here|around|alive",
        # A wish not to have survived, or not to wake:
        "wish|wished|wishing @SUBJ had|have|'d|did|do not|never woken|woke|wake|come|came up|round|to|through",
        "wish|wished|wishing @SUBJ had|have|'d|did|do not|never survived|survive",
        "wish|wished|wishing @SUBJ had|have|'d|did|do not|never made it",
        "wish|wished|wishing @SUBJ had|have|'d|did|do not|never pulled through",
        "wish|wished|wishing @SUBJ had|have|'d never been born",
        "wish|wished|wishing @SUBJ had|have|'d died|not been born",
        "wish|wished|wishing *4 had|have|'d killed|finished me off?",
        "not mind|care|fight it? if @SUBJ just|simply|really|never? did|do|does|would|were|was not|never wake|woke|woken up",
        "hope|hoping|hopes|wish|pray|praying @SUBJ *2 do|did|will|would|could|'d not|never wake|woke up",
        "if @SUBJ went|go|goes|fell|fall|were|was to? sleep|asleep *3 did|do|does|would|'d? not|never wake|woke|woken up",
        # Relief imagined at an illness, an accident, an ending:
        "not fight|mind|care|resist it? if something|anything *2 happened|happens|happen|happening to me",
        "if a|the bus|car|lorry|train|truck|van *2 hit|hits|killed|kills|flattened me *6 not be? mind|care|fight|bothered|sad|upset",
        "if a|the bus|car|lorry|train|truck|van *2 hit|hits|killed|kills|flattened me *6 relief|relieved|glad",
        "if something|anything *2 happened|happens|happen to me *8 relief|relieved|welcome|glad",
        "hope|hopes|hoping|wish|wishing|pray|praying *5 cancer|tumour|tumor|lymphoma|leukaemia *2 comes|come|came back",
        "hope|hopes|hoping|wish|wishing|pray|praying *5 cancer|tumour|tumor|lymphoma|leukaemia *2 returns|return|spreads|spread",
        "so|then this|it|everything|things|life can|could|will|would|'d all be over",
        "it|this|everything would|will|'d all be over $PUNCT|then|for|at",
        "want|wants|wanted|wish|wished|like|need|needs it|this all to just|simply? stop|end",
        "want|wants|wanted|wish|wished|like|need|needs it|this all to just|simply? be over",
        "want|wants|wanted|wish|wished|like|need|needs everything to just|simply? stop",
        "want|wants|wanted|wish|wished|like|need|needs everything to just|simply? be over",
        "imagining|imagine|imagined|picturing|picture|pictured|dreaming|dream|fantasising|fantasise @POSS own funeral|death|dying",
        "thinking|thought|thoughts about|of @POSS own funeral|death|dying",
        "@POSS own funeral *8 relieved|relief|peace|peaceful",
        "no reason|point to|in still be|being here|around|alive",
        "no reason|point for me to still be|being here|around|alive",
        "no reason to still? be|being around|alive",
        "had|have enough of being alive",
        "had|have enough of life|living|existing",
        "fed up of|with being alive",
        "dark|darkest thoughts",
        "think|thoughts|thinking|thought of|about not being here|around|alive",
        "think|thoughts|thinking|thought of|about not existing|living",
        # A way of dying imagined ("how easy it would be to step off"):
        "easy|easier|simple it would|'d be to just? jump|step|crash|swerve|veer|steer|end|throw|hang|overdose",
        "would|'d be so|too? easy|easier|simple to just? jump|step|crash|swerve|veer|steer|end|throw|hang|overdose",
        "@WANT_TO *2 let|letting go of the steering? wheel",
        "think|thought|thinking|tempted|imagined|imagining|urge *4 let|letting go of the steering? wheel",
        "@WANT_TO|tempted|imagined|imagining|picturing *3 drive|driving|swerve|swerving|veer|veering|steer|steering off the road|motorway|cliff|bridge",
        "@WANT_TO|tempted|imagined|imagining|picturing *3 swerve|swerving|veer|veering|steer|steering|crash|crashing|drive|driving into|off the|a|an? oncoming|barrier|barriers|central|river|canal|sea|pillar|lamppost|lorry|lorries",
        # Medicine stopped so as to die sooner.
        "stopped|stop|stopping|quit|quitting taking *3 @PILLS|@MEDICINE *4 on purpose|deliberately|intentionally",
        # Hurting oneself, to distract from the pain or again and again.
        # (A person does it: "the sciatica is burning my legs" is pain.)
        "@SUBJ|@ELSE *3 @SELF_HURT @POSS @HURT_BODY",
        "@SUBJ|@ELSE *3 @SELF_HURT @REFL",
        "@SELF_HURT_TOOL at? @POSS @HURT_BODY *2 with a|the|my? @TOOL",
        "@SELF_HURT_TOOL at? @REFL *2 with a|the|my? @TOOL",
        "@SUBJ|@ELSE *3 @SELF_HURT_ANY @POSS @HURT_BODY *2 again",
        "@SUBJ|@ELSE *3 @SELF_HURT_ANY|hurt|hurting|harm|harming|injure|injuring @REFL *4 to|so|just *3 @DISTRACT",
        "@SUBJ|@ELSE *3 @SELF_HURT_ANY|hurt|hurting|harm|harming|injure|injuring @POSS @HURT_BODY *4 to|so|just *3 @DISTRACT",
    ),
}

# Spans that stop an overlapping red flag of that kind.
# Warning signs a patient was told to watch for or asked about, not ones they have.
WATCHING_FOR: tuple[str, ...] = (
    "asked|asking|checked|checking if|whether @SUBJ had|have|has any? numbness|numb",
    "asked|asking|checked|checking if|whether @SUBJ had|have|has any? weakness|tingling",
    "asked|asking|checked|checking if|whether @SUBJ had|have|has any? bladder|bowel",
    "look|looking|watch|watching out for *4 numb|numbness|tingling|weak|weakness",
    "look|looking|watch|watching out for *4 bladder|bowel|bowels|incontinence",
    "keep an eye out for *4 numb|numbness|tingling|weak|weakness|bladder|bowel",
    "watch|watching for *4 numb|numbness|tingling|weak|weakness|bladder|bowel|bowels",
    "watch|watching for *4 incontinence|retention",
)


def talk_about(term: str) -> tuple[str, ...]:
    """Vetoes for a named condition asked, taught or ruled out, not had.

    `term` is a pattern fragment naming the condition ("foot -? drop"). A patient
    who suspects it ("is this cauda equina?", "I think I've got foot drop") is
    not vetoed: the term must follow the question word directly, or come with a
    meaning, a cause or a risk, or be learnt, ruled out or listed.
    """
    return (
        f"what does|do|is|are|'s $QUOTE? {term}",
        f"{term} $QUOTE? *2 mean|means|meaning|stand|stands",
        f"meaning|definition of $QUOTE? *2 {term}",
        f"is|are|can|could|does|do|will|would $QUOTE? {term} *4 something|cause|caused|happen|happens|common|rare|serious|risk|possible|likely|side",
        f"can|could|does|do|will|would|might|may *5 cause|causes|lead|leads|give|gives|trigger|triggers|result $QUOTE? *3 {term}",
        f"risk|risks|chance|chances|danger|dangers of|for|from? $QUOTE? *3 {term}",
        f"flag|flags|conditions|things|complications such|like|including *6 {term}",
        f"learning|learn|learnt|learned|studying|study|taught|teaching|lecture|lectures|seminar|mentioned|mentions|mention|mentioning|explained|warned|warn|described|listed|leaflet|leaflets|article|articles|video|videos|podcast|website *8 {term}",
        f"ruled|rule|ruling out $QUOTE? *3 {term}",
        f"excluded|exclude|excluding $QUOTE? *3 {term}",
        f"student|students|assignment|essay|dissertation|revision *8 {term}",
        f"{term} *8 lecture|lectures|seminar|module|assignment|essay|dissertation|textbook|revision",
    )


VETO_PATTERNS: dict[str, tuple[str, ...]] = {
    "fever": (
        "septic tank|tanks|arthritis",
        # Asking about an infection is not having one.
        "sepsis|infection|infections|abscess|discitis *3 risk|risks|chance|common|rare",
        "sepsis|infection|infections|abscess|discitis *3 show|shows|look|mean|means",
        # Sweating from the weather or a workout.
        "sweating|sweaty|sweats|sweat *6 heat|heatwave|sun|gym|workout|menopause",
        "sweating|sweaty|sweats|sweat *4 hot weather|flat|flush|flushes",
        "sweating|sweaty|sweats|sweat|shaky|shaking *4 sugar|sugars|hypo|hypos",
        "risk|risks|chance|chances|rate|rates of|for *2 infection|infections|sepsis",
        "risk|risks|chance|chances|rate|rates of|for *2 abscess|discitis",
        "hay|glandular|scarlet|yellow|cabin|rheumatic|dengue|lassa|typhoid fever",
        "fever pitch|tree",
        "room|water|outside|pool|bath|shower|ambient|air @TEMPERATURE",
        # Someone else's fever (a child off school) is not the patient's, unless it
        # is high or a fever number follows ("she's got a high fever").
        "@OTHER_PERSON has|have|had|got|'s|is|was a? fever",
        "@OTHER_PERSON 's|has|have|had got a? fever",
        "@OTHER_PERSON has|have|had|got|'s|is|was a? temperature $NOT_READING",
        "@OTHER_PERSON 's|has|have|had got a? temperature $NOT_READING",
        # Shivers that come with a cold or the flu.
        "shivering|shivers|shivery|chills *4 a|the|my|this|bad|head|chesty cold|colds",
        "shivering|shivers|shivery|chills *4 flu|covid|virus|bug",
        # The weather, not the patient ("it's 39C outside").
        "outside|weather|heatwave|sun|forecast|abroad|holiday *4 $FEVER_READING",
        "outside|weather|heatwave|sun|forecast|abroad|holiday *4 $FEVER_NUMBER ° c|f",
        "$FEVER_READING *4 outside|weather|heatwave|sun|forecast|abroad|holiday",
        "$FEVER_NUMBER ° c|f *4 outside|weather|heatwave|sun|forecast|abroad|holiday",
        "it 's|is|was|be|hit|hits|reached $FEVER_NUMBER",
        "$FEVER_NUMBER degrees|degree|° c|f? outside|out|abroad|there",
        "$FEVER_NUMBER degrees|degree|° c|f? in the? car|sun|shade|office|house|flat",
        # 37.6 is not a fever; 38 and over is.
        "$NORMAL_TEMPERATURE *3 fever|temperature",
        # Read about: "back pain and fever can mean infection".
        "fever|fevers|temperature *3 can|could|may|might mean|indicate|signal",
        "@TEMPERATURE *3 $NORMAL_TEMPERATURE",
        "$NORMAL_TEMPERATURE °|degrees|degree? c|f|celsius|fahrenheit? @TEMPERATURE",
    ),
    "chest_pain": (
        "chest of drawers",
        "treasure|toy|tool|war|ice chest",
        "chest freezer|freezers|press|presses|fly|flies|day|workout|exercise|stretch",
        "chest muscle|muscles|infection|xray|expansion",
        "chest x -? ray",
        # "the price nearly gave me a heart attack" is a figure of speech.
        "give|gave|gives|giving|given me|him|her|us|them a heart attack",
        "chest exercises|stretches|hair|size",
        # Tightness from a cold or asthma that is already being looked after (a
        # "cold sweat" is no cold: the word needs an article or a kind before it).
        "@CHEST *3 tight|tightness|wheezy *6 @CHEST_COLD",
        "tight|tightness|wheezy @CHEST *6 @CHEST_COLD",
        # A chest that tightens with nerves, and is known to ("gets tight when I'm
        # anxious"): a habit, not a new pain.
        "@CHEST gets|goes|get|go tight|tighter *4 when|if @SUBJ *2 anxious|nervous|stressed|panicky|panicking|worried|worry|worrying",
        *talk_about("heart|hart attack|attacks"),
        *talk_about("angina"),
        *talk_about("cardiac arrest"),
    ),
    "collapse": (
        # Flopped on the sofa: tired, not ill.
        "collapsed|collapse|collapses|collapsing|flopped *3 on|onto|into|in @POSS|the|a? sofa|bed|settee|couch|chair|armchair|recliner|bath",
        "collapsed|collapse|collapsing|fainted *3 laughing|laughter|giggles|giggling|stitches",
        "passed|passing out *3 on|in|onto @POSS|the|a? sofa|bed|settee|couch|chair|armchair|recliner",
        "passed|passing|pass out *2 leaflets|flyers|forms|papers|sweets|drinks|cards|certificates|of",
        "passed|passing out *6 drunk|pissed|drinking|drink|pints|wine|alcohol|party",
        "drunk|pissed|drinking|drink|pints|wine|alcohol|vodka *6 passed|collapsed|slurring|slurred",
        "slurring|slurred *6 drunk|pissed|drinking|drink|pints|wine|alcohol|tipsy",
        "blacked|blacking|black out @POSS|the|some|all|our? windows|curtains|screen|names|details|blinds|room",
        # A body part or a thing that collapsed ("a collapsed disc").
        "collapsed|collapsing|collapse disc|discs|vertebra|vertebrae|lung|lungs|arch|arches|vein|veins|bone|bones|tent|shed|roof|ceiling|deal|business",
        "back|spine|disc|discs|vertebra|vertebrae|lung|lungs|arch|arches|vein|veins|knee|knees|leg|legs|ankle|ankles|tent|shed|roof|ceiling *2 collapsed|collapsing|collapse",
        # Nearly, or a habit ("I always faint at needles").
        "nearly|almost|practically|virtually fainted|collapsed|passed|blacked|keeled",
        "could|would|might have fainted|collapsed|passed|keeled",
        "always|usually|often|sometimes|normally fainted|faint|pass|passed|collapse",
        "faint|fainted|fainting *3 sight|needle|needles|blood",
        "pass|passed|passing out *3 sight|needle|needles|blood",
        "sight of blood|needles|needle *4 faint|fainted|pass|passed",
        # Unconscious for a procedure, or a figure of speech.
        "unconscious bias|mind|minds|mindedness",
        # Pain "unresponsive to treatment" is not a person.
        "unresponsive to",
        "unconscious|asleep|sedated *3 for|during|throughout the? injection|procedure|operation|op|surgery|treatment|session|scan|epidural",
        "will|would|'d @SUBJ be unconscious",
        "stop|stops|stopped|stopping breathing *4 in @POSS sleep",
        "stop|stops|stopped|stopping breathing *4 at night",
        "apnoea|apnea|snoring|snores *6 stop|stops|stopped|stopping breathing",
        "stop|stops|stopped|stopping breathing *6 apnoea|apnea|snoring|snores",
        "wake|waking|rouse|wakes @ELSE|him|her|them up? *3 for|in the? school|work|college|morning|mornings",
        "stroke of|strokes of",
        "give|gave|gives|giving|given me|him|her|us|them a stroke|fit|seizure",
        "fit about|over|when|because|if",
        "fitting in|into|for|the|a|an|my|his|her|their|our|well|out|together|room",
        "stroke|strokes|anaphylaxis|anaphylactic|allergic|seizure|seizures reaction|reactions? *4 risk|risks|chance|side|complication|complications|possible|common|rare|likely",
        "risk|risks|chance|chances|cause|causes|causing|trigger|triggers|danger|dangers|history *4 stroke|strokes|anaphylaxis|anaphylactic|allergic|seizure|seizures|fainting|faint|collapse|collapsing|fits",
        "lead|leads|leading to *4 stroke|strokes|anaphylaxis|anaphylactic|allergic|seizure|seizures|fainting|faint|collapse|collapsing|fits",
        "what|which are|is the? signs|symptoms|sign|symptom of *2 stroke|anaphylaxis|allergic|allergy",
        "in case of? @SUBJ? *3 anaphylaxis|anaphylactic|allergic|faint|collapse|stroke|seizure|epipen",
        "allergic reaction|reactions *4 once|before|previously",
        "if @SUBJ *3 have|get|had|has|got an? @SEVERE? allergic reaction|reactions",
        "stroke patient|patients|survivor|survivors|unit|ward|clinic|nurse|team|rehab",
        # A swollen face from a tooth.
        "face|jaw|cheek|cheeks|mouth *6 tooth|teeth|dental|dentist|abscess|wisdom|filling|gum|gums",
        "tooth|teeth|dental|dentist|abscess|wisdom|filling|gum|gums *6 face|jaw|cheek|cheeks|mouth",
        # A wheeze that is asthma or a cold.
        "wheezing|wheezy|wheeze *6 asthma|asthmatic|inhaler|cold|cough|chesty|copd|infection|bronchitis|pneumonia|virus|flu|covid",
        "asthma|asthmatic|inhaler|cold|cough|chesty|copd|infection|bronchitis|pneumonia|virus|flu|covid *6 wheezing|wheezy|wheeze",
        *talk_about("stroke|strokes"),
        *talk_about("anaphylaxis|anaphylactic"),
        *talk_about("allergic reaction|reactions"),
        *talk_about("seizure|seizures"),
    ),
    "saddle_numbness": (
        *WATCHING_FOR,
        "bottom|bottoms of",
        "ball|balls of @POSS? foot|feet|toes",
        "ball|balls of @POSS? big? toe",
        "exercise|gym|swiss|massage|tennis|foam|physio|stability|yoga ball|balls",
        "at the bottom",
        "saddle sore|sores|soreness",
        "saddle anaesthesia|paraesthesia|numbness mean|means|meaning",
        "mentioned|explained|described|listed *2 saddle|numbness",
        # Pressure numbness from a hard seat or a bike saddle.
        "numb|numbness|dead|tingly|tingling|needles from|after *2 sitting|sat|cycling",
        "numb|numbness|dead|tingly|tingling|needles from|after *2 riding|crossing",
        *talk_about("saddle anaesthesia|paraesthesia|numbness"),
    ),
    "leg_weakness": (
        *WATCHING_FOR,
        "between @POSS? legs",
        # Tired legs after exercise ("like jelly after spin class").
        "jelly|rubber|wobbly|shaky|tired|heavy|weak|dead *3 after|from *3 @EFFORT",
        "jelly|rubber|wobbly|shaky|tired|heavy|weak|dead *3 during *3 @EFFORT",
        "numb|tingly|dead|jelly|weak *3 on|during|after|from *2 @EFFORT",
        "ball|balls of @POSS? foot|feet",
        "numb|numbness|dead|tingly|tingling *3 cold|winter|frozen|freezing",
        # Pressure numbness of a leg that wakes up ("dead from sitting on it").
        "numb|numbness|dead|asleep|tingly|tingling from|after *2 sitting|sat|kneeling",
        "numb|numbness|dead|asleep|tingly|tingling from|after *2 crossing|lying",
        # Foot drop read about, not had.
        "read|reading|heard|learnt|learned|googled about? foot -? drop",
        "foot -? drop *3 online|article|leaflet|website|forum|video",
        "video|article|leaflet|programme|podcast|post|page on|about foot -? drop",
        # Asked about, not had ("is foot drop something that happens with sciatica?").
        "is|can|does|do foot -? drop something|happen|happens|common|serious|mean",
        "foot -? drop mean|means|meaning",
        # A single giving way years ago.
        "@GIVE_WAY *8 years|months ago",
        "@GIVE_WAY *8 last year|month|summer|winter|spring|autumn|christmas",
        # Numb feet of long standing (diabetes, neuropathy), not a new loss.
        "long -? standing @NUMB",
        "longstanding|lifelong|chronic|permanent|permanently @NUMB",
        "diabetic|diabetes|neuropathy|neuropathic *6 numb|numbness|tingly|tingling",
        # Asking whether a treatment will make the legs weak is not weak legs.
        "will|would|can|could|might|may|does|do *4 make|makes @POSS? @LEGS feel? weak",
        "will|would|can|could|might|may|does|do *4 make|makes @POSS? @LEGS feel? numb",
        "will|would|can|could|might|may|does|do *4 make|makes @POSS? @LEGS feel? heavy",
        "@GIVE_WAY *8 never since",
        # A leg that went dead from being sat or lain on.
        "@NUMB|dead|asleep *8 sitting|sat|lying|lay|slept|sleeping|kneeling|leaning on it|them",
        # Feet numb and white in the cold (Raynaud's, chilblains).
        "raynaud|raynauds|chilblains *8 numb|numbness|white|dead",
        "numb|numbness|white|dead *8 raynaud|raynauds|chilblains",
        "numb|numbness|dead|tingly|tingling|white *5 in the cold|winter|snow",
        *talk_about("foot -? drop|drops"),
        *talk_about("footdrop|dropfoot"),
        *talk_about("drop|dropped foot"),
        *talk_about("myelopathy"),
        *talk_about("cord compression"),
    ),
    # A catheter from an operation or a birth is not retention now.
    "bladder_bowel": (
        *WATCHING_FOR,
        # Cauda equina treated, read or asked about is not cauda equina now.
        "read|reading|heard|learnt|learned|googled about? cauda equina",
        "cauda equina *3 online|article|leaflet|website|forum|video",
        "cauda equina *2 surgery|operation|op|decompression|surgeon|surgeons",
        "cauda equina *6 $YEAR|ago|recovered",
        "history of cauda equina",
        "surgery|operation|op|decompression|surgeons for|with cauda equina",
        "what does|do cauda equina",
        "cauda equina mean|means|meaning",
        # A sign laughed into ("peed myself laughing") is not lost control.
        "@WET @REFL *2 laughing|laughter",
        "cauda equina *3 as a? warning sign|signs|symptom",
        "retention|incontinence *3 as a? warning sign|signs|symptom",
        "mentioned|explained|described|listed *2 urinary|cauda|retention|incontinence",
        "what is|are|'s the? cauda equina",
        "what|which are|is the? signs|symptoms|causes of cauda equina",
        "catheter *6 ago|section|caesarean|birth|labour|delivery|op|operation|surgery",
        "catheter *3 after|during|following @POSS? c|caesarean|birth|labour|delivery",
        *talk_about("cauda|corda|cauder|caudal|coda equina|equine|equinas"),
        *talk_about("ces"),
        *talk_about("urinary|bladder retention"),
        *talk_about("incontinence"),
    ),
    "trauma": (
        "minor|small|little|slight|tiny|low @VEHICLE? @CRASH",
        "minor|small|little|slight|tiny fall",
        # "feel like I've been hit by a bus" after a Pilates class.
        "like *3 hit|run|knocked by|over a|an? bus|truck|train|lorry|steamroller",
        "@FALL asleep|pregnant|ill|sick|apart|behind|short|silent",
        "@FALL out with",
        "@FALL in love",
        "slipped|prolapsed an? disc|discs",
        "slipped away",
        "tripped the|a? fuse|fuses|switch|breaker|alarm|circuit",
        "fall|fallen|fell off the? wagon",
        "crack of dawn",
    ),
    "self_harm": (
        "suicide squad",
        "suicide prevention|hotline|helpline|line",
        # "I hope I don't wake up with a stiff neck again" is about the morning.
        "wake|woke|woken|waking up with|feeling|stiff|sore|early|so",
        "wake up in|at pain|agony|night",
        # "enough to kill the pain" is about pain relief.
        "kill|killing|kills the|this|my pain|pains|ache|aches",
        # Medicine taken as it should be ("took all my tablets as prescribed").
        "@PILLS|@MEDICINE *3 as|like prescribed|directed|instructed|advised|told",
        "@PILLS|@MEDICINE *3 as|like recommended|usual|normal|agreed|per",
        # (taken every night, not put by every night)
        "take|takes|taking|took|taken|have|has|having|had|on|use|using|need|needs @POSS? *3 @PILLS|@MEDICINE *3 every|each day|morning|night|evening",
        "@PILLS|@MEDICINE *3 regularly|still|daily",
        "@PILLS|@MEDICINE *3 on time",
        "@PILLS|@MEDICINE *3 for the day",
        "@PILLS|@MEDICINE *3 with @POSS? food|water|breakfast|dinner|tea|meal",
        # Years of trying medicine that did not work, or a prescribed course.
        # (taken or tried for years, not saved for weeks)
        "taken|taking|take|took|tried|trying|on|had|having|used|using @POSS? *2 @PILLS|@MEDICINE *4 over|for the? years|months|weeks|ages|decades",
        "@PILLS|@MEDICINE *3 nothing|none helps|helped|works|worked|touches|touched",
        "@PILLS|@MEDICINE *4 prescribed|gave|given",
        "course of @PILLS|@MEDICINE|antibiotics",
        "famous last words",
        "going to die every|whenever",
        "goodbye for now",
        # Pain that should stop, not a life ("I'd like everything to stop hurting").
        "stop|end hurting|aching|throbbing|burning|spasming|flaring|hurt|ache",
        # An accident, a massage gun, or pain told as a simile.
        "@SELF_HURT_ANY *6 cooking|kitchen|oven|shaving|chopping|knife|iron|kettle|pan|accident|accidentally|gardening|massage|roller|theragun|gun|diy|hob|stove",
        "like|though someone|somebody|something|a|an *4 @SELF_HURT_ANY",
        "as if someone|somebody|something|a|an *4 @SELF_HURT_ANY",
        "reflex|reflexes *6 @SELF_HURT_ANY|hammer",
        # Medicine stopped as an experiment, not to die.
        "on purpose|deliberately|intentionally *2 to see|test|check|try|find|gauge",
        # Others better off without a moan, or without the patient on a Monday.
        "without me moaning|complaining|whinging|nagging|grumbling|fussing|going|getting|slowing|holding|bothering|ringing|calling|interfering|there",
        "not here|around|there on|at|during|until|till|between|while|next",
    ),
}

# Vague signs of a fever (shared by two conditional rules below).
FEVER_SIGNS: tuple[str, ...] = (
    "shivering|shivers|shivery|chills|sweats|sweating|sweaty|clammy",
    "hot and cold",
    "hot cold|then",
    "boiling|roasting hot",
    "burning up",
    "cold sweat|sweats",
    "uncontrollable|uncontrollably shaking|shivering|trembling|shakes",
    "shaking|shivering|trembling uncontrollably",
    "@CANT stop shaking|shivering",
    "teeth chattering",
    "confused|drowsy|muddled|delirious and|& hot|burning|feverish|shivery",
    "hot|burning|feverish|shivery and|& confused|drowsy|muddled",
)

# Signs that flag only with a context elsewhere in the message (any clause).
# rule name -> sign patterns; CONDITIONAL_KINDS gives the rule's red-flag kind and
# CONDITIONAL_CONTEXT the context patterns (a rule without one needs the back or
# spine mentioned: SPINE_CONTEXT_*).
CONDITIONAL_PATTERNS: dict[str, tuple[str, ...]] = {
    # Vague fever signs with back pain.
    "fever": FEVER_SIGNS,
    # The same signs after an injection or an operation, with IV drug use or a
    # weak immune system: the setting of a spinal infection.
    "fever_with_infection_risk": (
        *FEVER_SIGNS,
        "flu -? like|ish",
        "feel|feeling|felt like @SUBJ have got? the? flu",
    ),
    # Chest or rib pressure that is cardiac when the breath, sweat or arm says so.
    "cardiac_signs": (
        "@CHEST_GRIP|@CHEST_LOAD|vice *3 round|around|across|on|squeezing @POSS ribs",
        "@CHEST_GRIP|@CHEST_LOAD|vice *3 round|across|squeezing @POSS? ribcage|torso",
        "@CHEST_GRIP|@CHEST_LOAD|vice *3 crushing|squashing|pressing on? @POSS ribs",
        "@CHEST *3 weird|funny|strange|odd|wrong|fluttery|fluttering|squeezed",
        "@CHEST *3 not right",
        "@CHEST_GRIP *3 round|around|across|on|squeezing @POSS @CHEST",
        "feeling|sensation|something in|on|across|behind @POSS @CHEST",
        "feeling|sensation|something in|on|across|behind the|my? @CHEST_PART of @POSS? @CHEST",
        "pain|pressure|tightness|heaviness|ache *4 round|into to? the front",
        "pain|pressure|tightness|heaviness|ache *4 moved|spread to|round the front",
    ),
    # A goodbye that reads as final with an apology or a message for someone.
    "final_goodbye": (
        "goodbye|farewell|bye|byebye",
        "not be around|here *2 by then",
        "not be around|here *2 anymore|tomorrow",
        "not be around|here *2 much|for long|longer",
        "not be around|here after",
        "not be needing|need @POSS|the|any|that appointment|appointments|booking",
        "not be needing|need @POSS|the|any|that treatment|physio|help|session",
        "thank|thanks you? for trying",
        "just wanted someone to know",
        "wanted to say goodbye|thanks",
    ),
    # A place to end it, with the end named ("drive to the bridge tonight").
    "place_to_end_it": ("bridge|cliff|cliffs|tracks|railway|viaduct|motorway",),
    # A reading with no word for it ("39 degrees") from a back patient.
    "fever_reading": ("$FEVER_NUMBER degrees|degree",),
    # Numbness of the shin or foot with weakness: a nerve root losing function.
    "numb_and_weak_leg": (
        "@NUMB|dead *4 shin|shins|ankle|foot|feet|toes|calf|leg",
        "@POSS? left|right? shin|shins|foot|feet|toes|calf|leg *3 @NUMB|dead",
    ),
    # An ordinary fall breaks a fragile spine, and a fall you cannot get up from
    # is serious at any age: "my nan (88) fell", "83 with osteoporosis, slipped".
    "fall_when_frail": (
        "@FELL",
        "fall|falls|falling over|down",
        "had|has|'s had? a fall|tumble",
        "took a tumble",
    ),
    # Pins and needles in both arms or legs after a blow is a cord injury sign.
    "limbs_after_impact": (
        "@NUMB|weakness|weak *3 both|either @POSS? arms|hands|legs|feet|sides",
        "both @POSS? arms|hands *3 @NUMB|weak",
        "@CANT feel|move @POSS? arms|hands",
        "@POSS? fingers|hands|arms *2 @NUMB|weak",
        "@NUMB *2 in @POSS? fingers|hands|arms",
    ),
    # "like I've had an anaesthetic at the dentist" with the bum or groin named.
    "saddle_simile": (
        "like *5 anaesthetic|anaesthetised|novocaine|dentist|dental|dentists",
        "like *3 not @POSS? own|mine|attached",
    ),
    # Medicine put by "so I have enough": how an overdose is prepared.
    "gathering_pills": (
        "collecting|collected|gathering|gathered|keeping|kept @POSS? @PILLS|@MEDICINE",
        "saving|saved|stocking|stocked @POSS? @PILLS|@MEDICINE",
        "stockpiling|stockpiled|hoarding|hoarded|stashing|stashed",
        # "keeping a few back each week": the week's tablets not all taken.
        "keeping|kept|holding|held|putting|put|hiding|hid|tucking|tucked|setting|set a? few|couple|some|one|two|them|@PILLS back|aside|away|by",
        "keeping|kept|holding|held|putting|put|setting|set back|aside a? few|couple|some|one|two|@PILLS|@MEDICINE",
        "keeping|kept|holding|held|putting|put|hiding|hid|setting|set a? few|couple|some|one|two of @POSS|the? @PILLS|@MEDICINE back|aside|away|by",
    ),
    # Swelling of the face or throat, or a wheeze, after an injection, a sting or
    # an allergen: a severe allergic reaction.
    "allergic_swelling": (
        "@POSS? face|throat|mouth *3 swelling|swollen|swelled|swell|swells|puffing",
        "@POSS? face|throat|mouth *3 puffed|ballooning|ballooned",
        "@POSS? eyes|eye *3 swelling|swollen|swelled|puffing|puffed shut|closed|up",
        "@POSS? throat *3 tight|tightening|closing|thick",
        "swelling|swollen|swelled of|in|round|around @POSS? face|throat|mouth",
    ),
    "allergic_wheeze": ("wheezing|wheezy|wheeze",),
    # Stroke signs that are ordinary on their own ("talking funny", "can't lift my
    # arm") and flag with a face or speech sign anywhere in the message.
    "stroke_signs": (
        "talking|speaking|talks|speaks funny|gibberish|nonsense|strangely|oddly|weird|weirdly|strange|drunk",
        "@CANT get @POSS? words out",
        "words *3 jumbled|muddled|wrong|mixed|coming|slurred",
        "@CANT lift|raise|move|grip|hold *2 @POSS? left|right? arm|arms|hand",
        "@POSS? left|right? arm|hand *3 gone|went|suddenly|sudden *2 weak|numb|dead|floppy|heavy|limp",
        "@POSS? left|right? arm|hand *3 weak|numb|dead|floppy|heavy|limp",
        "confused|drowsy|muddled",
        "not making|make any? sense",
    ),
    # "nothing comes out" with a wee named: with a poo it is constipation.
    "nothing_comes_out": (
        "nothing|hardly|barely|little *3 comes|come|came|coming out",
        "only|just a? dribble|dribbles|dribbling|trickle|trickles|trickling",
    ),
}
CONDITIONAL_KINDS: dict[str, str] = {
    "fever": "fever",
    "fever_with_infection_risk": "fever",
    "fever_reading": "fever",
    "place_to_end_it": "self_harm",
    "cardiac_signs": "chest_pain",
    "final_goodbye": "self_harm",
    "numb_and_weak_leg": "leg_weakness",
    "fall_when_frail": "trauma",
    "limbs_after_impact": "trauma",
    "nothing_comes_out": "bladder_bowel",
    "gathering_pills": "self_harm",
    "saddle_simile": "saddle_numbness",
    "allergic_swelling": "collapse",
    "allergic_wheeze": "collapse",
    "stroke_signs": "collapse",
}
CONDITIONAL_CONTEXT: dict[str, tuple[str, ...]] = {
    "fall_when_frail": (
        "@FRAIL",
        "@CANT get up|off",
        "@CANT get back up",
        "on the floor|ground *3 hours|hour|since|all",
        "still|lying|lay|been on the floor|ground",
    ),
    "limbs_after_impact": ("@IMPACT",),
    "saddle_simile": ("@SADDLE",),
    "nothing_comes_out": ("@URINE", "bladder|bladders"),
    "gathering_pills": (
        "enough now|together|saved|stored|stashed",
        "have|got enough",
        "collection|stash|stockpile|stockpiled|hoard|supply",
        "gets|get|got|becomes|became too much",
        "in case *5 enough",
        "in case *5 too much",
    ),
    "allergic_swelling": ("@ALLERGEN", "wheezing|wheezy|wheeze|breathe|breathing"),
    "allergic_wheeze": ("@ALLERGEN", "swelling|swollen|swelled|puffy|puffing"),
    "stroke_signs": (
        "droop|drooping|droopy|drooped|lopsided|slurred|slurring|thunderclap",
        "face|mouth|smile *3 @FACE_FALL",
    ),
    "fever_with_infection_risk": ("@INFECTION_RISK",),
    "cardiac_signs": ("@CARDIAC",),
    "final_goodbye": (
        "tell|telling|let *4 @SUBJ am|was so|really|very|truly? sorry $END",
        "tell|telling|let *4 @SUBJ am|was so|really|very|truly? sorry for|about",
        "sorry for|about everything",
        "sorry for|about all this|it $END",
        "sorry for|about all of this|it all $END",
        "forgive me $END",
        "forgive me for everything",
        "love you all",
        "look after @POSS @LOVED_ONES|dog|cat",
        "take care of @POSS @LOVED_ONES|dog|cat",
        "not need|needing *4 where @SUBJ am going",
        # Affairs put in order: a will sorted, a pet given away.
        "sorted|made|written|wrote|updated|done|finished @POSS will",
        "made|making|sorted @POSS plans|plan",
        "given up",
        "the end of the|my pain|suffering|road|line",
        "the end of it|everything|me",
        "given|gave|giving away? @POSS? dog|cat|pets|things|belongings|stuff to|away",
    ),
    "place_to_end_it": (
        "given up",
        "the end of the|my pain|suffering|road|line",
        "the end of it|everything|me",
        "end it|this|everything|things",
        "no point|way out",
    ),
    "numb_and_weak_leg": (
        "@LEG_REF|ankle|ankles|shin *4 weak|weakness|weaker|floppy",
        "weak|weakness|weaker in|of @LEG_REF",
        "@CANT lift|raise|bend|move|flex|point *2 @LEG_REF|ankle|toes",
        "drag|drags|dragging|tripping|trip",
        "@LEG_REF *2 @GIVE_WAY",
    ),
}

# Kinds dropped when the same sentence says the symptom passed ("fine once I got
# up", "physio fixed it") and nothing says it came back ("but now it's worse").
RESOLUTION_SENSITIVE_KINDS: frozenset[str] = frozenset(
    {"saddle_numbness", "leg_weakness", "bladder_bowel", "fever"}
)
RESOLVED_PATTERNS: tuple[str, ...] = (
    "fine|ok|okay|normal|better|alright once|when|after @SUBJ",
    "fine|ok|okay|normal|better|alright as soon as @SUBJ",
    "went|goes|go|gone|wore|wears|worn off|away",
    "fixed|sorted|cured|resolved it|that|them",
    "cleared|clears|cleared up",
    "back to normal",
    "recovered|better|resolved completely|fully",
    "fully|completely recovered|resolved|better",
    "nothing|none since",
    "fine|normal|perfect|ok|okay ever? since",
    "turned out to be nothing|fine",
    # Warning signs listed and then denied ("... - I haven't got any of them").
    "have|had not got|had|noticed any of them",
    "none of them",
    # "went completely", "settled within a day", "no issues since", "then fine".
    # (not "went completely numb": the word after says it is gone, not changed)
    "went|gone|disappeared|vanished|cleared|settled completely|totally|entirely|fully $PUNCT|within|after|by|in|over|and|with|once|when|since|away",
    "disappeared|vanished|cleared|settled completely|totally|entirely|fully",
    "it|that|they|which|this|things|everything settled|settles|eased|subsided",
    "settled down|completely|quickly|within|by|after",
    "all better|fine|good|clear|sorted|normal now",
    "no issues|problems|trouble|symptoms|bother|recurrence *3 since|after|afterwards",
    "not had|have any? issues|problems|trouble|bother|symptoms|recurrence *2 since",
    "then totally|completely|perfectly|absolutely|all? fine|ok|okay|normal|better",
    "cleared|clears within|completely|quickly|by|after",
    "never|not came|come|comes back|returned",
)
# "now" that moves on to something else ("fine since, now just niggles") is not a
# relapse.
NOT_RELAPSE_PATTERNS: tuple[str, ...] = (
    "now just|only|wondering|asking|looking|thinking|interested|considering|hoping",
    "now want|wanting|wants|need|needing|after|about",
    "all better|fine|good|clear|sorted|normal now",
    "never|not came|come|comes back|returned",
    "now it is|'s just|only|mainly|mostly|more",
)
RELAPSE_PATTERNS: tuple[str, ...] = (
    "now|again|still|worse|returned|recurring|recurred|constant|constantly",
    "came|come|comes|coming back",
    # A new onset: "it went completely, and since yesterday I can't feel ...".
    "since yesterday|today|tonight|lunch|lunchtime|breakfast|monday|tuesday|wednesday",
    "since thursday|friday|saturday|sunday",
    "since this|last morning|afternoon|evening|night",
    "since the weekend",
)
# A resolution told before a "but" does not reach a symptom after it ("it went
# completely but since yesterday I can't feel ..."); one told after it does
# ("my bum went numb on the train but it went away when I got up").
CONTRAST_WORDS: frozenset[str] = frozenset(
    {"but", "however", "although", "though", "yet", "whereas", "except"}
)
# "used to" before a symptom is a habit of the past ("used to wet myself when I
# sneezed"); "I'm used to" / "got used to" is about the present.
HABIT_WORDS: tuple[str, str] = ("used", "to")
HABIT_NOT_AFTER: frozenset[str] = frozenset(
    {"am", "is", "are", "be", "being", "been", "get", "gets", "got", "getting"}
)
HABIT_EXEMPT_KINDS: frozenset[str] = frozenset({"self_harm"})
SPINE_CONTEXT_WORDS: frozenset[str] = frozenset(
    {"backache", "backpain", "sciatica", "spinal", "lumbago", "slipped", "herniated"}
)
SPINE_CONTEXT_VALUES: frozenset[str] = frozenset(
    {
        "back",
        "lower back",
        "upper back",
        "neck",
        "spine",
        "disc",
        "facet joints",
        "sciatic nerve",
        "coccyx",
        "sacroiliac joint",
    }
)

HISTORY_SENSITIVE_KINDS: frozenset[str] = frozenset(
    {"trauma", "fever", "chest_pain", "collapse"}
)
HISTORY_PATTERNS: tuple[str, ...] = (
    "years|months|decades ago",
    "a|one|two|three|four|five|six|several|few|couple|$NUMBER year|month ago",
    "last year",
    "a|one|two|three|four|five|six|few|couple|$NUMBER of? week|weeks ago",
    "a|one|two|three|few|couple|$NUMBER of? fortnight|fortnights ago",
    "last month|winter|summer|spring|autumn|christmas",
    "in|since|last january|february|march|april|june|july|august|september",
    "in|since|last october|november|december",
    "in the 50s|60s|70s|80s|90s|fifties|sixties|seventies|eighties|nineties",
    "years back",
    "back? in|since $YEAR",
    "as a child|kid|teenager|teen|boy|girl|baby",
    "when i was a? younger|young|little|child|kid|teenager|teen|boy|girl|baby",
    "in @POSS teens|twenties|thirties|youth|childhood",
    "in the past",
    "long time ago",
    "old injury",
    # someone who died of it: "my dad died of a heart attack"
    "died|passed away? of|from",
)

# A screening question the patient reports and answers "no": "my GP asked whether
# I'd had thoughts of harming myself, and I honestly haven't". A red flag that
# follows an ASKED_PATTERNS span (within ASKED_REACH tokens, same sentence) is
# dismissed when a DENIAL_PATTERNS span follows it in the sentence and no
# AFFIRMATION_PATTERNS span does. A denial or an affirmation counts only when its
# clause ends there or goes on with a word of ANSWER_TAILS ("I don't." / "I
# haven't had any"), not "I don't want to be here".
ASKED_PATTERNS: tuple[str, ...] = (
    "asked|asks|asking|ask|screened|screening|questionnaire|question|questions *5 if",
    "asked|asks|asking|ask|screened|screening|questionnaire|question|questions *5 whether|about",
    "wanted|wants to know *3 if|whether",
    # what a leaflet or a clinician lists, then "I've had neither"
    "lists|listed|mentions|mentioned|warns|warned|describes|described|covers *3 about?",
)
ASKED_REACH = 10
# Advice the patient read or was given, told of "you": "I read you should go to
# A&E if you can't feel yourself when wiping". A red flag right after it (within
# ADVICE_REACH tokens, same sentence) is dismissed unless an affirmation follows
# it in the sentence ("..., and I have since this morning").
ADVICE_PATTERNS: tuple[str, ...] = (
    "read|told|advice|advised|says|said|leaflet|warned|warning|website|explained *10 if|when you",
)
ADVICE_REACH = 2
DENIAL_PATTERNS: tuple[str, ...] = (
    "@SUBJ honestly|really|genuinely|definitely|certainly|truly|totally|absolutely? do|did|have|has|had|am|is|was|'d not|never",
    "said|answered|replied|told @POSS|her|him|them|the|doctor|gp|nurse? no|not|never|nope",
    "none|nothing of the sort|kind",
    "@SUBJ honestly|really|genuinely|definitely|certainly|truly? have|had|got none|neither",
    "@SUBJ have|had|'d got? none|neither",
    "@SUBJ have|'d? had|got none|neither",
    "none|neither of them|those|these|that|it",
    "not at all",
)
# A denial of every sign just named, in its sentence or the next: "The leaflet lists
# red flags like bladder problems. I don't have any of those." It dismisses a flag
# that was asked about or listed (ASKED_PATTERNS) or stands in a question ("does
# IDD ever cause bladder problems? i dont have anything like that"), when no
# affirmation follows it.
DENY_ALL_PATTERNS: tuple[str, ...] = (
    "@SUBJ do|did|have|has? not have|got|had|get|experience any|anything of|like? those|these|them|that",
    "@SUBJ have|had|got no|none symptoms|signs|problems? like|of that|those|these|them",
    "nothing like that|this|those",
)
AFFIRMATION_PATTERNS: tuple[str, ...] = (
    "said|answered|replied|told @POSS|her|him|them|the|doctor|gp|nurse? yes|yeah|yep",
    "@SUBJ honestly|really|genuinely|actually|definitely? do|did|have|has|had|am|is|was",
)
ANSWER_TAILS: frozenset[str] = frozenset(
    """and but so then though either at honestly really thankfully luckily any
    anything had have got get ever since lately recently i which thank thanks none
    whatsoever no sometimes occasionally often again yes of""".split()
)

# --- Entities -----------------------------------------------------------------------

# label -> canonical value -> phrasings
ENTITY_PATTERNS: dict[str, dict[str, tuple[str, ...]]] = {
    "treatment": {
        "IDD Therapy": (
            "idd therapy|treatment|sessions|session?",
            "computerised|nonsurgical? spinal decompression",
            "non -? surgical spinal decompression",
            "spinal decompression therapy|treatment",
            "decompression therapy|treatment",
            "idd -? therapy",
        ),
        "Shockwave Therapy": (
            "shockwave therapy|treatment?",
            "shock -? wave therapy|treatment?",
            "eswt",
            "extracorporeal shockwave therapy|treatment?",
        ),
        "Medical Acupuncture": (
            "medical|western? acupuncture",
            "dry needling",
        ),
        "Clinical Pilates": ("clinical? pilates",),
        "Physiotherapy": (
            "physiotherapy|physio|physios|physiotherapist|physiotherapists",
            "physical therapy|therapist|therapists",
        ),
        "Manual Therapy": (
            "manual therapy",
            "spinal? manipulation|mobilisation|mobilisations",
        ),
        "Injections": (
            "steroid|cortisone|epidural|facet|spinal? injection|injections",
            "pain -? relieving injection|injections",
            "facet joint injection|injections",
            "epidural",
            "nerve|root block|blocks",
            "nerve root block|blocks",
        ),
        "CBT": (
            "cbt",
            "cognitive behavioural therapy",
            "cognitive behaviour therapy",
        ),
        "Pain Management": ("pain management",),
        "Medication": (
            "painkillers|painkiller|ibuprofen",
            "pain killers|killer",
            "anti -? inflammatories|inflammatory",
            "pain -? killing medication",
            "medication|medications|paracetamol|codeine|naproxen|gabapentin",
            "pregabalin|amitriptyline|tramadol",
        ),
        "Rehabilitation": (
            "rehab|rehabilitation",
            "exercise therapy|rehabilitation",
            "rehab exercise|exercises",
        ),
    },
    "procedure": {
        "Microdiscectomy": (
            "microdiscectomy",
            "micro -? discectomy",
        ),
        "Discectomy": ("discectomy",),
        "Spinal Fusion": (
            "spinal|lumbar|cervical|spine fusion surgery|operation?",
            "fusion surgery|operation",
            "fusion",
        ),
        "Laminectomy": ("laminectomy",),
        "Disc Replacement": ("disc replacement",),
        "Spinal Surgery": (
            "back|spinal|spine|disc surgery|operation|op",
            "failed back|spinal surgery",
            "keyhole surgery",
            "minimally invasive spinal? surgery",
            "decompression surgery",
            "surgery|operation",
        ),
    },
    "body_part": {
        "lower back": (
            "lower|low back",
            "lumbar spine|region|area?",
            "lumbago",
            "small of @POSS back",
        ),
        "upper back": ("upper|mid|middle back", "thoracic spine|region?"),
        "back": ("back|backache|backpain",),
        "neck": ("neck", "cervical spine"),
        "spine": ("spine|backbone", "spinal column|cord"),
        "disc": (
            "disc|discs",
            "intervertebral|spinal|slipped|bulging|herniated|prolapsed disc|discs",
        ),
        "facet joints": ("facet joint|joints",),
        "sciatic nerve": ("sciatic nerve|nerves", "sciatic"),
        "nerve": ("nerve|nerves",),
        "leg": ("leg|legs",),
        "foot": ("foot|feet",),
        "hip": ("hip|hips",),
        "buttock": ("buttock|buttocks|glute|glutes",),
        "shoulder": ("shoulder|shoulders",),
        "arm": ("arm|arms",),
        "coccyx": ("coccyx|tailbone",),
        "sacroiliac joint": ("sacroiliac joint|joints", "si joint|joints"),
        "pelvis": ("pelvis",),
    },
}

# A one-word entity with this norm is kept only when a neighbouring word says it
# means the body part ("my back", "back pain", not "come back" or "back in May"):
# (words allowed before, words allowed after).
ENTITY_NEEDS_CONTEXT: dict[str, tuple[frozenset[str], frozenset[str]]] = {
    "back": (
        frozenset(
            {
                "my",
                "his",
                "her",
                "their",
                "your",
                "our",
                "the",
                "bad",
                "sore",
                "stiff",
                "painful",
                "aching",
                "injured",
                "hurt",
                "whole",
                "'s",
            }
        ),
        frozenset(
            {
                "pain",
                "pains",
                "ache",
                "aches",
                "aching",
                "problem",
                "problems",
                "issue",
                "issues",
                "injury",
                "injuries",
                "spasm",
                "spasms",
                "muscles",
                "surgery",
                "operation",
                "hurts",
                "hurting",
                "throbbing",
                "killing",
                "agony",
                "is",
            }
        ),
    ),
}
# A one-word entity with this norm is dropped after these words ("GP surgery").
ENTITY_EXCLUDED_AFTER: dict[str, frozenset[str]] = {
    "surgery": frozenset(
        {"gp", "gps", "doctor", "doctors", "'s", "dental", "dentist", "vet", "local"}
    ),
}
