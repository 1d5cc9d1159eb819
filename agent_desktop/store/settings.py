"""Settings: each key has a type, a default and a range. Only values the user set are
stored; a stored value that no longer makes sense is ignored, never overwritten."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from sqlalchemy import select

from agent_desktop.store.database import Database
from agent_desktop.store.models import Setting
from agent_desktop.store.setting_specs import (
    BACKENDS,
    SEND_KEYS,
    SPECS,
    AppSettings,
    SettingError,
    SettingSpec,
    spec_of,
)

__all__ = [
    "BACKENDS",
    "SEND_KEYS",
    "SPECS",
    "AppSettings",
    "SettingError",
    "SettingSpec",
    "Settings",
    "spec_of",
]


class Settings:
    def __init__(self, db: Database) -> None:
        self._db = db

    def current(self) -> AppSettings:
        """Every setting, typed, as stored now."""
        with self._db.read() as session:
            stored = {row.key: row.value for row in session.scalars(select(Setting))}
        return AppSettings.of(stored)

    def get(self, key: str) -> Any:
        return self.current().get(key)

    def set(self, key: str, value: Any) -> Any:
        """Validate and store; a string is parsed as the command line would."""
        return self.update({key: value}).get(key)

    def update(self, changes: Mapping[str, Any]) -> AppSettings:
        """Validate every change first, then store them together: a wrong value stores
        nothing."""
        checked = {key: spec_of(key).validate(value) for key, value in changes.items()}
        with self._db.write() as session:
            for key, value in checked.items():
                session.merge(Setting(key=key, value=value))
        return self.current()

    def reset(self, key: str) -> None:
        spec_of(key)
        with self._db.write() as session:
            row = session.get(Setting, key)
            if row is not None:
                session.delete(row)

    def all(self) -> dict[str, Any]:
        return self.current().as_dict()
