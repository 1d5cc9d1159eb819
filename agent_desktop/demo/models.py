"""The demo server's own database (not the app's): accounts, agents, teams, inboxes,
contacts, conversations, messages and the fork's scheduled messages."""

from __future__ import annotations

import enum
from datetime import datetime
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    Engine,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    String,
    Text,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

from agent_desktop.store.types import UTCDateTime


class Scheduling(enum.StrEnum):
    """Which server scheduling design an account offers."""

    NONE = "none"  # upstream Chatwoot: scheduled_at is ignored, the message goes at once
    FORK = "fork"  # the fork's scheduled_messages resource
    SEED = "seed"  # the seed plan's scheduled_at on messages, behind a feature flag


class Base(DeclarativeBase):
    pass


class Account(Base):
    __tablename__ = "accounts"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(255))
    locale: Mapped[str] = mapped_column(String(16), default="pt_BR")
    scheduling: Mapped[str] = mapped_column(String(8), default=Scheduling.NONE.value)
    features: Mapped[dict[str, bool]] = mapped_column(JSON, default=dict)
    next_display_id: Mapped[int] = mapped_column(Integer, default=1)


class User(Base):
    __tablename__ = "users"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(255))
    email: Mapped[str] = mapped_column(String(255))
    access_token: Mapped[str] = mapped_column(String(64), unique=True)
    pubsub_token: Mapped[str] = mapped_column(String(64))


class AccountUser(Base):
    __tablename__ = "account_users"

    account_id: Mapped[int] = mapped_column(ForeignKey("accounts.id"), primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), primary_key=True)
    role: Mapped[str] = mapped_column(String(16), default="agent")


class Inbox(Base):
    __tablename__ = "inboxes"

    id: Mapped[int] = mapped_column(primary_key=True)
    account_id: Mapped[int] = mapped_column(ForeignKey("accounts.id"))
    name: Mapped[str] = mapped_column(String(255))
    channel_type: Mapped[str] = mapped_column(String(64))
    timezone: Mapped[str] = mapped_column(String(64), default="UTC")
    # business hours: Inbox#weekly_schedule's rows (None: Chatwoot's defaults)
    working_hours_enabled: Mapped[bool] = mapped_column(Boolean, default=False)
    working_hours: Mapped[list[dict[str, Any]] | None] = mapped_column(JSON)


class Team(Base):
    __tablename__ = "teams"

    id: Mapped[int] = mapped_column(primary_key=True)
    account_id: Mapped[int] = mapped_column(ForeignKey("accounts.id"))
    name: Mapped[str] = mapped_column(String(255))
    description: Mapped[str | None] = mapped_column(Text)
    # Rails' default: setting the team gives the conversation to one of its members
    allow_auto_assign: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime)


class TeamMember(Base):
    __tablename__ = "team_members"

    team_id: Mapped[int] = mapped_column(ForeignKey("teams.id"), primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), primary_key=True)


class Contact(Base):
    __tablename__ = "contacts"

    id: Mapped[int] = mapped_column(primary_key=True)
    account_id: Mapped[int] = mapped_column(ForeignKey("accounts.id"))
    name: Mapped[str] = mapped_column(String(255))
    email: Mapped[str | None] = mapped_column(String(255))
    phone_number: Mapped[str | None] = mapped_column(String(32))
    identifier: Mapped[str | None] = mapped_column(String(255))  # a CRM's id for the contact
    # city, country, company_name, social_profiles...; and the account's own fields
    additional_attributes: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    custom_attributes: Mapped[dict[str, Any] | None] = mapped_column(JSON)


class Conversation(Base):
    __tablename__ = "conversations"
    __table_args__ = (
        Index("ix_conversations_account_display", "account_id", "display_id", unique=True),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    account_id: Mapped[int] = mapped_column(ForeignKey("accounts.id"))
    display_id: Mapped[int] = mapped_column(Integer)
    inbox_id: Mapped[int] = mapped_column(ForeignKey("inboxes.id"))
    contact_id: Mapped[int] = mapped_column(ForeignKey("contacts.id"))
    assignee_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    team_id: Mapped[int | None] = mapped_column(ForeignKey("teams.id"))
    status: Mapped[str] = mapped_column(String(16), default="open")
    priority: Mapped[str | None] = mapped_column(String(16))
    labels: Mapped[list[str]] = mapped_column(JSON, default=list)
    custom_attributes: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    snoozed_until: Mapped[datetime | None] = mapped_column(UTCDateTime)
    unread_count: Mapped[int] = mapped_column(Integer, default=0)
    uuid: Mapped[str] = mapped_column(String(36))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime)
    last_activity_at: Mapped[datetime] = mapped_column(UTCDateTime)

    inbox: Mapped[Inbox] = relationship()
    contact: Mapped[Contact] = relationship()
    assignee: Mapped[User | None] = relationship()
    team: Mapped[Team | None] = relationship()


class Message(Base):
    __tablename__ = "messages"
    __table_args__ = (Index("ix_messages_conversation", "conversation_id", "id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    account_id: Mapped[int] = mapped_column(ForeignKey("accounts.id"))
    conversation_id: Mapped[int] = mapped_column(ForeignKey("conversations.id"))
    inbox_id: Mapped[int] = mapped_column(ForeignKey("inboxes.id"))
    content: Mapped[str | None] = mapped_column(Text)
    message_type: Mapped[int] = mapped_column(Integer)
    content_type: Mapped[str] = mapped_column(String(32), default="text")
    content_attributes: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    private: Mapped[bool] = mapped_column(Boolean, default=False)
    status: Mapped[str] = mapped_column(String(16), default="sent")
    source_id: Mapped[str | None] = mapped_column(String(64))
    sender_type: Mapped[str | None] = mapped_column(String(16))  # User, Contact or None
    sender_id: Mapped[int | None] = mapped_column(Integer)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime)
    # the seed plan's design: set while the message waits for its time
    scheduled_at: Mapped[datetime | None] = mapped_column(UTCDateTime, index=True)

    attachments: Mapped[list[Attachment]] = relationship(
        back_populates="message", cascade="all, delete-orphan", order_by="Attachment.id"
    )


class Attachment(Base):
    __tablename__ = "attachments"

    id: Mapped[int] = mapped_column(primary_key=True)
    message_id: Mapped[int | None] = mapped_column(ForeignKey("messages.id"))
    scheduled_message_id: Mapped[int | None] = mapped_column(ForeignKey("scheduled_messages.id"))
    account_id: Mapped[int] = mapped_column(Integer)
    filename: Mapped[str] = mapped_column(String(255))
    content_type: Mapped[str] = mapped_column(String(128))
    data: Mapped[bytes] = mapped_column(LargeBinary)

    message: Mapped[Message | None] = relationship(back_populates="attachments")

    @property
    def file_type(self) -> str:
        """Chatwoot's coarse kind: image, audio, video or file."""
        major = self.content_type.split("/", 1)[0]
        return major if major in {"image", "audio", "video"} else "file"


class ScheduledMessage(Base):
    """The fork's resource."""

    __tablename__ = "scheduled_messages"

    id: Mapped[int] = mapped_column(primary_key=True)
    account_id: Mapped[int] = mapped_column(ForeignKey("accounts.id"))
    conversation_id: Mapped[int] = mapped_column(ForeignKey("conversations.id"))
    inbox_id: Mapped[int] = mapped_column(ForeignKey("inboxes.id"))
    author_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    content: Mapped[str | None] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(16), default="draft")
    scheduled_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    hold_on_reply: Mapped[bool] = mapped_column(Boolean, default=False)
    template_params: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    message_id: Mapped[int | None] = mapped_column(Integer)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime)

    conversation: Mapped[Conversation] = relationship()
    author: Mapped[User] = relationship()
    attachment: Mapped[Attachment | None] = relationship(
        primaryjoin="Attachment.scheduled_message_id == ScheduledMessage.id",
        uselist=False,
        cascade="all, delete-orphan",
    )


def add_missing_columns(engine: Engine) -> None:
    """A data file (--data) an earlier version kept lacks the columns added since: they
    are added empty, so the file keeps working."""
    with engine.begin() as connection:
        for table in Base.metadata.sorted_tables:
            have = {row[1] for row in connection.exec_driver_sql(f"PRAGMA table_info({table})")}
            for column in table.columns:
                if column.name not in have and column.nullable:
                    kind = column.type.compile(engine.dialect)
                    connection.exec_driver_sql(
                        f"ALTER TABLE {table} ADD COLUMN {column.name} {kind}"
                    )
