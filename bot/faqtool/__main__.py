"""Command line: `python -m bot.faqtool check|build|import|export|digest`."""

from __future__ import annotations

import argparse
import sys
from datetime import datetime
from pathlib import Path

from bot.evaluation import HOLDOUT
from bot.faqtool.build import GENERATED, build
from bot.faqtool.check import CLINIC_CONTENT, check
from bot.faqtool.digest import REPORTS_DIR
from bot.faqtool.phones import PhonesError
from bot.faqtool.source import FAQ_DIR, FaqFileError, load_all, load_file
from bot.faqtool.spreadsheet import (
    DEFAULT_TARGET,
    SpreadsheetError,
    export_csv,
    import_csv,
)


def _holdout(args: argparse.Namespace) -> Path | None:
    """The held-out file to check and import into: the project's for its FAQs."""
    if args.holdout is not None:
        return args.holdout
    return HOLDOUT if args.faq_dir.resolve() == FAQ_DIR.resolve() else None


def _check(faq_dir: Path, clinic_content: Path, holdout: Path | None) -> int:
    findings = check(faq_dir, clinic_content, holdout)
    for finding in findings:
        print(finding)
    errors = sum(f.level == "error" for f in findings)
    if errors:
        print(f"faq check: {errors} error(s). Fix them and run it again.")
        return 1
    print(f"faq check: OK ({len(findings)} warning(s)).")
    return 0


def _import(args: argparse.Namespace) -> int:
    try:
        result = import_csv(
            args.csv, args.into, args.faq_dir, args.clinic_content, _holdout(args)
        )
    except (SpreadsheetError, FaqFileError, PhonesError, OSError) as exc:
        print(f"faq import: {exc}")
        return 1
    for note in result.notes:
        print(f"NOTE {note}")
    for finding in result.findings:
        print(finding)
    if not result.written:
        print(
            f"faq import: nothing was changed. Fix the errors above in {args.csv.name} "
            "and import it again."
        )
        return 1
    if result.added or result.updated:
        print(
            f"faq import: wrote {result.target} ({len(result.added)} new FAQ(s): "
            f"{', '.join(result.added) or '-'}; {len(result.updated)} updated: "
            f"{', '.join(result.updated) or '-'})."
        )
    if result.tested:
        print(
            f"faq import: wrote the test questions of {', '.join(result.tested)} "
            f"to {result.holdout}."
        )
    print("Next: `make retrain` trains, tests and (if nothing got worse) publishes it.")
    return 0


def _digest(args: argparse.Namespace) -> int:
    # imported here: the other commands need neither the database nor matplotlib
    from bot.bookings.validation import CLINIC_TIMEZONE
    from bot.faqtool.digest import parse_since, write_digest
    from bot.server.conversations import conversations_engine

    now = datetime.now(CLINIC_TIMEZONE)
    try:
        start = parse_since(args.since, now)
    except ValueError as exc:
        print(f"faq digest: {exc}")
        return 2
    written = write_digest(conversations_engine(), start, now, args.out)
    print(
        f"faq digest: {written.unanswered} of {written.messages} patient message(s) "
        f"since {start:%d %b %Y %H:%M} were not answered; {written.groups} group(s) "
        "of not-sure and out-of-scope messages."
    )
    print(f"  report:      {written.markdown}")
    print(f"  chart:       {written.chart}")
    print(
        f"  spreadsheet: {written.csv} (write the id and answer of each group to "
        "answer, then make faq-import CSV=...)"
    )
    return 0


def main(argv: list[str] | None = None) -> int:
    """Runs the FAQ command named on the command line; returns the exit code."""
    parser = argparse.ArgumentParser(prog="faq", description=__doc__)
    parser.add_argument("--faq-dir", type=Path, default=FAQ_DIR)
    parser.add_argument("--clinic-content", type=Path, default=CLINIC_CONTENT)
    parser.add_argument(
        "--holdout",
        type=Path,
        default=None,
        help="held-out test questions to check and import into (default "
        "tests/nlu_holdout.yml when --faq-dir is the project's bot/faq)",
    )
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("check", help="check the FAQ files for mistakes")
    p_build = sub.add_parser("build", help="check, then write Rasa training data")
    p_build.add_argument("--out", type=Path, default=GENERATED)
    p_import = sub.add_parser(
        "import", help="add or update FAQs from a spreadsheet (CSV)"
    )
    p_import.add_argument(
        "csv",
        type=Path,
        help="columns: id, question, answer, source (and test_question)",
    )
    p_import.add_argument(
        "--into",
        default=DEFAULT_TARGET,
        help=f"FAQ file to write (default {DEFAULT_TARGET})",
    )
    p_export = sub.add_parser("export", help="write FAQs to a spreadsheet (CSV)")
    p_export.add_argument("csv", type=Path)
    p_export.add_argument(
        "--from", dest="source_file", help="only this file, e.g. clinic.yml"
    )
    p_digest = sub.add_parser(
        "digest",
        help="the questions the assistant could not answer -> reports/digest-<date>.*",
    )
    p_digest.add_argument(
        "--since", default="7d", help="24h, 7d, 2w or a date (2026-11-01); default 7d"
    )
    p_digest.add_argument("--out", type=Path, default=REPORTS_DIR)
    args = parser.parse_args(argv)

    if args.command == "import":
        return _import(args)
    if args.command == "digest":
        return _digest(args)
    if args.command == "export":
        faqs = (
            load_file(args.faq_dir / args.source_file)
            if args.source_file
            else load_all(args.faq_dir)
        )
        print(f"faq export: wrote {len(faqs)} FAQ(s) to {export_csv(faqs, args.csv)}")
        return 0
    status = _check(args.faq_dir, args.clinic_content, _holdout(args))
    if status == 0 and args.command == "build":
        print(f"faq build: wrote {build(args.faq_dir, args.out)}")
    return status


if __name__ == "__main__":
    sys.exit(main())
