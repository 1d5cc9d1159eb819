"""A headless `run` killed with SIGKILL at random moments while sending a few hundred
messages through a server that loses answers, fails and throttles, restarted each time:
in the end none is lost and none is sent twice."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from collections import Counter
from datetime import timedelta

import pytest

from agent_desktop.chatwoot.client import ChatwootClient
from agent_desktop.core.clock import SystemClock
from agent_desktop.demo.server import DemoConfig, DemoServer
from agent_desktop.store.database import open_database
from agent_desktop.store.outbox import Outbox
from agent_desktop.store.profiles import Profiles
from agent_desktop.store.states import OutboxState
from tests.conftest import demo_profile

MESSAGES = 240


@pytest.mark.skipif(os.name != "posix", reason="SIGKILL")
def test_killed_runs_lose_nothing_and_send_nothing_twice(home, tmp_path):
    rng = random.Random(7)
    clock = SystemClock()
    with DemoServer(
        DemoConfig(
            customer_interval=0, dispatch_interval=3600, conversations=12, profile=demo_profile()
        )
    ) as demo:
        db = open_database(home)
        profile = Profiles(db, clock).remember(base_url=demo.url, account_id=1, user_id=1)
        outbox = Outbox(db, clock)
        with ChatwootClient(demo.url, demo.token, account_id=1) as api:
            whatsapp = {i.id for i in api.inboxes() if i.channel_type == "Channel::Whatsapp"}
            conversations = [
                c.id
                for c in api.conversations(status="all").conversations
                if c.inbox_id not in whatsapp
            ]
        start = clock.now()
        records = [
            outbox.add(
                profile_id=profile.id,
                conversation_id=conversations[n % len(conversations)],
                content=f"lote {n}",
                hold_on_reply=n % 3 == 0,
                zone="UTC",
                scheduled_at=start + timedelta(milliseconds=5 * n),
            )
            for n in range(MESSAGES)
        ]
        env = {**os.environ, "AGENT_DESKTOP_TOKEN": demo.token, "AGENT_DESKTOP_HOME": str(home)}
        # while the runs are killed: answers lost after the work was done, 5xx, 429s
        demo.faults.update(
            {
                "drop_rate": 0.1,
                "error_rate": 0.08,
                "rate_limit_rate": 0.05,
                "retry_after": 1,
                "seed": 3,
            }
        )
        kills = 0
        for _ in range(12):
            process = subprocess.Popen(
                [sys.executable, "-m", "agent_desktop", "run"],
                env=env,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )
            # killed at a random moment once it is sending (however long its start-up
            # takes on a loaded machine)
            sent_before, begun = len(outbox.find(states=[OutboxState.SENT])), time.monotonic()
            while (
                time.monotonic() - begun < 20
                and len(outbox.find(states=[OutboxState.SENT])) == sent_before
                and process.poll() is None
            ):
                time.sleep(0.05)
            time.sleep(rng.uniform(0.0, 0.6))
            process.send_signal(signal.SIGKILL)
            process.wait(timeout=30)
            kills += 1
            if not outbox.find(states=[OutboxState.PENDING, OutboxState.SENDING]):
                break
        injected = dict(demo.faults.injected)
        # the last run on a healthy server: what the faults pushed back (a backoff, a
        # throttle) goes out now, so the outcome is whole
        demo.faults.update({"drop_rate": 0.0, "error_rate": 0.0, "rate_limit_rate": 0.0})
        final = subprocess.run(
            [sys.executable, "-m", "agent_desktop", "run", "--until-idle"],
            env=env,
            capture_output=True,
            text=True,
            timeout=300,
        )
        assert final.returncode == 0, final.stderr

        states = Counter(outbox.get(r.id).state for r in records)
        assert states == Counter({OutboxState.SENT: MESSAGES}), states
        # each text is its message's own: counted by text, which every server keeps
        # (a server may drop the delivery key)
        seen: Counter[str] = Counter()
        with ChatwootClient(demo.url, demo.token, account_id=1) as api:
            for conversation in conversations:
                before = None
                while True:
                    batch = api.messages(conversation, before=before)
                    seen.update(m.content for m in batch if m.message_type == 1)
                    if len(batch) < 20:
                        break
                    before = batch[0].id
        assert {r.content: seen[r.content] for r in records} == {r.content: 1 for r in records}
        reconciled = sum(
            1 for r in records for a in outbox.attempts(r.id) if a.outcome == "reconciled"
        )
        assert kills >= 2  # the runs really were cut short
        assert injected.get("dropped", 0) > 0, injected  # and the faults were dealt
        assert sum(injected.get(code, 0) for code in ("500", "502", "503")) > 0, injected
        assert injected.get("429", 0) > 0, injected
        print(f"{kills} kills, {injected}, {reconciled} messages found already sent")
        db.close()
