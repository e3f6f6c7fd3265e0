"""What a patient hears when the action server is down, slow or failing.

Rasa calls the action server for the booking form's checks and for storing or
cancelling a request. Left alone, a call that cannot connect sends the patient
nothing at all, and a stuck one holds the reply for five minutes. Here:

- each call waits at most ACTION_TIMEOUT_SECONDS (default 10);
- a call that cannot reach the action server (restarting after a crash) is tried
  again every RECONNECT_SECONDS within that time: the action server's calls are
  safe to repeat (checks have no side effect, a booking is stored once per
  submission), so a restart costs the patient a short wait, not their form;
- a failed call sends `utter_actions_unavailable` ("please call the clinic",
  with the emergency line), ends the booking form and forgets the details it
  held, instead of failing silently;
- after `FAILURES_TO_OPEN` failures in a row, calls fail at once for
  `OPEN_SECONDS`, so a server that is down or stuck does not cost every message
  the full timeout (a circuit breaker); one slow call does not open it.

Urgent guidance never depends on this: red flags are answered by domain
responses chosen by rules (bot/data/rules.yml), without the action server.
"""

from __future__ import annotations

import asyncio
import logging
import re
import time
from collections.abc import Callable
from typing import Any

import aiohttp
import rasa.core.actions.action
from rasa.core.actions.action import ActionExecutionRejection, RemoteAction
from rasa.shared.core.events import (
    ActiveLoop,
    AllSlotsReset,
    BotUttered,
    Event,
    UserUttered,
)
from rasa.shared.exceptions import RasaException

from bot import settings

logger = logging.getLogger(__name__)

UNAVAILABLE_RESPONSE = "utter_actions_unavailable"
OPEN_SECONDS = 15.0
FAILURES_TO_OPEN = 2
RECONNECT_SECONDS = 0.5

_rasa_remote_run = RemoteAction.run


class Breaker:
    """Opens for `open_seconds` after `failures_to_open` failures in a row."""

    def __init__(
        self,
        open_seconds: float = OPEN_SECONDS,
        failures_to_open: int = FAILURES_TO_OPEN,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.open_seconds = open_seconds
        self.failures_to_open = failures_to_open
        self._clock = clock
        self._failures = 0
        self._open_until = 0.0

    def is_open(self) -> bool:
        """True while calls should not even be tried."""
        return self._clock() < self._open_until

    def failed(self) -> None:
        """Records a failure; opens the breaker after enough in a row."""
        self._failures += 1
        if self._failures >= self.failures_to_open:
            self._open_until = self._clock() + self.open_seconds

    def succeeded(self) -> None:
        """Records a success: closes the breaker."""
        self._failures = 0
        self._open_until = 0.0


BREAKER = Breaker()


def said_this_turn(tracker: Any) -> bool:
    """True if the patient was already told this since their last message."""
    for event in reversed(tracker.events):
        if isinstance(event, UserUttered):
            return False
        if (
            isinstance(event, BotUttered)
            and (event.metadata or {}).get("utter_action") == UNAVAILABLE_RESPONSE
        ):
            return True
    return False


async def unavailable_events(
    output_channel: Any, nlg: Any, tracker: Any
) -> list[Event]:
    """The reply and the clean-up for a failed call: say so, end the form, forget.

    Said once a turn: the form's check and the submission after it may both fail.
    """
    events: list[Event] = []
    message = None
    if not said_this_turn(tracker):
        message = await nlg.generate(
            UNAVAILABLE_RESPONSE, tracker, output_channel.name()
        )
    if message:
        message["utter_action"] = UNAVAILABLE_RESPONSE
        events.append(rasa.core.actions.action.create_bot_utterance(message))
    # Ends the booking form (a form's check may return this to stop it) and drops
    # the details it held, which no one can now store or send.
    return [*events, ActiveLoop(None), AllSlotsReset()]


async def _run_reconnecting(
    self: RemoteAction, output_channel: Any, nlg: Any, tracker: Any, domain: Any
) -> list[Event]:
    """RemoteAction.run, tried again while the action server cannot be reached."""
    deadline = time.monotonic() + settings.action_timeout_seconds()
    while True:
        try:
            return await _rasa_remote_run(self, output_channel, nlg, tracker, domain)
        except ActionExecutionRejection:
            raise
        except RasaException as error:
            # Rasa raises it while handling aiohttp's error, without `from`
            cause = error.__cause__ or error.__context__
            unreachable = isinstance(cause, aiohttp.ClientConnectionError)
            if not unreachable or time.monotonic() + RECONNECT_SECONDS > deadline:
                raise
            logger.warning("Action server unreachable: trying %s again", self.name())
        await asyncio.sleep(RECONNECT_SECONDS)


async def run_or_apologise(
    self: RemoteAction, output_channel: Any, nlg: Any, tracker: Any, domain: Any
) -> list[Event]:
    """RemoteAction.run, with a polite answer instead of silence when it fails."""
    if BREAKER.is_open():
        logger.error("Action server marked down: %s not called", self.name())
        return await unavailable_events(output_channel, nlg, tracker)
    try:
        events = await _run_reconnecting(self, output_channel, nlg, tracker, domain)
    except ActionExecutionRejection:
        raise  # a form check's "not this slot": Rasa's normal flow
    except (RasaException, asyncio.TimeoutError) as error:
        BREAKER.failed()
        # the status only: Rasa's message may hold the URL and its token
        status = getattr(error.__cause__, "status", None) or next(
            iter(re.findall(r"status code of (\d+)", str(error))), None
        )
        logger.error(
            "Action %s failed: %s%s",
            self.name(),
            type(error.__cause__ or error).__name__,
            f" (status {status})" if status else "",
        )
        return await unavailable_events(output_channel, nlg, tracker)
    BREAKER.succeeded()
    return events


def install() -> None:
    """Makes every custom action call time-limited and fail politely."""
    rasa.core.actions.action.DEFAULT_REQUEST_TIMEOUT = settings.action_timeout_seconds()
    RemoteAction.run = run_or_apologise  # type: ignore[method-assign]
