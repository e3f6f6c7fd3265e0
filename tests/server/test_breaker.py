"""The circuit breaker in front of the action server."""

from __future__ import annotations

from bot.server.action_failures import Breaker


def test_one_slow_call_does_not_open_it_but_two_failures_in_a_row_do():
    now = [100.0]
    breaker = Breaker(open_seconds=15, failures_to_open=2, clock=lambda: now[0])
    breaker.failed()
    assert not breaker.is_open()
    breaker.succeeded()
    breaker.failed()
    assert not breaker.is_open(), "the count starts again after a success"
    breaker.failed()
    assert breaker.is_open()
    now[0] += 16
    assert not breaker.is_open(), "it closes again to try the server"
