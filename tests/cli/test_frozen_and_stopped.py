"""Real processes, real signals: a `run` stopped (SIGTERM) in the middle of a request
ends within a few seconds, keeping what it held; a `run` frozen (SIGSTOP) in the middle
of an upload, while another takes the message over, does not finish its upload once
thawed: one message reaches the customer."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from agent_desktop.chatwoot.client import ChatwootClient
from agent_desktop.core.clock import SystemClock
from agent_desktop.demo.server import DemoConfig, DemoServer
from agent_desktop.scheduling import attachments
from agent_desktop.store.database import open_database
from agent_desktop.store.outbox import Outbox
from agent_desktop.store.profiles import Profiles
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


def faults(demo: DemoServer, **changes: object) -> None:
    httpx.put(
        f"{demo.url}/demo/faults", json=changes, headers={"Api-Access-Token": demo.token}
    ).raise_for_status()


def start_run(
    demo: DemoServer, home: Path, lease: float = 120, deadline: float = 60
) -> subprocess.Popen[str]:
    env = {
        **os.environ,
        "AGENT_DESKTOP_TOKEN": demo.token,
        "AGENT_DESKTOP_HOME": str(home),
        "AGENT_DESKTOP_CLAIM_LEASE": str(lease),
        "AGENT_DESKTOP_REQUEST_DEADLINE": str(deadline),
        # a sender that holds the data directory and does not answer (frozen) is sent
        # beside after this long
        "AGENT_DESKTOP_SENDER_PATIENCE": "2",
    }
    process = subprocess.Popen(
        [sys.executable, "-m", "agent_desktop", "--server", demo.url, "--account", "1", "run"],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    assert process.stdout is not None
    assert "waiting" in process.stdout.readline()  # it is up and sending
    return process


def texts_in(demo: DemoServer, conversation: int) -> list[str]:
    with ChatwootClient(demo.url, demo.token, account_id=1) as api:
        return [m.content for m in api.messages(conversation)]


@pytest.mark.parametrize("stop", [signal.SIGTERM, signal.SIGINT])
def test_a_stop_in_the_middle_of_a_request_stops_within_seconds(demo, home, stop):
    """SIGTERM (a service manager, a logout) and SIGINT (Ctrl+C) alike."""
    db = open_database(home)
    clock = SystemClock()
    profile = Profiles(db, clock).remember(base_url=demo.url, account_id=1, user_id=1)
    outbox = Outbox(db, clock)
    record = outbox.add(
        profile_id=profile.id,
        conversation_id=1,
        content="Parada no meio",
        scheduled_at=clock.now(),
        zone="UTC",
        hold_on_reply=False,
    )
    faults(demo, latency=20.0, methods=["POST"])  # the server sits on the send
    process = start_run(demo, home)
    try:
        wait_for(lambda: outbox.get(record.id).in_flight_since is not None)
        stopping = time.monotonic()
        process.send_signal(stop)
        process.wait(timeout=10)
        assert time.monotonic() - stopping < 5
        assert process.returncode == 0
    finally:
        finish(process)
        faults(demo, latency=0.0)
    held = outbox.get(record.id)
    # released, and marked: it may have gone out, so it is looked for before a second try
    assert held.state is S.PENDING and held.claimed_by is None
    assert held.in_flight_since is not None
    db.close()


def test_a_frozen_upload_is_not_finished_after_another_sender_took_it_over(demo, home, tmp_path):
    """SIGSTOP mid-upload: its claim runs out, another sender takes the message over
    and waits out what the frozen one could still do, then looks before sending. Whatever
    reached the server is found: one message, never two. (The fence that stops a thawed
    sender's upload on its own: tests/cli/test_fencing.py.)"""
    db = open_database(home)
    clock = SystemClock()
    profile = Profiles(db, clock).remember(base_url=demo.url, account_id=1, user_id=1)
    outbox = Outbox(db, clock)
    picture = tmp_path / "foto.png"
    picture.write_bytes(os.urandom(600 * 1024))
    record = outbox.add(
        profile_id=profile.id,
        conversation_id=2,
        content="Com anexo grande",
        scheduled_at=clock.now(),
        zone="UTC",
        hold_on_reply=False,
        attachments=attachments.keep(home, [picture]),
    )
    faults(demo, receive_rate=60_000, methods=["POST"])  # about 10 s an upload
    first = start_run(demo, home, lease=5, deadline=2)
    second: subprocess.Popen[str] | None = None
    try:
        wait_for(lambda: outbox.get(record.id).in_flight_since is not None)
        time.sleep(1.0)  # part of the upload is out
        first.send_signal(signal.SIGSTOP)  # frozen: no renewal, no progress
        wait_for(lambda: (outbox.get(record.id).lease_until or clock.now()) <= clock.now(), 15)
        second = start_run(demo, home, lease=5, deadline=2)
        # it takes the abandoned message over, and waits out what the frozen one may do
        wait_for(lambda: outbox.get(record.id).claimed_by is None, seconds=20)
        assert outbox.get(record.id).due_at > clock.now()
        first.send_signal(signal.SIGCONT)  # thawed, mid-upload
        wait_for(lambda: outbox.get(record.id).state is S.SENT, seconds=60)
        time.sleep(2.0)  # and nothing of the frozen one comes after
    finally:
        finish(first)
        finish(second)
        faults(demo, receive_rate=0)
    assert texts_in(demo, 2).count("Com anexo grande") == 1
    sent = outbox.get(record.id)
    assert sent.state is S.SENT and sent.claimed_by is None
    db.close()
