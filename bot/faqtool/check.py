"""`faq check`: the FAQ linter run before every training and in `make test`.

Each finding names the file, the FAQ and what to do, in words a non-programmer
can act on. Errors stop a training; warnings are shown but do not.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from bot.faqtool.source import FAQ_DIR, Faq, FaqFileError, load_file
from bot.settings import PROJECT_ROOT

CLINIC_CONTENT = PROJECT_ROOT.parent / "shared" / "clinic-content"
MIN_QUESTIONS = 10
MAX_ANSWER_CHARS = 1600  # WhatsApp refuses longer messages
NEAR_DUPLICATE = 0.9

# Facts the assistant must never invent: each must appear in the FAQ's source
# sentence or in the clinic content before an answer may state it.
FACT_PATTERNS = {
    "a price": re.compile(r"£\s?\d[\d,.]*|\b\d+(?:\.\d\d)?\s?(?:pounds|gbp)\b", re.I),
    "a percentage": re.compile(r"\d+(?:\.\d+)?\s?%|\b\d+\s?per ?cent\b", re.I),
    "an email address": re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+"),
    "opening hours": re.compile(
        r"\b\d{1,2}(?::\d\d)?\s?(?:am|pm)\b|\b\d{1,2}[:.]\d\d\s?(?:-|to|–)\s?\d{1,2}[:.]\d\d\b",
        re.I,
    ),
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
        where = f"{Path(self.file).name}:{self.line}"
        faq = f" FAQ '{self.faq}'" if self.faq else ""
        return f"{self.level.upper()} {where}{faq}: {self.message}"


def _normalise(text: str) -> str:
    return " ".join(re.sub(r"[^\w£%@.]+", " ", text.lower()).split())


def _clinic_text(folder: Path = CLINIC_CONTENT) -> str:
    if not folder.is_dir():
        return ""
    return " ".join(p.read_text(encoding="utf-8") for p in sorted(folder.glob("*.txt")))


def _facts_not_in(answer: str, allowed_text: str) -> list[tuple[str, str]]:
    allowed = _normalise(allowed_text)
    missing = []
    for kind, pattern in FACT_PATTERNS.items():
        for match in pattern.finditer(answer):
            if _normalise(match.group()) not in allowed:
                missing.append((kind, match.group()))
    return missing


def _per_faq_findings(faq: Faq, clinic_text: str) -> list[Finding]:
    out = []

    def add(level: str, message: str) -> None:
        out.append(Finding(level, faq.file, faq.line, faq.id, message))

    if not re.fullmatch(r"[a-z][a-z0-9_]*", faq.id):
        add("error", "the id must be lower case letters, digits and _ (e.g. idd_parking).")
    if len(faq.questions) < MIN_QUESTIONS:
        add(
            "error",
            f"has {len(faq.questions)} example questions; write at least "
            f"{MIN_QUESTIONS}, phrased the way patients type them.",
        )
    if not faq.source:
        add("error", "has no 'source': copy the clinic sentence the answer rests on.")
    texts = {"answer": faq.answer, **{f"'{c}' answer": t for c, t in faq.channels.items()}}
    for label, text in texts.items():
        if not text:
            add("error", f"the {label} is empty: write what the patient should read.")
        elif len(text) > MAX_ANSWER_CHARS:
            add(
                "error",
                f"the {label} has {len(text)} characters; keep it under "
                f"{MAX_ANSWER_CHARS} (WhatsApp refuses longer messages).",
            )
        for kind, value in _facts_not_in(text, faq.source + " " + clinic_text):
            add(
                "error",
                f"the {label} states {kind} ('{value}') that is not in its source "
                "sentence or the clinic content. The assistant must not invent facts: "
                "remove it, or add the clinic's sentence that says it to 'source'.",
            )
    seen = set()
    for q in faq.questions:
        key = _normalise(q)
        if key in seen:
            add("warning", f"the question '{q}' is listed twice; remove one.")
        seen.add(key)
    return out


def _near_duplicates(faqs: list[Faq], threshold: float) -> list[Finding]:
    """Questions of two different FAQs that are the same or nearly so (TF-IDF cosine)."""
    from sklearn.feature_extraction.text import TfidfVectorizer

    rows = [(faq, q) for faq in faqs for q in faq.questions]
    if len(rows) < 2:
        return []
    vectoriser = TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 4), lowercase=True)
    matrix = vectoriser.fit_transform(_normalise(q) for _, q in rows)
    similarity = (matrix @ matrix.T).tocoo()
    out = []
    for i, j, score in zip(similarity.row, similarity.col, similarity.data):
        (faq_a, q_a), (faq_b, q_b) = rows[i], rows[j]
        if i < j and score >= threshold and faq_a.id != faq_b.id:
            out.append(
                Finding(
                    "error",
                    faq_a.file,
                    faq_a.line,
                    faq_a.id,
                    f"the question '{q_a}' is (nearly) the same as '{q_b}' of FAQ "
                    f"'{faq_b.id}' ({Path(faq_b.file).name}); the assistant cannot "
                    "tell them apart. Reword or remove one of them.",
                )
            )
    return out


def check(folder: Path = FAQ_DIR, clinic_content: Path = CLINIC_CONTENT) -> list[Finding]:
    """All findings for the FAQ folder, errors first."""
    findings: list[Finding] = []
    faqs: list[Faq] = []
    files = sorted(folder.glob("*.yml")) + sorted(folder.glob("*.yaml"))
    if not files:
        return [Finding("error", str(folder), 0, "", "no FAQ files (*.yml) found.")]
    for path in files:
        try:
            faqs.extend(load_file(path))
        except FaqFileError as exc:
            findings.append(Finding("error", exc.file, exc.line, "", exc.message))
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
                    f"this id is already used in {Path(other.file).name} line "
                    f"{other.line}; give one of them a new id.",
                )
            )
        first_seen.setdefault(faq.id, faq)
    clinic_text = _clinic_text(clinic_content)
    for faq in faqs:
        findings.extend(_per_faq_findings(faq, clinic_text))
    findings.extend(_near_duplicates(faqs, NEAR_DUPLICATE))
    return sorted(findings, key=lambda f: (f.level != "error", f.file, f.line))
