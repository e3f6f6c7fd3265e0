"""The steps of `make retrain`, each shown with its duration.

check -> train a candidate -> evaluate it on the held-out set, with the conversation
tests running beside it -> compare with the live model and gate -> publish (and load
it into the running assistant without a restart).
"""

from __future__ import annotations

import fcntl
import hashlib
import os
import signal
import subprocess
import sys
import time
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from bot.evaluation import HOLDOUT, Report
from bot.retrain import model_report as reports
from bot.retrain.gate import MAX_FAQ_ACCURACY_DROP, ConversationResult, Decision, decide
from bot.retrain.live import LiveAssistant, LiveError
from bot.retrain.store import ModelInfo, ModelStore, new_name, rasa_model_id
from bot.settings import (
    PROJECT_ROOT,
    VAR_DIR,
    child_environment,
    ensure_private_dir,
)

BIN = Path(sys.executable).parent
CONVERSATIONS = PROJECT_ROOT / "tests" / "conversations"
LOGS = VAR_DIR / "retrain"
TICK_SECONDS = 30
# `nice` value of a retrain's training (0 normal, 19 lowest): the live assistant
# on the same cores keeps answering first.
TRAINING_NICENESS = 10


def duration(seconds: float) -> str:
    """'8.2 s' or '2 min 05 s'."""
    if seconds < 60:
        return f"{seconds:.1f} s"
    return f"{int(seconds // 60)} min {int(seconds % 60):02d} s"


class Refused(Exception):
    """The candidate may not go live; the message says why."""


@dataclass
class Outcome:
    """What a retrain did."""

    name: str
    published: bool
    decision: Decision | None = None
    report: Path | None = None
    loaded_live: bool = False
    timings: dict[str, float] = field(default_factory=dict)


class Progress:
    """Prints '[2/5] train a candidate ...' then 'done in 1 min 52 s' for each step."""

    def __init__(self, total: int, out: Callable[[str], None] = print) -> None:
        self.total, self.number, self.out = total, 0, out
        self.timings: dict[str, float] = {}

    @contextmanager
    def step(self, title: str) -> Iterator[None]:
        self.number += 1
        self.out(f"[{self.number}/{self.total}] {title} ...")
        start = time.monotonic()
        try:
            yield
        except BaseException:
            self.out(f"      stopped after {duration(time.monotonic() - start)}")
            raise
        self.timings[title] = time.monotonic() - start
        self.out(f"      done in {duration(self.timings[title])}")


def _start_logged(
    command: list[str], log: Path, niceness: int = 0, **kwargs
) -> subprocess.Popen:
    """Starts a command with its output in a log file;
    `niceness` lowers its CPU priority."""
    ensure_private_dir(log.parent)
    with log.open("w") as handle:
        return subprocess.Popen(
            ["nice", "-n", str(niceness), *command] if niceness else command,
            stdout=handle,
            stderr=subprocess.STDOUT,
            **kwargs,
        )


def _wait(process: subprocess.Popen, out: Callable[[str], None]) -> int:
    """Waits for a process, saying every half minute it still runs."""
    start = time.monotonic()
    while True:
        try:
            return process.wait(timeout=TICK_SECONDS)
        except subprocess.TimeoutExpired:
            out(f"      ... still running ({duration(time.monotonic() - start)})")


def _stop(process: subprocess.Popen) -> None:
    """Stops a process started in a session of its own, with everything it started."""
    try:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=20)
    except ProcessLookupError:
        pass
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()


def _run_logged(
    command: list[str],
    log: Path,
    out: Callable[[str], None],
    niceness: int = 0,
    **kwargs,
) -> int:
    """Runs a command with its output in a log file (see `_start_logged`)."""
    return _wait(_start_logged(command, log, niceness, **kwargs), out)


def _tail(log: Path, lines: int = 15) -> str:
    text = log.read_text(errors="replace").splitlines() if log.exists() else []
    return "\n".join("      | " + line[:200] for line in text[-lines:])


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()[:16]


@contextmanager
def _errors_to(log: Path) -> Iterator[None]:
    """Sends what Rasa and TensorFlow write to stderr
    (pages of warnings) to a log file."""
    ensure_private_dir(log.parent)
    sys.stderr.flush()
    saved = os.dup(2)
    with log.open("a") as handle:
        os.dup2(handle.fileno(), 2)
        try:
            yield
        finally:
            sys.stderr.flush()
            os.dup2(saved, 2)
            os.close(saved)


@contextmanager
def _one_at_a_time(folder: Path) -> Iterator[None]:
    folder.mkdir(parents=True, exist_ok=True)
    with (folder / ".retrain.lock").open("w") as lock:
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise Refused(
                "another `make retrain` or `make rollback` is running; wait for it."
            ) from None
        yield


class Retrain:
    """One run of the workflow for a project folder."""

    def __init__(
        self,
        config: Path = PROJECT_ROOT / "config.yml",
        holdout: Path = HOLDOUT,
        conversations: Path = CONVERSATIONS,
        store: ModelStore | None = None,
        live: LiveAssistant | None = None,
        out: Callable[[str], None] = print,
        max_drop: float = MAX_FAQ_ACCURACY_DROP,
    ) -> None:
        self.config, self.holdout, self.conversations = config, holdout, conversations
        self.max_drop = max_drop
        self.store = store or ModelStore()
        self.live = live or LiveAssistant.from_settings()
        self.out = out

    # --- steps ------------------------------------------------------------
    def check_and_build(self) -> dict[str, str]:
        """Runs `faq check` and writes the training data; returns each FAQ's id
        and fingerprint (what a model learns from it)."""
        from bot.faqtool.build import build
        from bot.faqtool.check import check
        from bot.faqtool.source import fingerprint, load_all

        findings = check()
        for finding in findings:
            self.out(f"      {finding}")
        errors = [f for f in findings if f.level == "error"]
        if errors:
            raise Refused(
                f"`faq check` found {len(errors)} error(s) in the FAQ files (listed "
                "above); nothing was trained. Fix them and run `make retrain` again."
            )
        build()
        return {faq.id: fingerprint(faq) for faq in load_all()}

    def train(self, name: str) -> Path:
        """Trains a candidate into models/candidates/<name>.tar.gz."""
        log = LOGS / f"{name}-train.log"
        command = [
            str(BIN / "rasa"),
            "train",
            "--config",
            str(self.config),
            "--domain",
            "domain.yml",
            "--data",
            "bot/data",
            "--out",
            str(self.store.candidates),
            "--fixed-model-name",
            name,
        ]
        self.out(f"      (Rasa's output goes to {log})")
        # below the running assistant: its replies keep their speed meanwhile
        code = _run_logged(
            command, log, self.out, niceness=TRAINING_NICENESS, cwd=PROJECT_ROOT
        )
        model = self.store.candidate(name)
        if code != 0 or not model.exists():
            raise Refused(
                f"training failed (exit code {code}); the end of {log}:\n{_tail(log)}"
            )
        return model

    def evaluate(self, model: Path, name: str) -> Report:
        """Held-out evaluation of a model, stored for later comparisons."""
        from bot.evaluation import evaluate, load_examples

        with _errors_to(LOGS / f"{name}-evaluate.log"):
            result = evaluate(model, load_examples(self.holdout))
        reports.save_predictions(result, name, _sha(self.holdout))
        return result

    def live_report(self) -> tuple[ModelInfo | None, Report | None]:
        """The live model and its last report (evaluated now if it has none)."""
        info = self.store.info(self.store.current)
        if info is None:
            return None, None
        stored = reports.load_predictions(info.name, _sha(self.holdout))
        if stored is not None:
            return info, stored
        self.out(
            f"      the live model {info.name} has no report yet: evaluating it too"
        )
        return info, self.evaluate(self.store.current, info.name)

    def start_conversations(self, model: Path, name: str) -> subprocess.Popen:
        """Starts pytest tests/conversations against the candidate (CLINIC_MODEL);
        it runs beside the held-out evaluation, the retrain's two longest checks."""
        command = [
            sys.executable,
            "-m",
            "pytest",
            str(self.conversations),
            "-q",
            "-p",
            "no:cacheprovider",
            f"--junitxml={LOGS / f'{name}-conversations.xml'}",
        ]
        environment = child_environment({"CLINIC_MODEL": str(model.resolve())})
        return _start_logged(
            command,
            LOGS / f"{name}-conversations.log",
            cwd=PROJECT_ROOT,
            env=environment,
            start_new_session=True,  # its servers too can be stopped (_stop)
        )

    def conversation_result(
        self, tests: subprocess.Popen, name: str
    ) -> ConversationResult:
        """Waits for the conversation tests and reads their results."""
        _wait(tests, self.out)
        xml = LOGS / f"{name}-conversations.xml"
        if not xml.exists():
            log = LOGS / f"{name}-conversations.log"
            return ConversationResult(0, [f"the tests did not run; see {log}"])
        result = ConversationResult()
        for case in ET.parse(xml).iter("testcase"):
            problem = case.find("failure")
            if problem is None:
                problem = case.find("error")
            if problem is None:
                result.passed += case.find("skipped") is None
                continue
            test_id = case.get("name", "?").removeprefix("test_conversation")
            reason = (problem.get("message") or "").splitlines()[0][:200]
            result.failed.append(f"{test_id.strip('[]')}: {reason}")
        return result

    def evaluate_and_test(
        self, candidate: Path, name: str, faqs: dict[str, str]
    ) -> tuple[Report, ModelInfo | None, Report | None, ConversationResult]:
        """The held-out evaluation with the conversation tests running beside it:
        the new report, the live model and its report, the tests' result. The tests
        are stopped, with their servers, when the held-out results already refuse
        the candidate."""
        tests = self.start_conversations(candidate, name)
        try:
            new = self.evaluate(candidate, name)
            reports.save_fingerprints(faqs, name)
            live_info, live = self.live_report()
            self.out(
                f"      right FAQ answers: {100 * new.faq_accuracy:.1f}% "
                + (
                    f"(live {live_info.name}: {100 * live.faq_accuracy:.1f}%)"
                    if live and live_info
                    else "(no live model yet)"
                )
            )
            held_out = decide(
                live, new, ConversationResult(ran=False), max_drop=self.max_drop
            )
            if not held_out.publish:
                self.out(
                    "      conversation tests stopped: "
                    "the held-out results already refuse it"
                )
                return new, live_info, live, ConversationResult(ran=False)
            conversations = self.conversation_result(tests, name)
            self.out(f"      {conversations.summary()}")
            return new, live_info, live, conversations
        finally:
            if tests.poll() is None:
                _stop(tests)

    def publish(self, candidate: Path, name: str) -> tuple[ModelInfo, bool]:
        """Makes the candidate live,
        in the files and in the running assistant if any."""
        info = self.store.publish(candidate, name)
        if not self.live.is_running():
            self.out(
                "      no assistant answers at "
                f"{self.live.url}: `make run` will serve it"
            )
            return info, False
        start = time.monotonic()
        try:
            loaded = self.live.load_model(self.store.current)
        except LiveError as exc:
            self.store.rollback()
            self._put_back_current()
            raise Refused(
                f"the running assistant could not load the new model: {exc}"
            ) from exc
        expected = rasa_model_id(candidate)
        if expected and loaded != expected:
            self.store.rollback()
            raise Refused(
                "the running assistant reports model "
                f"{loaded} after loading, not {expected}."
            )
        self.out(
            f"      the running assistant at {self.live.url} now serves {name} "
            f"(loaded in {duration(time.monotonic() - start)}, no restart)"
        )
        return info, True

    def _put_back_current(self) -> None:
        """After a failed swap: the replicas that did load the candidate go back
        to the model in the files (best effort: each is told what to serve)."""
        try:
            self.live.load_model(self.store.current)
        except LiveError as exc:
            self.out(f"      could not put the live model back everywhere: {exc}")

    # --- the whole workflow -----------------------------------------------
    def run(self, publish: bool = True) -> Outcome:
        """All the steps;
        raises Refused with the reason when the candidate may not go live."""
        name = new_name()
        progress = Progress(5 if publish else 4, self.out)
        outcome = Outcome(name, published=False, timings=progress.timings)
        with _one_at_a_time(self.store.folder):
            with progress.step("check the FAQ files and write the training data"):
                faqs = self.check_and_build()
            with progress.step(f"train candidate model {name} (the longest step)"):
                candidate = self.train(name)
            with progress.step(
                f"evaluate on the held-out questions ({self.holdout.name}) "
                "and run the conversation tests, side by side"
            ):
                new, live_info, live, conversations = self.evaluate_and_test(
                    candidate, name, faqs
                )
                edited = reports.edited_faqs(
                    reports.load_fingerprints(live_info.name) if live_info else None,
                    faqs,
                )
            with progress.step("compare with the live model, decide, write the report"):
                decision = decide(
                    live, new, conversations, list(faqs), self.max_drop, edited
                )
                outcome.decision = decision
                outcome.report = reports.write(
                    reports.Comparison(
                        new,
                        name,
                        live,
                        live_info.name if live_info else None,
                        decision.lines(),
                        conversations.summary(),
                        str(self.holdout.relative_to(PROJECT_ROOT)),
                    )
                )
                for line in decision.lines():
                    self.out(f"      {line}")
                self.out(f"      report: {outcome.report} (also reports/latest.md)")
            if not decision.publish:
                reasons = decision.refusals + [
                    f"got worse: {w}" for w in decision.worse_faqs
                ]
                raise Refused(
                    "the new model was NOT published; the live model stays. Reasons:\n"
                    + "\n".join(f"  - {reason}" for reason in reasons)
                )
            if publish:
                with progress.step("publish the new model"):
                    _, outcome.loaded_live = self.publish(candidate, name)
                outcome.published = True
        return outcome

    def report_live(self) -> Path:
        """Writes the report of the live model
        (next to the previous one, if it has a report)."""
        info, live = self.live_report()
        if info is None or live is None:
            raise FileNotFoundError(
                "there is no live model (models/current.tar.gz) yet"
            )
        previous = self.store.info(self.store.previous)
        earlier = (
            reports.load_predictions(previous.name, _sha(self.holdout))
            if previous
            else None
        )
        return reports.write(
            reports.Comparison(
                live,
                info.name,
                earlier,
                previous.name if earlier and previous else None,
                ["The live model's report (`make report`)."],
                "-",
                str(self.holdout.relative_to(PROJECT_ROOT)),
            )
        )

    def rollback(self) -> tuple[ModelInfo, ModelInfo, bool]:
        """Puts the previous model back, in the files and in the running assistant."""
        with _one_at_a_time(self.store.folder):
            now_live, now_previous = self.store.rollback()
            loaded = False
            if self.live.is_running():
                self.live.load_model(self.store.current)
                loaded = True
            return now_live, now_previous, loaded
