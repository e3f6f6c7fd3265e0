"""Wishes a message states besides its main intent: to book, to be forgotten, to leave.

"do you do acupuncture? if so I'd like to book in" asks a question AND wants a
booking; "thanks, bye" thanks AND says goodbye. The classifiers pick one intent;
these rules let the clinic's rules (bot/nlu/overrides.py) see the other. No Rasa
import.
"""

from __future__ import annotations

import re

from bot.nlu.sentences import question_clauses, word_count

# "an initial consultation", "a first appointment"
_VISIT = (
    r"(?:(?:initial|first|new|follow[- ]up) )?(?:appointment|consultation|assessment)"
)
_BOOK_WHAT = (
    r"(?:(?:book|bk)(?:ed)?(?: (?:me|myself|us|her|him|them))?(?: in)?|"
    r"make an? (?:appointment|booking)|"
    r"come in|pop in|(?:be|get) seen|be assessed|"
    r"see (?:someone|somebody|a specialist|one of)|"
    r"come (?:and |to )?see (?:you|someone|somebody|a specialist)|"
    r"visit (?:you|the clinic)|"
    r"get (?:an? |me an? )?(?:" + _VISIT + r"|booking)|get booked|"
    r"arrange (?:an? )?" + _VISIT + r"|"
    r"start (?:treatment|the treatment)|"
    r"have (?:an? )?" + _VISIT + r")"
)
_WISH = re.compile(
    r"\b(?:i'?d|i would|i should|i|we'?d|we would|we should|we|she'?d|he'?d)\s+"
    r"(?:really\s+)?"
    # "I wish to make an appointment"; "I'd need to come in at lunch" is a
    # condition, not a wish
    r"(?:like|love|want|wanna|(?<!'d )(?<!\bd )(?<!would )need|prefer|wish)"
    r"\s+(?:to\s+)?"
    + _BOOK_WHAT
    + r"|\b(?:i'?m|i am|we'?re|we are)\s+(?:keen|looking|hoping|wanting|ready)\s+to\s+"
    + _BOOK_WHAT
    + r"|\b(?:would|'d)\s+(?:really\s+)?(?:like|love)\s+to\s+(?:get\s+)?"
    + _BOOK_WHAT
    + r"|\bhow (?:do|can|would|could) (?:i|we) (?:go about )?"
    r"(?:get(?:ting)?|mak(?:e|ing)|book(?:ing)?|arrang(?:e|ing)) "
    r"(?:in|an?|me|booked|seen|it|that|this|one)\b"
    + r"|\b(?:i|we)(?:\s+(?:really\s+)?(?:want|need|would like)|'?d(?:\s+really)?"
    r"\s+like)\s+(?:an?|to make an?)\s+(?:appointment|consultation|assessment)\b"
    + r"|\b(?:can|could|may|cn)\s+(?:i|we|you|u)\s+(?:please\s+)?(?:just\s+)?"
    + _BOOK_WHAT
    + r"|\bis it possible (?:for (?:me|us) )?to\s+"
    + _BOOK_WHAT
    # someone booking for a relative: "my wife wants to book in", "he'd like to be seen"
    + r"|\b(?:she|he|they|my (?:wife|husband|partner|mum|mother|dad|father|"
    r"son|daughter|sister|brother|friend|nan|gran|grandad|grandma))\s+(?:really\s+)?"
    r"(?:wants|would like|needs|would love)\s+(?:to\s+)?"
    + _BOOK_WHAT
    + r"|\bbook (?:me|us|her|him|my \w+) (?:in|an? )"
    # "booking for my dad if that's ok"
    + r"|^\s*(?:hi,?\s+)?(?:i'?m\s+|i am\s+)?booking (?:for|on behalf of) "
    r"(?:my|me|him|her|us)\b"
    + r"|^\s*(?:please\s+)?book\b|\bsign me up\b|\bput me down for\b"
    # "need an appointment, had a fusion in 2019"
    + r"|^\s*(?:(?:hi|hello|hiya),?\s+)?(?:need|want|would like)\s+(?:an?\s+)?"
    r"(?:appointment|consultation|assessment)\b"
    + r"|^\s*(?:looking|hoping|wanting|keen) to "
    + _BOOK_WHAT
    + r"|\bhow (?:do|can|would|could) (?:i|we) "
    r"(?:sign up|register|enrol|enroll|join)\b"
    # a call back is a booking request that staff follow up
     + r"|\b(?:can|could|would|will)\s+(?:someone|somebody|one of you|you|u|"
    r"a member of (?:the|your) team)\s+(?:please\s+)?(?:call|ring|phone)\s+me\b"
    + r"|^\s*(?:please\s+)?(?:call|ring|phone)\s+me(?:\s+back)?\b"
    + r"|\b(?:i'?d|i would)\s+like\s+(?:a\s+call\s*back|someone to (?:call|ring))\b",
    re.IGNORECASE,
)
# "how soon can I be seen?": a question about waiting times, to its sentence's end;
# "do I need a referral or can I just book directly?" asks how booking works
_WAITING_QUESTION = re.compile(
    r"\bhow (?:soon|quickly|fast|long (?:until|till|before|is the wait|would i wait))\b"
    r"[^.?!,]*"
    r"|\b(?:do|would|will|does) (?:i|we|you|he|she|they|my \w+) (?:still )?need\b"
    r"[^.?!]*\bor\b[^.?!]*",
    re.IGNORECASE,
)
# "please delete my details", "can you erase my data": asked for, not asked about
# ("what happens to my data if I delete my booking?" is a privacy question).
_DELETION = re.compile(
    r"(?:^\s*|\b(?:please|pls|can (?:you|u)|could (?:you|u)|would (?:you|u)|"
    r"will (?:you|u)|i want you to|"
    r"i'?d like you to|i want to|i'?d like to|i would like to|i wish to|"
    r"need you to|you must)\s+)"
    r"(?:delete|erase|remove|wipe)\s+(?:all\s+)?(?:of\s+)?(?:my|our)\s+"
    r"(?:personal\s+)?(?:details|data|information|info|records?|"
    r"booking(?: request)?|conversation|chat|messages?|(?:phone |mobile )?number|"
    r"email(?: address)?|name|address)\b",
    re.IGNORECASE,
)
# "who sees my details", "do you share my info with my insurer", "are you
# recording this", "is this chat confidential": asked about the patient's data.
# "my details", "her data", or what someone writes here ("what she types in here")
_DATA = (
    r"(?:(?:my|our|her|his|their)\s+(?:personal\s+)?"
    r"(?:data|details|info|information|(?:phone\s+)?number|email(?:\s+address)?)\b"
    r"|what (?:i|she|he|we|they) (?:tell|tells|told|say|says|said|write|writes|wrote|"
    r"type|types|typed|put|puts)\b)"
)
_DATA_USE = (
    r"\b(?:share|shares|shared|sharing|pass(?:ed|es|ing)?|sell|sold|keep|"
    r"keeps|keeping|kept|store|stores|stored|storing|hold|holds|held|see|sees|seen|access|"
    r"happens?|safe|secure|protected|confidential|private|used|use|uses|delete|deleted"
    r"|do with)"
    r"\b"
)
_PRIVACY = re.compile(
    rf"\b{_DATA}.*{_DATA_USE}|{_DATA_USE}.*\b{_DATA}"
    r"|\b(?:confidential|confidentiality|gdpr|data protection|privacy policy|privacy)\b"
    r"|\b(?:recording|record|saving|save|storing|store|logging|keeping|keep)\s+"
    r"(?:this|all this|all of this|our (?:chat|conversation)|the (?:chat|conversation)|"
    r"what i (?:say|write|type)|these messages|my messages)\b"
    # "is this being recorded?", "does that get kept on file?"
    r"|\b(?:this|that|it|everything|anything|our chat|the chat|the conversation|"
    r"my messages|what i (?:say|write|type|tell you))\s+(?:is\s+|be\s+)?"
    r"(?:being|be|get|gets|getting|got)\s+(?:recorded|saved|stored|logged|kept)\b"
    r"|\b(?:kept|keep|stored|held|put)\s+on\s+(?:file|record)\b"
    # "will you give it to other companies?", "I don't want it to leak anywhere";
    # not "I leak a bit of wee when I sneeze"
    r"|(?<!\bi )\b(?:leak|leaked|leaking|leaks)\b"
    r"(?!\s+(?:\w+\s+){0,4}?(?:wee|pee|urine|fluid|blood|when|if|after))"
    r"|\b(?:third part(?:y|ies)|other companies)\b"
    r"|\bmarketing (?:calls?|emails?|texts?|messages?|lists?)\b"
    r"|\b(?:safe|okay|ok|secure) to (?:type|share|write|put|give) (?:my|your)\b"
    r"|\b(?:told|tell|informed) about (?:anything|what|everything) (?:i|we) "
    r"(?:say|type|write)\b"
    # "can I have a copy of whatever you hold about me?"
    r"|\b(?:whatever|what|everything|anything)\s+you\s+(?:hold|have|keep|store)\s+"
    r"(?:on|about)\s+(?:me|us|her|him)\b",
    re.IGNORECASE,
)
# "Thank you, you've been really helpful, I'll talk it over with my wife. Goodbye"
MAX_GOODBYE_WORDS = 25
_GOODBYE = re.compile(
    # "see you soon", not "can I see you without a referral"
    r"(?<!\bto )(?<!\bi )(?<!\bwe )\bsee (?:you|ya)"
    r"(?: (?:later|soon|then|tomorrow|next \w+|on \w+)\b|\W*$)|"
    r"\b(?:bye|byee+|goodbye|good bye|cheerio|ta[- ]?ra|speak soon|"
    r"that'?s (?:all|everything)|that is (?:all|everything)|"
    r"have a (?:good|nice|lovely) "
    r"(?:day|evening|night|weekend|one))\b|"
    # "thank you and good night", not "a good night's sleep"; "take care", not
    # "take care of my mum"
    r"\bgood ?night\b(?!['’]s)|\bnight night\b|\btake care\b(?! of)",
    re.IGNORECASE,
)


def wants_booking(text: str) -> bool:
    """True when the message says the patient wants to book or be seen ("how soon
    can I be seen?" asks about waiting times)."""
    return bool(_WISH.search(_WAITING_QUESTION.sub(" ", text)))


def wants_deletion(text: str) -> bool:
    """True when the message asks for the patient's details to be deleted."""
    return bool(_DELETION.search(text))


# "please give me phone of the clinic", "and a number to ring": the clinic's
# number asked for, which is not a booking wish; "my phone number is ..." is not.
_CLINIC_NUMBER = re.compile(
    r"\b(?:phone|telephone|contact|tel)\s+(?:number|no)\b"
    r"|\bnumbers?\s+(?:to|i can|we can|i could)\s+(?:ring|call|phone)\b"
    r"|\bwhat\s+number\b"
    r"|\b(?:give|send|tell)\s+me\s+(?:the\s+|your\s+|ur\s+)?(?:phone|number)\b"
    r"|\b(?:your|ur)\s+(?:phone\s+)?number\b"
    r"|\bphone\s+(?:of|for)\s+the\s+clinic\b",
    re.IGNORECASE,
)
_OWN_NUMBER = re.compile(
    r"\bmy\s+(?:phone\s+|mobile\s+|contact\s+)?(?:number|no)\b", re.I
)


def asks_for_clinic_number(text: str) -> bool:
    """True when the message asks for the clinic's phone number."""
    return bool(_CLINIC_NUMBER.search(text)) and not _OWN_NUMBER.search(text)


# "are you AI? my son says these things make stuff up", "am I talking to a real
# person": asked whether a machine answers, whatever else the message says.
_MACHINE = (
    r"(?:an?\s+)?(?:ai|a\.i\.?|bot|robot|chat ?bot|machine|computer(?: program)?|"
    r"real (?:person|human|people)|actual (?:person|human)|human(?: being)?|person)"
)
_ASKS_IF_MACHINE = re.compile(
    rf"\b(?:are|r)\s+(?:you|u|ya)\s+(?:just\s+|even\s+|actually\s+)?{_MACHINE}\b"
    rf"|\b(?:am i|are we)\s+(?:talking|speaking|chatting|writing)\s+(?:to|with)\s+"
    rf"(?:just\s+)?{_MACHINE}\b"
    rf"|\bis\s+(?:this|it|that)\s+(?:just\s+)?(?:an?\s+)?"
    r"(?:ai|a\.i\.?|bot|robot|chat ?bot|automated|computer|machine|real person)\b"
    # "is it a machine that does the IDD?" asks about the treatment
    r"(?!\s+(?:that|which|who|for|to|used|you)\b)",
    re.IGNORECASE,
)


def asks_if_a_machine(text: str) -> bool:
    """True when the message asks whether a machine or a person is answering."""
    return bool(_ASKS_IF_MACHINE.search(text))


def asks_about_privacy(text: str) -> bool:
    """True when the message asks what happens to the patient's data."""
    return bool(_PRIVACY.search(text))


def says_goodbye(text: str) -> bool:
    """True when the message takes its leave ("thanks, bye", "that's all, cheers")."""
    return bool(_GOODBYE.search(text))


def questions_besides_booking(text: str, booking: bool = False) -> list[str]:
    """The clauses that ask something other than the booking wish, when there is one.

    `booking` says the message is a booking wish already known (the classifier's).
    """
    if not (booking or wants_booking(text)):
        return []
    return [clause for clause in question_clauses(text) if not wants_booking(clause)]


def takes_leave(text: str) -> bool:
    """True for a short message that says goodbye and asks nothing more."""
    return (
        says_goodbye(text)
        and word_count(text) <= MAX_GOODBYE_WORDS
        and not any(clause.rstrip().endswith("?") for clause in question_clauses(text))
    )
