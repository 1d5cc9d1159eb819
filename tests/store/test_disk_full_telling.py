"""A full disk is told once, and space once it is really back: a nearly full disk, where
a small write gets through between failing ones, is not told on and off."""

from __future__ import annotations

import contextlib
import itertools
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import event
from sqlalchemy.exc import OperationalError

from agent_desktop.commands.run import _told_disk_full
from agent_desktop.core.clock import FakeClock
from agent_desktop.store import disk_space, integrity
from agent_desktop.store.database import Database, DiskFullError, open_database
from agent_desktop.store.disk_space import STEADY_SECONDS
from agent_desktop.store.integrity import LOW_SPACE
from agent_desktop.store.settings import Settings

AGAIN = "there is space on the disk again: sending goes on"
_minutes = itertools.count()


class Disk:
    """The disk as the database meets it: its free space, and whether SQLite finds room
    for the next write (a small one may fit into pages it already has)."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.free = 100 * LOW_SPACE
        self.room = True
        monkeypatch.setattr(integrity, "free_bytes", lambda _path: self.free)
        monkeypatch.setattr(disk_space, "free_bytes", lambda _path: self.free)

    def fill(self) -> None:
        self.free, self.room = 0, False

    def free_some(self) -> None:
        self.free, self.room = 100 * LOW_SPACE, True

    def refuse(self, _conn: Any, _cursor: Any, statement: str, *_rest: Any) -> None:
        if not self.room and statement.lstrip().upper().startswith(("INSERT", "UPDATE")):
            raise OperationalError(statement, None, sqlite3.OperationalError("disk I/O error"))


@pytest.fixture
def disk(monkeypatch: pytest.MonkeyPatch) -> Disk:
    return Disk(monkeypatch)


@pytest.fixture
def told(home: Path, clock: FakeClock, disk: Disk) -> Iterator[Database]:
    """The database a sender writes to, telling what `agent-desktop run` tells."""
    db = open_database(home)
    db.clock = clock
    db.on_disk_full = lambda error: _told_disk_full(db.path, error)
    event.listen(db.engine, "before_cursor_execute", disk.refuse)
    yield db
    db.close()


def write(db: Database) -> bool:
    """A sender's write; whether it got through (a full disk is told, not raised here)."""
    with contextlib.suppress(DiskFullError):
        Settings(db).set("min_lead_minutes", next(_minutes) % 30 + 1)  # each one a change
        return True
    return False


def seen(capsys: pytest.CaptureFixture[str]) -> list[str]:
    """What the agent has read since last asked, in either stream."""
    said = capsys.readouterr()
    return said.err.splitlines() + said.out.splitlines()


def full(db: Database) -> str:
    return (
        f"disk full: {db.path} could not be written; sending waits until some space is "
        "freed, then goes on (nothing was lost)"
    )


def test_a_disk_that_fills_is_told_once_however_often_writes_fail(told, disk, clock, capsys):
    disk.fill()
    for _ in range(20):
        assert not write(told)
        clock.advance(1)
    assert seen(capsys) == [full(told)]


def test_a_small_write_that_fits_between_failures_is_not_space_again(told, disk, clock, capsys):
    disk.fill()
    assert not write(told)
    for _ in range(10):  # SQLite fits one write into a free page, the next finds none
        disk.room = True
        assert write(told)
        told.recheck_disk_space()  # the sender's loop looks meanwhile
        clock.advance(STEADY_SECONDS / 2)
        disk.room = False
        assert not write(told)
    assert seen(capsys) == [full(told)]


def test_space_freed_and_soon_taken_again_is_not_space_again(told, disk, clock, capsys):
    disk.fill()
    assert not write(told)
    for _ in range(10):  # a download goes on filling what the agent frees
        disk.free_some()
        assert write(told)
        clock.advance(STEADY_SECONDS - 1)
        disk.fill()
        assert not write(told)
    assert seen(capsys) == [full(told)]


def test_space_is_back_once_writes_got_through_for_a_while(told, disk, clock, capsys):
    disk.fill()
    assert not write(told)
    assert seen(capsys) == [full(told)]
    disk.free_some()  # the agent freed some space
    while clock.monotonic() < 1000 + STEADY_SECONDS - 1:
        assert write(told)
        clock.advance(1)
    assert seen(capsys) == []  # not yet: the disk may still be full
    clock.advance(1)
    for _ in range(5):
        assert write(told)
        clock.advance(1)
    assert seen(capsys) == [AGAIN]  # once
    disk.fill()
    assert not write(told)
    assert seen(capsys) == [full(told)]  # a new stretch of full disk, told anew


def test_a_sender_with_nothing_more_to_write_still_says_space_is_back(told, disk, clock, capsys):
    disk.fill()
    assert not write(told)
    clock.advance(STEADY_SECONDS * 2)
    told.recheck_disk_space()  # nothing has got through: still full, for all it knows
    assert not write(told)
    assert seen(capsys) == [full(told)]
    disk.free_some()
    clock.advance(1)
    assert write(told)  # its last write, say: then it has nothing to do
    clock.advance(STEADY_SECONDS - 1.5)
    told.recheck_disk_space()
    assert seen(capsys) == []
    clock.advance(0.5)
    told.recheck_disk_space()
    told.recheck_disk_space()
    assert seen(capsys) == [AGAIN]


def test_writes_that_get_through_on_a_disk_still_nearly_full_are_not_space_again(
    told, disk, clock, capsys
):
    disk.fill()
    assert not write(told)
    disk.free, disk.room = 64 * 1024, True  # room for small writes, not for long
    for _ in range(10):
        assert write(told)
        clock.advance(STEADY_SECONDS)
    assert seen(capsys) == [full(told)]
