"""The one place that decides
when a classifier's intent is overruled (no Rasa import)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from bot.nlu.boundaries import asks_for_medical_advice, asks_what_a_term_means
from bot.nlu.focus import asks_about_treatment_or_clinic, asks_to_rephrase
from bot.nlu.sentences import question_clauses
from bot.nlu.wishes import (
    asks_about_privacy,
    asks_for_clinic_number,
    asks_if_a_machine,
    questions_besides_booking,
    takes_leave,
    wants_booking,
    wants_deletion,
)

RED_FLAG = "red_flag"
EMPTY = "empty_message"
NON_ENGLISH = "non_english"
NOT_SURE = "nlu_fallback"
MEDICAL_ADVICE = "ask_medical_advice"
DESCRIBE_SYMPTOMS = "describe_symptoms"
# Intents that already say what the message is about better than a medical-advice
# guess would: the booking form's own answers and requests must not be diverted.
KEEP_OVER_ADVICE = frozenset({"book_appointment", "inform", "cancel", "change_detail"})
FAQ = "faq"
# The FAQ answer for "what does this term in my letter mean?": a forced label is
# an intent, or an FAQ answer written as the evaluation's "faq/<id>".
TERMS_ANSWER = "faq/warning_signs_explained"
# The FAQ answer with the clinic's phone numbers.
CONTACT_ANSWER = "faq/clinic_contact"
INFORM = "inform"
CANCEL = "cancel"
BOOK = "book_appointment"
ASK_THEN_BOOK = "ask_then_book"
# Set instead of "faq" when a message's other questions have sure answers too; the
# entity that names each of those answers ("idd_safety"), which
# action_answer_other_questions gives after the first.
SEVERAL_QUESTIONS = "ask_several_questions"
OTHER_ANSWER = "other_answer"
GOODBYE = "goodbye"
# What a question about a treatment or the clinic may come with: small talk
# ("thanks for that. what's the postcode?") or symptoms told; or the intent
# classifier torn between readings ("whats the postcode for the satnav please, my
# husband is driving me in, im 76 and cant manage the underground anymore").
BESIDE_A_QUESTION = frozenset({"greet", "thank", "affirm", DESCRIBE_SYMPTOMS, NOT_SURE})
DELETION = "request_deletion"
BOT_CHALLENGE = "bot_challenge"
# What "are you AI? my son says these things make stuff up" may be read as when
# the question about a machine answering is what it asks.
BESIDE_A_MACHINE_QUESTION = frozenset(
    {NOT_SURE, DESCRIBE_SYMPTOMS, "out_of_scope", "greet", "thank", "ask_capabilities"}
)
PRIVACY = "ask_privacy"
# Intents a booking wish in the same message does not override.
KEEP_OVER_BOOKING = frozenset(
    {
        BOOK,
        ASK_THEN_BOOK,
        CANCEL,
        "change_detail",
        RED_FLAG,
        MEDICAL_ADVICE,
        "request_human",
    }
)
# What a form answer may still mean when it also reads as an answer.
KEEP_OVER_ANSWER = frozenset({"cancel", "change_detail"})


@dataclass(frozen=True)
class FormTurn:
    """What a message is to the question a form is asking (nothing outside a form)."""

    answers: bool = False
    cancels: bool = False
    in_form: bool = False

    @classmethod
    def of(cls, text: str, requested_slot: str | None, now: datetime) -> FormTurn:
        """Reads `text` as a reply to the form question for `requested_slot`."""
        if not requested_slot:
            return cls()
        from bot.bookings.answers import answers_question, is_cancel_request

        return cls(
            answers=answers_question(requested_slot, text, now),
            cancels=is_cancel_request(text),
            in_form=True,
        )


NOT_IN_A_FORM = FormTurn()


@dataclass(frozen=True)
class FaqFloor:
    """When an FAQ answer is sure enough to give.

    Sure when the best answer's confidence reaches `confident`, or when it is a
    clear winner: at least `minimum` and `ratio` times the runner-up. The ratio
    matters because the selector spreads confidence over 36 similar answers, so a
    correct answer often scores 0.3 with the next one at 0.05. The values are set
    in one place: ClinicalRules' entry in config.yml (see `from_config`).
    """

    confident: float
    minimum: float
    ratio: float

    @classmethod
    def from_config(cls, config: Mapping[str, Any]) -> FaqFloor:
        """The floor of ClinicalRules' `faq_confident`,
        `faq_minimum` and `faq_ratio`."""
        return cls(
            confident=float(config["faq_confident"]),
            minimum=float(config["faq_minimum"]),
            ratio=float(config["faq_ratio"]),
        )

    def is_sure(self, best: float | None, runner_up: float | None) -> bool:
        """True when the FAQ answer with these confidences may be given."""
        if best is None:
            return False
        if best >= self.confident:
            return True
        return best >= self.minimum and best >= self.ratio * (runner_up or 0.0)


# An unsure FAQ answer is given when the second reader (TF-IDF nearest question)
# backs it. Values chosen on the first three realistic sets and the held-out gate
# (each fixed cases and broke none); on the fourth set they lifted FAQ questions
# from 93 to 100 of 120 without a new wrong answer (README, "How well it works").
AGREEMENT_MINIMUM = 0.1  # both readers' first choice, the selector at least this sure
NEAREST_MINIMUM = 0.3  # the second reader's first choice this similar ...
NEAREST_IN_TOP = 3  # ... and among the selector's first three
COMBINED_MINIMUM = 0.55  # or one reader's first choice scores this much summed


# Besides the first answer, at most this many of a message's other questions are
# answered (bot.nlu.focus.separate_questions reads at most three).
MAX_OTHER_ANSWERS = 2


def answers_in_order(
    answer: str | None,
    question_rankings: Sequence[Sequence[tuple[str, float]]],
    faq_floor: FaqFloor,
    questions_first: bool = False,
) -> list[str]:
    """The FAQ answers ("faq/<id>") to give a message that asks several questions,
    first answer first; [] to keep the message's own `answer` alone.

    Each question's best answer counts when it is sure. They are given in the order
    asked when the message's own answer is among them, or when `questions_first`
    (a booking wish beside the questions, which the whole message's reading
    mixes in); otherwise after the message's own answer.
    """
    sure: list[str] = []
    for ranking in question_rankings:
        if not ranking:
            continue
        best, confidence = ranking[0]
        runner_up = ranking[1][1] if len(ranking) > 1 else None
        if best not in sure and faq_floor.is_sure(confidence, runner_up):
            sure.append(best)
    if not sure or sure == [answer]:
        return []
    if answer in sure or questions_first or answer is None:
        ordered = sure
    else:
        ordered = [answer, *sure]
    return ordered[: 1 + MAX_OTHER_ANSWERS]


def backed_faq_answer(
    selector: Sequence[tuple[str, float]], nearest: Sequence[tuple[str, float]]
) -> str | None:
    """The FAQ answer two readers back when the selector alone is unsure, or None.

    `selector`: the response selector's (label, confidence), best first;
    `nearest`: the second reader's (label, best cosine similarity), best first.
    """
    if not selector or not nearest:
        return None
    (chosen, confidence), (nearest_label, similarity) = selector[0], nearest[0]
    if nearest_label == chosen and confidence >= AGREEMENT_MINIMUM:
        return chosen
    top = [label for label, _ in selector[:NEAREST_IN_TOP]]
    if similarity >= NEAREST_MINIMUM and nearest_label in top:
        return nearest_label
    confidences, similarities = dict(selector), dict(nearest)
    summed = {
        label: confidences.get(label, 0.0) + similarities.get(label, 0.0)
        for label in sorted({*confidences, *similarities})
    }
    best = max(summed, key=summed.__getitem__)
    if best in (chosen, nearest_label) and summed[best] >= COMBINED_MINIMUM:
        return best
    return None


def _asks_more_than_a_wish(text: str) -> bool:
    """True when a question of the message, other than a booking or call-back
    wish, is about a treatment or the clinic ("... where is the clinic?")."""
    asked = questions_besides_booking(text, booking=True)
    return bool(asked) and asks_about_treatment_or_clinic(" ".join(asked))


def forced_intent(
    *,
    text: str,
    intent: str | None,
    faq_confidences: tuple[float | None, float | None],
    faq_floor: FaqFloor,
    red_flag: bool,
    faq_confirmed: bool = False,
    red_flag_ruled_out: bool = False,
    red_flag_unsure: bool = False,
    unanchored: bool = False,
    form_turn: FormTurn = NOT_IN_A_FORM,
    language: str | None = None,
    last_answer: str | None = None,
) -> str | None:
    """The intent the rules impose on this message, or None to keep the classifier's.

    A classifier's red flag that the rules did not find is taken back when the
    rules found red-flag words and set every one aside (`red_flag_ruled_out`: "no
    numbness", "temperature of 37.2") or when the classifier is unsure of it
    (`red_flag_unsure`); the symptom answer that replaces it still says when to
    get urgent help.

    A red-flag term the rules set aside as asked about ("what is saddle
    numbness?") gets the FAQ answer on medical terms (`TERMS_ANSWER`, an FAQ
    label), not the symptoms answer with its urgent warning.

    A message clearly in another language (`language`, see bot.nlu.language)
    gets the fixed reply in English and that language.

    In a form, "never mind, I'll phone" cancels and a reply that answers the
    question asked ("tues or weds morning ideally") is an answer, whatever the
    classifiers made of it (`form_turn`). Outside one, a booking wish starts the
    form, after the answer when the message also asks a question the FAQ answers
    surely (over the floor, or `faq_confirmed` by a second opinion); "thanks,
    bye" is a goodbye. A follow-up with no topic in play
    ("does it hurt?" after "hello": `unanchored`) gets "I'm not sure", not a guess.
    """
    if red_flag:
        return RED_FLAG
    if not text.strip():
        return EMPTY
    if form_turn.cancels:
        return CANCEL
    if form_turn.answers and intent not in KEEP_OVER_ANSWER:
        return INFORM
    if language is not None:
        return NON_ENGLISH
    if last_answer and not form_turn.in_form and asks_to_rephrase(text):
        # "can you explain more simple please" after an answer: that answer again
        return f"{FAQ}/{last_answer}"
    if intent not in KEEP_OVER_ADVICE and asks_for_medical_advice(text):
        return MEDICAL_ADVICE
    if (
        intent in (RED_FLAG, DESCRIBE_SYMPTOMS)
        and red_flag_ruled_out
        and asks_what_a_term_means(text)
    ):
        # "what is saddle numbness? it's on my discharge sheet, I don't have it"
        return TERMS_ANSWER
    if (
        intent == RED_FLAG
        and red_flag_unsure
        and not form_turn.in_form
        and wants_booking(text)
    ):
        # "can I book IDD for my dad, his surgery didn't work": the rules found no
        # emergency and the classifier is unsure of one, so the wish is what counts
        return BOOK
    taken_back = intent == RED_FLAG and (red_flag_ruled_out or red_flag_unsure)
    if taken_back:
        # the rules found no emergency: a symptom story, read on as one, so that
        # "my back's gone after my set last night lol. is shockwave a thing u do"
        # gets its answer and "... thank you and good night" a goodbye
        intent = DESCRIBE_SYMPTOMS
    answer_sure = faq_confirmed or faq_floor.is_sure(*faq_confidences)
    faq_sure = intent == FAQ and answer_sure
    if not form_turn.in_form and wants_deletion(text) and intent != RED_FLAG:
        # "please delete my details, my reference is HSC-23456"
        return DELETION if intent != DELETION else None
    if asks_about_privacy(text) and intent != RED_FLAG:
        # "do you share my info with my gp or my insurance company?", also mid-form:
        # "what do you do with my number once I've given it?" (then the form asks
        # its question again)
        return PRIVACY if intent != PRIVACY else None
    if asks_if_a_machine(text) and (
        intent in BESIDE_A_MACHINE_QUESTION
        or (intent == FAQ and not (faq_sure and _asks_more_than_a_wish(text)))
    ):
        # "are you AI? my son says these things make stuff up": the story after
        # the question must not make it a symptom story or a guess
        return BOT_CHALLENGE
    if (
        not form_turn.in_form
        and intent in (BOOK, NOT_SURE)
        and asks_for_clinic_number(text)
        and not wants_booking(text)
    ):
        # "please give me phone of the clinic": the number, not a booking form
        return CONTACT_ANSWER
    if not form_turn.in_form:
        booking = wants_booking(text) or intent == BOOK
        if booking and intent not in KEEP_OVER_BOOKING - {BOOK}:
            # "what is IDD and how do I book it": the booking classifier's message
            # may ask something the FAQ answers surely too
            asks = questions_besides_booking(text, booking=True)
            wished = ASK_THEN_BOOK if answer_sure and asks else BOOK
            return wished if wished != intent else None
        if takes_leave(text) and intent not in KEEP_OVER_BOOKING:
            return GOODBYE
        if intent == ASK_THEN_BOOK and not booking:
            # "I'd like to know a bit about IDD": the classifier heard a booking
            # the rules do not see, so it is a question only
            return FAQ if answer_sure else NOT_SURE
        if (
            intent in BESIDE_A_QUESTION
            and answer_sure
            and asks_about_treatment_or_clinic(text)
        ):
            # "hiya! hope ur well. what's idd?", "no tingling, just a sore back lol.
            # whats shockwave": the question is what to answer (a red flag would
            # have been caught above)
            return FAQ
    if intent == FAQ and (unanchored or not faq_sure):
        return NOT_SURE
    if unanchored and intent == DESCRIBE_SYMPTOMS and question_clauses(text):
        # "and what about the other one then" with nothing to lean on is a
        # question, not symptoms told ("it hurts when I walk" stays symptoms)
        return NOT_SURE
    return DESCRIBE_SYMPTOMS if taken_back else None
