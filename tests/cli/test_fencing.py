"""The fence of a send, shown on its own: a `run` frozen in the middle of an upload too
large for the machine's socket buffers, while the clock moves on past its claim and past
all an attempt could take (a laptop asleep: the frozen sender's request deadline runs by
a monotonic clock, which stood still meanwhile), and another sender sends the message.
Thawed, the frozen one must stop before the rest of its upload goes: else its request
completes and the customer gets the message twice."""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from keyring.backends import fail

from agent_desktop.chatwoot.client import ChatwootClient
from agent_desktop.core.clock import SystemClock
from agent_desktop.core.logs import LOG_FILE
from agent_desktop.credentials import TOKEN_ENV, Credentials
from agent_desktop.demo.server import DemoConfig, DemoServer
from agent_desktop.scheduling import attachments
from agent_desktop.scheduling.clients import ClientProvider
from agent_desktop.scheduling.dispatcher import Dispatcher
from agent_desktop.scheduling.events import EventBus
from agent_desktop.store.database import open_database
from agent_desktop.store.outbox import Outbox
from agent_desktop.store.profiles import Profiles
from agent_desktop.store.states import OutboxState
from tests.conftest import demo_profile
from tests.support.processes import finish, wait_for

S = OutboxState
pytestmark = pytest.mark.skipif(os.name != "posix", reason="POSIX signals")

# more than a loopback socket's buffers take in at once (a few MB): the rest of the
# upload is still in the frozen process, where only its fence can hold it back
UPLOAD = 6 * 1024 * 1024
SLOW = 200_000  # bytes a second, the line's speed while the upload starts


class SleptClock(SystemClock):
    """This machine's wall clock, moved on by `slept` (the sleep the test stands for)."""

    def __init__(self) -> None:
        self.slept = timedelta(0)

    def now(self) -> datetime:
        return super().now() + self.slept


class SlowLine:
    """A TCP relay to the server standing for the line a sender reaches it by: slow
    towards the server until `fast` is set. Counts what each connection carried to the
    server, and notes the ones the sender closed."""

    def __init__(self, port: int) -> None:
        self.listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        # little is held on this side of the line (accepted sockets inherit it)
        self.listener.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 16 * 1024)
        self.listener.bind(("127.0.0.1", 0))
        self.listener.listen(16)
        self.url = f"http://127.0.0.1:{self.listener.getsockname()[1]}"
        self.port = port
        self.fast = threading.Event()
        self.carried: list[int] = []
        self.ended: list[threading.Event] = []
        self._sockets: list[socket.socket] = []
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self) -> None:
        while True:
            try:
                client, _ = self.listener.accept()
            except OSError:
                return  # closed
            server = socket.create_connection(("127.0.0.1", self.port))
            self._sockets += [client, server]
            index = len(self.carried)
            self.carried.append(0)
            self.ended.append(threading.Event())
            threading.Thread(target=self._up, args=(client, server, index), daemon=True).start()
            threading.Thread(target=self._down, args=(server, client), daemon=True).start()

    def _up(self, client: socket.socket, server: socket.socket, index: int) -> None:
        with contextlib.suppress(OSError):
            while data := client.recv(8192):
                self.carried[index] += len(data)
                server.sendall(data)
                if not self.fast.is_set():
                    time.sleep(len(data) / SLOW)
        self.ended[index].set()
        with contextlib.suppress(OSError):
            server.shutdown(socket.SHUT_WR)

    def _down(self, server: socket.socket, client: socket.socket) -> None:
        with contextlib.suppress(OSError):
            while data := server.recv(65536):
                client.sendall(data)
        with contextlib.suppress(OSError):
            client.shutdown(socket.SHUT_WR)

    def close(self) -> None:
        self.listener.close()
        for sock in self._sockets:
            sock.close()


@pytest.fixture
def clock() -> SleptClock:
    return SleptClock()


@pytest.fixture
def demo(clock: SleptClock) -> Iterator[DemoServer]:
    config = DemoConfig(
        customer_interval=0,
        dispatch_interval=3600,
        conversations=8,
        profile=demo_profile(),
        clock=clock,
    )
    with DemoServer(config) as server:
        yield server


@pytest.fixture
def line(demo: DemoServer) -> Iterator[SlowLine]:
    relay = SlowLine(int(demo.url.rsplit(":", 1)[1]))
    yield relay
    relay.close()


def start_run(url: str, token: str, home: Path) -> subprocess.Popen[str]:
    env = {
        **os.environ,
        "AGENT_DESKTOP_TOKEN": token,
        "AGENT_DESKTOP_HOME": str(home),
        "AGENT_DESKTOP_CLAIM_LEASE": "5",
    }
    env.pop("AGENT_DESKTOP_REQUEST_DEADLINE", None)  # a minute, and more for the upload
    process = subprocess.Popen(
        [sys.executable, "-m", "agent_desktop", "--server", url, "--account", "1", "run"],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    assert process.stdout is not None
    assert "waiting" in process.stdout.readline()  # it is up and sending
    return process


def test_a_thawed_sender_stops_its_upload_once_another_has_sent_the_message(
    demo, line, clock, home, tmp_path
):
    db = open_database(home)
    profile = Profiles(db, clock).remember(base_url=line.url, account_id=1, user_id=1)
    outbox = Outbox(db, clock)
    film = tmp_path / "video.mp4"
    film.write_bytes(os.urandom(UPLOAD))
    record = outbox.add(
        profile_id=profile.id,
        conversation_id=2,
        content="Segue o vídeo",
        scheduled_at=clock.now(),
        zone="UTC",
        hold_on_reply=False,
        attachments=attachments.keep(home, [film]),
    )
    first = start_run(line.url, demo.token, home)
    clients = ClientProvider(Credentials(env={TOKEN_ENV: demo.token}, backend=fail.Keyring()))
    try:
        wait_for(lambda: max(line.carried, default=0) > 2 * SLOW)  # the upload is on the line
        first.send_signal(signal.SIGSTOP)  # frozen, its upload half out
        upload = line.carried.index(max(line.carried))
        line.fast.set()  # what its socket held drains; the rest is in the frozen process
        clock.slept = timedelta(minutes=5)  # past its claim and any attempt's time

        second = Dispatcher(
            outbox=Outbox(db, clock),
            profiles=Profiles(db, clock),
            clients=clients,
            clock=clock,
            events=EventBus(),
            home=home,
        )
        second.step()  # it takes the message over, looks for it, and sends it
        assert outbox.get(record.id).state is S.SENT
        assert texts_in(demo, 2).count("Segue o vídeo") == 1

        first.send_signal(signal.SIGCONT)  # thawed in the middle of its upload
        log = home / "logs" / LOG_FILE
        wait_for(
            lambda: line.ended[upload].is_set() or texts_in(demo, 2).count("Segue o vídeo") > 1
        )
        time.sleep(0.5)  # the server has had what the line carried
        assert texts_in(demo, 2).count("Segue o vídeo") == 1
        # it stopped at its fence: the server never got its whole request
        assert line.carried[upload] < UPLOAD
        assert "another sender took the message over" in log.read_text()
    finally:
        finish(first)
        clients.close()
    sent = outbox.get(record.id)
    assert sent.state is S.SENT and sent.claimed_by is None
    # the frozen sender wrote nothing once it had lost the message: one try, the other's
    assert [a.outcome for a in outbox.attempts(record.id)] == ["sent"]
    db.close()


def texts_in(demo: DemoServer, conversation: int) -> list[str]:
    with ChatwootClient(demo.url, demo.token, account_id=1) as api:
        return [m.content for m in api.messages(conversation)]
