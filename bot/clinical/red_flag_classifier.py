"""A second reader of red flags in other languages, learnt from example messages.

The rules of each language (other_languages.py) catch the wordings their writers
thought of; a new writer's emergencies are caught 85-92 % of the time. This
classifier reads what the rules missed: character n-grams (1-4, inside words)
and words of the example sets in `EXAMPLES` (emergencies by kind, ordinary
messages as `none`), a logistic regression over them. It learns how each language
writes about the toilet, numbness or a chest that squeezes, spellings and
dialects included, rather than the phrases of one writer.

It reads only messages already taken for another language (bot/nlu/safety.py):
English never reaches it. Its choices were made by leaving one example set out
at a time (a new writer) before any blind set was measured: features, `C` and
`MIN_EMERGENCY` (recall 98.0 % with 3.6 % false alarms on the set left out).

The model is learnt on first use (about 7 s on 2 cores; warm_up() does it at
start), kept in memory and saved under models/ for the next process, named by a
hash of the examples and the settings so that a change retrains it. No Rasa import.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import tempfile
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, cast

import yaml

from bot.clinical.analysis import RED_FLAG_KINDS, RedFlagKind
from bot.settings import PROJECT_ROOT

if TYPE_CHECKING:
    from sklearn.pipeline import Pipeline

EXAMPLES = Path(__file__).parent / "other_languages" / "examples"
SAVED = PROJECT_ROOT / "models"
ORDINARY = "none"
# The classifier's probability that a message is an emergency (any kind) from
# which it counts as one.
MIN_EMERGENCY = 0.6
C = 10.0


@dataclass(frozen=True)
class Example:
    """One example message: its language, text and kind (`none` if ordinary)."""

    language: str
    text: str
    label: str


def load_examples(folder: Path = EXAMPLES) -> list[Example]:
    """Every example of every set in `folder`."""
    examples = []
    for path in sorted(folder.glob("*.yml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        for language, sets in data["languages"].items():
            for item in sets.get("emergencies") or []:
                if item["kind"] not in RED_FLAG_KINDS:
                    raise ValueError(f"{path.name}: unknown kind {item['kind']!r}")
                examples.append(Example(language, item["text"], item["kind"]))
            for item in sets.get("ordinary") or []:
                examples.append(Example(language, item["text"], ORDINARY))
    return examples


def train(examples: list[Example], c: float = C) -> Pipeline:
    """A classifier learnt from `examples` (labels: the kinds and `none`)."""
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import make_pipeline, make_union

    features = make_union(
        TfidfVectorizer(
            analyzer="char_wb", ngram_range=(1, 4), sublinear_tf=True, min_df=2
        ),
        TfidfVectorizer(analyzer="word", sublinear_tf=True),
    )
    model = make_pipeline(
        features, LogisticRegression(C=c, max_iter=3000, class_weight="balanced")
    )
    model.fit([e.text for e in examples], [e.label for e in examples])
    return model


def emergency_kind(
    model: Pipeline, text: str, threshold: float = MIN_EMERGENCY
) -> RedFlagKind | None:
    """The most likely kind when the model takes `text` for an emergency."""
    labels = list(model.classes_)
    probabilities = model.predict_proba([text])[0]
    if 1.0 - probabilities[labels.index(ORDINARY)] < threshold:
        return None
    ranked = sorted(zip(probabilities, labels, strict=True), reverse=True)
    return cast(RedFlagKind, next(label for _, label in ranked if label != ORDINARY))


def saved_model_path(folder: Path = EXAMPLES) -> Path:
    """Where the model learnt from `folder`'s examples is saved."""
    import sklearn

    key = hashlib.sha256(f"{sklearn.__version__} {C}".encode())
    for path in sorted(folder.glob("*.yml")):
        key.update(path.name.encode() + path.read_bytes())
    return SAVED / f"red-flag-classifier-{key.hexdigest()[:16]}.pkl"


@lru_cache(maxsize=1)
def _model() -> Pipeline:
    path = saved_model_path()
    if path.exists():
        # written by this code (models/ is the project's own, like the Rasa model)
        return pickle.loads(path.read_bytes())
    model = train(load_examples())
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=path.parent, delete=False) as handle:
            pickle.dump(model, handle)
        os.replace(handle.name, path)  # whole or absent, for a process reading it
    except OSError:
        pass  # a read-only checkout learns it again next time
    return model


def classify(text: str) -> RedFlagKind | None:
    """The red-flag kind of a message in another language, or None."""
    return emergency_kind(_model(), text)


def warm_up() -> None:
    """Learns the model now rather than on the first message."""
    _model()
