"""The model files: publish keeps the previous model, rollback swaps them back."""

from __future__ import annotations

import io
import json
import tarfile
from pathlib import Path

import pytest

from bot.retrain.store import KEEP_CANDIDATES, ModelStore, rasa_model_id


@pytest.fixture
def store(tmp_path: Path) -> ModelStore:
    models = ModelStore(tmp_path)
    models.candidates.mkdir(parents=True)
    return models


def _candidate(store: ModelStore, name: str) -> Path:
    path = store.candidate(name)
    path.write_bytes(f"model {name}".encode())
    return path


def test_publish_then_rollback_and_back(store: ModelStore) -> None:
    store.publish(_candidate(store, "m1"), "m1")
    assert store.current.read_bytes() == b"model m1" and not store.previous.exists()
    assert store.stamp.exists()

    store.publish(_candidate(store, "m2"), "m2")
    assert (
        store.info(store.current).name == "m2"
        and store.info(store.previous).name == "m1"
    )

    live, previous = store.rollback()
    assert (live.name, previous.name) == ("m1", "m2")
    assert store.current.read_bytes() == b"model m1"
    assert store.previous.read_bytes() == b"model m2"
    store.rollback()
    assert store.info(store.current).name == "m2"


def test_rollback_without_a_previous_model(store: ModelStore) -> None:
    store.publish(_candidate(store, "m1"), "m1")
    with pytest.raises(FileNotFoundError, match="no previous model"):
        store.rollback()


def test_a_model_trained_outside_retrain_is_unnamed(store: ModelStore) -> None:
    store.publish(_candidate(store, "m1"), "m1")
    store.current.write_bytes(b"made by make train")
    assert store.info(store.current).name.startswith("unnamed-")


def test_only_the_last_candidates_are_kept(store: ModelStore) -> None:
    for n in range(KEEP_CANDIDATES + 2):
        path = _candidate(store, f"m{n}")
        path.touch()
        store.publish(path, f"m{n}")
    assert len(list(store.candidates.glob("*.tar.gz"))) == KEEP_CANDIDATES


def test_model_id_is_read_from_the_archive(tmp_path: Path) -> None:
    archive = tmp_path / "model.tar.gz"
    with tarfile.open(archive, "w:gz") as tar:
        data = json.dumps({"model_id": "abc123"}).encode()
        info = tarfile.TarInfo("metadata.json")
        info.size = len(data)
        tar.addfile(info, io.BytesIO(data))
    assert rasa_model_id(archive) == "abc123"
