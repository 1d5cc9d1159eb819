"""What the two server designs share: the server sends at the time, this app keeps a mirror
of each message, and a message the server can no longer send ("send now", a retry after
the server failed it) goes through this app's outbox instead.

Every step with the server is a small transaction: what is about to happen is written
down first (the row's intent), and an answer that never came is settled by looking at
what the server has, before anything is reported. A crash in between is settled the
same way at the next look (refresh). So a create whose answer was lost is never made
twice nor forgotten, an edit never deletes the message, and "send now" or a cancel end
in one sent message or an unchanged scheduled one. That settling, and the taking off of
a message for a cancel or "send now", is in server_settling.py; the verbs are here."""

from __future__ import annotations

from abc import abstractmethod
from datetime import datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from agent_desktop.chatwoot.errors import AccessDeniedError, ConflictError
from agent_desktop.core.i18n import tr
from agent_desktop.scheduling import attachments, owners
from agent_desktop.scheduling.designs.access import refusal_told
from agent_desktop.scheduling.designs.base import Change, Context, Created
from agent_desktop.scheduling.designs.server_settling import UNCERTAIN, SettlingDesign
from agent_desktop.scheduling.errors import SchedulingError
from agent_desktop.scheduling.requests import ScheduleRequest
from agent_desktop.store.records import Intent, OutboxRecord
from agent_desktop.store.states import OutboxState

if TYPE_CHECKING:
    from agent_desktop.chatwoot.client import ChatwootClient, Upload

S = OutboxState
# a restore this close to the server's own lead would be refused there: sent from here
RESTORE_MARGIN = timedelta(seconds=30)


def uploads_of(paths: tuple[Path, ...]) -> list[Upload]:
    from agent_desktop.chatwoot.client import Upload

    return [Upload.from_path(path) for path in paths]


def kept_uploads(ctx: Context, record: OutboxRecord) -> list[Upload]:
    """The message's files again, from the copies kept when it was scheduled: a new
    version on the server (a restore, the seed design's edit) carries them too."""
    return uploads_of(tuple(ctx.home / a.path for a in record.attachments))


class ServerDesign(SettlingDesign):
    # -- what each server design says in its own terms --------------------------------
    # (cancel_remote, find_created and where_is too: declared in SettlingDesign, which
    # settles with them)

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
        """New text, time or hold on the server; returns the (possibly new) server id.
        A step that fails leaves the original as it was."""

    # -- the verbs --------------------------------------------------------------------

    def create(self, ctx: Context, request: ScheduleRequest) -> OutboxRecord:
        with owners.step() as step:
            return self._create(ctx, request, step)

    def _create(self, ctx: Context, request: ScheduleRequest, step: str) -> OutboxRecord:
        from agent_desktop.store.outbox import new_delivery_key

        files = list(request.files)
        attachments.check_files(files, limit=self.traits.max_files)
        traits = ctx.traits or self.traits
        hold = request.hold_on_reply and traits.hold_on_reply
        uploads = uploads_of(request.files)  # read before anything is written down
        # copies kept as for a local message: a restore or a new version sends them again
        kept = attachments.keep(ctx.home, files)
        record = ctx.outbox.add(  # first: a crash from here on is settled, not forgotten
            profile_id=ctx.profile_id,
            conversation_id=request.conversation_id,
            content=request.text,
            scheduled_at=request.when.instant,
            zone=request.when.zone_name,
            hold_on_reply=hold,
            conversation_label=request.conversation_label,
            channel=request.channel,
            channel_known=request.channel_known,
            backend=self.name,
            delivery_key=new_delivery_key(),
            intent=Intent.CREATE,
            claimed_by=step,
            attachments=kept,
        )
        try:
            created = self.create_remote(
                ctx.client(),
                conversation_id=request.conversation_id,
                text=request.text,
                when=request.when.instant,
                hold_on_reply=hold,
                key=record.delivery_key,
                uploads=uploads,
            )
        except UNCERTAIN as error:
            return self._settle_create(ctx, record, error)
        except BaseException:
            ctx.outbox.delete(record.id)  # refused outright: nothing was scheduled
            raise
        if hold and created.holds_on_reply is False:
            # the answer shows this server ignores it: it will send whatever the customer says
            hold = False
            ctx.learn(holds_on_reply=False)
        elif hold and created.holds_on_reply is True:
            ctx.learn(holds_on_reply=True)
        return self._settled(
            ctx, record, S.PENDING, remote_id=created.remote_id, hold_on_reply=hold
        )

    def change(self, ctx: Context, record: OutboxRecord, change: Change) -> OutboxRecord:
        with refusal_told(ctx, record):
            return self._change(ctx, self._settle_first(ctx, record), change)

    def _change(self, ctx: Context, record: OutboxRecord, change: Change) -> OutboxRecord:
        text = record.content if change.text is None else change.text
        when = record.scheduled_at if change.when is None else change.when
        hold = record.hold_on_reply if change.hold_on_reply is None else change.hold_on_reply
        hold = hold and (ctx.traits or self.traits).hold_on_reply
        # a held message (or a draft) waits again only when given a new time, as in this
        # app's outbox
        resume = record.state in (S.HELD, S.DRAFT) and change.when is not None
        try:
            with owners.step():
                remote_id = self.change_remote(
                    ctx, record, text=text, when=when, hold_on_reply=hold, resume=resume
                )
        except ConflictError as error:
            self.refresh(ctx, [record])
            raise SchedulingError(
                tr("the server has moved on meanwhile: {message}").format(message=error.message)
            ) from error
        current = ctx.outbox.get(record.id)
        return ctx.outbox.mirror(
            record.id,
            S.PENDING if resume else current.state,
            content=text,
            scheduled_at=when,
            due_at=when,
            remote_id=remote_id,
            zone=change.zone or record.zone,
            hold_on_reply=hold,
            intent=None,
            in_flight_since=None,
        )

    def cancel(self, ctx: Context, record: OutboxRecord) -> OutboxRecord:
        with refusal_told(ctx, record):
            if record.intent is Intent.CANCEL:
                # an earlier cancel left under way: finishing it is what is asked
                return self._settle(ctx, record)
            return self._take_off(ctx, self._settle_first(ctx, record), Intent.CANCEL)

    def restore(self, ctx: Context, record: OutboxRecord) -> OutboxRecord:
        try:
            with owners.step() as step:
                return self._restore(ctx, record, step)
        except AccessDeniedError as error:  # cancelled it stays, and nothing is on the server
            raise AccessDeniedError(
                tr("you no longer have access to this conversation ({reason})").format(
                    reason=error.message
                )
            ) from error

    def _restore(self, ctx: Context, record: OutboxRecord, step: str) -> OutboxRecord:
        now = ctx.clock.now()
        if record.scheduled_at <= now + self.traits.server_lead + RESTORE_MARGIN:
            # too near for the server to take: it goes at its time from here
            return ctx.outbox.make_local(record.id, due_at=record.scheduled_at)
        waiting = ctx.outbox.mirror(
            record.id,
            S.CANCELLED,
            since=record.revision,
            intent=Intent.CREATE,
            in_flight_since=now,
            remote_id=None,
            claimed_by=step,
        )
        try:
            created = self.create_remote(
                ctx.client(),
                conversation_id=record.conversation_id,
                text=record.content,
                when=record.scheduled_at,
                hold_on_reply=record.hold_on_reply,
                key=record.delivery_key,
                uploads=kept_uploads(ctx, record),
            )
        except UNCERTAIN as error:
            return self._settle_create(ctx, waiting, error)
        except BaseException:
            ctx.outbox.mirror(record.id, S.CANCELLED, intent=None, in_flight_since=None)
            raise
        return self._settled(ctx, waiting, S.PENDING, remote_id=created.remote_id)

    def send_now(self, ctx: Context, record: OutboxRecord) -> OutboxRecord:
        with refusal_told(ctx, record):
            if record.intent is Intent.SEND_NOW:
                # an earlier "send now" left under way: finishing it is what is asked
                return self._settle(ctx, record)
            record = self._settle_first(ctx, record)
            if record.state in (S.PENDING, S.HELD):
                return self._take_off(ctx, record, Intent.SEND_NOW)
            return self._again_from_here(ctx, record)

    def retry(self, ctx: Context, record: OutboxRecord) -> OutboxRecord:
        with refusal_told(ctx, record):
            return self._again_from_here(ctx, record)

    def _again_from_here(self, ctx: Context, record: OutboxRecord) -> OutboxRecord:
        """A failed message goes out from this app's outbox, once the server shows its
        copy is not waiting there nor sent: one failed for want of access may still be
        kept there, and sent by the server too once the access is given back."""
        if record.remote_id is not None:
            self.refresh(ctx, [record])
            record = ctx.outbox.get(record.id)
            if record.state in (S.PENDING, S.HELD):
                return self._take_off(ctx, record, Intent.SEND_NOW)
            if record.state is S.SENT:
                raise SchedulingError(tr("the server has already sent it"))
        return ctx.outbox.make_local(record.id, due_at=ctx.clock.now())
