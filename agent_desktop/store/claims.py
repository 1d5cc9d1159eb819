"""Claims on the outbox's rows: a sender takes due rows for itself for a while (its
lease), keeps them while a send is under way, and checks before each part of a request
that they are still its own (the fence). Every claim is one guarded UPDATE, so two
senders racing for a row cannot both win."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import and_, or_, select
from sqlalchemy.orm import Session

from agent_desktop.core.clock import Clock
from agent_desktop.store.database import Database
from agent_desktop.store.models import OutboxMessage
from agent_desktop.store.records import LOCAL, OutboxRecord
from agent_desktop.store.rows import InvalidTransitionError, as_utc, get_row, update_one
from agent_desktop.store.states import OutboxState

S = OutboxState


class Claims:
    """The outbox's claim steps (a part of Outbox, kept apart for its size)."""

    _db: Database
    _clock: Clock

    def claim_due(
        self, owner: str, lease: timedelta, *, skip_profiles: Iterable[int] = ()
    ) -> OutboxRecord | None:
        """Claim the earliest claimable row for `owner`; None when nothing is due.

        A row is claimable when it is pending and due, or when it was being sent and its
        claimant's lease ran out (the claimant died): the caller must then check whether
        the earlier attempt got through (in_flight_since is set) before sending again.
        """
        taken = self.claim_due_many(owner, lease, 1, skip_profiles=skip_profiles)
        return taken[0] if taken else None

    def claim_due_many(
        self,
        owner: str,
        lease: timedelta,
        limit: int,
        *,
        skip_profiles: Iterable[int] = (),
        ahead: timedelta = timedelta(0),
    ) -> list[OutboxRecord]:
        """Claim up to `limit` of the earliest claimable rows in one transaction (a burst
        costs one commit per few messages, not one each). With `ahead`, rows due that much
        from now are claimed too: the sender gets ready, and sends at their time."""
        if limit < 1:
            return []
        now = self._clock.now()
        claimable = and_(
            OutboxMessage.backend == LOCAL,
            OutboxMessage.profile_id.not_in(list(skip_profiles)),
            or_(
                and_(OutboxMessage.state == S.PENDING.value, OutboxMessage.due_at <= now + ahead),
                and_(OutboxMessage.state == S.SENDING.value, OutboxMessage.lease_until < now),
            ),
        )
        with self._db.write() as session:
            candidates = session.scalars(
                select(OutboxMessage.id)
                .where(claimable)
                .order_by(OutboxMessage.due_at, OutboxMessage.id)
                .limit(limit)
            ).all()
            taken = (self._take(session, i, claimable, owner, now + lease) for i in candidates)
            return [record for record in taken if record is not None]

    def claim(self, outbox_id: int, owner: str, lease: timedelta) -> OutboxRecord | None:
        """Claim one row if it is due and nobody holds it (None otherwise)."""
        now = self._clock.now()
        due = and_(
            OutboxMessage.backend == LOCAL,
            OutboxMessage.state == S.PENDING.value,
            OutboxMessage.due_at <= now,
        )
        with self._db.write() as session:
            return self._take(session, outbox_id, due, owner, now + lease)

    def _take(
        self, session: Session, outbox_id: int, claimable: Any, owner: str, lease_until: datetime
    ) -> OutboxRecord | None:
        """The claim itself: the row is ours only if it is still claimable."""
        taken = update_one(
            session,
            [OutboxMessage.id == outbox_id, claimable],
            state=S.SENDING.value,
            claimed_by=owner,
            lease_until=lease_until,
            updated_at=self._clock.now(),
        )
        return OutboxRecord.of(get_row(session, outbox_id, refresh=True)) if taken else None

    def renew_lease(self, outbox_id: int, owner: str, lease: timedelta) -> bool:
        """Keep a claim while its send is still under way; False when it is no longer ours."""
        now = self._clock.now()
        with self._db.write() as session:
            return update_one(
                session,
                [
                    OutboxMessage.id == outbox_id,
                    OutboxMessage.state == S.SENDING.value,
                    OutboxMessage.claimed_by == owner,
                ],
                lease_until=now + lease,
            )

    def still_claimed(self, outbox_id: int, owner: str) -> bool:
        """Whether `owner` still holds the row's claim, its lease not run out: the fence a
        send checks before each part of its request goes."""
        now = self._clock.now()
        with self._db.read() as session:
            row = session.get(OutboxMessage, outbox_id)
            return (
                row is not None
                and row.state == S.SENDING.value
                and row.claimed_by == owner
                and row.lease_until is not None
                and as_utc(row.lease_until) > now
            )

    def mark_in_flight(self, outbox_id: int, owner: str, since: datetime) -> None:
        """Note, before a request goes out, that it may reach the server from now on."""
        with self._db.write() as session:
            changed = update_one(
                session,
                [
                    OutboxMessage.id == outbox_id,
                    OutboxMessage.state == S.SENDING.value,
                    OutboxMessage.claimed_by == owner,
                ],
                in_flight_since=since,
                attempt_started_at=self._clock.now(),
                attempt_owner=owner,
                updated_at=self._clock.now(),
            )
            if not changed:
                row = get_row(session, outbox_id)
                raise InvalidTransitionError(outbox_id, OutboxState(row.state), S.SENDING)
