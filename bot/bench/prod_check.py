"""`make prod-check`: the production profile under load, with faults, losing nothing.

Starts `make prod`'s profile (bot.server.prod) on free loopback ports in a
temporary folder, with a local SMTP server for the staff notifications. PATIENTS
simulated patients (each from its own loopback address, as nginx sees them) chat
through nginx: a few FAQs, then a booking form to the end, pausing between
messages as people do. Meanwhile one Rasa replica is killed with SIGKILL (the
supervisor starts it again), PostgreSQL is restarted and the action server is
killed with SIGKILL.

It reports, and requires zero of each: lost conversations (a reply that is not
the next step of the form), lost bookings (a reference given, no stored request
or no email), duplicate bookings, duplicate emails and 5xx answers. It also
reports the retries (a message sent again after a dropped connection or a
timeout) and the reply latency. Exit code 0 only when every count is zero.

Usage: python -m bot.bench.prod_check [--patients 32] [--report FILE]
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import random
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import numpy
from aiosmtpd.controller import Controller

from bot.bookings.store import BookingStore
from bot.retrain.live import LiveAssistant
from bot.server.launch import free_port
from bot.server.prod import Ports, ProdProfile, api_token

PATIENTS = 32
REFERENCE = re.compile(r"HSC-[0-9A-Z]{5}")
FIRST_NAMES = ("Alex", "Sam", "Jo", "Priya", "Tom", "Aisha", "Ruth", "Omar")
LAST_NAMES = ("Morgan", "Patel", "Hughes", "Khan")
# A patient's visit: three FAQs, then a booking request, filled in to the end.
FAQS = ("hello", "what is IDD therapy?", "how long does an injection last")
THINK_SECONDS = (3.0, 6.0)  # a patient's pause before each message (real ones: ~20 s)
START_SPREAD_SECONDS = 60.0  # patients arrive over a minute, not all at once
# The faults, one after another, from the first patient's start: a replica is
# killed, PostgreSQL restarts while that replica loads its model again; once it
# serves again (the supervisor's restart is part of the check), an action server
# is killed. Two processes loading at once on 2 cores would be a fault of the
# test machine, not of the assistant.
REPLICA_KILLED_AT, POSTGRES_RESTARTED_AT = 10.0, 25.0
FAULTS = ("kill a Rasa replica", "restart PostgreSQL", "kill an action server")
REPLICA_BACK_WITHIN_SECONDS = 240.0
REPLY_TIMEOUT_SECONDS = 70.0
TRIES = 4
SETTLE_SECONDS = 90.0  # for the spool and outbox to finish after the last patient


def form_answers(number: int) -> list[tuple[str, str]]:
    """(what the assistant asks, what patient `number` answers), checked in this
    order: the form may skip a question it already knows the answer to."""
    name = f"{FIRST_NAMES[number % 8]} {LAST_NAMES[number // 8 % 4]}"
    return [
        ("Shall I send it", "/affirm"),
        ("agree", "/affirm"),
        ("what would you like help with", "pain since my operation"),
        ("treatment", "IDD Therapy"),
        ("day or time", "Friday morning"),
        ("email", "skip"),
        ("phone number", f"07700 900{number:03d}"),
        (r"name\?", name),
    ]


BOOKING_REQUEST = "i'd like to arrange a consultation please"
MOST_FORM_TURNS = 10


@dataclass
class Tally:
    """What every patient saw, added up."""

    latencies: list[float] = field(default_factory=list)
    statuses: Counter = field(default_factory=Counter)
    retries: int = 0
    lost_conversations: list[str] = field(default_factory=list)
    references: dict[str, str] = field(default_factory=dict)  # sender -> reference
    lock: threading.Lock = field(default_factory=threading.Lock)

    @property
    def five_xx(self) -> int:
        return sum(n for status, n in self.statuses.items() if status >= 500)


class Mailbox:
    """A local SMTP server that keeps every message it receives."""

    def __init__(self) -> None:
        self.messages: list[str] = []
        self.controller = Controller(self, hostname="127.0.0.1", port=free_port())

    async def handle_DATA(self, server, session, envelope) -> str:  # noqa: N802
        self.messages.append(envelope.content.decode("utf-8", "replace"))
        return "250 OK"

    @property
    def url(self) -> str:
        return f"smtp://127.0.0.1:{self.controller.port}"

    def references(self) -> Counter:
        """How many emails name each booking reference."""
        return Counter(
            ref for text in self.messages for ref in set(REFERENCE.findall(text))
        )


class Patient(threading.Thread):
    """One simulated patient, from its own loopback address."""

    def __init__(self, number: int, port: int, tally: Tally, start_at: float) -> None:
        super().__init__(daemon=True)
        self.number, self.port, self.tally, self.start_at = (
            number,
            port,
            tally,
            start_at,
        )
        self.sender = f"prodcheck-{number}-{random.randrange(10**8)}"
        self.address = f"127.0.0.{10 + number}"
        self.random = random.Random(number)

    def run(self) -> None:
        time.sleep(max(0.0, self.start_at - time.monotonic()))
        for text in FAQS:
            if self.turn(text) is None:
                return
        reply = self.turn(BOOKING_REQUEST)
        answers = form_answers(self.number)
        for _ in range(MOST_FORM_TURNS):
            if reply is None:
                return
            found = REFERENCE.search(reply)
            if found:
                with self.tally.lock:
                    self.tally.references[self.sender] = found.group(0)
                return
            answer = next((a for asked, a in answers if re.search(asked, reply)), None)
            if answer is None:
                break
            reply = self.turn(answer)
        self.lost(reply, "the form did not go on")

    def turn(self, text: str) -> str | None:
        """Pauses, says `text`; the reply, or None (counted lost) if none came."""
        time.sleep(self.random.uniform(*THINK_SECONDS))
        reply = self.say(text)
        if reply is None:
            self.lost(reply, f"no reply to {text!r}")
        return reply

    def lost(self, reply: str | None, why: str) -> None:
        with self.tally.lock:
            self.tally.lost_conversations.append(
                f"{self.sender}: {why}: {str(reply)[:160]!r}"
            )

    def say(self, text: str) -> str | None:
        """Sends one message (again after a dropped connection); the reply's text."""
        body = json.dumps({"sender": self.sender, "message": text})
        for attempt in range(TRIES):
            if attempt:
                with self.tally.lock:
                    self.tally.retries += 1
                time.sleep(2.0 * attempt)
            began = time.monotonic()
            try:
                status, raw = self._post(body)
            except OSError:
                continue
            with self.tally.lock:
                self.tally.statuses[status] += 1
                if status == 200:
                    self.tally.latencies.append(time.monotonic() - began)
            if status == 200:
                replies = json.loads(raw or b"[]")
                return "\n".join(r.get("text") or "" for r in replies)
            if status < 500:
                return None
        return None

    def _post(self, body: str) -> tuple[int, bytes]:
        connection = http.client.HTTPConnection(
            "127.0.0.1",
            self.port,
            timeout=REPLY_TIMEOUT_SECONDS,
            source_address=(self.address, 0),
        )
        try:
            connection.request(
                "POST",
                "/webhooks/rest/webhook",
                body.encode(),
                {"Content-Type": "application/json"},
            )
            response = connection.getresponse()
            return response.status, response.read()
        finally:
            connection.close()


def faults(profile: ProdProfile, begin: float, log: Callable[[str], None]) -> None:
    """Kills a replica, restarts PostgreSQL, and once the replica is back, kills
    an action server; each logged with its time."""

    def at(seconds: float) -> None:
        time.sleep(max(0.0, begin + seconds - time.monotonic()))

    def done(what: str) -> None:
        log(f"  {time.monotonic() - begin:5.1f} s  {what}")

    replica = f"rasa:rasa-{profile.ports.rasa_first}"
    at(REPLICA_KILLED_AT)
    killed = profile.pid(replica)
    _kill(profile, replica)
    done(FAULTS[0])
    at(POSTGRES_RESTARTED_AT)
    profile.ctl("restart", "postgres")
    done(FAULTS[1])
    deadline = time.monotonic() + REPLICA_BACK_WITHIN_SECONDS
    while not _serves_again(profile, replica, killed):
        if time.monotonic() > deadline:
            raise RuntimeError(f"{replica} did not come back")
        time.sleep(1)
    done("the killed replica serves again")
    _kill(profile, f"actions:actions-{profile.ports.actions_first}")
    done(FAULTS[2])


def _serves_again(profile: ProdProfile, program: str, killed: int | None) -> bool:
    """True once the supervisor's new process for `program` serves a model."""
    pid = profile.pid(program)
    port = int(program.rsplit("-", 1)[1])
    replica = LiveAssistant((f"http://127.0.0.1:{port}",), api_token())
    return pid not in (None, killed) and replica.serving_everywhere()


def _kill(profile: ProdProfile, program: str) -> None:
    pid = profile.pid(program)
    if pid is None:
        raise RuntimeError(f"{program} is not running")
    os.kill(pid, signal.SIGKILL)


@dataclass
class Outcome:
    """The counts the check requires to be zero, and the rest of the report."""

    counts: dict[str, int]
    retries: int
    latencies: list[float]
    patients: int
    bookings: int
    details: list[str]
    timeline: list[str] = field(default_factory=list)  # the faults, when

    @property
    def passed(self) -> bool:
        return not any(self.counts.values())

    def markdown(self) -> str:
        ms = (
            {q: 1000 * float(numpy.percentile(self.latencies, q)) for q in (50, 95, 99)}
            if self.latencies
            else {}
        )
        lines = [
            f"{self.patients} patients through nginx, 2 Rasa replicas; "
            f"{self.bookings} bookings completed; faults: " + ", ".join(FAULTS) + ".",
            "",
            "| count (must be 0) | value |",
            "|---|---|",
            *(f"| {name} | {value} |" for name, value in self.counts.items()),
            "",
            f"Retries (a message sent again): {self.retries}. Replies: "
            f"{len(self.latencies)}, latency p50 {ms.get(50, 0):.0f} ms, "
            f"p95 {ms.get(95, 0):.0f} ms, p99 {ms.get(99, 0):.0f} ms.",
        ]
        if self.timeline:
            lines += ["", "Faults (seconds from the first patient):"]
            lines += [f"- {line}" for line in self.timeline]
        if self.details:
            lines += ["", "Details:", *(f"- {line}" for line in self.details)]
        return "\n".join(lines)


def stored_bookings(database_url: str, senders: list[str]) -> dict[str, list[str]]:
    """The references stored for each patient's conversation."""
    store = BookingStore.from_url(database_url)
    try:
        bookings = store.list()
    finally:
        store.close()
    found: dict[str, list[str]] = {sender: [] for sender in senders}
    for booking in bookings:
        sender = booking.conversation_id.split(":", 1)[-1]
        if sender in found:
            found[sender].append(booking.reference)
    return found


@dataclass
class Production:
    """The production profile, running, and the mailbox its notifications reach."""

    profile: ProdProfile
    environment: dict[str, str]
    mailbox: Mailbox
    supervisor: subprocess.Popen

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.profile.ports.public}"


@contextmanager
def production(
    log: Callable[[str], None] = print,
    model: Path | None = None,
    extra_env: dict[str, str] | None = None,
    keep: bool = False,
) -> Iterator[Production]:
    """`make prod`'s profile on free loopback ports, in a temporary folder
    (serving `model`, default models/current.tar.gz)."""
    work = Path(tempfile.mkdtemp(prefix="clinic-prod-check-"))
    mailbox = Mailbox()
    mailbox.controller.start()
    profile = ProdProfile(
        root=work / "prod",
        ports=Ports.free(replicas=2),
        listen_host="127.0.0.1",
        extra_env={
            "CLINIC_VAR_DIR": str(work),
            "SMTP_URL": mailbox.url,
            "OUTBOX_POLL_SECONDS": "2",
            "SPOOL_FLUSH_SECONDS": "3",
            **(extra_env or {}),
        },
    )
    if model is not None:
        profile.model = model
    supervisor = None
    try:
        log(f"==> starting the production profile in {work}")
        environment = profile.prepare()
        supervisor = profile.start(environment)
        profile.wait_until_serving(supervisor)
        yield Production(profile, environment, mailbox, supervisor)
    finally:
        if supervisor is not None:
            profile.stop(supervisor)
        mailbox.controller.stop()
        if keep:
            log(f"==> logs kept in {profile.log_dir}")
        else:
            shutil.rmtree(work, ignore_errors=True)


def load_and_faults(
    running: Production, patients: int = PATIENTS, log: Callable[[str], None] = print
) -> Outcome:
    """The patients and the faults on a running profile; the outcome."""
    profile = running.profile
    log(f"==> {patients} patients; faults on the way:")
    timeline: list[str] = []

    def note(line: str) -> None:
        timeline.append(line.strip())
        log(line)

    tally = Tally()
    begin = time.monotonic()
    crowd = [
        Patient(
            n, profile.ports.public, tally, begin + n * START_SPREAD_SECONDS / patients
        )
        for n in range(patients)
    ]
    for patient in crowd:
        patient.start()
    faults(profile, begin, note)
    for patient in crowd:
        patient.join()
    log(f"==> patients done in {time.monotonic() - begin:.0f} s; settling")
    outcome = _outcome(running.environment, running.mailbox, tally, crowd)
    outcome.timeline = timeline
    return outcome


def check(
    patients: int = PATIENTS, log: Callable[[str], None] = print, keep: bool = False
) -> Outcome:
    """Starts the profile, runs the patients and the faults; the outcome
    (`keep`: the logs are left for a look)."""
    with production(log, keep=keep) as running:
        return load_and_faults(running, patients, log)


def _outcome(
    environment: dict[str, str],
    mailbox: Mailbox,
    tally: Tally,
    crowd: list[Patient],
) -> Outcome:
    senders = [patient.sender for patient in crowd]
    given = {s: ref for s, ref in tally.references.items() if ref}
    deadline = time.monotonic() + SETTLE_SECONDS
    while True:  # the spool and the outbox catch up with the database outage
        stored = stored_bookings(environment["BOOKING_DB_URL"], senders)
        emails = mailbox.references()
        settled = all(ref in stored[s] and emails[ref] >= 1 for s, ref in given.items())
        if settled or time.monotonic() > deadline:
            break
        time.sleep(2)
    time.sleep(5)  # a second email, if any, would arrive now
    emails = mailbox.references()
    details = list(tally.lost_conversations)
    lost = [s for s, ref in given.items() if ref not in stored[s] or not emails[ref]]
    details += [f"{s}: reference {given[s]} given, stored {stored[s]}" for s in lost]
    counts = {
        "lost conversations": len(tally.lost_conversations),
        "lost bookings": len(lost),
        "duplicate bookings": sum(max(0, len(refs) - 1) for refs in stored.values()),
        "duplicate emails": sum(max(0, n - 1) for n in emails.values()),
        "5xx answers": tally.five_xx,
    }
    return Outcome(
        counts, tally.retries, tally.latencies, len(crowd), len(given), details
    )


def main(argv: list[str] | None = None) -> int:
    """Runs the check, prints (and optionally writes) the report."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--patients", type=int, default=PATIENTS)
    parser.add_argument("--report", type=Path)
    parser.add_argument("--keep", action="store_true", help="keep the logs")
    args = parser.parse_args(argv)
    outcome = check(args.patients, keep=args.keep)
    report = outcome.markdown()
    print(report)
    if args.report:
        args.report.parent.mkdir(parents=True, exist_ok=True)
        args.report.write_text(report + "\n")
    print("==> prod-check", "PASSED" if outcome.passed else "FAILED")
    return 0 if outcome.passed else 1


if __name__ == "__main__":
    sys.exit(main())
