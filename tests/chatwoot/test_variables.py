"""Chatwoot's message variables in canned responses, filled from the conversation and
the agent; what has no value stays as written."""

from __future__ import annotations

from agent_desktop.chatwoot.reading import Fields
from agent_desktop.chatwoot.records import Conversation
from agent_desktop.chatwoot.variables import fill_variables, message_variables
from tests.support import samples


def conversation(**contact: object) -> Conversation:
    raw = samples.conversation()
    raw["meta"]["sender"].update(contact)
    return Conversation.parse(Fields(raw, "conversation"))


def test_contact_agent_and_conversation_variables():
    values = message_variables(
        conversation(name="Maria da Silva", email="maria@example.com", phone_number=""),
        "Ana Souza",
        "ana@example.com",
    )
    text = (
        "Oi {{contact.first_name}} ({{ contact.email }}), aqui é {{agent.first_name}} "
        "sobre a conversa #{{conversation.id}}."
    )
    assert fill_variables(text, values) == (
        f"Oi Maria (maria@example.com), aqui é Ana sobre a conversa #{values['conversation.id']}."
    )
    assert values["contact.last_name"] == "da Silva"


def test_a_variable_without_a_value_or_unknown_is_left_for_the_agent_to_see():
    values = message_variables(conversation(phone_number=""), "Ana", "")
    assert fill_variables("Ligue {{contact.phone}} {{inbox.name}}", values) == (
        "Ligue {{contact.phone}} {{inbox.name}}"
    )
