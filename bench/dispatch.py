"""Dispatch benchmark: 1,000 local messages due within 60 seconds across 50 conversations,
sent to the demo server on loopback. Lateness is measured where it matters, at the
server: from each message's scheduled instant to the moment the server created it.

    python bench/dispatch.py [--messages N] [--seconds S] [--conversations C]

Targets: p99 under 250 ms, max under 1 s, no duplicates, nothing lost. Exits 1 when a
target is missed. For reference, the fork's server sends up to a minute late and the
seed plan's job runs every five minutes.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from collections import Counter
from datetime import timedelta
from pathlib import Path

from keyring.backends import fail
from sqlalchemy import select

from agent_desktop.chatwoot.client import ChatwootClient
from agent_desktop.core.clock import SystemClock
from agent_desktop.credentials import TOKEN_ENV, Credentials
from agent_desktop.demo.models import Message
from agent_desktop.demo.server import DemoConfig, DemoServer
from agent_desktop.scheduling.clients import ClientProvider
from agent_desktop.scheduling.dispatcher import Dispatcher
from agent_desktop.scheduling.events import EventBus
from agent_desktop.store.database import open_database
from agent_desktop.store.outbox import Outbox
from agent_desktop.store.profiles import Profiles

P99_TARGET_MS = 250.0
MAX_TARGET_MS = 1000.0


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(share * (len(ordered) - 1))))
    return ordered[index]


def arrivals(demo: DemoServer) -> dict[str, list[float]]:
    """When the server created each tagged message (unix seconds, to the microsecond)."""

    def read() -> dict[str, list[float]]:
        found: dict[str, list[float]] = {}
        with demo.state.session() as s:
            for message in s.scalars(select(Message).where(Message.message_type == 1)):
                key = (message.content_attributes or {}).get("agent_desktop_key")
                if key:
                    found.setdefault(key, []).append(message.created_at.timestamp())
        return found

    return demo.call(read)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--messages", type=int, default=1000)
    parser.add_argument("--seconds", type=float, default=60.0)
    parser.add_argument("--conversations", type=int, default=50)
    options = parser.parse_args()

    clock = SystemClock()
    rng = random.Random(1)
    # WhatsApp replies to old conversations fail later in the channel: leave them out
    with (
        tempfile.TemporaryDirectory() as folder,
        DemoServer(
            DemoConfig(
                customer_interval=0,
                dispatch_interval=3600,
                conversations=options.conversations * 3 // 2 + 6,
            )
        ) as demo,
    ):
        home = Path(folder)
        db = open_database(home)
        profile = Profiles(db, clock).remember(base_url=demo.url, account_id=1, user_id=1)
        outbox = Outbox(db, clock)
        credentials = Credentials(env={TOKEN_ENV: demo.token}, backend=fail.Keyring())  # type: ignore[no-untyped-call]
        clients = ClientProvider(credentials)
        dispatcher = Dispatcher(
            outbox=outbox,
            profiles=Profiles(db, clock),
            clients=clients,
            clock=clock,
            events=EventBus(),
            home=home,
        )
        with ChatwootClient(demo.url, demo.token, account_id=1) as api:
            whatsapp = {i.id for i in api.inboxes() if i.channel_type == "Channel::Whatsapp"}
            targets = [
                c.id
                for page in range(1, 6)
                for c in api.conversations(status="all", page=page).conversations
                if c.inbox_id not in whatsapp
            ][: options.conversations]
        start = clock.now() + timedelta(seconds=5)
        records = [
            outbox.add(
                profile_id=profile.id,
                conversation_id=targets[n % len(targets)],
                content=f"bench {n}",
                zone="UTC",
                scheduled_at=start + timedelta(seconds=rng.uniform(0, options.seconds)),
            )
            for n in range(options.messages)
        ]
        print(
            f"{options.messages} messages due within {options.seconds:.0f} s across "
            f"{len(targets)} conversations; dispatching…",
            flush=True,
        )
        dispatcher.start()
        deadline = time.monotonic() + options.seconds + 120
        while not dispatcher.idle() and time.monotonic() < deadline:
            time.sleep(0.5)
        dispatcher.stop()
        clients.close()

        created = arrivals(demo)
        lateness = [
            (min(created[r.delivery_key]) - r.scheduled_at.timestamp()) * 1000
            for r in records
            if r.delivery_key in created
        ]
        duplicates = sum(len(times) - 1 for times in created.values())
        lost = sum(1 for r in records if r.delivery_key not in created)
        states = Counter(outbox.get(r.id).state.value for r in records)
        db.close()

    p50, p99, worst = (percentile(lateness, 0.5), percentile(lateness, 0.99), max(lateness))
    checks = [
        ("lateness p50", f"{p50:7.1f} ms", "", True),
        ("lateness p99", f"{p99:7.1f} ms", f"< {P99_TARGET_MS:.0f} ms", p99 < P99_TARGET_MS),
        ("lateness max", f"{worst:7.1f} ms", f"< {MAX_TARGET_MS:.0f} ms", worst < MAX_TARGET_MS),
        ("duplicates", f"{duplicates:7d}", "= 0", duplicates == 0),
        ("lost", f"{lost:7d}", "= 0", lost == 0),
    ]
    print(f"states: {dict(states)}; mean lateness {statistics.mean(lateness):.1f} ms")
    for name, value, target, ok in checks:
        verdict = "" if not target else ("ok" if ok else "MISSED")
        print(f"{name:14s} {value:>12s}   target {target or '-':>9s}   {verdict}")
    return 0 if all(ok for *_, ok in checks) else 1


if __name__ == "__main__":
    sys.exit(main())
