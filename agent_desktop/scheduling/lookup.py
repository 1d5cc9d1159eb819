"""Reading a conversation's recent messages: to find a message this app may already have
sent (by its delivery key), and to see whether the customer replied since a moment."""

from __future__ import annotations

from datetime import datetime, timedelta

from agent_desktop.chatwoot.client import ChatwootClient
from agent_desktop.chatwoot.records import Message, MessageType

KEY_ATTRIBUTE = "agent_desktop_key"
MAX_PAGES = 10  # 20 messages a page, newest first
# server and workstation clocks differ; look a little further back than strictly needed
CLOCK_MARGIN = timedelta(minutes=5)


def recent_messages(client: ChatwootClient, conversation_id: int, since: datetime) -> list[Message]:
    """The conversation's messages created at or after `since`, oldest first."""
    found: list[Message] = []
    before: int | None = None
    for _ in range(MAX_PAGES):
        page = client.messages(conversation_id, before=before)
        if not page:
            break
        found[:0] = [m for m in page if m.created_at >= since]
        if page[0].created_at < since or len(page) < 20:
            break
        before = page[0].id
    return found


def find_by_key(messages: list[Message], key: str) -> Message | None:
    for message in reversed(messages):
        if message.content_attributes.get(KEY_ATTRIBUTE) == key:
            return message
    return None


def customer_replied(messages: list[Message], after: datetime) -> Message | None:
    """The first message from the contact strictly after `after` (to the second, as
    Chatwoot's times are whole seconds), if any."""
    floor = after.replace(microsecond=0)
    for message in messages:
        if (
            message.message_type is MessageType.INCOMING
            and not message.private
            and message.created_at > floor
        ):
            return message
    return None
