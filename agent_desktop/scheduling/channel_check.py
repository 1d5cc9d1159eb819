"""Which channel a conversation replies through, and so the longest reply it takes:
asked when a message is scheduled, and again by the sender at its time when the server
could not be asked then."""

from __future__ import annotations

import contextlib

from agent_desktop.chatwoot.client import ChatwootClient
from agent_desktop.chatwoot.errors import ChatwootError
from agent_desktop.chatwoot.records import Conversation
from agent_desktop.core.channels import ChannelLimit, reply_limit


def channel_of(client: ChatwootClient, conversation: Conversation) -> ChannelLimit | None:
    """The conversation's channel limit, None where only the server's applies."""
    medium = None
    if conversation.channel == "Channel::TwilioSms":  # its limit depends on its medium
        with contextlib.suppress(ChatwootError):
            inbox = next((i for i in client.inboxes() if i.id == conversation.inbox_id), None)
            medium = inbox.medium if inbox else None
    return reply_limit(conversation.channel, medium)
