"""`faq digest`: the questions not answered, read from a real conversation store.

The store is a real SQLite database filled through the assistant's own tracker
store (ClinicTrackerStore) with trackers of real Rasa events over several days;
the digest runs as staff run it (`python -m bot.faqtool digest`), and its
spreadsheet goes through `python -m bot.faqtool import` into a copy of bot/faq.
"""

from __future__ import annotations

import asyncio
import csv
import os
import random
import subprocess
import sys
import time
from pathlib import Path

import pytest
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import (
    ActionExecuted,
    BotUttered,
    Event,
    SlotSet,
    UserUttered,
)
from rasa.shared.core.trackers import DialogueStateTracker

from bot.faqtool.digest import (
    DONT_KNOW,
    DONT_KNOW_FAQS,
    NOT_SURE,
    OUT_OF_SCOPE,
    Turn,
    group_messages,
    mask_personal_data,
    parse_since,
    reply_of,
)
from bot.faqtool.holdout import HOLDOUT, read_examples
from bot.faqtool.source import load_all, load_file
from bot.faqtool.spreadsheet import DIGEST_SOURCE
from bot.server import tracker_store
from bot.server.tracker_store import ClinicTrackerStore

ROOT = Path(__file__).resolve().parents[2]
DAY = 86400.0
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"

# Twelve ways of asking about parking, which the clinic's content does not cover.
PARKING = [
    "is there parking near the clinic",
    "is there parking",
    "parking?",
    "any parking nearby",
    "do you have disabled parking",
    "car parking near harley street",
    "parking options please",
    "is parking available for patients",
    "hi I'm Priya Shah, is there parking for patients? 07700 900456",
    "my name is sam o'neill, any parking at the clinic",
    "parking info please, email me at jo.bloggs@example.com",
    "adeyemi again, is there parking on site",
]
HOME_VISITS = ["do you do home visits", "home visit possible?"]
PERSONAL = [
    "Priya",
    "Shah",
    "07700",
    "900456",
    "o'neill",
    "jo.bloggs",
    "example.com",
    "adeyemi",
    "Olusegun",
]


def _user(text: str, when: float, intent: str = "nlu_fallback") -> UserUttered:
    return UserUttered(text, intent={"name": intent, "confidence": 0.5}, timestamp=when)


def _reply(response: str, when: float, with_metadata: bool = True) -> list[Event]:
    """The events Rasa stores for a response: the action, then the bot message."""
    action = response.split("/")[0]
    metadata = {"utter_action": response} if with_metadata else {}
    return [
        ActionExecuted(action, timestamp=when + 0.1),
        BotUttered("(the reply)", metadata=metadata, timestamp=when + 0.2),
        ActionExecuted("action_listen", timestamp=when + 0.3),
    ]


def _turn(text: str, response: str, when: float, **options) -> list[Event]:
    return [_user(text, when), *_reply(response, when, **options)]


@pytest.fixture
def store(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> ClinicTrackerStore:
    """The assistant's tracker store on an empty SQLite database in tmp_path."""
    monkeypatch.setenv("CONVERSATIONS_DB_URL", f"sqlite:///{tmp_path / 'conv.db'}")
    monkeypatch.setenv("BOOKING_DB_URL", f"sqlite:///{tmp_path / 'bookings.db'}")
    monkeypatch.setattr(tracker_store, "_last_forget_check", {"at": time.time()})
    monkeypatch.setattr(tracker_store, "_recently_forgotten", {})
    tracker_store.booking_store.cache_clear()
    yield ClinicTrackerStore(Domain.empty())
    tracker_store.booking_store.cache_clear()


@pytest.fixture
def conversations(store: ClinicTrackerStore) -> str:
    """Conversations of the last ten days, saved as the running assistant saves them."""
    now = time.time()
    chats: dict[str, list[Event]] = {}
    for n, question in enumerate(PARKING[:-1]):
        when = now - (1 + n % 5) * DAY - n * 60
        chats[f"rest:parking-{n}"] = _turn(question, "utter_not_sure", when)
    # a booking in progress gave a name; the patient then types part of it
    when = now - 2 * DAY
    chats["rest:booking"] = [
        _user("book me in please", when - 120, "book_appointment"),
        *_reply("utter_ask_booking_name", when - 120),
        SlotSet("booking_name", "Olusegun Adeyemi", timestamp=when - 60),
        *_turn(PARKING[-1], "utter_not_sure", when),
    ]
    for n, question in enumerate(HOME_VISITS):
        chats[f"rest:home-{n}"] = _turn(question, "utter_out_of_scope", now - 3 * DAY)
    # known only by the action event (the bot message lost its metadata)
    chats["rest:voucher"] = _turn(
        "do you sell gift vouchers", "utter_not_sure", now - DAY, with_metadata=False
    )
    chats["rest:prices"] = [
        *_turn("how much is a consultation", "utter_faq/clinic_prices", now - 4 * DAY),
        *_turn("what is idd therapy", "utter_faq/idd_what_is", now - 4 * DAY + 600),
        *_turn("do I need an operation", "utter_medical_boundary", now - 4 * DAY + 900),
    ]
    chats["telegram:prices"] = _turn(
        "how much does IDD cost", "utter_faq/clinic_prices", now - 5 * DAY
    )
    chats["rest:old"] = _turn(
        "do you have a cafe for patients", "utter_not_sure", now - 10 * DAY
    )
    for sender, events in chats.items():
        tracker = DialogueStateTracker.from_events(sender, events)
        asyncio.run(store.save(tracker))
    return os.environ["CONVERSATIONS_DB_URL"]


def _run(*args: str, env_url: str | None = None) -> subprocess.CompletedProcess:
    env = dict(os.environ)
    if env_url:
        env["CONVERSATIONS_DB_URL"] = env_url
    return subprocess.run(
        [sys.executable, "-m", "bot.faqtool", *args],
        check=False,
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def _digest(url: str, out: Path, since: str) -> tuple[str, list[dict], Path]:
    done = _run("digest", "--since", since, "--out", str(out), env_url=url)
    assert done.returncode == 0, done.stdout + done.stderr
    (md,) = out.glob("digest-*.md")
    (sheet,) = out.glob("digest-*.csv")
    with sheet.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    return md.read_text(encoding="utf-8"), rows, sheet


def _groups(rows: list[dict]) -> dict[str, list[str]]:
    groups: dict[str, list[str]] = {}
    for row in rows:
        groups.setdefault(row["group"], []).append(row["question"])
    return groups


def test_digest_groups_counts_and_masks(conversations: str, tmp_path: Path) -> None:
    md, rows, sheet = _digest(conversations, tmp_path / "reports", "7d")

    groups = _groups(rows)
    assert len(groups["1"]) == len(PARKING)  # every parking question, one group
    assert all("park" in q for q in groups["1"])
    assert sorted(map(sorted, groups.values())) == sorted(
        [
            sorted(groups["1"]),
            sorted(HOME_VISITS),
            ["do you sell gift vouchers"],
        ]
    )
    assert all(
        not row["id"] and not row["answer"] and not row["test_question"] for row in rows
    )
    # the source is filled in on each group's first row, to import as it is
    firsts = {row["group"]: row for row in reversed(rows)}
    for row in rows:
        first = row is firsts[row["group"]]
        assert row["source"] == (DIGEST_SOURCE if first else ""), row
    assert "| 1 | 12 | 12 | not sure 12 | " in md
    assert "| 2 | 2 | 2 | out of scope 2 | do you do home visits |" in md
    assert "| `clinic_prices` | 2 | how much does IDD cost; how much is a " in md
    # not answered: 12 + 2 + 1 not sure or out of scope, 2 prices; of 20 messages
    assert "| **all of these** | **17** | **85.0 %** |" in md
    assert "how much" not in sheet.read_text(encoding="utf-8-sig")
    for text in (md, sheet.read_text(encoding="utf-8-sig")):
        assert "what is idd therapy" not in text and "operation" not in text
        for personal in PERSONAL:
            assert personal.lower() not in text.lower(), personal
    assert "hi I'm [name], is there parking for patients? [phone]" in groups["1"]
    assert "my name is [name], any parking at the clinic" in groups["1"]
    assert "parking info please, email me at [email]" in groups["1"]
    assert "[name] again, is there parking on site" in groups["1"]
    (chart,) = (tmp_path / "reports").glob("digest-*.png")
    assert chart.read_bytes().startswith(PNG_SIGNATURE)
    assert f"]({chart.name})" in md
    assert {p.stat().st_mode & 0o777 for p in chart.parent.iterdir()} == {0o600}


def test_since_leaves_older_messages_out(conversations: str, tmp_path: Path) -> None:
    md, rows, _ = _digest(conversations, tmp_path / "week", "7d")
    assert "cafe" not in md and all("cafe" not in r["question"] for r in rows)

    md, rows, _ = _digest(conversations, tmp_path / "fortnight", "14d")
    assert "do you have a cafe for patients" in [r["question"] for r in rows]
    assert "| **all of these** | **18** |" in md

    md, rows, _ = _digest(conversations, tmp_path / "day", "36h")
    yesterday = [
        PARKING[0],
        PARKING[5],
        "parking info please, email me at [email]",
        "do you sell gift vouchers",
    ]
    assert sorted(r["question"] for r in rows) == sorted(yesterday)
    assert "cafe" not in md and "home visit" not in md


def _copy_of_the_faqs(tmp_path: Path) -> tuple[Path, Path]:
    """Copies of bot/faq and tests/nlu_holdout.yml to import into."""
    faq_dir = tmp_path / "faq"
    faq_dir.mkdir()
    for path in (ROOT / "bot" / "faq").glob("*.yml"):
        (faq_dir / path.name).write_bytes(path.read_bytes())
    holdout = tmp_path / "nlu_holdout.yml"
    holdout.write_bytes(HOLDOUT.read_bytes())
    return faq_dir, holdout


def _write_rows(path: Path, rows: list[dict]) -> Path:
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    return path


def test_the_spreadsheet_imports_with_only_id_and_answer_filled_in(
    conversations: str, tmp_path: Path
) -> None:
    _, rows, sheet = _digest(conversations, tmp_path / "reports", "7d")
    faq_dir, holdout = _copy_of_the_faqs(tmp_path)
    real_before = {p.name: p.read_bytes() for p in (ROOT / "bot" / "faq").glob("*")}
    real_held_out = HOLDOUT.read_bytes()

    # staff answer the parking group (12 messages) and the home-visit group (2), on
    # any row of the group, keep one message as a test question, and leave the
    # voucher group as it is
    parking = [row for row in rows if row["group"] == "1"]
    parking[3] |= {
        "id": "clinic_parking",
        "answer": "The clinic's information doesn't say anything about parking. "
        "Please call {clinic_phones} and the team can help.",
    }
    parking[5] |= {"test_question": parking[5]["question"], "question": ""}
    home = [row for row in rows if row["question"] == HOME_VISITS[0]][0]
    home |= {
        "id": "clinic_home_visits",
        "answer": "The clinic's information doesn't say whether home visits are "
        "possible. Please call {clinic_phones} to ask.",
    }
    filled = _write_rows(tmp_path / "filled.csv", rows)

    done = _run(
        "--faq-dir", str(faq_dir), "--holdout", str(holdout), "import", str(filled)
    )

    assert done.returncode == 0, done.stdout + done.stderr
    parking_faq, home_faq = load_file(faq_dir / "imported.yml")
    assert parking_faq.id == "clinic_parking" and parking_faq.source == DIGEST_SOURCE
    assert sorted(parking_faq.questions) == sorted(
        row["question"] for row in parking if row["question"]
    )
    assert (home_faq.id, sorted(home_faq.questions)) == (
        "clinic_home_visits",
        sorted(HOME_VISITS),
    )
    assert "gift vouchers" not in (faq_dir / "imported.yml").read_text("utf-8")
    out = done.stdout
    # skipped, warned about, not refused
    assert "NOTE filled.csv: 1 row(s) without an id skipped (group(s) 3)" in out
    assert "FAQ 'clinic_home_visits': has 2 different example questions" in out
    assert "FAQ 'clinic_parking': its source is the one `make digest` fills in" in out
    assert "FAQ 'clinic_parking': has only 1 test question(s)" in out
    assert "FAQ 'clinic_home_visits': has no test questions" in out
    held_out = read_examples(holdout.read_text("utf-8"))
    assert [e.text for e in held_out if e.label == "faq/clinic_parking"] == [
        parking[5]["test_question"]
    ]
    # the project's own files are left as they were
    assert real_before == {
        p.name: p.read_bytes() for p in (ROOT / "bot" / "faq").glob("*")
    }
    assert HOLDOUT.read_bytes() == real_held_out
    assert sheet.exists()


def test_a_digest_spreadsheet_left_blank_imports_nothing(
    conversations: str, tmp_path: Path
) -> None:
    _, rows, sheet = _digest(conversations, tmp_path / "reports", "7d")
    faq_dir, holdout = _copy_of_the_faqs(tmp_path)
    done = _run(
        "--faq-dir", str(faq_dir), "--holdout", str(holdout), "import", str(sheet)
    )
    assert done.returncode == 1
    assert f"{len(rows)} row(s) without an id skipped (group(s) 1, 2, 3)" in (
        done.stdout
    )
    assert "no FAQ rows found" in done.stdout
    assert not (faq_dir / "imported.yml").exists()


def test_the_digest_source_is_the_clinics_own_line() -> None:
    page = " ".join(
        (ROOT / "docs" / "clinic-content" / "failed-back-surgery-and-injections.txt")
        .read_text(encoding="utf-8")
        .split()
    )
    assert DIGEST_SOURCE in page


def test_digest_of_an_empty_store(store: ClinicTrackerStore, tmp_path: Path) -> None:
    md, rows, _ = _digest(os.environ["CONVERSATIONS_DB_URL"], tmp_path, "7d")
    assert rows == []
    assert "None in this period." in md


@pytest.mark.parametrize(
    ("said", "names", "masked"),
    [
        (
            "my name is sam o'neill and i need parking",
            (),
            "my name is [name] and i need parking",
        ),
        (
            "Hi, I'm Priya Shah, call me on 07700 900 456",
            (),
            "Hi, I'm [name], call me on [phone]",
        ),
        ("name: Bob", (), "name: [name]"),
        ("this is Dr Ahmed Khan here", (), "this is [name] here"),
        ("i'm looking for parking", (), "i'm looking for parking"),
        ("mob +44 (0)20 7946 0000 thanks", (), "mob [phone] thanks"),
        (
            "I had surgery in 2021 and 3 injections",
            (),
            "I had surgery in 2021 and 3 injections",
        ),
        ("write to jo.bloggs+clinic@example.co.uk", (), "write to [email]"),
        ("olusegun here again", ("Olusegun Adeyemi",), "[name] here again"),
        ("is Adeyemi Ltd near you", ("Olusegun Adeyemi",), "is [name] Ltd near you"),
    ],
)
def test_mask_personal_data(said: str, names: tuple[str, ...], masked: str) -> None:
    assert mask_personal_data(said, names) == masked


@pytest.mark.parametrize(
    ("responses", "reply"),
    [
        (["utter_not_sure"], (NOT_SURE, None)),
        (["utter_default"], (NOT_SURE, None)),
        (["utter_out_of_scope"], (OUT_OF_SCOPE, None)),
        (["utter_faq", "utter_faq/clinic_prices"], (DONT_KNOW, "clinic_prices")),
        (["utter_faq/idd_what_is"], (None, None)),
        (["utter_medical_boundary"], (None, None)),
        (["utter_red_flag", "utter_non_english"], (None, None)),
    ],
)
def test_reply_of(responses: list[str], reply: tuple) -> None:
    assert reply_of(responses) == reply


def test_dont_know_faqs_are_the_faqs_that_say_sorry_we_do_not_know() -> None:
    saying_so = {f.id for f in load_all() if f.answer.startswith("I'm sorry, ")}
    assert set(DONT_KNOW_FAQS) == saying_so


def test_grouping_does_not_depend_on_the_order() -> None:
    turns = [Turn("s", 0.0, text, NOT_SURE) for text in PARKING + HOME_VISITS] * 2
    shuffled = turns[:]
    random.Random(7).shuffle(shuffled)
    assert group_messages(turns) == group_messages(shuffled)


def test_since_accepts_hours_days_weeks_and_a_date() -> None:
    from datetime import datetime, timedelta, timezone

    now = datetime(2026, 11, 27, 12, tzinfo=timezone.utc)
    assert parse_since("7d", now) == now - timedelta(days=7)
    assert parse_since("36h", now) == now - timedelta(hours=36)
    assert parse_since("2w", now) == now - timedelta(weeks=2)
    assert parse_since("2026-11-01", now).isoformat() == "2026-11-01T00:00:00+00:00"
    with pytest.raises(ValueError, match="24h, 7d, 2w"):
        parse_since("last week", now)
