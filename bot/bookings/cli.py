"""Staff command line for the booking store: `python -m bot.bookings --help`.

Exit codes: 0 done, 1 no such booking (or nothing to forget), 2 usage error.
"""

from __future__ import annotations

import argparse
import csv
import logging
import os
import re
import sys
from collections.abc import Iterator, Sequence
from contextlib import contextmanager, suppress
from datetime import date, datetime, time, timedelta, timezone
from typing import IO

from bot import settings
from bot.bookings import display
from bot.bookings.models import BOOKING_STATUSES, BookingRequest
from bot.bookings.notify import OutboxSender, RetentionSweep
from bot.bookings.references import normalise_reference
from bot.bookings.store import BookingStore
from bot.server import conversations

EXIT_OK = 0
EXIT_NOT_FOUND = 1
EXIT_USAGE = 2

TABLE_COLUMNS = (
    ("Reference", "reference", None),
    ("Created", "created_at", None),
    ("Status", "status", None),
    ("Name", "name", 24),
    ("Phone", "phone_e164", None),
    ("Preferred time", "preferred_time_text", 28),
    ("Treatment", "treatment", 20),
)
SHOW_FIELDS = (
    ("Reference", "reference"),
    ("Status", "status"),
    ("Created", "created_at"),
    ("Contacted", "contacted_at"),
    ("Name", "name"),
    ("Phone", "phone_e164"),
    ("Email", "email"),
    ("Preferred time", "preferred_time_text"),
    ("Preferred date", "preferred_date"),
    ("Treatment", "treatment"),
    ("Reason", "reason"),
    ("Consent", "consent"),
    ("Conversation", "conversation_id"),
)
EXPORT_FIELDS = (
    "reference",
    "status",
    "created_at",
    "contacted_at",
    "name",
    "phone_e164",
    "email",
    "preferred_time_text",
    "preferred_date",
    "treatment",
    "reason",
    "conversation_id",
)


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command and return its exit code."""
    args = build_parser().parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(levelname)s %(message)s")
    store = BookingStore.from_url(args.db_url or settings.booking_db_url())
    try:
        store.create_schema()
        return args.command(store, args)
    finally:
        store.close()


def build_parser() -> argparse.ArgumentParser:
    """The argument parser with one sub-command per staff task."""
    parser = argparse.ArgumentParser(
        prog="python -m bot.bookings",
        description="Booking requests from the assistant: list, show, export, tidy.",
    )
    parser.add_argument(
        "--db-url", help="SQLAlchemy URL (default: BOOKING_DB_URL or var/bookings.db)"
    )
    commands = parser.add_subparsers(metavar="COMMAND", required=True)

    listing = commands.add_parser("list", help="booking requests, newest first")
    _add_filters(listing)
    listing.set_defaults(command=cmd_list)

    show = commands.add_parser("show", help="everything about one booking request")
    show.add_argument("reference", help="e.g. HSC-7K2Q9")
    show.set_defaults(command=cmd_show)

    export = commands.add_parser("export", help="booking requests as CSV")
    export.add_argument(
        "--csv",
        required=True,
        nargs="?",
        const="-",
        metavar="FILE",
        help="file to write (created readable by you only), or - for stdout",
    )
    _add_filters(export)
    export.set_defaults(command=cmd_export)

    contacted = commands.add_parser(
        "mark-contacted", help="record that the patient was called"
    )
    contacted.add_argument("reference")
    contacted.set_defaults(command=cmd_mark_contacted)

    forget = commands.add_parser(
        "forget",
        help="delete a patient's booking requests and their conversations",
        description=(
            "Delete every booking request with this reference, or made with this "
            "phone number, with its notifications. The running assistant forgets "
            "the conversations they came from at its next message "
            "(it checks every FORGET_POLL_SECONDS, default 60)."
        ),
    )
    which = forget.add_mutually_exclusive_group(required=True)
    which.add_argument("reference", nargs="?", help="e.g. HSC-7K2Q9")
    which.add_argument(
        "--phone", type=uk_phone, help="the UK phone number they booked with"
    )
    forget.set_defaults(command=cmd_forget)

    purge = commands.add_parser(
        "purge", help="delete old booking requests and expired conversations"
    )
    purge.add_argument(
        "--older-than", required=True, type=retention, help="e.g. 90d or 12w"
    )
    purge.set_defaults(command=cmd_purge)

    send = commands.add_parser("send-outbox", help="email staff about new requests")
    send.add_argument("--loop", action="store_true", help="keep sending until ^C")
    send.add_argument(
        "--interval",
        type=float,
        default=None,
        help="seconds between passes with --loop (default: OUTBOX_POLL_SECONDS)",
    )
    send.set_defaults(command=cmd_send_outbox)

    init = commands.add_parser("init-db", help="create the tables")
    init.set_defaults(command=cmd_init_db)
    return parser


def _add_filters(parser: argparse.ArgumentParser) -> None:
    """--status, --since and --until, shared by list and export."""
    parser.add_argument("--status", choices=BOOKING_STATUSES)
    parser.add_argument(
        "--since", type=iso_date, help="YYYY-MM-DD, from the start of that day (UTC)"
    )
    parser.add_argument(
        "--until", type=iso_date, help="YYYY-MM-DD, to the end of that day (UTC)"
    )


def iso_date(text: str) -> date:
    """Parse YYYY-MM-DD for argparse."""
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a YYYY-MM-DD date: {text!r}") from None


def retention(text: str) -> timedelta:
    """Parse "90d" or "12w" for argparse (at least one day)."""
    match = re.fullmatch(r"(\d+)\s*([dw])", text.strip().lower())
    if not match or int(match.group(1)) < 1:
        raise argparse.ArgumentTypeError(f"use days or weeks, e.g. 90d: {text!r}")
    days = int(match.group(1)) * (7 if match.group(2) == "w" else 1)
    return timedelta(days=days)


def uk_phone(text: str) -> str:
    """Parse a UK phone number for argparse (E.164), without echoing it."""
    from bot.bookings.validation import normalise_uk_phone  # loads dateparser

    result = normalise_uk_phone(text)
    if not result.ok or result.value is None:
        raise argparse.ArgumentTypeError("not a UK phone number")
    return result.value


def _filtered(store: BookingStore, args: argparse.Namespace) -> list[BookingRequest]:
    """Bookings matching --status/--since/--until."""
    return store.list(
        status=args.status,
        since=_start_of(args.since),
        until=_start_of(args.until + timedelta(days=1) if args.until else None),
    )


def _start_of(day: date | None) -> datetime | None:
    """Midnight UTC at the start of `day`."""
    return datetime.combine(day, time(0), tzinfo=timezone.utc) if day else None


def cmd_list(store: BookingStore, args: argparse.Namespace) -> int:
    """Print a table of booking requests."""
    bookings = _filtered(store, args)
    if not bookings:
        print("No booking requests.")
        return EXIT_OK
    headers = [title for title, _, _ in TABLE_COLUMNS]
    rows = [
        [
            display.for_terminal(getattr(b, field), width)
            for _, field, width in TABLE_COLUMNS
        ]
        for b in bookings
    ]
    print(display.table(headers, rows))
    print(f"\n{len(bookings)} booking request(s).")
    return EXIT_OK


def cmd_show(store: BookingStore, args: argparse.Namespace) -> int:
    """Print every field of one booking request and its outbox."""
    booking = store.get(args.reference)
    if booking is None:
        return _not_found(args.reference)
    label_width = max(len(label) for label, _ in SHOW_FIELDS)
    for label, field in SHOW_FIELDS:
        value = getattr(booking, field)
        shown = display.for_terminal(value) if value not in (None, "") else "-"
        print(f"{label + ':':<{label_width + 2}}{shown}")
    for message in store.outbox_for(booking.reference):
        print(
            f"{'Notification:':<{label_width + 2}}{message.status}, "
            f"{message.attempts} attempt(s)"
            + (f", sent {display.plain(message.sent_at)}" if message.sent_at else "")
        )
    return EXIT_OK


def cmd_export(store: BookingStore, args: argparse.Namespace) -> int:
    """Write booking requests as CSV to a file or stdout."""
    bookings = _filtered(store, args)
    with _open_output(args.csv) as out:
        writer = csv.writer(out)
        writer.writerow(EXPORT_FIELDS)
        for booking in bookings:
            writer.writerow(
                [display.for_csv(getattr(booking, f)) for f in EXPORT_FIELDS]
            )
    if args.csv != "-":
        print(f"Exported {len(bookings)} booking request(s).", file=sys.stderr)
    return EXIT_OK


@contextmanager
def _open_output(path: str) -> Iterator[IO[str]]:
    """stdout for "-", else a new file only its owner can read (it is personal data)."""
    if path == "-":
        yield sys.stdout
        return
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with open(fd, "w", newline="", encoding="utf-8") as out:
        yield out


def cmd_mark_contacted(store: BookingStore, args: argparse.Namespace) -> int:
    """Record that staff called the patient back."""
    if not store.mark_contacted(args.reference):
        return _not_found(args.reference)
    print(f"{normalise_reference(args.reference)} marked as contacted.")
    return EXIT_OK


def cmd_forget(store: BookingStore, args: argparse.Namespace) -> int:
    """Delete a patient's booking requests; the assistant then forgets their chats."""
    forgotten = store.forget(reference=args.reference, phone=args.phone)
    if not forgotten.count:
        what = "that reference" if args.reference else "that phone number"
        print(
            f"No booking request matches {what}, so nothing was deleted.",
            file=sys.stderr,
        )
        return EXIT_NOT_FOUND
    print(
        f"Deleted {forgotten.count} booking request(s): "
        f"{', '.join(forgotten.references)}."
    )
    print(
        f"The running assistant forgets {len(forgotten.conversation_ids)} "
        "conversation(s) when it next checks (at most every "
        f"{settings.forget_poll_seconds():g} s, as messages arrive)."
    )
    if forgotten.emailed:
        print("Staff were already emailed about it: delete those emails too.")
    return EXIT_OK


def cmd_purge(store: BookingStore, args: argparse.Namespace) -> int:
    """Delete booking requests older than --older-than."""
    deleted = store.purge(args.older_than)
    print(
        f"Deleted {deleted} booking request(s) older than {args.older_than.days} days."
    )
    talks = conversations.purge_expired()
    print(
        f"Deleted {talks} conversation(s) whose last message is "
        f"older than {settings.conversation_retention_days():g} "
        "days (CONVERSATION_RETENTION_DAYS)."
    )
    return EXIT_OK


def cmd_send_outbox(store: BookingStore, args: argparse.Namespace) -> int:
    """Send due staff notifications once, or every --interval seconds with --loop."""
    sender = OutboxSender(store, settings.smtp_url())
    if args.loop:
        interval = args.interval or settings.outbox_poll_seconds()
        # The loop `make run` starts also keeps the retention promise of the
        # privacy notice: requests older than BOOKING_RETENTION_DAYS are deleted.
        retention = RetentionSweep(
            store,
            timedelta(days=settings.booking_retention_days()),
            also=conversations.purge_expired,
        )
        with suppress(KeyboardInterrupt):
            sender.run_forever(interval, housekeeping=retention.run_if_due)
        return EXIT_OK
    report = sender.run_once()
    print(
        f"Sent {report.sent}, failed {report.failed}, "
        f"left pending {report.left_pending}."
    )
    return EXIT_OK


def cmd_init_db(store: BookingStore, args: argparse.Namespace) -> int:
    """Create the tables (every command does this; here it is the whole job)."""
    url = store.engine.url.render_as_string(hide_password=True)
    print(f"Booking store ready: {url}")
    return EXIT_OK


def _not_found(reference: str) -> int:
    """Say there is no such booking and return exit code 1."""
    print(f"No booking request {display.for_terminal(reference, 20)}.", file=sys.stderr)
    return EXIT_NOT_FOUND
