"""Opening the database: a private SQLite file in WAL mode, migrated on start-up.

Write transactions begin IMMEDIATE so that two processes (the GUI and a headless
`run`) serialise their writes instead of failing half-way through one.
"""

from __future__ import annotations

import os
import sqlite3
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import Connection
from sqlalchemy.orm import Session

from agent_desktop.core.clock import Clock, SystemClock
from agent_desktop.core.home import ensure_private_dir
from agent_desktop.core.i18n import tr
from agent_desktop.store.disk_space import DiskSpace
from agent_desktop.store.integrity import (
    LOW_SPACE,
    BackupInfo,
    DatabaseCorruptError,
    DatabaseError,
    DatabaseMissingError,
    DiskFullError,
    disk_full,
    explain,
    free_bytes,
    verify,
)
from agent_desktop.store.peek import DB_FILENAME as DB_FILENAME
from agent_desktop.store.peek import SCHEMA_HEAD as SCHEMA_HEAD

__all__ = [
    "DB_FILENAME",
    "SCHEMA_HEAD",
    "BackupInfo",
    "Database",
    "DatabaseCorruptError",
    "DatabaseError",
    "DatabaseMissingError",
    "DatabaseTooNewError",
    "DiskFullError",
    "open_database",
]

if TYPE_CHECKING:
    from alembic.config import Config

BACKUPS_KEPT = 5
_BACKUP_STAMP = "%Y%m%dT%H%M%S%fZ"  # in the backup's file name, after its label
_MIGRATIONS = Path(__file__).resolve().parent / "migrations"
_IMMEDIATE = "agent_desktop_immediate"


class DatabaseTooNewError(DatabaseError):
    pass


def alembic_config(connection: Connection | None = None) -> Config:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(_MIGRATIONS))
    if connection is not None:
        config.attributes["connection"] = connection
    return config


def head_revision() -> str:
    from alembic.script import ScriptDirectory

    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert head is not None
    return head


def _create_private_file(path: Path) -> None:
    fd = os.open(path, os.O_CREAT | os.O_WRONLY, 0o600)
    os.close(fd)
    if os.name == "posix":
        path.chmod(0o600)


def _install_sqlite_hooks(engine: Engine) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: sqlite3.Connection, _record: Any) -> None:
        # let SQLAlchemy, not the driver, decide when transactions begin
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=FULL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA busy_timeout=30000")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Connection) -> None:
        immediate = connection.get_execution_options().get(_IMMEDIATE, False)
        connection.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")


@dataclass
class Database:
    path: Path
    engine: Engine
    # This process's writers queue here, woken the moment the last one commits: on
    # SQLite's own busy wait they would sleep in steps of up to 100 ms, and a burst's
    # sends would go out that late. Other processes still meet SQLite's wait.
    _writing: threading.RLock = field(default_factory=threading.RLock, repr=False)
    # told once when the disk fills (the error) and once when space is back (None, see
    # DiskSpace): a sender that runs for days says so, not on every try nor only in its log
    on_disk_full: Callable[[DiskFullError | None], None] | None = field(default=None, repr=False)
    clock: Clock = field(default_factory=SystemClock, repr=False)  # times a full disk's stretch

    def __post_init__(self) -> None:
        self._identity = self._stat_identity()
        self._space = DiskSpace(self.path, self._tell)

    def _stat_identity(self) -> tuple[int, int] | None:
        try:
            info = self.path.stat()
        except OSError:
            return None
        return info.st_dev, info.st_ino

    def moved(self) -> str | None:
        """Whether the file this database was opened on is still the one at its path:
        a process holding a deleted or replaced file would write where nobody looks."""
        now = self._stat_identity()
        if now is None:
            return tr("the database {path} was deleted").format(path=self.path)
        if self._identity is not None and now != self._identity:
            return tr("the database {path} was replaced by another file").format(path=self.path)
        return None

    @contextmanager
    def read(self) -> Iterator[Session]:
        """A session for reading; nothing it changes is committed."""
        with self._told(), Session(self.engine, expire_on_commit=False) as session:
            yield session

    @contextmanager
    def write(self) -> Iterator[Session]:
        """A session in one IMMEDIATE transaction, committed when the block ends cleanly."""
        with self._told(), self._writing, self.engine.connect() as connection:
            connection.execution_options(**{_IMMEDIATE: True})
            with Session(bind=connection, expire_on_commit=False) as session, session.begin():
                yield session
        self._space.got_through(self.clock.monotonic())

    def recheck_disk_space(self) -> None:
        """Say space is back once no write has failed for a while since the last one got
        through: a sender that has nothing more to write would otherwise never say it."""
        self._space.recheck(self.clock.monotonic())

    @contextmanager
    def _told(self) -> Iterator[None]:
        """A full disk is said as such (SQLite calls it an I/O error), not as a traceback;
        other failures stay what they are for their callers."""
        from sqlalchemy.exc import OperationalError

        try:
            yield
        except OperationalError as error:
            said = explain(self.path, error.orig or error)
            if isinstance(said, DiskFullError):
                self._space.failed(self.clock.monotonic(), said)
                raise said from error
            raise

    def _tell(self, error: DiskFullError | None) -> None:
        if self.on_disk_full is not None:
            self.on_disk_full(error)

    def close(self) -> None:
        self.engine.dispose()


def current_revision(engine: Engine) -> str | None:
    from alembic.runtime.migration import MigrationContext

    with engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


def backup(path: Path, label: str) -> Path:
    """A consistent copy of the database beside it (SQLite's online backup, WAL included),
    checked before it counts: one written on a full disk is removed, never kept."""
    stamp = datetime.now(UTC).strftime(_BACKUP_STAMP)
    target = path.with_name(f"{path.name}.backup-{label}-{stamp}")
    try:
        _create_private_file(target)
        source = sqlite3.connect(path)
        try:
            destination = sqlite3.connect(target)
            try:
                source.backup(destination)
                # a standalone file: reading it later makes no -wal or -shm beside it
                destination.execute("PRAGMA journal_mode=DELETE")
            finally:
                destination.close()
        finally:
            source.close()
    except (sqlite3.Error, OSError) as error:
        target.unlink(missing_ok=True)
        raise explain(target, error) from error
    if verify(target) is None:
        target.unlink(missing_ok=True)
        free = free_bytes(path)
        if free is not None and free < LOW_SPACE:
            raise disk_full(target)
        raise DatabaseError(tr("the backup {path} came out unreadable").format(path=target))
    _prune_backups(path)
    return target


def good_backups(path: Path) -> list[BackupInfo]:
    """Backups that are sound databases of this app, newest first, with what they hold."""
    found = []
    for candidate in list_backups(path):
        messages = verify(candidate)
        if messages is not None:
            found.append(BackupInfo(candidate, backup_taken_at(candidate), messages))
    return found


def _newest_backup(path: Path) -> tuple[str, bool]:
    """What could stand in for the database: its newest sound backup, with its age and
    what it holds, or plainly that there is none; and whether there is one."""
    backups = good_backups(path)
    if not backups:
        return tr("no backup of it is sound"), False
    newest = tr("the newest good backup is {backup}").format(
        backup=backups[0].describe(datetime.now(UTC))
    )
    return newest, True


def _gone(path: Path, what: str) -> DatabaseMissingError:
    """The database file is gone (or empty) but was there: say so, and what could stand in."""
    newest, sound = _newest_backup(path)
    gone = DatabaseMissingError(
        tr(
            "the database {path} {what}, though it held data before; {newest}. Nothing was "
            "created in its place"
        ).format(path=path, what=what, newest=newest)
    )
    gone.sound_backup = sound
    return gone


def _unusable(path: Path, error: DatabaseError) -> DatabaseError:
    """A database file that is there but cannot be used (damaged, cut short, unreadable):
    the same error, naming what could stand in. A full disk has damaged nothing."""
    if isinstance(error, DiskFullError):
        return error
    newest, sound = _newest_backup(path)
    unusable = type(error)(f"{error}; {newest}")
    if isinstance(unusable, DatabaseCorruptError):
        unusable.sound_backup = sound
    return unusable


def backup_taken_at(backup_path: Path) -> datetime:
    """When a backup listed by list_backups was taken (its name says)."""
    stamp = backup_path.name.rsplit("-", 1)[-1]
    return datetime.strptime(stamp, _BACKUP_STAMP).replace(tzinfo=UTC)


def list_backups(path: Path) -> list[Path]:
    """Backups of the database, newest first; a file merely named like one is left out."""
    found = []
    for candidate in path.parent.glob(f"{path.name}.backup-*"):
        try:
            found.append((backup_taken_at(candidate), candidate))
        except ValueError:
            continue
    return [candidate for _, candidate in sorted(found, reverse=True)]


def _prune_backups(path: Path) -> None:
    for old in list_backups(path)[BACKUPS_KEPT:]:
        old.unlink(missing_ok=True)


def _check_readable(path: Path) -> None:
    try:
        connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            result = connection.execute("PRAGMA quick_check").fetchone()
        finally:
            connection.close()
    except sqlite3.Error as exc:
        raise explain(path, exc) from exc
    if result is None or result[0] != "ok":
        # SQLite's finding spans lines: the message stays on one
        found = " ".join(str(result[0] if result else result).split())
        raise DatabaseCorruptError(
            tr("the database {path} is damaged: {result}").format(path=path, result=found)
        )


def _stored_revision(path: Path) -> str | None:
    connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        row = connection.execute("SELECT version_num FROM alembic_version").fetchone()
    except sqlite3.OperationalError:
        return None  # a new, empty database
    finally:
        connection.close()
    return str(row[0]) if row else None


@contextmanager
def schema_change(db: Database) -> Iterator[Connection]:
    """A transaction for migrations. SQLite rebuilds a table to drop a column; with rows
    pointing at it, foreign keys must be off meanwhile (SQLite's documented procedure),
    and are checked before the commit instead."""
    with db.engine.connect() as connection:
        raw = connection.connection.driver_connection
        assert raw is not None
        raw.execute("PRAGMA foreign_keys=OFF")  # only takes effect outside a transaction
        try:
            with connection.begin():
                yield connection
                broken = connection.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
                if broken:
                    raise DatabaseError(f"a migration left rows pointing nowhere: {broken[:5]}")
        finally:
            raw.execute("PRAGMA foreign_keys=ON")


def migrate(db: Database) -> str | None:
    """Bring the schema to the newest revision, backing the file up first.

    Returns the backup's path name when one was taken. Refuses a database written by a
    newer version of the app rather than touching it.
    """
    if _stored_revision(db.path) == SCHEMA_HEAD:
        return None
    from alembic import command
    from alembic.script import ScriptDirectory

    script = ScriptDirectory.from_config(alembic_config())
    head = script.get_current_head()
    current = current_revision(db.engine)
    if current == head:
        return None
    if current is not None:
        known = {revision.revision for revision in script.walk_revisions()}
        if current not in known:
            raise DatabaseTooNewError(
                tr(
                    "the database {path} was written by a newer version of Agent Desktop (schema "
                    "{current}); install that version or newer to open it"
                ).format(path=db.path, current=current)
            )
    backup_path = backup(db.path, current) if current is not None else None
    with schema_change(db) as connection:
        command.upgrade(alembic_config(connection), "head")
    return backup_path.name if backup_path else None


def open_database(home: Path, *, migrate_schema: bool = True) -> Database:
    """Open (creating if needed) the app's database in `home`, migrated to the newest schema."""
    ensure_private_dir(home)
    path = home / DB_FILENAME
    # a folder where the file should be is no first start (its size may read 0)
    existed = path.is_dir() or (path.exists() and path.stat().st_size > 0)
    if existed:
        try:
            _check_readable(path)
        except DatabaseError as error:
            raise _unusable(path, error) from error
    elif list_backups(path) or created_marker(path).exists():
        # there was a database here (before its first backup too): an empty new one
        # would hide that
        raise _gone(path, tr("is empty") if path.exists() else tr("is missing"))
    else:
        try:
            _create_private_file(path)
        except OSError as error:
            raise explain(path, error) from error
    engine = create_engine(f"sqlite:///{path}", connect_args={"timeout": 30})
    _install_sqlite_hooks(engine)
    db = Database(path=path, engine=engine)
    if migrate_schema:
        from sqlalchemy.exc import OperationalError

        try:
            migrate(db)
        except (OperationalError, sqlite3.OperationalError) as error:
            db.close()
            raise _unusable(path, explain(path, getattr(error, "orig", None) or error)) from error
        except BaseException:
            db.close()
            raise
        _mark_created(path)
    return db


def created_marker(path: Path) -> Path:
    """Written beside the database once it is made whole: from then on an empty or
    vanished file is a loss to report, not a first start."""
    return path.with_name(path.name + ".created")


def _mark_created(path: Path) -> None:
    marker = created_marker(path)
    if marker.exists():
        return
    try:
        _create_private_file(marker)
        marker.write_text(
            "Agent Desktop made its database here. If the database goes missing or empty,\n"
            "'agent-desktop doctor --recover' puts back the newest sound backup.\n",
            encoding="utf-8",
        )
    except OSError:  # a full disk: the next open writes it
        marker.unlink(missing_ok=True)
