"""Both server scheduling designs: the fork's scheduled_messages resource and the seed
plan's scheduled_at on messages, with the dispatcher that sends what is due."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from agent_desktop.core.rules import add_years
from agent_desktop.demo import errors
from agent_desktop.demo.models import (
    Account,
    Attachment,
    Conversation,
    Message,
    ScheduledMessage,
    Scheduling,
)
from agent_desktop.demo.serialize import iso, scheduled_json
from agent_desktop.demo.state import (
    MAX_CONTENT,
    OUTGOING,
    Caller,
    DemoState,
    Upload,
)
from agent_desktop.demo.values import as_bool, parse_time

SEED_MIN_LEAD = timedelta(minutes=5)
EDITABLE = ("draft", "pending", "held")


class NoSuchRoute(Exception):
    """The account's server has no such endpoint (upstream answers a routing 404)."""


def _design(s: Session, caller: Caller) -> Scheduling:
    return Scheduling(s.get_one(Account, caller.account_id).scheduling)


def _fork_conversation(
    state: DemoState, s: Session, caller: Caller, display_id: int
) -> Conversation:
    if _design(s, caller) is not Scheduling.FORK:
        raise NoSuchRoute
    return state.find_conversation(s, caller, display_id)


# -- the fork's resource --------------------------------------------------------------


def _json(state: DemoState, row: ScheduledMessage) -> dict[str, Any]:
    return scheduled_json(row, state.base_url)  # never hold_on_reply: no view renders it


def _no_longer_editable(state: DemoState, row: ScheduledMessage, message: str) -> errors.ApiError:
    """The fork answers 422; other forks a 409 that says where the row is."""
    if state.server.fork_conflicts:
        return errors.ApiError(409, {"error": message, "status": row.status})
    return errors.invalid_record(message, "base")  # a model validation: RecordInvalid


def list_scheduled(state: DemoState, caller: Caller, display_id: int) -> Any:
    with state.session() as s:
        conversation = _fork_conversation(state, s, caller, display_id)
        rows = s.scalars(
            select(ScheduledMessage)
            .where(ScheduledMessage.conversation_id == conversation.id)
            .order_by(ScheduledMessage.scheduled_at.desc(), ScheduledMessage.id.desc())
            .limit(100)
        )
        listed = [_json(state, row) for row in rows]
        return listed if state.server.fork_bare_lists else {"payload": listed}


def _validate(state: DemoState, row: ScheduledMessage) -> None:
    if row.status not in ("draft", "pending", "held", "sent", "failed"):
        raise errors.invalid_record("Status is not included in the list", "status")
    content = row.content or ""
    if not content.strip() and not row.template_params and row.attachment is None:
        raise errors.invalid_record("Content can't be blank", "content")
    if len(content) > MAX_CONTENT:
        raise errors.invalid_record("Content is too long (maximum is 150000 characters)", "content")
    if row.status == "pending" and (
        row.scheduled_at is None or row.scheduled_at <= state.clock.now()
    ):
        raise errors.invalid_record("Scheduled at must be in the future", "scheduled_at")


def _apply(
    state: DemoState,
    row: ScheduledMessage,
    fields: dict[str, Any],
    upload: Upload | None,
    account_id: int,
) -> None:
    if "content" in fields:
        row.content = None if fields["content"] is None else str(fields["content"])
    if "scheduled_at" in fields:
        row.scheduled_at = parse_time(fields["scheduled_at"])
        if fields["scheduled_at"] not in (None, "") and row.scheduled_at is None:
            raise errors.invalid_record("Scheduled at is invalid", "scheduled_at")
    if "status" in fields:
        status = str(fields["status"])
        if status not in ("draft", "pending"):
            raise errors.invalid_record("Status is not included in the list", "status")
        row.status = status
    # before the fork's PR #322 the parameter is not permitted: dropped without a word
    if "hold_on_reply" in fields and state.server.fork_holds_on_reply:
        row.hold_on_reply = as_bool(fields["hold_on_reply"])
    if isinstance(fields.get("template_params"), dict):
        row.template_params = fields["template_params"]
    if upload is not None:
        row.attachment = Attachment(
            account_id=account_id,
            filename=upload.filename,
            content_type=upload.content_type,
            data=upload.data,
        )


def create_scheduled(
    state: DemoState, caller: Caller, display_id: int, fields: dict[str, Any], upload: Upload | None
) -> dict[str, Any]:
    with state.session() as s:
        conversation = _fork_conversation(state, s, caller, display_id)
        now = state.clock.now()
        row = ScheduledMessage(
            account_id=caller.account_id,
            conversation_id=conversation.id,
            inbox_id=conversation.inbox_id,
            author_id=caller.user_id,
            status="draft",
            hold_on_reply=False,
            created_at=now,
            updated_at=now,
        )
        row.conversation = conversation
        _apply(state, row, fields, upload, caller.account_id)
        _validate(state, row)
        s.add(row)
        s.flush()
        if row.status == "pending":
            state.metrics.created("fork")
        return _json(state, row)


def _scheduled_row(s: Session, conversation: Conversation, scheduled_id: int) -> ScheduledMessage:
    row = s.get(ScheduledMessage, scheduled_id)
    if row is None or row.conversation_id != conversation.id:
        raise errors.not_found()
    return row


def update_scheduled(
    state: DemoState,
    caller: Caller,
    display_id: int,
    scheduled_id: int,
    fields: dict[str, Any],
    upload: Upload | None,
) -> dict[str, Any]:
    with state.session() as s:
        conversation = _fork_conversation(state, s, caller, display_id)
        row = _scheduled_row(s, conversation, scheduled_id)
        if row.status not in EDITABLE:
            raise _no_longer_editable(
                state, row, "Scheduled message can only be modified while draft, pending, or held"
            )
        was = row.status
        _apply(state, row, fields, upload, caller.account_id)
        _validate(state, row)
        row.updated_at = state.clock.now()
        if row.status == "pending" and was != "pending":
            state.metrics.created("fork")
        return _json(state, row)


def delete_scheduled(
    state: DemoState, caller: Caller, display_id: int, scheduled_id: int
) -> dict[str, Any] | None:
    """Gone for good. The fork's destroy renders nothing (Rails: 204, empty); another
    fork answers the row as it was."""
    with state.session() as s:
        conversation = _fork_conversation(state, s, caller, display_id)
        row = _scheduled_row(s, conversation, scheduled_id)
        if row.status in ("sent", "failed"):
            message = "Cannot delete a scheduled message that has already been sent or failed"
            if state.server.fork_conflicts:
                raise _no_longer_editable(state, row, message)
            raise errors.could_not_create(message)
        body = _json(state, row)
        s.delete(row)
        return body if state.server.fork_delete_answers_the_row else None


def hold_on_reply(s: Session, conversation: Conversation, now: datetime) -> int:
    """A contact's message holds the conversation's pending rows that asked for it."""
    rows = list(
        s.scalars(
            select(ScheduledMessage).where(
                ScheduledMessage.conversation_id == conversation.id,
                ScheduledMessage.status == "pending",
                ScheduledMessage.hold_on_reply.is_(True),
            )
        )
    )
    for row in rows:
        row.status, row.updated_at = "held", now
    return len(rows)


# -- the seed plan's design -----------------------------------------------------------


def seed_enabled(account: Account) -> bool:
    return (
        account.scheduling == Scheduling.SEED.value
        and (account.features or {}).get("scheduled_messages") is True
    )


def seed_scheduled_at(state: DemoState, account: Account, raw: Any) -> datetime | None:
    """The time a create asks for, where the account has the design; elsewhere it is
    ignored and the message goes at once, as on any server without it."""
    if raw in (None, "") or not seed_enabled(account):
        return None
    when = parse_time(raw)
    if when is None:
        return None  # the seed's builder logs a bad time and sends at once
    now = state.clock.now()
    if when <= now + SEED_MIN_LEAD:
        raise errors.could_not_create(
            "Validation failed: Scheduled at deve ser pelo menos 5 minutos no futuro"
        )
    if when > add_years(now, 1):
        raise errors.could_not_create(
            "Validation failed: Scheduled at não pode ser mais de 1 ano no futuro"
        )
    return when


def seed_pending(state: DemoState, caller: Caller, display_id: int) -> list[dict[str, Any]] | None:
    """The conversation's waiting messages, or None where the design is off."""
    with state.session() as s:
        account = s.get_one(Account, caller.account_id)
        if not seed_enabled(account):
            return None
        conversation = state.find_conversation(s, caller, display_id)
        rows = list(
            s.scalars(
                select(Message)
                .where(
                    Message.conversation_id == conversation.id, Message.scheduled_at.is_not(None)
                )
                .order_by(Message.scheduled_at, Message.id)
            )
        )
        return state.messages_json(s, conversation, rows)


def seed_cancel(
    state: DemoState, caller: Caller, display_id: int, message_id: int
) -> dict[str, Any]:
    with state.session() as s:
        account = s.get_one(Account, caller.account_id)
        if not seed_enabled(account):
            raise NoSuchRoute
        conversation = state.find_conversation(s, caller, display_id)
        message = s.get(Message, message_id)
        if (
            message is None
            or message.conversation_id != conversation.id
            or message.scheduled_at is None
        ):
            raise errors.not_found()
        body = state.messages_json(s, conversation, [message])[0]
        s.delete(message)
        return body


# -- the dispatcher ---------------------------------------------------------------------


def dispatch_due(state: DemoState) -> dict[str, int]:
    """Send what is due in both designs; the fork's failures are final, as on the fork."""
    now = state.clock.now()
    sent = failed = 0
    with state.session() as s:
        due = list(
            s.scalars(
                select(ScheduledMessage)
                .join(Conversation)
                .where(
                    ScheduledMessage.status == "pending",
                    ScheduledMessage.scheduled_at <= now,
                    Conversation.status.in_(("open", "pending")),
                )
                .order_by(ScheduledMessage.scheduled_at, ScheduledMessage.id)
            )
        )
        for row in due:
            uploads: Sequence[Upload] = ()
            if row.attachment is not None:
                a = row.attachment
                uploads = [Upload(a.filename, a.content_type, a.data)]
            try:  # validation fails before anything is added, so nothing to roll back
                message = state.add_message(
                    s,
                    row.conversation,
                    content=row.content,
                    message_type=OUTGOING,
                    sender=("User", row.author_id),
                    uploads=uploads,
                )
            except errors.ApiError:
                row.status, row.updated_at = "failed", now
                state.metrics.failed("fork")
                failed += 1
                continue
            row.status, row.message_id, row.updated_at = "sent", message.id, now
            state.metrics.sent("fork")
            sent += 1
        waiting = list(
            s.scalars(
                select(Message)
                .where(Message.scheduled_at.is_not(None), Message.scheduled_at <= now)
                .order_by(Message.scheduled_at, Message.id)
            )
        )
        for message in waiting:
            message.scheduled_at = None
            message.created_at = message.updated_at = now
            state.touch_conversation(s.get_one(Conversation, message.conversation_id), message)
            state.metrics.sent("seed")
            sent += 1
    state.last_dispatch_at = now
    state.metrics.dispatcher_ran()
    return {"sent": sent, "failed": failed}


def health(state: DemoState) -> dict[str, Any]:
    now = state.clock.now()
    hour_ago = now - timedelta(hours=1)
    with state.session() as s:

        def count(query: Any) -> int:
            return s.scalar(query) or 0

        fork_pending = count(
            select(func.count())
            .select_from(ScheduledMessage)
            .where(ScheduledMessage.status == "pending")
        )
        seed_pending_count = count(
            select(func.count()).select_from(Message).where(Message.scheduled_at.is_not(None))
        )
        overdue = count(
            select(func.count())
            .select_from(ScheduledMessage)
            .where(ScheduledMessage.status == "pending", ScheduledMessage.scheduled_at < hour_ago)
        )
        overdue += count(
            select(func.count())
            .select_from(Message)
            .where(Message.scheduled_at.is_not(None), Message.scheduled_at < hour_ago)
        )
    return {
        "status": "warning" if overdue else "ok",
        "checks": {
            "pending_count": fork_pending + seed_pending_count,
            "overdue_count": overdue,
            "last_job_run": iso(state.last_dispatch_at),
        },
    }
