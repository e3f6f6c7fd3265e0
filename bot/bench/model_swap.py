"""`python -m bot.bench.model_swap`: from "FAQ added" to "new model live", and what
patients see.

In a throwaway copy of the project (bot.retrain.sandbox) whose live model is the
project's models/current.tar.gz, served by a running assistant: a client sends a
message every 100 ms while a new FAQ is added and `bot.retrain` trains (with the
production config.yml), gates and publishes it into the running assistant. Prints
JSON: the time until the running assistant answers the new question, each step's
duration, the failed or over-5-second requests (goal 0), overall and while the
model was being swapped, and whether a conversation begun before survived.
`--swap-only` skips the retrain and just loads the live model again (seconds).
"""

from __future__ import annotations

import argparse
import json
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import contextmanager
from pathlib import Path

import numpy

from bot.faqtool.source import dump_faqs
from bot.retrain.gate import MAX_FAQ_ACCURACY_DROP
from bot.retrain.live import LiveAssistant
from bot.retrain.sandbox import PARKING, make_sandbox
from bot.settings import child_environment

CHATTER = [
    "hello",
    "what is IDD therapy",
    "where is the clinic",
    "how much does it cost",
    "what's your phone number",
    "does shockwave therapy work",
    "thanks",
    "are you a robot",
]
SURVIVOR = "bench-conversation-across-the-swap"


class Client:
    """Sends a REST message every `interval` seconds, each in its own thread,
    and times it."""

    def __init__(self, rest_url: str, interval: float) -> None:
        self.rest_url, self.interval = rest_url, interval
        self.results: list[tuple[float, float, bool]] = []  # (due at, seconds, ok)
        self._stop = threading.Event()
        self._pool = ThreadPoolExecutor(max_workers=200)
        self._thread = threading.Thread(target=self._loop, daemon=True)

    def _send(self, n: int, due: float) -> None:
        from bot.server.launch import http

        # 50 conversations take turns: each stays under the per-conversation limit
        message = {"sender": f"bench-{n % 50}", "message": CHATTER[n % len(CHATTER)]}
        try:
            status, body = http("POST", self.rest_url, message, timeout=60)
            ok = status == 200 and bool(body)
        except OSError:
            ok = False
        # timed from when it was due, so a wait for a free thread counts too
        self.results.append((due, time.monotonic() - due, ok))

    def _loop(self) -> None:
        futures: list[Future] = []
        n, due = 0, time.monotonic()
        while not self._stop.is_set():
            futures.append(self._pool.submit(self._send, n, due))
            n += 1
            due += self.interval
            time.sleep(max(0.0, due - time.monotonic()))
        for future in futures:
            future.result()

    def start(self) -> None:
        """Starts sending."""
        self._thread.start()

    def stop(self) -> None:
        """Stops sending and waits for every answer."""
        self._stop.set()
        if self._thread.is_alive():
            self._thread.join()
        self._pool.shutdown()

    @contextmanager
    def running(self) -> Iterator[Client]:
        """Sends messages while the block runs."""
        self.start()
        try:
            yield self
        finally:
            self.stop()

    def stats(self, slow: float, window: tuple[float, float] | None = None) -> dict:
        """Counts and latencies of all requests, or of those sent within the window."""
        results = [
            r for r in self.results if window is None or window[0] <= r[0] <= window[1]
        ]
        seconds = [r[1] for r in results]
        median, p95, slowest = (
            (round(float(s), 3) for s in numpy.percentile(seconds, [50, 95, 100]))
            if seconds
            else (None, None, None)
        )
        return {
            "requests": len(results),
            "failed": sum(not r[2] for r in results),
            f"over_{slow:g}s": sum(r[1] > slow for r in results),
            "median_s": median,
            "p95_s": p95,
            "max_s": slowest,
        }


def _steps(lines: list[tuple[float, str]]) -> dict[str, tuple[float, float]]:
    """Each step's (start, end) from the retrain's timestamped output, by title."""
    steps, started = {}, None
    for at, line in lines:
        if line.startswith("[") and line.rstrip().endswith("..."):
            started = (line.split("] ", 1)[1].rstrip(" ."), at)
        elif "done in" in line and started:
            steps[started[0]] = (started[1], at)
            started = None
    return steps


def _window(steps: dict[str, tuple[float, float]], title: str) -> tuple | None:
    """The (start, end) of the step whose title begins with `title`, if it ran."""
    return next((w for name, w in steps.items() if name.startswith(title)), None)


def _retrain(
    project: Path,
    config: str,
    options: list[str],
    environment: dict,
) -> list[tuple[float, str]]:
    """Runs `bot.retrain` in the sandbox;
    its output lines with the time each appeared."""
    lines: list[tuple[float, str]] = []
    command = [sys.executable, "-u", "-m", "bot.retrain", "--config", config, *options]
    with subprocess.Popen(
        command,
        cwd=project,
        env=environment,
        text=True,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    ) as process:
        for line in process.stdout:  # type: ignore[union-attr]
            lines.append((time.monotonic(), line.rstrip()))
            print(line, end="", file=sys.stderr)
    return lines


def bench(
    config: str,
    conversations: list[str] | None,
    interval: float,
    slow: float,
    swap_only: bool,
    log_dir: str | None = None,
    max_drop: float = 100 * MAX_FAQ_ACCURACY_DROP,
) -> dict:
    """Runs the measurement; returns the JSON-ready result."""
    from bot.server.launch import DEFAULT_MODEL as MODEL
    from bot.server.launch import reply_text, start_assistant

    if not MODEL.exists():
        raise SystemExit("no trained model: run `make train` first")
    result: dict = {"config": config, "max_drop": max_drop, "client_every_s": interval}
    with tempfile.TemporaryDirectory(prefix="retrain-bench-") as tmp:
        project = make_sandbox(Path(tmp), conversations)
        (project / "models").mkdir(exist_ok=True)
        (project / "models" / "current.tar.gz").write_bytes(MODEL.read_bytes())
        environment = child_environment(drop=("CLINIC_MODEL",))
        logs = Path(log_dir) if log_dir else Path(tmp)
        logs.mkdir(parents=True, exist_ok=True)
        assistant = start_assistant(Path(tmp) / "running", model=MODEL, log_dir=logs)
        environment |= {"RASA_URL": assistant.url, "RASA_API_TOKEN": assistant.token}
        try:
            assistant.say(SURVIVOR, "hello")
            assistant.say(SURVIVOR, "what is IDD therapy")
            if swap_only:
                with Client(assistant.rest, interval).running() as client:
                    time.sleep(2)
                    start = time.monotonic()
                    LiveAssistant((assistant.url,), assistant.token).load_model(MODEL)
                    window = (start, time.monotonic())
                    time.sleep(3)
                result["published"] = True
            else:
                # the live model's report, as after any earlier retrain: not timed
                subprocess.run(
                    [sys.executable, "-m", "bot.retrain", "report"],
                    cwd=project,
                    env=environment,
                    check=True,
                    capture_output=True,
                )
                # patients chat all the way through: training runs at a lower CPU
                # priority, so their replies should keep their speed meanwhile
                client = Client(assistant.rest, interval)
                client.start()
                added = time.monotonic()
                (project / "bot" / "faq" / "parking.yml").write_text(
                    dump_faqs([PARKING])
                )
                try:
                    lines = _retrain(
                        project,
                        config,
                        ["--max-drop", str(max_drop)],
                        environment,
                    )
                    live_at, tries = None, 0
                    while live_at is None and time.monotonic() < lines[-1][0] + 60:
                        question = "Do you have parking?"
                        tries += 1  # a new conversation each time: no rate limit
                        if "Cavendish" in reply_text(
                            assistant.say(f"bench-p{tries}", question)
                        ):
                            live_at = time.monotonic()
                        else:
                            time.sleep(0.2)
                    time.sleep(3)  # keep chatting a little after the swap
                finally:
                    client.stop()
                steps = _steps(lines)
                window = _window(steps, "publish")
                training = _window(steps, "train")
                result["during_training"] = {
                    "seconds": round(training[1] - training[0], 1)
                    if training
                    else None,
                    **client.stats(slow, training),
                }
                result |= {
                    "published": live_at is not None,
                    "outcome": lines[-1][1] if lines else "",
                    "faq_added_to_live_s": round(live_at - added, 1)
                    if live_at
                    else None,
                    "steps_s": {
                        name: round(end - start, 1)
                        for name, (start, end) in steps.items()
                    },
                }
            assistant.say(SURVIVOR, "thanks")
            said = [
                e["text"]
                for e in assistant.tracker(SURVIVOR)["events"]
                if e["event"] == "user"
            ]
        finally:
            assistant.stop()
    result["during_swap"] = {
        "seconds": round(window[1] - window[0], 1) if window else None,
        **client.stats(slow, window),
    }
    result["whole_run"] = client.stats(slow)
    result["conversation_survived_swap"] = said == [
        "hello",
        "what is IDD therapy",
        "thanks",
    ]
    return result


def main(argv: list[str] | None = None) -> int:
    """Prints the measurement as JSON; exit code 1 if the new model did not go live."""
    # a plain `kill` still stops the assistant it started (the `finally` blocks run)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(1))
    parser = argparse.ArgumentParser(
        prog="python -m bot.bench.model_swap",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument(
        "--config", default="config.yml", help="Rasa config in the project"
    )
    parser.add_argument(
        "--conversations", nargs="*", help="conversation files (default all)"
    )
    parser.add_argument("--interval", type=float, default=0.1)
    parser.add_argument("--slow", type=float, default=5.0)
    parser.add_argument(
        "--swap-only", action="store_true", help="only reload the live model"
    )
    parser.add_argument("--logs", help="keep the assistant's logs in this folder")
    parser.add_argument(
        "--max-drop",
        type=float,
        default=100 * MAX_FAQ_ACCURACY_DROP,
        help="the gate's tolerance, in points (default: the gate's own)",
    )
    args = parser.parse_args(argv)
    result = bench(
        args.config,
        args.conversations,
        args.interval,
        args.slow,
        args.swap_only,
        args.logs,
        args.max_drop,
    )
    print(json.dumps(result, indent=2))
    return 0 if result["published"] else 1


if __name__ == "__main__":
    sys.exit(main())
