"""Patients' own words in the bench (bot/bench/realistic.py) and its report section.

The clinic's runner runs for real, as a subprocess, against a small HTTP server on
127.0.0.1 that answers the REST webhook with fixed replies.
"""

from __future__ import annotations

import importlib.util
import io
import json
import pickle
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
import yaml

from bot.bench import realistic
from bot.bench.plan import QUICK
from bot.bench.realistic import (
    FLOW,
    RUNNER,
    SUITES,
    Replies,
    SuiteResult,
    check,
    from_runner_json,
    run_suite,
    tfidf_suite,
)
from bot.bench.report import Results, render, targets
from bot.evaluation import Example
from bot.faqtool.phones import clinic_phones
from bot.faqtool.source import load_all
from bot.server import launch

needs_runner = pytest.mark.skipif(not RUNNER.exists(), reason=f"no {RUNNER}")


# --- a REST webhook with fixed replies ------------------------------------------------
BOOKING_DONE = (
    "Thank you. Your request has been sent to the clinic, reference HSC-TEST1."
)
FIXED = {
    "what is idd therapy?": [{"text": "IDD Therapy uses targeted distraction."}],
    "i can't control my bladder": [{"text": "Please call 999 or go to A&E now."}],
    "where is the clinic?": [
        {"text": "Sorry, I'm not sure.", "buttons": [{"title": "Call us"}]}
    ],
    "book me in": [{"text": "What's your full name?"}],
}


class _Webhook(BaseHTTPRequestHandler):
    """POST /webhooks/rest/webhook: the message's fixed reply, else BOOKING_DONE."""

    received: list[tuple[str, str]]  # set per server by the fixture

    def do_POST(self) -> None:
        body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        self.received.append((body["sender"], body["message"]))
        replies = FIXED.get(body["message"].lower(), [{"text": BOOKING_DONE}])
        raw = json.dumps(replies).encode()
        self.send_response(200 if self.path == "/webhooks/rest/webhook" else 404)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(raw)))
        self.end_headers()
        self.wfile.write(raw)

    def log_message(self, *args: Any) -> None:
        """Quiet."""


@pytest.fixture
def webhook() -> Iterator[tuple[str, list[tuple[str, str]]]]:
    """(REST URL, messages received as (sender, text)) of a fixed-reply server."""
    received: list[tuple[str, str]] = []
    handler = type("Webhook", (_Webhook,), {"received": received})
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}/webhooks/rest/webhook", received
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


def _write_cases(path: Path, spec: dict[str, Any]) -> Path:
    path.write_text(yaml.safe_dump(spec, sort_keys=False), encoding="utf-8")
    return path


RUNNER_CASES = {
    "cases": [
        {
            "id": "c-idd",
            "cat": "faq",
            "say": "what is IDD therapy?",
            "any": ["distract"],
        },
        {
            "id": "c-rf",
            "cat": "redflag",
            "say": "I can't control my bladder",
            "any": ["999"],
        },
        {
            "id": "c-where",
            "cat": "info",
            "say": "where is the clinic?",
            "all": ["Harley"],
        },
        {
            "id": "c-ctx",
            "cat": "context",
            "before": ["what is IDD therapy?"],
            "say": "ok and what next",
            "all": ["HSC-"],
        },
    ],
    "flows": {
        "list": [
            {
                "id": "c-flow",
                "start": "book me in",
                "profile": {"name": "Sam Example"},
                "done_any": ["reference"],
            }
        ]
    },
}


@needs_runner
def test_run_suite_reads_the_real_runners_json(
    webhook: tuple[str, list[tuple[str, str]]], tmp_path: Path
) -> None:
    url, received = webhook
    cases = _write_cases(tmp_path / "cases.yml", RUNNER_CASES)
    result = run_suite(url, cases, tmp_path / "work")
    assert not result.unavailable
    assert (result.passed, result.total) == (4, 5)
    assert result.categories == {
        "context": (1, 1),
        FLOW: (1, 1),
        "faq": (1, 1),
        "info": (0, 1),
        "redflag": (1, 1),
    }
    assert result.failed == ["c-where"]
    assert "Harley" in result.reasons["c-where"]
    assert result.p50_ms is not None and 0 < result.p50_ms <= result.p95_ms
    # the context turn went first, in the same conversation as its question
    ctx = next(sender for sender, text in received if text == "ok and what next")
    assert [t for s, t in received if s == ctx] == [
        "what is IDD therapy?",
        "ok and what next",
    ]
    assert "Sam Example" in [t for _, t in received]  # the flow answered the form
    # the runner's output (which quotes the messages) is in the log, not the terminal
    assert "c-where" in (tmp_path / "work" / "realistic-cases.log").read_text()


def test_run_suite_without_the_runner_or_the_cases_is_marked_unavailable(
    tmp_path: Path,
) -> None:
    cases = _write_cases(tmp_path / "cases.yml", RUNNER_CASES)
    missing = run_suite(
        "http://127.0.0.1:9/x", cases, tmp_path, runner=tmp_path / "no.py"
    )
    assert "does not exist" in missing.unavailable
    assert missing.summary().startswith("not measured")
    no_cases = run_suite("http://127.0.0.1:9/x", tmp_path / "none.yml", tmp_path)
    assert "does not exist" in no_cases.unavailable


def test_from_runner_json_keeps_categories_latency_and_failed_ids() -> None:
    result = from_runner_json(
        {
            "pass": 3,
            "total": 4,
            "cats": {"faq": [2, 2], "redflag": [1, 2]},
            "p50_ms": 41.5,
            "p95_ms": float("nan"),
            "fails": [["r-1", "redflag", "none of /999/"]],
        },
        "cases.yml",
    )
    assert result.categories == {"faq": (2, 2), "redflag": (1, 2)}
    assert result.failed == ["r-1"] and result.reasons == {"r-1": "none of /999/"}
    assert result.rate == 0.75 and result.p50_ms == 41.5


# --- the runner's rules ---------------------------------------------------------------
def _runner_module() -> ModuleType:
    spec = importlib.util.spec_from_file_location("run_conversations", RUNNER)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@needs_runner
@pytest.mark.parametrize(
    "text, rule",
    [
        ("Call 999 now", {"any": ["999", "A&E"]}),
        ("call 111", {"any": ["999", "A&E"]}),
        ("IDD\nuses distraction", {"all": ["idd.*distraction"]}),
        ("IDD therapy", {"all": ["idd", "shockwave"]}),
        ("costs £40", {"any": ["cost"], "none": ["£\\s?\\d"]}),
        ("no rules at all", {}),
    ],
)
def test_check_agrees_with_the_runner(text: str, rule: dict[str, Any]) -> None:
    assert check(text, rule) == _runner_module().check(text, rule)


@needs_runner
@pytest.mark.parametrize("say", ["hello", "LONG:300", "LONGWORD:60"])
def test_message_for_agrees_with_the_runner(say: str) -> None:
    assert realistic.message_for({"say": say}) == _runner_module().message_for(
        {"say": say}
    )


# --- what the assistant would say for a label -----------------------------------------
@pytest.fixture
def tiny_replies(tmp_path: Path) -> Replies:
    """Replies from a small domain and rules file of our own (FAQ answers: bot/faq)."""
    (tmp_path / "domain.yml").write_text(
        yaml.safe_dump(
            {
                "slots": {"clinic_phones": {"type": "text", "initial_value": "0800 1"}},
                "forms": {"my_form": {"required_slots": ["my_name", "my_phone"]}},
                "responses": {
                    "utter_red_flag": [
                        {"condition": [{"type": "slot"}], "text": "kind-specific"},
                        {"text": "Call 999 now."},
                    ],
                    "utter_hello": [
                        {
                            "text": "Hi, call {clinic_phones}.",
                            "buttons": [{"title": "Book"}],
                        },
                        {"channel": "whatsapp", "text": "Hi on WhatsApp."},
                    ],
                    "utter_intro": [{"text": "I can take a request."}],
                    "utter_ask_my_name": [{"text": "Your name?"}],
                    "utter_not_sure": [{"text": "Not sure; call {clinic_phones}."}],
                    "utter_thank": [{"text": "You're welcome."}],
                },
            }
        )
    )
    data = tmp_path / "data"
    data.mkdir()
    (data / "rules.yml").write_text(
        yaml.safe_dump(
            {
                "rules": [
                    {"steps": [{"intent": "greet"}, {"action": "utter_hello"}]},
                    {
                        "steps": [
                            {"intent": "book"},
                            {"action": "utter_intro"},
                            {"action": "my_form"},
                            {"active_loop": "my_form"},
                        ]
                    },
                    {
                        "condition": [{"active_loop": "my_form"}],
                        "steps": [{"intent": "greet"}, {"action": "utter_intro"}],
                    },
                    {
                        "steps": [
                            {"or": [{"intent": "cancel"}, {"intent": "stop"}]},
                            {"action": "action_cancel"},
                        ]
                    },
                ]
            }
        )
    )
    return Replies.load(domain=tmp_path / "domain.yml", data_dir=data)


@pytest.mark.parametrize(
    "label, expected",
    [
        ("red_flag", "Call 999 now."),  # the default variant, not a conditioned one
        ("greet", "Hi, call 0800 1.\nBook"),  # phones filled in, button titles joined
        ("book", "I can take a request.\nYour name?"),  # the form's first question
        ("thank", "You're welcome."),  # no rule: utter_<intent>
        ("cancel", "Not sure; call 0800 1."),  # a custom action's text is unknown
        ("nlu_fallback", "Not sure; call 0800 1."),
        ("no_such_intent", "Not sure; call 0800 1."),
    ],
)
def test_replies_for_intent_labels(
    tiny_replies: Replies, label: str, expected: str
) -> None:
    assert tiny_replies.text_for(label) == expected


def test_replies_for_an_faq_is_its_answer(tiny_replies: Replies) -> None:
    faq = load_all()[0]
    assert tiny_replies.text_for(f"faq/{faq.id}") == clinic_phones().fill(faq.answer)


def test_the_real_domain_gives_every_fixed_label_a_reply() -> None:
    replies = Replies.load()
    for label in realistic.FIXED_REPLIES:
        text = replies.text_for(label)
        assert text and "{clinic_phones}" not in text, label
    assert "999" in replies.text_for("red_flag")


# --- the TF-IDF baseline on a cases file ----------------------------------------------
def _answer(faq_id: str) -> str:
    return clinic_phones().fill(next(f.answer for f in load_all() if f.id == faq_id))


def test_tfidf_suite_scores_single_turns_and_counts_the_rest(tmp_path: Path) -> None:
    # regexes taken from the real answers, checked here against them
    assert (
        realistic.check(_answer("idd_what_is"), {"all": ["targeted distraction"]})
        is None
    )
    assert (
        realistic.check(_answer("clinic_location"), {"all": ["144 Harley Street"]})
        is None
    )
    cases = _write_cases(
        tmp_path / "cases.yml",
        {
            "defaults": {"where": "144 Harley Street"},
            "cases": [
                {
                    "id": "t-idd",
                    "cat": "faq_real",
                    "say": "my physio mentioned IDD therapy, what is it exactly?",
                    "all": ["targeted distraction"],
                },
                {
                    "id": "t-where",
                    "cat": "faq_real",
                    "say": "where is the clinic, which street?",
                    "all": ["144 Harley Street"],
                },
                {
                    "id": "t-wrong",
                    "cat": "lookalike",
                    "say": "where is the clinic, which street?",
                    "none": ["Harley"],
                },
                {
                    "id": "t-ctx",
                    "cat": "context",
                    "before": ["what is IDD therapy?"],
                    "say": "does it hurt?",
                    "any": ["low risk"],
                },
            ],
            "flows": {
                "profile": {"name": "Sam"},
                "list": [{"id": "t-flow", "start": "book me in", "done_any": ["x"]}],
            },
        },
    )
    training = [
        Example(question, f"faq/{faq.id}")
        for faq in load_all()
        for question in faq.questions
    ]
    result = tfidf_suite(training, cases)
    assert not result.unavailable
    assert result.categories == {"faq_real": (2, 2), "lookalike": (0, 1)}
    assert (result.passed, result.total) == (2, 3)
    assert result.failed == ["t-wrong"]
    assert result.not_scored == {"context": 1, FLOW: 1}
    assert result.p50_ms is None


def test_tfidf_suite_of_a_missing_file_is_unavailable(tmp_path: Path) -> None:
    result = tfidf_suite([Example("hi", "greet")], tmp_path / "none.yml")
    assert "does not exist" in result.unavailable


# --- the report -----------------------------------------------------------------------
# The suite the report and the targets read as the blind realistic set.
BLIND = next(suite for suite in SUITES if suite.blind)


def _results() -> Results:
    results = Results(
        plan=QUICK,
        date="2026-01-01 00:00 UTC",
        command="python -m bot.bench --quick",
        cpus=2,
        load_average=(1.0, 1.0, 1.0),
        rasa_version="3.6.21",
    )
    results.realistic = {
        BLIND.key: SuiteResult(
            str(BLIND.path),
            passed=47,
            total=50,
            categories={"context": (9, 10), "faq_real": (37, 38), FLOW: (1, 2)},
            p50_ms=60.0,
            p95_ms=300.0,
            failed=["h-blind-1", "h-blind-2", "h-blind-3"],
            reasons={"h-blind-1": "missing /secret-regex/"},
        ),
        "realistic_sample": SuiteResult(
            "../shared/eval/realistic_sample.yml",
            passed=20,
            total=21,
            categories={"faq_real": (20, 21)},
            p50_ms=50.0,
            p95_ms=200.0,
            failed=["r-who"],
            reasons={"r-who": "none of /ana?esthetist/"},
        ),
        "sample_cases": SuiteResult(
            "../shared/eval/sample_cases.yml", unavailable="it does not exist"
        ),
    }
    results.realistic_tfidf = {
        BLIND.key: SuiteResult(
            str(BLIND.path),
            passed=30,
            total=38,
            categories={"faq_real": (30, 38)},
            not_scored={"context": 10, FLOW: 2},
        ),
        "realistic_sample": SuiteResult(
            "../shared/eval/realistic_sample.yml",
            passed=15,
            total=18,
            categories={"faq_real": (15, 18)},
            not_scored={"context": 3},
        ),
    }
    return results


def test_report_section_per_category_with_the_baseline_beside() -> None:
    text = render(_results(), charts=[])
    assert "## 2. Patients' own words (realistic held-out set)" in text
    assert "written blind" in text and "never trained on" in text
    assert "| `faq_real` | 37/38 | 97.4 % | 30/38 | 78.9 % |" in text
    assert "| `context` | 9/10 | 90.0 % | not scored (10 with `before:`) | - |" in text
    assert f"| `{FLOW}` | 1/2 | 50.0 % | not scored (2 flows) | - |" in text
    assert "| **all** | **47/50** | **94.0 %** | **30/38** | **78.9 %** |" in text
    assert "12 follow-ups and flows" in text
    assert "p50 60 ms, p95 300 ms" in text
    assert ">= 92 %" in text
    # public samples: totals, what failed, and why one was not measured
    assert "20/21 (95.2 %)" in text and "15/18 (83.3 %), 3 not scored" in text
    assert "`r-who`: none of /ana?esthetist/" in text
    assert "not measured: it does not exist" in text
    # the blind set's failures stay out of the document
    assert "h-blind" not in text and "secret-regex" not in text


def test_targets_judge_the_realistic_sets() -> None:
    verdicts = {name: (shown, met) for name, shown, met in targets(_results())}
    shown, met = verdicts["realistic held-out set (patients' own words) >= 92 %"]
    assert (
        met is True and shown.startswith("47/50 (94.0 %)") and "TF-IDF 30/38" in shown
    )
    shown, met = verdicts["public samples (`../shared/eval`): every case passes"]
    assert met is False and "realistic_sample 20/21" in shown
    empty = _results()
    empty.realistic, empty.realistic_tfidf = {}, {}
    verdicts = {name: met for name, _, met in targets(empty)}
    assert verdicts["realistic held-out set (patients' own words) >= 92 %"] is None
    assert "## 2. Patients' own words" not in render(empty, charts=[])


def test_a_run_saved_before_the_realistic_sets_still_renders() -> None:
    old = _results()
    del old.realistic, old.realistic_tfidf  # as pickled by an older bench
    loaded = pickle.loads(pickle.dumps(old))
    assert loaded.realistic == {} and loaded.realistic_tfidf == {}
    assert "# Benchmarks" in render(loaded, charts=[])


# --- the bench's wiring: after the latency test, while our bot is still served --------
@needs_runner
def test_the_bench_runs_the_suites_while_our_bot_is_served(
    webhook: tuple[str, list[tuple[str, str]]],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import subprocess
    import sys

    from bot.bench.__main__ import Bench
    from bot.bench.progress import Progress
    from bot.bench.report import OUR_BOT

    url, _ = webhook
    cases = _write_cases(tmp_path / "cases.yml", RUNNER_CASES)
    suites = (
        realistic.Suite("heldout", cases, "tiny set", baseline=True, blind=True),
        realistic.Suite("sample_cases", tmp_path / "absent.yml", "absent", False),
    )
    monkeypatch.setattr(realistic, "SUITES", suites)
    # "Rasa" and the action server: real processes; the REST webhook: the server above
    sleepers = tuple(
        subprocess.Popen([sys.executable, "-c", "import time; time.sleep(120)"])
        for _ in range(2)
    )
    served = launch.Assistant(
        url=url.removesuffix("/webhooks/rest/webhook"),
        actions_url="http://127.0.0.1:9",
        var_dir=tmp_path,
        token="unused",
        processes=sleepers,
    )
    monkeypatch.setattr(launch, "start_assistant", lambda *a, **k: served)
    bench = Bench(QUICK, tmp_path / "work", _results(), swap=False)
    bench.r.realistic, bench.r.realistic_tfidf, bench.r.latency = {}, {}, {}
    shown = io.StringIO()
    bench.progress = Progress(2, out=shown)

    def while_served(rest: str) -> None:
        assert all(p.poll() is None for p in sleepers)  # still served
        assert bench.r.latency[OUR_BOT]  # after the latency test
        bench.patients_words(rest)

    bench.serve_and_load(
        OUR_BOT, tmp_path / "model.tar.gz", ("hello",), while_served=while_served
    )
    assert all(p.poll() is not None for p in sleepers)  # stopped afterwards
    assert not bench.r.failures
    assert (
        bench.r.realistic["heldout"].passed,
        bench.r.realistic["heldout"].total,
    ) == (4, 5)
    assert "does not exist" in bench.r.realistic["sample_cases"].unavailable
    assert "heldout: 4/5 passed" in shown.getvalue()
