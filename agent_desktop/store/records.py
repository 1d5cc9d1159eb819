"""Plain, immutable copies of stored rows: safe to hand to another thread or the GUI."""

from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any

from agent_desktop.core.channels import ChannelLimit
from agent_desktop.store.states import OutboxState

if TYPE_CHECKING:  # records travel to the window before SQLAlchemy has loaded
    from agent_desktop.store.models import Attempt, OutboxMessage, ServerProfile

LOCAL = "local"


class Intent(enum.StrEnum):
    """A step with the server that was begun: kept until it is known to have ended, so a
    lost answer or a crash is finished or undone, never left to guess."""

    CREATE = "create"  # the server may or may not have it
    CHANGE = "change"  # a new version may be there beside the old
    CANCEL = "cancel"  # it may or may not still be scheduled there
    SEND_NOW = "send_now"  # being taken off the server to go from here at once


@dataclass(frozen=True)
class StoredAttachment:
    path: str  # inside the data directory
    filename: str
    content_type: str

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> StoredAttachment:
        return cls(str(data["path"]), str(data["filename"]), str(data["content_type"]))

    def to_json(self) -> dict[str, str]:
        return {"path": self.path, "filename": self.filename, "content_type": self.content_type}


@dataclass(frozen=True)
class OutboxRecord:
    id: int
    profile_id: int
    backend: str
    remote_id: int | None
    conversation_id: int
    content: str
    scheduled_at: datetime
    due_at: datetime
    zone: str
    hold_on_reply: bool
    hold_after: datetime | None
    state: OutboxState
    delivery_key: str
    attachments: tuple[StoredAttachment, ...]
    attempts: int
    claimed_by: str | None
    lease_until: datetime | None
    in_flight_since: datetime | None
    server_message_id: int | None
    last_error: str | None
    conversation_label: str
    created_at: datetime
    updated_at: datetime
    sent_at: datetime | None
    intent: Intent | None = None
    attempt_started_at: datetime | None = None
    attempt_owner: str | None = None
    revision: int = 0  # how many times the row changed
    # the conversation's channel limit as learned: None not learned yet, 0 no limit
    channel_chars: int | None = None
    channel_name: str = ""
    wait_for_opening: bool = False  # for the inbox's business hours (due_at moves)
    expected_opening: datetime | None = None  # as the hours read when it was scheduled

    @property
    def is_local(self) -> bool:
        return self.backend == LOCAL

    @property
    def channel_known(self) -> bool:
        return self.channel_chars is not None

    @property
    def channel(self) -> ChannelLimit | None:
        """The conversation's channel limit, where it has one and it was learned."""
        if not self.channel_chars:
            return None
        return ChannelLimit(self.channel_name, self.channel_chars)

    @classmethod
    def of(cls, row: OutboxMessage) -> OutboxRecord:
        return cls(
            id=row.id,
            profile_id=row.profile_id,
            backend=row.backend,
            remote_id=row.remote_id,
            conversation_id=row.conversation_id,
            content=row.content,
            scheduled_at=row.scheduled_at,
            due_at=row.due_at,
            zone=row.zone,
            hold_on_reply=row.hold_on_reply,
            hold_after=row.hold_after,
            state=OutboxState(row.state),
            delivery_key=row.delivery_key,
            attachments=tuple(StoredAttachment.from_json(a) for a in row.attachments or ()),
            attempts=row.attempts,
            claimed_by=row.claimed_by,
            lease_until=row.lease_until,
            in_flight_since=row.in_flight_since,
            server_message_id=row.server_message_id,
            last_error=row.last_error,
            conversation_label=row.conversation_label,
            created_at=row.created_at,
            updated_at=row.updated_at,
            sent_at=row.sent_at,
            intent=Intent(row.intent) if row.intent else None,
            attempt_started_at=row.attempt_started_at,
            attempt_owner=row.attempt_owner,
            revision=row.revision or 0,
            channel_chars=row.channel_chars,
            channel_name=row.channel_name or "",
            wait_for_opening=bool(row.wait_for_opening),
            expected_opening=row.expected_opening,
        )


@dataclass(frozen=True)
class AttemptRecord:
    id: int
    outbox_id: int
    at: datetime
    outcome: str
    http_status: int | None
    error: str | None

    @classmethod
    def of(cls, row: Attempt) -> AttemptRecord:
        return cls(row.id, row.outbox_id, row.at, row.outcome, row.http_status, row.error)


@dataclass(frozen=True)
class Capabilities:
    """What a server has shown it does, each None until it has shown it."""

    # a message's content_attributes come back as sent (Chatwoot 4.3 keeps only a few
    # keys and drops the delivery key): else an uncertain send is matched by fingerprint
    keeps_content_attributes: bool | None = None
    version: str | None = None  # GET /api
    # the fork's resource echoes hold_on_reply (its PR #322); earlier ones drop it
    holds_on_reply: bool | None = None

    @classmethod
    def from_json(cls, data: dict[str, Any] | None) -> Capabilities:
        data = data or {}
        keeps, holds, version = (
            data.get("keeps_content_attributes"),
            data.get("holds_on_reply"),
            data.get("version"),
        )
        return cls(
            keeps_content_attributes=keeps if isinstance(keeps, bool) else None,
            version=version if isinstance(version, str) else None,
            holds_on_reply=holds if isinstance(holds, bool) else None,
        )

    def to_json(self) -> dict[str, Any]:
        return {
            "keeps_content_attributes": self.keeps_content_attributes,
            "version": self.version,
            "holds_on_reply": self.holds_on_reply,
        }


@dataclass(frozen=True)
class ProfileRecord:
    id: int
    base_url: str
    account_id: int
    user_id: int
    user_name: str
    user_email: str
    account_name: str
    created_at: datetime
    last_used_at: datetime
    detected_backend: str | None
    detected_at: datetime | None
    capabilities: Capabilities = Capabilities()

    @classmethod
    def of(cls, row: ServerProfile) -> ProfileRecord:
        return cls(
            row.id,
            row.base_url,
            row.account_id,
            row.user_id,
            row.user_name,
            row.user_email,
            row.account_name,
            row.created_at,
            row.last_used_at,
            row.detected_backend,
            row.detected_at,
            Capabilities.from_json(row.capabilities),
        )
