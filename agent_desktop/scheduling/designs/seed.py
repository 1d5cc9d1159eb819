"""The seed plan's design: a message created with `scheduled_at` waits on the server until
then. Detected only by the account's `scheduled_messages` feature: a server without the
design would ignore `scheduled_at` and send at once, so nothing else counts as proof."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from agent_desktop.chatwoot.errors import NotFoundError, ValidationError
from agent_desktop.core.i18n import QT_TR_NOOP, tr
from agent_desktop.scheduling.designs.base import Context, Created
from agent_desktop.scheduling.designs.server import ServerDesign
from agent_desktop.scheduling.lookup import KEY_ATTRIBUTE
from agent_desktop.scheduling.policy import SERVER_ACTIONS, Traits
from agent_desktop.store.records import OutboxRecord
from agent_desktop.store.states import OutboxState

if TYPE_CHECKING:
    from agent_desktop.chatwoot.client import ChatwootClient, Upload

S = OutboxState
NAME = "server-scheduled-at"
FEATURE = "scheduled_messages"


class ScheduledAt(ServerDesign):
    # the design has no hold and asks for at least five minutes
    traits = Traits(
        name=NAME,
        local=False,
        actions=SERVER_ACTIONS,
        hold_on_reply=False,
        server_lead=timedelta(minutes=5),
    )
    label = QT_TR_NOOP("The server (scheduled_at)")
    detect_order = 20

    def probe(self, client: ChatwootClient, conversation_id: int | None) -> str | None:
        if FEATURE in client.account().features:
            return "the account has the scheduled_messages feature (scheduled_at)"
        return None

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
        message = client.schedule_message(
            conversation_id,
            text,
            when,
            content_attributes={KEY_ATTRIBUTE: key},
            echo_id=key,
            attachments=uploads,
        )
        return Created(message.id)

    def cancel_remote(self, client: ChatwootClient, record: OutboxRecord) -> None:
        assert record.remote_id is not None
        try:
            client.cancel_seed_scheduled_message(record.conversation_id, record.remote_id)
        except NotFoundError:
            raise ValidationError(tr("the server has already sent it")) from None

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
        # the design has no edit: cancel, then schedule again
        self.cancel_remote(client, record)
        return self.create_remote(
            client,
            conversation_id=record.conversation_id,
            text=text,
            when=when,
            hold_on_reply=hold_on_reply,
            key=record.delivery_key,
            uploads=[],
        ).remote_id

    def refresh(self, ctx: Context, records: list[OutboxRecord]) -> None:
        if not records:
            return
        client = ctx.client()
        conversation_id = records[0].conversation_id
        waiting = {m.id: m for m in client.seed_scheduled_messages(conversation_id)}
        for record in records:
            if record.remote_id in waiting:
                message = waiting[record.remote_id]
                if record.state is not S.PENDING or record.content != message.content:
                    ctx.outbox.mirror(record.id, S.PENDING, content=message.content)
                continue
            assert record.remote_id is not None
            newer = client.messages(conversation_id, after=record.remote_id - 1)
            if newer and newer[0].id == record.remote_id:
                if record.state is not S.SENT:
                    ctx.outbox.mirror(
                        record.id,
                        S.SENT,
                        server_message_id=record.remote_id,
                        sent_at=newer[0].created_at,
                    )
            elif record.state is not S.CANCELLED:
                ctx.outbox.mirror(record.id, S.CANCELLED, last_error=tr("no longer on the server"))


DESIGN = ScheduledAt()
