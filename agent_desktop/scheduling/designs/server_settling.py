"""How a server design settles a step with the server that was cut short (an answer that
never came, a crash, a stop): the server is asked where the message stands, and the row
is brought to that. Taking a message off the server (a cancel, a "send now") is such a
step too. ServerDesign (server.py) builds its verbs on these."""

from __future__ import annotations

import enum
import logging
from abc import abstractmethod
from datetime import timedelta
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
from agent_desktop.scheduling.designs.base import Context, Design
from agent_desktop.scheduling.errors import SchedulingError, ServerUnsettledError
from agent_desktop.store.records import Intent, OutboxRecord
from agent_desktop.store.states import OutboxState

if TYPE_CHECKING:
    from agent_desktop.chatwoot.client import ChatwootClient

S = OutboxState
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


class SettlingDesign(Design):
    """A design whose steps with the server are written down first (the row's intent)
    and settled by looking at what the server has whenever one is cut short."""

    # -- what each server design says in its own terms --------------------------------

    @abstractmethod
    def cancel_remote(self, client: ChatwootClient, record: OutboxRecord) -> None:
        """Remove it from the server's schedule; ValidationError when the server has
        already sent it (or failed to)."""

    @abstractmethod
    def find_created(self, ctx: Context, record: OutboxRecord, known: set[int]) -> int | None:
        """The server's id of the message this row asked it to schedule, if the server
        has it (not one of `known`, the conversation's other rows)."""

    @abstractmethod
    def where_is(self, ctx: Context, record: OutboxRecord) -> Remote: ...

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
