"""The model files: the live model, the one before it, and the candidates.

    models/current.tar.gz + current.json    what `make run` serves
    models/previous.tar.gz + previous.json  what `make rollback` goes back to
    models/candidates/<name>.tar.gz         trained by `make retrain`, the last few kept

The .json files name the model and hold its checksum, so a model trained outside
`make retrain` (e.g. by `make train`) is recognised as unnamed.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import tarfile
from dataclasses import asdict, dataclass
from datetime import datetime
from pathlib import Path

from bot.settings import PROJECT_ROOT

KEEP_CANDIDATES = 5


@dataclass(frozen=True)
class ModelInfo:
    """Which model a file is."""

    name: str
    sha256: str
    published: str = ""


def sha256(path: Path) -> str:
    """The checksum of a file."""
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def rasa_model_id(path: Path) -> str | None:
    """The model_id Rasa reports in GET /status for this model archive."""
    with tarfile.open(path, "r:gz") as archive:
        for member in archive:
            if member.name.lstrip("/") == "metadata.json":
                handle = archive.extractfile(member)
                return json.load(handle).get("model_id") if handle else None
    return None


def new_name() -> str:
    """A name for a new candidate model: the time it was started."""
    return datetime.now().strftime("%Y%m%d-%H%M%S")


def _copy_atomically(source: Path, target: Path) -> None:
    """Replaces target with a copy of source; readers never see a half-written file."""
    partial = target.with_name(f".{target.name}.partial")
    shutil.copyfile(source, partial)
    os.replace(partial, target)


class ModelStore:
    """The models folder of a project."""

    def __init__(self, root: Path = PROJECT_ROOT) -> None:
        self.folder = root / "models"
        self.candidates = self.folder / "candidates"
        self.current = self.folder / "current.tar.gz"
        self.previous = self.folder / "previous.tar.gz"
        # `make train` retrains when this stamp is older than the data; publishing
        # refreshes it so that `make run` serves the published model as it is.
        self.stamp = self.folder / ".trained"

    def candidate(self, name: str) -> Path:
        """Where the candidate of this name is trained to."""
        return self.candidates / f"{name}.tar.gz"

    def _info_path(self, model: Path) -> Path:
        return model.with_name(model.name.replace(".tar.gz", ".json"))

    def info(self, model: Path) -> ModelInfo | None:
        """Name and checksum of current.tar.gz or previous.tar.gz; None if there is
        none.

        A file without a (matching) record is named after its modification time.
        """
        if not model.exists():
            return None
        checksum = sha256(model)
        record = self._info_path(model)
        if record.exists():
            info = ModelInfo(**json.loads(record.read_text(encoding="utf-8")))
            if info.sha256 == checksum:
                return info
        stamp = datetime.fromtimestamp(model.stat().st_mtime).strftime("%Y%m%d-%H%M%S")
        return ModelInfo(f"unnamed-{stamp}", checksum)

    def _write_info(self, model: Path, info: ModelInfo) -> None:
        self._info_path(model).write_text(
            json.dumps(asdict(info), indent=2), encoding="utf-8"
        )

    def publish(self, candidate: Path, name: str) -> ModelInfo:
        """Makes the candidate the current model;
        the current one becomes the previous."""
        current = self.info(self.current)
        if current:
            _copy_atomically(self.current, self.previous)
            self._write_info(self.previous, current)
        _copy_atomically(candidate, self.current)
        info = ModelInfo(
            name, sha256(self.current), datetime.now().isoformat(timespec="seconds")
        )
        self._write_info(self.current, info)
        self.stamp.touch()
        self._prune()
        return info

    def rollback(self) -> tuple[ModelInfo, ModelInfo]:
        """Swaps the current and previous models; returns (now live, now previous)."""
        previous, current = self.info(self.previous), self.info(self.current)
        if previous is None or current is None:
            raise FileNotFoundError("there is no previous model to go back to")
        swap = self.folder / ".swap.tar.gz"
        shutil.copyfile(self.current, swap)
        _copy_atomically(self.previous, self.current)
        os.replace(swap, self.previous)
        self._write_info(self.current, previous)
        self._write_info(self.previous, current)
        self.stamp.touch()
        return previous, current

    def _prune(self) -> None:
        kept = sorted(self.candidates.glob("*.tar.gz"), key=lambda p: p.stat().st_mtime)
        for old in kept[:-KEEP_CANDIDATES]:
            old.unlink()
