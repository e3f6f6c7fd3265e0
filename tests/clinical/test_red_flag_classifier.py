"""The red-flag classifier for other languages: its examples, what it learns, and
where it reads (after the rules, never English)."""

from __future__ import annotations

import shutil
from collections import Counter
from pathlib import Path

import pytest

from bot.clinical import RED_FLAG_KINDS
from bot.clinical.other_languages import find_red_flags
from bot.clinical.red_flag_classifier import (
    EXAMPLES,
    ORDINARY,
    emergency_kind,
    load_examples,
    saved_model_path,
    train,
)
from bot.nlu.language import SUPPORTED
from bot.nlu.safety import read_message


def test_every_language_has_examples_of_every_kind_and_of_ordinary_messages() -> None:
    counts = Counter((e.language, e.label) for e in load_examples())
    for language in SUPPORTED:
        for label in (*RED_FLAG_KINDS, ORDINARY):
            if label == "collapse":  # an English-only kind (overdose, fainting)
                continue
            assert counts[(language, label)] >= 5, (language, label)


def test_a_writer_it_never_saw_is_read_well(tmp_path: Path) -> None:
    """Learnt without one example set (a writer it never saw), it reads that set."""
    seen, unseen = tmp_path / "seen", tmp_path / "unseen"
    seen.mkdir()
    unseen.mkdir()
    for path in EXAMPLES.glob("*.yml"):
        shutil.copy(path, (unseen if path.name == "tenth.yml" else seen) / path.name)
    model = train(load_examples(seen))
    examples = load_examples(unseen)
    emergencies = [e for e in examples if e.label != ORDINARY]
    ordinary = [e for e in examples if e.label == ORDINARY]
    caught = sum(emergency_kind(model, e.text) is not None for e in emergencies)
    alarms = sum(emergency_kind(model, e.text) is not None for e in ordinary)
    assert caught >= 0.9 * len(emergencies)
    assert alarms <= 0.1 * len(ordinary)


def test_the_saved_model_is_named_by_its_examples(tmp_path: Path) -> None:
    shutil.copy(EXAMPLES / "first.yml", tmp_path / "first.yml")
    before = saved_model_path(tmp_path)
    with (tmp_path / "first.yml").open("a", encoding="utf-8") as handle:
        handle.write("\n# an edit\n")
    assert saved_model_path(tmp_path) != before


# Written for this test (in no example set), in words the rules do not know.
MISSED_BY_THE_RULES = [
    (
        "oye desde el finde el pis me sale cuando le da la gana, ni me entero, y los "
        "riñones me matan",
        "es",
        "bladder_bowel",
    ),
    (
        "la gamba sinistra da stamattina fa quello che vuole, inciampo ogni due passi "
        "e non la sento più",
        "it",
        "leg_weakness",
    ),
    (
        "j'ai plus de sensations quand je m'essuie, c'est comme du carton là en bas, "
        "ça vient du dos ?",
        "fr",
        "saddle_numbness",
    ),
    (
        "durmiendo no, pero hace rato el corazón me aprieta y me baja por el brazo, "
        "será la contractura?",
        "es",
        "chest_pain",
    ),
]


@pytest.mark.parametrize("text, language, kind", MISSED_BY_THE_RULES)
def test_it_reads_what_the_rules_miss(text: str, language: str, kind: str) -> None:
    assert find_red_flags(text, language) == (None, ())
    reading = read_message(text)
    assert (reading.language, reading.red_flag_kind) == (language, kind)


@pytest.mark.parametrize(
    "text",
    [
        "¿Cuánto cuesta una sesión de IDD y tienen citas los sábados?",
        "Mi madre tuvo una hernia hace diez años y ahora está bien, ¿hacen pilates?",
        "Czy terapia IDD boli? Mam rwę kulszową od dwóch lat.",
    ],
)
def test_ordinary_questions_stay_ordinary(text: str) -> None:
    assert not read_message(text).is_red_flag


@pytest.mark.parametrize(
    "text", ["ta ra", "nah", "cn i bk in pls", "no, i don't consent", "kwame mensah"]
)
def test_short_english_never_reaches_it(text: str) -> None:
    """Too short for lingua to name, and the classifier would read them wrongly."""
    assert not read_message(text).is_red_flag
