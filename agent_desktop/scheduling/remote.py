"""The two server designs, seen from the app: create, change, cancel on the server, and
mirror into the outbox what the server says became of each message."""

from __future__ import annotations

from datetime import datetime

from agent_desktop.chatwoot.client import ChatwootClient, Upload
from agent_desktop.chatwoot.errors import NotFoundError, ValidationError
from agent_desktop.chatwoot.records import ScheduledMessage, ScheduledStatus
from agent_desktop.core.i18n import tr
from agent_desktop.scheduling.backends import Backend
from agent_desktop.scheduling.lookup import KEY_ATTRIBUTE
from agent_desktop.store.outbox import Outbox
from agent_desktop.store.records import OutboxRecord
from agent_desktop.store.states import OutboxState

S = OutboxState
FORK_STATES = {
    ScheduledStatus.DRAFT: S.PENDING,
    ScheduledStatus.PENDING: S.PENDING,
    ScheduledStatus.HELD: S.HELD,
    ScheduledStatus.SENT: S.SENT,
    ScheduledStatus.FAILED: S.FAILED,
}


def create(
    backend: Backend,
    client: ChatwootClient,
    *,
    conversation_id: int,
    text: str,
    when: datetime,
    hold_on_reply: bool,
    key: str,
    uploads: list[Upload],
) -> int:
    """Schedule on the server; returns the server's id for it."""
    if backend is Backend.SERVER_RESOURCE:
        if len(uploads) > 1:
            raise ValueError("the server's scheduled messages take one attachment")
        created = client.create_scheduled_message(
            conversation_id,
            text,
            when,
            hold_on_reply=hold_on_reply,
            attachment=uploads[0] if uploads else None,
        )
        return created.id
    message = client.schedule_message(
        conversation_id,
        text,
        when,
        content_attributes={KEY_ATTRIBUTE: key},
        echo_id=key,
        attachments=uploads,
    )
    return message.id


def cancel(record: OutboxRecord, client: ChatwootClient) -> None:
    """Remove the message from the server's schedule. ValidationError when the server
    already sent it (or failed to)."""
    assert record.remote_id is not None
    if record.backend == Backend.SERVER_RESOURCE:
        client.delete_scheduled_message(record.conversation_id, record.remote_id)
    else:
        try:
            client.cancel_seed_scheduled_message(record.conversation_id, record.remote_id)
        except NotFoundError:
            raise ValidationError(tr("the server has already sent it")) from None


def change(
    record: OutboxRecord, client: ChatwootClient, *, text: str, when: datetime, resume: bool
) -> int:
    """New text or time on the server; returns the (possibly new) server id."""
    assert record.remote_id is not None
    if record.backend == Backend.SERVER_RESOURCE:
        updated = client.update_scheduled_message(
            record.conversation_id,
            record.remote_id,
            content=text,
            scheduled_at=when,
            status="pending" if resume else None,
        )
        return updated.id
    # the seed design has no edit: cancel, then schedule again
    cancel(record, client)
    return create(
        Backend.SERVER_SCHEDULED_AT,
        client,
        conversation_id=record.conversation_id,
        text=text,
        when=when,
        hold_on_reply=record.hold_on_reply,
        key=record.delivery_key,
        uploads=[],
    )


def refresh(records: list[OutboxRecord], client: ChatwootClient, outbox: Outbox) -> None:
    """Mirror the server's word on one conversation's server-scheduled rows."""
    if not records:
        return
    conversation_id = records[0].conversation_id
    if records[0].backend == Backend.SERVER_RESOURCE:
        rows = {row.id: row for row in client.scheduled_messages(conversation_id)}
        for record in records:
            _mirror_fork(record, rows.get(record.remote_id or -1), outbox)
        return
    waiting = {m.id: m for m in client.seed_scheduled_messages(conversation_id)}
    for record in records:
        if record.remote_id in waiting:
            message = waiting[record.remote_id]
            if record.state is not S.PENDING or record.content != message.content:
                outbox.mirror(record.id, S.PENDING, content=message.content)
            continue
        assert record.remote_id is not None
        newer = client.messages(conversation_id, after=record.remote_id - 1)
        if newer and newer[0].id == record.remote_id:
            if record.state is not S.SENT:
                outbox.mirror(
                    record.id,
                    S.SENT,
                    server_message_id=record.remote_id,
                    sent_at=newer[0].created_at,
                )
        elif record.state is not S.CANCELLED:
            outbox.mirror(record.id, S.CANCELLED, last_error=tr("no longer on the server"))


def _mirror_fork(record: OutboxRecord, row: ScheduledMessage | None, outbox: Outbox) -> None:
    if row is None:
        if record.state is not S.CANCELLED:
            outbox.mirror(record.id, S.CANCELLED, last_error=tr("deleted on the server"))
        return
    state = FORK_STATES[row.status]
    changes: dict[str, object] = {}
    if row.message_id is not None:
        changes["server_message_id"] = row.message_id
    if state is S.FAILED:
        changes["last_error"] = tr("the server could not send it")
    if row.scheduled_at != record.scheduled_at:
        changes["scheduled_at"] = changes["due_at"] = row.scheduled_at
    if state is not record.state or changes:
        outbox.mirror(record.id, state, **changes)
