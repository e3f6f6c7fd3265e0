"""Command line: `python -m bot.faqtool check|build`."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from bot.faqtool.build import GENERATED, build
from bot.faqtool.check import check
from bot.faqtool.source import FAQ_DIR


def main(argv: list[str] | None = None) -> int:
    """Runs the FAQ command named on the command line; returns the exit code."""
    parser = argparse.ArgumentParser(prog="faq", description=__doc__)
    parser.add_argument("--faq-dir", type=Path, default=FAQ_DIR)
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("check", help="check the FAQ files for mistakes")
    p_build = sub.add_parser("build", help="check, then write Rasa training data")
    p_build.add_argument("--out", type=Path, default=GENERATED)
    args = parser.parse_args(argv)

    findings = check(args.faq_dir)
    for finding in findings:
        print(finding)
    errors = sum(f.level == "error" for f in findings)
    if errors:
        print(f"faq check: {errors} error(s). Fix them and run it again.")
        return 1
    print(f"faq check: OK ({len(findings)} warning(s)).")
    if args.command == "build":
        print(f"faq build: wrote {build(args.faq_dir, args.out)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
