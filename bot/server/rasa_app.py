"""Limits of Rasa's web server, applied when `rasa run` builds its Sanic app.

Errors are answered as plain JSON with their status (Rasa's own ErrorResponse
handler still answers its API's errors).

Every webhook (REST, socket.io polling, Telegram, WhatsApp) and Rasa's HTTP API
share one app: a request body over MAX_REQUEST_BYTES is refused with 413 before
it is read whole, so no single request can fill the memory.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable
from typing import Any

import rasa.core.run
from sanic import Sanic, response
from sanic.exceptions import SanicException
from sanic.request import Request
from sanic.response import HTTPResponse

from bot import settings

logger = logging.getLogger(__name__)

_rasa_configure_app = rasa.core.run.configure_app


async def plain_error(request: Request, error: Exception) -> HTTPResponse:
    """A JSON error with the right status, whatever the client's Accept header.

    Sanic 21.12's own error page parses Accept and fails on odd values, turning
    a 404, 405 or 413 into a 500.
    """
    if isinstance(error, SanicException):
        return response.json({"error": str(error)}, status=error.status_code)
    logger.error("Unexpected error: %s", type(error).__name__, exc_info=error)
    return response.json({"error": "internal error"}, status=500)


def limit(app: Sanic) -> Sanic:
    """Sets the body size limit and the plain error handler on Rasa's app."""
    app.config.REQUEST_MAX_SIZE = settings.max_request_bytes()
    app.error_handler.add(Exception, plain_error)
    return app


def configure_app_with_limits(*args: Any, **kwargs: Any) -> Sanic:
    """Rasa's configure_app, then the clinic's limits."""
    return limit(_rasa_configure_app(*args, **kwargs))


def install() -> Callable[..., Sanic]:
    """Makes `rasa run` build its app with the limits; telemetry stays off."""
    # Rasa would otherwise report usage to its makers (README, "Security").
    os.environ["RASA_TELEMETRY_ENABLED"] = "false"
    rasa.core.run.configure_app = configure_app_with_limits
    return configure_app_with_limits
