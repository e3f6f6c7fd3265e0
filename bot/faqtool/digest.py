"""`faq digest`: the patients' questions the assistant could not answer, for staff.

Reads the stored conversations (Rasa's `events` table: bot.server.conversations,
SQLite under var/ or CONVERSATIONS_DB_URL) and finds every patient message whose
reply was one of these:

- "I'm not sure" (`utter_not_sure`; `utter_default`, Rasa's fallback, says the same);
- out of scope (`utter_out_of_scope`);
- an FAQ answer that says the clinic's information does not give it
  (`DONT_KNOW_FAQS`: prices, opening hours, insurance, ...).

A reply is known by the bot messages after the patient's message (their
`metadata.utter_action`, e.g. `utter_faq/clinic_prices`) or by an action event
named after the response. Replies that are policy rather than missing content
(medical advice, symptoms, red flags, other languages, empty or long messages)
are not counted.

Writes to reports/ (files readable by their owner only):
- `digest-<date>.md`: counts, the not-sure and out-of-scope messages grouped by
  similarity (count and one example each), and the don't-know FAQ answers per FAQ;
- `digest-<date>.png`: the weekly share of such replies;
- `digest-<date>.csv`: the grouped not-sure and out-of-scope messages as FAQ
  questions in `faq import` format: id and answer left for staff, source
  pre-filled on each group's first row with the clinic's name and address line
  (`DIGEST_SOURCE`, enough for an answer that says the clinic's information does
  not cover it), an empty test_question column, and the columns group (the import
  makes each group one FAQ and skips the groups left without an id) and
  times_asked (ignored). The don't-know FAQ questions are not in it: they already
  have an FAQ, whose answer changes when the clinic's content gives the information.
  No question is made up: a group has only the messages patients sent, so an FAQ
  made of a small group gets `faq check`'s warning to add questions.

Phone numbers, email addresses and names are masked before anything is grouped
or written (`mask_personal_data`). Grouping is deterministic: character n-grams
(2-4, term frequency, no IDF) of each message's content words, and each message
joins the most similar group (cosine to the group's centroid at least
GROUP_SIMILARITY) or starts one, the most frequent messages first.
"""

from __future__ import annotations

import csv
import html
import json
import os
import re
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Engine

from bot import settings
from bot.bookings.display import for_csv, plain
from bot.bookings.redaction import REDACTED
from bot.bookings.validation import CLINIC_TIMEZONE
from bot.faqtool.spreadsheet import COLUMNS, DIGEST_SOURCE, GROUP, TEST_QUESTION
from bot.nlu.context import FAQ_ACTION_PREFIX
from bot.server.conversations import EVENTS
from bot.settings import PROJECT_ROOT

REPORTS_DIR = PROJECT_ROOT / "reports"
NOT_SURE = "not_sure"
OUT_OF_SCOPE = "out_of_scope"
DONT_KNOW = "dont_know"
REPLY_OF_RESPONSE = {
    "utter_not_sure": NOT_SURE,
    "utter_default": NOT_SURE,
    "utter_out_of_scope": OUT_OF_SCOPE,
}
# FAQs whose whole answer is "the clinic's information doesn't give that" (each
# begins "I'm sorry, "; tests/faqtool/test_faq_digest.py keeps this list in step
# with bot/faq). FAQs that answer part of a question and say what the page does
# not cover (clinic_team, clinic_gp_referral, ...) are answers, not counted.
DONT_KNOW_FAQS = (
    "clinic_email",
    "clinic_prices",
    "clinic_opening_hours",
    "clinic_insurance",
    "clinic_waiting_times",
    "clinic_visit_practicalities",
    "medical_terms_explained",
    "idd_sessions_results",
)
REPLY_LABELS = {
    NOT_SURE: '"I\'m not sure"',
    OUT_OF_SCOPE: "out of scope",
    DONT_KNOW: '"I don\'t have that information" (an FAQ answer)',
}
# The name a booking in the conversation was given: masked wherever it is typed.
BOOKING_NAME_SLOT = "booking_name"
GROUP_SIMILARITY = 0.4
EXAMPLES_PER_FAQ = 3
# The chart shows this many weeks (or the whole period, if longer); conversations
# are kept CONVERSATION_RETENTION_DAYS (30), so older weeks are usually empty.
CHART_WEEKS = 8
MAX_EXAMPLE_CHARS = 200
CSV_COLUMNS = (*COLUMNS, TEST_QUESTION, GROUP, "times_asked")

_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
# 7 digits or more, with the spaces, dots, brackets and dashes people type.
_LONG_NUMBER = re.compile(r"\+?\(?\d[\d\s().\-/]*\d")
_MIN_NUMBER_DIGITS = 7
_NAME_WORD = r"[^\W\d_]+(?:['\u2019-][^\W\d_]+)*"
_NAME_WORD_RE = re.compile(_NAME_WORD)
# "My name is sam o'neill" names whatever words follow (up to a little word such
# as "and"); "I'm Sam" only capitalised words, as "I'm looking for ..." is far
# more common than a name typed in lower case after "I'm".
_NAME_LEAD_IN = re.compile(
    r"\b(?:my\s+(?:full\s+)?name\s*(?:is|['\u2019]s|:)|name\s*:)\s*"
    r"|\b(?P<capital>i\s*['\u2019]?m|i\s+am|this\s+is|call\s+me)\s+",
    re.IGNORECASE,
)
_CAPITAL_START = re.compile(r"[A-Z\u00c0-\u00d6\u00d8-\u00de]")
MAX_NAME_WORDS = 3
_PLACEHOLDER = re.compile(r"\[(?:name|phone|email)\]")
_LITTLE_WORDS = frozenset(
    "and but or so i im i'm here from with in at on to for is was am please thanks "
    "thank hi hello hey".split()
)
# Words of chat that say nothing about the question (besides English stop words).
_CHAT_WORDS = frozenset(
    "hi hello hey please thanks thank info i'm im just ok okay".split()
)
_SINCE = re.compile(r"^(\d+)\s*([hdw])$")


@dataclass(frozen=True)
class Turn:
    """A patient's message and the kind of reply it got, as far as the digest cares."""

    sender_id: str
    timestamp: float
    text: str  # masked; "" when the stored message has no words (redacted, empty)
    reply: str | None  # NOT_SURE, OUT_OF_SCOPE, DONT_KNOW or None (answered)
    faq: str | None = None  # the don't-know FAQ's id


@dataclass
class Group:
    """Similar messages: distinct ones (most asked first) and their counts."""

    messages: list[tuple[str, int]] = field(default_factory=list)
    replies: Counter[str] = field(default_factory=Counter)

    @property
    def count(self) -> int:
        """How many times the group's messages were sent."""
        return sum(times for _, times in self.messages)

    @property
    def example(self) -> str:
        """The message sent most often (the first to start the group)."""
        return self.messages[0][0]


@dataclass(frozen=True)
class DigestFiles:
    """What `write_digest` wrote, and what it found."""

    markdown: Path
    chart: Path
    csv: Path
    messages: int
    unanswered: int
    groups: int


def parse_since(text: str, now: datetime) -> datetime:
    """The start of the period: "7d", "24h", "2w", or a date (midnight in London)."""
    said = text.strip().lower()
    found = _SINCE.match(said)
    if found:
        amount, unit = int(found.group(1)), found.group(2)
        hours = {"h": 1, "d": 24, "w": 24 * 7}[unit] * amount
        return now - timedelta(hours=hours)
    try:
        day = date.fromisoformat(said)
    except ValueError:
        raise ValueError(
            f"--since {text!r}: write a number of hours, days or weeks (24h, 7d, 2w) "
            "or a date (2026-11-01)."
        ) from None
    return datetime(day.year, day.month, day.day, tzinfo=CLINIC_TIMEZONE)


def mask_personal_data(text: str, names: Iterable[str] = ()) -> str:
    """The text with emails, long numbers and names as [email], [phone] and [name].

    `names` are names known from the conversation (its booking): masked wherever
    they appear, whole or word by word, in any case.
    """
    masked = _EMAIL.sub("[email]", text)
    masked = _LONG_NUMBER.sub(
        lambda m: (
            "[phone]"
            if sum(ch.isdigit() for ch in m.group()) >= _MIN_NUMBER_DIGITS
            else m.group()
        ),
        masked,
    )
    masked = _mask_introduced_names(masked)
    words = {
        word
        for name in names
        for word in [name, *re.findall(_NAME_WORD, name)]
        if len(word) >= 2 and not _PLACEHOLDER.fullmatch(f"[{word.lower()}]")
    }
    for word in sorted(words, key=len, reverse=True):
        masked = re.sub(
            rf"(?<![\w[]){re.escape(word)}(?![\w\]])",
            "[name]",
            masked,
            flags=re.IGNORECASE,
        )
    return masked


def _mask_introduced_names(text: str) -> str:
    """The text with the words after "my name is", "name:", "I'm", ... as [name]."""
    out, position = [], 0
    for lead_in in _NAME_LEAD_IN.finditer(text):
        if lead_in.start() < position:
            continue
        capital_only = bool(lead_in.group("capital"))
        words = []
        at = lead_in.end()
        while len(words) < MAX_NAME_WORDS and (word := _NAME_WORD_RE.match(text, at)):
            if (capital_only and not _CAPITAL_START.match(word.group())) or (
                words and word.group().lower() in _LITTLE_WORDS
            ):
                break
            words.append(word)
            gap = re.match(r"[ \t]+", text[word.end() :])
            if not gap:
                break
            at = word.end() + gap.end()
        if words:
            out += [text[position : lead_in.end()], "[name]"]
            position = words[-1].end()
    return "".join(out) + text[position:]


def booking_names(events: Iterable[dict[str, Any]]) -> list[str]:
    """The names a booking in this conversation was given (and not yet redacted)."""
    return [
        event["value"]
        for event in events
        if event.get("event") == "slot"
        and event.get("name") == BOOKING_NAME_SLOT
        and isinstance(event.get("value"), str)
        and event["value"].strip()
        and event["value"] != REDACTED
    ]


def reply_of(responses: Sequence[str]) -> tuple[str | None, str | None]:
    """The kind of reply these responses make and its FAQ, or (None, None)."""
    for response in responses:
        if response in REPLY_OF_RESPONSE:
            return REPLY_OF_RESPONSE[response], None
        faq = response.removeprefix(FAQ_ACTION_PREFIX)
        if response.startswith(FAQ_ACTION_PREFIX) and faq in DONT_KNOW_FAQS:
            return DONT_KNOW, faq
    return None, None


def turns(sender_id: str, events: Sequence[dict[str, Any]]) -> Iterator[Turn]:
    """Each patient message of one conversation, masked, with the kind of its reply."""
    names = booking_names(events)
    user: dict[str, Any] | None = None
    responses: list[str] = []

    def finish() -> Turn | None:
        if user is None:
            return None
        reply, faq = reply_of(responses)
        text = user.get("text") or ""
        text = "" if text == REDACTED else mask_personal_data(plain(text), names)
        return Turn(sender_id, float(user.get("timestamp") or 0), text, reply, faq)

    for event in events:
        kind = event.get("event")
        if kind == "user":
            turn = finish()
            if turn:
                yield turn
            user, responses = event, []
        elif kind == "bot":
            response = (event.get("metadata") or {}).get("utter_action")
            if response:
                responses.append(response)
        elif kind == "action" and str(event.get("name") or "").startswith("utter_"):
            responses.append(event["name"])
    turn = finish()
    if turn:
        yield turn


def read_turns(engine: Engine, since: float) -> list[Turn]:
    """The patient messages sent since `since` (epoch seconds), from the stored events.

    Whole conversations are read, so that a name given before the period is masked too.
    """
    active = (
        sa.select(EVENTS.c.sender_id)
        .where(EVENTS.c.type_name == "user", EVENTS.c.timestamp >= since)
        .distinct()
    )
    query = (
        sa.select(EVENTS.c.sender_id, EVENTS.c.data)
        .where(EVENTS.c.sender_id.in_(active))
        .order_by(EVENTS.c.sender_id, EVENTS.c.id)
    )
    conversations: dict[str, list[dict[str, Any]]] = {}
    with engine.connect() as connection:
        for sender_id, data in connection.execute(query):
            try:
                conversations.setdefault(sender_id, []).append(json.loads(data))
            except (TypeError, ValueError):
                continue  # an unreadable row says nothing about a reply
    return [
        turn
        for sender_id, events in conversations.items()
        for turn in turns(sender_id, events)
        if turn.timestamp >= since
    ]


def _normalised(text: str) -> str:
    return " ".join(text.split()).rstrip(" .!?").lower()


def _content_words(text: str) -> str:
    from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

    words = re.findall(r"[^\W_]+(?:'[^\W_]+)?", _PLACEHOLDER.sub(" ", text.lower()))
    kept = [w for w in words if w not in ENGLISH_STOP_WORDS | _CHAT_WORDS]
    return " ".join(kept or words)


def group_messages(
    turns_: Iterable[Turn], threshold: float = GROUP_SIMILARITY
) -> list[Group]:
    """Groups of similar messages, largest first; the same input, the same groups."""
    import numpy as np
    from sklearn.feature_extraction.text import TfidfVectorizer

    counts: Counter[str] = Counter()
    shown: dict[str, str] = {}
    replies: dict[str, Counter[str]] = {}
    for turn in turns_:
        if not turn.text.strip() or turn.reply is None:
            continue
        key = _normalised(turn.text)
        counts[key] += 1
        shown.setdefault(key, " ".join(turn.text.split()))
        replies.setdefault(key, Counter())[turn.reply] += 1
    if not counts:
        return []
    keys = sorted(counts, key=lambda k: (-counts[k], k))
    # No IDF: the word a theme's messages share ("parking") must weigh most, and
    # IDF would weigh it least precisely because most messages have it.
    vectoriser = TfidfVectorizer(
        analyzer="char_wb", ngram_range=(2, 4), sublinear_tf=True, use_idf=False
    )
    vectors = vectoriser.fit_transform(_content_words(k) for k in keys).toarray()
    groups: list[Group] = []
    sums: list[Any] = []
    for key, vector in zip(keys, vectors, strict=True):
        best, best_similarity = -1, 0.0
        for index, total in enumerate(sums):
            norm = float(np.linalg.norm(total))
            similarity = float(vector @ total) / norm if norm else 0.0
            if similarity > best_similarity:
                best, best_similarity = index, similarity
        if best < 0 or best_similarity < threshold:
            groups.append(Group())
            sums.append(np.zeros_like(vector))
            best = len(groups) - 1
        groups[best].messages.append((shown[key], counts[key]))
        groups[best].replies.update(replies[key])
        sums[best] = sums[best] + vector
    return sorted(groups, key=lambda g: (-g.count, _normalised(g.example)))


def weekly_shares(turns_: Iterable[Turn]) -> list[tuple[date, int, int]]:
    """Per week (its Monday, London time): patient messages and those not answered."""
    weeks: dict[date, list[int]] = {}
    for turn in turns_:
        day = datetime.fromtimestamp(turn.timestamp, CLINIC_TIMEZONE).date()
        monday = day - timedelta(days=day.weekday())
        counts = weeks.setdefault(monday, [0, 0])
        counts[0] += 1
        counts[1] += turn.reply is not None
    return [
        (monday, total, missed) for monday, (total, missed) in sorted(weeks.items())
    ]


def write_chart(shares: list[tuple[date, int, int]], path: Path) -> Path:
    """A bar chart of the weekly share of messages the assistant could not answer."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    labels = [f"w/c {monday:%d %b}" for monday, _, _ in shares]
    percent = [100 * missed / total if total else 0 for _, total, missed in shares]
    figure, axes = plt.subplots(figsize=(max(4, 1.2 * len(shares) + 2), 3.5))
    bars = axes.bar(labels, percent, color="#4c72b0")
    for bar, (_, total, missed) in zip(bars, shares, strict=True):
        axes.annotate(
            f"{missed} of {total}",
            (bar.get_x() + bar.get_width() / 2, bar.get_height()),
            ha="center",
            va="bottom",
            fontsize=8,
        )
    axes.set_ylabel("% of patient messages")
    axes.set_ylim(0, max([10.0, *percent]) * 1.2)
    axes.set_title("Share of patient messages not answered, per week", fontsize=10)
    figure.tight_layout()
    figure.savefig(path, dpi=100)
    plt.close(figure)
    return path


def _cell(text: str, limit: int = MAX_EXAMPLE_CHARS) -> str:
    """Patient text safe in a Markdown table: markup shown as text, one line, cut."""
    text = plain(text)
    if len(text) > limit:
        text = text[: limit - 1] + "…"
    text = html.escape(text, quote=False)
    return re.sub(r"([\\|`*_\[\]])", r"\\\1", text)


def _percent(part: int, whole: int) -> str:
    return f"{100 * part / whole:.1f} %" if whole else "-"


def _replies(counter: Counter[str]) -> str:
    names = {NOT_SURE: "not sure", OUT_OF_SCOPE: "out of scope"}
    return ", ".join(f"{names.get(k, k)} {counter[k]}" for k in sorted(counter))


def markdown(
    turns_: list[Turn],
    groups: list[Group],
    start: datetime,
    now: datetime,
    chart: Path,
    csv_path: Path,
) -> str:
    """The digest as Markdown."""
    total = len(turns_)
    by_reply = Counter(t.reply for t in turns_ if t.reply)
    missed = sum(by_reply.values())
    lines = [
        f"# Questions the assistant could not answer: {start:%d %b %Y} to "
        f"{now:%d %b %Y}",
        "",
        (
            f"Written by `make digest` on {now:%d %B %Y at %H:%M} (London time) "
            f"from the stored conversations: {total} patient message(s) in "
            f"{len({t.sender_id for t in turns_})} conversation(s) since "
            f"{start:%d %B %Y %H:%M}."
        ),
        "",
        (
            "Phone numbers (and other long numbers), email addresses and names are "
            "shown as [phone], [email] and [name]. The masking is simple and can miss "
            "a name typed without 'my name is' or 'I'm' before it: read it before you "
            "share it."
        ),
        "",
        "## In short",
        "",
        "| reply | messages | share of all messages |",
        "|---|---:|---:|",
    ]
    for reply in (NOT_SURE, OUT_OF_SCOPE, DONT_KNOW):
        lines.append(
            f"| {REPLY_LABELS[reply]} | {by_reply[reply]} | "
            f"{_percent(by_reply[reply], total)} |"
        )
    lines += [
        f"| **all of these** | **{missed}** | **{_percent(missed, total)}** |",
        "",
        f"![Weekly share of messages not answered]({chart.name})",
        "",
        (
            f"The chart shows, for each of the last {CHART_WEEKS} weeks (Monday to "
            "Sunday; the current week so far) that has stored conversations, the share "
            "of patient messages that got one of these replies, and how many of how "
            "many. Conversations are deleted "
            f"{settings.conversation_retention_days():g} days after their last "
            "message, so older weeks are not shown."
        ),
        "",
        f"## Not sure or out of scope, grouped ({len(groups)} group(s))",
        "",
    ]
    if groups:
        lines += [
            (
                "Similar messages are grouped; each group's messages are rows of "
                f"`{csv_path.name}` (column `group`), ready to become an FAQ's "
                "questions: see *What to do with the spreadsheet* below."
            ),
            "",
            "| group | times | distinct messages | replies | example |",
            "|---:|---:|---:|---|---|",
        ]
        lines += [
            f"| {n} | {g.count} | {len(g.messages)} | {_replies(g.replies)} | "
            f"{_cell(g.example)} |"
            for n, g in enumerate(groups, start=1)
        ]
    else:
        lines.append("None in this period.")
    dont_know = Counter(t.faq for t in turns_ if t.reply == DONT_KNOW)
    lines += ["", '## Answered "I don\'t have that information"', ""]
    if dont_know:
        lines += [
            (
                "These questions got the FAQ answer that says the clinic's "
                "information does not give it. They are not in the spreadsheet: they "
                "already have an FAQ. If the clinic can now give the information, add "
                "the clinic's sentence to that FAQ's `source` and change its answer "
                "(in bot/faq/)."
            ),
            "",
            "| FAQ | times | most asked |",
            "|---|---:|---|",
        ]
        for faq, times in sorted(dont_know.items(), key=lambda kv: (-kv[1], kv[0])):
            asked = Counter(
                " ".join(t.text.split())
                for t in turns_
                if t.faq == faq and t.text.strip()
            )
            examples = sorted(asked, key=lambda k: (-asked[k], k))[:EXAMPLES_PER_FAQ]
            lines.append(
                f"| `{faq}` | {times} | "
                f"{'; '.join(_cell(e, 100) for e in examples) or '-'} |"
            )
    else:
        lines.append("None in this period.")
    lines += [
        "",
        "## What to do with the spreadsheet",
        "",
        (
            f"`{csv_path.name}` is in the format of `make faq-import`: one row per "
            "message, the id and answer empty, the source filled in on each group's "
            "first row with the clinic's name and address line. To turn a group into "
            "an FAQ:"
        ),
        "",
        (
            "1. on one row of the group write the FAQ's **id** and **answer**; the "
            "other rows of the group join it, and groups left without an id are "
            "skipped by the import;"
        ),
        (
            "2. the pre-filled **source** supports only an answer that says the "
            "clinic's information does not cover the question and gives "
            "{clinic_phones}; if the answer says more, replace it with the clinic's "
            "own sentence(s) the answer rests on. Reword any message with [name] or "
            "[phone] in it; move a few messages to the **test_question** column to "
            "keep them as test questions; add questions as patients ask them (10 or "
            "more is best: `make faq-check` warns below that);"
        ),
        (
            "3. `make faq-import CSV=...`, `make faq-check`, then `make retrain` "
            "(docs/for-staff.md)."
        ),
        "",
    ]
    return "\n".join(lines)


def write_csv(groups: list[Group], path: Path) -> Path:
    """The grouped messages as FAQ questions, in `faq import` format."""
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(CSV_COLUMNS)
        for number, group in enumerate(groups, start=1):
            for n, (message, times) in enumerate(group.messages):
                row = {
                    "question": for_csv(message),
                    "source": DIGEST_SOURCE if n == 0 else "",
                    GROUP: number,
                    "times_asked": times,
                }
                writer.writerow([row.get(c, "") for c in CSV_COLUMNS])
    return path


def _private(path: Path) -> Path:
    os.chmod(path, 0o600)  # patients' words, masked or not
    return path


def write_digest(
    engine: Engine,
    start: datetime,
    now: datetime,
    out_dir: Path = REPORTS_DIR,
) -> DigestFiles:
    """Reads the conversations since `start` and writes the digest's three files."""
    today = now.astimezone(CLINIC_TIMEZONE).date()
    first_monday = today - timedelta(days=today.weekday() + 7 * (CHART_WEEKS - 1))
    chart_start = min(
        start,
        datetime(
            first_monday.year,
            first_monday.month,
            first_monday.day,
            tzinfo=CLINIC_TIMEZONE,
        ),
    )
    charted = [
        t
        for t in read_turns(engine, chart_start.timestamp())
        if t.timestamp <= now.timestamp()
    ]
    found = [t for t in charted if t.timestamp >= start.timestamp()]
    groups = group_messages(t for t in found if t.reply in (NOT_SURE, OUT_OF_SCOPE))
    shares = weekly_shares(charted)
    out_dir.mkdir(parents=True, exist_ok=True)
    stem = f"digest-{now:%Y-%m-%d}"
    chart = _private(write_chart(shares, out_dir / f"{stem}.png"))
    table = _private(write_csv(groups, out_dir / f"{stem}.csv"))
    report = out_dir / f"{stem}.md"
    report.write_text(
        markdown(found, groups, start, now, chart, table), encoding="utf-8"
    )
    return DigestFiles(
        markdown=_private(report),
        chart=chart,
        csv=table,
        messages=len(found),
        unanswered=sum(t.reply is not None for t in found),
        groups=len(groups),
    )
