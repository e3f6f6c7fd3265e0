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


# --- an action server that restarts --------------------------------------------
def _run_action(port: int, start_server_after: float | None) -> list:
    """Runs a custom action against 127.0.0.1:`port`, where an action server
    starts listening after `start_server_after` seconds (None: never)."""
    import asyncio

    from aiohttp import web
    from rasa.core.actions.action import RemoteAction
    from rasa.core.channels.channel import CollectingOutputChannel
    from rasa.core.nlg import TemplatedNaturalLanguageGenerator
    from rasa.shared.core.domain import Domain
    from rasa.shared.core.trackers import DialogueStateTracker
    from rasa.utils.endpoints import EndpointConfig

    from bot.server.action_failures import run_or_apologise

    async def answer(request: web.Request) -> web.Response:
        return web.json_response(
            {"events": [{"event": "slot", "name": "checked", "value": True}]}
        )

    async def scenario() -> list:
        runner = None

        async def start_later() -> None:
            nonlocal runner
            await asyncio.sleep(start_server_after)
            app = web.Application()
            app.router.add_post("/webhook", answer)
            runner = web.AppRunner(app)
            await runner.setup()
            await web.TCPSite(runner, "127.0.0.1", port).start()

        if start_server_after is not None:
            asyncio.ensure_future(start_later())
        action = RemoteAction(
            "action_check", EndpointConfig(f"http://127.0.0.1:{port}/webhook")
        )
        try:
            return await run_or_apologise(
                action,
                CollectingOutputChannel(),
                TemplatedNaturalLanguageGenerator({}),
                DialogueStateTracker("patient", slots=[]),
                Domain.empty(),
            )
        finally:
            if runner is not None:
                await runner.cleanup()

    return asyncio.run(scenario())


def test_a_restarting_action_server_is_waited_for(monkeypatch):
    from rasa.shared.core.events import SlotSet

    from bot.server import action_failures
    from bot.server.launch import free_port

    monkeypatch.setenv("ACTION_TIMEOUT_SECONDS", "10")
    monkeypatch.setattr(action_failures, "BREAKER", Breaker())
    events = _run_action(free_port(), start_server_after=1.5)
    assert events == [SlotSet("checked", True)]


def test_an_action_server_that_stays_down_ends_the_form_politely(monkeypatch):
    from rasa.shared.core.events import ActiveLoop, AllSlotsReset

    from bot.server import action_failures
    from bot.server.launch import free_port

    monkeypatch.setenv("ACTION_TIMEOUT_SECONDS", "2")
    monkeypatch.setattr(action_failures, "BREAKER", Breaker())
    events = _run_action(free_port(), start_server_after=None)
    assert events == [ActiveLoop(None), AllSlotsReset()]
