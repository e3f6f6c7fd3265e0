"""How much work a benchmark run does: the full run (`make bench`) and `--quick`."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Optional


@dataclass(frozen=True)
class Plan:
    """Settings of one benchmark run."""

    name: str
    # epochs of every trained component for the held-out models (None: as configured)
    epochs: Optional[int]
    folds: int
    # epochs in the cross-validation trainings, per pipeline key (None: as configured)
    cv_epochs: dict[str, Optional[int]]
    # concurrent conversations -> number of REST requests measured at that level
    requests: dict[int, int]
    # model-swap measurement: (epochs override, conversation-test files or None for all)
    swap_epochs: Optional[int]
    swap_conversations: Optional[tuple[str, ...]]

    @property
    def quick(self) -> bool:
        """True for the smoke-test run whose numbers mean nothing."""
        return self.name == "quick"


FULL = Plan(
    name="full",
    epochs=None,
    folds=5,
    # Full-epoch NLU trainings cost minutes each on 2 cores (Rasa's default DIET, with
    # two transformer layers, ~4-8 CPU-seconds per epoch): ten of them do not fit the
    # budget next to the two full trainings, so cross-validation trains for a quarter
    # of our epochs and a tenth of the default's (the report says so).
    cv_epochs={"ours": 15, "default": 10},
    requests={1: 100, 8: 400, 32: 640},
    swap_epochs=None,
    swap_conversations=None,
)

QUICK = Plan(
    name="quick",
    epochs=3,
    folds=2,
    cv_epochs={"ours": 3, "default": 3},
    requests={1: 10, 8: 40, 32: 64},
    swap_epochs=3,
    swap_conversations=("faq.yml",),
)
