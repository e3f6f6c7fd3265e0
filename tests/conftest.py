"""Shared fixtures: the real running assistant, started once per test session."""

from __future__ import annotations

import uuid
from typing import Iterator

import pytest

from tests.assistant import Assistant, start_assistant


@pytest.fixture(scope="session")
def assistant(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Assistant]:
    """Action server + Rasa with the trained model, booking store in a temp dir."""
    running = start_assistant(tmp_path_factory.mktemp("assistant"))
    yield running
    running.stop()


@pytest.fixture
def sender() -> str:
    """A fresh conversation id."""
    return f"test-{uuid.uuid4().hex[:12]}"
