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
    """A Rasa server started with `--enable-api --auth-token`."""

    url: str
    token: str | None

    @classmethod
    def from_settings(cls) -> LiveAssistant:
        """The assistant `make run` started
        (RASA_URL / RASA_PORT, RASA_API_TOKEN or var/api-token)."""
        return cls(settings.rasa_url().rstrip("/"), settings.rasa_api_token())

    def _call(
        self, method: str, path: str, body: Any = None, timeout: float = 10
    ) -> Any:
        query = (
            "?" + urllib.parse.urlencode({"token": self.token}) if self.token else ""
        )
        status, answer = http(method, f"{self.url}{path}{query}", body, timeout)
        if status == 401:
            raise LiveError(
                "Rasa refused the API token (401). Set RASA_API_TOKEN to the token the "
                "assistant was started with, or leave it unset to use var/api-token."
            )
        if status >= 400:
            detail = answer if isinstance(answer, str) else json.dumps(answer)
            raise LiveError(f"{method} {path} returned {status}: {detail[:300]}")
        return answer

    def is_running(self) -> bool:
        """Whether a Rasa server answers at the URL (the root route needs no token)."""
        try:
            _, answer = http("GET", f"{self.url}/", timeout=3)
        except (OSError, ValueError):
            return False
        return isinstance(answer, str) and answer.startswith("Hello from Rasa")

    def model_id(self) -> str | None:
        """The model_id of the model it serves."""
        return (self._call("GET", "/status") or {}).get("model_id")

    def load_model(self, model: Path, timeout: float = 300) -> str | None:
        """Loads the model archive into the running assistant; returns its model_id."""
        self._call(
            "PUT", "/model", {"model_file": str(model.resolve())}, timeout=timeout
        )
        return self.model_id()
