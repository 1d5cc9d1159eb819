"""What the server sends, as typed immutable records. Each `parse` reads one JSON
object and raises MalformedResponseError naming the field when the shape is wrong.
The conversation list's page and counts are in list_records.py, the fork's scheduled
messages in scheduled_records.py."""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any
from urllib.parse import unquote, urlsplit

from agent_desktop.chatwoot.reading import Fields
from agent_desktop.chatwoot.staff import Team


def _iso(instant: datetime | None) -> str | None:
    return None if instant is None else instant.isoformat()


class MessageType(enum.IntEnum):
    INCOMING = 0
    OUTGOING = 1
    ACTIVITY = 2
    TEMPLATE = 3


class ConversationStatus(enum.StrEnum):
    OPEN = "open"
    RESOLVED = "resolved"
    PENDING = "pending"
    SNOOZED = "snoozed"


@dataclass(frozen=True)
class AccountMembership:
    id: int
    name: str
    role: str
    status: str

    @classmethod
    def parse(cls, f: Fields) -> AccountMembership:
        return cls(f.integer("id"), f.text("name"), f.text("role"), f.text("status") or "active")


@dataclass(frozen=True)
class Profile:
    """The signed-in user. The access token the server echoes is deliberately not kept."""

    id: int
    name: str
    available_name: str
    email: str
    role: str
    avatar_url: str
    accounts: tuple[AccountMembership, ...]
    pubsub_token: str = field(default="", repr=False)

    @property
    def display_name(self) -> str:
        return self.available_name or self.name or self.email

    @classmethod
    def parse(cls, f: Fields) -> Profile:
        return cls(
            id=f.integer("id"),
            name=f.text("name"),
            available_name=f.text("available_name"),
            email=f.text("email"),
            role=f.text("role"),
            avatar_url=f.text("avatar_url"),
            accounts=tuple(AccountMembership.parse(a) for a in f.objects("accounts")),
            pubsub_token=f.text("pubsub_token"),
        )


@dataclass(frozen=True)
class ServerInfo:
    """`GET /api`: the server's version (none on a server that does not say)."""

    version: str

    @property
    def version_tuple(self) -> tuple[int, ...]:
        parts = []
        for piece in self.version.split("."):
            digits = "".join(ch for ch in piece if ch.isdigit())
            if not digits:
                break
            parts.append(int(digits))
        return tuple(parts)

    @classmethod
    def parse(cls, f: Fields) -> ServerInfo:
        return cls(f.text("version"))


@dataclass(frozen=True)
class Account:
    id: int
    name: str
    locale: str
    features: frozenset[str]

    @classmethod
    def parse(cls, f: Fields) -> Account:
        flags = f.mapping("features")
        return cls(
            id=f.integer("id"),
            name=f.text("name"),
            locale=f.text("locale"),
            features=frozenset(name for name, enabled in flags.items() if enabled is True),
        )


@dataclass(frozen=True)
class Inbox:
    id: int
    name: str
    channel_type: str
    timezone: str | None
    medium: str | None = None  # a Twilio inbox's: "sms" or "whatsapp"

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "name": self.name,
            "channel_type": self.channel_type,
            "timezone": self.timezone,
            "medium": self.medium,
        }

    @classmethod
    def parse(cls, f: Fields) -> Inbox:
        return cls(
            f.integer("id"),
            f.text("name"),
            f.text("channel_type"),
            f.opt_string("timezone"),
            f.opt_string("medium"),
        )


@dataclass(frozen=True)
class CannedResponse:
    """A saved reply the agent inserts by its short code ("/refund")."""

    id: int
    short_code: str
    content: str

    @classmethod
    def parse(cls, f: Fields) -> CannedResponse:
        return cls(f.integer("id"), f.text("short_code"), f.text("content"))


@dataclass(frozen=True)
class Sender:
    id: int | None
    name: str
    type: str  # user, contact, agent_bot, ...

    def to_json(self) -> dict[str, Any]:
        return {"id": self.id, "name": self.name, "type": self.type}

    @classmethod
    def parse(cls, f: Fields) -> Sender:
        return cls(
            f.opt_integer("id"), f.text("available_name") or f.text("name"), f.text("type").lower()
        )


@dataclass(frozen=True)
class Attachment:
    id: int | None
    file_type: str
    data_url: str
    file_size: int | None
    thumb_url: str = ""  # a smaller rendition, for images the server can shrink

    @property
    def filename(self) -> str:
        path = urlsplit(self.data_url).path
        return unquote(path.rsplit("/", 1)[-1]) if path else ""

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "file_type": self.file_type,
            "data_url": self.data_url,
            "file_size": self.file_size,
            "thumb_url": self.thumb_url,
        }

    @classmethod
    def parse(cls, f: Fields) -> Attachment:
        return cls(
            f.opt_integer("id"),
            f.text("file_type"),
            f.text("data_url") or f.text("file_url"),
            f.opt_integer("file_size"),
            f.text("thumb_url"),
        )


@dataclass(frozen=True)
class Message:
    id: int
    content: str
    conversation_id: int
    inbox_id: int | None
    message_type: MessageType
    content_type: str
    content_attributes: dict[str, Any]
    created_at: datetime
    private: bool
    status: str
    source_id: str | None
    sender: Sender | None
    attachments: tuple[Attachment, ...]
    echo_id: str | None = None
    scheduled_at: datetime | None = None  # only on a server with the scheduled_at design

    @property
    def is_incoming(self) -> bool:
        return self.message_type is MessageType.INCOMING

    @property
    def is_deleted(self) -> bool:
        return self.content_attributes.get("deleted") is True

    def to_json(self) -> dict[str, Any]:
        """The server's shape, which parse() reads back to an equal record."""
        return {
            "id": self.id,
            "content": self.content,
            "conversation_id": self.conversation_id,
            "inbox_id": self.inbox_id,
            "message_type": int(self.message_type),
            "content_type": self.content_type,
            "content_attributes": self.content_attributes,
            "created_at": self.created_at.isoformat(),
            "private": self.private,
            "status": self.status,
            "source_id": self.source_id,
            "sender": self.sender.to_json() if self.sender else None,
            "attachments": [a.to_json() for a in self.attachments],
            "echo_id": self.echo_id,
            "scheduled_at": _iso(self.scheduled_at),
        }

    @classmethod
    def parse(cls, f: Fields) -> Message:
        raw_type = f.integer("message_type")
        try:
            message_type = MessageType(raw_type)
        except ValueError:
            raise f.fail("message_type", "0, 1, 2 or 3") from None
        sender = f.opt_obj("sender")
        return cls(
            id=f.integer("id"),
            content=f.text("content"),
            conversation_id=f.integer("conversation_id"),
            inbox_id=f.opt_integer("inbox_id"),
            message_type=message_type,
            content_type=f.text("content_type") or "text",
            content_attributes=f.mapping("content_attributes"),
            created_at=f.timestamp("created_at"),
            private=f.boolean("private", default=False),
            status=f.text("status"),
            source_id=f.opt_string("source_id"),
            sender=Sender.parse(sender) if sender else None,
            attachments=tuple(Attachment.parse(a) for a in f.objects("attachments")),
            echo_id=f.opt_string("echo_id"),
            scheduled_at=f.opt_timestamp("scheduled_at"),
        )


@dataclass(frozen=True)
class Contact:
    id: int | None
    name: str
    email: str
    phone_number: str
    thumbnail: str

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "name": self.name,
            "email": self.email,
            "phone_number": self.phone_number,
            "thumbnail": self.thumbnail,
        }

    @classmethod
    def parse(cls, f: Fields) -> Contact:
        return cls(
            f.opt_integer("id"),
            f.text("name"),
            f.text("email"),
            f.text("phone_number"),
            f.text("thumbnail"),
        )


@dataclass(frozen=True)
class Conversation:
    id: int  # the display id, used in every path
    account_id: int | None
    inbox_id: int
    status: ConversationStatus
    unread_count: int
    labels: tuple[str, ...]
    priority: str | None
    can_reply: bool
    snoozed_until: datetime | None
    last_activity_at: datetime | None
    created_at: datetime | None
    contact: Contact | None
    assignee: Sender | None
    channel: str
    last_message: Message | None
    team: Team | None = None

    @property
    def title(self) -> str:
        if self.contact and self.contact.name:
            return self.contact.name
        return f"#{self.id}"

    def to_json(self) -> dict[str, Any]:
        """The server's shape, which parse() reads back to an equal record."""
        return {
            "id": self.id,
            "account_id": self.account_id,
            "inbox_id": self.inbox_id,
            "status": self.status.value,
            "unread_count": self.unread_count,
            "labels": list(self.labels),
            "priority": self.priority,
            "can_reply": self.can_reply,
            "snoozed_until": _iso(self.snoozed_until),
            "last_activity_at": _iso(self.last_activity_at),
            "created_at": _iso(self.created_at),
            "meta": {
                "sender": self.contact.to_json() if self.contact else None,
                "assignee": self.assignee.to_json() if self.assignee else None,
                "channel": self.channel,
                "team": self.team.to_json() if self.team else None,
            },
            "messages": [self.last_message.to_json()] if self.last_message else [],
        }

    @classmethod
    def parse(cls, f: Fields) -> Conversation:
        raw_status = f.string("status")
        try:
            status = ConversationStatus(raw_status)
        except ValueError:
            raise f.fail("status", "open, resolved, pending or snoozed") from None
        meta = f.opt_obj("meta")
        sender = meta.opt_obj("sender") if meta else None
        assignee = meta.opt_obj("assignee") if meta else None
        team = meta.opt_obj("team") if meta else None
        # the list's last message may be an activity ("marked resolved by …"): the
        # preview is the last real one, as Chatwoot's dashboard shows it
        last = f.opt_obj("last_non_activity_message")
        messages = [m for m in f.objects("messages") if m.data.get("message_type") != 2]
        if last is None and messages:
            last = messages[-1]
        return cls(
            id=f.integer("id"),
            account_id=f.opt_integer("account_id"),
            inbox_id=f.integer("inbox_id"),
            status=status,
            unread_count=f.opt_integer("unread_count") or 0,
            labels=tuple(str(label) for label in f.array("labels")),
            priority=f.opt_string("priority"),
            can_reply=f.boolean("can_reply", default=True),
            snoozed_until=f.opt_timestamp("snoozed_until"),
            last_activity_at=f.opt_timestamp("last_activity_at"),
            created_at=f.opt_timestamp("created_at"),
            contact=Contact.parse(sender) if sender else None,
            assignee=Sender.parse(assignee) if assignee else None,
            # the list puts it in meta; a live event's payload at the top
            channel=(meta.text("channel") if meta else "") or f.text("channel"),
            last_message=Message.parse(last) if last else None,
            team=Team.parse(team) if team else None,
        )
