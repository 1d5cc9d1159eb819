"""What the two server designs share: the server sends at the time, this app keeps a mirror
of each message, and a message the server can no longer send ("send now", a retry after
the server failed it) goes through this app's outbox instead."""

from __future__ import annotations

from abc import abstractmethod
from datetime import datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from agent_desktop.chatwoot.errors import ConflictError, ValidationError
from agent_desktop.core.i18n import tr
from agent_desktop.scheduling import attachments
from agent_desktop.scheduling.designs.base import Change, Context, Created, Design
from agent_desktop.scheduling.errors import SchedulingError
from agent_desktop.scheduling.requests import ScheduleRequest
from agent_desktop.store.records import OutboxRecord
from agent_desktop.store.states import OutboxState

if TYPE_CHECKING:
    from agent_desktop.chatwoot.client import ChatwootClient, Upload

S = OutboxState
# a restore this close to the server's own lead would be refused there: sent from here
RESTORE_MARGIN = timedelta(seconds=30)


def uploads_of(paths: tuple[Path, ...]) -> list[Upload]:
    from agent_desktop.chatwoot.client import Upload

    return [Upload.from_path(path) for path in paths]


class ServerDesign(Design):
    # -- what each server design says in its own terms --------------------------------

    @abstractmethod
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
        """Schedule on the server."""

    @abstractmethod
    def cancel_remote(self, client: ChatwootClient, record: OutboxRecord) -> None:
        """Remove it from the server's schedule; ValidationError when the server has
        already sent it (or failed to)."""

    @abstractmethod
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
        """New text, time or hold on the server; returns the (possibly new) server id."""

    # -- the verbs --------------------------------------------------------------------

    def create(self, ctx: Context, request: ScheduleRequest) -> OutboxRecord:
        from agent_desktop.store.outbox import new_delivery_key

        files = list(request.files)
        attachments.check_files(files, limit=self.traits.max_files)
        key = new_delivery_key()
        traits = ctx.traits or self.traits
        hold = request.hold_on_reply and traits.hold_on_reply
        created = self.create_remote(
            ctx.client(),
            conversation_id=request.conversation_id,
            text=request.text,
            when=request.when.instant,
            hold_on_reply=hold,
            key=key,
            uploads=uploads_of(request.files),
        )
        if hold and created.holds_on_reply is False:
            # the answer shows this server ignores it: it will send whatever the customer says
            hold = False
            ctx.learn(holds_on_reply=False)
        elif hold and created.holds_on_reply is True:
            ctx.learn(holds_on_reply=True)
        remote_id = created.remote_id
        return ctx.outbox.add(
            profile_id=ctx.profile_id,
            conversation_id=request.conversation_id,
            content=request.text,
            scheduled_at=request.when.instant,
            zone=request.when.zone_name,
            hold_on_reply=hold,
            conversation_label=request.conversation_label,
            backend=self.name,
            remote_id=remote_id,
            delivery_key=key,
        )

    def change(self, ctx: Context, record: OutboxRecord, change: Change) -> OutboxRecord:
        text = record.content if change.text is None else change.text
        when = record.scheduled_at if change.when is None else change.when
        hold = record.hold_on_reply if change.hold_on_reply is None else change.hold_on_reply
        hold = hold and (ctx.traits or self.traits).hold_on_reply
        # a held message (or a draft) waits again only when given a new time, as in this
        # app's outbox
        resume = record.state in (S.HELD, S.DRAFT) and change.when is not None
        try:
            remote_id = self.change_remote(
                ctx.client(), record, text=text, when=when, hold_on_reply=hold, resume=resume
            )
        except ConflictError as error:
            self.refresh(ctx, [record])
            raise SchedulingError(
                tr("the server has moved on meanwhile: {message}").format(message=error.message)
            ) from error
        return ctx.outbox.mirror(
            record.id,
            S.PENDING if resume else record.state,
            content=text,
            scheduled_at=when,
            due_at=when,
            remote_id=remote_id,
            zone=change.zone or record.zone,
            hold_on_reply=hold,
        )

    def cancel(self, ctx: Context, record: OutboxRecord) -> OutboxRecord:
        self._remove(ctx, record, tr("the server would not cancel it: {message}"))
        return ctx.outbox.mirror(record.id, S.CANCELLED)

    def restore(self, ctx: Context, record: OutboxRecord) -> OutboxRecord:
        now = ctx.clock.now()
        if record.scheduled_at <= now + self.traits.server_lead + RESTORE_MARGIN:
            # too near for the server to take: it goes at its time from here
            return ctx.outbox.make_local(record.id, due_at=record.scheduled_at)
        created = self.create_remote(
            ctx.client(),
            conversation_id=record.conversation_id,
            text=record.content,
            when=record.scheduled_at,
            hold_on_reply=record.hold_on_reply,
            key=record.delivery_key,
            uploads=[],
        )
        return ctx.outbox.mirror(record.id, S.PENDING, remote_id=created.remote_id, last_error=None)

    def send_now(self, ctx: Context, record: OutboxRecord) -> OutboxRecord:
        if record.state in (S.PENDING, S.HELD):
            self._remove(ctx, record, tr("the server has already handled it: {message}"))
        return ctx.outbox.make_local(record.id, due_at=ctx.clock.now())

    def retry(self, ctx: Context, record: OutboxRecord) -> OutboxRecord:
        return ctx.outbox.make_local(record.id, due_at=ctx.clock.now())

    def _remove(self, ctx: Context, record: OutboxRecord, refused: str) -> None:
        try:
            self.cancel_remote(ctx.client(), record)
        except (ValidationError, ConflictError) as error:
            self.refresh(ctx, [record])  # the server moved on: show what it did
            raise SchedulingError(refused.format(message=error.message)) from error
