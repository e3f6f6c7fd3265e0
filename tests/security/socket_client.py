"""A socket.io client of Rasa's chat channel that sync test code can drive.

python-socketio's AsyncClient (the sync one needs websocket-client, which Rasa does
not install) runs on an event loop of its own, in a daemon thread, so that one
connection can live across many hypothesis examples.
"""

from __future__ import annotations

import asyncio
import contextlib
import threading
import time
import uuid
from typing import Any

import socketio

NO_ARGUMENT = object()  # emit the event with no data at all


class SocketChat:
    """One socket.io connection to Rasa; reconnects when the server has dropped it."""

    def __init__(self, url: str, origin: str | None, timeout: float = 30.0) -> None:
        self.url = url
        self.origin = origin
        self.timeout = timeout
        self.replies: list[tuple[str, Any]] = []  # (event name, data), oldest first
        self._loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self._loop.run_forever, daemon=True)
        self._thread.start()
        self._client: socketio.AsyncClient | None = None
        self.session_id: str | None = None
        self.said = 0  # well-formed messages in this session

    def _run(self, coroutine: Any, timeout: float | None = None) -> Any:
        future = asyncio.run_coroutine_threadsafe(coroutine, self._loop)
        return future.result(timeout or self.timeout)

    @property
    def connected(self) -> bool:
        return bool(self._client and self._client.connected)

    def connect(self) -> None:
        """Opens a connection (if none is open) and starts a fresh session."""
        if not self.connected:
            self._run(self._connect())
        self.start_session()

    def reconnect(self) -> None:
        """A new connection and session: after a packet over the server's size
        limit the old one still looks open, but nothing sent on it arrives.
        """
        self._run(self._connect())
        self.start_session()

    async def _connect(self) -> None:
        if self._client is not None:
            await self._client.disconnect()
        client = socketio.AsyncClient(reconnection=False)

        @client.on("*")
        async def any_event(event: str, data: Any = None) -> None:
            self.replies.append((event, data))

        headers = {"Origin": self.origin} if self.origin else {}
        # long-polling only: python-engineio 4.15's websocket client needs
        # aiohttp >= 3.11 (ClientWSTimeout), and Rasa pins aiohttp 3.9
        await client.connect(
            self.url,
            headers=headers,
            transports=["polling"],
            socketio_path="/socket.io",
            wait_timeout=10,
        )
        self._client = client

    def start_session(self) -> str:
        """Asks Rasa for a session, as the chat widget does; returns its id."""
        session_id = uuid.uuid4().hex
        mark = len(self.replies)
        self.emit("session_request", {"session_id": session_id})
        self.wait_for(lambda event, data: event == "session_confirm", 10, mark)
        self.session_id = session_id
        self.said = 0
        return session_id

    def emit(self, event: str, data: Any = NO_ARGUMENT) -> None:
        """Emits one event; any data shape, including none at all."""
        if not self.connected:
            self._run(self._connect())
        assert self._client is not None
        args = () if data is NO_ARGUMENT else (data,)
        self._run(self._client.emit(event, *args))

    def wait_for(
        self, predicate: Any, timeout: float, since: int | None = None
    ) -> list[tuple[str, Any]]:
        """Waits until an event matching predicate(event, data) arrives; returns all
        since.

        `since` is len(self.replies) taken before the emit that asked for it: a
        reply can arrive while emit() is still returning, before this is called.
        """
        start = len(self.replies) if since is None else since
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            new = self.replies[start:]
            if any(predicate(event, data) for event, data in new):
                return new
            if not self.connected:
                break
            time.sleep(0.05)
        return self.replies[start:]

    def say(self, text: Any, timeout: float = 30.0) -> list[Any]:
        """Sends a well-formed message
        and returns the bot's replies (after a short lull)."""
        if not self.connected:
            self.connect()
        mark = len(self.replies)
        self.emit("user_uttered", {"message": text, "session_id": self.session_id})
        self.wait_for(lambda event, data: event == "bot_uttered", timeout, mark)
        time.sleep(0.5)  # a reply can come in several messages
        return [data for event, data in self.replies[mark:] if event == "bot_uttered"]

    def close(self) -> None:
        if self._client is not None:
            # closing a connection the server may have broken already
            with contextlib.suppress(Exception):
                self._run(self._client.disconnect(), 10)
        with contextlib.suppress(Exception):
            self._run(self._cancel_tasks(), 10)
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(5)

    @staticmethod
    async def _cancel_tasks() -> None:
        """Ends the client's background tasks, so that none is left pending."""
        current = asyncio.current_task()
        tasks = [task for task in asyncio.all_tasks() if task is not current]
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)
