"""The crash storm on the servers that schedule: `schedule`, `edit`, `cancel` and
`send-now` killed (SIGKILL) at random moments while their requests are on the way, on
both server designs, while the server loses answers after doing the work, fails with
5xx and throttles with 429; then, the server healthy again, the next looks settle what
was under way. In the end every message is exactly where the app says it is: scheduled
once, sent once, or gone."""

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
BACKEND = {"fork": "server-resource", "seed": "server-scheduled-at"}
# shares of requests, while the commands are killed: answers lost after the work was
# done, 5xx, 429
DROP, ERRORS, THROTTLED = 0.15, 0.1, 0.08


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


def faults(demo: DemoServer, **changes: object) -> dict[str, int]:
    """Set the demo server's faults; returns how many of each it had dealt."""
    answer = httpx.put(
        f"{demo.url}/demo/faults", json=changes, headers={"Api-Access-Token": demo.token}
    )
    answer.raise_for_status()
    return dict(answer.json()["injected"])


def quiet_conversations(demo: DemoServer, account: int) -> list[int]:
    """Five conversations whose channel delivers whatever is sent (a WhatsApp one may
    refuse a message past its 24-hour window: a failure of the channel, not of a step)."""
    with ChatwootClient(demo.url, demo.token, account_id=account) as api:
        whatsapp = {i.id for i in api.inboxes() if i.channel_type == "Channel::Whatsapp"}
        found = [
            c.id
            for c in api.conversations(status="all").conversations
            if c.inbox_id not in whatsapp
        ]
    return found[:5]


def maybe_killed(process: subprocess.Popen[bytes], rng: random.Random) -> bool:
    """Let it run a moment, then kill it (unless it finished first). One in three runs
    to its end: on a busy machine start-up alone may outlast every moment chosen, and
    the faults are met only by requests that were made."""
    if rng.random() < 1 / 3:
        try:
            process.wait(timeout=60)
        except subprocess.TimeoutExpired:
            process.kill()
            pytest.fail(f"{process.args!r} ran over a minute")
        return False
    # start-up takes about a second, a command a little more: a kill within that, or a
    # quiet machine finishes nearly every command before it is cut
    until = time.monotonic() + rng.uniform(0.3, 1.6)
    while process.poll() is None and time.monotonic() < until:
        time.sleep(0.02)
    if process.poll() is None:
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=30)
        return True
    return False


def waiting_rows(home: Path) -> list[tuple[object, ...]]:
    """What kept a sender busy: its rows still to send, with their times and errors."""
    db = open_database(home)
    rows = Outbox(db, SystemClock()).find(states=[S.PENDING, S.SENDING])
    db.close()
    return [
        (r.id, r.state, r.backend, r.intent, r.due_at, r.claimed_by, r.last_error)
        for r in rows
        if r.is_local
    ]


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
        accounts = {"fork": demo.accounts.fork, "seed": demo.accounts.seed}
        quiet = {design: quiet_conversations(demo, account) for design, account in accounts.items()}
        faults(
            demo,
            latency=0.25,  # each request on the way long enough to be cut
            # and answers lost after the work was done, 5xx and 429s (no Retry-After,
            # as Chatwoot's Rack::Attack); the seed's first few requests meet each of
            # them, however many the kills leave
            drop_rate=DROP,
            error_rate=ERRORS,
            rate_limit_rate=THROTTLED,
            seed=7,
        )
        kills = 0
        for design, account in accounts.items():
            for n in range(PER_DESIGN):
                text = f"tempestade {design} {n}"
                conversation = str(quiet[design][n % len(quiet[design])])
                steps: list[list[str]] = [
                    # the design named: a server that cannot say what it offers (a
                    # fault on that question) would leave the message to this app's
                    # outbox, and what is tried here is the server's
                    [
                        *("schedule", conversation, "--text", text, "--at", f"+{2 + n}h"),
                        "--backend",
                        BACKEND[design],
                    ],
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
        injected = faults(demo, latency=0, drop_rate=0, error_rate=0, rate_limit_rate=0)
        time.sleep(REQUEST_DEADLINE)  # the creates cut last are past doubt
        for account in accounts.values():  # the next looks settle what was under way
            for _ in range(3):
                command(demo, home, account, "scheduled").wait(timeout=120)
            done = command(demo, home, account, "run", "--until-idle")
            try:
                assert done.wait(timeout=300) == 0
            except subprocess.TimeoutExpired:
                done.kill()
                done.wait()
                pytest.fail(f"run --until-idle never ended: {waiting_rows(home)}")

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
                        assert record.state is S.CANCELLED, (record, record.last_error)
                        assert on_server == 0 and went == 0
                else:
                    totals["never scheduled"] += 1
                    assert on_server == 0 and went == 0, base  # nothing the app lost track of
        assert kills >= 4  # the storm was real
        assert injected.get("dropped", 0) > 0, injected  # and the faults were dealt
        assert sum(injected.get(code, 0) for code in ("500", "502", "503")) > 0, injected
        assert injected.get("429", 0) > 0, injected
        print(f"{kills} kills, {injected}; outcome per message: {dict(totals)}")
