"""Reads the English clinical rules: the YAML files of bot/clinical/rules/.

One file per red-flag kind (``bladder_bowel.yml``, ``fever.yml``, ...: its red-flag
patterns and its conditional rules), and one each for the vetoes, the lexicon,
negation and answers, history and resolution, the entities and spelling. Every
pattern is written in the syntax of compiler.py and comes with an example::

    red_flags:
      - match: "@CANT control|hold @POSS water"
        example: "my dad can't hold his water any more"

load_rules() reads and checks the files once (cached): the YAML parses, every
key is known, every pattern compiles. A broken file raises RuleError naming the
file and line. The checks that need spaCy (every word canonical, every example
caught by its own pattern) run when the detector is built (detector.check_rules).
Pure Python, no spaCy import.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from bot.clinical.analysis import RED_FLAG_KINDS
from bot.clinical.compiler import PatternCompiler, TokenSpec

RULES_DIR = Path(__file__).with_name("rules")
TERM = "{term}"


class RuleError(ValueError):
    """A rule file that cannot be used, with the file and line that are wrong."""


class _Text(str):
    """A YAML string that remembers its line (1-based)."""

    line: int = 0


class _Loader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]
    """A safe loader whose strings carry their line number."""


def _construct_text(loader: _Loader, node: yaml.ScalarNode) -> _Text:
    text = _Text(loader.construct_scalar(node))
    text.line = node.start_mark.line + 1
    return text


_Loader.add_constructor("tag:yaml.org,2002:str", _construct_text)


@dataclass(frozen=True)
class Source:
    """One pattern line (or lexicon/entity phrase) and where it is written."""

    text: str
    path: Path
    line: int
    example: str | None = None

    @property
    def where(self) -> str:
        """``path:line`` of the pattern, for error messages."""
        return f"{self.path}:{self.line}"


@dataclass(frozen=True)
class Rules:
    """Every table the detector reads, as loaded from the rule files."""

    # spelling.yml
    fuzzy_keywords: tuple[str, ...]
    protected_words: tuple[str, ...]
    spelling_map: dict[str, str]
    context_spelling: dict[str, tuple[str, frozenset[str]]]
    context_spelling_window: int
    # word -> (what it means, the words one of which must come next, the words
    # skipped on the way): "me legs" is "my legs", "give me a call" stays
    spelling_before: dict[str, tuple[str, frozenset[str], frozenset[str]]]
    split_contractions: dict[str, tuple[tuple[str, str], ...]]
    # negation.yml
    negation_cues: frozenset[str]
    negation_window: int
    negation_list_joiners: frozenset[str]
    pseudo_negation_next: frozenset[str]
    negation_fillers: frozenset[str]
    negation_undone_after: frozenset[str]
    negation_undone_window: int
    interjections: frozenset[str]
    interjection_next: frozenset[str]
    clause_break_words: frozenset[str]
    clause_break_punct: frozenset[str]
    sentence_end_punct: frozenset[str]
    clause_joiners: frozenset[str]
    new_subjects: frozenset[str]
    asked: tuple[str, ...]
    asked_reach: int
    advice: tuple[str, ...]
    advice_reach: int
    denials: tuple[str, ...]
    deny_all: tuple[str, ...]
    affirmations: tuple[str, ...]
    answer_tails: frozenset[str]
    # history.yml
    history_sensitive_kinds: frozenset[str]
    history: tuple[str, ...]
    past_and_resolved_kinds: frozenset[str]
    long_ago: tuple[str, ...]
    resolution_sensitive_kinds: frozenset[str]
    resolved: tuple[str, ...]
    resolved_in_past: tuple[str, ...]
    not_relapse: tuple[str, ...]
    relapse: tuple[str, ...]
    contrast_words: frozenset[str]
    explained_kinds: frozenset[str]
    explained: tuple[str, ...]
    unexplained: tuple[str, ...]
    habit_words: tuple[str, str]
    habit_not_after: frozenset[str]
    habit_exempt_kinds: frozenset[str]
    # lexicon.yml
    lexicon: dict[str, tuple[str, ...]]
    token_specs: dict[str, TokenSpec]
    # <kind>.yml and vetoes.yml: kind (or conditional rule) -> patterns
    red_flags: dict[str, tuple[str, ...]]
    vetoes: dict[str, tuple[str, ...]]
    conditional: dict[str, tuple[str, ...]]
    conditional_kinds: dict[str, str]
    conditional_contexts: dict[str, tuple[str, ...]]
    # entities.yml
    entities: dict[str, dict[str, tuple[str, ...]]]
    entity_needs_context: dict[str, tuple[frozenset[str], frozenset[str]]]
    entity_excluded_after: dict[str, frozenset[str]]
    spine_context_words: frozenset[str]
    spine_context_values: frozenset[str]
    # Every pattern and phrase with its place (and example), for the checks.
    sources: tuple[Source, ...]

    def gap(self) -> TokenSpec:
        """A filler word inside a pattern (``*N``): same clause, not a negation."""
        excluded = (
            self.negation_cues | self.clause_break_words | self.clause_break_punct
        )
        return {
            "IS_PUNCT": False,
            "IS_SPACE": False,
            "NORM": {"NOT_IN": sorted(excluded)},
        }

    def compiler(self) -> PatternCompiler:
        """A pattern compiler for these rules."""
        return PatternCompiler(self.lexicon, self.token_specs, self.gap())


class _File:
    """One rule file being read: its data, and errors that name it."""

    def __init__(self, path: Path, keys: set[str]) -> None:
        self.path = path
        try:
            data = yaml.load(path.read_text(encoding="utf-8"), Loader=_Loader)
        except yaml.YAMLError as error:
            mark = getattr(error, "problem_mark", None)
            line = f":{mark.line + 1}" if mark is not None else ""
            raise RuleError(f"{path}{line}: not valid YAML: {error}") from None
        if not isinstance(data, dict):
            raise RuleError(f"{path}:1: expected a mapping of sections")
        unknown = [key for key in data if key not in keys]
        if unknown:
            raise self.error(unknown[0], f"unknown section {unknown[0]!r}")
        self.data: dict[str, Any] = data
        self.sources: list[Source] = []

    def error(self, at: Any, message: str) -> RuleError:
        """A RuleError at the line of `at` (a string read from the file)."""
        return RuleError(f"{self.path}:{getattr(at, 'line', 1)}: {message}")

    def get(self, key: str, default: Any = None) -> Any:
        """A section, or `default` when it is absent."""
        return self.data.get(key, default)

    def need(self, key: str) -> Any:
        """A section that must be there."""
        if key not in self.data:
            raise RuleError(f"{self.path}:1: missing section {key!r}")
        return self.data[key]

    def words(self, key: str) -> frozenset[str]:
        """A list of words."""
        return frozenset(str(word) for word in self.need(key))

    def number(self, key: str) -> int:
        """A whole number."""
        value = self.need(key)
        if not isinstance(value, int):
            raise RuleError(f"{self.path}:1: {key!r} must be a whole number")
        return value

    def patterns(self, entries: Any, where: Any) -> tuple[str, ...]:
        """A list of `match` + `example` entries, recorded as sources."""
        if not isinstance(entries, list):
            raise self.error(where, "expected a list of `match` / `example` entries")
        found: list[str] = []
        for entry in entries:
            if not isinstance(entry, dict) or set(entry) != {"match", "example"}:
                raise self.error(
                    next(iter(entry), where) if isinstance(entry, dict) else entry,
                    "every entry needs exactly `match` and `example`",
                )
            match, example = entry["match"], entry["example"]
            self.sources.append(Source(str(match), self.path, match.line, str(example)))
            found.append(str(match))
        return tuple(found)

    def phrases(self, entries: Any, where: Any) -> tuple[str, ...]:
        """A list of plain phrases (lexicon, entity phrasings), recorded as sources."""
        if not isinstance(entries, list) or not all(
            isinstance(entry, str) for entry in entries
        ):
            raise self.error(where, "expected a list of phrases")
        self.sources.extend(Source(str(e), self.path, e.line) for e in entries)
        return tuple(str(entry) for entry in entries)


_SPELLING = {
    "fuzzy_keywords",
    "protected_words",
    "spelling_map",
    "context_spelling",
    "context_spelling_window",
    "spelling_before",
    "split_contractions",
}
_NEGATION = {
    "negation_cues",
    "negation_window",
    "negation_list_joiners",
    "pseudo_negation_next",
    "negation_fillers",
    "negation_undone_after",
    "negation_undone_window",
    "interjections",
    "interjection_next",
    "clause_break_words",
    "clause_break_punct",
    "sentence_end_punct",
    "clause_joiners",
    "new_subjects",
    "asked",
    "asked_reach",
    "advice",
    "advice_reach",
    "denials",
    "deny_all",
    "affirmations",
    "answer_tails",
}
_HISTORY = {
    "history_sensitive_kinds",
    "history",
    "past_and_resolved_kinds",
    "long_ago",
    "resolution_sensitive_kinds",
    "resolved",
    "resolved_in_past",
    "not_relapse",
    "relapse",
    "contrast_words",
    "explained_kinds",
    "explained",
    "unexplained",
    "habit_words",
    "habit_not_after",
    "habit_exempt_kinds",
}


def _kinds(file: _File, key: str) -> frozenset[str]:
    """A list of red-flag kinds."""
    kinds = file.words(key)
    unknown = sorted(kinds - set(RED_FLAG_KINDS))
    if unknown:
        raise file.error(key, f"unknown red-flag kind {unknown[0]!r}")
    return kinds


def _read_kind_files(directory: Path) -> tuple[dict[str, Any], list[Source]]:
    """Red flags and conditional rules of every <kind>.yml."""
    red_flags: dict[str, tuple[str, ...]] = {}
    conditional: dict[str, tuple[str, ...]] = {}
    kinds: dict[str, str] = {}
    contexts: dict[str, tuple[str, ...]] = {}
    sources: list[Source] = []
    for kind in RED_FLAG_KINDS:
        file = _File(directory / f"{kind}.yml", {"red_flags", "conditional"})
        red_flags[kind] = file.patterns(file.need("red_flags"), "red_flags")
        for name, rule in (file.get("conditional") or {}).items():
            if name in kinds:
                raise file.error(name, f"conditional rule {name!r} is defined twice")
            if not isinstance(rule, dict) or not set(rule) <= {
                "signs",
                "signs_of",
                "contexts",
            }:
                raise file.error(name, "a rule has `signs`, `signs_of`, `contexts`")
            signs = file.patterns(rule.get("signs"), name)
            if "signs_of" in rule:
                if rule["signs_of"] not in conditional:
                    raise file.error(rule["signs_of"], "`signs_of` names no rule above")
                signs = conditional[rule["signs_of"]] + signs
            conditional[str(name)] = signs
            kinds[str(name)] = kind
            if "contexts" in rule:
                contexts[str(name)] = file.patterns(rule["contexts"], name)
        sources.extend(file.sources)
    return (
        {
            "red_flags": red_flags,
            "conditional": conditional,
            "conditional_kinds": kinds,
            "conditional_contexts": contexts,
        },
        sources,
    )


def _read_vetoes(path: Path) -> tuple[dict[str, tuple[str, ...]], list[Source]]:
    """Every kind's vetoes: its own, the shared watching-for ones, terms talked of."""
    file = _File(path, {"vetoes", "watching_for", "talked_about"})
    vetoes: dict[str, list[str]] = {}
    for kind, entries in file.need("vetoes").items():
        if kind not in RED_FLAG_KINDS:
            raise file.error(kind, f"unknown red-flag kind {kind!r}")
        vetoes[str(kind)] = list(file.patterns(entries, kind))
    watching = file.need("watching_for")
    for kind in _kinds(_Section(file, watching), "kinds"):
        vetoes.setdefault(kind, [])
    shared = file.patterns(watching.get("vetoes"), "watching_for")
    for kind in watching["kinds"]:
        vetoes[str(kind)].extend(shared)
    sources = list(file.sources)
    talked = file.need("talked_about")
    file.sources = []
    file.patterns(talked.get("templates"), "talked_about")
    template_sources = list(file.sources)
    for kind, entries in (talked.get("terms") or {}).items():
        if kind not in RED_FLAG_KINDS:
            raise file.error(kind, f"unknown red-flag kind {kind!r}")
        file.sources = []
        file.patterns(entries, kind)
        for term in file.sources:
            for template in template_sources:
                if TERM not in template.text or TERM not in str(template.example):
                    raise RuleError(
                        f"{template.where}: a template's match and example need {TERM}"
                    )
                pattern = template.text.replace(TERM, term.text)
                example = str(template.example).replace(TERM, str(term.example))
                sources.append(Source(pattern, path, template.line, example))
                vetoes.setdefault(str(kind), []).append(pattern)
    return {kind: tuple(lines) for kind, lines in vetoes.items()}, sources


class _Section(_File):
    """A mapping inside a file, read with the file's error messages."""

    def __init__(self, file: _File, data: dict[str, Any]) -> None:  # noqa: D107
        self.path = file.path
        self.data = data
        self.sources = file.sources


def load_rules_from(directory: Path) -> Rules:
    """Reads and checks every rule file of `directory` (not cached)."""
    spelling = _File(directory / "spelling.yml", _SPELLING)
    negation = _File(directory / "negation.yml", _NEGATION)
    history = _File(directory / "history.yml", _HISTORY)
    lexicon_file = _File(directory / "lexicon.yml", {"lexicon", "token_specs"})
    entities_file = _File(
        directory / "entities.yml",
        {"entities", "needs_context", "excluded_after", "spine_context"},
    )
    kind_tables, kind_sources = _read_kind_files(directory)
    vetoes, veto_sources = _read_vetoes(directory / "vetoes.yml")

    lexicon = {
        str(name): lexicon_file.phrases(phrases, name)
        for name, phrases in lexicon_file.need("lexicon").items()
    }
    context_spelling = {
        str(word): (str(entry["means"]), frozenset(map(str, entry["near"])))
        for word, entry in spelling.need("context_spelling").items()
    }
    spelling_before = {
        str(word): (
            str(entry["means"]),
            frozenset(map(str, entry["next"])),
            frozenset(map(str, entry.get("through") or ())),
        )
        for word, entry in spelling.need("spelling_before").items()
    }
    entities = {
        str(label): {
            str(value): entities_file.phrases(phrasings, value)
            for value, phrasings in values.items()
        }
        for label, values in entities_file.need("entities").items()
    }
    spine = _Section(entities_file, entities_file.need("spine_context"))
    habit_words = tuple(map(str, history.need("habit_words")))
    if len(habit_words) != 2:
        raise history.error("habit_words", "`habit_words` is two words")
    rules = Rules(
        fuzzy_keywords=tuple(map(str, spelling.need("fuzzy_keywords"))),
        protected_words=tuple(map(str, spelling.need("protected_words"))),
        spelling_map={str(k): str(v) for k, v in spelling.need("spelling_map").items()},
        context_spelling=context_spelling,
        context_spelling_window=spelling.number("context_spelling_window"),
        spelling_before=spelling_before,
        split_contractions={
            str(word): tuple((str(text), str(norm)) for text, norm in pieces)
            for word, pieces in spelling.need("split_contractions").items()
        },
        negation_cues=negation.words("negation_cues"),
        negation_window=negation.number("negation_window"),
        negation_list_joiners=negation.words("negation_list_joiners"),
        pseudo_negation_next=negation.words("pseudo_negation_next"),
        negation_fillers=negation.words("negation_fillers"),
        negation_undone_after=negation.words("negation_undone_after"),
        negation_undone_window=negation.number("negation_undone_window"),
        interjections=negation.words("interjections"),
        interjection_next=negation.words("interjection_next"),
        clause_break_words=negation.words("clause_break_words"),
        clause_break_punct=negation.words("clause_break_punct"),
        sentence_end_punct=negation.words("sentence_end_punct"),
        clause_joiners=negation.words("clause_joiners"),
        new_subjects=negation.words("new_subjects"),
        asked=negation.patterns(negation.need("asked"), "asked"),
        asked_reach=negation.number("asked_reach"),
        advice=negation.patterns(negation.need("advice"), "advice"),
        advice_reach=negation.number("advice_reach"),
        denials=negation.patterns(negation.need("denials"), "denials"),
        deny_all=negation.patterns(negation.need("deny_all"), "deny_all"),
        affirmations=negation.patterns(negation.need("affirmations"), "affirmations"),
        answer_tails=negation.words("answer_tails"),
        history_sensitive_kinds=_kinds(history, "history_sensitive_kinds"),
        history=history.patterns(history.need("history"), "history"),
        past_and_resolved_kinds=_kinds(history, "past_and_resolved_kinds"),
        long_ago=history.patterns(history.need("long_ago"), "long_ago"),
        resolution_sensitive_kinds=_kinds(history, "resolution_sensitive_kinds"),
        resolved=history.patterns(history.need("resolved"), "resolved"),
        resolved_in_past=history.patterns(
            history.need("resolved_in_past"), "resolved_in_past"
        ),
        not_relapse=history.patterns(history.need("not_relapse"), "not_relapse"),
        relapse=history.patterns(history.need("relapse"), "relapse"),
        contrast_words=history.words("contrast_words"),
        explained_kinds=_kinds(history, "explained_kinds"),
        explained=history.patterns(history.need("explained"), "explained"),
        unexplained=history.patterns(history.need("unexplained"), "unexplained"),
        habit_words=(habit_words[0], habit_words[1]),
        habit_not_after=history.words("habit_not_after"),
        habit_exempt_kinds=_kinds(history, "habit_exempt_kinds"),
        lexicon=lexicon,
        token_specs={
            str(name): _plain(spec)
            for name, spec in lexicon_file.need("token_specs").items()
        },
        red_flags=kind_tables["red_flags"],
        vetoes=vetoes,
        conditional=kind_tables["conditional"],
        conditional_kinds=kind_tables["conditional_kinds"],
        conditional_contexts=kind_tables["conditional_contexts"],
        entities=entities,
        entity_needs_context={
            str(norm): (
                frozenset(map(str, entry["before"])),
                frozenset(map(str, entry["after"])),
            )
            for norm, entry in entities_file.need("needs_context").items()
        },
        entity_excluded_after={
            str(norm): frozenset(map(str, words))
            for norm, words in entities_file.need("excluded_after").items()
        },
        spine_context_words=spine.words("words"),
        spine_context_values=spine.words("values"),
        sources=tuple(
            negation.sources
            + history.sources
            + lexicon_file.sources
            + entities_file.sources
            + kind_sources
            + veto_sources
        ),
    )
    _check_syntax(rules)
    return rules


def _plain(value: Any) -> Any:
    """A YAML value with plain strings (spaCy wants exactly str)."""
    if isinstance(value, dict):
        return {str(key): _plain(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_plain(item) for item in value]
    return str(value) if isinstance(value, str) else value


def _check_syntax(rules: Rules) -> None:
    """Every pattern and phrase compiles (known @NAMEs and $NAMEs, can match)."""
    compiler = rules.compiler()
    for source in rules.sources:
        try:
            compiler.compile(source.text)
        except (KeyError, ValueError) as error:
            message = error.args[0] if error.args else error
            raise RuleError(f"{source.where}: {message}: {source.text!r}") from None


@cache
def load_rules() -> Rules:
    """The rules of bot/clinical/rules/, read and checked once."""
    return load_rules_from(RULES_DIR)
