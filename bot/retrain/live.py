"""The running assistant, seen through Rasa's token-protected HTTP API.

Publishing loads the new model into it with `PUT /model`: Rasa builds the new
agent while the old one keeps answering, then switches; conversations survive
because they are in the SQL tracker store (bot.server.tracker_store).
"""

from __future__ import annotations

import json
import urllib.parse
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bot import settings
from bot.server.launch import http


class LiveError(RuntimeError):
    """The running assistant refused or failed a request."""


@dataclass(frozen=True)
class LiveAssistant:
    """The running assistant's Rasa processes, started with `--enable-api
    --auth-token`: one for `make run`, every replica for `make prod`."""

    urls: tuple[str, ...]
    token: str | None

    @classmethod
    def from_settings(cls) -> LiveAssistant:
        """The assistant `make run` or `make prod` started (bot.settings.rasa_urls;
        RASA_API_TOKEN or var/api-token)."""
        return cls(tuple(settings.rasa_urls()), settings.rasa_api_token())

    @property
    def url(self) -> str:
        """Where it runs, for messages."""
        return ", ".join(self.urls)

    def _call(
        self, url: str, method: str, path: str, body: Any = None, timeout: float = 10
    ) -> Any:
        query = (
            "?" + urllib.parse.urlencode({"token": self.token}) if self.token else ""
        )
        status, answer = http(method, f"{url}{path}{query}", body, timeout)
        if status == 401:
            raise LiveError(
                "Rasa refused the API token (401). Set RASA_API_TOKEN to the token the "
                "assistant was started with, or leave it unset to use var/api-token."
            )
        if status >= 400:
            detail = answer if isinstance(answer, str) else json.dumps(answer)
            raise LiveError(f"{method} {path} returned {status}: {detail[:300]}")
        return answer

    @staticmethod
    def _answers(url: str) -> bool:
        """Whether a Rasa server answers at the URL (the root route needs no token)."""
        try:
            _, answer = http("GET", f"{url}/", timeout=3)
        except (OSError, ValueError):
            return False
        return isinstance(answer, str) and answer.startswith("Hello from Rasa")

    def running(self) -> list[str]:
        """The URLs where a Rasa process answers now."""
        return [url for url in self.urls if self._answers(url)]

    def is_running(self) -> bool:
        """Whether any of its processes answers."""
        return bool(self.running())

    def _served(self, urls: list[str]) -> str | None:
        """The model_id these processes serve; LiveError if they disagree."""
        served = {
            url: (self._call(url, "GET", "/status") or {}).get("model_id")
            for url in urls
        }
        if len(set(served.values())) > 1:
            raise LiveError(f"the replicas serve different models: {served}")
        return next(iter(served.values()), None)

    def model_id(self) -> str | None:
        """The model_id they serve; LiveError if the running ones disagree."""
        return self._served(self.running())

    def serving_everywhere(self) -> bool:
        """Whether every process answers and serves the same model."""
        running = self.running()
        if len(running) < len(self.urls):
            return False
        try:
            return self._served(running) is not None
        except (LiveError, OSError):  # loading (no model yet), models disagree, gone
            return False

    def load_model(self, model: Path, timeout: float = 300) -> str | None:
        """Loads the model archive into every running process; returns its model_id.

        A replica that is down meanwhile loads models/current.tar.gz when its
        supervisor starts it again.
        """
        running = self.running()
        for url in running:
            self._call(
                url, "PUT", "/model", {"model_file": str(model.resolve())}, timeout
            )
        return self._served(running)
