"""Settings: each key has a type, a default and a range. Only values the user set are
stored; a stored value that no longer makes sense is ignored, never overwritten."""

from __future__ import annotations

import contextlib
import json
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import select

from agent_desktop.core.i18n import SYSTEM, available_languages, tr
from agent_desktop.core.rules import DEFAULT_MIN_LEAD_MINUTES, MAX_MIN_LEAD_MINUTES
from agent_desktop.store.database import DB_FILENAME, Database
from agent_desktop.store.models import Setting


class SettingError(ValueError):
    pass


BACKENDS = ("auto", "local", "server-resource", "server-scheduled-at")
SEND_KEYS = ("ctrl+enter", "enter")


def _parse_bool(text: str) -> bool:
    lowered = text.strip().lower()
    if lowered in {"1", "true", "yes", "on"}:
        return True
    if lowered in {"0", "false", "no", "off"}:
        return False
    raise ValueError(text)


@dataclass(frozen=True)
class SettingSpec:
    key: str
    default: Any
    parse: Callable[[str], Any]
    check: Callable[[Any], bool]
    describe: Callable[[], str]  # what a valid value is, in the current language

    def validate(self, value: Any) -> Any:
        if isinstance(value, str) and self.parse is not str:
            try:
                value = self.parse(value)
            except ValueError:
                raise self.error(value) from None
        if type(value) is not type(self.default) or not self.check(value):
            raise self.error(value)
        return value

    def error(self, value: Any) -> SettingError:
        return SettingError(
            tr("{key} must be {description}; got {value}").format(
                key=self.key, description=self.describe(), value=repr(value)
            )
        )


def _int_range(low: int, high: int) -> Callable[[Any], bool]:
    return lambda value: low <= value <= high


def _one_of(choices: tuple[str, ...]) -> str:
    return tr("one of {choices}").format(choices=", ".join(choices))


def _choice(choices: tuple[str, ...]) -> Callable[[Any], bool]:
    return lambda value: value in choices


SPECS: dict[str, SettingSpec] = {
    spec.key: spec
    for spec in (
        SettingSpec(
            "min_lead_minutes",
            DEFAULT_MIN_LEAD_MINUTES,
            int,
            _int_range(0, MAX_MIN_LEAD_MINUTES),
            lambda: tr("a whole number of minutes from 0 to {max}").format(
                max=MAX_MIN_LEAD_MINUTES
            ),
        ),
        SettingSpec(
            "grace_minutes",
            15,
            int,
            _int_range(0, 24 * 60),
            lambda: tr("a whole number of minutes from 0 to {max}").format(max=24 * 60),
        ),
        SettingSpec("backend", "auto", str, _choice(BACKENDS), lambda: _one_of(BACKENDS)),
        SettingSpec("send_key", "ctrl+enter", str, _choice(SEND_KEYS), lambda: _one_of(SEND_KEYS)),
        SettingSpec(
            "language",
            SYSTEM,
            str,
            lambda value: value == SYSTEM or value in available_languages(),
            lambda: _one_of((SYSTEM, *available_languages())),
        ),
        SettingSpec(
            "scheduling_enabled", True, _parse_bool, lambda _v: True, lambda: tr("true or false")
        ),
        SettingSpec(
            "notifications", True, _parse_bool, lambda _v: True, lambda: tr("true or false")
        ),
        # Chatwoot throttles at 3,000 requests a minute per address: stay well under it
        SettingSpec(
            "max_requests_per_minute",
            2400,
            int,
            _int_range(1, 3000),
            lambda: tr("a whole number from 1 to {max}").format(max=3000),
        ),
    )
}


def peek_setting(home: Path, key: str) -> Any:
    """A stored setting read before the database is opened (the language has to be known
    before anything is printed); the default when there is none or it cannot be read."""
    spec = spec_of(key)
    path = home / DB_FILENAME
    if not path.is_file():
        return spec.default
    try:
        with contextlib.closing(sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)) as db:
            row = db.execute("SELECT value FROM settings WHERE key = ?", (key,)).fetchone()
        return spec.default if row is None else spec.validate(json.loads(row[0]))
    except (sqlite3.Error, ValueError, TypeError):
        return spec.default


def spec_of(key: str) -> SettingSpec:
    try:
        return SPECS[key]
    except KeyError:
        raise SettingError(
            tr("unknown setting {key}; known: {known}").format(
                key=repr(key), known=", ".join(sorted(SPECS))
            )
        ) from None


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
        result = {}
        for key, spec in SPECS.items():
            try:
                result[key] = spec.validate(stored[key]) if key in stored else spec.default
            except SettingError:
                result[key] = spec.default
        return result
