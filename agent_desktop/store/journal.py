"""The sender's journal: what it told (a message sent, failed, held, missed; sending
paused...), kept in the database for the window, which runs in another process and
reads what is new whenever the database changes. Old entries are pruned."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import delete, func, select

from agent_desktop.core.clock import Clock
from agent_desktop.store.database import Database
from agent_desktop.store.models import JournalEntry

KEEP = timedelta(days=7)


@dataclass(frozen=True)
class Told:
    id: int
    at: datetime
    kind: str
    outbox_id: int | None
    detail: str
    origin: str  # the process that told it (its sender's owner id)


class Journal:
    def __init__(self, db: Database, clock: Clock) -> None:
        self._db = db
        self._clock = clock

    def append(self, origin: str, kind: str, outbox_id: int | None, detail: str) -> int:
        with self._db.write() as session:
            entry = JournalEntry(
                at=self._clock.now(), kind=kind, outbox_id=outbox_id, detail=detail, origin=origin
            )
            session.add(entry)
            session.flush()
            return entry.id

    def append_many(self, origin: str, entries: list[tuple[str, int | None, str]]) -> None:
        """Several at once, in one transaction: (kind, outbox id, detail) each."""
        at = self._clock.now()
        with self._db.write() as session:
            session.add_all(
                JournalEntry(at=at, kind=kind, outbox_id=outbox_id, detail=detail, origin=origin)
                for kind, outbox_id, detail in entries
            )

    def last_id(self) -> int:
        """Where a new reader starts: what was told before it came is old news."""
        with self._db.read() as session:
            return int(session.scalar(select(func.max(JournalEntry.id))) or 0)

    def since(self, after_id: int, limit: int = 500) -> list[Told]:
        with self._db.read() as session:
            rows = session.scalars(
                select(JournalEntry)
                .where(JournalEntry.id > after_id)
                .order_by(JournalEntry.id)
                .limit(limit)
            )
            return [Told(r.id, r.at, r.kind, r.outbox_id, r.detail, r.origin) for r in rows]

    def prune(self) -> int:
        """Forget what was told more than a week ago."""
        with self._db.write() as session:
            result = session.execute(
                delete(JournalEntry).where(JournalEntry.at < self._clock.now() - KEEP)
            )
            return int(getattr(result, "rowcount", 0) or 0)
