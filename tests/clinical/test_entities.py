"""Clinical entities: treatments, procedures and body parts, with canonical values.

Phrasings: bot/clinical/rules/entities.yml.
"""

from __future__ import annotations

import pytest

from bot.clinical import analyse

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
        "my GP mentioned steroid jabs for it",
        [("treatment", "Injections", "steroid jabs")],
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
