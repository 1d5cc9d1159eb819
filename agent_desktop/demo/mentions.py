"""@mentions in private notes and the notifications they make, as Chatwoot's Rails code
has them:

- Messages::MentionService: only a private note with content; the ids in its
  `(mention://user/ID/...)` links, and the members of the teams in its
  `(mention://team/ID/...)` links, in the order written, once each; kept only if the
  account's administrators or the inbox's members hold them; each gets a
  `conversation_mention` notification, except the note's own author.
- NotificationBuilder and Notification::RemoveDuplicateNotificationJob: the conversation
  is the primary actor, the note the secondary; a newer notification of a user for the
  same conversation removes the older ones.
- NotificationsController#index (NotificationFinder and its jbuilder): the user's own in
  the account, unread and not snoozed unless `type=read` / `status=snoozed` say otherwise,
  newest activity first, 15 a page, under `data.payload`, with `data.meta.count`,
  `unread_count` and `current_page` (the `page` parameter as sent: a string; 1 without).
"""

from __future__ import annotations

import re
from collections.abc import Awaitable, Callable
from datetime import datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy import JSON, ForeignKey, Integer, String, delete, func, select
from sqlalchemy.orm import Mapped, Session, mapped_column
from starlette.requests import Request
from starlette.routing import BaseRoute, Route

from agent_desktop.demo.models import (
    AccountUser,
    Base,
    Conversation,
    Message,
    Team,
    TeamMember,
    User,
)
from agent_desktop.demo.serialize import iso, unix, user_push
from agent_desktop.store.types import UTCDateTime

if TYPE_CHECKING:
    from agent_desktop.demo.state import Caller, DemoState

PER_PAGE = 15
# MentionService's scans (Ruby's `.` stops at a line break, as Python's does)
USER_MENTION = re.compile(r"\(mention://user/(\d+)/(.+?)\)")
TEAM_MENTION = re.compile(r"\(mention://team/(\d+)/(.+?)\)")
# how a notification's title shows a mention: its label, as the note reads
MENTION_LINK = re.compile(r"\[(@(?:\\.|[^\\\]])*)\]\(mention://(?:user|team)/\d+/[^)\s]*\)")
ESCAPED = re.compile(r"\\(.)")
TRUNCATED_AT_WORDS = 10


class Notification(Base):
    __tablename__ = "notifications"

    id: Mapped[int] = mapped_column(primary_key=True)
    account_id: Mapped[int] = mapped_column(ForeignKey("accounts.id"))
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    notification_type: Mapped[str] = mapped_column(String(64))
    primary_actor_type: Mapped[str] = mapped_column(String(32))
    primary_actor_id: Mapped[int] = mapped_column(Integer)  # the conversation's id, not #
    secondary_actor_type: Mapped[str | None] = mapped_column(String(32))
    secondary_actor_id: Mapped[int | None] = mapped_column(Integer)
    read_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    snoozed_until: Mapped[datetime | None] = mapped_column(UTCDateTime)
    meta: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    last_activity_at: Mapped[datetime] = mapped_column(UTCDateTime)


# -- Messages::MentionService ------------------------------------------------------------


def mentioned_ids(s: Session, account_id: int, content: str) -> list[int]:
    """The users a note mentions, each once, in the order written: those it names, then
    the members of the teams it names (of this account)."""
    users = [int(found[0]) for found in USER_MENTION.findall(content)]
    team_ids = [int(found[0]) for found in TEAM_MENTION.findall(content)]
    if team_ids:
        users += s.scalars(
            select(TeamMember.user_id)
            .join(Team, Team.id == TeamMember.team_id)
            .where(Team.account_id == account_id, Team.id.in_(team_ids))
        )
    return list(dict.fromkeys(users))


def mentionable(state: DemoState, s: Session, conversation: Conversation) -> set[int]:
    """The account's administrators and the inbox's members (every agent of the account
    but those taken off the inbox)."""
    rows = s.execute(
        select(AccountUser.user_id, AccountUser.role).where(
            AccountUser.account_id == conversation.account_id
        )
    ).all()
    return {
        user_id
        for user_id, role in rows
        if role == "administrator" or (user_id, conversation.inbox_id) not in state.refused
    }


def note_created(
    state: DemoState, s: Session, conversation: Conversation, message: Message
) -> None:
    """What a new message's mentions do (called for every message created now)."""
    if not message.private or not (message.content or "").strip():
        return
    allowed = mentionable(state, s, conversation)
    for user_id in mentioned_ids(s, conversation.account_id, message.content or ""):
        if user_id not in allowed:
            continue
        if message.sender_type == "User" and message.sender_id == user_id:
            continue  # one's own name mentioned: no notification
        notify(s, user_id, conversation, message, state.clock.now())


def notify(
    s: Session, user_id: int, conversation: Conversation, message: Message, now: datetime
) -> None:
    made = Notification(
        account_id=conversation.account_id,
        user_id=user_id,
        notification_type="conversation_mention",
        primary_actor_type="Conversation",
        primary_actor_id=conversation.id,
        secondary_actor_type="Message",
        secondary_actor_id=message.id,
        meta={},
        created_at=now,
        last_activity_at=now,
    )
    s.add(made)
    s.flush()
    s.execute(  # RemoveDuplicateNotificationJob: the newest one stays
        delete(Notification).where(
            Notification.user_id == user_id,
            Notification.primary_actor_id == conversation.id,
            Notification.id != made.id,
        )
    )


# -- NotificationsController#index -------------------------------------------------------


def truncate_words(text: str, count: int) -> str:
    """ActiveSupport's String#truncate_words: the first words as written, then "..."."""
    found = re.match(rf"\A((?>.+?\s+){{{count - 1}}}.+?)\s+.*", text, re.DOTALL)
    return found.group(1) + "..." if found else text


def as_read(content: str) -> str:
    """A note's text as the notification's title shows it: mentions as "@Name"."""
    return MENTION_LINK.sub(lambda m: ESCAPED.sub(r"\1", m.group(1)), content)


def notification_json(
    state: DemoState, s: Session, notification: Notification
) -> dict[str, Any] | None:
    conversation = s.get(Conversation, notification.primary_actor_id)
    message = s.get(Message, notification.secondary_actor_id or 0)
    user = s.get(User, notification.user_id)
    if conversation is None or user is None:
        return None
    content = as_read(truncate_words(message.content or "", TRUNCATED_AT_WORDS)) if message else ""
    return {
        "id": notification.id,
        "notification_type": notification.notification_type,
        "push_message_title": f"[#{conversation.display_id}] {content}",
        "primary_actor_type": notification.primary_actor_type,
        "primary_actor_id": notification.primary_actor_id,
        "primary_actor": state.conversation_json(s, conversation),
        "read_at": iso(notification.read_at),
        "secondary_actor": state.messages_json(s, conversation, [message])[0] if message else None,
        "user": user_push(user),
        "created_at": unix(notification.created_at),
        "last_activity_at": unix(notification.last_activity_at),
        "snoozed_until": iso(notification.snoozed_until),
        "meta": notification.meta or {},
    }


def notifications(state: DemoState, caller: Caller, params: dict[str, str]) -> dict[str, Any]:
    mine = select(Notification).where(
        Notification.user_id == caller.user_id, Notification.account_id == caller.account_id
    )
    status, kind = params.get("status"), params.get("type")
    if not (status == "snoozed" and kind == "read"):
        if kind != "read":
            mine = mine.where(Notification.read_at.is_(None))
        if status != "snoozed":
            mine = mine.where(Notification.snoozed_until.is_(None))
    page = params.get("page")
    try:
        number = max(1, int(page or 1))
    except ValueError:
        number = 1  # Kaminari reads a page it cannot count as the first
    newest_first = params.get("sort_order", "desc") != "asc"
    order = Notification.last_activity_at
    with state.session() as s:
        count = s.scalar(select(func.count()).select_from(mine.subquery())) or 0
        unread = mine.where(Notification.read_at.is_(None)).subquery()
        unread_count = s.scalar(select(func.count()).select_from(unread)) or 0
        rows = s.scalars(
            mine.order_by(order.desc() if newest_first else order.asc(), Notification.id.desc())
            .offset((number - 1) * PER_PAGE)
            .limit(PER_PAGE)
        )
        payload = [body for row in rows if (body := notification_json(state, s, row))]
        return {
            "data": {
                "meta": {
                    "unread_count": unread_count,
                    "count": count,
                    "current_page": page if page is not None else 1,
                },
                "payload": payload,
            }
        }


def unread_count(state: DemoState, caller: Caller) -> int:
    """NotificationsController#unread_count: a bare number (NotificationFinder's)."""
    found = notifications(state, caller, {})
    return int(found["data"]["meta"]["unread_count"])


ACCOUNT = "/api/v1/accounts/{account_id:int}"
Endpoint = Callable[[Request, "Caller"], Awaitable[Any]]


def routes(state: DemoState, authed: Callable[[Endpoint], Callable[..., Any]]) -> list[BaseRoute]:
    async def index(request: Request, caller: Caller) -> Any:
        return notifications(state, caller, dict(request.query_params))

    async def unread(request: Request, caller: Caller) -> Any:
        return unread_count(state, caller)

    return [
        Route(ACCOUNT + "/notifications", authed(index), methods=["GET"]),
        Route(ACCOUNT + "/notifications/unread_count", authed(unread), methods=["GET"]),
    ]
