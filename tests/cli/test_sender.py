"""One sender per data directory, in a process of its own: a second `run` waits for its
turn (and takes over when the first stops, or sends beside it when the first froze);
the sender answers on its control socket to its own key only, wakes when anyone writes
to the database (a message scheduled from the command line goes out on time), keeps to
the agent's pause, writes what happened to the journal the window reads, and, started
for a window, stays while the window runs or messages wait."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from agent_desktop.chatwoot.client import ChatwootClient
from agent_desktop.core.clock import SystemClock
from agent_desktop.demo.server import DemoConfig, DemoServer
from agent_desktop.sender.control import Address, SenderUnavailableError, ask
from agent_desktop.sender.lock import SenderLock, someone_holds
from agent_desktop.store.database import open_database
from agent_desktop.store.journal import Journal
from agent_desktop.store.outbox import Outbox
from agent_desktop.store.profiles import Profiles
from agent_desktop.store.settings import Settings
from agent_desktop.store.states import OutboxState
from tests.conftest import demo_profile
from tests.support.processes import finish, wait_for

S = OutboxState
pytestmark = pytest.mark.skipif(os.name != "posix", reason="POSIX signals")


@pytest.fixture
def demo() -> Iterator[DemoServer]:
    config = DemoConfig(
        customer_interval=0, dispatch_interval=3600, conversations=8, profile=demo_profile()
    )
    with DemoServer(config) as server:
        yield server


def start(demo: DemoServer, home: Path, *args: str, patience: float = 30) -> subprocess.Popen[str]:
    env = {
        **os.environ,
        "AGENT_DESKTOP_TOKEN": demo.token,
        "AGENT_DESKTOP_HOME": str(home),
        "AGENT_DESKTOP_SENDER_PATIENCE": str(patience),
    }
    return subprocess.Popen(
        [sys.executable, "-m", "agent_desktop", "--server", demo.url, "--account", "1", *args],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def first_line(process: subprocess.Popen[str]) -> str:
    assert process.stdout is not None
    return process.stdout.readline()


class Store:
    def __init__(self, home: Path, demo: DemoServer) -> None:
        self.clock = SystemClock()
        self.db = open_database(home)
        self.outbox = Outbox(self.db, self.clock)
        self.profile = Profiles(self.db, self.clock).remember(
            base_url=demo.url, account_id=1, user_id=1
        )
        self.settings = Settings(self.db)
        self.journal = Journal(self.db, self.clock)

    def add(self, text: str, seconds: float = 0.0, conversation: int = 1):
        from datetime import timedelta

        return self.outbox.add(
            profile_id=self.profile.id,
            conversation_id=conversation,
            content=text,
            scheduled_at=self.clock.now() + timedelta(seconds=seconds),
            zone="UTC",
            hold_on_reply=False,
        )

    def state(self, record) -> OutboxState:
        return self.outbox.get(record.id).state


@pytest.fixture
def store(home, demo) -> Iterator[Store]:
    made = Store(home, demo)
    yield made
    made.db.close()


def arrived(demo: DemoServer, text: str, conversation: int = 1) -> list[float]:
    """When the server created each message with this text (unix seconds)."""
    with ChatwootClient(demo.url, demo.token, account_id=1) as api:
        return [m.created_at.timestamp() for m in api.messages(conversation) if m.content == text]


def test_one_sender_a_data_directory_a_second_waits_and_takes_over(demo, home, store):
    first = start(demo, home, "run")
    second = None
    try:
        assert "waiting; Ctrl+C stops" in first_line(first)
        assert someone_holds(home)
        second = start(demo, home, "run")
        said = first_line(second)
        assert "another sender runs" in said and f"pid {first.pid}" in said
        first.send_signal(signal.SIGTERM)
        first.wait(timeout=10)
        assert "sending from" in first_line(second)  # its turn
        record = store.add("Depois da troca")
        wait_for(lambda: store.state(record) is S.SENT)
        assert len(arrived(demo, "Depois da troca")) == 1
    finally:
        finish(first, second)


def test_a_killed_sender_leaves_the_data_directory_to_the_next(demo, home):
    first = start(demo, home, "run")
    try:
        first_line(first)
        first.send_signal(signal.SIGKILL)
        first.wait(timeout=10)
        assert not someone_holds(home)  # the system let go of its lock
    finally:
        finish(first)


def test_the_control_socket_answers_its_own_key_only(demo, home):
    process = start(demo, home, "run")
    try:
        first_line(process)
        status = ask(home, "status")
        assert status["pid"] == process.pid and status["held"] is False
        address = Address.read(home)
        assert address is not None
        assert (home / "sender.json").stat().st_mode & 0o077 == 0  # the agent's alone
        import json
        import socket

        with socket.create_connection(("127.0.0.1", address.port), timeout=2) as link:
            link.sendall(json.dumps({"key": "guess", "op": "stop"}).encode() + b"\n")
            with link.makefile("rb") as reader:
                answer = json.loads(reader.readline())
        assert answer == {"ok": False, "error": "not allowed"}
        assert process.poll() is None
        ask(home, "stop")
        assert process.wait(timeout=10) == 0
    finally:
        finish(process)
    with pytest.raises(SenderUnavailableError):
        ask(home, "status", timeout=0.5)


def test_a_message_written_by_another_process_goes_out_on_time(demo, home, store):
    """The sender sleeps up to 15 s between looks; a change to the database wakes it."""
    process = start(demo, home, "run")
    try:
        first_line(process)
        time.sleep(0.5)  # asleep, nothing due
        record = store.add("Na hora certa", seconds=1.0)
        due = record.scheduled_at.timestamp()
        wait_for(lambda: store.state(record) is S.SENT, seconds=10)
        (created,) = arrived(demo, "Na hora certa")
        assert created - due < 1.0  # not at the next planned look
    finally:
        finish(process)


def test_sending_paused_holds_the_sender_and_resuming_sends_at_once(demo, home, store):
    store.settings.set("sending_paused", True)
    process = start(demo, home, "run")
    try:
        assert "nothing will be sent" in (process.stderr.readline() if process.stderr else "")
        record = store.add("Espera a retomada")
        time.sleep(1.5)
        assert store.state(record) is S.PENDING
        assert ask(home, "status")["held"] is True
        store.settings.set("sending_paused", False)
        wait_for(lambda: store.state(record) is S.SENT, seconds=5)
    finally:
        finish(process)


def test_what_the_sender_does_is_in_the_journal(demo, home, store):
    after = store.journal.last_id()
    process = start(demo, home, "run")
    try:
        first_line(process)
        record = store.add("Para o diário")
        wait_for(lambda: store.state(record) is S.SENT)
        wait_for(lambda: any(t.kind == "sent" for t in store.journal.since(after)))
        told = [t for t in store.journal.since(after) if t.kind == "sent"]
        assert [t.outbox_id for t in told] == [record.id]
        assert told[0].origin == ask(home, "status")["owner"]
    finally:
        finish(process)


def test_a_sender_for_a_window_stays_while_it_runs_then_while_messages_wait(demo, home, store):
    window = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    sender = start(demo, home, "run", "--for-window", str(window.pid))
    try:
        first_line(sender)
        time.sleep(3)  # nothing waits, but its window runs
        assert sender.poll() is None
        store.settings.set("sending_paused", True)
        record = store.add("Depois que a janela fechar", seconds=3)
        store.settings.set("sending_paused", False)
        window.kill()
        window.wait()
        time.sleep(1)
        assert sender.poll() is None  # a message waits: it stays for it
        wait_for(lambda: store.state(record) is S.SENT, seconds=15)
        assert sender.wait(timeout=10) == 0  # then leaves
    finally:
        window.kill()
        window.wait()
        finish(sender)


def test_a_second_sender_for_a_window_hands_it_to_the_running_one(demo, home):
    first = start(demo, home, "run")
    second = None
    try:
        first_line(first)
        me = os.getpid()
        second = start(demo, home, "run", "--for-window", str(me))
        assert second.wait(timeout=30) == 0
        assert me in ask(home, "status")["windows"]
    finally:
        finish(first, second)


def test_a_frozen_sender_is_sent_beside_after_a_while(demo, home, store):
    first = start(demo, home, "run")
    second = None
    try:
        first_line(first)
        ask(home, "status")
        time.sleep(0.5)  # its start-up writes done: frozen inside one, it would lock all out
        first.send_signal(signal.SIGSTOP)
        second = start(demo, home, "run", patience=1)
        assert "another sender runs" in first_line(second)
        assert "has not answered" in first_line(second)
        record = store.add("Apesar do congelado")
        wait_for(lambda: store.state(record) is S.SENT)
        assert len(arrived(demo, "Apesar do congelado")) == 1
    finally:
        finish(first, second)


def test_the_first_message_is_backed_up_while_the_sender_runs(demo, home, store):
    """Not at the next start: a sender that runs for weeks would leave it unbacked."""
    from agent_desktop.store.database import DB_FILENAME, good_backups

    process = start(demo, home, "run")
    try:
        first_line(process)
        assert not [b for b in good_backups(home / DB_FILENAME) if b.messages]
        store.add("O primeiro a guardar", seconds=3600)
        wait_for(lambda: any(b.messages == 1 for b in good_backups(home / DB_FILENAME)), 10)
    finally:
        finish(process)


def test_the_lock_is_exclusive_within_one_process_too(home):
    home.mkdir(parents=True, exist_ok=True)
    with SenderLock(home) as first:
        assert first.acquire()
        assert not SenderLock(home).acquire()
    with SenderLock(home) as after:
        assert after.acquire()
