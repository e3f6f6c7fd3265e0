"""What a benchmark runs on: training questions, folds, red-flag cases."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Sequence

import yaml

from bot.evaluation import RED_FLAG, Example
from bot.settings import PROJECT_ROOT

if TYPE_CHECKING:
    from rasa.shared.nlu.training_data.training_data import TrainingData

DATA_DIR = PROJECT_ROOT / "bot" / "data"
DOMAIN = PROJECT_ROOT / "domain.yml"
HOLDOUT = PROJECT_ROOT / "tests" / "nlu_holdout.yml"
RED_FLAG_CASES = PROJECT_ROOT / "tests" / "data" / "red_flag_cases.yml"
ORDINARY = "ordinary"


def load_red_flag_cases(path: Path = RED_FLAG_CASES) -> list[Example]:
    """tests/data/red_flag_cases.yml as examples labelled `red_flag` or `ordinary`."""
    cases = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    return [Example(case["text"], RED_FLAG) for case in cases.get("red_flag") or []] + [
        Example(case["text"], ORDINARY) for case in cases.get("ordinary") or []
    ]


def stratified_folds(
    labels: Sequence[str], folds: int, seed: int = 42
) -> list[list[int]]:
    """Indices of each fold's test part; every label spread evenly over the folds."""
    from sklearn.model_selection import StratifiedKFold

    rare = {label for label in set(labels) if list(labels).count(label) < folds}
    if rare:
        raise ValueError(f"fewer than {folds} examples of {sorted(rare)}")
    splitter = StratifiedKFold(n_splits=folds, shuffle=True, random_state=seed)
    return [
        sorted(test.tolist()) for _, test in splitter.split(list(labels), list(labels))
    ]


def load_training_data() -> "TrainingData":
    """Every NLU file under bot/data, merged (after `python -m bot.faqtool build`)."""
    from rasa.shared.data import get_data_files, is_nlu_file
    from rasa.shared.nlu.training_data.loading import load_data

    files = sorted(get_data_files([str(DATA_DIR)], is_nlu_file))
    if not any(f.endswith("faq.generated.yml") for f in files):
        raise SystemExit(
            "bot/data/faq.generated.yml is missing: run `python -m bot.faqtool build`"
        )
    data = load_data(files[0])
    for path in files[1:]:
        data = data.merge(load_data(path))
    return data


def examples_of(data: "TrainingData") -> list[Example]:
    """The labelled questions of training data (`faq/<id>` for FAQ questions)."""
    return [
        Example(m.get("text"), m.get("intent_response_key") or m.get("intent"))
        for m in data.intent_examples
    ]


def write_subset(data: "TrainingData", keep: Sequence[int], path: Path) -> Path:
    """An NLU file: the questions at `keep`, every regex, lookup, synonym, answer."""
    from rasa.shared.nlu.training_data.formats.rasa_yaml import RasaYAMLWriter
    from rasa.shared.nlu.training_data.training_data import TrainingData

    questions = data.intent_examples
    subset = TrainingData(
        training_examples=[questions[i] for i in keep],
        entity_synonyms=data.entity_synonyms,
        regex_features=data.regex_features,
        lookup_tables=data.lookup_tables,
        responses=data.responses,
    )
    path.write_text(RasaYAMLWriter().dumps(subset), encoding="utf-8")
    return path
