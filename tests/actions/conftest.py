"""Fixtures for testing custom actions
with real Rasa SDK trackers and the real domain."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml
from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="session")
def domain() -> dict:
    """The assistant's real domain.yml as the action server receives it."""
    return yaml.safe_load((ROOT / "domain.yml").read_text(encoding="utf-8"))


@pytest.fixture
def dispatcher() -> CollectingDispatcher:
    """Collects what an action says."""
    return CollectingDispatcher()


@pytest.fixture
def make_tracker(domain: dict) -> Callable[..., Tracker]:
    """Builds a tracker with the domain's slots, some set, and a latest message."""

    def build(
        slots: dict[str, Any] | None = None,
        text: str = "",
        intent: str = "inform",
        entities: list[dict] | None = None,
        events: list[dict] | None = None,
        requested_slot: str | None = None,
        sender_id: str = "conversation-1",
    ) -> Tracker:
        values = {name: None for name in domain["slots"]}
        values.update(slots or {})
        values["requested_slot"] = requested_slot
        return Tracker(
            sender_id=sender_id,
            slots=values,
            latest_message={
                "text": text,
                "intent": {"name": intent, "confidence": 1.0},
                "entities": entities or [],
            },
            events=events or [],
            paused=False,
            followup_action=None,
            active_loop={"name": "booking_form"} if requested_slot else {},
            latest_action_name="action_listen",
        )

    return build


def responses(dispatcher: CollectingDispatcher) -> list[str]:
    """The names of the responses an action sent."""
    return [m.get("response") for m in dispatcher.messages]


def run_action(
    action: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict
) -> list:
    """Runs an action's async run() to completion and returns its events."""
    return asyncio.run(action.run(dispatcher, tracker, domain))
