"""What the two server designs share: the server sends at the time, this app keeps a mirror
of each message, and a message the server can no longer send ("send now", a retry after
the server failed it) goes through this app's outbox instead.

Every step with the server is a small transaction: what is about to happen is written
down first (the row's intent), and an answer that never came is settled by looking at
what the server has, before anything is reported. A crash in between is settled the
same way at the next look (refresh). So a create whose answer was lost is never made
twice nor forgotten, an edit never deletes the message, and "send now" or a cancel end
in one sent message or an unchanged scheduled one."""

from __future__ import annotations

import enum
import logging
from abc import abstractmethod
from datetime import datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

from agent_desktop.chatwoot.errors import (
    AccessDeniedError,
    ChatwootError,
    ConflictError,
    MaybeDeliveredError,
    ServerError,
    UnexpectedResponseError,
    ValidationError,
)
from agent_desktop.core.i18n import tr
from agent_desktop.scheduling import attachments, owners
from agent_desktop.scheduling.designs.access import refusal_told
from agent_desktop.scheduling.designs.base import Change, Context, Created, Design
from agent_desktop.scheduling.errors import SchedulingError, ServerUnsettledError
from agent_desktop.scheduling.requests import ScheduleRequest
from agent_desktop.store.records import Intent, OutboxRecord
from agent_desktop.store.states import OutboxState

if TYPE_CHECKING:
    from agent_desktop.chatwoot.client import ChatwootClient, Upload

S = OutboxState
# a restore this close to the server's own lead would be refused there: sent from here
RESTORE_MARGIN = timedelta(seconds=30)
# answers that do not tell whether the server acted: look before doing anything more
UNCERTAIN = (MaybeDeliveredError, ServerError, UnexpectedResponseError)
# steps that create something on the server: a look that finds nothing while its request
# may still be taken there would be wrong
CREATING = (Intent.CREATE, Intent.CHANGE)

log = logging.getLogger(__name__)


class Remote(enum.Enum):
    """Where a scheduled message stands on the server."""

    WAITING = "waiting"  # still scheduled there
    SENT = "sent"  # the server sent it (or failed to, after taking it)
    GONE = "gone"  # no longer there: deleted


def uploads_of(paths: tuple[Path, ...]) -> list[Upload]:
    from agent_desktop.chatwoot.client import Upload

    return [Upload.from_path(path) for path in paths]


def kept_uploads(ctx: Context, record: OutboxRecord) -> list[Upload]:
    """The message's files again, from the copies kept when it was scheduled: a new
    version on the server (a restore, the seed design's edit) carries them too."""
    return uploads_of(tuple(ctx.home / a.path for a in record.attachments))


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

    @abstractmethod
    def find_created(self, ctx: Context, record: OutboxRecord, known: set[int]) -> int | None:
        """The server's id of the message this row asked it to schedule, if the server
        has it (not one of `known`, the conversation's other rows)."""

    @abstractmethod
    def where_is(self, ctx: Context, record: OutboxRecord) -> Remote: ...

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

    # -- settling what the server may or may not have done ----------------------------

    def resume(self, ctx: Context, records: list[OutboxRecord]) -> None:
        """Finish or undo the steps a lost answer or a crash left under way."""
        for record in records:
            if record.intent is None:
                continue
            try:
                self._settle(ctx, record)
            except ChatwootError:
                continue  # the server still does not answer: the next look tries again
            except SchedulingError as error:
                # settled as the server has it (it went out first), or the server still
                # does not answer: the others are settled all the same
                log.info("scheduled message %s: %s", record.id, error)

    def _settle(self, ctx: Context, record: OutboxRecord) -> OutboxRecord:
        """Bring a row with an unfinished step to what the server has."""
        if record.intent is not None and step_running(ctx, record):
            raise ServerUnsettledError(
                tr(
                    "another step with the server is still under way for it: it is settled "
                    "once that ends"
                )
            )
        if record.intent is Intent.CREATE:
            return self._settle_create(ctx, record, None)
        if record.intent in (Intent.CANCEL, Intent.SEND_NOW):
            return self._take_off(ctx, record, record.intent, resumed=True)
        if record.intent is Intent.CHANGE:
            return self.settle_change(ctx, record)
        return record

    def _settle_first(self, ctx: Context, record: OutboxRecord) -> OutboxRecord:
        """Before a new step, the one still under way ends; if that changed where the
        message stands, the new one is not taken for granted."""
        if record.intent is None:
            return record
        settled = self._settle(ctx, record)
        if (settled.state, settled.backend) != (record.state, record.backend):
            raise SchedulingError(
                tr("an earlier step with the server finished first: it is now {state}").format(
                    state=settled.state.value
                )
            )
        return settled

    def settle_change(self, ctx: Context, record: OutboxRecord) -> OutboxRecord:
        """A change whose answer was lost (designs that change in several steps)."""
        return ctx.outbox.mirror(record.id, record.state, intent=None, in_flight_since=None)

    def _settle_create(
        self, ctx: Context, record: OutboxRecord, error: ChatwootError | None
    ) -> OutboxRecord:
        """Did the server take the create whose answer never came? Looked for before a
        word is said: found, it is scheduled; not there, it was not."""
        known = self._known_remote_ids(ctx, record)
        try:
            found = self.find_created(ctx, record, known)
        except ChatwootError as look:
            raise ServerUnsettledError(
                tr(
                    "the server did not answer ({reason}) and could not be asked whether it "
                    "has the message: it is kept here, and checked with the server at the "
                    "next look"
                ).format(reason=(error or look).message)
            ) from look
        if found is not None:
            return self._settled(ctx, record, S.PENDING, remote_id=found)
        if timed_out(error):
            # given up waiting: the server may still be taking it, and the looks from now
            # on give it its time before concluding
            ctx.outbox.mirror(
                record.id, record.state, in_flight_since=ctx.clock.now(), claimed_by=None
            )
        if timed_out(error) or (error is None and may_still_arrive(ctx, record)):
            raise ServerUnsettledError(
                tr(
                    "the server did not answer in time ({reason}) and does not show the "
                    "message yet: it may still be taking it, so it is kept here and checked "
                    "with the server at the next look"
                ).format(reason=error.message if error else tr("the app stopped"))
            )
        if record.state is S.CANCELLED:  # a restore that did not happen: as it was
            ctx.outbox.mirror(record.id, S.CANCELLED, intent=None, in_flight_since=None)
        else:
            ctx.outbox.delete(record.id)
        raise ServerUnsettledError(
            tr(
                "the server did not answer ({reason}), and it does not have the message: "
                "nothing was scheduled; try again"
            ).format(reason=error.message if error else tr("the app stopped"))
        )

    def _take_off(
        self, ctx: Context, record: OutboxRecord, intent: Intent, *, resumed: bool = False
    ) -> OutboxRecord:
        """Cancel it on the server, or take it off to send it from here: written down
        first, and the server asked where it stands whenever an answer never came."""
        with owners.step() as step:
            marked = (
                record
                if resumed
                else ctx.outbox.mirror(
                    record.id,
                    record.state,
                    since=record.revision,
                    intent=intent,
                    in_flight_since=ctx.clock.now(),
                    claimed_by=step,
                )
            )
            return self._take_off_marked(ctx, marked, intent, resumed=resumed)

    def _take_off_marked(
        self, ctx: Context, marked: OutboxRecord, intent: Intent, *, resumed: bool
    ) -> OutboxRecord:
        client = ctx.client()
        where = self.where_is(ctx, marked) if resumed else Remote.WAITING
        for _attempt in range(2):
            if where is not Remote.WAITING:
                break
            try:
                self.cancel_remote(client, marked)
                where = Remote.GONE
            except AccessDeniedError:
                self._settled(ctx, marked, marked.state)  # refused before anything was done
                raise
            except (ValidationError, ConflictError) as error:
                if self.where_is(ctx, marked) is Remote.GONE:
                    where = Remote.GONE  # taken off already (by an earlier try): done
                    break
                self._settled(ctx, marked, marked.state)
                self.refresh(ctx, [ctx.outbox.get(marked.id)])  # the server moved on
                refused = (
                    tr("the server would not cancel it: {message}")
                    if intent is Intent.CANCEL
                    else tr("the server has already handled it: {message}")
                )
                raise SchedulingError(refused.format(message=error.message)) from error
            except UNCERTAIN:
                where = self.where_is(ctx, marked)  # did it go? the server says
        if where is Remote.WAITING:
            raise ServerUnsettledError(
                tr(
                    "the server did not answer: it is still scheduled there for now; "
                    "it is tried again at the next look"
                )
            )
        if where is Remote.SENT:
            self._settled(ctx, marked, marked.state)
            self.refresh(ctx, [ctx.outbox.get(marked.id)])
            raise SchedulingError(tr("the server has already sent it"))
        if intent is Intent.SEND_NOW:
            return ctx.outbox.make_local(marked.id, due_at=ctx.clock.now())
        return self._settled(ctx, marked, S.CANCELLED)

    def _settled(
        self, ctx: Context, record: OutboxRecord, state: OutboxState, **changes: Any
    ) -> OutboxRecord:
        return ctx.outbox.mirror(record.id, state, intent=None, in_flight_since=None, **changes)

    def _known_remote_ids(self, ctx: Context, record: OutboxRecord) -> set[int]:
        rows = ctx.outbox.find(profile_id=ctx.profile_id, conversation_id=record.conversation_id)
        return {
            r.remote_id
            for r in rows
            if r.remote_id is not None and r.id != record.id and r.backend == self.name
        }


def looked(
    ctx: Context, record: OutboxRecord, state: OutboxState, **changes: Any
) -> OutboxRecord | None:
    """What a look concluded from its reading of the row, written only if no step
    changed the row since: a change or cancel under way elsewhere may have taken the old
    copy off the server a moment ago, and ends the row itself. None when it did."""
    from agent_desktop.store.outbox import MovedOnError

    try:
        return ctx.outbox.mirror(record.id, state, since=record.revision, **changes)
    except MovedOnError:
        return None


def step_running(ctx: Context, record: OutboxRecord) -> bool:
    """Whether the row's unfinished step is still being taken, by another thread or
    process: a look from elsewhere leaves it be (a frozen one is waited for as long as
    its longest request could last)."""
    from agent_desktop.chatwoot.connection import longest_request

    if record.in_flight_since is None or not owners.step_is_running(record.claimed_by):
        return False
    upload = attachments.MAX_ATTACHMENT_MB * 1024 * 1024
    return ctx.clock.now() - record.in_flight_since < timedelta(seconds=2 * longest_request(upload))


def may_still_arrive(ctx: Context, record: OutboxRecord) -> bool:
    """Whether a create left unfinished (its process killed, or its answer given up
    waiting for) was sent so recently that the server may still be taking it: not
    finding it proves nothing yet. A step that ended in this process saw its requests
    end: what it did not find is not there."""
    from agent_desktop.chatwoot.connection import request_deadline

    since = record.in_flight_since
    return (
        record.intent in CREATING
        and since is not None
        and not owners.step_ended_here(record.claimed_by)
        and ctx.clock.now() - since < timedelta(seconds=request_deadline())
    )


def timed_out(error: BaseException | None) -> bool:
    """An answer given up waiting for: the server may still be working on the request."""
    return isinstance(error, MaybeDeliveredError) and error.timed_out
