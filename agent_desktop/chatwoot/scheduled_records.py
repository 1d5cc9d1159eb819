"""The fork's scheduled messages as typed immutable records (see records.py for the
rest of what the server sends)."""

from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import datetime

from agent_desktop.chatwoot.reading import Fields
from agent_desktop.chatwoot.records import Attachment


class ScheduledStatus(enum.StrEnum):
    DRAFT = "draft"
    PENDING = "pending"
    SENT = "sent"
    FAILED = "failed"
    HELD = "held"
    CANCELLED = "cancelled"  # some forks keep a cancelled row instead of deleting it


@dataclass(frozen=True)
class ScheduledMessage:
    """One row of the fork's scheduled_messages resource."""

    id: int
    content: str
    conversation_id: int
    inbox_id: int | None
    status: ScheduledStatus
    scheduled_at: datetime | None  # None: a draft saved without a time (the fork's UI makes them)
    hold_on_reply: bool | None  # None: the server did not say (versions that ignore it)
    message_id: int | None
    author_id: int | None
    created_at: datetime | None
    updated_at: datetime | None
    attachment: Attachment | None

    @classmethod
    def parse(cls, f: Fields) -> ScheduledMessage:
        raw = f.string("status")
        try:
            status = ScheduledStatus(raw)
        except ValueError:
            raise f.fail("status", "draft, pending, sent, failed, held or cancelled") from None
        attachment = f.opt_obj("attachment")
        return cls(
            id=f.integer("id"),
            content=f.text("content"),
            conversation_id=f.integer("conversation_id"),
            inbox_id=f.opt_integer("inbox_id"),
            status=status,
            scheduled_at=f.opt_timestamp("scheduled_at"),
            hold_on_reply=f.boolean("hold_on_reply") if f.has("hold_on_reply") else None,
            message_id=f.opt_integer("message_id"),
            author_id=f.opt_integer("author_id"),
            created_at=f.opt_timestamp("created_at"),
            updated_at=f.opt_timestamp("updated_at"),
            attachment=Attachment.parse(attachment) if attachment else None,
        )
