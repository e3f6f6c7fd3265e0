"""The real assistant for the tests: bot.server.launch, with the model under test.

CLINIC_MODEL lets `make retrain` run the same tests against a candidate model.
"""

from __future__ import annotations

import functools
import os
from pathlib import Path

from bot.server import launch
from bot.server.launch import Assistant, free_port, http, reply_text
from bot.settings import PROJECT_ROOT

__all__ = [
    "MODEL",
    "ROOT",
    "TOKEN",
    "Assistant",
    "free_port",
    "http",
    "reply_text",
    "start_assistant",
]

ROOT = PROJECT_ROOT
MODEL = Path(os.environ.get("CLINIC_MODEL") or launch.DEFAULT_MODEL).resolve()
# Rasa's HTTP API token of every assistant the tests start.
TOKEN = "test-token"

start_assistant = functools.partial(launch.start_assistant, model=MODEL, token=TOKEN)
