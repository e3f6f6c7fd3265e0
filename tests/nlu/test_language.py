"""Language identification: English is never taken for another language."""

from __future__ import annotations

import pytest
import yaml

from bot.bench.languages import english_messages
from bot.nlu.language import SUPPORTED, detect_language
from bot.settings import PROJECT_ROOT


def test_no_english_message_of_the_repository_is_taken_for_another_language() -> None:
    messages = list(english_messages())
    assert len(messages) > 5000  # the data, held-out, red-flag and conversation sets
    taken = [
        (source, text, code)
        for source, text in messages
        if (code := detect_language(text))
    ]
    assert taken == []


def _translations() -> list[tuple[str, str]]:
    """(language, translated paragraph) of every per-language fixed reply."""
    domain = yaml.safe_load((PROJECT_ROOT / "domain.yml").read_text(encoding="utf-8"))
    found = []
    for name in ("utter_non_english", "utter_red_flag"):
        for variant in domain["responses"][name]:
            value = (variant.get("condition") or [{}])[0].get("value", "")
            code = value.split("_")[0] if name == "utter_red_flag" else value
            if code in SUPPORTED:
                found.append((code, variant["text"].split("\n\n", 1)[1]))
    return found


def test_every_language_has_its_fixed_replies() -> None:
    codes = [code for code, _ in _translations()]
    assert sorted(set(codes)) == sorted(SUPPORTED)
    assert all(codes.count(code) == 3 for code in SUPPORTED)


@pytest.mark.parametrize("code,text", _translations())
def test_the_fixed_replies_are_recognised_as_their_language(
    code: str, text: str
) -> None:
    assert detect_language(text) == code


@pytest.mark.parametrize(
    "text,code",
    [
        ("¿Qué es la terapia IDD?", "es"),
        ("j'ai mal au dos", "fr"),
        ("nie mogę oddać moczu od rana", "pl"),
        ("nu pot să urinez de azi dimineață", "ro"),
        ("não consigo fazer xixi desde ontem", "pt"),
        ("ho un forte dolore al petto", "it"),
        ("dün geceden beri idrar yapamıyorum", "tr"),
        ("لا أستطيع التبول منذ الصباح", "ar"),
        ("صبح سے پیشاب نہیں آ رہا", "ur"),
        ("সকাল থেকে প্রস্রাব করতে পারছি না", "bn"),
    ],
)
def test_short_messages_in_the_clinic_languages(text: str, code: str) -> None:
    assert detect_language(text) == code


@pytest.mark.parametrize(
    "text",
    [
        "gracias! and what is IDD therapy exactly?",
        "merci, can I book in for next week?",
        "my physio is Polish, she said I have a bulging disc at L4/L5",
        "José Álvarez",
        "anna kowalska",
        "spinal mobilisation",
        "ok",
        "idd",
    ],
)
def test_english_with_a_foreign_word_and_names_stay_english(text: str) -> None:
    assert detect_language(text) is None


def test_no_english_message_gets_a_red_flag_from_another_languages_readers() -> None:
    """Neither their rules nor the red-flag classifier flag an English message."""
    from bot.nlu.safety import read_message

    fired = [
        (source, text, reading.other_language_kinds)
        for source, text in english_messages()
        if (reading := read_message(text)).other_language_kinds
    ]
    assert fired == []


@pytest.mark.parametrize(
    "text,language,kind",
    [
        ("no puedo mear", "es", "bladder_bowel"),  # too short to identify
        (
            "tengo dolor de espalda y desde esta mañana no puedo orinar",
            "es",
            "bladder_bowel",
        ),
    ],
)
def test_a_red_flag_in_another_language_says_which_language(
    text, language, kind
) -> None:
    from bot.nlu.safety import read_message

    reading = read_message(text)
    assert (reading.language, reading.red_flag_kind) == (language, kind)


@pytest.mark.parametrize(
    "text,language,kind",
    [
        # romanised: no language identified, answered in the romanised language
        ("sadri bywaja3ni w nafasi ma2tou3", "ar", "chest_pain"),
        ("baddi a2tol 7ali, ma 3ad fiyye", "ar", "self_harm"),
        ("buke prochondo chap, shash nite parchi na", "bn", "chest_pain"),
        ("nijeke mere felte icche kore", "bn", "self_harm"),
        ("kal se peshab nahi utar raha", "ur", "bladder_bowel"),
        # Roman Urdu mixed with English
        ("my mom ka peshab nikal gaya and she didn't notice", "ur", "bladder_bowel"),
    ],
)
def test_a_romanised_red_flag_is_answered_in_its_language(text, language, kind) -> None:
    from bot.nlu.safety import read_message

    reading = read_message(text)
    assert (reading.language, reading.red_flag_kind) == (language, kind)


@pytest.mark.parametrize(
    "text",
    [
        "marhaba, kam se3r el IDD? baddi a7joz maw3ed",
        "ami appointment nite chai, koto taka lagbe?",
        "IDD ka kitna kharcha hai? kamar me purana dard hai",
        "I had a chest pain scare in 2019 but the tests were fine",
        "the sun was out so I sat on the balcony",
    ],
)
def test_romanised_look_alikes_and_english_get_no_red_flag(text: str) -> None:
    from bot.nlu.safety import read_message

    reading = read_message(text)
    assert not reading.other_language_kinds and reading.language is None


@pytest.mark.parametrize(
    "text",
    [
        "¿Qué quiere decir cauda equina? Lo leí en el informe de la resonancia.",
        "Co oznacza cauda equina? Lekarz wspomniał o tym na wizycie.",
    ],
)
def test_a_term_question_in_another_language_is_not_an_emergency(text) -> None:
    from bot.nlu.safety import read_message

    assert not read_message(text).is_red_flag
