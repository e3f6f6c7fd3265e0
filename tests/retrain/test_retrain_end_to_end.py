"""The staff workflow end to end, in a throwaway copy of the project
(bot.retrain.sandbox).

A member of staff adds "Do you have parking?" from a spreadsheet, runs the
retrain, and the running assistant answers it without a restart while the old
FAQs still work and a conversation begun before the swap goes on. Then two
damaging changes are refused with their reasons. Trains with the project's own
config.yml, under a minute each time on 2 cores.
"""

from __future__ import annotations

import csv
import os
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml

from bot.retrain.sandbox import PARKING, make_sandbox
from bot.server.launch import reply_text
from tests.assistant import MODEL, TOKEN, Assistant, http, start_assistant
from tests.conversations.test_conversations import turn_events

pytestmark = pytest.mark.slow

# the conversation tests the candidate must pass in the sandbox: the FAQ and safety ones
CONVERSATIONS = ["faq.yml", "red_flags.yml"]


def _retrain(
    project: Path, assistant: Assistant, *args: str
) -> subprocess.CompletedProcess:
    environment = {**os.environ, "RASA_URL": assistant.url, "RASA_API_TOKEN": TOKEN}
    environment.pop("CLINIC_MODEL", None)
    return subprocess.run(
        [sys.executable, "-m", "bot.retrain", *args],
        cwd=project,
        env=environment,
        capture_output=True,
        text=True,
        timeout=900,
        check=False,
    )


def _processes_serving(candidate: str) -> list[str]:
    """Command lines of running processes that name the candidate model."""
    found = []
    for cmdline in Path("/proc").glob("[0-9]*/cmdline"):
        try:
            command = cmdline.read_bytes().replace(b"\0", b" ").decode(errors="replace")
        except OSError:  # the process ended meanwhile
            continue
        if candidate in command:
            found.append(command)
    return found


def _label(assistant: Assistant, sender: str) -> str:
    from bot.evaluation import label_of

    return label_of(turn_events(assistant.tracker(sender))[0])[0]


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sandbox project."""
    return make_sandbox(tmp_path_factory.mktemp("sandbox"), conversations=CONVERSATIONS)


@pytest.fixture(scope="module")
def running(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Assistant]:
    """The assistant as patients use it, serving the project's trained model."""
    if not MODEL.exists():
        pytest.skip("no trained model: run `make train` first")
    assistant = start_assistant(tmp_path_factory.mktemp("running"), model=MODEL)
    yield assistant
    assistant.stop()


@pytest.fixture(scope="module")
def published(project: Path, running: Assistant) -> dict:
    """Staff add the parking FAQ from a spreadsheet
    and retrain while a patient is chatting."""
    before = "patient-chatting-during-the-swap"
    running.say(before, "hello")
    running.say(before, "what's the clinic's address")
    events_before = len(running.tracker(before)["events"])

    # the version before: the project's own model (it has no parking FAQ)
    (project / "models").mkdir(exist_ok=True)
    (project / "models" / "previous.tar.gz").write_bytes(MODEL.read_bytes())
    (project / "docs" / "clinic-content" / "parking.txt").write_text(PARKING.source)
    sheet = project / "parking.csv"
    with sheet.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["id", "question", "answer", "source"])
        for n, question in enumerate(PARKING.questions):
            writer.writerow(
                [
                    "clinic_parking",
                    question,
                    PARKING.answer if n == 0 else "",
                    PARKING.source if n == 0 else "",
                ]
            )
    imported = subprocess.run(
        [sys.executable, "-m", "bot.faqtool", "import", str(sheet)],
        cwd=project,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert imported.returncode == 0, imported.stdout + imported.stderr
    result = _retrain(project, running)
    return {"result": result, "before": before, "events_before": events_before}


def test_import_and_retrain_publish_with_progress(
    published: dict, project: Path
) -> None:
    result = published["result"]
    assert result.returncode == 0, result.stdout + result.stderr
    out = result.stdout
    for number in range(1, 6):
        assert f"[{number}/5] " in out
    assert out.count("done in") == 5
    assert "now serves" in out and "no restart" in out and "retrain: PUBLISHED" in out
    assert "no held-out questions yet for clinic_parking" in out
    assert (project / "models" / "current.tar.gz").exists()
    report = (project / "reports" / "latest.md").read_text()
    assert "Decision: **PUBLISH**" in report and "Per-FAQ precision" in report


def test_the_new_question_gets_the_new_answer_without_restart(
    published: dict, running: Assistant
) -> None:
    sender = "patient-asking-about-parking"
    text = reply_text(running.say(sender, "Do you have parking?"))
    assert "Cavendish Square" in text
    assert _label(running, sender) == "faq/clinic_parking"


@pytest.mark.parametrize(
    "question, label, words",
    [
        (
            "what's the address of the harley street spine clinic",
            "faq/clinic_location",
            "144 Harley Street",
        ),
        ("what is IDD therapy exactly?", "faq/idd_what_is", "IDD"),
        ("whats the phone number for the clinic", "faq/clinic_contact", "0845"),
    ],
)
def test_old_faqs_still_get_their_answers(
    published: dict, running: Assistant, question: str, label: str, words: str
) -> None:
    sender = f"patient-{label.split('/')[1]}"
    assert words in reply_text(running.say(sender, question))
    assert _label(running, sender) == label


def test_a_conversation_survives_the_swap(published: dict, running: Assistant) -> None:
    sender = published["before"]
    events = running.tracker(sender)["events"]
    assert len(events) == published["events_before"]
    assert [e["text"] for e in events if e["event"] == "user"] == [
        "hello",
        "what's the clinic's address",
    ]
    assert reply_text(running.say(sender, "thanks, bye"))
    assert len(running.tracker(sender)["events"]) > published["events_before"]


def test_the_http_api_needs_the_token(published: dict, running: Assistant) -> None:
    closed = [
        ("GET", "/status", None),
        ("GET", "/conversations/anyone/tracker", None),
        ("POST", "/model/parse", {"text": "hello"}),
        ("PUT", "/model", {"model_file": "/tmp/anything.tar.gz"}),
        ("DELETE", "/model", None),
        ("GET", "/domain", None),
    ]
    for method, path, body in closed:
        assert http(method, f"{running.url}{path}", body)[0] == 401, path
        assert http(method, f"{running.url}{path}?token=wrong", body)[0] == 401, path
    assert http("GET", f"{running.url}/")[0] == 200  # "Hello from Rasa", by design
    assert http("GET", f"{running.url}/status?token={TOKEN}")[0] == 200


def test_a_copied_faq_is_refused_by_the_check(
    published: dict, project: Path, running: Assistant
) -> None:
    faq_files = project / "bot" / "faq"
    clinic = yaml.safe_load((faq_files / "clinic.yml").read_text())["faqs"]
    location = next(f for f in clinic if f["id"] == "clinic_location")
    copy = {**location, "id": "clinic_where"}
    path = faq_files / "zz_copy.yml"
    path.write_text(yaml.safe_dump({"faqs": [copy]}, sort_keys=False))
    try:
        result = _retrain(project, running)
    finally:
        path.unlink()
    assert result.returncode == 1
    assert (
        "retrain: REFUSED" in result.stdout and "nothing was trained" in result.stdout
    )
    assert (
        "FAQ 'clinic_where'" in result.stdout
        and "(nearly) the same as" in result.stdout
    )
    assert "[2/5]" not in result.stdout


def test_a_damaging_faq_is_refused_by_the_gate_naming_the_faqs(
    published: dict, project: Path, running: Assistant
) -> None:
    """A new FAQ that takes other FAQs' questions passes the check, not the gate.

    Its questions are the ones patients ask about three existing FAQs (their held-out
    phrasings, minus any the check would catch as near-identical), so the model
    learns to answer those with the new FAQ: the named FAQs get worse.
    """
    from bot.evaluation import load_examples
    from bot.faqtool.check import near_duplicates
    from bot.faqtool.source import Faq, load_all

    faq_files = project / "bot" / "faq"
    copied = ["clinic_location", "clinic_contact", "treatments_offered"]
    holdout = load_examples(project / "tests" / "nlu_holdout.yml")
    taken = tuple(e.text for e in holdout if e.label in {f"faq/{i}" for i in copied})
    trial = Faq(
        "clinic_directions",
        "a",
        "s",
        taken,
        file="new.yml",
        line=1,
        question_lines=tuple(range(len(taken))),
    )
    # the trial FAQ's "lines" are its question numbers
    found = near_duplicates(load_all(faq_files) + [trial])
    caught = {taken[f.line] for f in found if f.faq == "clinic_directions"}
    damaging = {
        "id": "clinic_directions",
        "source": PARKING.source,
        "answer": (
            "Please call {clinic_phones} and the team will tell you how to find us."
        ),
        "questions": [q for q in taken if q not in caught],
    }
    assert len(damaging["questions"]) >= 10
    path = faq_files / "zz_directions.yml"
    path.write_text(yaml.safe_dump({"faqs": [damaging]}, sort_keys=False))
    live_before = (project / "models" / "current.json").read_text()
    try:
        result = _retrain(project, running)
    finally:
        path.unlink()
    out = result.stdout
    assert result.returncode == 1, out
    assert "retrain: REFUSED" in out and "right FAQ answers fell from" in out
    assert "got worse: " in out
    assert any(f"got worse: {faq_id}: F1" in out for faq_id in copied), out
    assert "conversation tests stopped: the held-out results already refuse it" in out
    candidate = re.search(r"train candidate model (\S+)", out).group(1)
    assert not _processes_serving(candidate), "the stopped tests left servers behind"
    assert (project / "models" / "current.json").read_text() == live_before
    assert "Decision: **REFUSED**" in (project / "reports" / "latest.md").read_text()
    sender = "patient-after-refusal"
    assert "144 Harley Street" in reply_text(
        running.say(sender, "what's the clinic's address")
    )


def test_rollback_puts_the_previous_model_back_in_the_running_assistant(
    published: dict, project: Path, running: Assistant
) -> None:
    """The previous model is the project's own, without the parking FAQ.

    (Rolling back again switches forward: tests/retrain/test_retrain_store.py.)
    """
    result = _retrain(project, running, "rollback")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "is live again and in the running assistant" in result.stdout
    text = reply_text(running.say("patient-after-rollback", "Do you have parking?"))
    assert "Cavendish Square" not in text
    assert "144 Harley Street" in reply_text(
        running.say("patient-after-rollback", "what's the clinic's address")
    )
    said = [
        e["text"]
        for e in running.tracker(published["before"])["events"]
        if e["event"] == "user"
    ]
    assert said[:2] == ["hello", "what's the clinic's address"]
