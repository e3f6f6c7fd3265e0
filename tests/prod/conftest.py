"""The production profile (`make prod`), started once for these tests.

They run in `make prod-check` (and so in .ci/run), not in `make test`: the profile
takes two minutes to start and the load test five more. Every test here is
marked `prod`, which pyproject.toml leaves out of a plain `pytest`.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from bot.bench.prod_check import Production, production

HERE = Path(__file__).parent


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if HERE in Path(item.fspath).parents:
            item.add_marker(pytest.mark.prod)


@pytest.fixture(scope="session")
def running() -> Iterator[Production]:
    """The profile on free loopback ports, with a local SMTP server."""
    with production() as started:
        yield started
