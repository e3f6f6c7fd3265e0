"""`make prod`: two Rasa replicas behind nginx, one database, and nothing lost
when a part fails. The load and fault test runs last: it kills processes."""

from __future__ import annotations

import subprocess
import sys
import uuid

import pytest

from bot.bench import prod_check
from bot.bench.prod_check import Production
from bot.retrain.live import LiveAssistant
from bot.server.launch import http, reply_text
from bot.settings import PROJECT_ROOT

SHARED_EVAL = PROJECT_ROOT.parent / "shared" / "eval"
REPORT = PROJECT_ROOT / "reports" / "prod-check.md"


def say(url: str, sender: str, text: str) -> str:
    status, body = http(
        "POST", f"{url}/webhooks/rest/webhook", {"sender": sender, "message": text}
    )
    assert status == 200, body
    return reply_text(body)


def test_the_public_samples_pass_through_nginx(running: Production) -> None:
    if not (SHARED_EVAL / "run_conversations.py").exists():
        pytest.skip(
            f"the clinic's public samples are not beside the project ({SHARED_EVAL})"
        )
    done = subprocess.run(
        [
            sys.executable,
            str(SHARED_EVAL / "run_conversations.py"),
            "--url",
            f"{running.url}/webhooks/rest/webhook",
            "--cases",
            str(SHARED_EVAL / "sample_cases.yml"),
            "--min-pass",
            "1.0",
        ],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert done.returncode == 0, done.stdout[-2000:]


def test_a_booking_form_goes_on_whichever_replica_answers(running: Production) -> None:
    first, second = running.profile.replica_urls
    sender = f"replicas-{uuid.uuid4().hex[:8]}"
    assert "name?" in say(first, sender, "i'd like to arrange a consultation please")
    assert "phone number" in say(second, sender, "Jo Bloggs")
    assert "email" in say(first, sender, "07700 900123")


def test_nginx_serves_the_chat_page_and_hides_rasas_api(running: Production) -> None:
    status, page = http("GET", f"{running.url}/")
    assert status == 200 and "<html" in page.lower()
    status, config = http("GET", f"{running.url}/config.js")
    assert status == 200 and running.profile.public_url in str(config)
    for path in ("/status", "/model", "/conversations/rest:x/tracker", "/version"):
        assert http("GET", f"{running.url}{path}")[0] == 404, path
    assert http("PUT", f"{running.url}/model", {"model_file": "x"})[0] in (403, 404)


def test_a_model_swap_reaches_every_replica(running: Production) -> None:
    live = LiveAssistant(
        tuple(running.profile.replica_urls), running.environment["RASA_API_TOKEN"]
    )
    assert live.running() == running.profile.replica_urls
    loaded = live.load_model(running.profile.model)
    assert loaded and live.model_id() == loaded


def test_32_patients_lose_nothing_while_parts_fail(running: Production) -> None:
    # the faults include waiting for the killed replica to serve again
    outcome = prod_check.load_and_faults(running)
    REPORT.parent.mkdir(exist_ok=True)
    REPORT.write_text(outcome.markdown() + "\n")
    print(outcome.markdown())
    assert outcome.passed, outcome.counts
    assert outcome.bookings == outcome.patients
