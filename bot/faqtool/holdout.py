"""The FAQs' held-out test questions (tests/nlu_holdout.yml): read, checked, updated.

The held-out questions measure the trained assistant on phrasings it never learnt
(`make test`'s held-out gate and `make retrain`'s comparison, bot.evaluation).
Staff give them in a spreadsheet's `test_question` column; `faq import` writes
them here, never a person. The file is Rasa NLU YAML kept in a hand-made layout
(comments, sections, a blank line between blocks), so an import rewrites only the
block of each FAQ it imports (`- intent: faq/<id>`), or appends one at the end in
the same layout, and leaves every other line exactly as it was.

`findings` reports, for `faq check` (and so `make test`) and for the import:
errors for what makes the measurement wrong (held-out questions of an FAQ that
does not exist, a question listed twice, a question the assistant is trained on),
and a warning for an FAQ with fewer than MIN_HELD_OUT test questions, which a new
FAQ has until its test questions are imported.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from bot.evaluation import FAQ_PREFIX, HOLDOUT
from bot.faqtool.build import GENERATED
from bot.faqtool.check import Finding
from bot.faqtool.source import Faq
from bot.settings import PROJECT_ROOT

MIN_HELD_OUT = 5
# The other intents' training examples (booking, greetings, red flags, ...).
DATA_DIR = PROJECT_ROOT / "bot" / "data"

_ITEM_KEY = re.compile(r"^\s*- (\w+):\s*(.*?)\s*$")
_EXAMPLES = re.compile(r"^(\s*)examples:\s*\|[-+]?\s*$")
_EXAMPLE = re.compile(r"^\s*- (.*?)\s*$")
# Rasa reads "[Sam](name)" or "[Sam]{...}" as the text "Sam" with an entity.
_ANNOTATION = re.compile(r"\[([^\]]+)\](?:\([^)]*\)|\{[^}]*\})")


@dataclass(frozen=True)
class Labelled:
    """One example of an NLU file: its text (as Rasa reads it), label and line."""

    text: str
    label: str
    line: int


def normalised(text: str) -> str:
    """The text compared without case or punctuation."""
    return " ".join(re.sub(r"[^\w]+", " ", text.lower()).split())


def read_examples(text: str) -> list[Labelled]:
    """The intent examples of Rasa NLU YAML text, in the layout of bot/data and
    tests/nlu_holdout.yml (`- intent: name` then `examples: |` and `- text` lines)."""
    out: list[Labelled] = []
    label = ""
    block_indent: int | None = None  # indentation of the `examples: |` key
    for number, line in enumerate(text.splitlines(), start=1):
        if block_indent is not None:
            if not line.strip():
                continue
            if len(line) - len(line.lstrip()) > block_indent:
                example = _EXAMPLE.match(line)
                text_ = _ANNOTATION.sub(r"\1", example.group(1)) if example else ""
                if label and " ".join(text_.split()):
                    out.append(Labelled(" ".join(text_.split()), label, number))
                continue
            block_indent = None
        item = _ITEM_KEY.match(line)
        if item:
            # `- regex:`, `- synonym:`, `- lookup:` have examples that are no intent's
            label = item.group(2).strip("'\"") if item.group(1) == "intent" else ""
            continue
        examples = _EXAMPLES.match(line)
        if examples:
            block_indent = len(examples.group(1))
    return out


def _read(path: Path) -> list[Labelled]:
    return read_examples(path.read_text(encoding="utf-8")) if path.exists() else []


def _trained(faqs: Iterable[Faq], data_dir: Path) -> dict[str, str]:
    """Every training question, normalised, with what it trains."""
    trained: dict[str, str] = {}
    for path in sorted(data_dir.glob("*.yml")):
        if path.name == GENERATED.name:
            continue  # the FAQ questions again, read below from the FAQ files
        where = f"bot/data/{path.name}"
        for example in _read(path):
            trained.setdefault(
                normalised(example.text),
                f"a training example of the intent '{example.label}' ({where})",
            )
    for faq in faqs:
        for question in faq.questions:
            trained[normalised(question)] = f"a question of FAQ '{faq.id}'"
    return trained


def findings(
    faqs: Sequence[Faq], holdout: Path = HOLDOUT, data_dir: Path = DATA_DIR
) -> list[Finding]:
    """What is wrong with the held-out questions of these FAQs, errors first."""
    examples = _read(holdout)
    known = {faq.id for faq in faqs}
    trained = _trained(faqs, data_dir)
    out: list[Finding] = []

    def error(example: Labelled, message: str) -> None:
        faq = example.label.removeprefix(FAQ_PREFIX)
        shown = faq if example.label.startswith(FAQ_PREFIX) else ""
        out.append(Finding("error", str(holdout), example.line, shown, message))

    unknown_reported: set[str] = set()
    seen: dict[str, Labelled] = {}
    for example in examples:
        faq_id = example.label.removeprefix(FAQ_PREFIX)
        if (
            example.label.startswith(FAQ_PREFIX)
            and faq_id not in known
            and faq_id not in unknown_reported
        ):
            unknown_reported.add(faq_id)
            error(
                example,
                f"there are test questions for '{example.label}', but no FAQ has the "
                f"id '{faq_id}', so they measure an answer the assistant cannot give. "
                "If the FAQ was renamed, import its test questions under the new id "
                "(test_question column) and ask a developer to delete the old block.",
            )
        key = normalised(example.text)
        if key in seen:
            first = seen[key]
            error(
                example,
                f"the test question '{example.text}' is listed twice (also under "
                f"'{first.label}'); a question counts once: delete one.",
            )
        seen.setdefault(key, example)
        if key in trained:
            error(
                example,
                f"the test question '{example.text}' is also {trained[key]}: the "
                "assistant has learnt it, so it tests nothing. Give a new phrasing "
                "as the test question, or keep it only as a training question.",
            )
    counts: dict[str, set[str]] = {}
    for example in examples:
        counts.setdefault(example.label, set()).add(normalised(example.text))
    for faq in faqs:
        have = len(counts.get(f"{FAQ_PREFIX}{faq.id}", ()))
        if have < MIN_HELD_OUT:
            state = (
                f"has only {have} test question(s) in tests/nlu_holdout.yml, too few"
                if have
                else "has no test questions in tests/nlu_holdout.yml yet, so nothing"
            )
            out.append(
                Finding(
                    "warning",
                    faq.file,
                    faq.line,
                    faq.id,
                    f"{state} to measure how well the assistant recognises it (`make "
                    f"retrain`): write at least {MIN_HELD_OUT - have} more new "
                    "phrasings (not copies of its questions) in a spreadsheet's "
                    "test_question column and `make faq-import` it (docs/for-staff.md,"
                    " step 5).",
                )
            )
    return sorted(out, key=lambda f: f.level != "error")


def _block(indent: str, faq_id: str, questions: Sequence[str]) -> list[str]:
    return [
        f"{indent}- intent: {FAQ_PREFIX}{faq_id}\n",
        f"{indent}  examples: |\n",
        *(f"{indent}    - {question}\n" for question in questions),
    ]


def _block_end(lines: list[str], start: int) -> int:
    """The index after the block starting at `start`: its indented, non-blank lines."""
    end = start + 1
    while end < len(lines) and lines[end].strip() and lines[end][:1] in " \t":
        end += 1
    return end


def with_test_questions(text: str, tests: Mapping[str, Sequence[str]]) -> str:
    """The held-out file's text with each FAQ's test questions set to these.

    An FAQ's block is replaced where it is (a second block of the same FAQ is
    removed); an FAQ without one gets a block at the end. Other lines are kept.
    """
    lines = text.splitlines(keepends=True)
    for faq_id, questions in tests.items():
        label = f"{FAQ_PREFIX}{faq_id}"
        starts = [
            n
            for n, line in enumerate(lines)
            if (item := _ITEM_KEY.match(line))
            and item.group(1) == "intent"
            and item.group(2).strip("'\"") == label
        ]
        if not starts:
            if lines and not lines[-1].endswith("\n"):
                lines[-1] += "\n"
            if lines and lines[-1].strip():
                lines.append("\n")
            lines += _block("", faq_id, questions)
            continue
        for start in reversed(starts[1:]):
            end = _block_end(lines, start)
            # with the blank line that separated it from the block above
            if start > 0 and not lines[start - 1].strip():
                start -= 1
            del lines[start:end]
        first = starts[0]
        indent = lines[first][: len(lines[first]) - len(lines[first].lstrip())]
        lines[first : _block_end(lines, first)] = _block(indent, faq_id, questions)
    updated = "".join(lines)
    for faq_id, questions in tests.items():
        written = [
            e.text for e in read_examples(updated) if e.label == f"{FAQ_PREFIX}{faq_id}"
        ]
        if written != list(questions):
            raise ValueError(
                f"the test questions of FAQ '{faq_id}' cannot be written to the "
                f"held-out file as they are ({list(questions)}); reword them "
                "without '[...](...)'."
            )
    return updated
