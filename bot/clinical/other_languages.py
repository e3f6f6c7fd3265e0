"""Red flags in the languages other than English that patients write in.

The rules are data, one YAML file a language in bot/clinical/other_languages/
(`es.yml`, `pl.yml`, ...), grouped by red-flag kind. A rule is a phrase of word
slots separated by spaces::

    no puedo|consigo ... orin*|mear|hacer_pis

- `a|b` is one slot with alternatives; `_` joins words inside an alternative
  ("hacer_pis" is the two words "hacer pis");
- `word*` matches words that start with "word", `*word` words that end with it,
  `*word*` words that contain it (Arabic and Urdu attach prefixes to words);
- `...` skips up to three words;
- `^` first means the phrase must start the sentence ("^que es": a term question),
  `$` last that it must end it ("ho deciso $", not "ho deciso di operarmi");
- `a & b` joins phrases that must all be found in the message, each in a sentence
  of its own or the same one: a veiled farewell is a goodbye together with a
  decision taken ("me despido & ya lo he decidido $"), neither alone;
- `a + b` joins phrases that must all be found in one sentence, in any order and
  any distance apart: a body part and what it feels ("@SADDLE + @NUMB" catches
  "se me durmió toda la parte de abajo, la cola y la vagina");
- `@NAME` is a slot of the words the file lists under `lexicons: NAME` (same
  syntax as a slot; `@NAME|other` adds alternatives). A lexicon names a concept
  once ("the area a saddle touches", "cannot feel"), so that rules pair concepts
  instead of spelling out every phrase a new writer might use.

Text and rules are compared after the same normalisation: lower case, accents and
other combining marks removed (people type "orinar" and "orinár" alike on phones),
Arabic-script letter variants folded. A match is set aside when one of the
language's `negations` ends at most three words before it, in the same clause
("no tengo ... hormigueo", but not "no tengo fiebre, pero no puedo andar") or when its
sentence holds one of the language's `set_asides`
(resolved, past or hypothetical: "ya estoy bien").

Every rule carries an example message it must catch; `load_rules()` checks them
all and a broken rule raises `RuleError` naming the file and the rule.

Romanised writing has files of its own, named `<language>-latn.yml` (`ar-latn`:
Arabizi, "sadri wage3ni"; `bn-latn`: Banglish, "buke betha"; `ur-latn`: Roman
Urdu, "seene me dard"). Language identification cannot name such a message (it
returns None, or a wrong Latin-script guess), so these files are read apart from
the others (`find_romanised_red_flags`) on any message in the Latin script, and a
match is answered in the file's language (`LanguageRules.language`: "ur" for
`ur-latn`). Their rules pair words no English sentence uses ("peshab", "seene",
"7es"), since they also read messages taken for English.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import yaml

from bot.clinical.analysis import RED_FLAG_KINDS, RedFlagKind

RULES_DIR = Path(__file__).with_name("other_languages")
ROMANISED = "-latn"  # "ur-latn.yml": Urdu written in Latin letters
GAP = "..."
ANCHOR = "^"
END = "$"
AND = "&"
TOGETHER = "+"
LEXICON = "@"
MAX_GAP_WORDS = 3
NEGATION_WINDOW = 3
# Arabic-script letters written several ways: one form each, in rules and text alike.
_FOLD = str.maketrans(
    {
        "أ": "ا",
        "إ": "ا",
        "آ": "ا",
        "ٱ": "ا",
        "ى": "ي",
        "ی": "ي",
        "ې": "ي",
        "ك": "ک",
        "ة": "ه",
        "ۃ": "ه",
        "ہ": "ه",
        "ھ": "ه",
        "ـ": "",
        "ß": "ss",
        "ł": "l",
        "ı": "i",
    }
)
# A dot between two digits is a decimal point ("38.5"), not the end of a sentence.
_SENTENCE_END = re.compile(r"(?:(?<!\d)\.|\.(?!\d)|[!?;\n\u061f\u06d4\u0964])+")


def _clause_starts(sentence: str) -> list[int]:
    """Indexes of the words of `sentence` (normalised) that start a comma clause."""
    starts, count = [0], 0
    for part in sentence.split(",")[:-1]:
        count += len(words(part))
        starts.append(count)
    return starts


class RuleError(ValueError):
    """A rule file that cannot be used, with the file and rule that are wrong."""


def normalise(text: str) -> str:
    """Lower case, combining marks removed and letter variants folded."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    stripped = "".join(ch for ch in decomposed if unicodedata.category(ch) != "Mn")
    return stripped.translate(_FOLD)


def words(text: str) -> list[str]:
    """The words of already normalised text (letters, digits and joined marks)."""
    found: list[str] = []
    current: list[str] = []
    for ch in text:
        if unicodedata.category(ch)[0] in "LNM":
            current.append(ch)
        elif current:
            found.append("".join(current))
            current = []
    if current:
        found.append("".join(current))
    return found


@dataclass(frozen=True)
class WordTest:
    """One way a slot may match a word: exactly, by its start, end or middle."""

    text: str
    start: bool = False  # "word*": the word starts with text
    end: bool = False  # "*word": the word ends with text

    @classmethod
    def parse(cls, token: str) -> WordTest:
        """Reads `word`, `word*`, `*word` or `*word*`."""
        body = token.strip("*")
        if not body or "*" in body:
            raise ValueError(f"bad word {token!r}")
        return cls(
            text=normalise(body),
            start=token.endswith("*"),
            end=token.startswith("*"),
        )

    def matches(self, word: str) -> bool:
        """True when `word` (normalised) passes this test."""
        if self.start and self.end:
            return self.text in word
        if self.start:
            return word.startswith(self.text)
        if self.end:
            return word.endswith(self.text)
        return word == self.text


Alternative = tuple[WordTest, ...]  # "hacer_pis": several words in a row


class Choices(tuple):
    """A slot's alternatives, with a quick test of the words any of them may begin
    with: a message's words are read against hundreds of rules (the romanised ones
    on every English message), so a word that starts no alternative is passed over
    with string methods, not one WordTest call per alternative."""

    def __new__(cls, alternatives: Iterable[Alternative]) -> Choices:
        choices = super().__new__(cls, alternatives)
        firsts = [alternative[0] for alternative in choices]
        choices.exact = frozenset(t.text for t in firsts if not (t.start or t.end))
        choices.prefixes = tuple(t.text for t in firsts if t.start and not t.end)
        choices.suffixes = tuple(t.text for t in firsts if t.end and not t.start)
        choices.inside = tuple(t.text for t in firsts if t.start and t.end)
        return choices

    def opens(self, word: str) -> bool:
        """False when no alternative can match starting at `word`."""
        if (
            word in self.exact
            or word.startswith(self.prefixes)
            or word.endswith(self.suffixes)
        ):
            return True
        # most slots have no "*middle*" word: no generator is made for them
        return bool(self.inside) and any(part in word for part in self.inside)


# None is the gap "..."; the string ANCHOR, first only, pins a phrase to the start.
Slot = None | str | Choices


Lexicons = dict[str, str]  # concept name -> its slot ("hacer_pis|mear|orin*")
Phrase = tuple[Slot, ...]
# phrases found in one sentence ("@SADDLE + @NUMB"), in any order
Group = tuple[Phrase, ...]


def expand_lexicons(token: str, lexicons: Lexicons) -> str:
    """`token` with each `@NAME` alternative replaced by that lexicon's words."""
    parts = []
    for part in token.split("|"):
        if part.startswith(LEXICON):
            name = part[len(LEXICON) :]
            if name not in lexicons:
                raise ValueError(f"unknown lexicon {part!r}")
            parts.append(lexicons[name])
        else:
            parts.append(part)
    return "|".join(parts)


def parse_phrase(phrase: str, lexicons: Lexicons | None = None) -> Phrase:
    """Compiles a rule phrase into slots; raises ValueError when it is malformed."""
    slots: list[Slot] = []
    tokens = [
        expand_lexicons(token, lexicons or {}) if LEXICON in token else token
        for token in phrase.split()
    ]
    anchored = bool(tokens) and tokens[0] == ANCHOR
    ended = len(tokens) > 1 and tokens[-1] == END
    if ended:
        tokens = tokens[:-1]
    for token in tokens[1:] if anchored else tokens:
        if token == GAP:
            if not slots or slots[-1] is None:
                raise ValueError("'...' must come between two words")
            slots.append(None)
            continue
        alternatives = Choices(
            tuple(WordTest.parse(part) for part in alternative.split("_"))
            for alternative in token.split("|")
        )
        if any(not alternative for alternative in alternatives):
            raise ValueError(f"empty alternative in {token!r}")
        slots.append(alternatives)
    if not slots or slots[-1] is None:
        raise ValueError("a phrase must start and end with a word")
    if ended:
        slots.append(END)
    return (ANCHOR, *slots) if anchored else tuple(slots)


def _alternative_at(alternative: Alternative, text: list[str], at: int) -> int:
    """Words consumed when `alternative` matches at `at`, or -1."""
    if at + len(alternative) > len(text):
        return -1
    for offset, test in enumerate(alternative):
        if not test.matches(text[at + offset]):
            return -1
    return len(alternative)


def _match_from(slots: tuple[Slot, ...], text: list[str], at: int) -> int:
    """Index just past a match of `slots` starting at word `at`, or -1.

    Gaps are bounded and phrases short, so the search is small: at most
    (MAX_GAP_WORDS + 1) ** gaps start positions per slot.
    """
    if not slots:
        return at
    slot, rest = slots[0], slots[1:]
    if slot == END:
        return at if at == len(text) else -1
    if slot is None:
        for skip in range(MAX_GAP_WORDS + 1):
            end = _match_from(rest, text, at + skip)
            if end >= 0:
                return end
        return -1
    if at >= len(text) or not slot.opens(text[at]):
        return -1
    for alternative in slot:
        used = _alternative_at(alternative, text, at)
        if used > 0:
            end = _match_from(rest, text, at + used)
            if end >= 0:
                return end
    return -1


def find_phrase(slots: tuple[Slot, ...], text: list[str]) -> tuple[int, int] | None:
    """The first (start, end) word span of `text` matching `slots`, or None."""
    if slots and slots[0] == ANCHOR:
        end = _match_from(slots[1:], text, 0)
        return (0, end) if end >= 0 else None
    opens = slots[0].opens if isinstance(slots[0], Choices) else None
    for start, word in enumerate(text):
        if opens is not None and not opens(word):
            continue  # what _match_from would find at once, without the call
        end = _match_from(slots, text, start)
        if end >= 0:
            return start, end
    return None


def parse_group(text: str, lexicons: Lexicons | None = None) -> Group:
    """Compiles `a + b` (phrases found in one sentence) into its phrases."""
    return tuple(parse_phrase(part, lexicons) for part in text.split(f" {TOGETHER} "))


def parse_rule(text: str, lexicons: Lexicons | None = None) -> tuple[Group, ...]:
    """Compiles `a + b & c` into its groups: the first must be found in a sentence
    not set aside, each further one anywhere in the message."""
    return tuple(parse_group(part, lexicons) for part in text.split(f" {AND} "))


def _group_in(group: Group, sentence: list[str]) -> bool:
    return all(find_phrase(phrase, sentence) for phrase in group)


@dataclass(frozen=True)
class Rule:
    """One red-flag rule of one language."""

    kind: RedFlagKind
    phrase: str
    # the first group, found in a sentence not set aside
    group: Group
    example: str
    # the further groups of an `a & b` rule, each found anywhere in the message
    also: tuple[Group, ...] = ()


@dataclass(frozen=True)
class LanguageRules:
    """A language's red-flag rules and the cues that set a match aside."""

    code: str
    rules: tuple[Rule, ...]
    negations: tuple[Phrase, ...]
    set_asides: tuple[Phrase, ...]
    # Messages the file's author checked are not emergencies (run by the tests).
    not_red_flags: tuple[str, ...] = ()

    @property
    def language(self) -> str:
        """The language a match is answered in: "ur" for the file `ur-latn`."""
        return self.code.removesuffix(ROMANISED)

    @property
    def romanised(self) -> bool:
        """True for a file of a language written in Latin letters (`ur-latn`)."""
        return self.code.endswith(ROMANISED)

    def red_flag_kinds(self, text: str) -> tuple[RedFlagKind, ...]:
        """The red-flag kinds this language's rules find in `text`,
        most serious first."""
        found: set[str] = set()
        sentences = self._sentences(text)
        # an `a & b` rule's further phrases are read in every sentence: the
        # decision of a veiled farewell hides in an ordinary one ("no vendré a
        # las sesiones, ya nada tiene sentido"), and the first phrase holds
        every = self._sentences(text, set_aside=False)
        for rule in self.rules:
            if rule.kind in found:
                continue
            if any(
                self._finds(rule.group, *sentence) for sentence in sentences
            ) and all(
                any(self._finds(group, *sentence) for sentence in every)
                for group in rule.also
            ):
                found.add(rule.kind)
        return tuple(kind for kind in RED_FLAG_KINDS if kind in found)

    def _sentences(
        self, text: str, set_aside: bool = True
    ) -> list[tuple[list[str], list[int]]]:
        """The words and clause starts of the sentences of `text`, but for those
        set aside (unless `set_aside` is False)."""
        found = []
        for sentence in _SENTENCE_END.split(normalise(text)):
            sentence_words = words(sentence)
            if sentence_words and not (set_aside and self._set_aside(sentence_words)):
                found.append((sentence_words, _clause_starts(sentence)))
        return found

    def _finds(
        self, group: Group, sentence: list[str], clause_starts: list[int]
    ) -> bool:
        """True when every phrase of `group` is in `sentence`, none denied."""
        for slots in group:
            span = find_phrase(slots, sentence)
            if not span or self._negated(sentence, span[0], clause_starts):
                return False
        return True

    def dismisses(self, text: str, term: str) -> bool:
        """True when this language's cues set aside every mention of `term` (an
        English rule's match, "cauda equina") in `text`: a term question ("¿qué
        significa cauda equina?") or a denial ("sin signos de cauda equina")."""
        term_slots: tuple[Slot, ...] = tuple(
            Choices(((WordTest(word),),)) for word in words(normalise(term))
        )
        if not term_slots:
            return False
        mentioned = False
        for sentence in _SENTENCE_END.split(normalise(text)):
            sentence_words = words(sentence)
            if not find_phrase(term_slots, sentence_words):
                continue
            mentioned = True
            if self._set_aside(sentence_words):
                continue
            clause_starts = _clause_starts(sentence)
            for start in range(len(sentence_words)):
                if _match_from(term_slots, sentence_words, start) >= 0 and not (
                    self._negated(sentence_words, start, clause_starts)
                ):
                    return False
        return mentioned

    def _set_aside(self, sentence: list[str]) -> bool:
        return any(find_phrase(cue, sentence) for cue in self.set_asides)

    def _negated(
        self, sentence: list[str], start: int, clause_starts: list[int]
    ) -> bool:
        # a denial in an earlier clause ("no fever, but I can't walk") does not count
        clause = max((at for at in clause_starts if at <= start), default=0)
        before = sentence[max(clause, start - NEGATION_WINDOW - 2) : start]
        for cue in self.negations:
            span = find_phrase(cue, before)
            if span and len(before) - span[1] <= NEGATION_WINDOW:
                return True
        return False


def _phrases(
    path: Path, key: str, values: object, lexicons: Lexicons
) -> tuple[Phrase, ...]:
    if values is None:
        return ()
    if not isinstance(values, list):
        raise RuleError(f"{path}: '{key}' must be a list of phrases")
    compiled = []
    for value in values:
        try:
            compiled.append(parse_phrase(str(value), lexicons))
        except ValueError as error:
            raise RuleError(f"{path}: {key}: {value!r}: {error}") from None
    return tuple(compiled)


def load_language(path: Path) -> LanguageRules:
    """Reads and checks one language's rule file."""
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except yaml.YAMLError as error:
        raise RuleError(f"{path}: not valid YAML: {error}") from None
    code = data.get("language")
    if code != path.stem:
        raise RuleError(f"{path}: 'language' must be {path.stem!r}, not {code!r}")
    lexicons = data.get("lexicons") or {}
    if not isinstance(lexicons, dict) or not all(
        isinstance(words, str) for words in lexicons.values()
    ):
        raise RuleError(f"{path}: 'lexicons' must map names to slots ('a|b_c|d*')")
    rules: list[Rule] = []
    errors: list[str] = []
    for kind, entries in (data.get("red_flags") or {}).items():
        if kind not in RED_FLAG_KINDS:
            raise RuleError(f"{path}: unknown red-flag kind {kind!r}")
        for entry in entries or []:
            phrase, example = (entry or {}).get("match"), (entry or {}).get("example")
            if not phrase or not example:
                errors.append(f"{kind}: every rule needs 'match' and 'example'")
                continue
            try:
                parts = parse_rule(str(phrase), lexicons)
            except ValueError as error:
                errors.append(f"{kind}: {phrase!r}: {error}")
                continue
            sentences = [
                words(sentence)
                for sentence in _SENTENCE_END.split(normalise(str(example)))
            ]
            if not all(
                any(_group_in(group, sentence) for sentence in sentences)
                for group in parts
            ):
                errors.append(
                    f"{kind}: {phrase!r} does not match its example {example!r}"
                )
                continue
            rules.append(Rule(kind, phrase, parts[0], example, tuple(parts[1:])))
    if errors:
        raise RuleError("\n".join(f"{path}: {error}" for error in errors))
    return LanguageRules(
        code=code,
        rules=tuple(rules),
        negations=_phrases(path, "negations", data.get("negations"), lexicons),
        set_asides=_phrases(path, "set_asides", data.get("set_asides"), lexicons),
        not_red_flags=tuple(str(text) for text in data.get("not_red_flags") or ()),
    )


@cache
def load_rules(directory: Path = RULES_DIR) -> dict[str, LanguageRules]:
    """Every language's rules, by language code (checked; cached)."""
    return {path.stem: load_language(path) for path in sorted(directory.glob("*.yml"))}


def find_red_flags(
    text: str, language: str | None = None
) -> tuple[str | None, tuple[RedFlagKind, ...]]:
    """The language whose rules find red flags in `text`, and the kinds they find.

    With a `language` that has rules, only its rules are read: another language's
    words mean something else in it (Spanish "fractura" in Romanian "nu am nicio
    fractură"). Without one (a message too short to identify, "no puedo mear"),
    the romanised files first (a message lingua cannot name is often romanised),
    then every language's rules are tried.
    """
    rules = load_rules()
    if language in rules:
        codes = [language]
    else:
        codes = sorted(rules, key=lambda code: not rules[code].romanised)
    for code in codes:
        kinds = rules[code].red_flag_kinds(text)
        if kinds:
            return rules[code].language, kinds
    return None, ()


def find_romanised_red_flags(text: str) -> tuple[str | None, tuple[RedFlagKind, ...]]:
    """The language of the romanised rules (`ar-latn`...) that find red flags in
    `text` ("ar" for Arabizi), and the kinds they find."""
    rules = load_rules()
    for code in sorted(rules):
        if rules[code].romanised and (kinds := rules[code].red_flag_kinds(text)):
            return rules[code].language, kinds
    return None, ()


def red_flag_kinds(text: str, language: str | None = None) -> tuple[RedFlagKind, ...]:
    """The red-flag kinds any language's rules find in `text`, `language`'s first."""
    return find_red_flags(text, language)[1]
