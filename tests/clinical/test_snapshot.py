"""The detector answers every message of the repository as the snapshot says.

The snapshot (snapshots/flags.json) holds, for each message of the red-flag sets,
the NLU data and the held-out sets, the red flags, dismissed red flags and
entities bot.clinical.analyse() found when it was written. A difference means the
rules or the engine changed behaviour: if that was meant, refresh the snapshot
with `.venv/bin/python -m tests.clinical.make_snapshot` and read its diff.
"""

from __future__ import annotations

import json

from tests.clinical.make_snapshot import SNAPSHOT, detect


def test_detector_matches_snapshot() -> None:
    """Same flags, dismissals and entities on every snapshot message."""
    expected = json.loads(SNAPSHOT.read_text(encoding="utf-8"))
    assert len(expected) > 5000
    differences = []
    for text, found in expected.items():
        now = detect(text)
        if now != found:
            differences.append(f"{text!r}\n    snapshot: {found}\n    now:      {now}")
    assert not differences, (
        f"{len(differences)} messages differ from {SNAPSHOT.name}:\n"
        + "\n".join(differences[:50])
    )
