"""The socket.io channel of the chat page, with the guard every channel has.

Rasa's SocketIOInput, plus: conversation ids namespaced as `socketio:<session>`,
the message length cap and per-conversation rate limit (bot/channels/guard.py),
a connection only from the configured site origins (WEB_ORIGINS; a browser
always sends its page's Origin, so another site's page cannot open the chat),
and a cap on one socket.io packet's size. In credentials.yml:
`bot.channels.socketio.SocketIOInput:` with Rasa's socket.io options.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Awaitable, Callable
from typing import Any

from rasa.core.channels.channel import UserMessage
from rasa.core.channels.socketio import SocketIOInput as RasaSocketIOInput
from sanic import Blueprint

from bot import settings
from bot.channels.guard import MessageGuard

logger = logging.getLogger(__name__)


class SocketIOInput(RasaSocketIOInput):
    """Rasa's socket.io channel behind the guard, open to the site's origins only."""

    @classmethod
    def name(cls) -> str:
        return "socketio"

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.guard = MessageGuard(self.name())
        self.origins = frozenset(settings.web_origins())

    def blueprint(
        self, on_new_message: Callable[[UserMessage], Awaitable[Any]]
    ) -> Blueprint:
        socketio_webhook = super().blueprint(self.guard.wrap(on_new_message))
        self.guard.attach(socketio_webhook)
        sio = self.sio
        assert sio is not None  # set by Rasa's blueprint()
        sio.eio.max_http_buffer_size = settings.max_request_bytes()
        namespace = self.namespace or "/"
        rasa_connect = sio.handlers[namespace]["connect"]

        async def connect(sid: str, environ: dict, auth: Any = None) -> bool:
            origin = (environ.get("HTTP_ORIGIN") or "").rstrip("/")
            if origin and origin not in self.origins:
                logger.warning("socket.io connection refused from origin %s", origin)
                return False
            return await rasa_connect(sid, environ, auth)

        sio.on("connect", handler=connect, namespace=self.namespace)
        self._only_well_formed(sio, namespace)
        return socketio_webhook

    def _only_well_formed(self, sio: Any, namespace: str) -> None:
        """Drops events whose data Rasa's handlers would trip over (a log full of
        tracebacks otherwise): not an object, a session id that is not a string, a
        message that is not text. Metadata that is neither an object nor JSON text
        of one is left out: the message itself is still answered."""
        handlers = sio.handlers[namespace]
        rasa_session_request = handlers["session_request"]
        rasa_message = handlers[self.user_message_evt]

        async def session_request(sid: str, data: Any = None) -> None:
            if data is not None and not (
                isinstance(data, dict)
                and isinstance(data.get("session_id"), (str, type(None)))
            ):
                return
            await rasa_session_request(sid, data)

        async def message(sid: str, data: Any = None) -> None:
            if not (
                isinstance(data, dict)
                and isinstance(data.get("session_id", ""), str)
                and isinstance(data.get("message"), str)
            ):
                return
            metadata = usable_metadata(data.get(self.metadata_key))
            await rasa_message(sid, {**data, self.metadata_key: metadata})

        sio.on("session_request", handler=session_request, namespace=self.namespace)
        sio.on(self.user_message_evt, handler=message, namespace=self.namespace)


def usable_metadata(metadata: Any) -> dict:
    """The event's metadata as Rasa needs it: an object, given as one or as JSON
    text of one; anything else is left out ({})."""
    if isinstance(metadata, str):
        try:
            metadata = json.loads(metadata)
        except (ValueError, RecursionError):
            return {}
    return metadata if isinstance(metadata, dict) else {}
