"""The rules that overrule the classifiers: red flag, empty, non-English, FAQ floor."""

from __future__ import annotations

import pytest

from bot.nlu.language import looks_non_english
from bot.nlu.overrides import forced_intent
from bot.nlu.time_phrases import find_time_phrase


@pytest.mark.parametrize(
    "kwargs, expected",
    [
        (dict(text="x", intent="faq", faq_confidence=0.99, red_flag=True), "red_flag"),
        (dict(text="   ", intent="greet", faq_confidence=None, red_flag=False), "empty_message"),
        (dict(text="", intent=None, faq_confidence=None, red_flag=False), "empty_message"),
        (dict(text="j'ai mal au dos", intent="faq", faq_confidence=0.9, red_flag=False), "non_english"),
        (dict(text="idd?", intent="faq", faq_confidence=0.2, red_flag=False), "nlu_fallback"),
        (dict(text="idd?", intent="faq", faq_confidence=None, red_flag=False), "nlu_fallback"),
        (dict(text="idd?", intent="faq", faq_confidence=0.8, red_flag=False), None),
        (dict(text="hello", intent="greet", faq_confidence=0.1, red_flag=False), None),
    ],
)
def test_forced_intent(kwargs: dict, expected: str | None) -> None:
    assert forced_intent(faq_floor=0.4, **kwargs) == expected


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
        ("I'm free any weekday", None),
    ],
)
def test_time_phrase(text: str, phrase: str | None) -> None:
    found = find_time_phrase(text)
    assert (found[2] if found else None) == phrase
    if found:
        assert text[found[0] : found[1]] == phrase
