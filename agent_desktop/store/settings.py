"""Settings: each key has a type, a default and a range. Only values the user set are
stored; a stored value that no longer makes sense is ignored, never overwritten."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select

from agent_desktop.store.database import Database
from agent_desktop.store.models import Setting
from agent_desktop.store.setting_specs import (
    BACKENDS,
    SEND_KEYS,
    SPECS,
    SettingError,
    SettingSpec,
    every_setting,
    spec_of,
)

__all__ = ["BACKENDS", "SEND_KEYS", "SPECS", "SettingError", "SettingSpec", "Settings", "spec_of"]


class Settings:
    def __init__(self, db: Database) -> None:
        self._db = db

    def get(self, key: str) -> Any:
        spec = spec_of(key)
        with self._db.read() as session:
            stored = session.get(Setting, key)
        if stored is None:
            return spec.default
        try:
            return spec.validate(stored.value)
        except SettingError:
            return spec.default

    def set(self, key: str, value: Any) -> Any:
        """Validate and store; a string is parsed as the command line would."""
        checked = spec_of(key).validate(value)
        with self._db.write() as session:
            session.merge(Setting(key=key, value=checked))
        return checked

    def reset(self, key: str) -> None:
        spec_of(key)
        with self._db.write() as session:
            row = session.get(Setting, key)
            if row is not None:
                session.delete(row)

    def all(self) -> dict[str, Any]:
        with self._db.read() as session:
            stored = {row.key: row.value for row in session.scalars(select(Setting))}
        return every_setting(stored)
