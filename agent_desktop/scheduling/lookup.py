"""Reading a conversation's recent messages: to find a message this app may already have
sent (by its delivery key), and to see whether the customer replied since a moment."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from agent_desktop.chatwoot.errors import UnexpectedResponseError
from agent_desktop.chatwoot.records import Message, MessageType
from agent_desktop.core.clock import Clock
from agent_desktop.core.i18n import tr

if TYPE_CHECKING:
    from agent_desktop.chatwoot.client import ChatwootClient
    from agent_desktop.store.records import OutboxRecord, ProfileRecord

KEY_ATTRIBUTE = "agent_desktop_key"
# the look goes back by time, however busy the conversation was meanwhile; this many
# pages of 20 (ten thousand messages) is only a guard against a server that never ends
MAX_PAGES = 500
# server and workstation clocks differ; look a little further back than strictly needed
CLOCK_MARGIN = timedelta(minutes=5)
# a Date header has whole seconds: a smaller difference is not told from rounding
SKEW_TOLERANCE = timedelta(seconds=2)
# the server dates a message in whole seconds and the skew is known to the Date header's
# second: a message an attempt made is no older than the attempt's start less this
ATTEMPT_SLACK = timedelta(seconds=3)


class LookedNotFarEnough(UnexpectedResponseError):
    """The conversation's messages could not be read back to the moment needed: whether
    a message went out cannot be told, so it is not sent again."""


def recent_messages(client: ChatwootClient, conversation_id: int, since: datetime) -> list[Message]:
    """The conversation's messages created at or after `since`, oldest first: every one,
    page after page back until one older than `since`."""
    found: list[Message] = []
    before: int | None = None
    for _ in range(MAX_PAGES):
        page = client.messages(conversation_id, before=before)
        if not page:
            return found
        found[:0] = [m for m in page if m.created_at >= since]
        if page[0].created_at < since or len(page) < 20:
            return found
        before = page[0].id
    raise LookedNotFarEnough(
        tr(
            "more than {count} messages came after it in the conversation: whether it "
            "went out could not be checked"
        ).format(count=MAX_PAGES * 20)
    )


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


def attempt_floor(client: ChatwootClient, clock: Clock, started: datetime) -> datetime:
    """The earliest server time a message made by an attempt begun at `started` (this
    machine's time) can carry. Only with the server's clock unknown (no Date header) is
    the wide margin taken."""
    if client.server_time is None:
        return started - CLOCK_MARGIN
    return started - clock_ahead_of_server(client, clock) - ATTEMPT_SLACK


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
    not_before: datetime,
) -> Message | None:
    """Where the server drops the delivery key (Chatwoot 4.3 keeps only a few
    content_attributes): the message this agent sent with the same text and the same
    files, dated (by the server) no earlier than `not_before`, when the attempt began; a
    message the agent typed by hand before that is not it. `exclude` are messages already
    known as another scheduled message's."""
    wanted = content.strip()
    for message in reversed(messages):
        if (
            message.id not in exclude
            and message.created_at >= not_before
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


def earlier_attempt(
    messages: list[Message],
    record: OutboxRecord,
    profile: ProfileRecord,
    known: set[int],
    not_before: datetime,
) -> Message | None:
    """The message an uncertain earlier attempt made, if it got through: found by its
    delivery key, or, where the server may drop the key, by its fingerprint from
    `not_before` (see attempt_floor) on. `known` are the server ids of the account's
    other scheduled messages already sent."""
    found = find_by_key(messages, record.delivery_key)
    if found is not None or profile.capabilities.keeps_content_attributes is True:
        return found
    return find_by_fingerprint(
        messages,
        content=record.content,
        filenames=[a.filename for a in record.attachments],
        user_id=profile.user_id,
        exclude=known,
        not_before=not_before,
    )
