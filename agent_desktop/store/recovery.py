"""When the database file is damaged, empty or gone: keep it aside, never delete it, and
put the newest sound backup in its place only when the agent says so."""

from __future__ import annotations

import shutil
import sqlite3
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from agent_desktop.core.i18n import tr
from agent_desktop.store.database import (
    DB_FILENAME,
    BackupInfo,
    backup,
    created_marker,
    good_backups,
)
from agent_desktop.store.integrity import DatabaseError, verify

DAILY = timedelta(days=1)


@dataclass(frozen=True)
class Recovered:
    kept_aside: Path | None  # None: there was no file to keep (it had vanished)
    restored: BackupInfo | None  # None: the app starts with an empty database

    @property
    def restored_from(self) -> Path | None:
        return self.restored.path if self.restored else None


def latest_backup(home: Path) -> BackupInfo | None:
    """The newest backup that is a sound database of this app."""
    backups = good_backups(home / DB_FILENAME)
    return backups[0] if backups else None


def _messages_in(path: Path) -> int:
    connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        (count,) = connection.execute("SELECT count(*) FROM outbox").fetchone()
        return int(count)
    finally:
        connection.close()


def has_messages(home: Path) -> bool:
    """Whether the database holds a scheduled message, whatever its state."""
    return _messages_in(home / DB_FILENAME) > 0


def daily_backup(home: Path, now: datetime | None = None) -> Path | None:
    """A backup once there is something to keep (a scheduled message), and then when the
    newest sound one is a day old, or was taken before there was anything in it."""
    now = now or datetime.now(UTC)
    path = home / DB_FILENAME
    if _messages_in(path) == 0:
        return None
    newest = latest_backup(home)
    if newest is not None and newest.messages > 0 and now - newest.taken_at < DAILY:
        return None
    return backup(path, "daily")


def set_aside(home: Path, now: datetime | None = None) -> Path | None:
    """Rename the damaged file (and its WAL and shared-memory files) out of the way."""
    stamp = (now or datetime.now(UTC)).strftime("%Y%m%dT%H%M%SZ")
    path = home / DB_FILENAME
    kept = path.with_name(f"{DB_FILENAME}.damaged-{stamp}")
    moved = False
    for suffix in ("", "-wal", "-shm"):
        part = path.with_name(path.name + suffix)
        if part.exists():
            part.rename(kept.with_name(kept.name + suffix))
            moved = moved or suffix == ""
    return kept if moved else None


def recover(home: Path, use_backup: bool = True) -> Recovered:
    """Keep the damaged file aside, then restore the newest sound backup (if asked and
    any): a backup is checked before it stands in, never copied blind."""
    source = latest_backup(home) if use_backup else None
    kept = set_aside(home)
    target = home / DB_FILENAME
    if source is not None:
        shutil.copyfile(source.path, target)
        target.chmod(0o600)
        if verify(target) is None:  # copied short (a full disk): not a database to use
            target.unlink(missing_ok=True)
            raise DatabaseError(
                tr("the backup {backup} could not be put back whole; it is still there").format(
                    backup=source.path
                )
            )
    else:  # the agent chose to start anew: an empty database is no longer a loss
        created_marker(target).unlink(missing_ok=True)
    return Recovered(kept_aside=kept, restored=source)
