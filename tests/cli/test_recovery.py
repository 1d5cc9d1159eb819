"""A damaged database: commands refuse and say how to recover; `doctor --recover` keeps
the damaged file aside and restores the newest backup, which the app takes every day."""

from __future__ import annotations

from agent_desktop.store.database import DB_FILENAME

GARBAGE = b"this is not a database" * 100


def test_recover_keeps_the_damaged_file_and_restores_the_backup(cli, home):
    assert cli("config", "set", "min_lead_minutes", "12").code == 0
    for old in home.glob(f"{DB_FILENAME}.backup-*"):
        old.unlink()  # as if a day had passed: the next command takes a new daily backup
    assert cli("config", "get", "min_lead_minutes").code == 0
    assert len(list(home.glob(f"{DB_FILENAME}.backup-daily-*"))) == 1
    (home / DB_FILENAME).write_bytes(GARBAGE)
    for suffix in ("-wal", "-shm"):
        (home / (DB_FILENAME + suffix)).unlink(missing_ok=True)

    refused = cli("config", "get", "min_lead_minutes")
    assert refused.code == 1 and "doctor --recover" in refused.err
    assert (home / DB_FILENAME).read_bytes() == GARBAGE  # left as it was

    recovered = cli("doctor", "--recover")
    assert "restored the backup" in recovered.out
    kept = list(home.glob(f"{DB_FILENAME}.damaged-*"))
    assert [path.read_bytes() for path in kept if path.name.endswith(tuple("0123456789Z"))] == [
        GARBAGE
    ]
    assert cli("config", "get", "min_lead_minutes").out.strip() == "12"


def test_recover_without_a_backup_starts_empty(cli, home):
    home.mkdir(mode=0o700, parents=True)
    (home / DB_FILENAME).write_bytes(GARBAGE)
    recovered = cli("doctor", "--recover")
    assert "starting with an empty database" in recovered.out
    assert cli("config", "get", "min_lead_minutes").code == 0


def test_recover_leaves_a_healthy_database_alone(cli, home):
    assert cli("config", "set", "min_lead_minutes", "12").code == 0
    assert "nothing to recover" in cli("doctor", "--recover").out
    assert not list(home.glob(f"{DB_FILENAME}.damaged-*"))
