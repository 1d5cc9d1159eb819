"""The crash storm on the servers that schedule: `schedule`, `edit`, `cancel` and
`send-now` killed (SIGKILL) at random moments while their requests are on the way, on
both server designs; then the next looks settle what was under way. In the end every
message is exactly where the app says it is: scheduled once, sent once, or gone."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

import httpx
import pytest

from agent_desktop.chatwoot.client import ChatwootClient
from agent_desktop.core.clock import SystemClock
from agent_desktop.demo.server import DemoConfig, DemoServer
from agent_desktop.store.database import open_database
from agent_desktop.store.outbox import Outbox
from agent_desktop.store.states import OutboxState
from tests.conftest import demo_profile

S = OutboxState
PER_DESIGN = 6
# seconds a request may take: also how long a create cut by a kill is given for the
# server to take it, before a look may conclude that it never arrived
REQUEST_DEADLINE = 4.0


def command(demo: DemoServer, home: Path, account: int, *args: str) -> subprocess.Popen[bytes]:
    env = {**os.environ, "AGENT_DESKTOP_TOKEN": demo.token, "AGENT_DESKTOP_HOME": str(home)}
    env["AGENT_DESKTOP_REQUEST_DEADLINE"] = str(REQUEST_DEADLINE)
    return subprocess.Popen(
        [
            sys.executable,
            "-m",
            "agent_desktop",
            "--server",
            demo.url,
            "--account",
            str(account),
            *args,
        ],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


def maybe_killed(process: subprocess.Popen[bytes], rng: random.Random) -> bool:
    """Let it run a moment, then kill it (unless it finished first)."""
    time.sleep(rng.uniform(0.5, 3.0))  # start-up takes about half a second, then requests
    if process.poll() is None:
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=30)
        return True
    return False


def server_side(demo: DemoServer, design: str, account: int) -> tuple[Counter[str], Counter[str]]:
    """Texts the server keeps scheduled, and texts sent, over the account."""
    scheduled: Counter[str] = Counter()
    sent: Counter[str] = Counter()
    with ChatwootClient(demo.url, demo.token, account_id=account) as api:
        for conversation in api.conversations(status="all").conversations:
            if design == "fork":
                scheduled.update(
                    r.content
                    for r in api.scheduled_messages(conversation.id)
                    if r.status.value in ("pending", "held")
                )
            else:
                scheduled.update(m.content for m in api.seed_scheduled_messages(conversation.id))
            before = None
            while True:
                batch = api.messages(conversation.id, before=before)
                sent.update(m.content for m in batch if m.content.startswith("tempestade"))
                if len(batch) < 20:
                    break
                before = batch[0].id
    return scheduled, sent


@pytest.mark.skipif(os.name != "posix", reason="SIGKILL")
def test_killed_commands_on_server_designs_lose_nothing_and_double_nothing(home):
    rng = random.Random(11)
    config = DemoConfig(
        customer_interval=0, dispatch_interval=3600, conversations=10, profile=demo_profile()
    )
    with DemoServer(config) as demo:
        httpx.put(
            f"{demo.url}/demo/faults",
            json={"latency": 0.25},  # each request on the way long enough to be cut
            headers={"Api-Access-Token": demo.token},
        ).raise_for_status()
        kills = 0
        accounts = {"fork": demo.accounts.fork, "seed": demo.accounts.seed}
        for design, account in accounts.items():
            for n in range(PER_DESIGN):
                text = f"tempestade {design} {n}"
                conversation = str(1 + n % 5)
                steps: list[list[str]] = [
                    ["schedule", conversation, "--text", text, "--at", f"+{2 + n}h"],
                    ["edit", "LAST", "--text", text + " v2"],
                    rng.choice([["cancel", "LAST"], ["send-now", "LAST"], []]),
                ]
                for step in steps:
                    if not step:
                        continue
                    if "LAST" in step:
                        db = open_database(home)
                        rows = Outbox(db, SystemClock()).find()
                        db.close()
                        mine = [r for r in rows if r.content.startswith(text)]
                        if not mine:
                            break  # the schedule itself was cut before anything was kept
                        step = [str(mine[-1].id) if a == "LAST" else a for a in step]
                    kills += maybe_killed(command(demo, home, account, *step), rng)
        httpx.put(
            f"{demo.url}/demo/faults", json={"latency": 0}, headers={"Api-Access-Token": demo.token}
        ).raise_for_status()
        time.sleep(REQUEST_DEADLINE)  # the creates cut last are past doubt
        for account in accounts.values():  # the next looks settle what was under way
            for _ in range(3):
                command(demo, home, account, "scheduled").wait(timeout=120)
            done = command(demo, home, account, "run", "--until-idle")
            assert done.wait(timeout=300) == 0

        db = open_database(home)
        records = Outbox(db, SystemClock()).find()
        db.close()
        assert not [r for r in records if r.intent is not None], "a step was left unsettled"
        totals: Counter[str] = Counter()
        for design, account in accounts.items():
            scheduled, sent = server_side(demo, design, account)
            for n in range(PER_DESIGN):
                base = f"tempestade {design} {n}"
                on_server = sum(c for t, c in scheduled.items() if t.startswith(base))
                went = sum(c for t, c in sent.items() if t.startswith(base))
                kept = [r for r in records if r.content.startswith(base)]
                assert on_server + went <= 1, (base, scheduled, sent)  # never two copies
                assert len(kept) <= 1, kept
                if kept:
                    record = kept[0]
                    totals[record.state.value] += 1
                    if record.state in (S.PENDING, S.HELD):
                        assert on_server == 1 and scheduled[record.content] == 1, record
                    elif record.state is S.SENT:
                        assert went == 1 and sent[record.content] == 1, record
                    else:
                        assert record.state is S.CANCELLED and on_server == 0 and went == 0
                else:
                    totals["never scheduled"] += 1
                    assert on_server == 0 and went == 0, base  # nothing the app lost track of
        assert kills >= 5  # the storm was real
        print(f"{kills} kills; outcome per message: {dict(totals)}")
