"""Searching conversations as an agent means it: Chatwoot's `q` finds message text only
(in every status), so a name, an e-mail or a phone number is looked up among contacts and
their conversations added, with the list's other filters applied to them here."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from typing import TYPE_CHECKING

from agent_desktop.chatwoot.list_records import ConversationPage
from agent_desktop.chatwoot.records import Conversation

if TYPE_CHECKING:
    from agent_desktop.chatwoot.client import ChatwootClient

CONTACTS_LOOKED_AT = 5  # the best matches: a search for "a" must not fetch a hundred lists


def _keeps(
    conversation: Conversation,
    user_id: int | None,
    assignee_type: str,
    inbox_id: int | None,
    labels: Iterable[str],
) -> bool:
    assignee = conversation.assignee.id if conversation.assignee else None
    if assignee_type == "me" and (user_id is None or assignee != user_id):
        return False
    if assignee_type == "unassigned" and assignee is not None:
        return False
    if assignee_type == "assigned" and assignee is None:
        return False
    if inbox_id is not None and conversation.inbox_id != inbox_id:
        return False
    wanted = list(labels)  # any of them, as Rails' ConversationFinder (tagged_with any:)
    return not wanted or any(label in conversation.labels for label in wanted)


def search_conversations(
    client: ChatwootClient,
    q: str,
    *,
    user_id: int | None,
    assignee_type: str = "all",
    inbox_id: int | None = None,
    labels: Iterable[str] = (),
    page: int = 1,
    page_size: int | None = None,
) -> ConversationPage:
    """Conversations whose messages hold `q` (the server's search, paged), and on the
    first page also those of contacts whose name, e-mail or phone hold it."""
    labels = tuple(labels)
    found = client.conversations(
        status="all",
        assignee_type=assignee_type,
        inbox_id=inbox_id,
        labels=labels,
        q=q,
        page=page,
        page_size=page_size,
    )
    if page > 1:
        return found
    seen = {c.id for c in found.conversations}
    extra: list[Conversation] = []
    for contact in client.search_contacts(q)[:CONTACTS_LOOKED_AT]:
        if contact.id is None:
            continue
        for conversation in client.contact_conversations(contact.id):
            if conversation.id not in seen and _keeps(
                conversation, user_id, assignee_type, inbox_id, labels
            ):
                seen.add(conversation.id)
                extra.append(conversation)
    if not extra:
        return found
    merged = sorted(
        (*found.conversations, *extra),
        key=lambda c: (c.last_activity_at is not None, c.last_activity_at, c.id),
        reverse=True,
    )
    # the server's page says whether more follow, and its size is the install's
    return replace(
        found,
        conversations=tuple(merged),
        page_size=found.size or None,
        more=found.may_have_more,
    )
