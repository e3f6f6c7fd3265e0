"""The result types of clinical analysis: red flags and clinical entities."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal, get_args

# Most serious first; self-harm leads because its answer (Samaritans) differs from
# the physical-emergency answer and must never be lost behind another kind.
# "collapse" is sudden illness that needs 999 now whatever the back is doing:
# signs of a stroke, a severe allergic reaction, fainting or collapse, someone
# unconscious or not breathing.
RedFlagKind = Literal[
    "self_harm",
    "chest_pain",
    "collapse",
    "bladder_bowel",
    "saddle_numbness",
    "leg_weakness",
    "trauma",
    "fever",
]

RED_FLAG_KINDS: tuple[RedFlagKind, ...] = get_args(RedFlagKind)


@dataclass(frozen=True)
class RedFlag:
    """An emergency symptom found in a message, with its character offsets."""

    kind: RedFlagKind
    text: str
    start: int
    end: int


@dataclass(frozen=True)
class ClinicalEntity:
    """A treatment, procedure or body part, with its canonical value and offsets."""

    label: str
    value: str
    text: str
    start: int
    end: int


@dataclass(frozen=True)
class Analysis:
    """Everything the clinical rules found in one message."""

    red_flags: tuple[RedFlag, ...] = ()
    entities: tuple[ClinicalEntity, ...] = ()
    # Red-flag phrases the rules matched and then set aside as not an emergency
    # now: vetoed ("temperature of 37.2"), negated, past, habitual or resolved.
    dismissed: tuple[RedFlag, ...] = ()

    @property
    def is_red_flag(self) -> bool:
        """True when the message describes at least one emergency symptom."""
        return bool(self.red_flags)

    @property
    def rules_out_red_flag(self) -> bool:
        """True when red-flag words were found but every one was set aside."""
        return not self.red_flags and bool(self.dismissed)

    @property
    def kinds(self) -> tuple[RedFlagKind, ...]:
        """The distinct red-flag kinds found, most serious first."""
        found = {flag.kind for flag in self.red_flags}
        return tuple(kind for kind in RED_FLAG_KINDS if kind in found)

    @property
    def primary_red_flag(self) -> RedFlag | None:
        """The red flag to act on: self-harm first, then the most serious, earliest."""
        if not self.red_flags:
            return None
        return min(
            self.red_flags,
            key=lambda flag: (RED_FLAG_KINDS.index(flag.kind), flag.start),
        )

    def entity_values(self, label: str) -> tuple[str, ...]:
        """Canonical values of the entities with this label, in text order."""
        return tuple(entity.value for entity in self.entities if entity.label == label)
