"""The Chatwoot fork's `scheduled_messages` resource: the server keeps the message and a
job sends it each minute. Detected by the resource answering at all (404 upstream)."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any

from agent_desktop.chatwoot.errors import ChatwootError, NotFoundError
from agent_desktop.chatwoot.records import ConversationStatus
from agent_desktop.chatwoot.scheduled_records import ScheduledMessage, ScheduledStatus
from agent_desktop.core.i18n import QT_TR_NOOP, tr
from agent_desktop.scheduling.designs.base import Context, Created
from agent_desktop.scheduling.designs.server import ServerDesign
from agent_desktop.scheduling.designs.server_settling import UNCERTAIN, Remote, looked
from agent_desktop.scheduling.errors import ServerUnsettledError
from agent_desktop.scheduling.events import EventKind
from agent_desktop.scheduling.policy import SERVER_ACTIONS, Traits
from agent_desktop.store.records import OutboxRecord
from agent_desktop.store.states import OutboxState

if TYPE_CHECKING:
    from agent_desktop.chatwoot.client import ChatwootClient, Upload

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
WAITING = {ScheduledStatus.DRAFT, ScheduledStatus.PENDING, ScheduledStatus.HELD}
# the fork's job runs each minute: later than this and something keeps it from going
OVERDUE = timedelta(minutes=2)


def _second(instant: datetime | None) -> int | None:
    return None if instant is None else int(instant.timestamp())


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
        try:
            client.delete_scheduled_message(record.conversation_id, record.remote_id)
        except NotFoundError:
            return None  # already gone: what a cancel wants

    def change_remote(
        self,
        ctx: Context,
        record: OutboxRecord,
        *,
        text: str,
        when: datetime,
        hold_on_reply: bool,
        resume: bool,
    ) -> int:
        """One update, which can be sent again unchanged: an answer that never came is
        settled by reading the row back."""
        assert record.remote_id is not None
        client = ctx.client()
        for _attempt in range(2):
            try:
                updated = client.update_scheduled_message(
                    record.conversation_id,
                    record.remote_id,
                    content=text,
                    scheduled_at=when,
                    status="pending" if resume else None,
                    hold_on_reply=hold_on_reply,
                )
                return updated.id
            except UNCERTAIN:
                row = self._row(client, record)
                if (
                    row is not None
                    and row.content == text
                    and _second(row.scheduled_at) == _second(when)
                ):
                    return row.id  # it went through; only the answer was lost
        raise ServerUnsettledError(
            tr(
                "the server did not answer: the change may not have been made; the message "
                "is shown as the server has it at the next look"
            )
        )

    def find_created(self, ctx: Context, record: OutboxRecord, known: set[int]) -> int | None:
        rows = ctx.client().scheduled_messages(record.conversation_id)
        for row in rows:  # newest first, as the fork lists them
            if (
                row.id not in known
                and row.content == record.content
                and _second(row.scheduled_at) == _second(record.scheduled_at)
                and row.author_id in (None, ctx.profile.user_id)
            ):
                return row.id
        return None

    def where_is(self, ctx: Context, record: OutboxRecord) -> Remote:
        row = self._row(ctx.client(), record)
        if row is None or row.status is ScheduledStatus.CANCELLED:
            return Remote.GONE
        return Remote.WAITING if row.status in WAITING else Remote.SENT

    def _row(self, client: ChatwootClient, record: OutboxRecord) -> ScheduledMessage | None:
        rows = client.scheduled_messages(record.conversation_id)
        return next((row for row in rows if row.id == record.remote_id), None)

    def refresh(self, ctx: Context, records: list[OutboxRecord]) -> None:
        if not records:
            return
        client = ctx.client()
        conversation_id = records[0].conversation_id
        rows = {row.id: row for row in client.scheduled_messages(conversation_id)}
        if any(row.status is ScheduledStatus.HELD for row in rows.values()):
            ctx.learn(holds_on_reply=True)  # only a server that holds ever says held
        overdue = False
        for record in records:
            mirrored = _mirror(ctx, record, rows.get(record.remote_id or -1))
            overdue = overdue or (
                mirrored.state is S.PENDING and mirrored.scheduled_at < ctx.clock.now() - OVERDUE
            )
        if overdue:
            self._why_not_sent(ctx, conversation_id)

    def _why_not_sent(self, ctx: Context, conversation_id: int) -> None:
        """The fork sends only in open or pending conversations: a snoozed or resolved one
        keeps its messages waiting, and the agent is told so."""
        try:
            status = ctx.client().conversation(conversation_id).status
        except ChatwootError:
            return
        if status not in (ConversationStatus.SNOOZED, ConversationStatus.RESOLVED):
            return
        why = tr(
            "waiting: the conversation is {status}, and the server sends only in open or "
            "pending conversations"
        ).format(status=status.value)
        for record in ctx.outbox.find(
            profile_id=ctx.profile_id, conversation_id=conversation_id, states=[S.PENDING]
        ):
            overdue = record.scheduled_at < ctx.clock.now() - OVERDUE
            if record.backend == NAME and overdue and record.last_error != why:
                told = ctx.outbox.mirror(record.id, S.PENDING, last_error=why)
                ctx.tell(EventKind.STUCK, told, why)


def _mirror(ctx: Context, record: OutboxRecord, row: ScheduledMessage | None) -> OutboxRecord:
    if row is None:
        if record.state is S.CANCELLED:
            return record
        gone = looked(ctx, record, S.CANCELLED, last_error=tr("deleted on the server"))
        if gone is None:
            return record  # a step with it began meanwhile: it says where it stands
        ctx.tell(EventKind.CANCELLED, gone, tr("deleted on the server"))
        return gone
    state = FORK_STATES[row.status]
    changes: dict[str, Any] = {}
    if row.message_id is not None and row.message_id != record.server_message_id:
        changes["server_message_id"] = row.message_id
    if state is S.FAILED and record.state is not S.FAILED:
        changes["last_error"] = tr("the server could not send it")
    elif record.state is S.FAILED and state is not S.FAILED:
        changes["last_error"] = None  # reached again (access given back): as it stands
    elif record.state is S.PENDING and state is not S.PENDING and record.last_error:
        changes["last_error"] = None  # why it was waiting (a snoozed conversation) is over
    if row.scheduled_at is not None and _second(row.scheduled_at) != _second(record.scheduled_at):
        changes["scheduled_at"] = changes["due_at"] = row.scheduled_at
    if row.content != record.content:
        changes["content"] = row.content  # changed in the fork's own window
    if state is record.state and not changes:
        return record
    mirrored = looked(ctx, record, state, **changes)
    if mirrored is None:
        return record
    if state is S.FAILED and record.state is not S.FAILED:
        ctx.tell(EventKind.FAILED, mirrored, tr("the server could not send it"))
    return mirrored


DESIGN = ForkResource()
