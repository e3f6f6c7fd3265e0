"""Training and parsing with Rasa (the only module of bot.bench that runs Rasa)."""

from __future__ import annotations

import contextlib
import resource
import subprocess
import sys
import time
from collections.abc import Awaitable, Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from bot.bench.data import DATA_DIR, DOMAIN
from bot.settings import PROJECT_ROOT, child_environment

if TYPE_CHECKING:
    from rasa.core.agent import Agent

RASA = Path(sys.executable).parent / "rasa"
RULES_COMPONENT = "ClinicalRules"


@dataclass(frozen=True)
class Timed:
    """A finished command: its output path, wall-clock and CPU seconds."""

    path: Path
    seconds: float
    cpu_seconds: float


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def run_timed(
    command: list[str], cwd: Path, log: Path, env: dict[str, str]
) -> tuple[float, float]:
    """Runs a command, output to `log`; (wall, CPU) seconds; raises on failure."""
    cpu, start = _children_cpu(), time.monotonic()
    with log.open("w") as out:
        done = subprocess.run(
            command, cwd=cwd, env=env, stdout=out, stderr=subprocess.STDOUT
        )
    seconds, cpu_seconds = time.monotonic() - start, _children_cpu() - cpu
    if done.returncode:
        raise RuntimeError(
            f"`{' '.join(command)}` failed ({done.returncode}): see {log}"
        )
    return seconds, cpu_seconds


def cold_cache_env(work: Path, name: str) -> dict[str, str]:
    """The environment of a training that reuses nothing (Rasa's cache empty)."""
    cache = work / "cache" / name
    cache.mkdir(parents=True, exist_ok=True)
    return child_environment({"RASA_CACHE_DIRECTORY": str(cache)})


def train_timed(config: Path, name: str, work: Path, nlu_only: bool = False) -> Timed:
    """`rasa train` (or `rasa train nlu`) of the clinic's data, cold and timed."""
    out = work / "models"
    data = ["nlu", "--nlu", str(DATA_DIR)] if nlu_only else ["--data", str(DATA_DIR)]
    command = [
        str(RASA),
        "train",
        *data,
        "--config",
        str(config),
        "--domain",
        str(DOMAIN),
        "--out",
        str(out),
        "--fixed-model-name",
        name,
    ]
    seconds, cpu = run_timed(
        command, PROJECT_ROOT, work / f"train-{name}.log", cold_cache_env(work, name)
    )
    return Timed(out / f"{name}.tar.gz", seconds, cpu)


def init_sample_bot(work: Path) -> Timed:
    """`rasa init --no-prompt` (which trains the sample bot too) in work/sample,
    timed."""
    target = work / "sample"
    target.mkdir(
        parents=True, exist_ok=True
    )  # `rasa init --no-prompt` wants it to exist
    seconds, cpu = run_timed(
        [str(RASA), "init", "--no-prompt", "--init-dir", str(target)],
        work,
        work / "init-sample.log",
        cold_cache_env(work, "sample"),
    )
    models = sorted((target / "models").glob("*.tar.gz"))
    if not models:
        raise RuntimeError(
            f"`rasa init` trained no model: see {work / 'init-sample.log'}"
        )
    return Timed(models[-1], seconds, cpu)


@contextlib.contextmanager
def quiet(log: Path) -> Iterator[None]:
    """Sends Rasa's and TensorFlow's chatter of an in-process step to `log`."""
    with (
        log.open("a") as out,
        contextlib.redirect_stdout(out),
        contextlib.redirect_stderr(out),
    ):
        yield


def train_nlu(config: Path, nlu_file: Path, out: Path, name: str) -> Path:
    """`rasa train nlu` in this process (no start-up cost per fold); the model."""
    from rasa.model_training import train_nlu as rasa_train_nlu

    with quiet(out / f"train-{name}.log"):
        path = rasa_train_nlu(
            config=str(config),
            nlu_data=str(nlu_file),
            output=str(out),
            fixed_model_name=name,
            domain=str(DOMAIN),
        )
    if not path:
        raise RuntimeError(f"NLU training {name} produced no model: see {out}")
    return Path(path)


def load_agent(model: Path, log: Path) -> Agent:
    """bot.evaluation.load_agent, with the loading chatter in `log`."""
    from bot.evaluation import load_agent as evaluation_load_agent

    with quiet(log):
        return evaluation_load_agent(model)


def classifier_only_parse(agent: Agent) -> Callable[[str], Awaitable[dict]]:
    """A parse that stops before ClinicalRules: what the classifiers alone say."""
    from rasa.core.channels import UserMessage
    from rasa.engine.constants import PLACEHOLDER_MESSAGE, PLACEHOLDER_TRACKER
    from rasa.shared.core.trackers import DialogueStateTracker

    processor = agent.processor
    nodes = processor.model_metadata.predict_schema.nodes
    rules = [
        name for name, node in nodes.items() if node.uses.__name__ == RULES_COMPONENT
    ]
    if not rules:
        raise ValueError(f"the model has no {RULES_COMPONENT} component")
    before = nodes[rules[0]].needs["messages"]

    async def parse(text: str) -> dict:
        # MessageFocus reads the conversation so far: a fresh one, as for a
        # single message sent on its own
        tracker = DialogueStateTracker("bench", [])
        results = processor.graph_runner.run(
            inputs={
                PLACEHOLDER_MESSAGE: [UserMessage(text)],
                PLACEHOLDER_TRACKER: tracker,
            },
            targets=[before],
        )
        message = results[before][0]
        return {
            "intent": message.get("intent"),
            "response_selector": message.get("response_selector"),
        }

    return parse


def rasa_version() -> str | None:
    """The installed Rasa version."""
    try:
        from importlib.metadata import version

        return version("rasa")
    except Exception:  # noqa: BLE001 - only for the report header
        return None
