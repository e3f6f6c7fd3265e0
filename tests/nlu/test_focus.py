"""What the classifiers read: a story's question,
a follow-up's topic (bot/nlu/focus.py)."""

from __future__ import annotations

import pytest

from bot.nlu.focus import (
    asks_to_rephrase,
    focus,
    is_follow_up,
    question_of_story,
    separate_questions,
    tidy,
    topics_in,
)
from bot.nlu.sentences import question_part
from bot.nlu.wishes import questions_besides_booking


@pytest.mark.parametrize(
    "story, question, must_keep",
    [
        (
            "Hello, I had a spinal fusion a few years back and it helped for "
            "a while but now the ache in my lower back is back most days. "
            "Is there anything without an operation you could offer?",
            "Is there anything without an operation you could offer?",
            "Spinal Fusion",
        ),
        (
            "My physiotherapist told me about decompression therapy "
            "and IDD and I am sixty two, not good with technology, "
            "could you explain simply how it works",
            "could you explain simply how it works",
            "IDD Therapy",
        ),
        (
            "I had two injections last year for my sciatica and the relief only lasted "
            "a few weeks each time. so who actually does them at your clinic?",
            "so who actually does them at your clinic?",
            "Injections",
        ),
        # spoken, with no punctuation at all: read from its last question
        (
            "hi yeah so ive been driving a cab for 22 years and my lower back is "
            "basically shot my brother in law went somewhere that does this "
            "computerised spinal decompression thing and swears by it so what is "
            "that actually how does it work",
            "how does it work",
            "IDD Therapy",
        ),
        (
            "had a microdiscectomy last year my leg is fine now but my back still "
            "kills me by the end of the day does the operation not fix back pain "
            "as well then",
            "does the operation not fix back pain as well then",
            "Microdiscectomy",
        ),
    ],
)
def test_a_story_is_read_as_its_question_and_the_treatments_it_names(
    story: str, question: str, must_keep: str
) -> None:
    read = question_of_story(story)
    assert read is not None
    assert read.startswith(question)
    assert must_keep in read


@pytest.mark.parametrize(
    "text",
    [
        "what is IDD therapy?",  # short: read as written
        "I've had back pain for years and my surgery didn't help at all, it is awful",
        "",
    ],
)
def test_short_messages_and_stories_without_a_question_are_read_as_written(
    text: str,
) -> None:
    assert question_of_story(text) is None
    assert not focus(text).changed


def test_a_bare_question_keeps_the_sentence_it_points_at() -> None:
    story = (
        "my discharge letter from the ward says something about saddle anaesthesia "
        "as a thing to look out for. i do not have it at all. what is it?"
    )
    read = question_of_story(story)
    assert read is not None
    assert read.endswith("what is it?")
    assert "i do not have it at all" in read


def test_a_bare_question_in_the_same_sentence_keeps_the_rest_of_it() -> None:
    said = (
        "someone at work said you can do more damage after a back injection, is "
        "that true??"
    )
    assert focus(said).text == said
    read = question_of_story(f"I'm booked in for a facet injection next month. {said}")
    assert read is not None
    assert read.startswith(said)


@pytest.mark.parametrize(
    "written, read",
    [
        ("where are you anyway", "where are you"),
        ("how long for tho?", "how long for?"),
        (
            "what even is IDD therapy question mark is it a machine",
            ("what even is IDD therapy? is it a machine"),
        ),
        ("it was class full stop what is it", "it was class. what is it"),
        ("lol", "lol"),  # nothing would be left
        ("thanks anyway", "thanks"),
    ],
)
def test_dictated_punctuation_and_trailing_fillers_are_tidied(
    written: str, read: str
) -> None:
    assert tidy(written) == read
    assert focus(written).text == read


@pytest.mark.parametrize(
    "text, rephrase",
    [
        ("sorry again? in simpler words", True),
        ("can explain more simple please", True),
        ("say that again?", True),
        ("what do you mean by that", True),
        ("why would that happen", True),
        ("how can that be?", True),
        ("how is that possible", True),
        ("how can IDD be safe?", False),
        ("I don't understand why my back still hurts after all that physio", False),
        ("can you explain IDD more simply", False),  # names its own treatment
        ("does it hurt", False),
    ],
)
def test_a_request_to_rephrase(text: str, rephrase: bool) -> None:
    assert asks_to_rephrase(text) is rephrase


def test_the_other_one_is_the_other_treatment_named() -> None:
    read = focus("and the other one?", "IDD Therapy", "Clinical Pilates")
    assert read.topic_added == "Clinical Pilates"
    # with one treatment in play there is no other: "I'm not sure", not a guess
    alone = focus("what about the other one then", "IDD Therapy")
    assert alone.unanchored and alone.topic_added is None
    # a follow-up that does not say "the other" keeps the answer's topic
    assert focus("does it hurt?", "IDD Therapy", "Clinical Pilates").topic_added == (
        "IDD Therapy"
    )


def test_physios_in_the_plural_are_people_not_a_topic() -> None:
    assert topics_in("so theyre not physios then?") == []
    assert is_follow_up("so theyre not physios then?")


def test_a_physio_who_mentions_a_treatment_is_not_the_topic() -> None:
    assert topics_in("my physio keeps telling me about IDD") == ["IDD Therapy"]
    assert topics_in("is physio any good after a fusion") == [
        "Physiotherapy",
        "Spinal Fusion",
    ]


@pytest.mark.parametrize(
    "text, topic, expected",
    [
        ("does it hurt at all?", "IDD Therapy", "does it hurt at all? IDD Therapy"),
        ("who gives them?", "Injections", "who gives them? Injections"),
        (
            "and what about back pain?",
            "Microdiscectomy",
            "and what about back pain? Microdiscectomy",
        ),
        ("what kind", "Clinical Pilates", "what kind Clinical Pilates"),
        (
            "mine was for back pain mostly",
            "Microdiscectomy",
            "mine was for back pain mostly Microdiscectomy",
        ),
        # "it" is the topic, compared with the treatment named
        (
            "how is it different from the operation though",
            "IDD Therapy",
            "how is it different from the operation IDD Therapy",
        ),
        (
            "does it replace the injections then?",
            "Pain Management",
            "does it replace the injections then? Pain Management",
        ),
        # names its own topic: not a follow-up
        ("does acupuncture hurt?", "IDD Therapy", "does acupuncture hurt?"),
        ("is IDD better than surgery?", "Injections", "is IDD better than surgery?"),
        (
            "and injections, how do they compare",
            "IDD Therapy",
            "and injections, how do they compare",
        ),
        # no topic in play: read as written
        ("does it hurt at all?", None, "does it hurt at all?"),
        # leans on nothing
        ("where are you based", "IDD Therapy", "where are you based"),
    ],
)
def test_a_follow_up_gets_the_topic_of_the_last_answer(
    text: str, topic: str | None, expected: str
) -> None:
    assert focus(text, topic).text == expected


def test_long_messages_are_not_follow_ups() -> None:
    long = (
        "does it hurt, because I had a bad time with my "
        "last treatment and I am worried it will be the same"
    )
    assert not is_follow_up(long)


@pytest.mark.parametrize(
    "text, unanchored",
    [
        ("does it hurt?", True),
        ("who does them?", True),
        ("is it safe for me", True),
        ("does IDD hurt?", False),  # names its topic
        ("where is it?", False),  # about the clinic
        ("how much is it", False),
        ("what is failed back surgery syndrome and why does it happen?", False),  # long
    ],
)
def test_a_follow_up_with_no_topic_in_play_is_marked(
    text: str, unanchored: bool
) -> None:
    read = focus(text, topic=None)
    assert read.unanchored is unanchored
    assert read.text == text or not unanchored


def test_a_follow_up_with_a_topic_in_play_is_not_marked() -> None:
    read = focus("does it hurt?", topic="IDD Therapy")
    assert not read.unanchored
    assert read.topic_added == "IDD Therapy"


@pytest.mark.parametrize(
    "sentence, question",
    [
        # an auxiliary after "and" tells, unless a subject follows it
        ("My wife is 60 and will be driving me in.", None),
        ("I had the op in May and has not helped at all.", None),
        (
            "I had the op in May and is it normal to still hurt?",
            "is it normal to still hurt?",
        ),
        ("could you explain how it works", "could you explain how it works"),
        (
            "I read about it but is it safe for older people",
            "is it safe for older people",
        ),
        ("my dad wants to know who does the injections", "who does the injections"),
        # a clause about the word before it, or about when or where, tells
        ("My father, who is 85, is to have an injection next week.", None),
        ("When I bend over it hurts.", None),
        ("When I come in, do I need my scans", "do I need my scans"),
        (
            "When I come in, what should I bring?",
            "When I come in, what should I bring?",
        ),
        # a request is a question too
        (
            "Please give me the address of the clinic.",
            "Please give me the address of the clinic.",
        ),
    ],
)
def test_only_a_clause_that_asks_is_the_question(
    sentence: str, question: str | None
) -> None:
    assert question_part(sentence) == question


def test_the_question_after_a_booking_wish() -> None:
    wish = "Hi, I'd like to book IDD please, but first what actually is it lol"
    assert questions_besides_booking(wish) == ["but first what actually is it lol"]
    wish = "is it possible to book in for acupuncture? also whereabouts are you"
    assert questions_besides_booking(wish) == ["also whereabouts are you"]


def test_a_dialect_you_asks() -> None:
    text = "had enough of the jabs tbh, do yous do the pilates"
    assert question_part(text) == "do yous do the pilates"


def test_a_question_that_names_its_treatment_is_not_given_the_storys() -> None:
    story = (
        "I had a fusion in 2019 and I'm still sore most days, nothing has really "
        "worked. is your acupuncture the western medical kind?"
    )
    read = question_of_story(story)
    assert read == "is your acupuncture the western medical kind?"


# A lead-in word repeated hundreds of times once made a regular expression try
# exponentially many ways to match (the server stalled on one message). The
# timeout turns such a regression into a failure instead of a hung test run.
@pytest.mark.timeout(60)
@pytest.mark.parametrize(
    "unit", ["ok ", "ok, ", "so ,", "i was ", "hi hello ", "er ", "sounds good yes "]
)
def test_a_repeated_lead_in_word_is_read_without_stalling(unit: str) -> None:
    text = (unit * 1000)[:1999] + " x"
    assert focus(text).text
    question_part(text)


@pytest.mark.parametrize(
    "text, expected",
    [
        (
            "hi! two things: where are you, and how much is IDD?",
            ["where are you", "how much is IDD?"],
        ),
        # "it" leans on the treatment the message names
        (
            "whats IDD and how much does it cost",
            ["whats IDD", "how much does it cost IDD Therapy"],
        ),
        # "and" joins; a question about the clinic gets no treatment added
        (
            "Do you do acupuncture, and what's the postcode?",
            ["Do you do acupuncture", "what's the postcode?"],
        ),
        # a question leaning on another gets the treatment the message names
        (
            "who actually does the spinal injections, and are the results permanent?",
            [
                "who actually does the spinal injections",
                "are the results permanent? Injections",
            ],
        ),
        # beside a booking wish, one question is enough; the wish is not one
        ("what is IDD and can I book it in?", ["what is IDD"]),
        # "n" for "and", and a numbered list
        (
            "how much is pilates n whats the address",
            ["how much is pilates", "whats the address"],
        ),
        (
            "Hi! 1) is IDD the same as spinal decompression 2) do I need a referral "
            "3) what's the address",
            [
                "is IDD the same as spinal decompression",
                "do I need a referral",
                "what's the address",
            ],
        ),
        ("can I book in for IDD", []),
        ("what is IDD therapy?", []),
        ("could I have your postcode and a phone number please", []),
    ],
)
def test_each_question_of_a_message_that_asks_several_is_read_apart(
    text: str, expected: list[str]
) -> None:
    assert separate_questions(text) == expected


def test_a_list_of_worries_is_not_split_into_answers() -> None:
    text = "Is it safe? Does it hurt? How long does it take? Who does it? Can I drive?"
    assert separate_questions(text) == []


@pytest.mark.parametrize(
    "spoken",
    [
        # it opens with its question: read whole
        "Are pain medicine doctors trained in manual therapy and functional "
        "biomechanics or is it just injections they know",
        # "it is the worst" tells: no question to find
        "i have had this back pain for years and years and it is the worst "
        "thing ever and nothing the doctors give me touches it at all",
    ],
)
def test_a_spoken_message_is_not_cut_where_it_does_not_ask(spoken: str) -> None:
    assert question_of_story(spoken) is None


@pytest.mark.parametrize(
    "text, questions",
    [
        (
            "phone number and postcode pls",
            ["what is your phone number?", "what is your postcode?"],
        ),
        (
            "your address, phone and opening hours?",
            [
                "what is your address?",
                "what is your phone?",
                "what is your opening hours?",
            ],
        ),
        ("phone number please", []),  # one detail: read as written
        ("number and name", []),  # not only the clinic's details
    ],
)
def test_a_list_of_the_clinics_details_asks_for_each(
    text: str, questions: list[str]
) -> None:
    assert separate_questions(text) == questions
