"""`faq check`: the FAQ linter run before every training and in `make test`.

Each finding names the file, the FAQ and what to do, in words a non-programmer
can act on. Errors stop a training; warnings are shown but do not.

Grounding: an answer may state only what its own FAQ's `source` says. A sentence
in another FAQ's source, or elsewhere on the clinic's page, does not count: the
`source` must hold every sentence the answer relies on, so that a reviewer can
check an answer against its source alone. A program cannot tell whether a
paraphrase is faithful, so the check verifies the claims that can be compared
mechanically, each against the FAQ's own source:

- prices, percentages, email addresses and times (`FACT_PATTERNS`), compared by
  value ("£75" = "75 pounds", "9am" = "09:00", "90%" = "90 %");
- every other number, compared by its digits ("0845 468 1088" = "08454681088"),
  so a phone number with a wrong digit is caught too. The clinic's own phone
  numbers, the next step of nearly every answer, need no source, but an answer
  gives them as a placeholder, never in digits: `{clinic_phones}` (or
  `{clinic_phone_1}` / `{clinic_phone_2}`), which `faq build` fills in from
  domain.yml's `clinic_phones` slot, the one place that knows them
  (bot.faqtool.phones). Facts are checked in the answer as patients read it,
  with the numbers filled in;
- codes that mix letters and digits, such as postcodes ("W1G", "7LD");
- names: a capitalised word that does not open a sentence ("Harley", "Pilates",
  "London"; a run of them is reported as one name), and an acronym anywhere
  ("IDD", "GP"), which also counts as given when the source has consecutive words
  with those initials ("cognitive behavioral therapy" for "CBT"; three letters or
  more). Case, possessives and plurals are ignored ("Institute's" = "Institutes");
  a sentence's first word is not checked, as it is capitalised anyway (unless it
  is an acronym);
- quotations: text in double quotes must be in the source word for word
  (ignoring case and punctuation, so "pain-free" = "pain free").

When the clinic content holds the missing claim, the finding quotes the page
sentence to copy into `source`. What it cannot see is a claim made in ordinary
words ("the relief is temporary"): keeping those in the source is the writer's
and the reviewer's job. Patient text also never uses "<" or ">", which screen
readers read as "less than" / "greater than".
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from bot.faqtool.phones import ClinicPhones, PhonesError, clinic_phones
from bot.faqtool.source import FAQ_DIR, Faq, FaqFileError, faq_files, load_file
from bot.settings import PROJECT_ROOT

# the clinic's page, the only source of truth (a copy kept in the repository)
CLINIC_CONTENT = PROJECT_ROOT / "docs" / "clinic-content"
MIN_QUESTIONS = 10
MAX_ANSWER_CHARS = 1600  # WhatsApp refuses longer messages
NEAR_DUPLICATE = 0.9  # TF-IDF cosine of two questions of different FAQs

_NUMBER = r"(\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)"
# Facts the assistant must never invent: each must appear in the FAQ's source
# sentence or in the clinic content before an answer may state it. Facts are
# compared by value ("£75" = "75 pounds", "9am" = "09:00"), not as text.
FACT_PATTERNS = {
    "a price": [
        re.compile(rf"£\s?{_NUMBER}"),
        re.compile(rf"\bgbp\s?{_NUMBER}", re.IGNORECASE),
        re.compile(rf"{_NUMBER}\s?(?:pounds?|gbp|quid)\b", re.IGNORECASE),
    ],
    "a percentage": [re.compile(rf"{_NUMBER}\s?(?:%|per\s?cent\b)", re.IGNORECASE)],
    "an email address": [re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")],
    "opening hours": [
        re.compile(r"\b(\d{1,2})(?:[:.](\d\d))?\s?([ap])\.?m\b\.?", re.IGNORECASE),
        re.compile(r"\b([01]?\d|2[0-3]):([0-5]\d)\b()"),
        # "9.00-17.30": a dot is a time only in a range (else "2.50" would be one)
        re.compile(
            r"\b(\d{1,2})\.(\d\d)\s?(?:-|–|to|until|till)\s?(\d{1,2})\.(\d\d)\b",
            re.IGNORECASE,
        ),
        re.compile(r"\b24\s?/\s?7\b|\b24 hours\b", re.IGNORECASE),
    ],
}


@dataclass(frozen=True)
class Finding:
    """One problem found in the FAQ files."""

    level: str  # "error" or "warning"
    file: str
    line: int
    faq: str
    message: str

    def __str__(self) -> str:
        where = _display(self.file) + (f":{self.line}" if self.line else "")
        faq = f" FAQ '{self.faq}'" if self.faq else ""
        return f"{self.level.upper()} {where}{faq}: {self.message}"


def _display(file: str) -> str:
    """The file as staff see it: relative to the project when inside it."""
    try:
        return str(Path(file).resolve().relative_to(PROJECT_ROOT))
    except ValueError:
        return Path(file).name if Path(file).suffix else file


def _normalise(text: str) -> str:
    return " ".join(re.sub(r"[^\w£%@.]+", " ", text.lower()).split())


def _clinic_text(folder: Path) -> str:
    return "\n\n".join(
        p.read_text(encoding="utf-8") for p in sorted(folder.glob("*.txt"))
    )


def _values(kind: str, match: re.Match) -> list[str]:
    """The values a fact states, so that different spellings of it compare equal."""
    if kind in ("a price", "a percentage"):
        return [f"{float(match.group(1).replace(',', '')):g}"]
    if kind == "an email address":
        return [match.group().lower()]
    groups = match.groups()
    if not groups:  # "24/7", "24 hours"
        return ["24/7"]
    if len(groups) == 4:  # a range of two 24-hour times
        return [
            f"{int(groups[0]):02d}:{groups[1]}",
            f"{int(groups[2]):02d}:{groups[3]}",
        ]
    hour, minute, half = int(groups[0]), int(groups[1] or 0), groups[2]
    if half:
        hour = hour % 12 + (12 if half.lower() == "p" else 0)
    return [f"{hour:02d}:{minute:02d}"]


def facts(text: str) -> Iterator[tuple[str, str, str]]:
    """(kind, value, as written) of every price, percentage,
    email and time in the text."""
    for kind, patterns in FACT_PATTERNS.items():
        for pattern in patterns:
            for match in pattern.finditer(text):
                for value in _values(kind, match):
                    yield kind, value, match.group().strip()


def _fact_values(text: str) -> set[tuple[str, str]]:
    return {(kind, value) for kind, value, _ in facts(text)}


def _facts_not_in(answer: str, allowed: set[tuple[str, str]]) -> list[tuple[str, str]]:
    missing: dict[tuple[str, str], str] = {}
    for kind, value, written in facts(answer):
        if (kind, value) not in allowed:
            missing.setdefault((kind, value), written)
    return [(kind, written) for (kind, _), written in missing.items()]


# Other claims an answer may make only when its own source makes them too.
_NUMBER_RUN = re.compile(r"(?<![\w.,])\+?\d+(?:[.,]\d+)*(?:\s\d+(?:[.,]\d+)*)*(?!\w)")
_CODE = re.compile(r"(?<![\w])(?=[^\W_]*\d)(?=[^\W_]*[^\W\d_])[^\W_]+(?!\w)")
_WORD = re.compile(r"(?<![\w&'’])[^\W\d_]+(?:['’&][^\W\d_]+)*(?!\w)")
_QUOTATION = re.compile(r"[“\"]([^”\"]{1,300})[”\"]")
_SENTENCE_BREAK = re.compile(r"(?<=[.!?])[”\"’')\]]*\s+")
# capitalised, but not names: "I", "I'm", "I'd", "I've", "I'll", "OK"
_NOT_A_NAME = re.compile(r"I(?:['’](?:m|d|ve|ll))?|OK")
ANGLE_BRACKETS = re.compile(r"[<>]")


def _stem(word: str) -> str:
    """A word compared without case, possessive or plural:
    "Institute's" = "institutes"."""
    word = word.lower().replace("’", "'")
    word = re.sub(r"'s?$", "", word)
    return word[:-1] if len(word) > 2 and word.endswith("s") else word


def _plain(text: str) -> str:
    """Lower-case words and digits only, each padded by one space."""
    return f" {' '.join(re.sub(r'[^0-9a-z]+', ' ', text.lower()).split())} "


def _is_acronym(word: str) -> bool:
    letters = [c for c in word if c.isalpha()]
    return len(letters) >= 2 and all(c.isupper() for c in letters)


def _claims(text: str) -> Iterator[tuple[str, str]]:
    """(kind, as written) of each number, code, name and quotation of the text.

    Prices, percentages, emails and times are left to FACT_PATTERNS, which
    compares them by value.
    """
    covered = [
        match.span()
        for patterns in FACT_PATTERNS.values()
        for pattern in patterns
        for match in pattern.finditer(text)
    ]

    def free(match: re.Match) -> bool:
        start, end = match.span()
        return not any(start < e and s < end for s, e in covered)

    for match in _NUMBER_RUN.finditer(text):
        if free(match):
            yield "a number", match.group()
    for match in _CODE.finditer(text):
        if free(match):
            yield "a code", match.group()
    for sentence in _SENTENCE_BREAK.split(text):
        # a run of capitalised words is one name: "Harley Street Spine Clinic"
        run: list[re.Match] = []
        for n, match in enumerate(_WORD.finditer(sentence)):
            word = match.group()
            is_name = (
                word[0].isupper()
                and not _NOT_A_NAME.fullmatch(word)
                and (n > 0 or _is_acronym(word))
            )
            joined = run and re.fullmatch(
                r" |\s?&\s?", sentence[run[-1].end() : match.start()]
            )
            if run and not (is_name and joined):
                yield "a name", sentence[run[0].start() : run[-1].end()]
                run = []
            if is_name:
                run.append(match)
        if run:
            yield "a name", sentence[run[0].start() : run[-1].end()]
    for match in _QUOTATION.finditer(text):
        if _plain(match.group(1)).strip():
            yield "a quotation", match.group()


def _supports(source: str, kind: str, written: str) -> bool:
    """Whether the source states this claim (see the module docstring)."""
    if kind == "a number":
        digits = re.sub(r"\D", "", written)
        return digits in {re.sub(r"\D", "", m) for m in _NUMBER_RUN.findall(source)}
    if kind == "a code":
        return written.lower() in {m.lower() for m in _CODE.findall(source)}
    if kind == "a quotation":
        return _plain(written) in _plain(source)
    words = re.findall(r"[^\W\d_]+(?:['’][^\W\d_]+)?", source)
    # and the source's names as the answer's are read ("A&E" is one)
    stems = {_stem(w) for w in [*words, *_WORD.findall(source)]}
    initials = "".join(w[0].lower() for w in words)
    return all(
        _stem(name) in stems
        or (  # "CBT" for "cognitive behavioral therapy"; 3 letters or more, as
            # two initials match by chance too often
            _is_acronym(name)
            and len(letters := "".join(c for c in name.lower() if c.isalpha())) > 2
            and letters in initials
        )
        for name in _WORD.findall(written)
    )


def unsupported_claims(
    text: str, source: str, phones: frozenset[str] = frozenset()
) -> list[tuple[str, str]]:
    """(kind, as written) of each claim of the text that the source does not make.

    `phones`: the digits of the clinic's own numbers, which need no source.
    """
    missing: dict[tuple[str, str], None] = {}
    for kind, written in _claims(text):
        if kind == "a number" and re.sub(r"\D", "", written) in phones:
            continue
        if not _supports(source, kind, written):
            missing.setdefault((kind, written), None)
    return list(missing)


def _sentences(text: str) -> list[str]:
    """The sentences of the clinic content, one paragraph's lines joined."""
    out = []
    for paragraph in re.split(r"\n\s*\n", text):
        out += [s.strip() for s in _SENTENCE_BREAK.split(" ".join(paragraph.split()))]
    return [s for s in out if s]


def _where_the_page_says(says: Callable[[str], bool], page: list[str]) -> str:
    """A hint quoting the first page sentence that says it, if any."""
    for sentence in page:
        if says(sentence):
            shown = sentence if len(sentence) <= 160 else sentence[:157] + "..."
            return f' The clinic\'s page says it here: "{shown}"'
    return ""


def _phone_findings(label: str, text: str, phones: ClinicPhones) -> list[str]:
    """What is wrong with the phone numbers of one answer (see bot.faqtool.phones)."""
    placeholders = ", ".join("{" + name + "}" for name in phones.values)
    out = [
        f"the {label} writes the clinic's phone number '{written}' out: write the "
        "placeholder {clinic_phones} instead (both numbers; {clinic_phone_1} or "
        "{clinic_phone_2} for one of them). The numbers are filled in from domain.yml "
        "when the assistant is built, so a new number is changed in one place only."
        for written in dict.fromkeys(phones.written_out(text))
    ]
    out += [
        f"the {label} uses {unknown}, which is not a placeholder the assistant knows: "
        f"use one of {placeholders} (spelt exactly so), or write the text without "
        "{ }."
        for unknown in dict.fromkeys(phones.unknown_placeholders(text))
    ]
    return out


def _per_faq_findings(faq: Faq, page: list[str], phones: ClinicPhones) -> list[Finding]:
    out = []

    def add(level: str, field: str, message: str) -> None:
        out.append(Finding(level, faq.file, faq.line_of(field), faq.id, message))

    if not re.fullmatch(r"[a-z][a-z0-9_]*", faq.id):
        add(
            "error",
            "id",
            "the id must be lower-case letters, digits and _ only, starting with a "
            "letter (e.g. clinic_parking); rename it.",
        )
    distinct = {_normalise(q) for q in faq.questions}
    if not distinct:
        add(
            "error",
            "questions",
            f"has no example questions; add at least {MIN_QUESTIONS} (15 or more is "
            "better), phrased the way patients type them.",
        )
    elif len(distinct) < MIN_QUESTIONS:
        # A warning, not an error: an FAQ made from the patients' own messages
        # (`faq digest`) may have only a few, and made-up ones would not be theirs.
        add(
            "warning",
            "questions",
            f"has {len(distinct)} different example questions; add at least "
            f"{MIN_QUESTIONS - len(distinct)} more (at least {MIN_QUESTIONS}, "
            "15 or more is better), phrased the way patients type them, so that "
            "the assistant recognises it (the next `make digest` may bring some).",
        )
    if not faq.source:
        add(
            "error",
            "source",
            "has no 'source': copy the sentence(s) of the clinic's content the answer "
            "rests on into 'source'.",
        )
    allowed = _fact_values(faq.source)
    texts = {
        "answer": faq.answer,
        **{f"'{c}' answer": t for c, t in faq.channels.items()},
    }
    for label, as_written in texts.items():
        field = "answer" if label == "answer" else "channels"
        for message in _phone_findings(label, as_written, phones):
            add("error", field, message)
        # as patients read it (a typed clinic number, reported above, as it will be)
        text = phones.fill(phones.as_placeholders(as_written))
        if not text:
            add(
                "error",
                field,
                f"the {label} is empty: write what the patient should read.",
            )
        elif len(text) > MAX_ANSWER_CHARS:
            add(
                "error",
                field,
                f"the {label} has {len(text)} characters; shorten it to at most "
                f"{MAX_ANSWER_CHARS} (WhatsApp refuses longer messages).",
            )
        for kind, written in _facts_not_in(text, allowed):
            values = _fact_values(written)
            hint = _where_the_page_says(
                lambda s, values=values: values <= _fact_values(s), page
            )
            add(
                "error",
                field,
                f"the {label} states {kind} ('{written}') that is not in its own "
                "'source'. The assistant must not invent facts: remove it, or add the "
                f"clinic's sentence that says it to 'source'.{hint}",
            )
        for kind, written in unsupported_claims(text, faq.source, phones.digits):
            hint = _where_the_page_says(
                lambda s, kind=kind, written=written: (
                    _supports(s, kind, written)
                    and (kind != "a name" or _plain(written) in _plain(s))
                ),
                page,
            ) or _where_the_page_says(
                lambda s, kind=kind, written=written: _supports(s, kind, written), page
            )
            add(
                "error",
                field,
                f"the {label} gives {kind} ('{written}') that is not in its own "
                "'source'. Every number, name and quotation in an answer must be in "
                "the clinic sentence(s) copied into that FAQ's 'source' (another FAQ's "
                "source does not count): add the clinic's sentence that says it to "
                f"'source', or remove it from the answer.{hint}",
            )
        for bracket in sorted(set(ANGLE_BRACKETS.findall(text))):
            add(
                "error",
                field,
                f"the {label} uses '{bracket}', which screen readers read as "
                f"'{'greater' if bracket == '>' else 'less'} than': write it in words, "
                f"e.g. '{'over' if bracket == '>' else 'under'} 90 %'.",
            )
    seen: set[str] = set()
    for q, line in zip(
        faq.questions,
        faq.question_lines or [faq.line] * len(faq.questions),
        strict=True,
    ):
        key = _normalise(q)
        if key in seen:
            out.append(
                Finding(
                    "warning",
                    faq.file,
                    line,
                    faq.id,
                    f"the question '{q}' is listed twice; delete one of them.",
                )
            )
        seen.add(key)
    return out


def near_duplicates(
    faqs: list[Faq], threshold: float = NEAR_DUPLICATE
) -> list[Finding]:
    """Questions of two different FAQs that are the same
    or nearly so (TF-IDF cosine)."""
    from sklearn.feature_extraction.text import TfidfVectorizer

    rows = [
        (faq, q, line)
        for faq in faqs
        for q, line in zip(
            faq.questions,
            faq.question_lines or [faq.line] * len(faq.questions),
            strict=True,
        )
    ]
    if len(rows) < 2:
        return []
    vectoriser = TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 4), lowercase=True)
    matrix = vectoriser.fit_transform(_normalise(q) for _, q, _ in rows)
    similarity = (matrix @ matrix.T).tocoo()
    out = []
    for i, j, score in zip(
        similarity.row, similarity.col, similarity.data, strict=True
    ):
        (faq_a, q_a, line_a), (faq_b, q_b, line_b) = rows[i], rows[j]
        if i < j and score >= threshold and faq_a.id != faq_b.id:
            out.append(
                Finding(
                    "error",
                    faq_b.file,
                    line_b,
                    faq_b.id,
                    f"the question '{q_b}' is (nearly) the same as '{q_a}' "
                    f"of FAQ '{faq_a.id}' ({_display(faq_a.file)} line "
                    f"{line_a}); the assistant cannot tell them apart. "
                    "Reword it, or delete it from one of the two FAQs.",
                )
            )
    return out


def check(
    folder: Path = FAQ_DIR,
    clinic_content: Path = CLINIC_CONTENT,
    holdout: Path | None = None,
) -> list[Finding]:
    """All findings for the FAQ folder, errors first.

    `holdout`: the FAQs' held-out test questions (tests/nlu_holdout.yml) to check
    too (bot.faqtool.holdout); None leaves them out.
    """
    findings: list[Finding] = []
    faqs: list[Faq] = []
    files = faq_files(folder)
    if not files:
        return [
            Finding(
                "error",
                str(folder),
                0,
                "",
                "no FAQ files (*.yml) found; the FAQs live in bot/faq/.",
            )
        ]
    for path in files:
        try:
            faqs.extend(load_file(path))
        except FaqFileError as exc:
            findings.append(Finding("error", exc.file, exc.line, exc.faq, exc.message))
    first_seen: dict[str, Faq] = {}
    for faq in faqs:
        if faq.id in first_seen:
            other = first_seen[faq.id]
            findings.append(
                Finding(
                    "error",
                    faq.file,
                    faq.line,
                    faq.id,
                    f"this id is already used in {_display(other.file)} line "
                    f"{other.line}; every FAQ needs its own id: rename one of them.",
                )
            )
        first_seen.setdefault(faq.id, faq)
    if clinic_content.is_dir():
        page = _sentences(_clinic_text(clinic_content))
    else:
        page = []
        findings.append(
            Finding(
                "warning",
                str(clinic_content),
                0,
                "",
                "the clinic content folder is missing, so the check cannot quote the "
                "page sentence to copy into an FAQ's 'source' when a fact is missing.",
            )
        )
    try:
        phones = clinic_phones()
    except PhonesError as exc:
        findings.append(Finding("error", "domain.yml", 0, "", str(exc)))
        phones = ClinicPhones("")
    for faq in faqs:
        findings.extend(_per_faq_findings(faq, page, phones))
    findings.extend(near_duplicates(faqs))
    if holdout is not None:
        # imported here: bot.faqtool.holdout uses this module's Finding
        from bot.faqtool.holdout import findings as holdout_findings

        findings.extend(holdout_findings(faqs, holdout))
    return sorted(findings, key=lambda f: (f.level != "error", f.file, f.line))
