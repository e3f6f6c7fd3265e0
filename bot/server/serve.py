"""`python -m bot.server.serve run ...`: Rasa's own `rasa run`, with model swaps
patients don't notice.

Rasa 3.6 loads a model synchronously inside its event loop, so while `PUT /model`
loads a new one (10-30 s on 2 busy cores) no message is answered at all. Here the
loading runs in a worker thread (with an event loop of its own): the old model
keeps answering until the new agent is ready, then Rasa switches to it as usual.
Every argument is Rasa's; `scripts/run.sh` and the tests start Rasa this way.
"""

from __future__ import annotations

import asyncio
import sys
from typing import Any

import rasa.core.agent
from rasa.core.agent import Agent

from bot.server import action_failures, rasa_app

_rasa_load_agent = rasa.core.agent.load_agent


async def load_agent_in_a_thread(*args: Any, **kwargs: Any) -> Agent:
    """Rasa's load_agent,
    run outside the server's event loop so that it keeps answering."""
    endpoints = kwargs.get("endpoints")
    if endpoints is not None and endpoints.event_broker is not None:
        # an event broker's connection belongs to the loop it was made in: Rasa's way
        return await _rasa_load_agent(*args, **kwargs)
    kwargs.pop("loop", None)
    return await asyncio.get_running_loop().run_in_executor(
        None, lambda: asyncio.run(_rasa_load_agent(*args, **kwargs))
    )


def main() -> None:
    """Runs Rasa's command line with the model loading moved off the event loop.

    Also with the clinic's server limits and polite action-server failures
    (bot/server).
    """
    # rasa.server and rasa.core.run call it as `agent.load_agent`, looked up at each
    # call
    rasa.core.agent.load_agent = load_agent_in_a_thread
    rasa_app.install()
    action_failures.install()
    from rasa.__main__ import main as rasa_main

    sys.argv = ["rasa", *sys.argv[1:]]
    rasa_main()


if __name__ == "__main__":
    main()
