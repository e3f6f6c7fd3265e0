"""bot.server.serve: a model swap keeps the server's event loop answering."""

from __future__ import annotations

import asyncio
import threading
import time
from types import SimpleNamespace

import pytest

from bot.server import serve


async def _load_while_ticking(**kwargs) -> tuple[object, int]:
    ticks = 0

    async def tick() -> None:
        nonlocal ticks
        while True:
            await asyncio.sleep(0.05)
            ticks += 1

    ticker = asyncio.create_task(tick())
    agent = await serve.load_agent_in_a_thread(model_path="model.tar.gz", **kwargs)
    ticker.cancel()
    return agent, ticks


@pytest.fixture
def blocking_load(monkeypatch) -> dict:
    """Rasa's load_agent replaced by one that blocks for half a second."""
    seen: dict = {}

    async def load(**kwargs) -> str:
        seen["thread"], seen["kwargs"] = threading.get_ident(), kwargs
        time.sleep(0.5)  # noqa: ASYNC251 - a blocking load is the point
        return "agent"

    monkeypatch.setattr(serve, "_rasa_load_agent", load)
    return seen


def test_the_loop_keeps_running_while_a_model_loads(blocking_load: dict) -> None:
    agent, ticks = asyncio.run(_load_while_ticking(loop=object()))
    assert agent == "agent" and ticks >= 5
    assert blocking_load["thread"] != threading.get_ident()
    assert "loop" not in blocking_load["kwargs"]  # the worker thread has its own


def test_with_an_event_broker_rasa_loads_it_its_own_way(blocking_load: dict) -> None:
    endpoints = SimpleNamespace(event_broker=object())
    agent, _ = asyncio.run(_load_while_ticking(endpoints=endpoints))
    assert agent == "agent" and blocking_load["thread"] == threading.get_ident()
