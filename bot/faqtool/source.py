"""Loading and writing the staff-facing FAQ files
(bot/faq/*.yml) as plain dataclasses."""

from __future__ import annotations

import difflib
import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from bot.settings import PROJECT_ROOT

FAQ_DIR = PROJECT_ROOT / "bot" / "faq"
FIELDS = ("id", "source", "answer", "channels", "questions")


@dataclass(frozen=True)
class Faq:
    """One FAQ: its id, answer, the clinic sentence it rests on,
    and example questions."""

    id: str
    answer: str
    source: str
    questions: tuple[str, ...]
    channels: dict[str, str] = field(default_factory=dict)
    file: str = ""
    line: int = 0
    # line of each field ("answer", "source", ...) and of each question, for messages
    field_lines: dict[str, int] = field(default_factory=dict, compare=False)
    question_lines: tuple[int, ...] = field(default=(), compare=False)

    def line_of(self, name: str) -> int:
        """The line of a field of this FAQ (its first line when unknown)."""
        return self.field_lines.get(name, self.line)


class FaqFileError(ValueError):
    """A FAQ file that cannot be read, with the file and line to fix."""

    def __init__(
        self, file: Path | str, line: int, message: str, faq: str = ""
    ) -> None:
        super().__init__(f"{file}:{line}: {message}")
        self.file, self.line, self.message, self.faq = str(file), line, message, faq


class _Lined(dict):
    """A YAML mapping that remembers its own line and the line of each value."""

    line: int = 0
    lines: dict[str, int]


class _LinedList(list):
    """A YAML list that remembers the line of each item."""

    lines: list[int]


class _LineLoader(yaml.SafeLoader):
    """A YAML loader that remembers on which line mappings and list items start."""


def _mapping_with_lines(loader: _LineLoader, node: yaml.MappingNode) -> _Lined:
    mapping = _Lined(loader.construct_mapping(node, deep=True))
    mapping.line = node.start_mark.line + 1
    mapping.lines = {str(k.value): k.start_mark.line + 1 for k, _ in node.value}
    return mapping


def _list_with_lines(loader: _LineLoader, node: yaml.SequenceNode) -> _LinedList:
    # plain texts stay texts: a question "yes" or "111" must not become True or 111
    items = _LinedList(
        child.value
        if isinstance(child, yaml.ScalarNode)
        else loader.construct_object(child, deep=True)
        for child in node.value
    )
    items.lines = [child.start_mark.line + 1 for child in node.value]
    return items


_LineLoader.add_constructor(
    yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _mapping_with_lines
)
_LineLoader.add_constructor(
    yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG, _list_with_lines
)

# What usually causes each YAML error, in words a non-programmer can act on.
_YAML_HINTS = {
    "mapping values are not allowed": (
        "a line contains ': ' (colon and space); put that text in double quotes"
    ),
    "could not find expected ':'": (
        "a line is missing its 'name:' or is "
        "indented differently from the lines around it"
    ),
    "expected <block end>": "a line is indented more or less than the lines around it",
    "found character '\\t'": "a tab is used for indenting; use spaces only",
    "found undefined alias": "a text starts with '*'; put it in double quotes",
    "expected alphabetic or numeric character": (
        "a text starts with '*' or '&'; put it in double quotes"
    ),
    "found unexpected end of stream": 'a quote (") is opened but never closed',
    "found unknown escape character": (
        "a backslash (\\) in double quotes; use single quotes"
    ),
}


def _yaml_hint(problem: str) -> str:
    for start, hint in _YAML_HINTS.items():
        if problem.startswith(start):
            return hint
    return "check the indentation and that texts with ':' or '#' are in double quotes"


def _text(value: Any) -> str:
    return " ".join(str(value).split()) if value is not None else ""


def _suggest(key: str) -> str:
    close = difflib.get_close_matches(key, FIELDS, n=1)
    return f" (did you mean '{close[0]}'?)" if close else ""


def _faq(entry: Any, path: Path, fallback_line: int) -> Faq:
    line = getattr(entry, "line", fallback_line)
    if not isinstance(entry, dict) or not entry.get("id"):
        raise FaqFileError(
            path, line, "this FAQ has no 'id'. Start each FAQ with '- id: some_name'."
        )
    faq_id = _text(entry["id"])
    lines: dict[str, int] = getattr(entry, "lines", {})

    def fail(name: str, message: str) -> FaqFileError:
        return FaqFileError(path, lines.get(name, line), message, faq_id)

    for key in entry:
        if key not in FIELDS:
            raise fail(
                str(key),
                f"unknown field '{key}'{_suggest(str(key))}. "
                f"A FAQ has only: {', '.join(FIELDS)}.",
            )
    for name in ("answer", "source"):
        if isinstance(entry.get(name), (dict, list)):
            raise fail(name, f"'{name}' must be one text; put it in double quotes.")
    questions = entry.get("questions") or []
    if not isinstance(questions, list):
        raise fail(
            "questions", "'questions' must be a list: one '- question' per line."
        )
    question_lines = getattr(questions, "lines", [line] * len(questions))
    for q, q_line in zip(questions, question_lines, strict=True):
        if isinstance(q, (dict, list)):
            raise FaqFileError(
                path,
                q_line,
                "this question is not plain text (it contains ': ' or starts with '-' "
                "or '['); put the whole question in double quotes.",
                faq_id,
            )
    channels = entry.get("channels") or {}
    if not isinstance(channels, dict):
        raise fail(
            "channels",
            "'channels' must list 'channel: answer' lines, e.g. 'twilio: ...'.",
        )
    kept = [
        (_text(q), n)
        for q, n in zip(questions, question_lines, strict=True)
        if _text(q)
    ]
    return Faq(
        id=faq_id,
        answer=_text(entry.get("answer")),
        source=_text(entry.get("source")),
        questions=tuple(q for q, _ in kept),
        channels={str(k): _text(v) for k, v in channels.items()},
        file=str(path),
        line=line,
        field_lines=dict(lines),
        question_lines=tuple(n for _, n in kept),
    )


def load_file(path: Path) -> list[Faq]:
    """Reads one FAQ file; raises FaqFileError naming the file and line on a mistake."""
    try:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=_LineLoader)
    except UnicodeDecodeError as exc:
        raise FaqFileError(
            path, 0, "is not saved as UTF-8 text; save it as UTF-8."
        ) from exc
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark
        line = mark.line + 1 if mark else 0
        raise FaqFileError(
            path,
            line,
            f"not valid YAML ({exc.problem}): {_yaml_hint(exc.problem or '')}.",
        ) from exc
    if not isinstance(data, dict) or not isinstance(data.get("faqs"), list):
        raise FaqFileError(
            path,
            1,
            "the file must start with 'faqs:' followed by a list of FAQs "
            "('  - id: ...'); see docs/faq-format.md.",
        )
    entries = data["faqs"]
    lines = getattr(entries, "lines", [0] * len(entries))
    return [_faq(entry, path, line) for entry, line in zip(entries, lines, strict=True)]


def faq_files(folder: Path = FAQ_DIR) -> list[Path]:
    """The FAQ files of the folder, in file-name order."""
    return sorted(folder.glob("*.yml")) + sorted(folder.glob("*.yaml"))


def load_all(folder: Path = FAQ_DIR) -> list[Faq]:
    """Reads every FAQ file of the folder, in file-name order."""
    faqs: list[Faq] = []
    for path in faq_files(folder):
        faqs.extend(load_file(path))
    return faqs


def fingerprint(faq: Faq) -> str:
    """A checksum of what a model learns from an FAQ: its questions and answer."""
    learnt = json.dumps([sorted(faq.questions), faq.answer], ensure_ascii=False)
    return hashlib.sha256(learnt.encode("utf-8")).hexdigest()[:16]


class _Folded(str):
    """A long text dumped as a folded YAML block (`>-`), wrapped for reading."""


class _FaqDumper(yaml.SafeDumper):
    """Writes FAQ files the way people write them: folded answers, indented lists."""

    def increase_indent(self, flow: bool = False, indentless: bool = False) -> None:
        super().increase_indent(flow, False)


_FaqDumper.add_representer(
    _Folded, lambda d, s: d.represent_scalar("tag:yaml.org,2002:str", s, style=">")
)


def dump_faqs(faqs: list[Faq], header: str = "") -> str:
    """FAQ file text for these FAQs (the format of docs/faq-format.md)."""
    entries = []
    for faq in faqs:
        entry: dict[str, Any] = {"id": faq.id, "source": _Folded(faq.source)}
        entry["answer"] = _Folded(faq.answer)
        if faq.channels:
            entry["channels"] = dict(faq.channels)
        entry["questions"] = list(faq.questions)
        entries.append(entry)
    body = yaml.dump(
        {"faqs": entries},
        Dumper=_FaqDumper,
        sort_keys=False,
        allow_unicode=True,
        width=88,
    )
    # a blank line between FAQs, as in the hand-written files
    body = body.replace("\n  - id:", "\n\n  - id:").replace("faqs:\n\n", "faqs:\n", 1)
    return header + body
