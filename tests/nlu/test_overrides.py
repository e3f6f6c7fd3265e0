"""The rules that overrule the classifiers: red flag, empty, non-English, FAQ floor."""

from __future__ import annotations

from typing import Any

import pytest

from bot.nlu.boundaries import asks_for_medical_advice
from bot.nlu.language import detect_language, looks_non_english
from bot.nlu.overrides import (
    MAX_OTHER_ANSWERS,
    FaqFloor,
    answers_in_order,
    forced_intent,
)
from bot.nlu.time_phrases import find_new_time_phrase, find_time_phrase
from tests.thresholds import faq_floor


@pytest.mark.parametrize(
    "text, intent, confidences, red_flag, expected",
    [
        ("x", "faq", (0.99, 0.0), True, "red_flag"),
        ("   ", "greet", (None, None), False, "empty_message"),
        ("", None, (None, None), False, "empty_message"),
        ("j'ai mal au dos", "faq", (0.9, 0.01), False, "non_english"),
        ("idd?", "faq", (0.8, 0.1), False, None),  # confident
        ("idd?", "faq", (0.35, 0.05), False, None),  # a clear winner
        ("idd?", "faq", (0.35, 0.30), False, "nlu_fallback"),  # two close answers
        ("idd?", "faq", (0.15, 0.01), False, "nlu_fallback"),  # too weak
        ("idd?", "faq", (None, None), False, "nlu_fallback"),
        ("hello", "greet", (0.1, 0.09), False, None),  # not an FAQ: untouched
    ],
)
def test_forced_intent(text, intent, confidences, red_flag, expected) -> None:
    assert _forced(text, intent, confidences, red_flag) == expected


def _forced(
    text: str,
    intent: str | None,
    confidences: tuple,
    red_flag: bool = False,
    **context: Any,
) -> str | None:
    """The intent the rules impose, with the shipped FAQ floor (`context`: the
    other keywords of forced_intent)."""
    return forced_intent(
        text=text,
        intent=intent,
        faq_confidences=confidences,
        faq_floor=FaqFloor(confident=0.5, minimum=0.2, ratio=2.0),
        red_flag=red_flag,
        language=detect_language(text),
        **context,
    )


@pytest.mark.parametrize(
    "text",
    [
        "Bonjour, j'ai mal au dos depuis mon opération",
        "Hola, me duele la espalda, ¿dónde está la clínica?",
        "Ich habe seit Wochen Rückenschmerzen, wo ist die Klinik?",
        "Dzień dobry, boli mnie plecy, ile kosztuje wizyta?",
        "我的背很痛，可以预约吗？",
        "У меня болит спина после операции",
        "أعاني من ألم في الظهر",
    ],
)
def test_non_english_is_recognised(text: str) -> None:
    assert looks_non_english(text)


@pytest.mark.parametrize(
    "text",
    [
        "what is IDD therapy",
        "IDD?",
        "shockwave",
        "I had a microdiscectomy in 2019 and my leg is better but my back still hurts",
        "José Álvarez",
        "my name is Zoë Brontë",
        "😀😀",
        "",
        "café near the clinic?",
    ],
)
def test_english_and_names_are_not_flagged(text: str) -> None:
    assert not looks_non_english(text)


@pytest.mark.parametrize(
    "text, phrase",
    [
        ("book me in for next Tuesday", "next Tuesday"),
        ("Thursday afternoon", "Thursday afternoon"),
        ("tomorrow morning please", "tomorrow morning"),
        ("could I come on the 3rd of March at 10am", "3rd of March at 10am"),
        ("I need an appointment", None),
        ("I'm free any weekday", "any weekday"),
        ("tues or weds morning ideally", "tues or weds morning"),
        ("mornings are best for me", "mornings"),
        ("I am fine", None),
        ("pm me your address", None),
    ],
)
def test_time_phrase(text: str, phrase: str | None) -> None:
    found = find_time_phrase(text)
    assert (found[2] if found else None) == phrase
    if found:
        assert text[found[0] : found[1]] == phrase


@pytest.mark.parametrize(
    "text, phrase",
    [
        (
            "can you change the day to friday instead, tuesdays are no good now",
            "friday",
        ),
        ("make it thursday afternoon not monday", "thursday afternoon"),
        ("change it from monday to next wednesday", "next wednesday"),
        ("mornings don't suit any more, afternoons please", "afternoons"),
        ("change the time please", None),
    ],
)
def test_the_new_time_of_a_change(text: str, phrase: str | None) -> None:
    assert find_new_time_phrase(text) == phrase


@pytest.mark.parametrize(
    "text",
    [
        "can I double my dose of codeine",
        "how many co-codamol can I take in a day",
        "should i come off my pregabalin",
        "is it ok to take ibuprofen with naproxen",
        "what's causing my back to lock up every morning",
        "my lower back locks up every morning, what do you reckon is causing it",
        "do i have a slipped disc",
        "should I have the fusion my surgeon offered",
        "should i go ahead with the spinal fusion",
        "can you diagnose me",
        "is 600mg gabapentin too much",
    ],
)
def test_medical_advice_requests_are_caught(text: str) -> None:
    assert asks_for_medical_advice(text)
    assert (
        forced_intent(
            text=text,
            intent="faq",
            faq_confidences=(0.9, 0.01),
            faq_floor=faq_floor(),
            red_flag=False,
        )
        == "ask_medical_advice"
    )


@pytest.mark.parametrize(
    "text",
    [
        "how long do injections last",
        "why are injections given",
        "can I have IDD after back surgery",
        "does microdiscectomy work for leg pain",
        "what is IDD therapy",
        "how much does IDD cost",
        "who gives the injections",
        "is IDD safe",
        "what are the risks after spinal surgery",
        "am I a candidate for IDD",
        "should i have physio after my discectomy",
    ],
)
def test_ordinary_questions_are_not_medical_advice(text: str) -> None:
    assert not asks_for_medical_advice(text)


@pytest.mark.parametrize(
    "intent, red_flag, ruled_out, unsure, expected",
    [
        ("red_flag", False, True, False, "describe_symptoms"),  # "no numbness"
        ("red_flag", False, False, True, "describe_symptoms"),  # a weak guess
        ("red_flag", False, False, False, None),  # the classifier alone escalates
        ("red_flag", True, False, True, "red_flag"),  # the rules always win
        ("red_flag", True, True, False, "red_flag"),
        ("faq", False, True, True, None),  # only a red flag is taken back
        ("greet", False, True, False, None),
    ],
)
def test_a_classifier_red_flag_is_taken_back_when_ruled_out_or_unsure(
    intent: str, red_flag: bool, ruled_out: bool, unsure: bool, expected: str
) -> None:
    assert (
        forced_intent(
            text="my back aches but no numbness and my temperature is 37.2",
            intent=intent,
            faq_confidences=(0.9, 0.01),
            faq_floor=faq_floor(),
            red_flag=red_flag,
            red_flag_ruled_out=ruled_out,
            red_flag_unsure=unsure,
        )
        == expected
    )


@pytest.mark.parametrize(
    "text, confidences, expected",
    [
        # a question about a treatment beside the story the rules cleared
        (
            "my set was killer last night and my back's gone lol. is shockwave a "
            "thing u do",
            (0.71, 0.04),
            "faq",
        ),
        # ... not when its answer is unsure
        (
            "my back's gone lol. is shockwave a thing u do",
            (0.3, 0.25),
            ("describe_symptoms"),
        ),
        # a goodbye
        (
            "bless you for all the information, I'll talk it over with my "
            "daughter. Thank you and good night.",
            (0.2, 0.1),
            "goodbye",
        ),
        # symptoms alone stay the symptom answer
        (
            "my back is agony today and nothing helps",
            (0.9, 0.01),
            ("describe_symptoms"),
        ),
    ],
)
def test_a_red_flag_taken_back_is_read_on_as_a_symptom_story(
    text: str, confidences: tuple[float, float], expected: str
) -> None:
    assert _forced(text, "red_flag", confidences, red_flag_unsure=True) == expected


@pytest.mark.parametrize(
    "text, last_answer, expected",
    [
        (
            "can explain more simple please",
            "injections_what_are",
            ("faq/injections_what_are"),
        ),
        ("sorry again? in simpler words", "idd_how_it_works", "faq/idd_how_it_works"),
        ("why would that happen", "surgery_reprotrusion", "faq/surgery_reprotrusion"),
        ("you've lost me", "idd_safety", "faq/idd_safety"),
        # nothing answered before: not a request to rephrase anything
        ("can explain more simple please", None, None),
        # a treatment of its own is a new question
        ("can you explain shockwave more simply", "idd_safety", None),
    ],
)
def test_a_request_to_rephrase_gets_the_last_answer_again(
    text: str, last_answer: str | None, expected: str | None
) -> None:
    assert _forced(text, "faq", (0.9, 0.01), last_answer=last_answer) == expected


def test_booking_answers_are_not_diverted() -> None:
    assert (
        forced_intent(
            text="I'd like to book to see what's causing my pain",
            intent="book_appointment",
            faq_confidences=(None, None),
            faq_floor=faq_floor(),
            red_flag=False,
        )
        is None
    )


@pytest.mark.parametrize(
    "intent,ruled_out,text,expected",
    [
        ("red_flag", True, "what is saddle numbness?", "faq/warning_signs_explained"),
        (
            "describe_symptoms",
            True,
            "what does foot drop mean",
            "faq/warning_signs_explained",
        ),
        # set aside for another reason (a denial), not a question about the term
        (
            "red_flag",
            True,
            "no numbness down below, just back ache",
            "describe_symptoms",
        ),
        # a term question the rules did not set aside is still an emergency
        ("red_flag", False, "what is happening, I can't feel my legs", None),
    ],
)
def test_a_red_flag_term_asked_about_gets_the_medical_terms_answer(
    intent, ruled_out, text, expected
) -> None:
    assert (
        forced_intent(
            text=text,
            intent=intent,
            faq_confidences=(None, None),
            faq_floor=faq_floor(),
            red_flag=False,
            red_flag_ruled_out=ruled_out,
        )
        == expected
    )


LOCATION = [("faq/clinic_location", 0.8), ("faq/clinic_contact", 0.1)]
SAFETY = [("faq/idd_safety", 0.6), ("faq/idd_what_is", 0.2)]
UNSURE_PRICE = [("faq/clinic_prices", 0.25), ("faq/clinic_insurance", 0.2)]


@pytest.mark.parametrize(
    "answer, rankings, questions_first, expected",
    [
        # the message's own answer is one of them: in the order asked
        (
            "faq/idd_safety",
            [LOCATION, SAFETY],
            False,
            ["faq/clinic_location", "faq/idd_safety"],
        ),
        # otherwise the message's own answer first, then the others
        (
            "faq/clinic_prices",
            [LOCATION, SAFETY],
            False,
            ["faq/clinic_prices", "faq/clinic_location", "faq/idd_safety"],
        ),
        # beside a booking wish, the questions' answers only
        ("faq/idd_what_is", [LOCATION], True, ["faq/clinic_location"]),
        # one answer, the message's own, or none sure: nothing to change
        ("faq/idd_safety", [SAFETY, SAFETY], False, []),
        ("faq/idd_safety", [SAFETY, UNSURE_PRICE], False, []),
        ("faq/idd_safety", [], False, []),
    ],
)
def test_each_question_gets_its_sure_answer_once(
    answer, rankings, questions_first, expected
) -> None:
    assert answers_in_order(answer, rankings, faq_floor(), questions_first) == expected


def test_at_most_two_answers_follow_the_first() -> None:
    rankings = [[(f"faq/topic_{n}", 0.9), ("faq/other", 0.01)] for n in range(4)]
    answers = answers_in_order("faq/idd_safety", rankings, faq_floor())
    assert len(answers) == 1 + MAX_OTHER_ANSWERS


@pytest.mark.parametrize(
    "text, intent, confidences, expected",
    [
        # the classifier hears a booking the rules do not see: a question only
        ("I'd like to know a bit about IDD", "ask_then_book", (0.8, 0.07), "faq"),
        (
            "I'd like to know a bit about IDD",
            "ask_then_book",
            (0.3, 0.25),
            "nlu_fallback",
        ),
        # a booking wish the rules see keeps it
        ("what is IDD? I'd like to book in", "ask_then_book", (0.8, 0.07), None),
        # symptoms told, then a question about a treatment or the clinic
        (
            "no tingling just a sore back lol. whats shockwave",
            "describe_symptoms",
            (0.6, 0.08),
            "faq",
        ),
        (
            "cheers for that. do u do weekend appointments tho",
            "describe_symptoms",
            (0.77, 0.04),
            "faq",
        ),
        # a greeting or thanks with a question
        ("hiya! hope ur well. what's idd?", "greet", (0.8, 0.05), "faq"),
        ("thanks for that. oh and what's the postcode", "thank", (0.7, 0.1), "faq"),
        ("thanks so much, really helpful", "thank", (0.7, 0.1), None),
        ("hey, you there?", "greet", (0.7, 0.1), None),
        ("hiya, anyone about?", "greet", (0.7, 0.1), None),
        # "yes" to the booking offer that comes with a question of its own
        (
            "ok sounds good whats the phone number to book",
            "affirm",
            (1.0, 0.0),
            "faq",
        ),
        ("yes please", "affirm", (0.4, 0.1), None),
        # the intent classifier torn between readings, the answer sure
        (
            "whats the postcode for my sat nav, my son is driving me, cant do the tube",
            "nlu_fallback",
            (0.95, 0.01),
            "faq",
        ),
        ("hmm not sure really", "nlu_fallback", (0.95, 0.01), None),
        # the clinic's details asked for with no question word
        (
            "need the post code for my satnav pls, bringing dad in from Luton",
            "nlu_fallback",
            (0.95, 0.01),
            "faq",
        ),
        ("my address has changed since last time", "nlu_fallback", (0.95, 0.01), None),
        # ... not when the answer is unsure, nor for symptoms with no such question
        ("sore back lol. whats shockwave", "describe_symptoms", (0.3, 0.25), None),
        (
            "my back is agony today and nothing helps",
            "describe_symptoms",
            (0.9, 0.01),
            None,
        ),
    ],
)
def test_a_question_beside_what_the_classifier_heard_is_answered(
    text: str, intent: str, confidences: tuple[float, float], expected: str | None
) -> None:
    assert _forced(text, intent, confidences) == expected
