"""The Markdown report and chart of a model, next to the live one."""

from __future__ import annotations

from pathlib import Path

from bot.evaluation import Prediction, Report
from bot.faqtool.source import Faq, fingerprint
from bot.retrain import model_report
from bot.retrain.gate import ConversationResult, decide
from bot.retrain.model_report import (
    Comparison,
    edited_faqs,
    load_fingerprints,
    save_fingerprints,
)

LIVE = {
    "faq/clinic_location": (10, {}),
    "faq/clinic_contact": (10, {}),
    "red_flag": (3, {}),
}
NEW = {
    "faq/clinic_location": (7, {"faq/clinic_contact": 3}),
    "faq/clinic_contact": (10, {}),
    "red_flag": (3, {}),
}


def test_report_side_by_side_with_chart_and_confusions(
    make_report, tmp_path: Path
) -> None:
    live, new = make_report(LIVE), make_report(NEW)
    decision = decide(live, new, ConversationResult(passed=4))
    path = model_report.write(
        Comparison(
            new,
            "20260101-120000",
            live,
            "20251201-090000",
            decision.lines(),
            "4 passed, 0 failed",
            "tests/nlu_holdout.yml",
        ),
        folder=tmp_path,
    )

    text = path.read_text()
    assert (tmp_path / "latest.md").read_text() == text
    png = tmp_path / "20260101-120000-f1.png"
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert "![per-FAQ F1](20260101-120000-f1.png)" in text
    assert "| | live (20251201-090000) | new (20260101-120000) |" in text
    assert "| right FAQ answer (response selection) | 100.0% | 85.0% |" in text
    assert "Decision: **REFUSED**" in text
    assert "| faq/clinic_location | 1.00 | 0.82 |" in text  # FAQs that got worse
    assert (
        "| faq/clinic_location | 10 | 1.00 | 1.00 | 1.00 | 0.70 | 1.00 | 0.82 |" in text
    )
    assert (
        '| faq/clinic_location | faq/clinic_contact | 3 | "faq/clinic_location '
        'question 7"' in text
    )


def test_first_report_has_no_live_column_values(make_report, tmp_path: Path) -> None:
    new = make_report(LIVE)
    text = model_report.write(
        Comparison(
            new,
            "m1",
            None,
            None,
            ["Decision: **PUBLISH**"],
            "not run",
            "tests/nlu_holdout.yml",
        ),
        folder=tmp_path,
    ).read_text()
    assert "| accuracy, all held-out questions | - | 100.0% |" in text
    assert "FAQs that got worse" not in text
    assert "None: every held-out question got its label." in text


def test_predictions_are_stored_per_held_out_set(make_report, tmp_path: Path) -> None:
    stored = make_report(NEW)
    model_report.save_predictions(stored, "m1", "sha-a", folder=tmp_path)
    loaded = model_report.load_predictions("m1", "sha-a", folder=tmp_path)
    assert loaded is not None and loaded.predictions == stored.predictions
    assert model_report.load_predictions("m1", "sha-b", folder=tmp_path) is None
    assert model_report.load_predictions("m2", "sha-a", folder=tmp_path) is None


def test_a_pipe_in_a_question_does_not_break_the_table(tmp_path: Path) -> None:
    new = Report([Prediction("a | b", "faq/x", "faq/y", 0.5)])
    comparison = Comparison(new, "m", None, None, [], "-", "h")
    text = model_report.write(comparison, folder=tmp_path).read_text()
    assert '"a \\| b"' in text


def test_fingerprints_tell_which_faqs_were_edited(tmp_path: Path) -> None:
    def faq(questions: tuple[str, ...], answer: str = "A.") -> Faq:
        return Faq(id="x", answer=answer, source="s", questions=questions)

    same = fingerprint(faq(("a?", "b?")))
    assert fingerprint(faq(("b?", "a?"))) == same  # order is not content
    assert fingerprint(faq(("a?", "b?", "c?"))) != same
    assert fingerprint(faq(("a?", "b?"), answer="B.")) != same
    live = {"clinic_location": "1", "clinic_contact": "2", "old": "3"}
    save_fingerprints(live, "live", tmp_path)
    assert load_fingerprints("live", tmp_path) == live
    assert load_fingerprints("trained-by-make-train", tmp_path) is None
    new = {"clinic_location": "1", "clinic_contact": "9", "clinic_parking": "4"}
    assert edited_faqs(live, new) == {"clinic_contact", "clinic_parking", "old"}
    assert edited_faqs(None, new) is None
