"""Storage that refuses to guess: what is wrong with the database file, said plainly (a
full disk is not damage, an empty or vanished file is not a new one), and which backup
could stand in, with its age and how many scheduled messages it holds."""

from __future__ import annotations

import contextlib
import errno
import os
import shutil
import sqlite3
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from agent_desktop.core.i18n import tr
from agent_desktop.core.relative import relative

# below this much free space an I/O failure of SQLite is the disk being full
LOW_SPACE = 4 * 1024 * 1024
_FULL_HINTS = ("disk is full", "disk i/o error", "unable to open database file", "no space")


class DatabaseError(Exception):
    """The database cannot be used; the message says why and what to do."""


class DatabaseCorruptError(DatabaseError):
    """The file is there but is not a usable database: a backup may stand in."""

    sound_backup = True  # whether one can: else a recovery starts an empty database


class DatabaseMissingError(DatabaseCorruptError):
    """The file is gone or empty while backups show there was one: never a new one."""


class DiskFullError(DatabaseError):
    """Nothing could be written: the disk is full. Nothing is damaged."""


@dataclass(frozen=True)
class BackupInfo:
    path: Path
    taken_at: datetime
    messages: int

    def describe(self, now: datetime) -> str:
        return tr("{name} (taken {when}, %n scheduled message(s))", None, self.messages).format(
            name=self.path.name, when=relative(self.taken_at, now)
        )


def free_bytes(path: Path) -> int | None:
    """Free space on the file system holding `path` (its folder, if it is gone)."""
    for candidate in (path, path.parent):
        with contextlib.suppress(OSError):
            return shutil.disk_usage(candidate).free
    return None


def disk_full(path: Path) -> DiskFullError:
    free = free_bytes(path)
    left = "" if free is None else tr(" ({kilobytes} KB left)").format(kilobytes=free // 1024)
    return DiskFullError(
        tr(
            "disk full: {path} could not be written{left}; free some space and try again "
            "(nothing was lost)"
        ).format(path=path, left=left)
    )


def explain(path: Path, error: BaseException) -> DatabaseError:
    """What a failure of SQLite on `path` means for the agent."""
    if path.is_dir():  # SQLite says "disk I/O error", which would send the agent astray
        return DatabaseCorruptError(
            tr("the database {path} cannot be read: {reason}").format(
                path=path, reason=os.strerror(errno.EISDIR)
            )
        )
    text = str(error).lower()
    free = free_bytes(path)
    if any(hint in text for hint in _FULL_HINTS) and free is not None and free < LOW_SPACE:
        return disk_full(path)
    if path.exists() and not os.access(path, os.R_OK | os.W_OK):
        return DatabaseError(
            tr("the database {path} cannot be opened: permission denied").format(path=path)
        )
    return DatabaseCorruptError(
        tr("the database {path} cannot be read: {reason}").format(path=path, reason=error)
    )


def verify(path: Path) -> int | None:
    """How many scheduled messages a database file holds, if it is a sound database of
    this app; None when it is not (damaged, empty, half written on a full disk)."""
    try:
        # immutable: a file only read, so no lock or shared-memory file is made beside it
        connection = sqlite3.connect(f"file:{path}?mode=ro&immutable=1", uri=True)
        try:
            if connection.execute("PRAGMA quick_check").fetchone() != ("ok",):
                return None
            if connection.execute("SELECT version_num FROM alembic_version").fetchone() is None:
                return None
            (count,) = connection.execute("SELECT count(*) FROM outbox").fetchone()
            return int(count)
        finally:
            connection.close()
    except (sqlite3.Error, OSError, TypeError):
        return None
