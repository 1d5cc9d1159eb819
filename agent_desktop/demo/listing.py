"""Lists as Rails builds them: Chatwoot's ConversationFinder (an agent sees only the
conversations of inboxes they belong to; `q` searches message text only and then skips
the status filter; any of the labels asked for; counts before the assignee filter; a page
size set per install) and the contacts search (name, e-mail, phone, identifier; 15 a
page)."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from sqlalchemy import String, cast, func, or_, select

from agent_desktop.demo import errors
from agent_desktop.demo.models import Contact, Conversation, Message
from agent_desktop.demo.serialize import contact_push

if TYPE_CHECKING:
    from agent_desktop.demo.state import Caller, DemoState, Filters

INCOMING, OUTGOING = 0, 1
CONTACTS_PER_PAGE = 15


def _visible(state: DemoState, caller: Caller) -> Any:
    """The account's conversations the caller may see: not those of an inbox the agent
    was removed from."""
    query = select(Conversation).where(Conversation.account_id == caller.account_id)
    hidden = state.inboxes_refused_to(caller.user_id)
    if hidden:
        query = query.where(Conversation.inbox_id.not_in(hidden))
    return query


def _filtered(state: DemoState, caller: Caller, filters: Filters) -> Any:
    query = _visible(state, caller)
    if filters.status != "all" and not filters.q:  # with q, Rails searches every status
        query = query.where(Conversation.status == filters.status)
    if filters.inbox_id is not None:
        query = query.where(Conversation.inbox_id == filters.inbox_id)
    if filters.labels:
        # tagged_with(labels, any: true): any one of them. The JSON list as text:
        # '["billing", "vip"]' holds '"vip"'
        text = cast(Conversation.labels, String)
        query = query.where(or_(*(text.contains(f'"{label}"') for label in filters.labels)))
    if filters.q:
        # message text only, incoming and outgoing: not contact names, e-mails or phones
        matching = select(Message.conversation_id).where(
            Message.account_id == caller.account_id,
            Message.content.ilike(f"%{filters.q}%"),
            Message.message_type.in_((INCOMING, OUTGOING)),
            Message.scheduled_at.is_(None),
        )
        query = query.where(Conversation.id.in_(matching))
    return query


def conversation_counts(state: DemoState, caller: Caller, filters: Filters) -> dict[str, int]:
    base = _filtered(state, caller, filters).subquery()
    with state.session() as s:

        def count(*conditions: Any) -> int:
            return s.scalar(select(func.count()).select_from(base).where(*conditions)) or 0

        every, unassigned = count(), count(base.c.assignee_id.is_(None))
        return {
            "mine_count": count(base.c.assignee_id == caller.user_id),
            "assigned_count": every - unassigned,
            "unassigned_count": unassigned,
            "all_count": every,
        }


def conversations(state: DemoState, caller: Caller, filters: Filters) -> dict[str, Any]:
    query = _filtered(state, caller, filters)
    if filters.assignee_type == "me":
        query = query.where(Conversation.assignee_id == caller.user_id)
    elif filters.assignee_type == "unassigned":
        query = query.where(Conversation.assignee_id.is_(None))
    elif filters.assignee_type == "assigned":
        query = query.where(Conversation.assignee_id.is_not(None))
    order = {
        "created_at_asc": Conversation.created_at.asc(),
        "created_at_desc": Conversation.created_at.desc(),
        "last_activity_at_asc": Conversation.last_activity_at.asc(),
    }.get(filters.sort_by or "", Conversation.last_activity_at.desc())
    size, page = state.server.page_size, max(1, filters.page)
    query = query.order_by(order, Conversation.id.desc()).limit(size).offset((page - 1) * size)
    meta = conversation_counts(state, caller, filters)
    with state.session() as s:
        payload = [state.conversation_json(s, row) for row in s.scalars(query)]
    return {"data": {"meta": meta, "payload": payload}}


def _like(pattern: str, *, any_case: bool) -> re.Pattern[str]:
    """A LIKE (ILIKE) pattern as Postgres reads it: `%` any run, `_` any one character,
    a backslash the next one as it is. Rails puts the agent's text in unescaped."""
    parts, chars = [], iter(pattern)
    for char in chars:
        if char == "\\":
            parts.append(re.escape(next(chars, "\\")))
        else:
            parts.append({"%": ".*", "_": "."}.get(char, re.escape(char)))
    return re.compile("".join(parts), re.DOTALL | (re.IGNORECASE if any_case else 0))


def search_contacts(state: DemoState, caller: Caller, q: str | None, page: int) -> dict[str, Any]:
    """`GET contacts/search?q=`: name, e-mail and phone by ILIKE, the identifier by LIKE
    (case counts there), with the text as a pattern; in no order asked for (Postgres'
    own: by id here). 422 without q; `count` is this page's size, not a total."""
    text = (q or "").strip()
    if not text:
        raise errors.ApiError(422, {"error": "Specify search string with parameter q"})
    any_case = _like(f"%{text}%", any_case=True)
    this_case = _like(f"%{text}%", any_case=False)
    page = max(1, page)
    with state.session() as s:
        every = s.scalars(
            select(Contact).where(Contact.account_id == caller.account_id).order_by(Contact.id)
        )
        found = [
            contact
            for contact in every
            if any(
                value is not None and any_case.fullmatch(value)
                for value in (contact.name, contact.email, contact.phone_number)
            )
            or (contact.identifier is not None and this_case.fullmatch(contact.identifier))
        ]
    start = (page - 1) * CONTACTS_PER_PAGE
    shown = found[start : start + CONTACTS_PER_PAGE]
    return {
        "meta": {
            "count": len(shown),
            "current_page": page,
            "has_more": len(found) > start + len(shown),
        },
        "payload": [contact_push(contact) for contact in shown],
    }


def contact_conversations(state: DemoState, caller: Caller, contact_id: int) -> dict[str, Any]:
    """`GET contacts/{id}/conversations`: the contact's conversations the caller may see."""
    with state.session() as s:
        contact = s.get(Contact, contact_id)
        if contact is None or contact.account_id != caller.account_id:
            raise errors.not_found()
        rows = s.scalars(
            _visible(state, caller)
            .where(Conversation.contact_id == contact_id)
            .order_by(Conversation.last_activity_at.desc(), Conversation.id.desc())
        )
        return {"payload": [state.conversation_json(s, row) for row in rows]}
