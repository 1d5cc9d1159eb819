"""Reading a conversation's recent messages: to find a message this app may already have
sent (by its delivery key), and to see whether the customer replied since a moment."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from agent_desktop.chatwoot.records import Message, MessageType
from agent_desktop.core.clock import Clock

if TYPE_CHECKING:
    from agent_desktop.chatwoot.client import ChatwootClient

KEY_ATTRIBUTE = "agent_desktop_key"
MAX_PAGES = 10  # 20 messages a page, newest first
# server and workstation clocks differ; look a little further back than strictly needed
CLOCK_MARGIN = timedelta(minutes=5)
# a Date header has whole seconds: a smaller difference is not told from rounding
SKEW_TOLERANCE = timedelta(seconds=2)


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


def clock_ahead_of_server(client: ChatwootClient, clock: Clock) -> timedelta:
    """How far this machine's clock is ahead of the server's (negative: behind), from the
    answer the client has just had; zero when unknown or within rounding."""
    if client.server_time is None:
        return timedelta(0)
    ahead = clock.now() - client.server_time
    return ahead if abs(ahead) > SKEW_TOLERANCE else timedelta(0)


def messages_since(
    client: ChatwootClient, clock: Clock, conversation_id: int, since: datetime
) -> tuple[list[Message], timedelta]:
    """The messages from `since` (this machine's time) on, and how far this clock is
    ahead of the server's. A server further behind than the margin is looked at again,
    back far enough by its own clock."""
    found = recent_messages(client, conversation_id, since - CLOCK_MARGIN)
    ahead = clock_ahead_of_server(client, clock)
    if ahead > CLOCK_MARGIN:
        found = recent_messages(client, conversation_id, since - ahead - CLOCK_MARGIN)
    return found, ahead


def find_by_key(messages: list[Message], key: str) -> Message | None:
    for message in reversed(messages):
        if message.content_attributes.get(KEY_ATTRIBUTE) == key:
            return message
    return None


def find_by_fingerprint(
    messages: list[Message],
    *,
    content: str,
    filenames: list[str],
    user_id: int,
    exclude: set[int],
) -> Message | None:
    """Where the server drops the delivery key (Chatwoot 4.3 keeps only a few
    content_attributes): the message this agent sent with the same text and the same
    files. `messages` start when the attempt began (less the clock margin); `exclude` are
    messages already known as another scheduled message's."""
    wanted = content.strip()
    for message in reversed(messages):
        if (
            message.id not in exclude
            and message.message_type is MessageType.OUTGOING
            and not message.private
            and message.sender is not None
            and message.sender.type == "user"
            and message.sender.id == user_id
            and message.content.strip() == wanted
            and sorted(a.filename for a in message.attachments) == sorted(filenames)
        ):
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
