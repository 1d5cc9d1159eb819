"""Server profiles: which servers and accounts the agent signed in to (never the token)."""

from __future__ import annotations

from dataclasses import replace

from sqlalchemy import select

from agent_desktop.core.clock import Clock
from agent_desktop.store.database import Database
from agent_desktop.store.models import ServerProfile
from agent_desktop.store.records import Capabilities, ProfileRecord


class Profiles:
    def __init__(self, db: Database, clock: Clock) -> None:
        self._db = db
        self._clock = clock

    def remember(
        self,
        *,
        base_url: str,
        account_id: int,
        user_id: int,
        user_name: str = "",
        user_email: str = "",
        account_name: str = "",
    ) -> ProfileRecord:
        """Add or refresh a profile and mark it the most recently used."""
        now = self._clock.now()
        with self._db.write() as session:
            row = session.scalar(
                select(ServerProfile).where(
                    ServerProfile.base_url == base_url,
                    ServerProfile.account_id == account_id,
                    ServerProfile.user_id == user_id,
                )
            )
            if row is None:
                row = ServerProfile(
                    base_url=base_url, account_id=account_id, user_id=user_id, created_at=now
                )
                session.add(row)
            row.user_name = user_name
            row.user_email = user_email
            row.account_name = account_name
            row.last_used_at = now
            session.flush()
            return ProfileRecord.of(row)

    def set_detected_backend(self, profile_id: int, backend: str | None) -> ProfileRecord:
        """Remember (or, with None, forget) which scheduling design the server offers."""
        with self._db.write() as session:
            row = session.get_one(ServerProfile, profile_id)
            row.detected_backend = backend
            row.detected_at = self._clock.now() if backend else None
            session.flush()
            return ProfileRecord.of(row)

    def learn(self, profile_id: int, **facts: object) -> ProfileRecord:
        """Remember what the server has just shown it does (Capabilities' fields)."""
        with self._db.write() as session:
            row = session.get_one(ServerProfile, profile_id)
            known = Capabilities.from_json(row.capabilities)
            row.capabilities = replace(known, **facts).to_json()  # type: ignore[arg-type]
            session.flush()
            return ProfileRecord.of(row)

    def get(self, profile_id: int) -> ProfileRecord | None:
        with self._db.read() as session:
            row = session.get(ServerProfile, profile_id)
            return ProfileRecord.of(row) if row else None

    def find(self, base_url: str, account_id: int | None = None) -> ProfileRecord | None:
        """The most recently used profile on that server (and account, when given)."""
        query = select(ServerProfile).where(ServerProfile.base_url == base_url)
        if account_id is not None:
            query = query.where(ServerProfile.account_id == account_id)
        query = query.order_by(ServerProfile.last_used_at.desc()).limit(1)
        with self._db.read() as session:
            row = session.scalar(query)
            return ProfileRecord.of(row) if row else None

    def last_used(self) -> ProfileRecord | None:
        query = select(ServerProfile).order_by(ServerProfile.last_used_at.desc()).limit(1)
        with self._db.read() as session:
            row = session.scalar(query)
            return ProfileRecord.of(row) if row else None

    def all(self) -> list[ProfileRecord]:
        with self._db.read() as session:
            rows = session.scalars(select(ServerProfile).order_by(ServerProfile.id))
            return [ProfileRecord.of(row) for row in rows]
