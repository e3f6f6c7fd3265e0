"""A retrain's training runs below the live assistant's CPU priority."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from bot.retrain.pipeline import TRAINING_NICENESS, _run_logged

SAY_NICENESS = [sys.executable, "-c", "import os; print(os.nice(0))"]


def test_the_training_command_runs_niced(tmp_path: Path) -> None:
    log = tmp_path / "train.log"
    code = _run_logged(SAY_NICENESS, log, print, niceness=TRAINING_NICENESS)
    assert code == 0
    assert int(log.read_text().strip()) == min(19, os.nice(0) + TRAINING_NICENESS)


def test_other_commands_keep_their_priority(tmp_path: Path) -> None:
    log = tmp_path / "other.log"
    assert _run_logged(SAY_NICENESS, log, print) == 0
    assert int(log.read_text().strip()) == os.nice(0)
