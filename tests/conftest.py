"""Shared fixtures: the real running assistant, started once per test session."""

from __future__ import annotations

import uuid
from collections.abc import Iterator

import pytest

from tests.assistant import Assistant, start_assistant


@pytest.fixture(scope="session", autouse=True)
def private_conversation_store(
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[str]:
    """Code run in the tests writes conversations to a temporary database,
    never var/."""
    url = f"sqlite:///{tmp_path_factory.mktemp('conversations') / 'conversations.db'}"
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("CONVERSATIONS_DB_URL", url)
        yield url


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
