"""Limits of Rasa's web server, applied when `rasa run` builds its Sanic app.

Every webhook (REST, socket.io polling, Telegram, WhatsApp) and Rasa's HTTP API
share one app: a request body over MAX_REQUEST_BYTES is refused with 413 before
it is read whole, so no single request can fill the memory.
"""

from __future__ import annotations

import os
from typing import Any, Callable

import rasa.core.run
from sanic import Sanic

from bot import settings

_rasa_configure_app = rasa.core.run.configure_app


def limit(app: Sanic) -> Sanic:
    """Sets the body size limit on Rasa's app."""
    app.config.REQUEST_MAX_SIZE = settings.max_request_bytes()
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
