"""Writes the red-flag snapshot: what the English detector finds in every message.

The messages are those of the red-flag sets (tests/data/red_flags/*.yml), the NLU
training data (bot/data/*.yml examples), the held-out sets (tests/nlu_holdout.yml,
tests/data/realistic/*.yml) and the English glosses of the first multilingual set
(bot/clinical/other_languages/examples/first.yml). For each one the snapshot keeps
the red flags, the dismissed red flags (kind and offsets) and the clinical entities that
bot.clinical.analyse() returns. tests/clinical/test_snapshot.py checks that the
detector still answers exactly so.

After a deliberate change of the rules (bot/clinical/rules/*.yml) or the engine,
refresh the snapshot and commit it with the change, reading its diff:

    .venv/bin/python -m tests.clinical.make_snapshot
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parents[2]
SNAPSHOT = Path(__file__).with_name("snapshots") / "flags.json"
# Rasa entity annotations: "[lower back](body_part)" or "[x]{"entity": ...}".
_ANNOTATION = re.compile(r"\[([^\]]*)\](?:\([^)]*\)|\{[^}]*\})")


def _strings(value: Any) -> Iterator[str]:
    """Every string inside a YAML value (lists and mappings walked)."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)
    elif isinstance(value, dict):
        for item in value.values():
            yield from _strings(item)


def _nlu_examples(path: Path) -> Iterator[str]:
    """The examples of a Rasa NLU file, annotations reduced to their text."""
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    for block in data.get("nlu") or []:
        for line in str(block.get("examples") or "").splitlines():
            line = line.strip()
            if line.startswith("- "):
                yield _ANNOTATION.sub(r"\1", line[2:].strip())


def messages() -> list[str]:
    """Every message the snapshot covers, sorted, each once."""
    found: set[str] = set()
    for path in sorted((ROOT / "tests/data/red_flags").glob("*.yml")):
        found.update(_strings(yaml.safe_load(path.read_text(encoding="utf-8"))))
    for path in sorted((ROOT / "bot/data").glob("*.yml")):
        found.update(_nlu_examples(path))
    found.update(_nlu_examples(ROOT / "tests/nlu_holdout.yml"))
    for path in sorted((ROOT / "tests/data/realistic").glob("*.yml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        for case in data.get("cases") or []:
            found.update(_strings(case.get("say")))
            found.update(_strings(case.get("before")))
        found.update(_strings(data.get("flows")))
    blind = yaml.safe_load(
        (ROOT / "bot/clinical/other_languages/examples/first.yml").read_text(
            encoding="utf-8"
        )
    )
    for groups in (blind.get("languages") or {}).values():
        for cases in groups.values():
            found.update(case["english"] for case in cases if "english" in case)
    return sorted(text for text in found if text.strip())


def detect(text: str) -> dict[str, list[Any]]:
    """What the English detector finds in one message, as plain JSON values."""
    from bot.clinical import analyse

    result = analyse(text)
    found = {
        "kinds": sorted(result.kinds),
        "flags": [[f.kind, f.start, f.end] for f in result.red_flags],
        "dismissed": [[f.kind, f.start, f.end] for f in result.dismissed],
        "entities": [[e.label, e.value, e.start, e.end] for e in result.entities],
    }
    # Empty lists left out: most messages find nothing, and the file stays small.
    return {key: value for key, value in found.items() if value}


def snapshot() -> dict[str, dict[str, list[Any]]]:
    """The detector's answer for every message."""
    return {text: detect(text) for text in messages()}


def write(results: dict[str, dict[str, list[Any]]], path: Path = SNAPSHOT) -> None:
    """One message a line, so that a change of rules reads as a short diff."""
    lines = [
        f"{json.dumps(text, ensure_ascii=False)}: "
        f"{json.dumps(found, ensure_ascii=False, separators=(',', ':'))}"
        for text, found in sorted(results.items())
    ]
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("{\n" + ",\n".join(lines) + "\n}\n", encoding="utf-8")


def main() -> None:
    """Rewrites the snapshot file from the current detector."""
    results = snapshot()
    write(results)
    flagged = sum(1 for found in results.values() if found.get("kinds"))
    print(f"{SNAPSHOT.relative_to(ROOT)}: {len(results)} messages, {flagged} flagged")


if __name__ == "__main__":
    main()
