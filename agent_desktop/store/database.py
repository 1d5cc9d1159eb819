"""Opening the database: a private SQLite file in WAL mode, migrated on start-up.

Write transactions begin IMMEDIATE so that two processes (the GUI and a headless
`run`) serialise their writes instead of failing half-way through one.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import Connection
from sqlalchemy.orm import Session

from agent_desktop.core.home import ensure_private_dir
from agent_desktop.core.i18n import tr
from agent_desktop.store.peek import DB_FILENAME as DB_FILENAME
from agent_desktop.store.peek import SCHEMA_HEAD as SCHEMA_HEAD

if TYPE_CHECKING:
    from alembic.config import Config

BACKUPS_KEPT = 5
_BACKUP_STAMP = "%Y%m%dT%H%M%S%fZ"  # in the backup's file name, after its label
_MIGRATIONS = Path(__file__).resolve().parent / "migrations"
_IMMEDIATE = "agent_desktop_immediate"


class DatabaseError(Exception):
    """The database cannot be used; the message says why and what to do."""


class DatabaseTooNewError(DatabaseError):
    pass


class DatabaseCorruptError(DatabaseError):
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

    @contextmanager
    def read(self) -> Iterator[Session]:
        """A session for reading; nothing it changes is committed."""
        with Session(self.engine, expire_on_commit=False) as session:
            yield session

    @contextmanager
    def write(self) -> Iterator[Session]:
        """A session in one IMMEDIATE transaction, committed when the block ends cleanly."""
        with self.engine.connect() as connection:
            connection.execution_options(**{_IMMEDIATE: True})
            with Session(bind=connection, expire_on_commit=False) as session, session.begin():
                yield session

    def close(self) -> None:
        self.engine.dispose()


def current_revision(engine: Engine) -> str | None:
    from alembic.runtime.migration import MigrationContext

    with engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


def backup(path: Path, label: str) -> Path:
    """A consistent copy of the database beside it (SQLite's online backup, WAL included)."""
    stamp = datetime.now(UTC).strftime(_BACKUP_STAMP)
    target = path.with_name(f"{path.name}.backup-{label}-{stamp}")
    _create_private_file(target)
    source = sqlite3.connect(path)
    try:
        destination = sqlite3.connect(target)
        try:
            source.backup(destination)
        finally:
            destination.close()
    finally:
        source.close()
    _prune_backups(path)
    return target


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
    except sqlite3.DatabaseError as exc:
        raise DatabaseCorruptError(
            tr("the database {path} cannot be read: {reason}").format(path=path, reason=exc)
        ) from exc
    if result is None or result[0] != "ok":
        raise DatabaseCorruptError(
            tr("the database {path} is damaged: {result}").format(path=path, result=result)
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
    existed = path.exists() and path.stat().st_size > 0
    if existed:
        _check_readable(path)
    else:
        _create_private_file(path)
    engine = create_engine(f"sqlite:///{path}", connect_args={"timeout": 30})
    _install_sqlite_hooks(engine)
    db = Database(path=path, engine=engine)
    if migrate_schema:
        try:
            migrate(db)
        except BaseException:
            db.close()
            raise
    return db
