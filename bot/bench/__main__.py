"""`python -m bot.bench [--quick | --complete] [--no-swap]`: measure, write the report.

Steps (each printed with the elapsed time): build the FAQ training data; train our
pipeline (`rasa train`, alone and timed); score it on the held-out set and the
red-flag sets, and the TF-IDF baseline on the held-out set and the realistic sets'
single turns; train Rasa's default pipeline (`rasa train nlu`), `rasa init`'s
sample bot and the cross-validation folds (bot/bench/fold.py), two at a time; score
the default pipeline; serve our bot and the sample bot and measure REST latency,
throughput and memory; while our bot is still served, run the clinic's conversation
runner on the realistic held-out set and the public samples
(bot/bench/realistic.py); unless `--no-swap`, the staff model-swap measurement
(bot/bench/model_swap.py); write the report and the charts. A failed step is
reported in the document and the exit code, and the others still run."""

from __future__ import annotations

import argparse
import contextlib
import datetime
import functools
import gc
import json
import os
import pickle
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import traceback
import warnings
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor, as_completed
from pathlib import Path
from typing import TYPE_CHECKING

import yaml

from bot.bench import (
    baseline,
    configs,
    data,
    fold,
    languages,
    load,
    rasa_runs,
    realistic,
    report,
)
from bot.bench.configs import BASELINE, DEFAULT, OURS
from bot.bench.plan import COMPLETE, FULL, QUICK, Plan
from bot.bench.progress import Progress
from bot.evaluation import (
    FAQ_PREFIX,
    HOLDOUT,
    RED_FLAG,
    Example,
    Prediction,
    Report,
    load_examples,
    predict,
)
from bot.settings import PROJECT_ROOT, VAR_DIR, child_environment, ensure_private_dir

if TYPE_CHECKING:
    from rasa.shared.nlu.training_data.training_data import TrainingData

SWAP_TIMEOUT_S = 40 * 60
# the last run's measurements, to rewrite the report without measuring (--render)
LAST_RUN = VAR_DIR / "bench" / "last-run.pickle"


class Bench:
    """One benchmark run: its plan, scratch directory, progress display and results."""

    def __init__(
        self, plan: Plan, work: Path, results: report.Results, swap: bool
    ) -> None:
        self.plan, self.work, self.r, self.swap = plan, work, results, swap
        self.models: dict[str, Path] = {}
        steps = 11 + (1 if swap else 0)
        self.progress = Progress(steps)

    @contextlib.contextmanager
    def guarded(self, what: str) -> Iterator[None]:
        """A progress step whose failure is recorded rather than ending the run."""
        try:
            with self.progress.step(what):
                yield
        except Exception as exc:  # noqa: BLE001 - reported, and the exit code says so
            traceback.print_exc(file=sys.stdout)
            self.r.failures.append(f"{what}: {type(exc).__name__}: {exc}")
            self.progress.say(f"      FAILED: {exc}")

    def other_languages(self) -> None:
        """English never taken for another language; red flags per language."""
        with self.guarded(
            "other languages: English misdetections, blind multilingual red flags"
        ):
            self.r.languages = languages.measure()

    # --- training -------------------------------------------------------------
    def build_data(self) -> None:
        """bot/data/faq.generated.yml from bot/faq, as `make train` does."""
        with self.guarded(
            "building the FAQ training data (python -m bot.faqtool build)"
        ):
            subprocess.run(
                [sys.executable, "-m", "bot.faqtool", "build"],
                cwd=PROJECT_ROOT,
                check=True,
                stdout=subprocess.DEVNULL,
            )

    def train_alone(self) -> None:
        """Our pipeline (`rasa train`, as `make train` runs it), alone and timed."""
        epochs = self.plan.heldout_epochs.get(OURS)
        config = configs.write_config(OURS, epochs, self.work)
        described = describe_epochs(config, reduced=epochs is not None)
        self.r.heldout_epochs[OURS] = described
        with self.guarded(f"training {configs.TITLES[OURS]} ({described})"):
            timed = rasa_runs.train_timed(config, OURS, self.work)
            self.models[OURS] = timed.path
            self.r.training[OURS] = (
                timed.seconds,
                timed.cpu_seconds,
                "`rasa train` (NLU + dialogue), alone",
            )

    # --- accuracy ---------------------------------------------------------------
    def held_out(
        self,
        training: list[Example],
        holdout: list[Example],
        red_flag_sets: dict[str, list[Example]],
    ) -> None:
        """Held-out scores of the pipelines; red flags: classifier, rules, both."""
        with self.guarded(
            "TF-IDF baseline: fit, held-out set and realistic sets (single turns)"
        ):
            start = time.monotonic(), time.process_time()
            model = baseline.TfidfNearestNeighbour().fit(training)
            self.r.training[BASELINE] = (
                time.monotonic() - start[0],
                time.process_time() - start[1],
                f"fit on the {len(training)} training questions",
            )
            self.r.holdout[BASELINE] = Report(model.predict(holdout))
            replies = realistic.Replies.load()
            for suite in realistic.SUITES:
                if suite.baseline:
                    self.r.realistic_tfidf[suite.key] = realistic.tfidf_suite(
                        training, suite.path, replies
                    )
        with self.guarded(
            "our model: held-out set and red-flag sets (shipped, "
            "classifier alone, rules alone)"
        ):
            agent = rasa_runs.load_agent(self.models[OURS], self.work / "evaluate.log")
            self.r.holdout[OURS] = Report(predict(agent, holdout))
            classifier = rasa_runs.classifier_only_parse(agent)
            for key, cases in red_flag_sets.items():
                self.r.red_flags[key] = {
                    report.CLASSIFIER: Report(predict(agent, cases, classifier)),
                    report.RULES: Report(rules_only(cases)),
                    report.SHIPPED: Report(predict(agent, cases)),
                }
            del agent
        gc.collect()

    def default_held_out(self, holdout: list[Example]) -> None:
        """Rasa's default pipeline on the held-out set (its model from the pool)."""
        with self.guarded("Rasa's default pipeline: held-out set"):
            if DEFAULT not in self.models:
                raise RuntimeError("no trained model (its training failed)")
            agent = rasa_runs.load_agent(
                self.models[DEFAULT], self.work / "evaluate.log"
            )
            self.r.holdout[DEFAULT] = Report(predict(agent, holdout))
            del agent
        # the order of the tables: (a), (b), (c)
        self.r.holdout = {
            k: self.r.holdout[k]
            for k in (OURS, DEFAULT, BASELINE)
            if k in self.r.holdout
        }
        gc.collect()

    def train_the_rest(self, training: TrainingData) -> None:
        """Rasa's default pipeline (`rasa train nlu`), the sample bot, and k-fold
        cross-validation.

        Each is its own process (the folds: bot/bench/fold.py), `plan.workers` at a
        time: one Rasa training keeps only about 1.3 of 2 cores busy. The TF-IDF
        baseline's folds are fitted here.
        """
        jobs: dict[str, Callable[[], object]] = {}
        epochs = self.plan.heldout_epochs.get(DEFAULT)
        config = configs.write_config(DEFAULT, epochs, self.work)
        self.r.heldout_epochs[DEFAULT] = describe_epochs(
            config, reduced=epochs is not None
        )
        jobs[DEFAULT] = lambda: rasa_runs.train_timed(
            config, DEFAULT, self.work, nlu_only=True
        )
        jobs["sample"] = lambda: rasa_runs.init_sample_bot(self.work)
        folds = self._fold_jobs(jobs, training)
        with self.guarded(
            f"Rasa's default pipeline, the `rasa init` sample bot and "
            f"cross-validation: {len(jobs)} trainings, {self.plan.workers} at a time"
        ):
            results, failures = self._run_parallel(jobs)
            beside = f"beside another training ({self.plan.workers} at a time)"
            for key, what in (
                (DEFAULT, f"`rasa train nlu` (NLU only), {beside}"),
                ("sample", f"`rasa init --no-prompt` (scaffold + training), {beside}"),
            ):
                timed = results.get(key)
                if isinstance(timed, rasa_runs.Timed):
                    self.models[key] = timed.path
                    self.r.training[key] = (timed.seconds, timed.cpu_seconds, what)
            for key in (OURS, DEFAULT):
                self.r.cv[key] = [
                    results[name] for name in folds[key] if name in results
                ]
            self.r.cv = {k: v for k, v in self.r.cv.items() if v}
            if failures:
                raise RuntimeError("; ".join(failures))

    def _fold_jobs(
        self, jobs: dict[str, Callable[[], object]], training: TrainingData
    ) -> dict[str, list[str]]:
        """Adds a job per (fold, pipeline) to `jobs`; pipeline -> its job names.

        The TF-IDF baseline is fitted on each fold here and now.
        """
        # FAQ questions only, by their index among all of training's questions
        faq = [
            (i, e)
            for i, e in enumerate(data.examples_of(training))
            if e.label.startswith(FAQ_PREFIX)
        ]
        examples = [e for _, e in faq]
        self.r.training_questions = len(examples)
        folds = data.stratified_folds([e.label for e in examples], self.plan.folds)
        cv_configs = {}
        for key in (OURS, DEFAULT):
            epochs = self.plan.cv_epochs.get(key)
            cv_configs[key] = configs.write_config(
                key, epochs, self.work, selector=True
            )
            self.r.cv_epochs[key] = describe_epochs(
                cv_configs[key], reduced=epochs is not None
            )
        self.r.cv_epochs[BASELINE] = "-"
        self.r.cv[BASELINE] = []
        names: dict[str, list[str]] = {OURS: [], DEFAULT: []}
        for number, test in enumerate(folds, start=1):
            fold_dir = self.work / "cv" / f"fold{number}"
            fold_dir.mkdir(parents=True, exist_ok=True)
            held = set(test)
            keep = [i for i in range(len(examples)) if i not in held]
            train_file = data.write_subset(
                training, [faq[i][0] for i in keep], fold_dir / "train.yml"
            )
            test_examples = [examples[i] for i in test]
            test_file = fold.write_examples(test_examples, fold_dir / "test.json")
            self.r.cv[BASELINE].append(
                Report(
                    baseline.TfidfNearestNeighbour()
                    .fit([examples[i] for i in keep])
                    .predict(test_examples)
                )
            )
            for key in (OURS, DEFAULT):
                name = f"fold {number}/{len(folds)} {configs.TITLES[key]}"
                names[key].append(name)
                jobs[name] = functools.partial(
                    self._fold, cv_configs[key], train_file, test_file, fold_dir, key
                )
        return names

    def _fold(
        self, config: Path, train: Path, test: Path, fold_dir: Path, key: str
    ) -> Report:
        """One fold of one pipeline in its own process; its report."""
        command = [
            sys.executable, "-m", "bot.bench.fold",
            "--config", str(config), "--train", str(train), "--test", str(test),
            "--out", str(fold_dir), "--name", key,
        ]  # fmt: skip
        rasa_runs.run_timed(
            command, PROJECT_ROOT, fold_dir / f"{key}.log", child_environment()
        )
        return Report(fold.read_predictions(fold_dir / f"{key}.predictions.json"))

    def _run_parallel(
        self, jobs: dict[str, Callable[[], object]]
    ) -> tuple[dict[str, object], list[str]]:
        """Runs the jobs `plan.workers` at a time, longest (first given) first."""
        results: dict[str, object] = {}
        failures: list[str] = []
        with ThreadPoolExecutor(max_workers=self.plan.workers) as pool:
            started = time.monotonic()
            futures = {pool.submit(job): name for name, job in jobs.items()}
            for future in as_completed(futures):
                name = futures[future]
                try:
                    results[name] = result = future.result()
                except Exception as exc:  # noqa: BLE001 - the other jobs still count
                    failures.append(f"{name}: {exc}")
                    self.progress.say(f"      FAILED {name}: {exc}")
                    continue
                shown = (
                    f"FAQ accuracy {report.pct(result.faq_accuracy)}"
                    if isinstance(result, Report)
                    else "trained"
                )
                self.progress.say(
                    f"      [{len(results) + len(failures)}/{len(jobs)}] {name}: "
                    f"{shown} ({time.monotonic() - started:.0f} s into the step)"
                )
        return results, failures

    # --- speed and memory ---------------------------------------------------------
    def serve_and_load(
        self,
        bot: str,
        model: Path | None,
        conversation: tuple[str, ...],
        while_served: Callable[[str], None] | None = None,
    ) -> None:
        """Serves one bot over REST; latency at each concurrency level, then memory;
        then `while_served(REST URL)`, its own step, before the bot is stopped."""
        from bot.server.launch import start_assistant

        title = report.BOT_TITLES[bot]
        served: str | None = None
        with contextlib.ExitStack() as serving:
            with self.guarded(f"latency and memory of the {title}"):
                if model is None:
                    raise RuntimeError("no trained model (its training failed)")
                assistant = start_assistant(self.work / f"serve-{bot}", model=model)
                serving.callback(assistant.stop)
                # warm-up, not measured: the first replies load lazily initialised parts
                load.converse(
                    assistant.rest, conversation, 1, 2 * len(conversation), "warmup"
                )
                self._load_levels(
                    bot,
                    assistant.rest,
                    conversation,
                    [p.pid for p in assistant.processes],
                )
                actions, rasa = assistant.processes
                self.r.memory[f"Rasa serving the {title}"] = load.memory_mib(rasa.pid)
                if bot == report.OUR_BOT:
                    self.r.memory["action server (bot.actions)"] = load.memory_mib(
                        actions.pid
                    )
                served = assistant.rest
            if served and while_served:
                while_served(served)

    def _load_levels(
        self, bot: str, rest: str, conversation: tuple[str, ...], pids: list[int]
    ) -> None:
        """Latency, throughput and the servers' CPU time at each concurrency level."""
        for concurrency, requests in self.plan.requests.items():
            result = load.measured(
                pids,
                lambda c=concurrency, n=requests: load.converse(
                    rest, conversation, c, n, bot
                ),
            )
            self.r.latency.setdefault(bot, []).append(result)
            self.progress.say(
                f"      {concurrency:>2} at once: {result.requests} requests, "
                f"p50 {result.ms(50):.0f} ms, p95 {result.ms(95):.0f} ms, "
                f"{result.throughput:.1f}/s, {result.errors} errors, "
                f"{result.cpu_ms_per_reply:.0f} ms CPU a reply"
            )

    def serve_prod_and_load(self, model: Path | None) -> None:
        """`make prod`'s profile (2 replicas behind nginx): the same levels."""
        from bot.bench.prod_check import production

        with self.guarded("latency of the production profile"):
            if model is None:
                raise RuntimeError("no trained model (its training failed)")
            # The simulated patients all come from 127.0.0.1: nginx names it to
            # Rasa, whose per-client limit (60 a minute) would refuse them.
            unlimited = {"CLIENT_REQUESTS_PER_MINUTE": "1000000"}
            with production(self.progress.say, model, unlimited) as running:
                rest = f"{running.url}/webhooks/rest/webhook"
                conversation = load.CLINIC_CONVERSATION
                load.converse(rest, conversation, 1, 2 * len(conversation), "warmup")
                self._load_levels(
                    report.PROD_BOT, rest, conversation, [running.supervisor.pid]
                )
                self.r.memory[
                    f"everything `make prod` runs ({running.profile.replicas} replicas)"
                ] = load.memory_mib(running.supervisor.pid)

    def patients_words(self, rest_url: str) -> None:
        """The clinic's runner on the realistic held-out set and the public samples,
        against our served bot."""
        with self.guarded(
            "patients' own words: run_conversations.py on the realistic held-out "
            "set and the public samples"
        ):
            for suite in realistic.SUITES:
                result = realistic.run_suite(
                    rest_url, suite.path, self.work / "realistic"
                )
                self.r.realistic[suite.key] = result
                self.progress.say(f"      {suite.key}: {result.summary()}")
                tfidf = self.r.realistic_tfidf.get(suite.key)
                if tfidf is not None:
                    self.progress.say(
                        f"      {suite.key}, TF-IDF baseline: {tfidf.summary()}"
                    )
            for suite in realistic.SUITES:  # a missing public sample is only noted
                if suite.blind and self.r.realistic[suite.key].unavailable:
                    raise RuntimeError(self.r.realistic[suite.key].unavailable)

    def measure_swap(self) -> None:
        """bot/bench/model_swap.py's JSON (the staff workflow)."""
        command = [sys.executable, "-m", "bot.bench.model_swap"]
        shown = ["python", "-m", "bot.bench.model_swap"]
        if self.plan.swap_epochs is not None:
            config = configs.write_config(OURS, self.plan.swap_epochs, self.work)
            command += ["--config", str(config)]
            shown += ["--config", f"<config.yml with {self.plan.swap_epochs} epochs>"]
        if self.plan.swap_conversations:
            command += ["--conversations", *self.plan.swap_conversations]
            shown += ["--conversations", *self.plan.swap_conversations]
        self.r.swap_command = " ".join(shown)
        with self.guarded(
            f"model swap: {self.r.swap_command} (trains, gates and publishes)"
        ):
            model = self.models.get(OURS)
            env = child_environment(drop=("RASA_MAX_CACHE_SIZE",))
            if model:  # the live model it starts from: the one trained above
                env["CLINIC_MODEL"] = str(model)
            log = self.work / "model-swap.log"
            with log.open("w") as err:
                # its own process group: on a timeout its servers go down with it
                process = subprocess.Popen(
                    command,
                    cwd=PROJECT_ROOT,
                    env=env,
                    text=True,
                    stdout=subprocess.PIPE,
                    stderr=err,
                    start_new_session=True,
                )
                try:
                    stdout, _ = process.communicate(timeout=SWAP_TIMEOUT_S)
                except subprocess.TimeoutExpired:
                    os.killpg(process.pid, signal.SIGTERM)
                    process.communicate()
                    raise
            try:
                self.r.swap = json.loads(stdout)
            except json.JSONDecodeError as exc:
                tail = log.read_text(errors="replace")[-1500:]
                raise RuntimeError(
                    f"exit code {process.returncode}, no JSON; log tail:\n{tail}"
                ) from exc
            self.r.swap_note = (
                "The live model it starts from is the one trained above"
                + (
                    ", and its retraining uses the full config.yml."
                    if self.plan.swap_epochs is None
                    else f", and its retraining uses {self.plan.swap_epochs} epochs."
                )
            )
            if not self.r.swap.get("published"):
                # a measurement, not a crash: the gate refused the new model
                self.r.swap_note += (
                    " **The new model was not published** (outcome: "
                    f"{self.r.swap.get('outcome') or '?'})."
                )


def describe_epochs(config: Path, reduced: bool) -> str:
    """The NLU pipeline's epochs, 'DIET 60, ResponseSelector 60' (+ 'reduced' when
    overridden for this run); dialogue policies are left out, as no model measured
    here depends on them."""
    parsed = yaml.safe_load(config.read_text(encoding="utf-8"))
    pipeline_only = {"pipeline": parsed.get("pipeline") or []}
    shown = ", ".join(
        f"{name.replace('Classifier', '').replace('IntentPolicy', '')} {n}"
        for name, n in configs.epochs_of(pipeline_only).items()
    )
    if not shown:
        return "none (trains to convergence)"
    return ("reduced: " if reduced else "") + shown


def rules_only(examples: list[Example]) -> list[Prediction]:
    """The spaCy rules' verdict on each example."""
    from bot.clinical import analyse

    return [
        Prediction(
            e.text,
            e.label,
            RED_FLAG if analyse(e.text).is_red_flag else data.ORDINARY,
            1.0,
        )
        for e in examples
    ]


def write_report(results: report.Results, out: Path, progress: Progress) -> None:
    """docs/benchmarks.md and the charts into `out`; the targets on the terminal."""
    out.mkdir(parents=True, exist_ok=True)
    charts = report.write_charts(results, out)
    document = out / "benchmarks.md"
    document.write_text(report.render(results, charts), encoding="utf-8")
    progress.say(
        f"wrote {document} and {', '.join(charts)} "
        f"(run: {results.runtime_seconds / 60:.1f} minutes)"
    )
    for target, measured, met in report.targets(results):
        progress.say(f"  {report.verdict(met):>14}  {target}: {measured}")


def main(argv: list[str] | None = None) -> int:
    """Runs the benchmark and writes the report."""
    parser = argparse.ArgumentParser(
        prog="python -m bot.bench",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument(
        "--quick",
        action="store_true",
        help="3 epochs, 2 folds, few requests: checks the machinery, numbers mean "
        "nothing",
    )
    parser.add_argument(
        "--complete",
        action="store_true",
        help="train Rasa's default pipeline with all of its epochs for the held-out "
        "comparison (about 45 minutes instead of 25)",
    )
    parser.add_argument(
        "--out",
        type=Path,
        default=PROJECT_ROOT / "docs",
        help="where benchmarks.md and the charts go (default docs/)",
    )
    parser.add_argument(
        "--no-swap",
        action="store_true",
        help="leave out the staff model swap (bot/bench/model_swap.py: one more "
        "training and a retrain while patients chat, about 2 minutes)",
    )
    parser.add_argument(
        "--keep", action="store_true", help="keep the scratch directory"
    )
    parser.add_argument(
        "--render",
        type=Path,
        metavar="RESULTS",
        help=f"only rewrite the report from a run's saved results (e.g. {LAST_RUN})",
    )
    args = parser.parse_args(argv)
    argv = sys.argv[1:] if argv is None else argv

    if args.render:  # after a change to the report's wording, without measuring again
        results = pickle.loads(args.render.read_bytes())
        write_report(results, args.out, Progress(0))
        return 1 if results.failures else 0

    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
    # Rasa's and its dependencies' deprecation chatter would bury the progress lines
    warnings.filterwarnings("ignore")
    plan = QUICK if args.quick else COMPLETE if args.complete else FULL
    results = report.Results(
        plan=plan,
        date=datetime.datetime.now().astimezone().strftime("%Y-%m-%d %H:%M %Z"),
        command=" ".join(["python -m bot.bench", *argv]),
        cpus=os.cpu_count() or 0,
        load_average=os.getloadavg(),
        rasa_version=rasa_runs.rasa_version(),
    )
    work = Path(tempfile.mkdtemp(prefix="bench-"))
    bench = Bench(plan, work, results, swap=not args.no_swap)
    bench.progress.say(
        f"benchmark ({plan.name}) on {results.cpus} cores, load average "
        f"{' / '.join(f'{x:.2f}' for x in results.load_average)}; "
        f"logs in {work}"
    )
    try:
        bench.other_languages()
        bench.build_data()
        bench.train_alone()
        holdout = load_examples(HOLDOUT)
        training = data.load_training_data()
        red_flag_sets = {
            cases.key: data.load_red_flag_cases(cases.path)
            for cases in data.RED_FLAG_SETS
        }
        bench.held_out(data.examples_of(training), holdout, red_flag_sets)
        bench.train_the_rest(training)
        bench.default_held_out(holdout)
        bench.serve_and_load(
            report.OUR_BOT,
            bench.models.get(OURS),
            load.CLINIC_CONVERSATION,
            while_served=bench.patients_words,
        )
        bench.serve_prod_and_load(bench.models.get(OURS))
        bench.serve_and_load(
            report.SAMPLE_BOT, bench.models.get("sample"), load.SAMPLE_CONVERSATION
        )
        if bench.swap:
            bench.measure_swap()
        else:
            results.swap_note = "Left out of this run (`--no-swap`)."
    finally:
        results.runtime_seconds = bench.progress.elapsed
        results.durations = bench.progress.durations
        ensure_private_dir(LAST_RUN.parent)
        LAST_RUN.write_bytes(pickle.dumps(results))
        write_report(results, args.out, bench.progress)
        if args.keep or results.failures:
            bench.progress.say(f"scratch directory kept: {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)
    return 1 if results.failures else 0


if __name__ == "__main__":
    sys.exit(main())
