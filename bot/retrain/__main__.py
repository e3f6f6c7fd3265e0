"""Command line: `python -m bot.retrain [run|rollback|status|report]`.

run (the default, `make retrain`): check, train, evaluate, gate, publish.
rollback (`make rollback`): put the previous model back.
status: which models are live and previous, and what the running assistant serves.
report: write the live model's evaluation report (reports/<model>.md,
reports/latest.md).
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from bot.retrain.gate import MAX_FAQ_ACCURACY_DROP
from bot.retrain.live import LiveAssistant, LiveError
from bot.retrain.pipeline import Refused, Retrain, duration
from bot.retrain.store import ModelStore
from bot.settings import PROJECT_ROOT


def _status(store: ModelStore, live: LiveAssistant) -> int:
    for label, path in (("live", store.current), ("previous", store.previous)):
        info = store.info(path)
        when = f", published {info.published}" if info and info.published else ""
        print(f"{label:9} {info.name + when if info else '(none)'}")
    if live.is_running():
        try:
            print(
                f"running   the assistant at {live.url} "
                f"serves model_id {live.model_id()}"
            )
        except LiveError as exc:
            print(f"running   the assistant at {live.url} answers, but: {exc}")
    else:
        print(f"running   no assistant answers at {live.url}")
    return 0


def main(argv: list[str] | None = None) -> int:
    """Runs the command named on the command line; returns the exit code."""
    parser = argparse.ArgumentParser(
        prog="retrain",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument(
        "command",
        nargs="?",
        default="run",
        choices=("run", "rollback", "status", "report"),
    )
    parser.add_argument(
        "--config",
        type=Path,
        default=PROJECT_ROOT / "config.yml",
        help="Rasa config to train with (default config.yml)",
    )
    parser.add_argument(
        "--max-drop",
        type=float,
        default=100 * MAX_FAQ_ACCURACY_DROP,
        help="points of right FAQ answers the new model may lose (default %(default)g)",
    )
    parser.add_argument(
        "--no-publish",
        action="store_true",
        help="train, evaluate and report, but do not publish",
    )
    args = parser.parse_args(argv)
    workflow = Retrain(config=args.config.resolve(), max_drop=args.max_drop / 100)

    if args.command == "status":
        return _status(workflow.store, workflow.live)
    start = time.monotonic()
    try:
        if args.command == "report":
            print(f"report: wrote {workflow.report_live()} (also reports/latest.md)")
            return 0
        if args.command == "rollback":
            now_live, now_previous, loaded = workflow.rollback()
            where = (
                "and in the running assistant"
                if loaded
                else "(the assistant is not running)"
            )
            print(
                f"rollback: {now_live.name} is live again {where}; {now_previous.name} "
                "is kept as the previous model (`make rollback` again switches back)."
            )
            print(
                "The FAQ files still hold your latest change: "
                "fix or undo it in bot/faq/, then `make retrain`."
            )
            return 0
        outcome = workflow.run(publish=not args.no_publish)
    except Refused as exc:
        print(f"retrain: REFUSED after {duration(time.monotonic() - start)}: {exc}")
        return 1
    except (FileNotFoundError, LiveError) as exc:
        print(f"{args.command}: {exc}")
        return 1
    if outcome.published:
        where = (
            "the running assistant already answers with it"
            if outcome.loaded_live
            else "`make run` will serve it"
        )
        print(
            f"retrain: PUBLISHED {outcome.name} in "
            f"{duration(time.monotonic() - start)}; {where}. Report: {outcome.report}"
        )
    else:
        print(
            f"retrain: {outcome.name} passed the gate (not published: --no-publish). "
            f"Report: {outcome.report}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
