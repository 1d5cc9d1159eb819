"""Chatwoot's message variables in canned responses ({{contact.first_name}} and the like),
filled in from the conversation and the agent as Chatwoot's own editor does. One with no
value here, or unknown, is left as written, for the agent to see before sending."""

from __future__ import annotations

import re
from collections.abc import Mapping

from agent_desktop.chatwoot.records import Conversation

VARIABLE = re.compile(r"\{\{\s*([a-z_]+\.[a-z_]+)\s*\}\}")


def _first_and_last(name: str) -> tuple[str, str]:
    first, _, last = name.strip().partition(" ")
    return first, last.strip()


def message_variables(
    conversation: Conversation, agent_name: str, agent_email: str
) -> dict[str, str]:
    values = {"conversation.id": str(conversation.id)}
    contact = conversation.contact
    if contact is not None:
        first, last = _first_and_last(contact.name)
        values.update(
            {
                "contact.name": contact.name,
                "contact.first_name": first,
                "contact.last_name": last,
                "contact.email": contact.email,
                "contact.phone": contact.phone_number,
            }
        )
        if contact.id is not None:
            values["contact.id"] = str(contact.id)
    first, last = _first_and_last(agent_name)
    values.update(
        {
            "agent.name": agent_name,
            "agent.first_name": first,
            "agent.last_name": last,
            "agent.email": agent_email,
        }
    )
    return {key: value for key, value in values.items() if value}


def fill_variables(text: str, values: Mapping[str, str]) -> str:
    return VARIABLE.sub(lambda m: values.get(m.group(1), m.group(0)), text)
