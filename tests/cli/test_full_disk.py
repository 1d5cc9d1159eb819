"""A full disk is "disk full", said plainly; nothing is damaged, lost or sent twice."""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest

from agent_desktop.chatwoot.client import ChatwootClient
from agent_desktop.commands.exits import EXIT_FAILURE
from agent_desktop.core.clock import SystemClock
from agent_desktop.store.database import DB_FILENAME, backup, list_backups, open_database
from agent_desktop.store.disk_space import STEADY_SECONDS
from agent_desktop.store.integrity import DiskFullError, verify
from agent_desktop.store.outbox import Outbox
from agent_desktop.store.profiles import Profiles
from agent_desktop.store.states import OutboxState
from tests.cli.test_recovery import GARBAGE, schedule_some

AGAIN = "there is space on the disk again: sending goes on"


@contextlib.contextmanager
def file_system(where: Path, size: str) -> Iterator[Path]:
    """A file system of its own, that small (root only: a tmpfs)."""
    if os.geteuid() != 0 or shutil.which("mount") is None:
        pytest.skip("a small file system needs root, to mount a tmpfs")
    where.mkdir()
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(where)], capture_output=True
    )
    if mounted.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {mounted.stderr.decode().strip()}")
    try:
        yield where
    finally:
        subprocess.run(["umount", "-l", str(where)], capture_output=True)


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    with file_system(tmp_path / "small-disk", "1m") as where:
        yield where


@pytest.fixture
def roomier_disk(tmp_path: Path) -> Iterator[Path]:
    """Room enough, once freed, for the app to call it space again (a few MB)."""
    with file_system(tmp_path / "roomier-disk", "8m") as where:
        yield where


def fill(folder: Path) -> None:
    """Fill what is left of the file system, as a download or a backup tool would."""
    block = b"\0" * 16384
    # unbuffered: a buffered file would try the last block again on closing, and fail
    with (folder / "filler").open("wb", buffering=0) as filler:
        try:
            while True:
                filler.write(block)
                filler.flush()
        except OSError:
            pass


@pytest.mark.parametrize("held_open", [False, True], ids=["alone", "beside-the-window"])
def test_each_command_on_a_full_disk_says_disk_full_and_loses_nothing(
    cli, small_disk, monkeypatch, held_open
):
    """Alone, a command cannot even open the database on a full disk; beside the window
    (or a `run`), which holds it open, it reads and fails at its first write."""
    home = small_disk / "home"
    monkeypatch.setenv("AGENT_DESKTOP_HOME", str(home))
    first, second, third = schedule_some(cli, 3)
    assert cli("config", "set", "min_lead_minutes", "12").code == 0
    before = json.loads(cli("scheduled", "--json").out)
    window = open_database(home) if held_open else None
    if window is not None:
        Outbox(window, SystemClock()).find()  # its reading keeps the database's -wal and -shm
    fill(small_disk)
    said = (
        f"error: disk full: {home / DB_FILENAME} could not be written (0 KB left); "
        "free some space and try again (nothing was lost)"
    )
    writing = [
        ("schedule", "1", "--text", "sem espaço", "--at", "+3h"),
        ("edit", str(first), "--text", "mudada sem espaço"),
        ("cancel", str(second)),
        ("send-now", str(third)),
        ("config", "set", "min_lead_minutes", "7"),
    ]
    for command in writing:
        result = cli(*command)
        assert (result.code, result.out, result.err) == (EXIT_FAILURE, "", said + "\n"), command
    for command in [("scheduled",), ("doctor",)]:  # reading may work; if not, it says why
        result = cli(*command)
        assert result.code == 0 or (result.code, result.err) == (EXIT_FAILURE, said + "\n")

    (small_disk / "filler").unlink()
    if window is not None:
        window.close()
    assert verify(home / DB_FILENAME) == 3  # a sound database, every message in it
    assert json.loads(cli("scheduled", "--json").out) == before  # each as it was
    assert cli("config", "get", "min_lead_minutes").out.strip() == "12"
    doctor = cli("doctor")
    assert doctor.code == 0 and "recover" not in doctor.out + doctor.err
    assert "pending 3, overdue 0, failed 0" in doctor.out


def test_a_backup_written_on_a_full_disk_is_never_kept(cli, small_disk, monkeypatch):
    """Half a backup is not a backup: checked as it is written, and removed."""
    home = small_disk / "home"
    monkeypatch.setenv("AGENT_DESKTOP_HOME", str(home))
    schedule_some(cli, 2)
    before = list_backups(home / DB_FILENAME)
    fill(small_disk)
    with pytest.raises(DiskFullError):
        backup(home / DB_FILENAME, "daily")
    assert list_backups(home / DB_FILENAME) == before  # nothing half-written left behind
    (small_disk / "filler").unlink()
    assert len(json.loads(cli("scheduled", "--json").out)) == 2


def test_recover_on_a_full_disk_says_disk_full_and_leaves_a_sound_database_be(
    cli, small_disk, monkeypatch
):
    """A full disk is not damage: the sound database is neither set aside nor swapped
    for a backup that holds less."""
    home = small_disk / "home"
    monkeypatch.setenv("AGENT_DESKTOP_HOME", str(home))
    schedule_some(cli, 2)
    backup(home / DB_FILENAME, "daily")  # two messages: putting it back would lose one
    assert cli("schedule", "1", "--text", "a terceira", "--at", "+4h").code == 0
    before = json.loads(cli("scheduled", "--json").out)
    fill(small_disk)
    result = cli("doctor", "--recover")
    assert result.code == EXIT_FAILURE and result.err.startswith("error: disk full: "), result
    assert "restored" not in result.out and "kept as" not in result.out
    assert not list(home.glob(f"{DB_FILENAME}.damaged-*"))
    (small_disk / "filler").unlink()
    assert verify(home / DB_FILENAME) == 3
    assert json.loads(cli("scheduled", "--json").out) == before


def test_recover_on_a_full_disk_moves_nothing_until_the_backup_fits(cli, small_disk, monkeypatch):
    """The damaged file stays where it was, told, until there is room for the backup:
    never set aside with half a backup in its place."""
    home = small_disk / "home"
    monkeypatch.setenv("AGENT_DESKTOP_HOME", str(home))
    schedule_some(cli, 3)
    backup(home / DB_FILENAME, "daily")
    database = home / DB_FILENAME
    for suffix in ("-wal", "-shm"):
        database.with_name(database.name + suffix).unlink(missing_ok=True)
    database.write_bytes(GARBAGE)
    fill(small_disk)
    result = cli("doctor", "--recover")
    assert result.code == EXIT_FAILURE, result
    assert result.err.startswith(f"error: disk full: {database} could not be written"), result
    assert database.read_bytes() == GARBAGE  # not set aside, nothing half-copied in its place
    assert not list(home.glob(f"*{DB_FILENAME}.damaged-*"))
    assert not list(home.glob(f".{DB_FILENAME}*"))  # no partial copy left behind
    (small_disk / "filler").unlink()
    assert "restored the backup" in cli("doctor", "--recover").out
    assert len(json.loads(cli("scheduled", "--json").out)) == 3
    damaged = home.glob(f"{DB_FILENAME}.damaged-*")
    kept = [p for p in damaged if not p.name.endswith(("-wal", "-shm"))]
    assert [p.read_bytes() for p in kept] == [GARBAGE]


class Lines:
    """A process's output as it comes, read on a thread of its own."""

    def __init__(self, stream) -> None:
        self.lines: list[str] = []
        self._stream = stream
        self._thread = threading.Thread(target=self._read, args=(stream,), daemon=True)
        self._thread.start()

    def _read(self, stream) -> None:
        for line in stream:
            self.lines.append(line)

    def text(self) -> str:
        return "".join(self.lines)

    def close(self) -> None:
        self._thread.join(10)
        self._stream.close()


def wait_for(condition, timeout: float = 20.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.02)


def test_a_run_whose_disk_fills_while_it_sends_says_so_and_sends_exactly_once(
    roomier_disk, demo_server, monkeypatch
):
    """The server takes the message; then its answer cannot be written down. The row
    stays "sending, may have gone out" (never sent, failed or pending for a fresh try),
    the run says "disk full" once and keeps going; with space again, the message is
    found on the server and marked sent, not sent a second time."""
    home = roomier_disk / "home"
    clock = SystemClock()
    db = open_database(home)
    profile = Profiles(db, clock).remember(
        base_url=demo_server.url, account_id=demo_server.accounts.upstream, user_id=1
    )
    outbox = Outbox(db, clock)
    with ChatwootClient(
        demo_server.url, demo_server.token, account_id=demo_server.accounts.upstream
    ) as api:
        # one whose channel delivers at any hour (WhatsApp's would refuse, 24 h on)
        whatsapp = {i.id for i in api.inboxes() if i.channel_type == "Channel::Whatsapp"}
        conversation = next(
            c.id
            for c in api.conversations(status="all").conversations
            if c.inbox_id not in whatsapp
        )
    text = "enviada com o disco cheio"
    record = outbox.add(
        profile_id=profile.id,
        conversation_id=conversation,
        content=text,
        hold_on_reply=False,
        zone="UTC",
        scheduled_at=clock.now() + timedelta(seconds=1),
    )
    state = demo_server.state
    create = state.create_message
    received: list[str] = []

    def filled_meanwhile(caller, display_id, fields, uploads):
        if not received:  # the disk fills while the message is on its way
            fill(roomier_disk)
        received.append(str(fields.get("content")))
        return create(caller, display_id, fields, uploads)

    monkeypatch.setattr(state, "create_message", filled_meanwhile)
    env = {
        **os.environ,
        "AGENT_DESKTOP_HOME": str(home),
        "AGENT_DESKTOP_TOKEN": demo_server.token,
        # a claim left behind, and an attempt whose end was not written, are waited
        # out quickly: the shortest each may be
        "AGENT_DESKTOP_CLAIM_LEASE": "5",
        "AGENT_DESKTOP_REQUEST_DEADLINE": "2",
    }
    process = subprocess.Popen(
        [sys.executable, "-m", "agent_desktop", "run"],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    out, err = Lines(process.stdout), Lines(process.stderr)
    try:
        wait_for(lambda: received and "disk full" in err.text())
        time.sleep(0.5)  # it goes on trying meanwhile
        while_full = outbox.get(record.id)
        assert while_full.state is OutboxState.SENDING and while_full.in_flight_since
        assert while_full.server_message_id is None and process.poll() is None

        (roomier_disk / "filler").unlink()
        wait_for(lambda: outbox.get(record.id).state is OutboxState.SENT, timeout=40)
        assert received == [text]  # found on the server, not sent again
        with ChatwootClient(
            demo_server.url, demo_server.token, account_id=demo_server.accounts.upstream
        ) as api:
            (message,) = [m for m in api.messages(conversation) if m.content == text]
        assert outbox.get(record.id).server_message_id == message.id
        # said once no write has failed for a while (STEADY_SECONDS), whenever it sent
        wait_for(lambda: AGAIN in out.text(), timeout=STEADY_SECONDS + 15)
    finally:
        process.terminate()
        process.wait(10)
        out.close()
        err.close()
    assert process.returncode == 0
    said = err.text()
    assert "Traceback" not in said
    full = [line for line in said.splitlines() if "disk full" in line]
    # told when the disk fills, not at every try (it tries many times a second), nor
    # again after a small write that got through meanwhile (SQLite reuses free pages)
    assert full == [
        f"disk full: {home / DB_FILENAME} could not be written; sending waits until some "
        "space is freed, then goes on (nothing was lost)"
    ]
    assert out.text().count(AGAIN) == 1
