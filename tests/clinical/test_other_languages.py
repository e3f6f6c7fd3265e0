"""Red-flag rules of the other languages: every file loads, and its examples hold."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.clinical.other_languages import (
    RuleError,
    load_language,
    load_rules,
    red_flag_kinds,
)

LANGUAGES = sorted(load_rules())
RULES = [
    pytest.param(code, rule, id=f"{code}-{rule.kind}-{index}")
    for code in LANGUAGES
    for index, rule in enumerate(load_rules()[code].rules)
]
ORDINARY = [
    pytest.param(code, text, id=f"{code}-{index}")
    for code in LANGUAGES
    for index, text in enumerate(load_rules()[code].not_red_flags)
]


def test_the_ten_languages_of_the_clinic_have_rules() -> None:
    assert set(LANGUAGES) >= {
        "es",
        "pl",
        "ro",
        "pt",
        "it",
        "fr",
        "ar",
        "tr",
        "bn",
        "ur",
    }


@pytest.mark.parametrize("code", LANGUAGES)
def test_every_language_covers_every_kind(code: str) -> None:
    kinds = {rule.kind for rule in load_rules()[code].rules}
    expected = {
        "self_harm",
        "chest_pain",
        "bladder_bowel",
        "saddle_numbness",
        "leg_weakness",
        "trauma",
        "fever",
    }
    assert expected <= kinds


@pytest.mark.parametrize("code,rule", RULES)
def test_each_rule_catches_its_example_in_the_whole_message(code, rule) -> None:
    assert rule.kind in red_flag_kinds(rule.example, code)


@pytest.mark.parametrize("code,text", ORDINARY)
def test_ordinary_messages_are_not_emergencies(code: str, text: str) -> None:
    assert red_flag_kinds(text, code) == ()


def test_a_broken_rule_fails_naming_the_file_and_the_rule(tmp_path: Path) -> None:
    broken = tmp_path / "xx.yml"
    broken.write_text(
        "language: xx\n"
        "red_flags:\n"
        "  fever:\n"
        "    - match: 'fiebre ...'\n"
        "      example: 'fiebre alta'\n"
        "    - match: 'calentura'\n"
        "      example: 'tengo fiebre'\n",
        encoding="utf-8",
    )
    with pytest.raises(RuleError) as raised:
        load_language(broken)
    message = str(raised.value)
    assert str(broken) in message
    assert "'fiebre ...'" in message and "must start and end with a word" in message
    assert "'calentura' does not match its example 'tengo fiebre'" in message


def test_accents_and_case_do_not_matter() -> None:
    assert red_flag_kinds("DESDE AYER NO PUEDO ORINAR", "es") == ("bladder_bowel",)
    assert red_flag_kinds("desde ayer no puedo orinár", "es") == ("bladder_bowel",)


def test_a_denial_just_before_the_symptom_sets_it_aside() -> None:
    assert red_flag_kinds("no tengo incontinencia", "es") == ()
    assert red_flag_kinds("tengo incontinencia", "es") == ("bladder_bowel",)


def test_a_denial_in_an_earlier_clause_does_not_hide_a_symptom() -> None:
    assert red_flag_kinds("no tengo fiebre, no puedo orinar desde ayer", "es") == (
        "bladder_bowel",
    )
    assert red_flag_kinds("nie mam gorączki, ale nie mogę oddać moczu", "pl") == (
        "bladder_bowel",
    )
