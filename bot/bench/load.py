"""REST reply latency and throughput with simulated conversations; memory (RSS)."""

from __future__ import annotations

import math
import os
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy

# One conversation of each bot, sent message by message (each waits for the reply).
CLINIC_CONVERSATION = (
    "hello",
    "what is IDD therapy?",
    "how does it work",
    "is it safe?",
    "where is the clinic",
    "how long does an injection last",
    "I can't control my bladder and my back is killing me",  # via the action server
    "thanks, bye",
)
SAMPLE_CONVERSATION = (  # `rasa init`'s mood bot
    "hello",
    "I am feeling sad",
    "yes",
    "great, thanks",
    "are you a bot?",
    "bye",
)


@dataclass
class LoadResult:
    """Latencies (seconds) of the answered requests at one concurrency level."""

    concurrency: int
    latencies: list[float] = field(default_factory=list)
    errors: int = 0
    wall_seconds: float = 0.0
    server_cpu_seconds: float = math.nan  # the serving processes' CPU time meanwhile

    @property
    def requests(self) -> int:
        """Requests sent."""
        return len(self.latencies) + self.errors

    def ms(self, q: float) -> float:
        """The q-th percentile (0-100) latency in milliseconds; NaN with no answers."""
        if not self.latencies:
            return math.nan
        return 1000 * float(numpy.percentile(self.latencies, q))

    @property
    def cpu_ms_per_reply(self) -> float:
        """The servers' CPU time per answered request, in milliseconds."""
        return 1000 * self.server_cpu_seconds / max(1, len(self.latencies))

    @property
    def throughput(self) -> float:
        """Answered requests per second over the level's wall-clock time."""
        return len(self.latencies) / self.wall_seconds if self.wall_seconds else 0.0


def converse(
    rest_url: str,
    conversation: Sequence[str],
    concurrency: int,
    requests: int,
    tag: str,
) -> LoadResult:
    """`concurrency` simulated patients, each chatting through `conversation` again
    and again (new sender id each time), until `requests` messages have been sent."""
    from bot.server.launch import http

    result = LoadResult(concurrency)
    lock = threading.Lock()
    sent = 0

    def patient(number: int) -> None:
        nonlocal sent
        for round_ in range(requests):
            sender = f"bench-{tag}-{concurrency}-{number}-{round_}"
            for text in conversation:
                with lock:
                    if sent >= requests:
                        return
                    sent += 1
                start = time.perf_counter()
                try:
                    status, body = http(
                        "POST",
                        rest_url,
                        {"sender": sender, "message": text},
                        timeout=60,
                    )
                    ok = status == 200 and isinstance(body, list) and bool(body)
                except OSError:
                    ok = False
                seconds = time.perf_counter() - start
                with lock:
                    if ok:
                        result.latencies.append(seconds)
                    else:
                        result.errors += 1

    threads = [threading.Thread(target=patient, args=(n,)) for n in range(concurrency)]
    start = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    result.wall_seconds = time.perf_counter() - start
    return result


def _status_kib(pid: int, key: str) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(key + ":"):
            return int(line.split()[1])
    return 0


def _family(pid: int) -> list[int]:
    """The process and all its descendants."""
    out, todo = [], [pid]
    while todo:
        current = todo.pop()
        out.append(current)
        for task in Path(f"/proc/{current}/task").glob("*"):
            children = task / "children"
            if children.exists():
                todo.extend(int(c) for c in children.read_text().split())
    return out


def cpu_seconds(pids: Sequence[int]) -> float:
    """CPU time (user + system) used so far by these processes and their children."""
    ticks = os.sysconf("SC_CLK_TCK")
    total = 0
    for root in pids:
        for pid in _family(root):
            try:
                # the fields after the command name, which may hold spaces
                fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
            except (FileNotFoundError, ProcessLookupError):
                continue
            total += int(fields[11]) + int(fields[12])  # utime, stime
    return total / ticks


def measured(pids: Sequence[int], run: Callable[[], LoadResult]) -> LoadResult:
    """`run()`, with the CPU time the serving processes `pids` spent meanwhile."""
    before = cpu_seconds(pids)
    result = run()
    result.server_cpu_seconds = cpu_seconds(pids) - before
    return result


def memory_mib(pid: int) -> tuple[float, float]:
    """Resident memory (MiB) of a process and its children: (now, peak)."""
    family = _family(pid)
    now = sum(_status_kib(p, "VmRSS") for p in family)
    peak = sum(_status_kib(p, "VmHWM") for p in family)
    return now / 1024, peak / 1024
