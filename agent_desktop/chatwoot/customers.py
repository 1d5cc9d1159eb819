"""A conversation's customer and inbox as the server keeps them, for times that suit them:
the contact (meta.sender: phone number, additional and custom attributes) and the inbox
(timezone, working hours), in the server's own JSON, which core.customer_zone and
core.business_hours read."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from agent_desktop.chatwoot.reading import Fields

if TYPE_CHECKING:
    from agent_desktop.chatwoot.client import ChatwootClient


@dataclass(frozen=True)
class CustomerSide:
    contact_id: int | None
    contact: dict[str, Any]
    inbox: dict[str, Any] | None  # None when the inbox is not among the agent's


def customer_side(client: ChatwootClient, conversation_id: int) -> CustomerSide:
    path = client._account_path(f"/conversations/{conversation_id}")
    conversation = Fields(client._request("GET", path), "conversation")
    meta = conversation.opt_obj("meta")
    contact = meta.mapping("sender") if meta is not None else {}
    inbox_id = conversation.integer("inbox_id")
    inboxes = Fields(client._request("GET", client._account_path("/inboxes")), "inboxes")
    inbox = next(
        (dict(item.data) for item in inboxes.objects("payload") if item.data.get("id") == inbox_id),
        None,
    )
    raw_id = contact.get("id")
    contact_id = raw_id if isinstance(raw_id, int) and not isinstance(raw_id, bool) else None
    return CustomerSide(contact_id, contact, inbox)
