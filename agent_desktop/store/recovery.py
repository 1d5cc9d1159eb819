"""When the database file is damaged, empty or gone: keep it aside, never delete it, and
put the newest sound backup in its place only when the agent says so."""

from __future__ import annotations

import errno
import os
import shutil
import sqlite3
import tempfile
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
from agent_desktop.store.integrity import (
    LOW_SPACE,
    DatabaseError,
    disk_full,
    free_bytes,
    verify,
)

DAILY = timedelta(days=1)
_NO_ROOM = (errno.ENOSPC, errno.EDQUOT)


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
    # a rename replaces its target: one kept aside earlier in the same second stays
    tries = 1
    while any(kept.with_name(kept.name + s).exists() for s in ("", "-wal", "-shm")):
        tries += 1
        kept = path.with_name(f"{DB_FILENAME}.damaged-{stamp}-{tries}")
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
    target = home / DB_FILENAME
    # copied and checked beside it first: on a full disk nothing has been moved yet
    staged = _staged_copy(source.path, target) if source is not None else None
    try:
        kept = set_aside(home)
    except OSError:
        if staged is not None:
            staged.unlink(missing_ok=True)
        raise
    if staged is not None:
        try:
            staged.replace(target)
        except OSError:
            staged.unlink(missing_ok=True)  # the damaged file, set aside, stays kept
            raise
    else:  # the agent chose to start anew: an empty database is no longer a loss
        created_marker(target).unlink(missing_ok=True)
    return Recovered(kept_aside=kept, restored=source)


def _staged_copy(source: Path, target: Path) -> Path:
    """A private, verified copy of the backup beside the database, ready to take its place."""
    try:
        # mode 0600 from the start: it holds the agent's messages
        fd, name = tempfile.mkstemp(prefix=f".{target.name}.restoring-", dir=target.parent)
    except OSError as error:
        raise _not_put_back(source, target, error) from error
    staged = Path(name)
    try:
        with os.fdopen(fd, "wb") as out, source.open("rb") as backup_file:
            shutil.copyfileobj(backup_file, out)
            out.flush()
            os.fsync(out.fileno())
    except OSError as error:
        staged.unlink(missing_ok=True)
        raise _not_put_back(source, target, error) from error
    if verify(staged) is None:  # copied short: not a database to use
        staged.unlink(missing_ok=True)
        raise _not_put_back(source, target)
    return staged


def _not_put_back(source: Path, target: Path, error: OSError | None = None) -> DatabaseError:
    free = free_bytes(target)
    if (error is not None and error.errno in _NO_ROOM) or (free is not None and free < LOW_SPACE):
        return disk_full(target)
    return DatabaseError(
        tr("the backup {backup} could not be put back whole; it is still there").format(
            backup=source
        )
    )
