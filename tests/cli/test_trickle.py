"""Real processes against a server that trickles its answers (the headers at once, then
a byte a second): every read gets something, so httpx's per-read timeouts never fire and
only the request's overall deadline (AGENT_DESKTOP_REQUEST_DEADLINE, shortened here to
its least) ends the wait. Each command ends within seconds, says why, and leaves no
traceback; a trickled create is looked for, not lost or sent twice."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from agent_desktop.chatwoot.client import ChatwootClient
from agent_desktop.core.clock import SystemClock
from agent_desktop.demo.process import RunningDemo, demo_server_process
from agent_desktop.store.database import open_database
from agent_desktop.store.outbox import Outbox
from agent_desktop.store.states import OutboxState
from tests.cli.conftest import Result
from tests.support.processes import wait_for

S = OutboxState

DEADLINE = 2  # seconds a request may take in all: the least the setting allows
# start-up, a few requests each cut at the deadline, and a look after an uncertain
# create; far below the default deadline (60 s) and the trickle of any answer (minutes)
BOUND = 25.0
TIMED_OUT = "the request ran out of time"


@pytest.fixture(scope="module")
def server() -> Iterator[RunningDemo]:
    """The demo server in a process of its own, as a real server runs beside the app;
    one for the module (each test has its own data directory)."""
    with demo_server_process([sys.executable, "-m", "agent_desktop"]) as running:
        yield running


@pytest.fixture
def demo(server: RunningDemo) -> Iterator[RunningDemo]:
    """The server with no fault on and nothing counted, and so left for the next test."""
    calm = {"trickle_rate": 0.0, "methods": ["GET", "POST", "PATCH", "PUT", "DELETE"]}
    faults(server, **calm, injected={})
    yield server
    faults(server, **calm)


def faults(demo: RunningDemo, **changes: object) -> dict[str, Any]:
    answer = httpx.put(
        f"{demo.url}/demo/faults", json=changes, headers={"Api-Access-Token": demo.token}
    )
    answer.raise_for_status()
    found: dict[str, Any] = answer.json()
    return found


def command(demo: RunningDemo, home: Path, account: int, *args: str) -> tuple[Result, float]:
    """`agent-desktop --server URL --account N ARGS` in a process of its own, and how
    long it took; one that hangs fails the test (timeout) rather than holding the run."""
    env = {
        **os.environ,
        "AGENT_DESKTOP_TOKEN": demo.token,
        "AGENT_DESKTOP_HOME": str(home),
        "AGENT_DESKTOP_REQUEST_DEADLINE": str(DEADLINE),
    }
    started = time.monotonic()
    where = ["--server", demo.url, "--account", str(account)]
    done = subprocess.run(
        [sys.executable, "-m", "agent_desktop", *where, *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=90,
    )
    return Result(done.returncode, done.stdout, done.stderr), time.monotonic() - started


def known(demo: RunningDemo, home: Path, account: int) -> None:
    """The account is looked up once while the server answers well, as after a login."""
    result, _ = command(demo, home, account, "conversations")
    assert result.code == 0, result.err


def ended_with_an_error(result: Result, took: float) -> None:
    assert took < BOUND, f"took {took:.1f} s"
    assert result.code != 0
    assert "Traceback" not in result.err + result.out
    assert result.err.startswith("error: ") and TIMED_OUT in result.err, result.err


@pytest.mark.parametrize("first_time", [True, False], ids=["new-home", "known-account"])
def test_conversations_give_up_a_trickled_answer(demo, home, first_time):
    """Whether the account is looked up first (new data directory) or already known,
    the list's request is given up at its deadline."""
    upstream = demo.accounts[0]
    if not first_time:
        known(demo, home, upstream)
    faults(demo, trickle_rate=1.0)
    result, took = command(demo, home, upstream, "conversations")
    ended_with_an_error(result, took)
    assert result.out == ""
    assert faults(demo)["injected"]["trickled"] >= 1  # it was the trickle that it met


def test_schedule_gives_up_when_even_the_account_cannot_be_read(demo, home):
    """On the fork's server-side design, from a new data directory: nothing kept."""
    fork = demo.accounts[1]
    faults(demo, trickle_rate=1.0)
    result, took = command(
        demo, home, fork, "schedule", "1", "--text", "devagar", "--at", "+2h", "--tz", "UTC"
    )
    ended_with_an_error(result, took)
    faults(demo, trickle_rate=0.0)
    listed, _ = command(demo, home, fork, "scheduled", "--json")
    assert listed.code == 0 and "devagar" not in listed.out


def test_a_trickled_create_on_a_server_design_is_looked_for_not_lost_or_doubled(demo, home):
    """Only the create trickles: the server made the scheduled message, the answer never
    came whole. The command gives the create up at its deadline, finds what the server
    made, and says where it is kept: one message on the server, not two, not none."""
    fork = demo.accounts[1]
    known(demo, home, fork)
    faults(demo, trickle_rate=1.0, methods=["POST"])
    result, took = command(
        demo,
        home,
        fork,
        "schedule",
        "1",
        "--text",
        "devagar no servidor",
        "--at",
        "+2h",
        "--tz",
        "UTC",
    )
    assert took < BOUND, f"took {took:.1f} s"
    assert "Traceback" not in result.err + result.out
    assert faults(demo, trickle_rate=0.0)["injected"] == {"trickled": 1}
    assert result.code == 0, result.err
    assert "server-resource" in result.out
    with ChatwootClient(demo.url, demo.token, account_id=fork) as api:
        on_server = [r.content for r in api.scheduled_messages(1)]
    assert on_server.count("devagar no servidor") == 1


def test_doctor_reports_the_trickle_and_fails(demo, home):
    """A new data directory: the account cannot be read, and doctor says so on stderr."""
    faults(demo, trickle_rate=1.0)
    result, took = command(demo, home, demo.accounts[0], "doctor")
    ended_with_an_error(result, took)


def test_doctor_on_a_known_account_shows_the_server_unreachable(demo, home):
    """A known account: doctor's own check of the server meets the trickle and reports
    it as a problem in its report (stdout, where its checks go), failing."""
    upstream = demo.accounts[0]
    known(demo, home, upstream)
    faults(demo, trickle_rate=1.0)
    result, took = command(demo, home, upstream, "doctor")
    assert took < BOUND, f"took {took:.1f} s"
    assert result.code != 0
    assert "Traceback" not in result.err + result.out
    lines = {line.split(maxsplit=1)[0]: line for line in result.out.splitlines() if line}
    assert lines["reachable"].split()[-1] == "no"
    assert TIMED_OUT in lines["problem"]


# -- the headless sender (`run`) meeting a trickled send -------------------------------

# the demo's website chat: no WhatsApp window to fail a message after it was sent
CONVERSATION = 3


def environment(demo: RunningDemo, home: Path, deadline: float = DEADLINE) -> dict[str, str]:
    return {
        **os.environ,
        "AGENT_DESKTOP_TOKEN": demo.token,
        "AGENT_DESKTOP_HOME": str(home),
        "AGENT_DESKTOP_REQUEST_DEADLINE": str(deadline),
    }


def scheduled_soon(demo: RunningDemo, home: Path, account: int, text: str) -> int:
    """A local message scheduled through the command line a few seconds ahead; its id."""
    lead, _ = command(demo, home, account, "config", "set", "min_lead_minutes", "0")
    assert lead.code == 0, lead.err
    result, _ = command(
        demo,
        home,
        account,
        "schedule",
        str(CONVERSATION),
        "--text",
        text,
        "--at",
        "+4s",
        "--tz",
        "UTC",
        "--json",
    )
    assert result.code == 0, result.err
    assert "Traceback" not in result.err + result.out
    created: dict[str, Any] = json.loads(result.out)
    assert created["backend"] == "local" and created["status"] == "pending"
    return int(created["id"])


class Sender:
    """`agent-desktop run` in a process of its own; what it said is kept for the end."""

    def __init__(
        self, demo: RunningDemo, home: Path, account: int, deadline: float = DEADLINE
    ) -> None:
        self.said = home / f"run-{time.monotonic_ns()}.err"
        with self.said.open("w") as errors:
            where = ["--server", demo.url, "--account", str(account)]
            self.process = subprocess.Popen(
                [sys.executable, "-m", "agent_desktop", *where, "run"],
                env=environment(demo, home, deadline),
                stdout=subprocess.PIPE,
                stderr=errors,
                text=True,
            )
        assert self.process.stdout is not None
        self.out = self.process.stdout.readline()
        assert "waiting" in self.out, self.out + self.said.read_text()

    def stop(self, timeout: float = 30) -> tuple[int, float]:
        """SIGTERM, and the exit code and how long it took to end."""
        stopping = time.monotonic()
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
        out, _ = self.process.communicate(timeout=timeout)
        took = time.monotonic() - stopping
        self.out += out
        return self.process.returncode, took

    def end(self) -> None:
        """Stopped (if not yet) and no traceback in anything it said."""
        if self.process.poll() is None:
            self.process.kill()
            self.process.communicate(timeout=30)
        said = self.out + self.said.read_text()
        assert "Traceback" not in said, said


def copies_on_server(demo: RunningDemo, account: int, text: str) -> int:
    with ChatwootClient(demo.url, demo.token, account_id=account) as api:
        return [m.content for m in api.messages(CONVERSATION)].count(text)


def trickle_under_way(demo: RunningDemo) -> bool:
    return int(faults(demo)["injected"].get("trickled", 0)) >= 1


def test_run_gives_a_trickled_send_up_at_its_deadline_and_sends_it_once(demo, home):
    """Every POST trickles (the server made the message; its answer never comes whole):
    `run` gives the send up at its deadline, the row goes back to pending with the
    uncertain attempt recorded (not "sending" for ever), and once the fault is off the
    message is found, not sent again: one copy on the server."""
    upstream, text = demo.accounts[0], "devagar pelo run"
    known(demo, home, upstream)
    outbox_id = scheduled_soon(demo, home, upstream, text)
    db = open_database(home)
    outbox = Outbox(db, SystemClock())
    faults(demo, trickle_rate=1.0, methods=["POST"])
    sender = Sender(demo, home, upstream)
    try:
        wait_for(lambda: trickle_under_way(demo), seconds=15)
        started = time.monotonic()
        assert outbox.get(outbox_id).state is S.SENDING
        # given up at the deadline: pending again, its uncertain attempt kept
        wait_for(lambda: outbox.get(outbox_id).state is not S.SENDING, seconds=3 * DEADLINE)
        given_up = time.monotonic() - started
        held = outbox.get(outbox_id)
        assert held.state is S.PENDING, held
        assert held.claimed_by is None and held.in_flight_since is not None
        assert held.last_error is not None and TIMED_OUT in held.last_error
        outcomes = [a.outcome for a in outbox.attempts(outbox_id)]
        assert outcomes == ["maybe_delivered"], outcomes
        faults(demo, trickle_rate=0.0)
        wait_for(lambda: outbox.get(outbox_id).state is S.SENT, seconds=15)
        time.sleep(1.0)  # and nothing more goes after it
        assert copies_on_server(demo, upstream, text) == 1
        sent = outbox.get(outbox_id)
        assert sent.state is S.SENT and sent.server_message_id is not None
        assert sent.in_flight_since is None and sent.claimed_by is None
        code, _ = sender.stop()
        assert code == 0
    finally:
        sender.end()
        db.close()
    assert given_up < DEADLINE + 2, f"given up after {given_up:.1f} s"


@pytest.mark.skipif(os.name != "posix", reason="POSIX signals")
@pytest.mark.parametrize("deadline", [DEADLINE, 60], ids=["short-deadline", "default-deadline"])
def test_run_stops_promptly_on_sigterm_in_the_middle_of_a_trickled_send(demo, home, deadline):
    """SIGTERM while the answer to the send trickles in, whatever the deadline (the
    default one, 60 s, would hold it for a minute): `run` ends within seconds with 0,
    the row released and marked uncertain; the next `run` finds the message, one copy."""
    upstream, text = demo.accounts[0], f"parado no gotejamento {deadline}"
    known(demo, home, upstream)
    outbox_id = scheduled_soon(demo, home, upstream, text)
    db = open_database(home)
    outbox = Outbox(db, SystemClock())
    faults(demo, trickle_rate=1.0, methods=["POST"])
    sender = Sender(demo, home, upstream, deadline)
    after: Sender | None = None
    try:
        wait_for(lambda: trickle_under_way(demo), seconds=15)
        assert outbox.get(outbox_id).state is S.SENDING
        code, took = sender.stop()
        assert took < 10, f"took {took:.1f} s to stop"
        assert code == 0
        held = outbox.get(outbox_id)
        assert held.state is S.PENDING and held.claimed_by is None, held
        assert held.in_flight_since is not None  # it may have gone out: looked for first
        faults(demo, trickle_rate=0.0)
        after = Sender(demo, home, upstream)
        wait_for(lambda: outbox.get(outbox_id).state is S.SENT, seconds=15)
        time.sleep(1.0)
        assert copies_on_server(demo, upstream, text) == 1
    finally:
        sender.end()
        if after is not None:
            after.end()
        db.close()


@pytest.mark.skipif(os.name != "posix", reason="POSIX signals")
def test_cancel_while_run_is_stuck_in_a_trickled_send_answers_and_never_lies(demo, home):
    """`cancel` of the message a `run` is stuck sending (default deadline: the trickle
    would hold it a minute) says at once that it is being sent; once the run is stopped
    (uncertain send), a `cancel` whose look at the conversation trickles too says it
    cannot tell yet and cancels nothing; with the server well, the look finds the message
    and the cancel is refused: sent once, never both sent and cancelled."""
    upstream, text = demo.accounts[0], "cancelar no gotejamento"
    known(demo, home, upstream)
    outbox_id = scheduled_soon(demo, home, upstream, text)
    db = open_database(home)
    outbox = Outbox(db, SystemClock())
    faults(demo, trickle_rate=1.0, methods=["POST"])
    sender = Sender(demo, home, upstream, deadline=60)
    try:
        wait_for(lambda: trickle_under_way(demo), seconds=15)
        refused, took = command(demo, home, upstream, "cancel", str(outbox_id))
        assert took < BOUND, f"took {took:.1f} s"
        assert "Traceback" not in refused.err + refused.out
        assert refused.code != 0 and refused.out == ""
        assert refused.err.startswith("error: ") and "being sent right now" in refused.err
        assert outbox.get(outbox_id).state is S.SENDING  # untouched
        code, took = sender.stop()
        assert code == 0 and took < 10, (code, took)
        assert outbox.get(outbox_id).in_flight_since is not None

        faults(demo, trickle_rate=1.0, methods=["GET", "POST"])  # the look trickles too
        unsure, took = command(demo, home, upstream, "cancel", str(outbox_id))
        assert took < BOUND, f"took {took:.1f} s"
        assert "Traceback" not in unsure.err + unsure.out
        assert unsure.code == 3 and unsure.out == "", unsure
        assert "may have gone out already" in unsure.err and TIMED_OUT in unsure.err
        assert outbox.get(outbox_id).state is S.PENDING  # not cancelled

        faults(demo, trickle_rate=0.0)
        found, took = command(demo, home, upstream, "cancel", str(outbox_id))
        assert took < BOUND, f"took {took:.1f} s"
        assert "Traceback" not in found.err + found.out
        assert found.code != 0 and "had gone out already" in found.err, found
    finally:
        sender.end()
    final = outbox.get(outbox_id)
    db.close()
    assert final.state is S.SENT and final.server_message_id is not None
    assert copies_on_server(demo, upstream, text) == 1
