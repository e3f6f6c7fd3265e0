"""A conversation, a booking form half filled included, carries on after Rasa restarts.

The real assistant twice on the same work folder: its SQL tracker store
(var/conversations.db) is all that links the two runs.
"""

from __future__ import annotations

from pathlib import Path

from bot.server.launch import reply_text
from tests.assistant import start_assistant


def test_a_half_filled_booking_form_carries_on_after_a_restart(tmp_path: Path) -> None:
    first = start_assistant(tmp_path)
    try:
        first.say("restart-patient", "i'd like to arrange a consultation please")
        asked = reply_text(first.say("restart-patient", "Alex Testperson"))
        assert "phone number" in asked
    finally:
        first.stop()
    assert (tmp_path / "var" / "conversations.db").stat().st_size > 0

    second = start_assistant(tmp_path)
    try:
        reply = reply_text(second.say("restart-patient", "07700 900123"))
        assert "email" in reply, reply
        tracker = second.tracker("restart-patient")
        assert tracker["active_loop"]["name"] == "booking_form"
        assert tracker["slots"]["booking_name"] == "Alex Testperson"
        # Someone else's conversation is not there.
        assert "phone number" not in reply_text(second.say("another-patient", "hello"))
    finally:
        second.stop()
