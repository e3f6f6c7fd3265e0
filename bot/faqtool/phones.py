"""The clinic's phone numbers in FAQ answers: placeholders, filled in at build time.

domain.yml's `clinic_phones` slot is the one place that knows the numbers; every
domain response fills `{clinic_phones}` from it when it is sent. FAQ answers use
the same placeholders, and `faq build` fills them in from that slot:

    {clinic_phones}    both numbers, as the slot gives them ("0845 468 1088 or
                       +44 20 3369 8747")
    {clinic_phone_1}   the first number on its own, {clinic_phone_2} the second
                       (for an answer that lists them another way)

`faq check` refuses an answer that writes one of the numbers out (however it is
spaced, or with +44 for the 0), and `faq import` turns a number written out in a
spreadsheet into its placeholder.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from bot.settings import PROJECT_ROOT

DOMAIN = PROJECT_ROOT / "domain.yml"
SLOT = "clinic_phones"
PLACEHOLDER = re.compile(r"\{(\w+)\}")
# what may stand between the digits of a number as people write it
_GAP = r"[\s().-]*"
_NUMBER = re.compile(r"\+?\d[\d\s().-]*\d")


class PhonesError(ValueError):
    """domain.yml does not give the clinic's phone numbers."""


def _national(digits: str) -> str:
    """A UK number's digits as dialled at home: 442033698747 -> 02033698747."""
    if digits.startswith("0044"):
        return "0" + digits[4:]
    if digits.startswith("44") and len(digits) > 10:
        return "0" + digits[2:]
    return digits


def _pattern(number: str) -> str:
    """A regex finding the number however it is written (spaces, dashes, +44)."""
    national = _national(re.sub(r"\D", "", number))
    if not national.startswith("0"):
        return rf"(?<!\d){_GAP.join(national)}(?!\d)"
    rest = _GAP.join(national[1:])
    trunk = rf"(?:0|(?:\+|00){_GAP}44{_GAP}(?:\(0\){_GAP})?)"
    return rf"(?<![\d+]){trunk}{_GAP}{rest}(?!\d)"


@dataclass(frozen=True)
class ClinicPhones:
    """The clinic's numbers, as domain.yml's `clinic_phones` slot gives them."""

    text: str  # the slot's value: "0845 468 1088 or +44 20 3369 8747"

    @property
    def numbers(self) -> list[str]:
        """Each number as the slot writes it."""
        return [m.group() for m in _NUMBER.finditer(self.text)]

    @property
    def values(self) -> dict[str, str]:
        """Placeholder name -> the text it stands for."""
        values = {SLOT: self.text}
        for n, number in enumerate(self.numbers, start=1):
            values[f"clinic_phone_{n}"] = number
        return values

    @property
    def digits(self) -> frozenset[str]:
        """The digits of each number (as `faq check` compares numbers)."""
        return frozenset(re.sub(r"\D", "", number) for number in self.numbers)

    def fill(self, text: str) -> str:
        """The text with its placeholders replaced by the numbers."""
        values = self.values
        return PLACEHOLDER.sub(lambda m: values.get(m.group(1), m.group()), text)

    def unknown_placeholders(self, text: str) -> list[str]:
        """Placeholders of the text that are not phone placeholders, as written."""
        known = self.values
        found = PLACEHOLDER.finditer(text)
        return [m.group() for m in found if m.group(1) not in known]

    def written_out(self, text: str) -> list[str]:
        """The clinic's numbers the text writes out in digits, as written."""
        patterns = [_pattern(number) for number in self.numbers]
        if not patterns:
            return []
        found = re.finditer("|".join(patterns), text)
        return [" ".join(m.group().split()) for m in found]

    def as_placeholders(self, text: str) -> str:
        """The text with the numbers written out replaced by their placeholders."""
        numbers = self.numbers
        if not numbers:
            return text
        # the slot's whole text first ("X or Y" -> {clinic_phones}), then each number
        parts = re.split("|".join(re.escape(n) for n in numbers), self.text)
        together = "".join(
            _pattern(number) + re.escape(gap).replace("\\ ", r"\s+")
            # a number written twice in the slot splits it once more: the extra gap is
            # unused
            for number, gap in zip(numbers, parts[1:], strict=False)
        )
        text = re.sub(together, "{" + SLOT + "}", text, flags=re.IGNORECASE)
        for n, number in enumerate(numbers, start=1):
            text = re.sub(_pattern(number), f"{{clinic_phone_{n}}}", text)
        return text


def clinic_phones(domain: Path = DOMAIN) -> ClinicPhones:
    """The clinic's numbers: the initial value of domain.yml's `clinic_phones` slot."""
    try:
        slots = yaml.safe_load(domain.read_text(encoding="utf-8"))["slots"]
        text = str(slots[SLOT]["initial_value"])
    except (OSError, yaml.YAMLError, KeyError, TypeError) as exc:
        raise PhonesError(
            f"{domain.name} gives no clinic phone numbers: the FAQ answers' "
            f"{{{SLOT}}} is filled from its slot '{SLOT}' (initial_value)."
        ) from exc
    return ClinicPhones(" ".join(text.split()))
