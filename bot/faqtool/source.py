"""Loading the staff-facing FAQ files (bot/faq/*.yml) into plain dataclasses."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from bot.settings import PROJECT_ROOT

FAQ_DIR = PROJECT_ROOT / "bot" / "faq"


@dataclass(frozen=True)
class Faq:
    """One FAQ: its id, answer, the clinic sentence it rests on, and example questions."""

    id: str
    answer: str
    source: str
    questions: tuple[str, ...]
    channels: dict[str, str] = field(default_factory=dict)
    file: str = ""
    line: int = 0


class FaqFileError(ValueError):
    """A FAQ file that cannot be read, with the file and line to fix."""

    def __init__(self, file: Path | str, line: int, message: str) -> None:
        super().__init__(f"{file}:{line}: {message}")
        self.file, self.line, self.message = str(file), line, message


class _LineLoader(yaml.SafeLoader):
    """A YAML loader that remembers on which line each mapping starts."""


def _mapping_with_line(loader: _LineLoader, node: yaml.MappingNode) -> dict[str, Any]:
    mapping = loader.construct_mapping(node, deep=True)
    mapping["__line__"] = node.start_mark.line + 1
    return mapping


_LineLoader.add_constructor(
    yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _mapping_with_line
)


def _text(value: Any) -> str:
    return " ".join(str(value).split()) if value is not None else ""


def load_file(path: Path) -> list[Faq]:
    """Reads one FAQ file; raises FaqFileError naming the file and line on bad YAML."""
    try:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=_LineLoader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark
        line = mark.line + 1 if mark else 0
        raise FaqFileError(path, line, f"not valid YAML: {exc.problem}") from exc
    if not isinstance(data, dict) or not isinstance(data.get("faqs"), list):
        raise FaqFileError(path, 1, "expected a top-level 'faqs:' list")
    faqs = []
    for entry in data["faqs"]:
        line = entry.get("__line__", 0) if isinstance(entry, dict) else 0
        if not isinstance(entry, dict) or not entry.get("id"):
            raise FaqFileError(path, line, "every FAQ needs an 'id'")
        questions = entry.get("questions") or []
        if not isinstance(questions, list):
            raise FaqFileError(path, line, f"FAQ '{entry['id']}': 'questions' must be a list")
        channels = entry.get("channels") or {}
        faqs.append(
            Faq(
                id=str(entry["id"]).strip(),
                answer=_text(entry.get("answer")),
                source=_text(entry.get("source")),
                questions=tuple(_text(q) for q in questions if _text(q)),
                channels={str(k): _text(v) for k, v in channels.items() if k != "__line__"},
                file=str(path),
                line=line,
            )
        )
    return faqs


def load_all(folder: Path = FAQ_DIR) -> list[Faq]:
    """Reads every FAQ file of the folder, in file-name order."""
    faqs: list[Faq] = []
    for path in sorted(folder.glob("*.yml")) + sorted(folder.glob("*.yaml")):
        faqs.extend(load_file(path))
    return faqs
