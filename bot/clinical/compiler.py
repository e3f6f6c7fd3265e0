"""Turns the pattern mini-language of the rule files into spaCy Matcher token patterns.

A pattern is a line of space-separated slots; each slot matches one token's NORM
(the lower-cased, spelling-corrected word):

- ``word``          that word;
- ``a|b|c``         any of them;
- ``@NAME``         any phrase listed under NAME in the lexicon (phrases use the
                    same syntax and may be several tokens long);
- ``$NAME``         a raw spaCy token spec from the token-spec table (e.g. a regex);
- ``slot?``         the slot may be absent;
- ``*N``            up to N filler tokens of the same clause (no punctuation,
                    clause break or negation word), e.g. ``my legs *3 numb``.

The rule files are bot/clinical/rules/*.yml (read by loader.py). Pure Python, no
spaCy import: the engine passes in the gap token spec. matches() tells whether a
pattern matches a tokenised text the way spaCy's Matcher would, to check each
pattern's example without building a Matcher per pattern.
"""

from __future__ import annotations

import itertools
import json
import re
from collections.abc import Mapping, Sequence
from typing import Any, Protocol

TokenSpec = dict[str, Any]
TokenPattern = list[TokenSpec]


class Token(Protocol):
    """The token attributes a pattern reads (a spaCy Token has them all)."""

    norm_: str
    is_punct: bool
    is_space: bool
    like_num: bool
    is_quote: bool
    is_sent_start: bool | None


class PatternCompiler:
    """Expands patterns, with memoised lexicon phrases."""

    def __init__(
        self,
        lexicon: Mapping[str, tuple[str, ...]],
        token_specs: Mapping[str, TokenSpec],
        gap: TokenSpec,
    ) -> None:
        self._lexicon = lexicon
        self._token_specs = token_specs
        self._gap = gap
        self._phrases: dict[str, list[TokenPattern]] = {}

    def compile(self, pattern: str) -> list[TokenPattern]:
        """All token patterns a pattern line stands for (each with a required token)."""
        expanded = self._expand(pattern)
        if not expanded or any(_all_optional(tokens) for tokens in expanded):
            raise ValueError(f"pattern can match nothing: {pattern!r}")
        return expanded

    def phrases(self, pattern: str) -> list[str]:
        """Every word sequence a pattern line matches, space-joined (no gaps/specs)."""
        found: list[str] = []
        for tokens in self._expand(pattern):
            choices: list[list[str]] = []
            for spec in tokens:
                norm = spec.get("NORM")
                if set(spec) - {"NORM", "OP"} or not norm:
                    raise ValueError(f"not a plain phrase pattern: {pattern!r}")
                words = [norm] if isinstance(norm, str) else list(norm["IN"])
                choices.append(words + [""] if spec.get("OP") == "?" else words)
            for combination in itertools.product(*choices):
                phrase = " ".join(word for word in combination if word)
                if phrase and phrase not in found:
                    found.append(phrase)
        return found

    def words(self, pattern: str) -> set[str]:
        """Every literal norm a pattern line mentions (to check data is canonical)."""
        found: set[str] = set()
        for tokens in self._expand(pattern):
            for spec in tokens:
                norm = spec.get("NORM")
                if isinstance(norm, str):
                    found.add(norm)
                elif isinstance(norm, dict) and "IN" in norm:
                    found.update(norm["IN"])
        return found

    def matches(self, pattern: str, tokens: Sequence[Token]) -> bool:
        """True when the pattern matches somewhere in `tokens` (as spaCy's Matcher)."""
        return any(
            _ends(expanded, 0, tokens, start)
            for expanded in self.compile(pattern)
            for start in range(len(tokens))
        )

    def _expand(self, pattern: str) -> list[TokenPattern]:
        """Cartesian product of the slots' alternatives, duplicates dropped."""
        results: list[TokenPattern] = [[]]
        for slot in pattern.split():
            alternatives = self._slot(slot)
            results = [done + more for done in results for more in alternatives]
        unique: dict[str, TokenPattern] = {}
        for tokens in results:
            unique.setdefault(json.dumps(tokens, sort_keys=True), tokens)
        return list(unique.values())

    def _phrase(self, name: str) -> list[TokenPattern]:
        """The token patterns of a lexicon entry."""
        if name not in self._phrases:
            if name not in self._lexicon:
                raise KeyError(f"unknown lexicon entry @{name}")
            self._phrases[name] = list(
                itertools.chain.from_iterable(
                    self._expand(phrase) for phrase in self._lexicon[name]
                )
            )
        return self._phrases[name]

    def _slot(self, slot: str) -> list[TokenPattern]:
        """The alternatives of one slot; an empty alternative when it is optional."""
        if slot.startswith("*"):
            return [[dict(self._gap, OP="?") for _ in range(int(slot[1:] or "1"))]]
        optional = len(slot) > 1 and slot.endswith("?")
        body = slot[:-1] if optional else slot
        words: list[str] = []
        sequences: list[TokenPattern] = []
        for alternative in body.split("|"):
            if alternative.startswith("@"):
                for tokens in self._phrase(alternative[1:]):
                    single = _single_norms(tokens)
                    if single is None:
                        sequences.append(tokens)
                    else:
                        words.extend(single)
            elif alternative.startswith("$"):
                sequences.append([dict(self._token_specs[alternative[1:]])])
            elif alternative:
                words.append(alternative)
        alternatives: list[TokenPattern] = []
        if words:
            unique = sorted(set(words))
            norm = unique[0] if len(unique) == 1 else {"IN": unique}
            spec: TokenSpec = {"NORM": norm}
            if optional and not sequences:
                return [[dict(spec, OP="?")]]
            alternatives.append([spec])
        alternatives.extend(sequences)
        if optional:
            alternatives.append([])
        return alternatives


def _single_norms(tokens: TokenPattern) -> list[str] | None:
    """The norms of a one-token, plain-NORM pattern, else None."""
    if len(tokens) != 1 or set(tokens[0]) != {"NORM"}:
        return None
    norm = tokens[0]["NORM"]
    if isinstance(norm, str):
        return [norm]
    if isinstance(norm, dict) and set(norm) == {"IN"}:
        return list(norm["IN"])
    return None


def _all_optional(tokens: TokenPattern) -> bool:
    """True when every token of a pattern may be skipped (it could match nothing)."""
    return all(spec.get("OP") in ("?", "*") for spec in tokens)


_FLAGS = {"IS_PUNCT": "is_punct", "IS_SPACE": "is_space", "LIKE_NUM": "like_num"}
_FLAGS["IS_QUOTE"] = "is_quote"
_FLAGS["IS_SENT_START"] = "is_sent_start"  # the first token of the text


def _accepts(spec: TokenSpec, token: Token) -> bool:
    """True when one token satisfies a token spec (OP aside)."""
    for key, wanted in spec.items():
        if key == "OP":
            continue
        if key in _FLAGS:
            if bool(getattr(token, _FLAGS[key])) != wanted:
                return False
        elif key == "NORM":
            norm = token.norm_
            if isinstance(wanted, str):
                if norm != wanted:
                    return False
            elif "IN" in wanted:
                if norm not in wanted["IN"]:
                    return False
            elif "NOT_IN" in wanted:
                if norm in wanted["NOT_IN"]:
                    return False
            elif "REGEX" in wanted:
                if not re.search(wanted["REGEX"], norm):
                    return False
            else:
                raise ValueError(f"unsupported NORM test: {wanted!r}")
        else:
            raise ValueError(f"unsupported token attribute: {key!r}")
    return True


def _ends(pattern: TokenPattern, at: int, tokens: Sequence[Token], i: int) -> bool:
    """True when pattern[at:] matches tokens from i on (optional specs may skip)."""
    if at == len(pattern):
        return True
    spec = pattern[at]
    if spec.get("OP") not in (None, "?"):
        raise ValueError(f"unsupported operator: {spec['OP']!r}")
    if spec.get("OP") == "?" and _ends(pattern, at + 1, tokens, i):
        return True
    return (
        i < len(tokens)
        and _accepts(spec, tokens[i])
        and _ends(pattern, at + 1, tokens, i + 1)
    )
