"""action_submit_booking keeps the action server answering
while the database is slow."""

from __future__ import annotations

import asyncio
import time
from datetime import datetime
from pathlib import Path

import pytest

from bot.actions import booking_submit
from bot.actions.booking_submit import ActionSubmitBooking
from bot.bookings.store import BookingStore, NewBooking, SubmitResult
from tests.actions.conftest import responses
from tests.actions.test_booking_submit import FILLED, FORM_STARTED

DATABASE_SECONDS = 0.5
TICK_SECONDS = 0.01


class SlowStore(BookingStore):
    """A real SQLite booking store whose database takes half a second per booking."""

    def submit(self, request: NewBooking, now: datetime | None = None) -> SubmitResult:
        time.sleep(DATABASE_SECONDS)  # blocking, as a stuck database is
        return super().submit(request, now)


@pytest.fixture
def slow_store(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> SlowStore:
    store = SlowStore.from_url(f"sqlite:///{tmp_path / 'bookings.db'}")
    store.create_schema()
    monkeypatch.setattr(booking_submit, "booking_store", lambda: store)
    yield store
    store.close()


def test_a_slow_database_does_not_block_other_conversations(
    slow_store: SlowStore, make_tracker, dispatcher, domain
) -> None:
    tracker = make_tracker(slots=FILLED, events=FORM_STARTED)

    async def submit_while_ticking() -> int:
        ticks = 0

        async def another_conversation() -> None:
            nonlocal ticks
            while True:
                await asyncio.sleep(TICK_SECONDS)
                ticks += 1

        other = asyncio.create_task(another_conversation())
        await asyncio.sleep(0)  # let it start
        await ActionSubmitBooking().run(dispatcher, tracker, domain)
        other.cancel()
        return ticks

    ticks = asyncio.run(submit_while_ticking())

    # Blocking the loop would allow no tick at all while the database works.
    assert ticks >= DATABASE_SECONDS / TICK_SECONDS / 4
    assert responses(dispatcher) == ["utter_booking_done"]
    assert len(slow_store.list()) == 1
