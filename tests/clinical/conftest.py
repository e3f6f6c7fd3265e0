"""Fixtures of the clinical tests."""

from __future__ import annotations

import pytest

from bot.clinical import warm_up


@pytest.fixture(scope="session", autouse=True)
def pipeline_built() -> None:
    """Build the spaCy pipeline once, before the first test needs it."""
    warm_up()
