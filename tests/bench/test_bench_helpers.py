"""The benchmark's pure helpers (`make bench` itself is not part of `make test`)."""

from __future__ import annotations

import json
import math
from pathlib import Path

import pytest
import yaml

from bot.bench import fold
from bot.bench.baseline import TfidfNearestNeighbour
from bot.bench.configs import (
    CONFIGS,
    DEFAULT,
    OURS,
    epochs_of,
    selector_only,
    with_epochs,
)
from bot.bench.data import (
    ORDINARY,
    RED_FLAG_SETS,
    RedFlagSet,
    load_red_flag_cases,
    stratified_folds,
)
from bot.bench.load import LoadResult
from bot.bench.plan import FULL, QUICK
from bot.bench.progress import clock
from bot.bench.report import (
    OUR_BOT,
    SAMPLE_BOT,
    SHIPPED,
    Results,
    flatten,
    mean_std,
    pct,
    render,
    table,
    targets,
)
from bot.evaluation import Example, Prediction, Report


@pytest.mark.parametrize(
    "q, expected", [(0, 1.0), (50, 3.0), (95, 4.8), (99, 4.96), (100, 5.0)]
)
def test_latency_percentiles_in_milliseconds(q: float, expected: float) -> None:
    result = LoadResult(1, latencies=[0.005, 0.001, 0.004, 0.002, 0.003])
    assert result.ms(q) == pytest.approx(expected)


def test_latency_percentile_of_no_answers_is_nan() -> None:
    assert math.isnan(LoadResult(1, errors=3).ms(50))


def test_load_result_throughput_and_requests() -> None:
    result = LoadResult(8, latencies=[0.01, 0.02, 0.03], errors=1, wall_seconds=0.5)
    assert result.requests == 4
    assert result.throughput == pytest.approx(6.0)
    assert result.ms(50) == pytest.approx(20.0)


def test_stratified_folds_partition_and_spread_every_label() -> None:
    labels = ["a"] * 10 + ["b"] * 5 + ["c"] * 7
    folds = stratified_folds(labels, 5)
    assert sorted(i for part in folds for i in part) == list(range(len(labels)))
    for part in folds:
        assert {labels[i] for i in part} == {"a", "b", "c"}


def test_stratified_folds_refuse_a_label_rarer_than_the_folds() -> None:
    with pytest.raises(ValueError, match="rare"):
        stratified_folds(["a"] * 5 + ["rare"] * 2, 5)


def test_with_epochs_changes_only_components_trained_in_epochs() -> None:
    config = {
        "pipeline": [
            {"name": "WhitespaceTokenizer"},
            {"name": "DIETClassifier", "epochs": 100},
        ],
        "policies": [{"name": "RulePolicy"}, {"name": "TEDPolicy", "epochs": 100}],
    }
    fast = with_epochs(config, 3)
    assert epochs_of(fast) == {"DIETClassifier": 3, "TEDPolicy": 3}
    assert epochs_of(config) == {
        "DIETClassifier": 100,
        "TEDPolicy": 100,
    }  # not modified
    assert with_epochs(config, None) == config


def test_plans_bound_the_work() -> None:
    assert FULL.folds == 5 and not FULL.quick
    assert QUICK.folds == 2 and QUICK.quick
    assert sum(QUICK.requests.values()) < sum(FULL.requests.values()) <= 2000
    assert set(FULL.requests) == {1, 8, 32}


def test_tfidf_baseline_answers_like_the_nearest_question() -> None:
    model = TfidfNearestNeighbour().fit(
        [
            Example("what is IDD therapy", "faq/idd_what_is"),
            Example("where is the clinic", "faq/clinic_location"),
            Example("hello there", "greet"),
        ]
    )
    predictions = model.predict(
        [
            Example("wat is idd", "faq/idd_what_is"),
            Example("where's your clinic?", "faq/clinic_location"),
        ]
    )
    assert [p.predicted for p in predictions] == [
        "faq/idd_what_is",
        "faq/clinic_location",
    ]
    assert all(0 < p.confidence <= 1 for p in predictions)


@pytest.mark.parametrize("cases", RED_FLAG_SETS, ids=lambda s: s.key)
def test_red_flag_sets_have_both_kinds(cases: RedFlagSet) -> None:
    examples = load_red_flag_cases(cases.path)
    assert sum(c.label == "red_flag" for c in examples) >= 70
    assert sum(c.label == ORDINARY for c in examples) >= 70
    assert all(c.text.strip() for c in examples)


def test_red_flag_sets_do_not_share_messages() -> None:
    seen: dict[str, str] = {}
    for cases in RED_FLAG_SETS:
        for example in load_red_flag_cases(cases.path):
            key = " ".join(example.text.lower().split())
            assert key not in seen, (
                f"{example.text!r} in {seen.get(key)} and {cases.key}"
            )
            seen[key] = cases.key


def test_report_red_flag_precision_and_false_answers() -> None:
    report = Report(
        [
            Prediction("a", "red_flag", "red_flag", 1.0),
            Prediction("b", "ordinary", "red_flag", 1.0),
            Prediction("c", "out_of_scope", "faq/clinic_prices", 0.9),
            Prediction("d", "out_of_scope", "out_of_scope", 0.9),
        ]
    )
    assert report.red_flag_recall == 1.0
    assert report.red_flag_precision == 0.5
    assert report.false_answer_rate == 0.5
    assert [p.text for p in report.out_of_scope_answered] == ["c"]


def test_small_formatters() -> None:
    assert pct(0.97345) == "97.3 %"
    assert pct(None) == "n/a"
    assert mean_std([1.0, 3.0]) == (2.0, pytest.approx(math.sqrt(2)))
    assert mean_std([4.0]) == (4.0, 0.0)
    assert table(["a", "b"], [(1, 2)]) == "| a | b |\n|---|---|\n| 1 | 2 |"
    assert flatten({"x": {"y": 1}, "z": 2}) == [("x.y", 1), ("z", 2)]
    assert clock(125) == "2:05"


def _results() -> Results:
    return Results(
        plan=QUICK,
        date="2026-01-01 00:00 UTC",
        command="python -m bot.bench --quick",
        cpus=2,
        load_average=(1.0, 1.0, 1.0),
        rasa_version="3.6.21",
    )


def test_targets_judge_met_and_not_met() -> None:
    results = _results()
    results.red_flags["unseen"] = {
        SHIPPED: Report(
            [
                Prediction("a", "red_flag", "red_flag", 1.0),
                Prediction("b", "ordinary", "ordinary", 1.0),
            ]
        )
    }
    results.latency[OUR_BOT] = [LoadResult(8, latencies=[0.05] * 20, wall_seconds=1)]
    results.latency[SAMPLE_BOT] = [LoadResult(8, latencies=[0.02] * 20, wall_seconds=1)]
    results.training["ours"] = (200.0, 300.0, "rasa train")
    verdicts = {name: met for name, _, met in targets(results)}
    assert verdicts["red-flag recall 100 % (shipped, unseen set)"] is True
    assert verdicts["p95 latency at 8 conversations < 100 ms"] is True
    assert verdicts["... and within 2x the sample bot's p95"] is False  # 2.5x
    assert verdicts["full training < 120 s"] is False
    assert verdicts["held-out FAQ accuracy >= 95 %"] is None  # nothing scored yet


def test_render_of_an_empty_run_marks_quick_and_the_missing_swap() -> None:
    text = render(_results(), charts=[])
    assert "QUICK RUN" in text
    assert "Not measured in this run" in text
    assert "python -m bot.bench --quick" in text
    assert "2 CPU cores" in text


def test_fold_examples_and_predictions_round_trip(tmp_path: Path) -> None:
    examples = [Example("wat is idd", "faq/idd_what_is"), Example("hi", "greet")]
    path = fold.write_examples(examples, tmp_path / "test.json")
    assert [Example(**row) for row in json.loads(path.read_text())] == examples
    predictions = [Prediction("hi", "greet", "greet", 0.9)]
    written = fold.write_predictions(predictions, tmp_path / "p.json")
    assert fold.read_predictions(written) == predictions


def test_selector_only_keeps_what_chooses_an_faq_answer() -> None:
    ours = selector_only(yaml.safe_load(CONFIGS[OURS].read_text(encoding="utf-8")))
    assert [c["name"] for c in ours["pipeline"]] == [
        "bot.nlu.classifiers.LinearFaqSelector"
    ]
    default = selector_only(
        yaml.safe_load(CONFIGS[DEFAULT].read_text(encoding="utf-8"))
    )
    names = [c["name"] for c in default["pipeline"]]
    assert names[-1] == "ResponseSelector"
    assert "DIETClassifier" not in names and "FallbackClassifier" not in names
    assert ours["policies"] == default["policies"] == []
