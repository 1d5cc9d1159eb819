"""The accounts signed in from the window: their profile ids, in the order they were
added, kept in accounts.json beside the database (no token: those stay in the keyring).
The current one is the profile last used, which the next start opens."""

from __future__ import annotations

import threading
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from agent_desktop.store.private_files import read_json, write_private_json
from agent_desktop.store.records import ProfileRecord

if TYPE_CHECKING:  # the window reads same_login before the store (SQLAlchemy) loads
    from agent_desktop.store.profiles import Profiles

FILENAME = "accounts.json"
FORMAT = 1


def same_login(a: ProfileRecord, b: ProfileRecord) -> bool:
    """Whether two accounts are one user's on one server: one token serves both."""
    return a.base_url == b.base_url and a.user_id == b.user_id


class SignedInAccounts:
    def __init__(self, home: Path, profiles: Profiles) -> None:
        self._path = home / FILENAME
        self._profiles = profiles
        self._lock = threading.Lock()  # read, change, write: one at a time

    def _read(self) -> list[int]:
        raw = read_json(self._path)
        if not isinstance(raw, dict) or raw.get("format") != FORMAT:
            return []
        ids = raw.get("accounts")
        if not isinstance(ids, list):
            return []
        return [i for i in ids if isinstance(i, int) and not isinstance(i, bool)]

    def _write(self, ids: list[int]) -> None:
        write_private_json(self._path, {"format": FORMAT, "accounts": ids})

    def listed(self, current: ProfileRecord | None = None) -> list[ProfileRecord]:
        """The accounts signed in here, the current one among them (it may have been
        signed in before this list was kept, or from the command line)."""
        with self._lock:
            ids = self._read()
            if current is not None and current.id not in ids:
                ids.append(current.id)
                self._write(ids)
            known = {p.id: p for p in self._profiles.all()}
            return [known[i] for i in ids if i in known]

    def add(self, profile: ProfileRecord) -> None:
        with self._lock:
            ids = self._read()
            if profile.id not in ids:
                self._write([*ids, profile.id])

    def remove(self, profile_ids: Iterable[int]) -> list[ProfileRecord]:
        """Take accounts off the list; returns those left."""
        gone = set(profile_ids)
        with self._lock:
            ids = [i for i in self._read() if i not in gone]
            self._write(ids)
        known = {p.id: p for p in self._profiles.all()}
        return [known[i] for i in ids if i in known]

    def switch_to(self, profile: ProfileRecord) -> ProfileRecord:
        """Make the account the current one (the last used), listed if it was not."""
        self.add(profile)
        return self._profiles.remember(
            base_url=profile.base_url,
            account_id=profile.account_id,
            user_id=profile.user_id,
            user_name=profile.user_name,
            user_email=profile.user_email,
            account_name=profile.account_name,
        )
