"""`faq check`: the FAQ linter run before every training and in `make test`.

Each finding names the file, the FAQ and what to do, in words a non-programmer
can act on. Errors stop a training; warnings are shown but do not.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from bot.faqtool.source import FAQ_DIR, Faq, FaqFileError, faq_files, load_file
from bot.settings import PROJECT_ROOT

CLINIC_CONTENT = PROJECT_ROOT.parent / "shared" / "clinic-content"
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
    return " ".join(p.read_text(encoding="utf-8") for p in sorted(folder.glob("*.txt")))


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
    """(kind, value, as written) of every price, percentage, email and time in the text."""
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


def _per_faq_findings(faq: Faq, clinic_facts: set[tuple[str, str]]) -> list[Finding]:
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
    if len(distinct) < MIN_QUESTIONS:
        add(
            "error",
            "questions",
            f"has {len(distinct)} different example questions; add at least "
            f"{MIN_QUESTIONS - len(distinct)} more (at least {MIN_QUESTIONS}, 15 or more "
            "is better), phrased the way patients type them.",
        )
    if not faq.source:
        add(
            "error",
            "source",
            "has no 'source': copy the sentence(s) of the clinic's content the answer "
            "rests on into 'source'.",
        )
    allowed = clinic_facts | _fact_values(faq.source)
    texts = {
        "answer": faq.answer,
        **{f"'{c}' answer": t for c, t in faq.channels.items()},
    }
    for label, text in texts.items():
        field = "answer" if label == "answer" else "channels"
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
            add(
                "error",
                field,
                f"the {label} states {kind} ('{written}') that is not in its source "
                "sentence or the clinic content. The assistant must not invent facts: "
                "remove it, or add the clinic's sentence that says it to 'source'.",
            )
    seen: set[str] = set()
    for q, line in zip(
        faq.questions, faq.question_lines or [faq.line] * len(faq.questions)
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
    """Questions of two different FAQs that are the same or nearly so (TF-IDF cosine)."""
    from sklearn.feature_extraction.text import TfidfVectorizer

    rows = [
        (faq, q, line)
        for faq in faqs
        for q, line in zip(
            faq.questions, faq.question_lines or [faq.line] * len(faq.questions)
        )
    ]
    if len(rows) < 2:
        return []
    vectoriser = TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 4), lowercase=True)
    matrix = vectoriser.fit_transform(_normalise(q) for _, q, _ in rows)
    similarity = (matrix @ matrix.T).tocoo()
    out = []
    for i, j, score in zip(similarity.row, similarity.col, similarity.data):
        (faq_a, q_a, line_a), (faq_b, q_b, line_b) = rows[i], rows[j]
        if i < j and score >= threshold and faq_a.id != faq_b.id:
            out.append(
                Finding(
                    "error",
                    faq_b.file,
                    line_b,
                    faq_b.id,
                    f"the question '{q_b}' is (nearly) the same as '{q_a}' of FAQ "
                    f"'{faq_a.id}' ({_display(faq_a.file)} line {line_a}); the assistant "
                    "cannot tell them apart. Reword it, or delete it from one of the two FAQs.",
                )
            )
    return out


def check(
    folder: Path = FAQ_DIR, clinic_content: Path = CLINIC_CONTENT
) -> list[Finding]:
    """All findings for the FAQ folder, errors first."""
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
        clinic_facts = _fact_values(_clinic_text(clinic_content))
    else:
        clinic_facts = set()
        findings.append(
            Finding(
                "warning",
                str(clinic_content),
                0,
                "",
                "the clinic content folder is missing, so prices, hours, emails and "
                "percentages are checked against each FAQ's 'source' only.",
            )
        )
    for faq in faqs:
        findings.extend(_per_faq_findings(faq, clinic_facts))
    findings.extend(near_duplicates(faqs))
    return sorted(findings, key=lambda f: (f.level != "error", f.file, f.line))
