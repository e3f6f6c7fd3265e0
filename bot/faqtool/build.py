"""Turns the FAQ files into Rasa training data (retrieval intents and their responses).

The answers' phone placeholders ({clinic_phones}, ...) are filled in here, from
domain.yml (bot.faqtool.phones), so the trained model holds the numbers.
"""

from __future__ import annotations

from pathlib import Path

import yaml

from bot.faqtool.phones import DOMAIN, ClinicPhones, clinic_phones
from bot.faqtool.source import FAQ_DIR, Faq, load_all
from bot.settings import PROJECT_ROOT

GENERATED = PROJECT_ROOT / "bot" / "data" / "faq.generated.yml"
HEADER = (
    "# GENERATED from bot/faq/*.yml by `python -m bot.faqtool build` at every\n"
    "# training. Do not edit: change the FAQ files instead.\n"
)


class _Literal(str):
    """A string dumped as a YAML block (the `examples: |` form Rasa expects)."""


yaml.SafeDumper.add_representer(
    _Literal, lambda d, s: d.represent_scalar("tag:yaml.org,2002:str", s, style="|")
)


def training_data(faqs: list[Faq], phones: ClinicPhones) -> dict:
    """The Rasa training-data document for these FAQs, phone numbers filled in."""
    nlu = [
        {
            "intent": f"faq/{faq.id}",
            "examples": _Literal("".join(f"- {q}\n" for q in faq.questions)),
        }
        for faq in faqs
    ]
    responses = {}
    for faq in faqs:
        variants = [{"text": phones.fill(faq.answer)}]
        variants += [
            {"text": phones.fill(text), "channel": channel}
            for channel, text in faq.channels.items()
        ]
        responses[f"utter_faq/{faq.id}"] = variants
    return {"version": "3.1", "nlu": nlu, "responses": responses}


def build(folder: Path = FAQ_DIR, out: Path = GENERATED, domain: Path = DOMAIN) -> Path:
    """Writes the generated training-data file and returns its path."""
    document = training_data(load_all(folder), clinic_phones(domain))
    text = yaml.safe_dump(document, sort_keys=False, allow_unicode=True, width=1000)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(HEADER + text, encoding="utf-8")
    return out
