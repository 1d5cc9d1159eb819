from __future__ import annotations

import os
import sqlite3
import stat

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import inspect

from agent_desktop.core.clock import FakeClock
from agent_desktop.store.database import (
    BACKUPS_KEPT,
    DB_FILENAME,
    DatabaseCorruptError,
    DatabaseTooNewError,
    alembic_config,
    backup,
    current_revision,
    head_revision,
    list_backups,
    open_database,
    schema_change,
)
from agent_desktop.store.models import Base
from agent_desktop.store.profiles import Profiles

posix_only = pytest.mark.skipif(os.name != "posix", reason="POSIX permissions")


def mode(path):
    return stat.S_IMODE(path.stat().st_mode)


@posix_only
def test_the_data_directory_and_database_are_private(home, db, clock):
    Profiles(db, clock).remember(base_url="https://chat.example.com", account_id=1, user_id=1)
    assert mode(home) == 0o700
    assert mode(home / DB_FILENAME) == 0o600
    for companion in ("-wal", "-shm"):
        path = home / (DB_FILENAME + companion)
        assert path.exists()
        assert mode(path) == 0o600


def test_the_database_runs_in_wal_mode_at_the_newest_schema(db):
    with db.engine.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
    assert current_revision(db.engine) == head_revision()


def test_no_column_can_hold_a_token(db):
    inspector = inspect(db.engine)
    columns = [
        column["name"]
        for table in inspector.get_table_names()
        for column in inspector.get_columns(table)
    ]
    assert not [name for name in columns if "token" in name or "secret" in name]


def _revisions():
    script = ScriptDirectory.from_config(alembic_config())
    return [r.revision for r in reversed(list(script.walk_revisions()))]


@pytest.mark.parametrize("revision", _revisions())
def test_every_migration_downgrades_and_upgrades_again(db, revision):
    script = ScriptDirectory.from_config(alembic_config())
    found = script.get_revision(revision)
    assert found is not None and not isinstance(found.down_revision, (list, tuple))
    down_to = found.down_revision or "base"
    with schema_change(db) as connection:
        command.downgrade(alembic_config(connection), down_to)
    assert current_revision(db.engine) == (None if down_to == "base" else down_to)
    with schema_change(db) as connection:
        command.upgrade(alembic_config(connection), "head")
    assert current_revision(db.engine) == head_revision()


def test_an_empty_downgrade_leaves_no_table_behind(db):
    with schema_change(db) as connection:
        command.downgrade(alembic_config(connection), "base")
    assert set(inspect(db.engine).get_table_names()) <= {"alembic_version"}


def test_the_models_and_the_migrations_describe_the_same_schema(db):
    with db.engine.connect() as connection:
        assert compare_metadata(MigrationContext.configure(connection), Base.metadata) == []


@pytest.mark.parametrize("older", _revisions()[:-1])
def test_upgrading_an_older_database_backs_it_up_first_and_keeps_its_data(home, older):
    database = open_database(home, migrate_schema=False)
    with database.engine.begin() as connection:
        command.upgrade(alembic_config(connection), older)
        connection.exec_driver_sql(
            "INSERT INTO server_profiles (base_url, account_id, user_id, user_name, user_email,"
            " account_name, created_at, last_used_at) VALUES ('https://a.example', 4, 9, 'Ana',"
            " '', '', '2026-01-01 00:00:00', '2026-01-01 00:00:00')"
        )
    database.close()
    database = open_database(home)
    try:
        backups = list_backups(home / DB_FILENAME)
        assert len(backups) == 1 and f"backup-{older}-" in backups[0].name
        copy = sqlite3.connect(backups[0])
        assert copy.execute("SELECT version_num FROM alembic_version").fetchone() == (older,)
        assert copy.execute("SELECT user_name FROM server_profiles").fetchall() == [("Ana",)]
        copy.close()
        assert current_revision(database.engine) == head_revision()
        profile = Profiles(database, FakeClock()).find("https://a.example")
        assert profile is not None and profile.user_name == "Ana"
    finally:
        database.close()


def test_opening_a_current_database_takes_no_backup(home, db):
    db.close()
    open_database(home).close()
    assert list_backups(home / DB_FILENAME) == []


def test_a_database_from_a_newer_version_is_refused_and_left_untouched(home, db):
    with db.engine.begin() as connection:
        connection.exec_driver_sql("UPDATE alembic_version SET version_num = 'f00d'")
    db.close()
    before = (home / DB_FILENAME).read_bytes()
    with pytest.raises(DatabaseTooNewError, match="newer version of Agent Desktop"):
        open_database(home)
    assert (home / DB_FILENAME).read_bytes() == before
    assert list_backups(home / DB_FILENAME) == []


def test_a_corrupt_database_is_reported_not_replaced(home):
    home.mkdir(mode=0o700)
    (home / DB_FILENAME).write_bytes(b"this is not a database" * 100)
    with pytest.raises(DatabaseCorruptError, match="cannot be read"):
        open_database(home)
    assert (home / DB_FILENAME).read_bytes() == b"this is not a database" * 100


@posix_only
def test_backups_are_private_consistent_and_pruned(home, db, clock):
    Profiles(db, clock).remember(base_url="https://a.example", account_id=7, user_id=3)
    made = [backup(db.path, "0001") for _ in range(BACKUPS_KEPT + 2)]
    kept = list_backups(db.path)
    assert len(kept) == BACKUPS_KEPT
    assert kept[0] == made[-1]
    assert mode(kept[0]) == 0o600
    copy = sqlite3.connect(kept[0])
    assert copy.execute("SELECT account_id FROM server_profiles").fetchall() == [(7,)]
    copy.close()


def test_the_schema_head_constant_is_the_newest_migration():
    from agent_desktop.store.database import SCHEMA_HEAD

    assert head_revision() == SCHEMA_HEAD


def test_a_file_merely_named_like_a_backup_is_left_out(home, db):
    made = backup(db.path, "0001")
    (home / f"{DB_FILENAME}.backup-notes").write_text("not a backup", encoding="utf-8")
    assert list_backups(db.path) == [made]
