"""Sending a domain response from a connector, outside a conversation turn.

Connectors answer some updates themselves (a sticker, a photo, an edited message,
a message too long to analyse) without running the dialogue. The words still come from
the domain's responses,
rendered by the running model's response generator: channel variants and slot
values such as {clinic_phones} work as in any other reply.
"""

from __future__ import annotations

import logging
from typing import Any

from rasa.core.channels.channel import OutputChannel
from rasa.shared.core.trackers import DialogueStateTracker

logger = logging.getLogger(__name__)

# Answer to anything that is not a typed text message.
TEXT_ONLY_RESPONSE = "utter_text_only"


async def send_domain_response(
    agent: Any, response: str, output_channel: OutputChannel, recipient_id: str
) -> bool:
    """Renders `response` with the running `agent` and sends it;
    False if it cannot be."""
    if agent is None or agent.domain is None or agent.nlg is None:
        logger.error("No model loaded: cannot send %s", response)
        return False
    # A fresh tracker holds each slot's initial value, which is all these
    # responses use; the conversation's own tracker is left untouched.
    tracker = DialogueStateTracker.from_events(
        recipient_id, [], slots=agent.domain.slots
    )
    message = await agent.nlg.generate(response, tracker, output_channel.name())
    if not message:
        logger.error("The model's domain has no response %s: retrain it", response)
        return False
    await output_channel.send_response(recipient_id, message)
    return True
