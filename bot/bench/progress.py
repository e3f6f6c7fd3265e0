"""What the terminal shows during a benchmark: numbered steps, time, heartbeats."""

from __future__ import annotations

import contextlib
import sys
import threading
import time
from collections.abc import Iterator
from typing import TextIO


def clock(seconds: float) -> str:
    """Seconds as m:ss."""
    return f"{int(seconds) // 60}:{int(seconds) % 60:02d}"


class Progress:
    """Prints `[elapsed] (step/total) what...`, a heartbeat every `beat` s,
    `done in`."""

    def __init__(
        self, total: int, beat: float = 30.0, out: TextIO = sys.stdout
    ) -> None:
        self.total, self.beat, self.out = total, beat, out
        self.started = time.monotonic()
        self.done = 0
        self.durations: list[tuple[str, float]] = []  # (step, seconds), in order

    @property
    def elapsed(self) -> float:
        """Seconds since the run started."""
        return time.monotonic() - self.started

    def say(self, text: str) -> None:
        """One line, stamped with the elapsed time."""
        print(f"[{clock(self.elapsed)}] {text}", file=self.out, flush=True)

    @contextlib.contextmanager
    def step(self, what: str) -> Iterator[None]:
        """A numbered step, with heartbeat lines so that a long training looks alive."""
        self.done += 1
        self.say(f"({self.done}/{self.total}) {what} ...")
        start, finished = time.monotonic(), threading.Event()

        def heartbeat() -> None:
            while not finished.wait(self.beat):
                self.say(f"      ... still {what} ({time.monotonic() - start:.0f} s)")

        thread = threading.Thread(target=heartbeat, daemon=True)
        thread.start()
        try:
            yield
        finally:
            finished.set()
            thread.join()
            self.durations.append((what, time.monotonic() - start))
        self.say(f"      done in {time.monotonic() - start:.0f} s")
