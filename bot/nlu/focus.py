"""What the classifiers should read of a message: the question, and the topic in play.

Patients write stories: "I had a fusion in 2021 ... the pain has crept back. Is
there anything non surgical you could try for someone like me?". Classifiers that
read the whole story answer the story (symptoms), not the question. And they write
follow-ups: "does it hurt?" after an answer about IDD Therapy. This module turns
both into what a tidy question would say, for the classifiers only:

- a long message becomes its question part, plus the treatments and procedures
  its story names ("... for someone like me? Spinal Fusion");
- a short follow-up that names no treatment of its own gets the topic of the
  previous answer ("does it hurt? IDD Therapy").

The red-flag rules and the form never see this text: they read what the patient
wrote (bot/nlu/components.py). No Rasa import here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.clinical import analyse
from bot.nlu.sentences import (
    question_clauses,
    question_part,
    sentences,
    spoken_question,
    word_count,
)
from bot.nlu.wishes import questions_besides_booking, wants_booking

# A story is at least this long before we look for its question.
MIN_STORY_WORDS = 15
# A follow-up is a short message: longer ones say what they are about.
MAX_FOLLOW_UP_WORDS = 14
# A message asking this many questions gets an answer to each (more is a list of
# worries, which the best single answer and the phone numbers serve better).
MIN_QUESTIONS = 2
MAX_QUESTIONS = 3
# Labels of the clinical entities that name what a question is about.
TOPIC_LABELS = ("treatment", "procedure")
# "you there?" is a greeting; "what's the postcode?" asks about the clinic.
MIN_CLINIC_QUESTION_WORDS = 3
# A question this short that says "it" or "that" is about the sentence before it.
MAX_BARE_QUESTION_WORDS = 6
# ... which is kept when it is this short; a longer one is story, and only the
# treatments it names are kept (the classifiers cannot find a question in a story).
MAX_POINTED_AT_WORDS = 12

# Words that lean on something said before: "does IT hurt", "who gives THEM".
_LEANS_ON_BEFORE = re.compile(
    r"\b(?:it|its|it's|they|them|their|theyre|they're|those|these|this|that|thats|"
    r"that's|one|ones|there|same|either|such|mine)\b"
    r"|^\s*(?:and|but|so|also|plus|or|then|what about|how about|what if|why not|"
    r"why|how come|how long|how many|how often|any|(?:what|which) (?:kind|type|sort)s?|"
    r"which ones?)\b",
    re.IGNORECASE,
)
# "how is it different from the operation?", "does it replace the injections?":
# "it" is the answer's topic, compared with the treatment the follow-up names
_COMPARED = re.compile(
    r"\b(?:is|does|do|are|can|will|would|could|should)\s+(?:it|they|that|this)\s+"
    r"(?:\w+\s+){0,2}?(?:different|better|worse|safer|compare|replace|same|"
    r"instead|than|like)\b",
    re.IGNORECASE,
)
# "does it hurt?" with no answer before it: nobody can tell what "it" is.
_BARE_PRONOUN = re.compile(
    r"\b(?:it|its|it's|they|them|their|those|these)\b", re.IGNORECASE
)
# ... unless it is about the clinic itself: "where is it?", "how much is it?"
_ABOUT_THE_CLINIC = re.compile(
    r"\b(?:you|your|u|ur|clinic|where|cost|costs|price|pay|much|open|appointments?|book|"
    r"postcode|address|phone|number|email|park|parking)\b",
    re.IGNORECASE,
)
# "... and what's the postcode?": the "and" joins, it does not lean on anything
_CONJUNCTION = re.compile(r"^\s*(?:and|but|also|plus|so|or)\b[\s,]*", re.IGNORECASE)
_TRAILING_CONJUNCTION = re.compile(
    r"[\s,]*\b(?:and|but|also|plus|or)\s*$", re.IGNORECASE
)
# "are the results permanent?" is about the treatment the message names
_ABOUT_A_TREATMENT = re.compile(
    r"\bthe (?:results?|effects?|relief|risks?|side effects?|success rate|recovery)\b",
    re.IGNORECASE,
)
# "my physio says ..." names a person, not the treatment asked about
_A_PERSON = re.compile(r"\b(?:my|the|a|his|her|our)\s+$", re.IGNORECASE)
_PEOPLE_WORDS = frozenset({"physio", "physios", "physiotherapist", "osteo", "chiro"})
# ... and "so theyre not physios then?" too: in the plural they are people
_PEOPLE_ALWAYS = frozenset({"physios", "physiotherapists", "osteos", "chiros"})


@dataclass(frozen=True)
class Focus:
    """The text the classifiers read, and why it differs from what was written."""

    text: str
    question_only: bool = False
    topic_added: str | None = None
    # a follow-up with no topic in play: the FAQ classifier must not guess one
    unanchored: bool = False
    # dictated punctuation written out or a trailing "anyway" / "tho" tidied away
    tidied: bool = False

    @property
    def changed(self) -> bool:
        """True when the classifiers read something other than the message."""
        return self.question_only or self.topic_added is not None or self.tidied


# Voice typing writes punctuation out: "it was class full stop what even is IDD
# therapy question mark is it like a machine".
_DICTATED = (
    (re.compile(r"\s*\bquestion mark\b", re.IGNORECASE), "?"),
    (re.compile(r"\s*\bfull stop\b", re.IGNORECASE), "."),
    (re.compile(r"\s*\bexclamation mark\b", re.IGNORECASE), "!"),
)
# Words that end a message without meaning anything a classifier should weigh:
# "where are you anyway", "how long for tho" (the intent classifier had learnt
# "anyway" from emergencies such as "I'd be better off dead anyway").
_TRAILING_FILLER = re.compile(
    r"(?:[\s,]+(?:anyway|anyways|anyhow|tho|though|btw|lol|haha|mate|pls|plz))+"
    r"(?=[\s?.!]*$)",
    re.IGNORECASE,
)


def tidy(text: str) -> str:
    """`text` with dictated punctuation written as punctuation and trailing filler
    words dropped (the text itself when nothing would be left)."""
    tidied = text
    for spoken, mark in _DICTATED:
        tidied = spoken.sub(mark, tidied)
    tidied = _TRAILING_FILLER.sub("", tidied)
    return tidied if word_count(tidied) else text


def topics_in(text: str, labels: tuple[str, ...] = TOPIC_LABELS) -> list[str]:
    """The treatments and procedures a text names, canonical and in order,
    no repeats."""
    found: list[str] = []
    for entity in analyse(text).entities:
        if entity.label not in labels or entity.value in found:
            continue
        said = entity.text.lower()
        if said in _PEOPLE_ALWAYS or (
            said in _PEOPLE_WORDS and _A_PERSON.search(text[: entity.start])
        ):
            continue
        found.append(entity.value)
    return found


# "what is it?? is it like physio or summat different": the treatment named is
# what "it" is compared with, not what is asked about
_COMPARES_IT = re.compile(
    r"\b(?:it|they|them)\b[^.?!]{0,30}?\b(?:like|than|versus|vs|compared (?:to|with)|"
    r"different (?:from|to)|same as)\b",
    re.IGNORECASE,
)


def _with_topics(asked: str, message: str) -> str:
    """The question asked, plus the treatments the rest of the message names when
    the question names no treatment of its own ("is your acupuncture the medical
    kind?" is about acupuncture, whatever operation the story mentions)."""
    if topics_in(asked, labels=("treatment",)) and not _COMPARES_IT.search(asked):
        return asked
    named = set(topics_in(asked))
    return " ".join([asked, *(t for t in topics_in(message) if t not in named)])


# "phone number and postcode pls": a list of the clinic's details, one question each
_DETAIL = (
    r"(?:(?:your|the|ur|clinic'?s?|full)\s+)*"
    r"(?:address|postcode|post code|location|phone(?:\s+number)?|number|"
    r"telephone(?:\s+number)?|e-?mail(?:\s+address)?|"
    r"opening (?:hours|times)|hours|prices?|costs?|fees?)"
)
_OWNER = r"^(?:(?:your|the|ur|clinic'?s?)\s+)+"
_DETAILS_LIST = re.compile(
    r"^\s*(?:(?:hi|hello|hiya|ok|please|pls|can i (?:have|get)|could i (?:have|get)|"
    r"what(?:'s| is| are)|whats)\b[\s,]*)*"
    rf"{_DETAIL}(?:\s*(?:,|and|&|\+|n)\s*{_DETAIL})+"
    r"\s*(?:please|pls|plz|thanks|thx|ta)?[\s?.!]*$",
    re.IGNORECASE,
)


def _details_asked(text: str) -> list[str]:
    """ "what is your phone number?", "what is your postcode?" for a message that
    only lists the clinic's details it wants; [] otherwise."""
    if not _DETAILS_LIST.match(text):
        return []
    body = re.sub(r"\b(?:please|pls|plz|thanks|thx|ta)\b", " ", text, flags=re.I)
    found = re.findall(_DETAIL, body, flags=re.IGNORECASE)
    named = [re.sub(_OWNER, "", detail.strip(), flags=re.I) for detail in found]
    return [f"what is your {detail}?" for detail in named][:MAX_QUESTIONS]


def separate_questions(text: str) -> list[str]:
    """Each question of a message that asks several ("where are you, and how much
    is IDD?"), or asks one beside a booking wish, with the treatments the rest of
    the message names when it leans on them ("... and are the results
    permanent?"); [] otherwise.

    The classifiers read each apart, so that every question gets its answer.
    """
    details = _details_asked(text)
    if details:
        return details
    asked = [
        _TRAILING_CONJUNCTION.sub("", _CONJUNCTION.sub("", clause))
        for clause in question_clauses(text)
        if not wants_booking(clause)
    ]
    asked = [clause for clause in asked if word_count(clause) >= 2]
    fewest = 1 if wants_booking(text) else MIN_QUESTIONS
    if not fewest <= len(asked) <= MAX_QUESTIONS:
        return []
    return [
        _with_topics(clause, text) if _leans_on_a_treatment(clause) else clause
        for clause in asked
    ]


# "what's your address so I can look it up": the clinic's own details, whatever
# the pronoun
_CLINIC_DETAILS = re.compile(
    r"\b(?:postcode|post code|address|phone|number|email|parking)\b", re.IGNORECASE
)


def _leans_on_a_treatment(question: str) -> bool:
    """True for "does it hurt?", "do you run it?" or "are the results permanent?",
    not for a question about the clinic ("what's the postcode?")."""
    if _CLINIC_DETAILS.search(question):
        return False
    if _BARE_PRONOUN.search(question):
        return True
    return bool(_ABOUT_A_TREATMENT.search(question)) and not (
        _ABOUT_THE_CLINIC.search(question)
    )


# "need the postcode for the sat nav please, ...", "address pls, got an appt thurs":
# the clinic's details asked for without a question word
_DETAIL_REQUEST = re.compile(
    r"^\W*(?:(?:hi|hello|hiya|please|pls)\W+)*(?:i\s+)?(?:just\s+)?"
    r"(?:need|want|after|looking for|send me|give me)?\s*(?:the|your|ur)?\s*"
    r"(?:full\s+)?(?:postcode|post code|address|phone number)\b"
    r"(?!\s+(?:of|for)\s+my\s+(?:gp|doctor|doctors|surgery|dentist|hospital|work|"
    r"house|home)\b)",
    re.IGNORECASE,
)


def asks_about_treatment_or_clinic(text: str) -> bool:
    """True when a question of `text` names a treatment or asks about the clinic
    ("... just a sore back lol. whats shockwave", "do u do weekend appointments"),
    or the message opens by asking for the clinic's details ("address pls, ...")."""
    if _DETAIL_REQUEST.search(text):
        return True
    return any(
        topics_in(question, labels=("treatment",))
        or (
            _ABOUT_THE_CLINIC.search(question)
            and word_count(question) >= MIN_CLINIC_QUESTION_WORDS
        )
        for question in question_clauses(text)
    )


def question_of_story(text: str) -> str | None:
    """A long message's question part plus the treatments its story names, or None."""
    if word_count(text) < MIN_STORY_WORDS:
        return None
    told = sentences(text)
    parts: list[str] = []
    for index, sentence in enumerate(told):
        part = question_part(sentence)
        if not part:
            continue
        bare = word_count(part) <= MAX_BARE_QUESTION_WORDS and _LEANS_ON_BEFORE.search(
            part
        )
        whole = sentence.strip()
        if (
            bare
            and part != whole
            and word_count(whole) <= MAX_POINTED_AT_WORDS + MAX_BARE_QUESTION_WORDS
        ):
            # "someone at work said you can do more damage after an injection, is
            # that true??": "that" is the rest of the sentence
            part, bare = whole, None
        pointed_at = told[index - 1] if bare and index > 0 else None
        if (
            pointed_at
            and pointed_at not in parts
            and word_count(pointed_at) <= MAX_POINTED_AT_WORDS
        ):
            parts.append(pointed_at)
        parts.append(part)
    if not parts:
        spoken = spoken_question(text)
        parts = [spoken] if spoken else []
    if not parts:
        return None
    asked = " ".join(parts)
    if word_count(asked) >= word_count(text) - 2:
        return None
    return _with_topics(asked, text)


def is_follow_up(text: str) -> bool:
    """True for a short message that leans on the previous answer and names no topic
    but one it compares the answer's topic with.

    "does it hurt?", "who gives them?", "and for back pain?", "for leg pain
    specifically?", "how is it different from the operation?"
    """
    words = word_count(text)
    if not text.strip() or words > MAX_FOLLOW_UP_WORDS:
        return False
    leans = bool(_LEANS_ON_BEFORE.search(text)) or (
        words <= MAX_BARE_QUESTION_WORDS and text.rstrip().endswith("?")
    )
    if not leans:
        return False
    compared = _COMPARED.search(text)
    # "how is it different from X": X is compared; "and X, how do they compare": X
    # is what "they" means, the follow-up's own topic
    return not topics_in(text[: compared.start()] if compared else text)


# "in simpler words please", "sorry, say that again?", "you've lost me", "why
# would that happen?": the previous answer again, whatever its topic
_REPHRASE = re.compile(
    r"\b(?:simpler|simply|plainer|plainly|more simple|easier way|easier words|"
    r"plain (?:english|words|terms|language)|simple (?:english|words|terms|language)|"
    r"laym[ae]n'?s'? terms|dumb (?:it|that) down|"
    r"(?:say|repeat|explain) (?:that|it|this) (?:again|once more|differently|"
    r"another way)|"
    r"explain (?:again|more|better|differently|that|it|this)|come again|"
    r"(?:lost|confused) me|too (?:technical|complicated|complex)|"
    r"(?:don'?t|do not|didn'?t|did not) (?:understand|follow|get)"
    r"(?: (?:that|it|this|you|what you (?:mean|said)))?\W*$|"
    r"what do you mean(?: by (?:that|it|this))?\W*$|"
    # "why would that happen?" after an answer: the answer says why, as far as
    # the clinic's page does
    r"why (?:would|does|did|do|might|could|can) (?:that|this) happen|"
    r"why is that(?: so| the case)?\W*$|how come\W*$|"
    r"how (?:can|could) (?:that|this|it) (?:be|happen)\W*$|"
    r"how is (?:that|this) (?:possible|so)\W*$)",
    re.IGNORECASE,
)


def asks_to_rephrase(text: str) -> bool:
    """True for a short message that asks for the previous answer again, put
    another way, and names no treatment of its own."""
    return (
        word_count(text) <= MAX_FOLLOW_UP_WORDS
        and bool(_REPHRASE.search(text))
        and not topics_in(text)
    )


def leans_on_nothing(text: str) -> bool:
    """True for a short question about "it" or "them" that names no treatment."""
    return (
        word_count(text) <= MAX_BARE_QUESTION_WORDS
        and bool(_BARE_PRONOUN.search(text))
        and not _ABOUT_THE_CLINIC.search(text)
        and not topics_in(text)
    )


# "and the other one?", "what about the other thing"
_THE_OTHER = re.compile(
    r"\bthe other (?:one|thing|treatment|therapy|option|kind|type)s?\b", re.IGNORECASE
)


def focus(text: str, topic: str | None = None, other_topic: str | None = None) -> Focus:
    """What the classifiers should read of `text`, given the topic of the last answer.

    A message that asks a question and wants a booking is read as its question (the
    booking wish is seen by the rules on the patient's own words).
    """
    written, text = text, tidy(text)
    besides_booking = questions_besides_booking(text)
    if besides_booking:
        return Focus(
            text=_with_topics(" ".join(besides_booking), text), question_only=True
        )
    if _THE_OTHER.search(text) and is_follow_up(text):
        if other_topic:
            return Focus(text=f"{text} {other_topic}", topic_added=other_topic)
        # "what about the other one then" when no question named two: not a guess
        return Focus(text=text, unanchored=True)
    if topic and is_follow_up(text):
        return Focus(text=f"{text} {topic}", topic_added=topic)
    if not topic and leans_on_nothing(text):
        return Focus(text=text, unanchored=True)
    story_question = question_of_story(text)
    if story_question:
        return Focus(text=story_question, question_only=True)
    return Focus(text=text, tidied=text != written)
