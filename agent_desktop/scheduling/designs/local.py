"""This app's own outbox: works on any Chatwoot, upstream included. The message waits in
the data directory and this app (the window or `agent-desktop run`) sends it."""

from __future__ import annotations

from typing import TYPE_CHECKING

from agent_desktop.core.i18n import QT_TR_NOOP, tr
from agent_desktop.scheduling import attachments
from agent_desktop.scheduling.designs.base import Change, Context, Design, guarded
from agent_desktop.scheduling.errors import SchedulingError, ServerUnsettledError
from agent_desktop.scheduling.events import EventKind
from agent_desktop.scheduling.policy import LOCAL_TRAITS
from agent_desktop.scheduling.requests import ScheduleRequest
from agent_desktop.store.records import OutboxRecord
from agent_desktop.store.states import OutboxState

if TYPE_CHECKING:
    from agent_desktop.chatwoot.client import ChatwootClient

S = OutboxState


class LocalOutbox(Design):
    traits = LOCAL_TRAITS
    label = QT_TR_NOOP("This app's outbox")
    detect_order = 1000  # the fallback: any server takes messages sent from here

    def probe(self, client: ChatwootClient, conversation_id: int | None) -> str | None:
        return "the server has no scheduling of its own"

    def create(self, ctx: Context, request: ScheduleRequest) -> OutboxRecord:
        kept = attachments.keep(ctx.home, list(request.files))
        return ctx.outbox.add(
            profile_id=ctx.profile_id,
            conversation_id=request.conversation_id,
            content=request.text,
            scheduled_at=request.when.instant,
            zone=request.when.zone_name,
            hold_on_reply=request.hold_on_reply,
            conversation_label=request.conversation_label,
            channel=request.channel,
            channel_known=request.channel_known,
            wait_for_opening=request.wait_for_opening,
            attachments=kept,
        )

    def change(self, ctx: Context, record: OutboxRecord, change: Change) -> OutboxRecord:
        record = self._looked_for(ctx, record)
        edited = guarded(
            lambda: ctx.outbox.edit(
                record.id,
                content=change.text,
                scheduled_at=change.when,
                zone=change.zone,
                hold_on_reply=change.hold_on_reply,
            )
        )
        when = change.when
        if when is not None and record.state in (S.HELD, S.MISSED, S.FAILED):
            # a new time for a message that stopped: it waits for that time again
            now = ctx.clock.now()
            edited = guarded(
                lambda: ctx.outbox.resume(
                    record.id, due_at=when, hold_after=now, attempts=0, last_error=None
                )
            )
        return edited

    def cancel(self, ctx: Context, record: OutboxRecord) -> OutboxRecord:
        record = self._looked_for(ctx, record)
        return guarded(lambda: ctx.outbox.move(record.id, S.CANCELLED))

    def _looked_for(self, ctx: Context, record: OutboxRecord) -> OutboxRecord:
        """A send of it whose answer never came may have gone out: before it is changed
        or cancelled, the conversation is looked at. Found, it is sent (and the change
        refused); not there, it was not; the server not answering, nothing is done."""
        if record.in_flight_since is None:
            return record
        from agent_desktop.chatwoot.errors import ChatwootError
        from agent_desktop.scheduling.lookup import attempt_floor, earlier_attempt, messages_since

        client = ctx.client()
        try:
            recent, _ahead = messages_since(
                client, ctx.clock, record.conversation_id, record.in_flight_since
            )
        except ChatwootError as error:
            raise ServerUnsettledError(
                tr(
                    "scheduled message #{id} may have gone out already, and the server could "
                    "not be asked ({reason}): try again in a moment"
                ).format(id=record.id, reason=error.message)
            ) from error
        floor = attempt_floor(client, ctx.clock, record.in_flight_since)
        found = earlier_attempt(recent, record, ctx.profile, ctx.outbox.sent_ids(record), floor)
        if found is not None:
            sent = guarded(lambda: ctx.outbox.found_sent(record.id, found.id))
            why = tr("message {id}").format(id=found.id)
            ctx.tell(EventKind.SENT, sent, why)
            raise SchedulingError(
                tr(
                    "scheduled message #{id} had gone out already (message {message}): "
                    "it can no longer be changed"
                ).format(id=record.id, message=found.id)
            )
        return guarded(lambda: ctx.outbox.clear_in_flight(record.id))

    def restore(self, ctx: Context, record: OutboxRecord) -> OutboxRecord:
        return guarded(lambda: ctx.outbox.resume(record.id, due_at=record.scheduled_at))

    def send_now(self, ctx: Context, record: OutboxRecord) -> OutboxRecord:
        now = ctx.clock.now()
        return guarded(
            lambda: ctx.outbox.resume(record.id, due_at=now, hold_after=now, last_error=None)
        )

    def retry(self, ctx: Context, record: OutboxRecord) -> OutboxRecord:
        now = ctx.clock.now()
        return guarded(
            lambda: ctx.outbox.resume(
                record.id, due_at=now, attempts=0, last_error=None, hold_after=now
            )
        )

    def refresh(self, ctx: Context, records: list[OutboxRecord]) -> None:
        return None  # this app is the one that knows


DESIGN = LocalOutbox()
