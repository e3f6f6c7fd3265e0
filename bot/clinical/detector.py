"""The spaCy engine that applies the English rules (bot/clinical/rules/) to a message.

A blank English pipeline (no statistical model, nothing to download) with three
components: a spelling normaliser that sets ``token.norm_``, an EntityRuler for
treatments, procedures and body parts, and a red-flag finder that matches, then
removes vetoed, negated, historical, habitual ("used to") and resolved matches,
and screening questions answered "no" or advice read about "you", keeping those
as "dismissed" red flags. How a message is decided:

1. A red-flag pattern of a kind matches (rules/<kind>.yml: red_flags).
2. It is dropped when a veto of that kind overlaps it (rules/vetoes.yml: "hay
   fever", "chest of drawers", a condition asked about or ruled out).
3. It is dropped when negated: a negation cue up to negation_window tokens before
   it in the same clause, or before an "or" that comes that close ("no numbness
   down there or any problems with my waterworks"); a cue followed by
   pseudo_negation_next ("not sure") or an answer ("no I ...") is no negation,
   and "until" after the match undoes one (rules/negation.yml). A negation that
   belongs to the symptom is part of the pattern ("can't feel my legs"). Clauses
   end at punctuation, clause-break words ("but"), a line break, and "and"/"so"
   before a new subject.
4. Kinds in history_sensitive_kinds are dropped when the clause places the event
   in the past ("years ago"), or an aside in brackets right after it does ("I
   fell (it's been 8 months)"); any kind but self-harm after "used to" in its
   clause, though not after "I'm used to"; kinds in past_and_resolved_kinds
   (self-harm) when the sentence places them long ago and a resolution (as in
   5.) reaches them ("dark thoughts years ago, ... in a good place now")
   (rules/history.yml).
5. Kinds in resolution_sensitive_kinds are dropped when the sentence says the
   symptom passed ("went away") and nothing says it came back ("but now"); a
   resolution before a contrast word ("it went completely but ...") does not
   reach a symptom after it. A sentence placed in the past ("back in 2015")
   is also resolved by the next sentence ("I made a full recovery.") when
   nothing from there on says it came back (rules/history.yml).
6. Conditional signs (rules/<kind>.yml: conditional) flag only when their context
   is somewhere in the message, or for a rule without contexts, a back or spine
   mention (rules/entities.yml: spine_context).
7. Any kind is dropped when it is a screening question the patient reports and
   answers "no", or advice read about "you" with no "... and I have" after it
   (rules/negation.yml: asked, advice, denials, deny_all, affirmations).
8. Kinds in explained_kinds (chest pain) are dropped when a clinician put them
   down to a harmless cause in their sentence or the next ("GP said my chest
   pain was a pulled muscle") and nothing in the message is a warning sign
   (rules/history.yml: explained, unexplained).

Importing this module imports spaCy; bot.clinical imports it only on first use.
Building the pipeline checks the rules (check_rules): a word that is not
canonical, or an example its pattern does not catch, raises RuleError naming the
file and line.
"""

# No "from __future__ import annotations": spaCy resolves factory type hints.

import threading
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace

import spacy
from spacy.attrs import NORM, ORTH
from spacy.language import Language
from spacy.matcher import Matcher
from spacy.tokens import Doc, Span

from bot.clinical.analysis import Analysis, ClinicalEntity, RedFlag
from bot.clinical.cleaning import CleanText, chunk_bounds, clean
from bot.clinical.compiler import PatternCompiler, TokenSpec
from bot.clinical.loader import RuleError, Rules, load_rules
from bot.clinical.spelling import Speller

NORMALISER = "clinical_normaliser"
RED_FLAG_FINDER = "clinical_red_flags"
RED_FLAGS = "red_flags"
CONDITIONAL_FLAGS = "conditional_red_flags"
CONDITIONAL_CONTEXTS = "conditional_contexts"
# Red-flag matches the finder set aside (vetoed, negated, past, habitual, resolved):
# evidence that the message talks about a red flag and is not one.
DISMISSED_FLAGS = "dismissed_red_flags"
# Texts are analysed in pieces of this many characters (spaCy has a length cap,
# and a runaway paste should cost linear time).
CHUNK_CHARS = 20_000


def make_compiler() -> PatternCompiler:
    """The compiler for the rule files' patterns."""
    return load_rules().compiler()


def match_tables(rules: Rules) -> dict[str, dict[str, tuple[str, ...]]]:
    """The tables the red-flag finder matches, by the group its match keys start with.

    ("flag:bladder_bowel", "veto:fever", "history:", ...).
    """
    return {
        "flag": rules.red_flags,
        "veto": rules.vetoes,
        "cond": rules.conditional,
        "ctx": rules.conditional_contexts,
        "history": {"": rules.history},
        "longago": {"": rules.long_ago},
        "resolved": {"": rules.resolved},
        "resolvedpast": {"": rules.resolved_in_past},
        "relapse": {"": rules.relapse},
        "steady": {"": rules.not_relapse},
        "explained": {"": rules.explained},
        "unexplained": {"": rules.unexplained},
        "asked": {"": rules.asked},
        "advice": {"": rules.advice},
        "denial": {"": rules.denials},
        "denyall": {"": rules.deny_all},
        "affirm": {"": rules.affirmations},
    }


def pattern_words(compiler: PatternCompiler) -> set[str]:
    """Every literal word of the pattern tables and the lexicon."""
    words: set[str] = set()
    for source in load_rules().sources:
        words |= compiler.words(source.text)
    return words


def make_speller() -> Speller:
    """The speller: keywords, explicit map, and every pattern word kept as it is."""
    rules = load_rules()
    protected = set(rules.protected_words) | pattern_words(make_compiler())
    return Speller(rules.fuzzy_keywords, rules.spelling_map, protected)


class ClinicalNormaliser:
    """Sets token.norm_ to the canonical keyword of a misspelt or American word."""

    def __init__(self, speller: Speller) -> None:
        self.speller = speller

    def __call__(self, doc: Doc) -> Doc:
        """Corrects spellings in place; contextual ones ("bowl") look at neighbours.

        A word read by the word after it ("me legs": "my legs") goes last, when
        that word's own spelling is settled.
        """
        rules = load_rules()
        contextual: list[int] = []
        for token in doc:
            word = token.lower_
            if word in rules.context_spelling:
                contextual.append(token.i)
                continue
            corrected = self.speller.correct(word)
            if corrected is not None and corrected != token.norm_:
                token.norm_ = corrected
        for i in contextual:
            canonical, context = rules.context_spelling[doc[i].lower_]
            reach = rules.context_spelling_window
            window = doc[max(0, i - reach) : i + reach + 1]
            if any(token.norm_ in context for token in window if token.i != i):
                doc[i].norm_ = canonical
        for token in doc:
            if token.lower_ in rules.spelling_before:
                canonical, following, through = rules.spelling_before[token.lower_]
                if _next_norm(doc, token.i + 1, through) in following:
                    token.norm_ = canonical
        return doc


def _next_norm(doc: Doc, i: int, through: frozenset[str]) -> str:
    """The norm of the first token from i on that is not one of `through`."""
    while i < len(doc) and doc[i].norm_ in through:
        i += 1
    return doc[i].norm_ if i < len(doc) else ""


# Words too common to decide whether a clause is worth matching (see _anchor).
COMMON_WORDS: frozenset[str] = frozenset(
    """i me my the a an to of in on at by for from with as and or not no is are am
    be been was were can could will would have has had do did it up down off over
    out get got go going went when you your his her their our feel so any all this
    that like now""".split()
)


def _anchor(tokens: list[TokenSpec]) -> frozenset[str] | None:
    """The smallest uncommon word set a pattern requires (None: all are common)."""
    # A clause holding none of these words cannot match the pattern.
    best: frozenset[str] | None = None
    for spec in tokens:
        if spec.get("OP") == "?":
            continue
        norm = spec.get("NORM")
        if isinstance(norm, str):
            norms = frozenset([norm])
        elif isinstance(norm, dict) and set(norm) == {"IN"}:
            norms = frozenset(norm["IN"])
        else:
            continue
        if norms & COMMON_WORDS:
            continue
        if best is None or len(norms) < len(best):
            best = norms
    return best


class RedFlagFinder:
    """Finds red flags and writes them to doc.spans, labelled with their kind.

    Matching cost grows with patterns x tokens, so the patterns are grouped by
    their anchor (a rare word each needs, see _anchor) and a group's Matcher runs
    only around its anchor words: within the anchor's clause (no pattern crosses a
    clause break) and no further away than the group's longest pattern.
    """

    def __init__(self, nlp: Language, compiler: PatternCompiler) -> None:
        self.vocab = nlp.vocab
        self.groups: dict[frozenset[str] | None, Matcher] = {}
        self.reach: dict[frozenset[str] | None, int] = defaultdict(int)
        self.anchors: dict[str, list[frozenset[str]]] = defaultdict(list)
        pending: dict[tuple[frozenset[str] | None, str], list[list[TokenSpec]]]
        pending = defaultdict(list)
        for group, table in match_tables(load_rules()).items():
            for kind, lines in table.items():
                for line in lines:
                    for tokens in compiler.compile(line):
                        pending[(_anchor(tokens), f"{group}:{kind}")].append(tokens)
        # One add() per key and group: Matcher.add is slow when called per pattern.
        for (anchor, key), token_patterns in pending.items():
            longest = max(len(tokens) for tokens in token_patterns)
            self.reach[anchor] = max(self.reach[anchor], longest)
            if anchor not in self.groups:
                self.groups[anchor] = Matcher(self.vocab)
                for word in anchor or ():
                    self.anchors[word].append(anchor)
            self.groups[anchor].add(key, token_patterns)

    def _match(self, doc: Doc, norms: list[str], clauses: list[int]) -> list[Span]:
        """Runs each anchor group's Matcher on the windows around its anchor words."""
        bounds: dict[int, list[int]] = {}
        for i, clause in enumerate(clauses):
            bounds.setdefault(clause, [i, i + 1])[1] = i + 1
        windows: dict[frozenset[str] | None, list[tuple[int, int]]]
        windows = defaultdict(list)
        for i, norm in enumerate(norms):
            for anchor in self.anchors.get(norm, ()):
                first, last = bounds[clauses[i]]
                reach = self.reach[anchor]
                # One token past the clause: the break itself ("can't walk!").
                end = min(last + 1, len(norms), i + reach)
                window = (max(first, i - reach + 1), end)
                windows[anchor].append(window)
        spans: list[Span] = []
        if None in self.groups:
            spans.extend(self.groups[None](doc, as_spans=True))
        for anchor, ranges in windows.items():
            matcher = self.groups[anchor]
            for start, end in _merge_ranges(ranges):
                spans.extend(matcher(doc[start:end], as_spans=True))
        return spans

    def __call__(self, doc: Doc) -> Doc:
        """Matches, then keeps the flags that survive veto, negation and history.

        Conditional signs and their contexts are labelled with their rule name;
        analyse() pairs them up across the whole message.
        """
        rules = load_rules()
        norms = [token.norm_ for token in doc]
        clauses = clause_ids(doc, norms)
        sentences = sentence_ids(doc)
        found: dict[str, list[Span]] = defaultdict(list)
        for span in self._match(doc, norms, clauses):
            found[span.label_].append(span)
        history_clauses = {clauses[span.start] for span in found.get("history:", [])}
        steady = found.get("steady:", [])
        relapsed = {
            sentences[span.start]
            for span in found.get("relapse:", [])
            if not any(_overlaps(span, other) for other in steady)
        }

        def standing(spans: list[Span]) -> tuple[Span, ...]:
            """Resolutions not negated, in a sentence that says nothing came back."""
            return tuple(
                span
                for span in spans
                if not is_negated(norms, clauses, span.start, span.end)
                and sentences[span.start] not in relapsed
            )

        def settled(label: str) -> frozenset[int]:
            """The sentences of `label`'s spans when nothing comes back in them or
            after them."""
            placed = {sentences[span.start] for span in found.get(label, [])}
            return frozenset(
                sentence
                for sentence in placed
                if all(later < sentence for later in relapsed)
            )

        resolutions = Resolutions(
            spans=standing(found.get("resolved:", [])),
            past_only=standing(found.get("resolvedpast:", [])),
            past=settled("history:"),
            previous=previous_sentences(doc, sentences),
        )
        # sentences placed long ago ("years ago"), nothing coming back after
        long_past = replace(resolutions, past=settled("longago:"))

        def in_history(span: Span) -> bool:
            """The flag's clause, or an aside in brackets right after it, is past."""
            own = {clauses[span.start], clauses[span.end - 1]}
            return bool((own | aside_after(doc, clauses, span.end)) & history_clauses)

        answered_no = denied_answers(doc, norms, clauses, sentences, found)
        explained = explained_away(doc, norms, clauses, sentences, found)
        targets = (
            ("flag", RED_FLAGS),
            ("cond", CONDITIONAL_FLAGS),
            ("ctx", CONDITIONAL_CONTEXTS),
        )
        dismissed: list[Span] = []
        for group, target in targets:
            kept: list[Span] = []
            for key, spans in found.items():
                if not key.startswith(group + ":"):
                    continue
                name = key.split(":", 1)[1]
                kind = name
                if group == "cond":
                    kind = rules.conditional_kinds.get(name, name)
                vetoes = found.get(f"veto:{kind}", []) if group != "ctx" else []
                for span in spans:
                    # a vetoed match is dismissed as its veto (every veto is, below)
                    if any(_overlaps(span, veto) for veto in vetoes):
                        continue
                    labelled = Span(doc, span.start, span.end, label=kind)
                    if is_negated(norms, clauses, span.start, span.end):
                        if group != "ctx":
                            dismissed.append(labelled)
                        continue
                    if group == "ctx":
                        kept.append(Span(doc, span.start, span.end, label=name))
                        continue
                    if (
                        kind in rules.history_sensitive_kinds
                        and in_history(span)
                        or kind in rules.past_and_resolved_kinds
                        and sentences[span.start] in long_past.past
                        and is_resolved(span, long_past, norms, sentences)
                        or kind not in rules.habit_exempt_kinds
                        and is_habit(norms, clauses, span.start)
                        or kind in rules.resolution_sensitive_kinds
                        and is_resolved(span, resolutions, norms, sentences)
                        or answered_no(span)
                        or kind in rules.explained_kinds
                        and explained(span)
                    ):
                        dismissed.append(labelled)
                        continue
                    kept.append(Span(doc, span.start, span.end, label=name))
            doc.spans[target] = merge_overlapping(kept)
        # A veto on its own ("my temperature is 37.2") also says "not an emergency".
        for key, spans in found.items():
            if key.startswith("veto:"):
                kind = key.split(":", 1)[1]
                dismissed.extend(Span(doc, s.start, s.end, label=kind) for s in spans)
        doc.spans[DISMISSED_FLAGS] = merge_overlapping(dismissed)
        return doc


@dataclass(frozen=True)
class Resolutions:
    """The resolutions of a message ("went away"), and the sentences they reach."""

    # resolutions that count wherever they stand (rules/history.yml: resolved)
    spans: tuple[Span, ...]
    # ones that could be a hope ("full function back"), counted only in a
    # sentence placed in the past or after one (history.yml: resolved_in_past)
    past_only: tuple[Span, ...]
    # sentences placed in the past ("back in 2015"), nothing coming back after
    past: frozenset[int]
    # each sentence's previous sentence that has a word in it
    previous: dict[int, int]


def previous_sentences(doc: Doc, sentences: list[int]) -> dict[int, int]:
    """Each sentence's previous sentence holding a word (blank lines skipped)."""
    worded: list[int] = []
    for token in doc:
        if not (token.is_space or token.is_punct) and (
            not worded or worded[-1] != sentences[token.i]
        ):
            worded.append(sentences[token.i])
    return dict(zip(worded[1:], worded[:-1], strict=False))


def is_resolved(
    flag: Span, resolutions: Resolutions, norms: list[str], sentences: list[int]
) -> bool:
    """True when a resolution in the flag's sentence, or the next one, reaches it.

    One told after the flag in its sentence always does ("went numb, but it went
    away"); one told before it does unless a contrast word stands between ("it
    went completely but since yesterday I can't feel ..."). One in the next
    sentence does when the flag's sentence is placed in the past and nothing
    from there on says it came back ("Back in 2015 I had cauda equina. I made a
    full recovery."). A resolution that could be a hope ("full function back")
    counts only in such a past sentence, or from the next one.
    """
    rules = load_rules()
    sentence = sentences[flag.start]
    weak = set(resolutions.past_only)
    for resolution in resolutions.spans + resolutions.past_only:
        where = sentences[resolution.start]
        if where != sentence:
            if (
                sentence in resolutions.past
                and resolutions.previous.get(where) == sentence
            ):
                return True
            continue
        if resolution in weak and sentence not in resolutions.past:
            continue
        if resolution.start >= flag.start:
            return True
        between = norms[resolution.end : flag.start]
        if not any(norm in rules.contrast_words for norm in between):
            return True
    return False


def explained_away(
    doc: Doc,
    norms: list[str],
    clauses: list[int],
    sentences: list[int],
    found: dict[str, list[Span]],
) -> Callable[[Span], bool]:
    """A test: has a clinician put a flag down to a harmless cause?

    "GP checked me over and said my chest pain was a pulled muscle": an
    `explained` span in the flag's sentence or the next one, and no
    `unexplained` span (a cardiac sign, a pain that spreads or is worse) anywhere
    in the message (rules/history.yml). Negated spans count for neither.
    """
    previous = previous_sentences(doc, sentences)

    def standing(label: str) -> list[Span]:
        return [
            span
            for span in found.get(label, [])
            if not is_negated(norms, clauses, span.start, span.end)
        ]

    explanations = standing("explained:")
    warnings = standing("unexplained:")

    def explained(flag: Span) -> bool:
        if warnings:
            return False
        sentence = sentences[flag.start]
        return any(
            sentences[span.start] == sentence
            or previous.get(sentences[span.start]) == sentence
            for span in explanations
        )

    return explained


def _answer_ends(doc: Doc, norms: list[str], clauses: list[int], end: int) -> bool:
    """True when an answer ("I haven't") ends its clause or goes on with a tail word."""
    rules = load_rules()
    return (
        end >= len(doc)
        or doc[end].is_punct
        or clauses[end] != clauses[end - 1]
        or norms[end] in rules.answer_tails
    )


def denied_answers(
    doc: Doc,
    norms: list[str],
    clauses: list[int],
    sentences: list[int],
    found: dict[str, list[Span]],
) -> Callable[[Span], bool]:
    """A test: is a flag a question or advice the patient reports, not a symptom?

    "my GP asked if I'd had thoughts of harming myself, and I honestly haven't":
    an ASKED span shortly before the flag, a denial after it in the sentence, and
    no affirmation ("... and I have") after it. "I read you should go to A&E if
    you can't feel yourself when wiping": an ADVICE span right before the flag
    and no affirmation after it.
    """
    rules = load_rules()
    asked = found.get("asked:", [])
    denials = [
        span
        for span in found.get("denial:", [])
        if _answer_ends(doc, norms, clauses, span.end)
    ]
    affirmations = [
        span
        for span in found.get("affirm:", [])
        if _answer_ends(doc, norms, clauses, span.end)
        and not any(_overlaps(span, denial) for denial in denials)
    ]

    advice = found.get("advice:", [])
    denied_all = [span.start for span in found.get("denyall:", [])]
    questions = {sentences[token.i] for token in doc if token.text == "?"}

    def follows(cues: list[Span], flag: Span, reach: int) -> bool:
        """True when a cue ends at most `reach` tokens before the flag, one sentence."""
        return any(
            sentences[cue.start] == sentences[flag.start]
            and cue.end <= flag.start
            and flag.start - cue.end <= reach
            for cue in cues
        )

    def answered_no(flag: Span) -> bool:
        sentence = sentences[flag.start]
        after = [
            span
            for span in denials + affirmations
            if sentences[span.start] == sentence and span.start >= flag.end
        ]
        affirmed = any(span in affirmations for span in after)
        if follows(advice, flag, rules.advice_reach) and not affirmed:
            return True
        reported = follows(asked, flag, rules.asked_reach) or sentence in questions
        if (
            reported
            and not affirmed
            and any(
                start >= flag.end and sentences[start] - sentence <= 1
                for start in denied_all
            )
        ):
            return True
        return follows(asked, flag, rules.asked_reach) and bool(after) and not affirmed

    return answered_no


def _merge_ranges(ranges: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Overlapping or touching (start, end) ranges joined."""
    merged: list[tuple[int, int]] = []
    for start, end in sorted(ranges):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def merge_overlapping(spans: list[Span]) -> list[Span]:
    """One span per run of overlapping spans of the same kind (their union)."""
    merged: list[Span] = []
    for span in sorted(spans, key=lambda span: (span.label_, span.start, -span.end)):
        last = merged[-1] if merged else None
        if last is not None and last.label_ == span.label_ and span.start < last.end:
            end = max(last.end, span.end)
            merged[-1] = Span(span.doc, last.start, end, label=span.label_)
        else:
            merged.append(span)
    return sorted(merged, key=lambda span: (span.start, span.end))


def whole_words(span: Span) -> tuple[int, int]:
    """Character offsets of a span widened to whole words ("n't" -> "don't")."""
    doc, start, end = span.doc, span.start, span.end
    while start > 0 and not doc[start - 1].whitespace_ and not doc[start - 1].is_punct:
        start -= 1
    while end < len(doc) and not doc[end - 1].whitespace_ and not doc[end].is_punct:
        end += 1
    return doc[start].idx, doc[end - 1].idx + len(doc[end - 1])


def _overlaps(a: Span, b: Span) -> bool:
    """True when two spans share a token."""
    return a.start < b.end and b.start < a.end


def clause_ids(doc: Doc, norms: list[str]) -> list[int]:
    """A clause number per token; a break token gets a clause of its own.

    Breaks: punctuation, a line, "but"-like words, a spaced dash (not the hyphen
    of "self-harm"), and "and"/"so" before a new subject ("and I ...").
    """
    rules = load_rules()
    ids: list[int] = []
    clause = 0
    following = norms[1:] + [""]
    # A bracketed single word ("my grandad (88) fell") stays inside its clause.
    aside = {
        j
        for i in range(len(doc) - 2)
        if doc[i].text == "(" and doc[i + 2].text == ")"
        for j in (i, i + 1, i + 2)
    }
    for token in doc:
        i, norm = token.i, norms[token.i]
        if i in aside:
            ids.append(clause)
        elif (
            token.is_space
            or token.text in rules.clause_break_punct
            or norm in rules.clause_break_words
            or (
                token.text == "-"
                and bool(token.whitespace_ or (i and doc[i - 1].whitespace_))
            )
            or (norm in rules.clause_joiners and following[i] in rules.new_subjects)
        ):
            clause += 1
            ids.append(clause)
            clause += 1
        else:
            ids.append(clause)
    return ids


def aside_after(doc: Doc, clauses: list[int], end: int) -> set[int]:
    """The clauses of an aside in brackets that follows the clause of token end-1.

    "I fell down the stairs at halls (not recent, it's been 8 months)": the
    bracket qualifies the clause before it.
    """
    i = end
    while i < len(doc) and clauses[i] == clauses[end - 1]:
        i += 1
    if i >= len(doc) or doc[i].text != "(":
        return set()
    found: set[int] = set()
    for token in doc[i + 1 :]:
        if token.text == ")" or token.is_space:
            break
        found.add(clauses[token.i])
    return found


def sentence_ids(doc: Doc) -> list[int]:
    """A sentence number per token: sentences end at . ! ? … and line breaks."""
    rules = load_rules()
    ids: list[int] = []
    sentence = 0
    for token in doc:
        ids.append(sentence)
        if token.is_space or token.text in rules.sentence_end_punct:
            sentence += 1
    return ids


def is_habit(norms: list[str], clauses: list[int], start: int) -> bool:
    """True when "used to" stands shortly before a match, in its clause."""
    rules = load_rules()
    used, to = rules.habit_words
    for i in range(start - 2, max(-1, start - 2 - rules.negation_window), -1):
        if clauses[i] != clauses[start]:
            return False
        if norms[i] == used and norms[i + 1] == to:
            return i == 0 or norms[i - 1] not in rules.habit_not_after
    return False


def is_negated(norms: list[str], clauses: list[int], start: int, end: int) -> bool:
    """True when a negation cue stands shortly before tokens start:end in a clause."""
    rules = load_rules()
    for i in range(end, min(len(norms), end + rules.negation_undone_window)):
        if clauses[i] != clauses[end - 1]:
            break
        if norms[i] in rules.negation_undone_after:
            return False
    i, limit = start - 1, start - 1 - rules.negation_window
    while i > max(-1, limit):
        if clauses[i] != clauses[start]:
            return False
        norm = norms[i]
        if norm in rules.negation_list_joiners:
            if i + 1 < len(norms) and norms[i + 1] in rules.new_subjects:
                return False  # "no pain or I ...": a new statement
            # "no A or B": the cue before A reaches B too.
            limit = i - 1 - rules.negation_window
        elif norm in rules.negation_cues and not (
            _next_word(norms, i + 1) in rules.pseudo_negation_next
            or norm in rules.interjections
            and norms[i + 1] in rules.interjection_next
        ):
            return True
        i -= 1
    return False


def _next_word(norms: list[str], i: int) -> str:
    """The norm at i or, past fillers, after it ("not even noticed": "noticed")."""
    rules = load_rules()
    while i < len(norms) - 1 and norms[i] in rules.negation_fillers:
        i += 1
    return norms[i]


def entity_patterns(compiler: PatternCompiler) -> list[dict[str, str]]:
    """EntityRuler phrase patterns (every spelled-out phrasing) per label and value.

    Phrase patterns use spaCy's PhraseMatcher, whose cost does not grow with the
    number of phrases; the ruler runs the normaliser over them, as over messages.
    """
    rules = load_rules()
    ruler_patterns: list[dict[str, str]] = []
    for label, values in rules.entities.items():
        for value, lines in values.items():
            for line in lines:
                for phrase in compiler.phrases(line):
                    ruler_patterns.append(
                        {"label": label, "pattern": phrase, "id": value}
                    )
    return ruler_patterns


@Language.factory(NORMALISER)
def make_normaliser(nlp: Language, name: str) -> ClinicalNormaliser:
    """spaCy factory of the spelling normaliser."""
    return ClinicalNormaliser(make_speller())


@Language.factory(RED_FLAG_FINDER)
def make_red_flag_finder(nlp: Language, name: str) -> RedFlagFinder:
    """spaCy factory of the red-flag finder."""
    return RedFlagFinder(nlp, make_compiler())


def build() -> Language:
    """A blank English pipeline: normaliser -> entity ruler -> red-flag finder.

    The rules are checked first (check_rules): a broken rule raises RuleError.
    """
    rules = load_rules()
    nlp = spacy.blank("en")
    for word, pieces in rules.split_contractions.items():
        nlp.tokenizer.add_special_case(
            word, [{ORTH: text, NORM: norm} for text, norm in pieces]
        )
    nlp.add_pipe(NORMALISER)
    ruler = nlp.add_pipe(
        "entity_ruler",
        config={"overwrite_ents": True, "phrase_matcher_attr": "NORM"},
    )
    ruler.add_patterns(entity_patterns(make_compiler()))
    nlp.add_pipe(RED_FLAG_FINDER)
    check_rules(nlp, rules)
    return nlp


def check_rules(nlp: Language, rules: Rules) -> None:
    """Every word of every pattern is canonical; every example is caught by its pattern.

    A word is canonical when the tokenizer and normaliser leave it as it is written
    (lower case, British spelling, "can't" as ``can not``), so a typo in a rule
    file cannot make a pattern that never matches. Raises RuleError naming the
    file and line of the first broken pattern.
    """
    normalise = nlp.get_pipe(NORMALISER)
    compiler = rules.compiler()
    canonical: dict[str, bool] = {}
    for source in rules.sources:
        for word in sorted(compiler.words(source.text)):
            if word not in canonical:
                doc = normalise(nlp.make_doc(word))
                canonical[word] = len(doc) == 1 and doc[0].norm_ == word
            if not canonical[word]:
                raise RuleError(
                    f"{source.where}: {word!r} is not written as its norm "
                    f"(lower case, British spelling, split contractions): "
                    f"{source.text!r}"
                )
        if source.example is None:
            continue
        example = normalise(nlp.make_doc(clean(source.example).text))
        if not compiler.matches(source.text, list(example)):
            raise RuleError(
                f"{source.where}: {source.text!r} does not catch its example "
                f"{source.example!r}"
            )


_lock = threading.Lock()
_nlp: Language | None = None


def get_nlp() -> Language:
    """The shared pipeline, built on first use."""
    global _nlp
    if _nlp is None:
        with _lock:
            if _nlp is None:
                _nlp = build()
    return _nlp


def _entity_kept(ent: Span) -> bool:
    """False for a one-word entity whose neighbours say it means something else."""
    rules = load_rules()
    if len(ent) != 1:
        return True
    doc, norm = ent.doc, ent[0].norm_
    before = doc[ent.start - 1].norm_ if ent.start > 0 else ""
    after = doc[ent.end].norm_ if ent.end < len(doc) else ""
    if before in rules.entity_excluded_after.get(norm, ()):
        return False
    if norm in rules.entity_needs_context:
        words_before, words_after = rules.entity_needs_context[norm]
        return before in words_before or after in words_after
    return True


def analyse(text: str) -> Analysis:
    """Red flags and clinical entities of one message, offsets in the original text."""
    rules = load_rules()
    cleaned = clean(text or "")
    if not cleaned.text.strip():
        return Analysis()
    nlp = get_nlp()
    flags: list[tuple[str, int, int]] = []
    conditional: list[tuple[str, int, int]] = []
    dismissed: list[tuple[str, int, int]] = []
    contexts: set[str] = set()
    entities: list[ClinicalEntity] = []
    spine_context = False
    for begin, end in chunk_bounds(cleaned.text, CHUNK_CHARS):
        doc = nlp(cleaned.text[begin:end])
        flags.extend(_offsets(cleaned, begin, doc.spans[RED_FLAGS]))
        conditional.extend(_offsets(cleaned, begin, doc.spans[CONDITIONAL_FLAGS]))
        dismissed.extend(_offsets(cleaned, begin, doc.spans[DISMISSED_FLAGS]))
        contexts.update(span.label_ for span in doc.spans[CONDITIONAL_CONTEXTS])
        for ent in doc.ents:
            if not _entity_kept(ent):
                continue
            start, stop = cleaned.span(begin + ent.start_char, begin + ent.end_char)
            entities.append(
                ClinicalEntity(ent.label_, ent.ent_id_, text[start:stop], start, stop)
            )
        spine_context = spine_context or any(
            token.norm_ in rules.spine_context_words for token in doc
        )
    spine_context = spine_context or any(
        entity.value in rules.spine_context_values for entity in entities
    )
    for rule, start, stop in conditional:
        needs_spine = rule not in rules.conditional_contexts
        if rule in contexts or (needs_spine and spine_context):
            flags.append((rules.conditional_kinds[rule], start, stop))
    return Analysis(
        red_flags=_red_flags(text, flags),
        entities=tuple(entities),
        dismissed=_red_flags(text, dismissed),
    )


def _red_flags(text: str, flags: list[tuple[str, int, int]]) -> tuple[RedFlag, ...]:
    """RedFlags of (kind, start, end) offsets, overlapping ones of a kind joined."""
    return tuple(
        RedFlag(kind, text[start:stop], start, stop)  # type: ignore[arg-type]
        for kind, start, stop in _merge_offsets(flags)
    )


def _merge_offsets(flags: list[tuple[str, int, int]]) -> list[tuple[str, int, int]]:
    """Overlapping (kind, start, end) of the same kind joined, in text order."""
    merged: list[tuple[str, int, int]] = []
    for kind, start, end in sorted(flags):
        if merged and merged[-1][0] == kind and start < merged[-1][2]:
            merged[-1] = (kind, merged[-1][1], max(end, merged[-1][2]))
        else:
            merged.append((kind, start, end))
    return sorted(merged, key=lambda flag: (flag[1], flag[2], flag[0]))


def _offsets(
    cleaned: CleanText, begin: int, spans: Iterable[Span]
) -> list[tuple[str, int, int]]:
    """(kind, start, end) in the original text for spans of one chunk."""
    result = []
    for span in spans:
        first, last = whole_words(span)
        start, stop = cleaned.span(begin + first, begin + last)
        result.append((span.label_, start, stop))
    return result
