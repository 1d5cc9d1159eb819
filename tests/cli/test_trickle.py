"""Real processes against a server that trickles its answers (the headers at once, then
a byte a second): every read gets something, so httpx's per-read timeouts never fire and
only the request's overall deadline (AGENT_DESKTOP_REQUEST_DEADLINE, shortened here to
its least) ends the wait. Each command ends within seconds, says why, and leaves no
traceback; a trickled create is looked for, not lost or sent twice."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from agent_desktop.chatwoot.client import ChatwootClient
from agent_desktop.demo.process import RunningDemo, demo_server_process
from tests.cli.conftest import Result

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
