"""SQLAlchemy models. No token is ever a column: tokens live in the OS keyring."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
    text,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

from agent_desktop.store.states import OutboxState
from agent_desktop.store.types import UTCDateTime


class Base(DeclarativeBase):
    pass


class ServerProfile(Base):
    """A server and account the agent signed in to."""

    __tablename__ = "server_profiles"
    __table_args__ = (UniqueConstraint("base_url", "account_id", "user_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    base_url: Mapped[str] = mapped_column(String(2048))
    account_id: Mapped[int] = mapped_column(Integer)
    user_id: Mapped[int] = mapped_column(Integer)
    user_name: Mapped[str] = mapped_column(String(255), default="")
    user_email: Mapped[str] = mapped_column(String(320), default="")
    account_name: Mapped[str] = mapped_column(String(255), default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    last_used_at: Mapped[datetime] = mapped_column(UTCDateTime)
    # which scheduling design the server offers, once detected
    detected_backend: Mapped[str | None] = mapped_column(String(32))
    detected_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # what the server has shown it does (records.Capabilities): facts, learned as they come
    capabilities: Mapped[dict[str, Any] | None] = mapped_column(JSON)

    messages: Mapped[list[OutboxMessage]] = relationship(back_populates="profile")


class OutboxMessage(Base):
    """A message the agent scheduled, from scheduling to its outcome.

    With the local backend this app sends it and the row is the truth. With a server
    backend the server sends it (remote_id is its id there) and the row mirrors the
    server's state, so that every scheduled message of an account can be listed in one
    place: neither server design lists them account-wide.
    """

    __tablename__ = "outbox"
    __table_args__ = (Index("ix_outbox_state_due", "state", "due_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    profile_id: Mapped[int] = mapped_column(ForeignKey("server_profiles.id"))
    backend: Mapped[str] = mapped_column(String(32), default="local")
    remote_id: Mapped[int | None] = mapped_column(Integer)
    conversation_id: Mapped[int] = mapped_column(Integer)
    content: Mapped[str] = mapped_column(Text)
    scheduled_at: Mapped[datetime] = mapped_column(UTCDateTime)
    # when the dispatcher may next try: scheduled_at at first, later after a backoff
    due_at: Mapped[datetime] = mapped_column(UTCDateTime)
    zone: Mapped[str] = mapped_column(String(64))
    hold_on_reply: Mapped[bool] = mapped_column(Boolean, default=True)
    # contact messages after this instant hold the message: its scheduling, or its resumption
    hold_after: Mapped[datetime | None] = mapped_column(UTCDateTime)
    state: Mapped[str] = mapped_column(String(16), default=OutboxState.PENDING.value)
    delivery_key: Mapped[str] = mapped_column(String(64), unique=True)
    attachments: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    # bumped by every change: readers holding many rows reload only those that changed
    revision: Mapped[int] = mapped_column(Integer, default=0, server_default=text("0"))
    claimed_by: Mapped[str | None] = mapped_column(String(128))
    lease_until: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # set just before a request goes out; a claim that finds it set must reconcile first
    in_flight_since: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # the attempt under way (who, since when), cleared once its end is recorded: one
    # still set was never finished, and may still reach the server
    attempt_started_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    attempt_owner: Mapped[str | None] = mapped_column(String(128))
    server_message_id: Mapped[int | None] = mapped_column(Integer)
    # a step with the server begun and not yet known to have ended (records.Intent)
    intent: Mapped[str | None] = mapped_column(String(16))
    last_error: Mapped[str | None] = mapped_column(Text)
    conversation_label: Mapped[str] = mapped_column(String(255), default="")
    # the conversation's channel limit: chars NULL not learned yet, 0 none (records.py)
    channel_name: Mapped[str | None] = mapped_column(String(32))
    channel_chars: Mapped[int | None] = mapped_column(Integer)
    # goes out at the inbox's next opening if its time falls while the inbox is closed
    wait_for_opening: Mapped[bool] = mapped_column(Boolean, default=False, server_default=text("0"))
    # the opening after scheduled_at that the inbox's hours gave when it was scheduled or
    # given a new time: shown until the sender, at that time, reads the hours again
    expected_opening: Mapped[datetime | None] = mapped_column(UTCDateTime)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime)
    sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    profile: Mapped[ServerProfile] = relationship(back_populates="messages")
    attempt_log: Mapped[list[Attempt]] = relationship(
        back_populates="message", order_by="Attempt.id", cascade="all, delete-orphan"
    )

    @property
    def status(self) -> OutboxState:
        return OutboxState(self.state)


class Attempt(Base):
    """One try at sending (or reconciling) an outbox message."""

    __tablename__ = "attempts"

    id: Mapped[int] = mapped_column(primary_key=True)
    outbox_id: Mapped[int] = mapped_column(ForeignKey("outbox.id", ondelete="CASCADE"), index=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime)
    outcome: Mapped[str] = mapped_column(String(32))
    http_status: Mapped[int | None] = mapped_column(Integer)
    error: Mapped[str | None] = mapped_column(Text)

    message: Mapped[OutboxMessage] = relationship(back_populates="attempt_log")


class Setting(Base):
    __tablename__ = "settings"

    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[Any] = mapped_column(JSON)


class JournalEntry(Base):
    """Something the sender told (records.Told): the window reads these as they come."""

    __tablename__ = "journal"
    __table_args__ = {"sqlite_autoincrement": True}  # noqa: RUF012 - SQLAlchemy reads it

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime)
    kind: Mapped[str] = mapped_column(String(16))
    outbox_id: Mapped[int | None] = mapped_column(Integer)
    detail: Mapped[str] = mapped_column(Text, default="")
    origin: Mapped[str] = mapped_column(String(128))
