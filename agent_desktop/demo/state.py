"""The demo server's behaviour: Chatwoot's rules for conversations and messages, on
SQLite. Every method runs one short transaction; the server calls them from its one
event-loop thread, so they never race each other."""

from __future__ import annotations

import uuid
from collections import deque
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, func, select
from sqlalchemy.orm import Session, selectinload, sessionmaker

from agent_desktop.core.clock import Clock
from agent_desktop.demo import activity, errors, mentions
from agent_desktop.demo.metrics import Metrics
from agent_desktop.demo.models import (
    Account,
    AccountUser,
    Attachment,
    Base,
    Contact,
    Conversation,
    Inbox,
    Message,
    User,
    add_missing_columns,
)
from agent_desktop.demo.profiles import UPSTREAM, ServerProfile
from agent_desktop.demo.serialize import (
    agent_json,
    contact_push,
    conversation_json,
    iso,
    message_json,
    profile_json,
    unix,
    user_push,
)
from agent_desktop.demo.values import as_bool, as_dict, as_int, parse_time

MAX_CONTENT = 150_000
MAX_ATTACHMENTS = 15
FLOOD_LIMIT = 200  # messages a minute in one conversation
INCOMING, OUTGOING, ACTIVITY = 0, 1, 2
SEEN_KEPT = 1000  # update_last_seen calls remembered: a long-running demo stays small


@dataclass(frozen=True)
class Upload:
    filename: str
    content_type: str
    data: bytes


@dataclass
class Caller:
    """Who is calling, in which account."""

    user_id: int
    account_id: int


@dataclass
class Filters:
    status: str = "open"
    assignee_type: str = "all"
    inbox_id: int | None = None
    labels: list[str] = field(default_factory=list)
    q: str | None = None
    sort_by: str | None = None
    page: int = 1


class DemoState:
    def __init__(
        self,
        path: Path | None,
        clock: Clock,
        base_url: str = "",
        profile: ServerProfile = UPSTREAM,
    ) -> None:
        url = f"sqlite:///{path}" if path else "sqlite://"
        kwargs: dict[str, Any] = {}
        if path is None:
            from sqlalchemy.pool import StaticPool

            kwargs = {"poolclass": StaticPool, "connect_args": {"check_same_thread": False}}
        else:
            kwargs = {"connect_args": {"check_same_thread": False}}
        # in memory, every session shares one connection: only one thread may use it
        self.one_connection = path is None
        self.engine: Engine = create_engine(url, **kwargs)
        Base.metadata.create_all(self.engine)
        add_missing_columns(self.engine)
        self.sessions = sessionmaker(self.engine, expire_on_commit=False)
        self.clock = clock
        self.base_url = base_url
        self.server = profile  # which real server it behaves like
        # (user, inbox): agents removed from an inbox, whose conversations Pundit refuses
        self.refused: set[tuple[int, int]] = set()
        self.metrics = Metrics()
        self.last_dispatch_at: datetime | None = None
        # every update_last_seen asked of it, by conversation, in order: what a client
        # marked read, which the unread counts cannot tell of one already read
        self.seen_asked: deque[int] = deque(maxlen=SEEN_KEPT)

    @contextmanager
    def session(self) -> Iterator[Session]:
        with self.sessions() as session, session.begin():
            yield session

    def close(self) -> None:
        self.engine.dispose()

    # -- who is calling --------------------------------------------------------------

    def authenticate(self, token: str | None, account_id: int | None) -> Caller:
        if not token:
            raise errors.ApiError(
                401, {"errors": ["You need to sign in or sign up before continuing."]}
            )
        with self.session() as s:
            user = s.scalar(select(User).where(User.access_token == token))
            if user is None:
                raise errors.unauthorized("Invalid Access Token")
            if account_id is None:
                return Caller(user.id, 0)
            member = s.get(AccountUser, (account_id, user.id))
            if member is None:
                raise errors.unauthorized("You are not authorized to access this account")
            return Caller(user.id, account_id)

    def profile(self, caller: Caller) -> dict[str, Any]:
        with self.session() as s:
            user = s.get_one(User, caller.user_id)
            rows = s.execute(
                select(Account, AccountUser.role)
                .join(AccountUser, AccountUser.account_id == Account.id)
                .where(AccountUser.user_id == user.id)
                .order_by(Account.id)
            ).all()
            return profile_json(user, [(account, role) for account, role in rows])

    def account(self, caller: Caller) -> Account:
        with self.session() as s:
            return s.get_one(Account, caller.account_id)

    def inboxes(self, caller: Caller) -> list[Inbox]:
        with self.session() as s:
            return list(
                s.scalars(
                    select(Inbox).where(Inbox.account_id == caller.account_id).order_by(Inbox.id)
                )
            )

    # -- conversations ---------------------------------------------------------------

    def find_conversation(self, s: Session, caller: Caller, display_id: int) -> Conversation:
        """The caller's account's conversation with that display id, or a 404; an agent
        not in its inbox gets Pundit's refusal, which Chatwoot answers with 401."""
        conversation = s.scalar(
            select(Conversation).where(
                Conversation.account_id == caller.account_id, Conversation.display_id == display_id
            )
        )
        if conversation is None:
            raise errors.not_found()
        if (caller.user_id, conversation.inbox_id) in self.refused:
            raise errors.unauthorized("You are not authorized to do this action")
        return conversation

    def inboxes_refused_to(self, user_id: int) -> list[int]:
        return [inbox for user, inbox in self.refused if user == user_id]

    def set_inbox_member(self, caller: Caller, inbox_id: int, user_id: int, member: bool) -> None:
        """The demo's stand-in for an admin adding or removing an agent from an inbox."""
        with self.session() as s:
            inbox = s.get(Inbox, inbox_id)
            if inbox is None or inbox.account_id != caller.account_id:
                raise errors.not_found()
        (self.refused.discard if member else self.refused.add)((user_id, inbox_id))

    def conversation(self, caller: Caller, display_id: int) -> dict[str, Any]:
        with self.session() as s:
            return self.conversation_json(s, self.find_conversation(s, caller, display_id))

    def conversation_json(self, s: Session, conversation: Conversation) -> dict[str, Any]:
        """As Rails renders it: `messages` holds the last message of any kind (an
        activity, a private note), `last_non_activity_message` the last other one."""
        sent = select(Message).where(
            Message.conversation_id == conversation.id, Message.scheduled_at.is_(None)
        )
        last = s.scalar(sent.order_by(Message.id.desc()).limit(1))
        real = (
            last
            if last is None or last.message_type != ACTIVITY
            else s.scalar(
                sent.where(Message.message_type != ACTIVITY).order_by(Message.id.desc()).limit(1)
            )
        )
        rendered = self.messages_json(s, conversation, [m for m in (last, real) if m])
        by_id = {item["id"]: item for item in rendered}
        return conversation_json(
            conversation,
            by_id.get(last.id) if last else None,
            by_id.get(real.id) if real else None,
        )

    def toggle_status(
        self, caller: Caller, display_id: int, status: str | None, snoozed_until: Any
    ) -> dict[str, Any]:
        with self.session() as s:
            conversation = self.find_conversation(s, caller, display_id)
            was = conversation.status
            if status:
                if status not in {"open", "resolved", "pending", "snoozed"}:
                    raise errors.invalid_record("Status is not included in the list", "status")
                conversation.status = status
            else:
                conversation.status = "resolved" if conversation.status == "open" else "open"
            if conversation.status != was:
                activity.status_changed(self, s, caller, conversation)
            if conversation.status == "snoozed" and snoozed_until not in (None, ""):
                conversation.snoozed_until = parse_time(snoozed_until)
            elif conversation.status != "snoozed":
                conversation.snoozed_until = None
            conversation.updated_at = self.clock.now()
            return {
                "meta": {},
                "payload": {
                    "success": True,
                    "conversation_id": conversation.display_id,
                    "current_status": conversation.status,
                    "snoozed_until": iso(conversation.snoozed_until),
                },
            }

    def assign(self, caller: Caller, display_id: int, assignee_id: Any) -> dict[str, Any] | None:
        """Chatwoot's AssignmentService: to the agent of the account with that id (the
        agent answered), else to nobody (answered null): an id that is null, 0 or no
        agent of the account unassigns, never an error."""
        with self.session() as s:
            conversation = self.find_conversation(s, caller, display_id)
            user_id = as_int(assignee_id)
            member = s.get(AccountUser, (caller.account_id, user_id)) if user_id else None
            assignee = s.get_one(User, member.user_id) if member is not None else None
            if conversation.assignee_id != (assignee.id if assignee else None):
                conversation.assignee_id = assignee.id if assignee else None
                activity.assignee_changed(self, s, caller, conversation, assignee)
                conversation.updated_at = self.clock.now()
            if assignee is None or member is None:
                return None
            return agent_json(assignee, caller.account_id, member.role)

    def mark_seen(self, caller: Caller, display_id: int) -> None:
        with self.session() as s:
            self.find_conversation(s, caller, display_id).unread_count = 0

    def mark_unread(self, caller: Caller, display_id: int) -> None:
        """Chatwoot sets the agent's last seen to just before the last incoming message."""
        with self.session() as s:
            conversation = self.find_conversation(s, caller, display_id)
            incoming = s.scalar(
                select(Message.id).where(
                    Message.conversation_id == conversation.id, Message.message_type == INCOMING
                )
            )
            if incoming is not None:
                conversation.unread_count = max(conversation.unread_count, 1)

    # -- messages --------------------------------------------------------------------

    def messages_json(
        self, s: Session, conversation: Conversation, messages: Sequence[Message]
    ) -> list[dict[str, Any]]:
        user_ids = {m.sender_id for m in messages if m.sender_type == "User" and m.sender_id}
        contact_ids = {m.sender_id for m in messages if m.sender_type == "Contact" and m.sender_id}
        senders: dict[tuple[str, int], dict[str, Any]] = {}
        if user_ids:
            for user in s.scalars(select(User).where(User.id.in_(user_ids))):
                senders[("User", user.id)] = user_push(user)
        if contact_ids:
            for contact in s.scalars(select(Contact).where(Contact.id.in_(contact_ids))):
                senders[("Contact", contact.id)] = contact_push(contact)
        return [message_json(m, conversation, senders, self.base_url) for m in messages]

    def messages(
        self, caller: Caller, display_id: int, before: int | None, after: int | None
    ) -> dict[str, Any]:
        """Chatwoot's MessageFinder: ids page, results always oldest first."""
        with self.session() as s:
            conversation = self.find_conversation(s, caller, display_id)
            visible = (
                select(Message)
                .where(Message.conversation_id == conversation.id, Message.scheduled_at.is_(None))
                .options(selectinload(Message.attachments))  # one query for the page's files
            )
            if after is not None and before is not None:
                rows = list(
                    s.scalars(
                        visible.where(Message.id >= after, Message.id < before)
                        .order_by(Message.created_at, Message.id)
                        .limit(1000)
                    )
                )
            elif before is not None:
                rows = list(
                    s.scalars(
                        visible.where(Message.id < before)
                        .order_by(Message.created_at.desc(), Message.id.desc())
                        .limit(20)
                    )
                )[::-1]
            elif after is not None:
                rows = list(
                    s.scalars(
                        visible.where(Message.id > after)
                        .order_by(Message.created_at, Message.id)
                        .limit(100)
                    )
                )
            else:
                rows = list(
                    s.scalars(
                        visible.order_by(Message.created_at.desc(), Message.id.desc()).limit(20)
                    )
                )[::-1]
            return {
                "meta": self._thread_meta(conversation),
                "payload": self.messages_json(s, conversation, rows),
            }

    def _thread_meta(self, conversation: Conversation) -> dict[str, Any]:
        return {
            "labels": list(conversation.labels or []),
            "additional_attributes": {},
            "contact": contact_push(conversation.contact),
            "assignee": user_push(conversation.assignee) if conversation.assignee else None,
            "agent_last_seen_at": unix(conversation.updated_at),
            "assignee_last_seen_at": unix(conversation.updated_at),
        }

    def add_message(
        self,
        s: Session,
        conversation: Conversation,
        *,
        content: str | None,
        message_type: int,
        sender: tuple[str, int] | None,
        private: bool = False,
        content_type: str = "text",
        content_attributes: dict[str, Any] | None = None,
        uploads: Sequence[Upload] = (),
        scheduled_at: datetime | None = None,
    ) -> Message:
        """Chatwoot's message validations, then the row; raises 422 {"error"} on failure."""
        if content is not None and len(content) > MAX_CONTENT:
            raise errors.could_not_create(
                "Validation failed: Content is too long (maximum is 150000 characters)"
            )
        if not (content or "").strip() and not uploads:
            raise errors.could_not_create("Validation failed: Content can't be blank")
        if len(uploads) > MAX_ATTACHMENTS:
            raise errors.could_not_create("Validation failed: Attachments exceeded maximum allowed")
        now = self.clock.now()
        if message_type == OUTGOING and scheduled_at is None:
            recent = s.scalar(
                select(func.count())
                .select_from(Message)
                .where(
                    Message.conversation_id == conversation.id,
                    Message.message_type == OUTGOING,
                    Message.created_at > now - timedelta(minutes=1),
                )
            )
            if (recent or 0) >= FLOOD_LIMIT:
                raise errors.could_not_create("Validation failed: Too many messages")
        message = Message(
            account_id=conversation.account_id,
            conversation_id=conversation.id,
            inbox_id=conversation.inbox_id,
            content=content,
            message_type=message_type,
            content_type=content_type,
            content_attributes=content_attributes or {},
            private=private,
            status="sent",
            source_id=None,
            sender_type=sender[0] if sender else None,
            sender_id=sender[1] if sender else None,
            created_at=now,
            updated_at=now,
            scheduled_at=scheduled_at,
        )
        for upload in uploads:
            message.attachments.append(
                Attachment(
                    account_id=conversation.account_id,
                    filename=upload.filename,
                    content_type=upload.content_type,
                    data=upload.data,
                )
            )
        s.add(message)
        s.flush()
        if scheduled_at is None:
            self.touch_conversation(conversation, message)
            mentions.note_created(self, s, conversation, message)  # a note's @mentions
        return message

    def touch_conversation(self, conversation: Conversation, message: Message) -> None:
        conversation.last_activity_at = message.created_at
        conversation.updated_at = message.created_at
        if message.message_type == INCOMING:
            conversation.unread_count += 1
            if conversation.status in {"resolved", "snoozed"}:
                conversation.status, conversation.snoozed_until = "open", None
        if message.source_id is None and message.message_type == OUTGOING and not message.private:
            message.source_id = f"demo-{uuid.uuid4().hex[:12]}"

    def create_message(
        self, caller: Caller, display_id: int, fields: dict[str, Any], uploads: Sequence[Upload]
    ) -> dict[str, Any]:
        from agent_desktop.demo import scheduling

        with self.session() as s:
            conversation = self.find_conversation(s, caller, display_id)
            account = s.get_one(Account, caller.account_id)
            attributes = self.server.kept_attributes(as_dict(fields.get("content_attributes")))
            content = fields.get("content")
            content = None if content is None else str(content)
            scheduled_at = scheduling.seed_scheduled_at(self, account, fields.get("scheduled_at"))
            message = self.add_message(
                s,
                conversation,
                content=content,
                message_type=OUTGOING,
                sender=("User", caller.user_id),
                private=as_bool(fields.get("private")),
                content_type=str(fields.get("content_type") or "text"),
                content_attributes=attributes,
                uploads=uploads,
                scheduled_at=scheduled_at,
            )
            body = self.messages_json(s, conversation, [message])[0]
            echo_id = fields.get("echo_id")
            if echo_id not in (None, ""):
                body["echo_id"] = str(echo_id)
            if scheduled_at is not None:
                self.metrics.created("seed")
                return {
                    "message": "Message scheduled successfully",
                    "scheduled_at": iso(scheduled_at),
                    "data": body,
                }
            return body

    def delete_message(self, caller: Caller, display_id: int, message_id: int) -> dict[str, Any]:
        with self.session() as s:
            conversation = self.find_conversation(s, caller, display_id)
            message = s.get(Message, message_id)
            if message is None or message.conversation_id != conversation.id:
                raise errors.not_found()
            message.content = "This message was deleted"
            message.content_type = "text"
            message.content_attributes = {"deleted": True}
            message.attachments.clear()
            message.updated_at = self.clock.now()
            return self.messages_json(s, conversation, [message])[0]

    def attachment(self, attachment_id: int) -> Attachment | None:
        with self.session() as s:
            return s.get(Attachment, attachment_id)
