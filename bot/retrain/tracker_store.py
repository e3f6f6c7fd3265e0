"""The conversation store of the running assistant: in memory, and kept across model swaps.

Rasa's `PUT /model` builds a new agent with a new tracker store; with Rasa's own
InMemoryTrackerStore every conversation in progress would be forgotten at each
publish. This store keeps the conversations in one dictionary per process, so
every store the process creates sees the same ones. Like Rasa's default, nothing
is written to disk and a restart forgets them. Configured in endpoints.yml.
"""

from __future__ import annotations

from typing import Any

from rasa.core.brokers.broker import EventBroker
from rasa.core.tracker_store import InMemoryTrackerStore
from rasa.shared.core.domain import Domain

# sender id -> serialised tracker, shared by every store of this process
_CONVERSATIONS: dict[str, str] = {}


class SwapSafeTrackerStore(InMemoryTrackerStore):
    """Rasa's in-memory tracker store, with conversations that outlive a model swap."""

    def __init__(
        self,
        domain: Domain | None = None,
        event_broker: EventBroker | None = None,
        **kwargs: Any,
    ) -> None:
        kwargs.pop("host", None)  # Rasa passes the endpoint's url; there is none
        super().__init__(domain or Domain.empty(), event_broker, **kwargs)
        self.store = _CONVERSATIONS
