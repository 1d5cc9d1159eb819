"""When the database file is damaged: keep it aside, never delete it, and put the last
good backup in its place only when the agent says so."""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from agent_desktop.store.database import DB_FILENAME, backup, backup_taken_at, list_backups

DAILY = timedelta(days=1)


@dataclass(frozen=True)
class Recovered:
    kept_aside: Path
    restored_from: Path | None  # None: the app starts with an empty database


def latest_backup(home: Path) -> Path | None:
    backups = list_backups(home / DB_FILENAME)
    return backups[0] if backups else None


def daily_backup(home: Path, now: datetime | None = None) -> Path | None:
    """A backup when the newest one is more than a day old, so there is one to offer."""
    now = now or datetime.now(UTC)
    newest = latest_backup(home)
    if newest is not None and now - backup_taken_at(newest) < DAILY:
        return None
    return backup(home / DB_FILENAME, "daily")


def set_aside(home: Path, now: datetime | None = None) -> Path:
    """Rename the damaged file (and its WAL and shared-memory files) out of the way."""
    stamp = (now or datetime.now(UTC)).strftime("%Y%m%dT%H%M%SZ")
    path = home / DB_FILENAME
    kept = path.with_name(f"{DB_FILENAME}.damaged-{stamp}")
    for suffix in ("", "-wal", "-shm"):
        part = path.with_name(path.name + suffix)
        if part.exists():
            part.rename(kept.with_name(kept.name + suffix))
    return kept


def recover(home: Path, use_backup: bool = True) -> Recovered:
    """Keep the damaged file aside, then restore the newest backup (if asked and any)."""
    source = latest_backup(home) if use_backup else None
    kept = set_aside(home)
    if source is not None:
        target = home / DB_FILENAME
        shutil.copyfile(source, target)
        target.chmod(0o600)
    return Recovered(kept_aside=kept, restored_from=source)
