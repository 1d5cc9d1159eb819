"""The seed plan's design: a message created with `scheduled_at` waits on the server until
then. Detected only by the account's `scheduled_messages` feature: a server without the
design would ignore `scheduled_at` and send at once, so nothing else counts as proof."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any

from agent_desktop.chatwoot.errors import ChatwootError, NotFoundError, ValidationError
from agent_desktop.core.i18n import QT_TR_NOOP, tr
from agent_desktop.scheduling import owners
from agent_desktop.scheduling.designs.base import Context, Created
from agent_desktop.scheduling.designs.server import ServerDesign, kept_uploads
from agent_desktop.scheduling.designs.server_settling import (
    UNCERTAIN,
    Remote,
    looked,
    may_still_arrive,
    timed_out,
)
from agent_desktop.scheduling.errors import SchedulingError, ServerUnsettledError
from agent_desktop.scheduling.events import EventKind
from agent_desktop.scheduling.lookup import KEY_ATTRIBUTE
from agent_desktop.scheduling.policy import SERVER_ACTIONS, Traits
from agent_desktop.store.records import Intent, OutboxRecord
from agent_desktop.store.states import OutboxState

if TYPE_CHECKING:
    from agent_desktop.chatwoot.client import ChatwootClient, Upload
    from agent_desktop.chatwoot.records import Message


class AlreadySentError(SchedulingError):
    """The version being changed went out before the change took: nothing changed."""


S = OutboxState
NAME = "server-scheduled-at"
FEATURE = "scheduled_messages"


def _second(instant: datetime | None) -> int | None:
    return None if instant is None else int(instant.timestamp())


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
    # an upstream Chatwoot ignores scheduled_at: forced there, the message would go at once
    if_unsupported = QT_TR_NOOP("an upstream server would send the message at once")
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
        ctx: Context,
        record: OutboxRecord,
        *,
        text: str,
        when: datetime,
        hold_on_reply: bool,
        resume: bool,
    ) -> int:
        """The design has no edit: the new version is scheduled first, under a new key
        written down beforehand, then the old one cancelled. A step that fails leaves the
        original scheduled as it was; a crash between them is settled at the next look."""
        from agent_desktop.store.outbox import new_delivery_key

        client = ctx.client()
        new_key = new_delivery_key()
        # the new version is written down whole: a server that drops the key is asked
        # for it by text and time after a crash
        wanted = ctx.outbox.mirror(
            record.id,
            record.state,
            since=record.revision,  # as the agent saw it: not over a step taken meanwhile
            intent=Intent.CHANGE,
            in_flight_since=ctx.clock.now(),
            claimed_by=owners.current_step(),
            delivery_key=new_key,
            content=text,
            scheduled_at=when,
            due_at=when,
        )
        try:
            new_id = self.create_remote(
                client,
                conversation_id=record.conversation_id,
                text=text,
                when=when,
                hold_on_reply=hold_on_reply,
                key=new_key,
                uploads=kept_uploads(ctx, record),
            ).remote_id
        except UNCERTAIN as error:
            found = self.find_created(ctx, wanted, {record.remote_id or -1})
            if found is None and timed_out(error):
                # the server may still be taking the new version: the change stays
                # written down, for the looks from now on to settle once it cannot be
                ctx.outbox.mirror(
                    record.id, record.state, in_flight_since=ctx.clock.now(), claimed_by=None
                )
                raise ServerUnsettledError(
                    tr("the server did not answer: the change is checked again at the next look")
                ) from None
            if found is None:
                self._as_it_was(ctx, record)
                raise ServerUnsettledError(
                    tr("the server did not answer, and the change is not there: nothing changed")
                ) from None
            new_id = found
        except BaseException:
            self._as_it_was(ctx, record)
            raise
        self._drop_old(ctx, record, new_id)
        return new_id

    def settle_change(self, ctx: Context, record: OutboxRecord) -> OutboxRecord:
        """After a crash in the middle of a change: the new version (by the key written
        down) and the old one (by its id), each where the server has it."""
        found = self.find_created(ctx, record, {record.remote_id or -1})
        if found is not None:
            try:
                self._drop_old(ctx, record, found)
            except AlreadySentError:
                # the old version went out and the new copy is off: sent, as it went
                return self._sent_as_it_went(ctx, record)
            return self._took_new(ctx, record, found)
        if may_still_arrive(ctx, record):  # cut short a moment ago: it may still come
            raise ServerUnsettledError(
                tr("the server did not answer: the change is checked again at the next look")
            )
        # the new one is not waiting: as the server has the old one (waiting, or gone out)
        old = self._waiting(ctx.client(), record.conversation_id).get(record.remote_id or -1)
        gone_out = old is None and record.remote_id is not None
        if gone_out and self.where_is(ctx, record) is Remote.SENT:
            return self._sent_as_it_went(ctx, record)
        kept: dict[str, Any] = {}
        if old is not None:
            kept["content"] = old.content
            if old.scheduled_at is not None:
                kept["scheduled_at"] = kept["due_at"] = old.scheduled_at
        return ctx.outbox.mirror(record.id, record.state, intent=None, in_flight_since=None, **kept)

    def _sent_as_it_went(self, ctx: Context, record: OutboxRecord) -> OutboxRecord:
        sent = _sent_message(ctx.client(), record)
        changes: dict[str, Any] = {}
        if sent is not None:
            changes["content"] = sent.content
        return ctx.outbox.mirror(
            record.id,
            S.SENT,
            intent=None,
            in_flight_since=None,
            server_message_id=record.remote_id,
            sent_at=ctx.clock.now(),
            **changes,
        )

    def _took_new(self, ctx: Context, record: OutboxRecord, found: int) -> OutboxRecord:
        message = self._waiting(ctx.client(), record.conversation_id).get(found)
        changes: dict[str, Any] = {}
        if message is not None:
            changes["content"] = message.content
            if message.scheduled_at is not None:
                changes["scheduled_at"] = changes["due_at"] = message.scheduled_at
        return ctx.outbox.mirror(
            record.id, record.state, remote_id=found, intent=None, in_flight_since=None, **changes
        )

    def _drop_old(self, ctx: Context, record: OutboxRecord, new_id: int) -> None:
        client = ctx.client()
        for _attempt in range(2):
            try:
                self.cancel_remote(client, record)
                return
            except ValidationError:
                # not there: gone out (the new one must not go too), or already
                # cancelled by this change before the app stopped (then it is done)
                if self.where_is(ctx, record) is Remote.GONE:
                    return
                break
            except UNCERTAIN:
                where = self.where_is(ctx, record)
                if where is Remote.GONE:
                    return
                if where is Remote.SENT:
                    break
        else:
            raise ServerUnsettledError(
                tr("the server did not answer: the change is checked again at the next look")
            )
        # the old one went out: the new copy must not go too
        for attempt in range(3):
            try:
                self.cancel_remote(client, replace(record, remote_id=new_id))
                break
            except ValidationError:
                break  # not waiting any more: taken off already
            except ChatwootError:
                if attempt == 2:
                    # the change stays written down: the next look takes the copy off
                    raise ServerUnsettledError(
                        tr(
                            "it had gone out already, and the server did not answer while "
                            "the new version was taken off: that is tried again at the next look"
                        )
                    ) from None
        self._as_it_was(ctx, record)
        raise AlreadySentError(tr("it had gone out already: the change was not made"))

    def _as_it_was(self, ctx: Context, record: OutboxRecord) -> None:
        ctx.outbox.mirror(
            record.id,
            record.state,
            intent=None,
            in_flight_since=None,
            delivery_key=record.delivery_key,
            content=record.content,
            scheduled_at=record.scheduled_at,
            due_at=record.due_at,
        )

    def _waiting(self, client: ChatwootClient, conversation_id: int) -> dict[int, Message]:
        return {m.id: m for m in client.seed_scheduled_messages(conversation_id)}

    def find_created(self, ctx: Context, record: OutboxRecord, known: set[int]) -> int | None:
        waiting = self._waiting(ctx.client(), record.conversation_id)
        for message in waiting.values():
            if message.id not in known and (
                message.content_attributes.get(KEY_ATTRIBUTE) == record.delivery_key
            ):
                return message.id
        for message in waiting.values():  # a server that dropped the key: by content and time
            if (
                message.id not in known
                and message.content == record.content
                and _second(message.scheduled_at) == _second(record.scheduled_at)
            ):
                return message.id
        return None

    def where_is(self, ctx: Context, record: OutboxRecord) -> Remote:
        client = ctx.client()
        if record.remote_id in self._waiting(client, record.conversation_id):
            return Remote.WAITING
        assert record.remote_id is not None
        return Remote.SENT if _listed(client, record) else Remote.GONE

    def refresh(self, ctx: Context, records: list[OutboxRecord]) -> None:
        if not records:
            return
        client = ctx.client()
        conversation_id = records[0].conversation_id
        waiting = self._waiting(client, conversation_id)
        for record in records:
            # a row that failed for want of access, reached again: as the server has it
            cleared: dict[str, Any] = {"last_error": None} if record.state is S.FAILED else {}
            if record.remote_id in waiting:
                message = waiting[record.remote_id]
                if record.state is not S.PENDING or record.content != message.content:
                    looked(ctx, record, S.PENDING, content=message.content, **cleared)
                continue
            if record.state is S.SENT:
                continue
            where = self.where_is(ctx, record)
            if where is Remote.SENT:
                looked(
                    ctx,
                    record,
                    S.SENT,
                    server_message_id=record.remote_id,
                    sent_at=ctx.clock.now(),
                    **cleared,
                )
            elif record.state is not S.CANCELLED:
                gone = looked(ctx, record, S.CANCELLED, last_error=tr("no longer on the server"))
                if gone is not None:
                    ctx.tell(EventKind.CANCELLED, gone, tr("no longer on the server"))


def _listed(client: ChatwootClient, record: OutboxRecord) -> bool:
    return _sent_message(client, record) is not None


def _sent_message(client: ChatwootClient, record: OutboxRecord) -> Message | None:
    """The message as the conversation lists it (sent), if it does. Chatwoot lists by
    creation time and the server dates a message it sends by the sending, so one sent
    after a busy while comes after messages with newer ids: looked for among the newest
    up to its id, and among those from its id on."""
    assert record.remote_id is not None
    wanted = record.remote_id
    for side in ("before", "after"):
        page = (
            client.messages(record.conversation_id, before=wanted + 1)
            if side == "before"
            else client.messages(record.conversation_id, after=wanted - 1)
        )
        found = next((m for m in page if m.id == wanted), None)
        if found is not None:
            return found
    return None


DESIGN = ScheduledAt()
