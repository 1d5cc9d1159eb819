"""The local outbox: scheduled messages and their guarded moves between states.

Every state change is one UPDATE whose WHERE clause names the states it may come
from, so a change either happens whole or not at all, and two callers racing for the
same row cannot both win.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import and_, func, select

from agent_desktop.core.channels import ChannelLimit
from agent_desktop.core.clock import Clock
from agent_desktop.core.i18n import tr
from agent_desktop.store.claims import Claims
from agent_desktop.store.database import Database
from agent_desktop.store.models import Attempt, OutboxMessage
from agent_desktop.store.records import LOCAL, AttemptRecord, OutboxRecord, StoredAttachment
from agent_desktop.store.rows import (
    InvalidTransitionError,
    MovedOnError,
    OutboxError,
    OutboxNotFoundError,
    as_utc,
    get_row,
    update_one,
)
from agent_desktop.store.states import EDITABLE, OutboxState, sources_of

# the errors are the outbox's, whichever module raises them
__all__ = [
    "InvalidTransitionError",
    "MovedOnError",
    "Outbox",
    "OutboxError",
    "OutboxNotFoundError",
    "Tried",
    "new_delivery_key",
]

S = OutboxState


@dataclass(frozen=True)
class Tried:
    """An attempt to log with the move that ends it."""

    outcome: str
    http_status: int | None = None
    error: str | None = None
    counts_as_try: bool = True

    def row(self, outbox_id: int, at: datetime) -> Attempt:
        return Attempt(
            outbox_id=outbox_id,
            at=at,
            outcome=self.outcome,
            http_status=self.http_status,
            error=self.error,
        )


def new_delivery_key() -> str:
    return f"ad-{uuid.uuid4().hex}"


class Outbox(Claims):
    def __init__(self, db: Database, clock: Clock) -> None:
        self._db = db
        self._clock = clock

    def store_moved(self) -> str | None:
        """Why this outbox's file is no longer the one at its path, if it is not."""
        return self._db.moved()

    # -- creating and reading ------------------------------------------------------

    def add(
        self,
        *,
        profile_id: int,
        conversation_id: int,
        content: str,
        scheduled_at: datetime,
        zone: str,
        hold_on_reply: bool = True,
        attachments: Sequence[StoredAttachment] = (),
        conversation_label: str = "",
        channel: ChannelLimit | None = None,
        channel_known: bool = False,
        wait_for_opening: bool = False,
        backend: str = LOCAL,
        remote_id: int | None = None,
        delivery_key: str | None = None,
        intent: str | None = None,
        claimed_by: str | None = None,
    ) -> OutboxRecord:
        now = self._clock.now()
        row = OutboxMessage(
            profile_id=profile_id,
            backend=backend,
            remote_id=remote_id,
            hold_after=now,
            conversation_id=conversation_id,
            content=content,
            scheduled_at=scheduled_at,
            due_at=scheduled_at,
            zone=zone,
            hold_on_reply=hold_on_reply,
            state=S.PENDING.value,
            delivery_key=delivery_key or new_delivery_key(),
            attachments=[a.to_json() for a in attachments],
            attempts=0,
            conversation_label=conversation_label,
            channel_name=channel.name if channel else None,
            channel_chars=(channel.chars if channel else 0) if channel_known else None,
            wait_for_opening=wait_for_opening,
            created_at=now,
            updated_at=now,
            intent=intent,
            in_flight_since=now if intent else None,
            claimed_by=claimed_by,  # a server row's: the step under way with the server
        )
        with self._db.write() as session:
            session.add(row)
            session.flush()
            return OutboxRecord.of(row)

    def get(self, outbox_id: int) -> OutboxRecord:
        with self._db.read() as session:
            return OutboxRecord.of(get_row(session, outbox_id))

    def find(
        self,
        *,
        profile_id: int | None = None,
        states: Iterable[OutboxState] | None = None,
        conversation_id: int | None = None,
        search: str | None = None,
    ) -> list[OutboxRecord]:
        query = select(OutboxMessage)
        if profile_id is not None:
            query = query.where(OutboxMessage.profile_id == profile_id)
        if states is not None:
            query = query.where(OutboxMessage.state.in_([s.value for s in states]))
        if conversation_id is not None:
            query = query.where(OutboxMessage.conversation_id == conversation_id)
        if search:
            escaped = search.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
            pattern = f"%{escaped}%"
            query = query.where(OutboxMessage.content.ilike(pattern, escape="\\"))
        query = query.order_by(OutboxMessage.scheduled_at, OutboxMessage.id)
        with self._db.read() as session:
            return [OutboxRecord.of(row) for row in session.scalars(query)]

    def revisions(self, profile_id: int | None = None) -> dict[int, int]:
        """Every row's id and revision: what a reader holding many rows compares with
        what it holds, to load only the rows that changed (`get_many`)."""
        query = select(OutboxMessage.id, OutboxMessage.revision)
        if profile_id is not None:
            query = query.where(OutboxMessage.profile_id == profile_id)
        with self._db.read() as session:
            return {row_id: revision for row_id, revision in session.execute(query)}

    def learn_channel(self, outbox_id: int, channel: ChannelLimit | None) -> None:
        """Keep the conversation's channel limit, learned late (None: it has none)."""
        with self._db.write() as session:
            update_one(
                session,
                [OutboxMessage.id == outbox_id],
                channel_name=channel.name if channel else None,
                channel_chars=channel.chars if channel else 0,
            )

    def get_many(self, outbox_ids: Iterable[int]) -> list[OutboxRecord]:
        """The rows of those ids that exist, as they are now."""
        wanted = list(outbox_ids)
        found: list[OutboxRecord] = []
        with self._db.read() as session:
            for start in range(0, len(wanted), 500):  # within SQLite's variable limit
                chunk = wanted[start : start + 500]
                rows = session.scalars(select(OutboxMessage).where(OutboxMessage.id.in_(chunk)))
                found.extend(OutboxRecord.of(row) for row in rows)
        return sorted(found, key=lambda record: record.id)

    def counts(self, profile_id: int | None = None) -> dict[OutboxState, int]:
        query = select(OutboxMessage.state, func.count()).group_by(OutboxMessage.state)
        if profile_id is not None:
            query = query.where(OutboxMessage.profile_id == profile_id)
        found = {state: 0 for state in OutboxState}
        with self._db.read() as session:
            for state, count in session.execute(query):
                found[OutboxState(state)] = count
        return found

    def profiles_holding_on_replies(self) -> set[int]:
        """The profiles with a local message waiting that a customer's reply would hold:
        one small query, asked at every change while a burst goes out."""
        query = (
            select(OutboxMessage.profile_id)
            .where(
                OutboxMessage.state == S.PENDING.value,
                OutboxMessage.backend == LOCAL,
                OutboxMessage.hold_on_reply.is_(True),
            )
            .distinct()
        )
        with self._db.read() as session:
            return {int(profile_id) for profile_id in session.scalars(query)}

    def next_due_at(self, *, skip_profiles: Iterable[int] = ()) -> datetime | None:
        """The earliest instant at which a row becomes claimable (due, or lease ended)."""
        with self._db.read() as session:
            local = and_(
                OutboxMessage.backend == LOCAL,
                OutboxMessage.profile_id.not_in(list(skip_profiles)),
            )
            pending = session.scalar(
                select(func.min(OutboxMessage.due_at)).where(
                    local, OutboxMessage.state == S.PENDING.value
                )
            )
            stale = session.scalar(
                select(func.min(OutboxMessage.lease_until)).where(
                    local, OutboxMessage.state == S.SENDING.value
                )
            )
        # aggregates bypass the column type; read them back as UTC
        candidates = [as_utc(value) for value in (pending, stale) if value is not None]
        return min(candidates) if candidates else None

    def attempts(self, outbox_id: int) -> list[AttemptRecord]:
        with self._db.read() as session:
            rows = session.scalars(
                select(Attempt).where(Attempt.outbox_id == outbox_id).order_by(Attempt.id)
            )
            return [AttemptRecord.of(row) for row in rows]

    # -- changing ------------------------------------------------------------------

    def edit(
        self,
        outbox_id: int,
        *,
        content: str | None = None,
        scheduled_at: datetime | None = None,
        zone: str | None = None,
        remote_id: int | None = None,
        hold_on_reply: bool | None = None,
    ) -> OutboxRecord:
        """Change text, time or hold while the message is not being sent or done with."""
        changes: dict[str, Any] = {}
        if hold_on_reply is not None:
            changes["hold_on_reply"] = hold_on_reply
        if remote_id is not None:
            changes["remote_id"] = remote_id
        if content is not None:
            changes["content"] = content
        if scheduled_at is not None:
            changes["scheduled_at"] = scheduled_at
            changes["due_at"] = scheduled_at
            changes["expected_opening"] = None  # the hours are read anew for the new time
        if zone is not None:
            changes["zone"] = zone
        return self._guarded(outbox_id, EDITABLE, None, changes, target_for_error=S.PENDING)

    def expect_opening(self, outbox_id: int, at: datetime, opening: datetime | None) -> None:
        """Keep the opening the inbox's hours give after `at`, if the row's time is still
        `at` (a later edit wins)."""
        where = [OutboxMessage.id == outbox_id, OutboxMessage.scheduled_at == at]
        with self._db.write() as session:
            update_one(session, where, expected_opening=opening)

    def resume(self, outbox_id: int, *, due_at: datetime, **changes: Any) -> OutboxRecord:
        """Make a row pending again, due at `due_at`: sooner, later, retried, resumed after
        a hold, rescheduled after a miss, or brought back after a cancel."""
        allowed = {S.PENDING, S.HELD, S.MISSED, S.FAILED, S.CANCELLED}
        return self._guarded(
            outbox_id,
            allowed,
            None,
            {"state": S.PENDING.value, "due_at": due_at, **changes},
            S.PENDING,
        )

    def move(
        self,
        outbox_id: int,
        target: OutboxState,
        *,
        owner: str | None = None,
        tried: Tried | None = None,
        **changes: Any,
    ) -> OutboxRecord:
        """Move a row to `target` if the state machine allows it from where the row is.

        With `owner`, only a row that owner still holds (claimed, `sending`) moves. With
        `tried`, the attempt is logged in the same transaction (one commit, not two).
        """
        if target is not S.SENDING and "claimed_by" not in changes:
            changes.setdefault("claimed_by", None)
            changes.setdefault("lease_until", None)
        if owner is not None and target is not S.SENDING:
            # the sender records how its attempt ended: none is under way any more
            changes.setdefault("attempt_started_at", None)
            changes.setdefault("attempt_owner", None)
        if target is S.SENT:
            changes.setdefault("sent_at", self._clock.now())
        return self._guarded(
            outbox_id, sources_of(target), owner, {"state": target.value, **changes}, target, tried
        )

    def mirror(
        self, outbox_id: int, state: OutboxState, *, since: int | None = None, **changes: Any
    ) -> OutboxRecord:
        """Record what the server says of a row it schedules: the server, not this app's
        state machine, decides how such a row moves. With `since` (the revision it was
        read at), only if nobody changed the row meanwhile: MovedOnError otherwise."""
        if changes.get("intent", ...) is None:
            changes.setdefault("claimed_by", None)  # the step is over: nobody holds it
        where = [OutboxMessage.id == outbox_id, OutboxMessage.backend != LOCAL]
        if since is not None:
            where.append(OutboxMessage.revision == since)
        with self._db.write() as session:
            changed = update_one(
                session,
                where,
                state=state.value,
                updated_at=self._clock.now(),
                **changes,
            )
            row = get_row(session, outbox_id, refresh=True)
            if not changed and since is not None and row.revision != since:
                raise MovedOnError(outbox_id)
            if not changed:
                raise InvalidTransitionError(outbox_id, OutboxState(row.state), state)
            return OutboxRecord.of(row)

    def found_sent(self, outbox_id: int, server_message_id: int) -> OutboxRecord:
        """An earlier, uncertain send of it is on the server after all: it is sent."""
        return self._guarded(
            outbox_id,
            {S.PENDING, S.FAILED, S.MISSED, S.HELD},
            None,
            {
                "state": S.SENT.value,
                "server_message_id": server_message_id,
                "in_flight_since": None,
                "sent_at": self._clock.now(),
                "last_error": None,
            },
            S.SENT,
        )

    def hold_for_reply(self, outbox_id: int, reply_id: int) -> OutboxRecord:
        """The customer wrote while it waited with hold-on-reply: held now, not when it
        comes due (only a row nobody is sending: one under way is the sender's to end)."""
        return self._guarded(
            outbox_id,
            {S.PENDING},
            None,
            {
                "state": S.HELD.value,
                "claimed_by": None,
                "lease_until": None,
                "last_error": tr("the customer replied after it was scheduled"),
            },
            S.HELD,
            Tried(
                "held",
                error=tr("customer message {id}").format(id=reply_id),
                counts_as_try=False,
            ),
        )

    def clear_in_flight(self, outbox_id: int) -> OutboxRecord:
        """An uncertain earlier send was looked for and is not on the server: no longer
        uncertain (not while a dispatcher holds the row)."""
        return self._guarded(
            outbox_id,
            {S.PENDING, S.FAILED, S.MISSED, S.HELD},
            None,
            {"in_flight_since": None},
            S.PENDING,
        )

    def make_local(self, outbox_id: int, *, due_at: datetime) -> OutboxRecord:
        """Hand a server-scheduled row to this app's outbox (to send it now, retry it after
        the server failed, or bring back a cancelled one too near its time for the server
        to take): from here on the local dispatcher owns it."""
        with self._db.write() as session:
            changed = update_one(
                session,
                [
                    OutboxMessage.id == outbox_id,
                    OutboxMessage.backend != LOCAL,
                    OutboxMessage.state.in_(
                        [
                            S.PENDING.value,
                            S.HELD.value,
                            S.FAILED.value,
                            S.MISSED.value,
                            S.CANCELLED.value,
                        ]
                    ),
                ],
                backend=LOCAL,
                remote_id=None,
                intent=None,
                claimed_by=None,
                in_flight_since=None,  # nothing of it went out as a message from here
                state=S.PENDING.value,
                due_at=due_at,
                hold_after=self._clock.now(),
                attempts=0,
                last_error=None,
                updated_at=self._clock.now(),
            )
            row = get_row(session, outbox_id, refresh=True)
            if not changed:
                raise InvalidTransitionError(outbox_id, OutboxState(row.state), S.PENDING)
            return OutboxRecord.of(row)

    def sent_ids(self, record: OutboxRecord) -> set[int]:
        """The server's ids of the conversation's other scheduled messages already sent:
        a look for an uncertain send must not take one of them for it."""
        with self._db.read() as session:
            ids = session.scalars(
                select(OutboxMessage.server_message_id).where(
                    OutboxMessage.profile_id == record.profile_id,
                    OutboxMessage.conversation_id == record.conversation_id,
                    OutboxMessage.id != record.id,
                    OutboxMessage.server_message_id.is_not(None),
                )
            )
            return {int(i) for i in ids if i is not None}

    def log_attempt(
        self,
        outbox_id: int,
        outcome: str,
        *,
        http_status: int | None = None,
        error: str | None = None,
        counts_as_try: bool = True,
    ) -> AttemptRecord:
        now = self._clock.now()
        with self._db.write() as session:
            row = get_row(session, outbox_id)
            if counts_as_try:
                row.attempts += 1
            attempt = Tried(outcome, http_status, error, counts_as_try).row(outbox_id, now)
            session.add(attempt)
            session.flush()
            return AttemptRecord.of(attempt)

    def delete(self, outbox_id: int) -> None:
        with self._db.write() as session:
            session.delete(get_row(session, outbox_id))

    # -- helpers -------------------------------------------------------------------

    def _guarded(
        self,
        outbox_id: int,
        allowed_from: Iterable[OutboxState],
        owner: str | None,
        changes: dict[str, Any],
        target_for_error: OutboxState,
        tried: Tried | None = None,
    ) -> OutboxRecord:
        allowed = [state.value for state in allowed_from]
        condition = [OutboxMessage.id == outbox_id, OutboxMessage.state.in_(allowed)]
        if owner is not None:
            # a sender records its outcome only while the claim is still its own: one that
            # lost it (frozen past its lease) cannot undo what the next sender did
            condition += [
                OutboxMessage.state == S.SENDING.value,
                OutboxMessage.claimed_by == owner,
            ]
        now = self._clock.now()
        if tried is not None and tried.counts_as_try:
            changes = {**changes, "attempts": OutboxMessage.attempts + 1}
        with self._db.write() as session:
            changed = update_one(session, condition, **changes, updated_at=now)
            if changed and tried is not None:
                session.add(tried.row(outbox_id, now))
                session.flush()
            row = get_row(session, outbox_id, refresh=True)
            if not changed:
                raise InvalidTransitionError(outbox_id, OutboxState(row.state), target_for_error)
            return OutboxRecord.of(row)
