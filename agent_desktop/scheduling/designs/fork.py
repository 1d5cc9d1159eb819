"""The Chatwoot fork's `scheduled_messages` resource: the server keeps the message and a
job sends it each minute. Detected by the resource answering at all (404 upstream)."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from agent_desktop.chatwoot.errors import NotFoundError
from agent_desktop.chatwoot.records import ScheduledMessage, ScheduledStatus
from agent_desktop.core.i18n import QT_TR_NOOP, tr
from agent_desktop.scheduling.designs.base import Context, Created
from agent_desktop.scheduling.designs.server import ServerDesign
from agent_desktop.scheduling.policy import SERVER_ACTIONS, Traits
from agent_desktop.store.records import OutboxRecord
from agent_desktop.store.states import OutboxState

if TYPE_CHECKING:
    from agent_desktop.chatwoot.client import ChatwootClient, Upload
    from agent_desktop.store.outbox import Outbox

S = OutboxState
NAME = "server-resource"
FORK_STATES = {
    ScheduledStatus.DRAFT: S.DRAFT,  # never sends until given a time and made pending
    ScheduledStatus.PENDING: S.PENDING,
    ScheduledStatus.HELD: S.HELD,
    ScheduledStatus.SENT: S.SENT,
    ScheduledStatus.FAILED: S.FAILED,
    ScheduledStatus.CANCELLED: S.CANCELLED,
}


class ForkResource(ServerDesign):
    # the resource takes a single attachment per message
    traits = Traits(name=NAME, local=False, actions=SERVER_ACTIONS, max_files=1)
    label = QT_TR_NOOP("The server (scheduled_messages)")
    detect_order = 10
    hold_varies = True  # permitted only since the fork's PR #322

    def probe(self, client: ChatwootClient, conversation_id: int | None) -> str | None:
        if conversation_id is None:
            return None
        try:
            client.scheduled_messages(conversation_id)
        except NotFoundError:
            return None
        return "the server answers the scheduled_messages resource"

    def create_remote(
        self,
        client: ChatwootClient,
        *,
        conversation_id: int,
        text: str,
        when: datetime,
        hold_on_reply: bool,
        key: str,
        uploads: list[Upload],
    ) -> Created:
        created = client.create_scheduled_message(
            conversation_id,
            text,
            when,
            hold_on_reply=hold_on_reply,
            attachment=uploads[0] if uploads else None,
        )
        # versions before the fork's PR #322 drop hold_on_reply; the answer may not say
        return Created(created.id, holds_on_reply=created.hold_on_reply)

    def cancel_remote(self, client: ChatwootClient, record: OutboxRecord) -> None:
        assert record.remote_id is not None
        client.delete_scheduled_message(record.conversation_id, record.remote_id)

    def change_remote(
        self,
        client: ChatwootClient,
        record: OutboxRecord,
        *,
        text: str,
        when: datetime,
        hold_on_reply: bool,
        resume: bool,
    ) -> int:
        assert record.remote_id is not None
        updated = client.update_scheduled_message(
            record.conversation_id,
            record.remote_id,
            content=text,
            scheduled_at=when,
            status="pending" if resume else None,
            hold_on_reply=hold_on_reply,
        )
        return updated.id

    def refresh(self, ctx: Context, records: list[OutboxRecord]) -> None:
        if not records:
            return
        client = ctx.client()
        rows = {row.id: row for row in client.scheduled_messages(records[0].conversation_id)}
        if any(row.status is ScheduledStatus.HELD for row in rows.values()):
            ctx.learn(holds_on_reply=True)  # only a server that holds ever says held
        for record in records:
            _mirror(record, rows.get(record.remote_id or -1), ctx.outbox)


def _mirror(record: OutboxRecord, row: ScheduledMessage | None, outbox: Outbox) -> None:
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
    if row.scheduled_at is not None and row.scheduled_at != record.scheduled_at:
        changes["scheduled_at"] = changes["due_at"] = row.scheduled_at
    if state is not record.state or changes:
        outbox.mirror(record.id, state, **changes)


DESIGN = ForkResource()
