"""A few things read from the database before the store opens, with the standard
library's sqlite3 alone: the language (before anything is printed), the settings and
the last profile (so the window can show the last session's page while SQLAlchemy, the
HTTP client and the keyring load). Read-only; anything unexpected reads as unknown."""

from __future__ import annotations

import contextlib
import json
import sqlite3
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from agent_desktop.store.records import Capabilities, ProfileRecord
from agent_desktop.store.setting_specs import AppSettings, spec_of

DB_FILENAME = "agent-desktop.db"
# the newest migration's revision: a database already there opens without loading Alembic
# (a test keeps this equal to the migrations' head)
SCHEMA_HEAD = "0009"


def _stored(raw: object) -> Any:
    # JSON text, except that SQLite keeps a JSON number as a number (numeric affinity)
    return json.loads(raw) if isinstance(raw, str) else raw


@contextlib.contextmanager
def _reading(home: Path) -> Iterator[sqlite3.Connection | None]:
    path = home / DB_FILENAME
    if not path.is_file():
        yield None
        return
    with contextlib.closing(sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)) as db:
        yield db


def peek_setting(home: Path, key: str) -> Any:
    """One stored setting, or its default when there is none or it cannot be read."""
    spec = spec_of(key)
    try:
        with _reading(home) as db:
            row = (
                None
                if db is None
                else db.execute("SELECT value FROM settings WHERE key = ?", (key,)).fetchone()
            )
        return spec.default if row is None else spec.validate(_stored(row[0]))
    except (sqlite3.Error, ValueError, TypeError):
        return spec.default


def peek_settings(home: Path) -> AppSettings:
    """Every setting as Settings.current() would give it."""
    stored: dict[str, Any] = {}
    with contextlib.suppress(sqlite3.Error), _reading(home) as db:
        if db is not None:
            for key, raw in db.execute("SELECT key, value FROM settings"):
                with contextlib.suppress(ValueError, TypeError):
                    stored[key] = _stored(raw)
    return AppSettings.of(stored)


def _instant(value: object) -> datetime | None:
    # SQLAlchemy keeps naive UTC instants as ISO text in SQLite
    if value is None:
        return None
    return datetime.fromisoformat(str(value)).replace(tzinfo=UTC)


def peek_last_profile(home: Path) -> ProfileRecord | None:
    """The profile last used, if the database is there at the current schema (one that
    needs migrating or repairing is for the store to open, not for a peek)."""
    query = (
        "SELECT id, base_url, account_id, user_id, user_name, user_email, account_name,"
        " created_at, last_used_at, detected_backend, detected_at, capabilities"
        " FROM server_profiles ORDER BY last_used_at DESC LIMIT 1"
    )
    try:
        with _reading(home) as db:
            if db is None:
                return None
            revision = db.execute("SELECT version_num FROM alembic_version").fetchone()
            if revision is None or revision[0] != SCHEMA_HEAD:
                return None
            row = db.execute(query).fetchone()
        if row is None:
            return None
        created, last_used = _instant(row[7]), _instant(row[8])
        if created is None or last_used is None:
            return None
        return ProfileRecord(
            int(row[0]),
            str(row[1]),
            int(row[2]),
            int(row[3]),
            str(row[4]),
            str(row[5]),
            str(row[6]),
            created,
            last_used,
            None if row[9] is None else str(row[9]),
            _instant(row[10]),
            Capabilities.from_json(_stored(row[11]) if row[11] is not None else None),
        )
    except (sqlite3.Error, ValueError, TypeError):
        return None
