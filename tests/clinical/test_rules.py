"""The English rule files load, and a broken one fails naming its file and line."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from bot.clinical import RED_FLAG_KINDS
from bot.clinical.detector import check_rules, get_nlp, make_compiler, pattern_words
from bot.clinical.loader import RULES_DIR, RuleError, load_rules, load_rules_from


def test_every_kind_has_its_rule_file() -> None:
    """One file per red-flag kind, each with red-flag patterns."""
    rules = load_rules()
    assert set(rules.red_flags) == set(RED_FLAG_KINDS)
    assert all(rules.red_flags[kind] for kind in RED_FLAG_KINDS)
    assert set(rules.conditional_kinds.values()) <= set(RED_FLAG_KINDS)


def test_every_red_flag_veto_and_conditional_pattern_has_an_example() -> None:
    """Every pattern the finder matches comes from a source with an example."""
    rules = load_rules()
    with_example = {s.text for s in rules.sources if s.example is not None}
    tables = [rules.red_flags, rules.vetoes, rules.conditional]
    tables.append(rules.conditional_contexts)
    for table in tables:
        for patterns in table.values():
            assert set(patterns) <= with_example


def test_examples_are_caught_and_words_canonical() -> None:
    """check_rules passes on the shipped rules (it runs when the pipeline builds)."""
    check_rules(get_nlp(), load_rules())


def test_pattern_words_are_canonical() -> None:
    """Every word in the tables is what the tokenizer and normaliser make of it."""
    nlp = get_nlp()
    normalise = nlp.get_pipe("clinical_normaliser")
    wrong = {}
    for word in sorted(pattern_words(make_compiler())):
        doc = normalise(nlp.make_doc(word))
        if len(doc) != 1 or doc[0].norm_ != word:
            wrong[word] = [token.norm_ for token in doc]
    assert wrong == {}


@pytest.fixture
def rules_copy(tmp_path: Path) -> Path:
    """A copy of the rule files to break."""
    directory = tmp_path / "rules"
    shutil.copytree(RULES_DIR, directory)
    return directory


def _append_red_flag(directory: Path, match: str, example: str) -> int:
    """Adds a red-flag pattern to fever.yml; returns the line of its `match`."""
    path = directory / "fever.yml"
    text = path.read_text(encoding="utf-8")
    marker = "red_flags:\n"
    before, after = text.split(marker, 1)
    entry = f'  - match: "{match}"\n    example: "{example}"\n'
    path.write_text(before + marker + entry + after, encoding="utf-8")
    return before.count("\n") + 2


def test_unknown_lexicon_entry_names_file_and_line(rules_copy: Path) -> None:
    """A pattern that does not compile fails at load, naming file and line."""
    line = _append_red_flag(rules_copy, "@NO_SUCH_ENTRY fever", "a fever")
    with pytest.raises(RuleError, match=rf"fever\.yml:{line}: .*NO_SUCH_ENTRY"):
        load_rules_from(rules_copy)


def test_example_not_caught_names_file_and_line(rules_copy: Path) -> None:
    """A pattern that misses its own example fails the check, naming file and line."""
    line = _append_red_flag(rules_copy, "burning hot", "I feel cold")
    rules = load_rules_from(rules_copy)
    with pytest.raises(RuleError, match=rf"fever\.yml:{line}: .*does not catch"):
        check_rules(get_nlp(), rules)


def test_word_not_canonical_names_file_and_line(rules_copy: Path) -> None:
    """A misspelt or capitalised word in a pattern fails, naming file and line."""
    line = _append_red_flag(rules_copy, "Fever", "Fever")
    rules = load_rules_from(rules_copy)
    with pytest.raises(RuleError, match=rf"fever\.yml:{line}: 'Fever' is not"):
        check_rules(get_nlp(), rules)


def test_invalid_yaml_names_file_and_line(rules_copy: Path) -> None:
    """A file that is not YAML fails naming the line the parser stopped at."""
    path = rules_copy / "trauma.yml"
    path.write_text('red_flags:\n  - match: "fell\n    example: [\n', encoding="utf-8")
    with pytest.raises(RuleError, match=r"trauma\.yml:\d+: not valid YAML"):
        load_rules_from(rules_copy)


def test_entry_without_example_names_file_and_line(rules_copy: Path) -> None:
    """Every red-flag pattern needs an example."""
    path = rules_copy / "trauma.yml"
    text = path.read_text(encoding="utf-8")
    path.write_text(
        text.replace("red_flags:\n", 'red_flags:\n  - match: "fell off a roof"\n', 1),
        encoding="utf-8",
    )
    line = text.split("red_flags:\n")[0].count("\n") + 2
    with pytest.raises(RuleError, match=rf"trauma\.yml:{line}: .*`example`"):
        load_rules_from(rules_copy)
