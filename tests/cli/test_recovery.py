"""Storage that refuses to guess: a damaged, empty or vanished database is an error that
names the file and the newest sound backup (its age, how many messages it holds), never a
silent new database; a full disk is "disk full", not damage; backups are checked when
written and before they stand in; `doctor --recover` keeps the bad file aside."""

from __future__ import annotations

import errno
import json
import os
import shutil
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from agent_desktop.store.database import DB_FILENAME
from agent_desktop.store.database import backup as take_backup
from agent_desktop.store.integrity import verify
from agent_desktop.store.recovery import set_aside
from tests.cli.conftest import Result

GARBAGE = b"this is not a database" * 100


def schedule_some(cli, count: int = 3) -> list[int]:
    """Messages in this app's outbox: something worth a backup."""
    cli("config", "set", "backend", "local")
    return [
        json.loads(
            cli("schedule", "1", "--text", f"guardada {n}", "--at", f"+{n + 1}h", "--json").out
        )["id"]
        for n in range(count)
    ]


def backups(home: Path) -> list[Path]:
    return sorted(home.glob(f"{DB_FILENAME}.backup-*"))


def a_day_later(cli, home: Path) -> None:
    """As if a day had passed: the next command takes a new daily backup."""
    for old in backups(home):
        old.unlink()
    assert cli("scheduled").code == 0
    assert len(backups(home)) == 1


def test_the_first_backup_waits_for_something_to_keep(cli, home):
    assert cli("config", "set", "min_lead_minutes", "12").code == 0
    assert cli("config", "get", "min_lead_minutes").code == 0
    assert [p for p in backups(home) if "daily" in p.name] == []  # nothing scheduled yet
    schedule_some(cli, 1)
    assert cli("scheduled").code == 0  # the next command of the day takes it
    assert len([p for p in backups(home) if "daily" in p.name]) == 1


def test_recover_keeps_the_damaged_file_and_restores_the_backup(cli, home):
    ids = schedule_some(cli)
    a_day_later(cli, home)
    (home / DB_FILENAME).write_bytes(GARBAGE)
    for suffix in ("-wal", "-shm"):
        (home / (DB_FILENAME + suffix)).unlink(missing_ok=True)

    refused = cli("config", "get", "min_lead_minutes")
    assert refused.code == 1 and "doctor --recover" in refused.err
    assert (home / DB_FILENAME).read_bytes() == GARBAGE  # left as it was

    recovered = cli("doctor", "--recover")
    assert "restored the backup" in recovered.out and "3 scheduled messages" in recovered.out
    kept = list(home.glob(f"{DB_FILENAME}.damaged-*"))
    assert [path.read_bytes() for path in kept if path.name.endswith(tuple("0123456789Z"))] == [
        GARBAGE
    ]
    assert [r["id"] for r in json.loads(cli("scheduled", "--json").out)] == ids


def taken_ago(database: Path, ago: timedelta) -> Path:
    """A backup of the database as it is now, as if taken `ago` (its name says when)."""
    made = take_backup(database, "daily")
    stamp = (datetime.now(UTC) - ago).strftime("%Y%m%dT%H%M%S%fZ")
    return made.rename(made.with_name(f"{database.name}.backup-daily-{stamp}"))


def test_the_newest_backup_is_told_with_its_age_and_what_it_holds(cli, home):
    database = home / DB_FILENAME
    schedule_some(cli, 2)
    for old in backups(home):
        old.unlink()
    older = taken_ago(database, timedelta(days=10))  # two messages then
    cli("schedule", "1", "--text", "a terceira", "--at", "+4h")
    for other in set(backups(home)) - {older}:
        other.unlink()
    newer = taken_ago(database, timedelta(days=3, hours=2))
    assert [verify(path) for path in (older, newer)] == [2, 3]
    for suffix in ("", "-wal", "-shm"):
        path = home / (DB_FILENAME + suffix)
        if path.exists():
            path.write_bytes(b"")
    told = f"{newer.name} (taken 3 days ago, 3 scheduled messages)"
    listed = cli("scheduled")
    assert listed.code == 1, listed.err
    assert f"the newest good backup is {told}" in listed.err, listed.err
    assert f"the newest good backup is {told}" in cli("doctor").err
    assert f"restored the backup {told}" in cli("doctor", "--recover").out


def only_backup_days_ago(home: Path, messages: int) -> str:
    """The database's one backup, as if taken three days ago: how an error names it."""
    for old in backups(home):
        old.unlink()
    made = taken_ago(home / DB_FILENAME, timedelta(days=3, hours=2))
    assert verify(made) == messages
    plural = "s" if messages != 1 else ""
    return f"{made.name} (taken 3 days ago, {messages} scheduled message{plural})"


def without_its_side_files(database: Path) -> None:
    for suffix in ("-wal", "-shm"):
        database.with_name(database.name + suffix).unlink(missing_ok=True)


def refused_on_one_line(result: Result) -> str:
    """A refusal: exit 1, nothing listed, one line of error (never a traceback)."""
    assert (result.code, result.out) == (1, ""), result
    assert result.err.startswith("error: ") and result.err.count("\n") == 1, result.err
    assert "Traceback" not in result.err
    return result.err


@pytest.mark.parametrize("damage", ["garbage", "cut-in-half"])
def test_a_damaged_database_names_the_newest_backup_and_is_left_as_it_was(cli, home, damage):
    database = home / DB_FILENAME
    schedule_some(cli)
    told = only_backup_days_ago(home, 3)
    without_its_side_files(database)
    whole = database.read_bytes()
    bad = GARBAGE if damage == "garbage" else whole[: len(whole) // 2]
    database.write_bytes(bad)
    for command in [("scheduled",), ("doctor",), ("config", "get", "min_lead_minutes")]:
        said = refused_on_one_line(cli(*command))
        assert f"the database {database} " in said, said
        assert f"the newest good backup is {told}" in said, said
        assert database.read_bytes() == bad  # left as it was
    assert f"restored the backup {told}" in cli("doctor", "--recover").out
    assert len(json.loads(cli("scheduled", "--json").out)) == 3


def test_a_folder_where_the_database_should_be_is_told_with_the_newest_backup(cli, home):
    database = home / DB_FILENAME
    schedule_some(cli, 2)
    told = only_backup_days_ago(home, 2)
    database.unlink()
    without_its_side_files(database)
    database.mkdir()  # a sync tool's doing, or a hand's: nothing SQLite can read
    (database / "notes.txt").write_text("not a database")
    said = refused_on_one_line(cli("scheduled"))
    assert f"the database {database} cannot be read: {os.strerror(errno.EISDIR)}" in said
    assert f"the newest good backup is {told}" in said, said
    assert [p.name for p in database.iterdir()] == ["notes.txt"]  # left as it was


def _without_root_override(database: Path) -> list[str]:
    """How to run the app so that the file's permission bits stop it: as root, with the
    capabilities that let root read any file dropped."""
    if os.geteuid() != 0:
        return []
    setpriv = shutil.which("setpriv")
    if setpriv is None:
        pytest.skip("root reads any file, and setpriv (to drop that power) is not installed")
    dropped = "-dac_override,-dac_read_search"
    prefix = [setpriv, f"--bounding-set={dropped}", f"--inh-caps={dropped}"]
    probe = [sys.executable, "-c", f"import os, sys; sys.exit(os.access({str(database)!r}, 4))"]
    if subprocess.run([*prefix, *probe]).returncode != 0:
        pytest.skip("root's power to read any file cannot be dropped here")
    return prefix


def test_a_database_it_may_not_read_is_told_with_the_newest_backup_and_left_alone(cli, home):
    database = home / DB_FILENAME
    schedule_some(cli)
    told = only_backup_days_ago(home, 3)
    without_its_side_files(database)
    before = database.read_bytes()
    database.chmod(0)
    try:
        prefix = _without_root_override(database)
        for command in [("scheduled",), ("doctor", "--recover")]:
            done = subprocess.run(
                [*prefix, sys.executable, "-m", "agent_desktop", *command],
                capture_output=True,
                text=True,
                timeout=120,
            )
            said = refused_on_one_line(Result(done.returncode, done.stdout, done.stderr))
            assert f"the database {database} cannot be opened: permission denied" in said
            assert f"the newest good backup is {told}" in said, said
    finally:
        database.chmod(0o600)
    assert database.read_bytes() == before  # neither set aside nor replaced
    assert not list(home.glob(f"{DB_FILENAME}.damaged-*"))


def test_an_empty_database_file_is_an_error_not_a_new_database(cli, home):
    schedule_some(cli)
    a_day_later(cli, home)
    for suffix in ("", "-wal", "-shm"):
        path = home / (DB_FILENAME + suffix)
        if path.exists():
            path.write_bytes(b"")  # truncated to nothing (a crash, a sync tool)
    listed = cli("scheduled")
    assert listed.code == 1 and listed.out == ""  # never "No scheduled messages."
    assert f"{home / DB_FILENAME} is empty" in listed.err
    assert "the newest good backup is" in listed.err and "3 scheduled messages" in listed.err
    assert (home / DB_FILENAME).stat().st_size == 0  # nothing made in its place
    doctor = cli("doctor")
    assert doctor.code == 1 and "is empty" in doctor.err
    assert "3 scheduled messages" in cli("doctor", "--recover").out
    assert len(json.loads(cli("scheduled", "--json").out)) == 3


def test_a_vanished_database_is_an_error_too(cli, home):
    schedule_some(cli, 1)
    assert cli("scheduled").code == 0
    for suffix in ("", "-wal", "-shm"):
        (home / (DB_FILENAME + suffix)).unlink(missing_ok=True)
    refused = cli("schedule", "1", "--text", "para onde?", "--at", "+1h")
    assert refused.code == 1 and "is missing" in refused.err
    assert not (home / DB_FILENAME).exists()


def test_a_database_emptied_before_its_first_backup_is_an_error_all_the_same(cli, home):
    schedule_some(cli, 2)
    for backup in backups(home):  # none taken yet: as if it happened within the day
        backup.unlink()
    for suffix in ("", "-wal", "-shm"):
        path = home / (DB_FILENAME + suffix)
        if path.exists():
            path.write_bytes(b"")
    listed = cli("scheduled")
    assert listed.code == 1 and listed.out == ""  # never "No scheduled messages."
    assert "is empty" in listed.err and "no backup of it is sound" in listed.err
    assert "starts an empty database" in listed.err
    assert cli("doctor").code == 1
    assert (home / DB_FILENAME).stat().st_size == 0  # nothing made in its place
    # the agent, told there is nothing to restore, starts anew on purpose
    assert "starting with an empty database" in cli("doctor", "--recover").out
    assert json.loads(cli("scheduled", "--json").out) == []
    assert cli("scheduled").code == 0


def test_a_first_start_cut_short_is_not_taken_for_a_loss(cli, home):
    home.mkdir(mode=0o700, parents=True)
    (home / DB_FILENAME).write_bytes(b"")  # made, then the process was killed at once
    assert cli("config", "get", "min_lead_minutes").code == 0


def test_a_damaged_backup_never_stands_in(cli, home):
    schedule_some(cli, 2)
    a_day_later(cli, home)
    (good,) = backups(home)
    newer = home / f"{DB_FILENAME}.backup-daily-29991231T000000000000Z"  # the newest by name
    newer.write_bytes(b"\x00" * 4096)  # half written on a full disk: not a database
    (home / DB_FILENAME).write_bytes(GARBAGE)
    for suffix in ("-wal", "-shm"):
        (home / (DB_FILENAME + suffix)).unlink(missing_ok=True)
    recovered = cli("doctor", "--recover")
    assert good.name in recovered.out and newer.name not in recovered.out
    assert len(json.loads(cli("scheduled", "--json").out)) == 2


def test_recover_without_a_backup_starts_empty(cli, home):
    home.mkdir(mode=0o700, parents=True)
    (home / DB_FILENAME).write_bytes(GARBAGE)
    refused = cli("scheduled")
    assert refused.code == 1 and "no backup of it is sound" in refused.err, refused.err
    # what --recover would do, as it would do it: no backup to promise
    assert "starts an empty database" in refused.err
    assert "restores the newest backup" not in refused.err
    assert (home / DB_FILENAME).read_bytes() == GARBAGE
    recovered = cli("doctor", "--recover")
    assert "starting with an empty database" in recovered.out
    assert cli("config", "get", "min_lead_minutes").code == 0


def test_files_kept_aside_within_the_same_second_both_stay(home):
    """Two recoveries in a row: the first damaged file is not overwritten by the second."""
    home.mkdir(mode=0o700, parents=True)
    now = datetime.now(UTC)
    kept = []
    for content in (b"first", b"second"):
        (home / DB_FILENAME).write_bytes(content)
        kept.append(set_aside(home, now))
    assert [path.read_bytes() for path in kept if path is not None] == [b"first", b"second"]


def test_recover_leaves_a_healthy_database_alone(cli, home):
    assert cli("config", "set", "min_lead_minutes", "12").code == 0
    assert "nothing to recover" in cli("doctor", "--recover").out
    assert not list(home.glob(f"{DB_FILENAME}.damaged-*"))


@pytest.mark.parametrize("how", ["deleted", "replaced"])
def test_a_run_whose_database_is_deleted_stops_with_a_clear_error(cli, home, demo_server, how):
    """Deleted, or replaced by another file (a sync tool, a restore by hand): the run
    would go on sending from a file nobody else sees."""
    schedule_some(cli, 1)
    env = {
        **os.environ,
        "AGENT_DESKTOP_HOME": str(home),
        "AGENT_DESKTOP_TOKEN": demo_server.token,
    }
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "agent_desktop",
            "--server",
            demo_server.url,
            "--account",
            str(demo_server.accounts.upstream),
            "run",
        ],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert process.stdout is not None
        started = process.stdout.readline()  # it says so once it is sending
        assert "1 message waiting" in started
        if how == "deleted":
            for suffix in ("", "-wal", "-shm"):
                (home / (DB_FILENAME + suffix)).unlink(missing_ok=True)
        else:
            other = home / "another.db"
            shutil.copyfile(home / DB_FILENAME, other)
            other.replace(home / DB_FILENAME)
        _out, err = process.communicate(timeout=30)
    finally:
        if process.poll() is None:
            process.kill()
    assert process.returncode == 1
    said = "was deleted" if how == "deleted" else "was replaced by another file"
    assert f"the database {home / DB_FILENAME} {said}" in err
    assert "stopped sending" in err and "Traceback" not in err
