"""Under lost answers, 5xx bursts and 429s, every scheduled message arrives exactly once."""

from __future__ import annotations

import threading
import time
from collections import Counter
from datetime import timedelta

from agent_desktop.core.clock import SystemClock
from agent_desktop.scheduling.dispatcher import Dispatcher, DispatcherConfig
from agent_desktop.scheduling.events import EventBus
from agent_desktop.scheduling.pacing import Backoff
from agent_desktop.store.outbox import Outbox
from agent_desktop.store.states import OutboxState
from tests.scheduling.conftest import copies_on_server

S = OutboxState


def test_every_message_arrives_once_through_a_storm_of_faults(world):
    conversations = world.quiet_conversations(10)
    records = [
        world.schedule(
            f"mensagem {n}",
            minutes=1 + n % 3,
            hold_on_reply=False,
            conversation=conversations[n % 10],
        )
        for n in range(60)
    ]
    world.demo.faults.update(
        {"drop_rate": 0.25, "error_rate": 0.2, "rate_limit_rate": 0.1, "retry_after": 2, "seed": 42}
    )
    dispatcher = world.dispatcher(backoff=Backoff(base=1.0, cap=20.0, max_attempts=50))
    for _ in range(400):
        dispatcher.step()
        if all(world.outbox.get(r.id).state is S.SENT for r in records):
            break
        world.clock.advance(timedelta(seconds=5))
    world.demo.faults.update({"drop_rate": 0, "error_rate": 0, "rate_limit_rate": 0})
    assert {world.outbox.get(r.id).state for r in records} == {S.SENT}
    on_server = copies_on_server(world, records)
    assert {r.id: len(on_server[r.id]) for r in records} == {r.id: 1 for r in records}
    outcomes = Counter(a.outcome for r in records for a in world.outbox.attempts(r.id))
    assert outcomes["maybe_delivered"] > 0 and outcomes["retry"] > 0  # the storm was real


def test_two_dispatchers_on_one_outbox_send_each_message_once(world, db):
    """Real threads and the real clock: two apps (say the GUI and a headless run) at once."""
    clock = SystemClock()
    outbox = Outbox(db, clock)
    profile = world.profile()
    conversations = world.quiet_conversations(10)
    due = clock.now()
    records = [
        outbox.add(
            profile_id=profile.id,
            conversation_id=conversations[n % 10],
            content=f"paralelo {n}",
            scheduled_at=due,
            zone="UTC",
            hold_on_reply=False,
        )
        for n in range(80)
    ]
    dispatchers = [
        Dispatcher(
            outbox=outbox,
            profiles=world.profiles,
            clients=world.clients,
            clock=clock,
            events=EventBus(),
            home=world.home,
            config=DispatcherConfig(workers=3),
        )
        for _ in range(2)
    ]
    start = threading.Barrier(2)

    def go(d: Dispatcher) -> None:
        start.wait()
        d.start()

    threads = [threading.Thread(target=go, args=(d,)) for d in dispatchers]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and not dispatchers[0].idle():
        time.sleep(0.05)
    for d in dispatchers:
        d.stop()
    assert {outbox.get(r.id).state for r in records} == {S.SENT}
    on_server = copies_on_server(world, records)
    assert all(len(on_server[r.id]) == 1 for r in records)
    owners = Counter(outbox.get(r.id).claimed_by for r in records)
    assert owners == Counter({None: 80})  # claims are released once sent


def test_a_running_dispatcher_wakes_for_a_new_message_instead_of_polling(world, db):
    """Asleep with nothing due (up to its 15 s cap), it is woken by the service."""
    clock = SystemClock()
    outbox = Outbox(db, clock)
    events = EventBus()
    sent = threading.Event()
    events.subscribe(lambda event: sent.set() if event.kind == "sent" else None)
    dispatcher = Dispatcher(
        outbox=outbox,
        profiles=world.profiles,
        clients=world.clients,
        clock=clock,
        events=events,
        home=world.home,
        config=DispatcherConfig(max_sleep=15.0),
    )
    dispatcher.start()
    try:
        time.sleep(0.2)  # let it fall asleep on an empty outbox
        profile = world.profile()
        record = outbox.add(
            profile_id=profile.id,
            conversation_id=world.quiet_conversations(1)[0],
            content="acorda",
            scheduled_at=clock.now() + timedelta(seconds=0.3),
            zone="UTC",
            hold_on_reply=False,
        )
        started = time.monotonic()
        dispatcher.wake()
        assert sent.wait(5)
        elapsed = time.monotonic() - started
    finally:
        dispatcher.stop()
    assert outbox.get(record.id).state is S.SENT
    # at its time: neither early, nor at the end of a 15 s sleep (a loaded machine, as
    # under CI's parallel runs, may take a few seconds for the send itself)
    assert 0.25 <= elapsed < 10.0


def test_a_send_still_under_way_keeps_its_claim(world):
    """A slow send (a large upload) outlasting the lease must not look abandoned: another
    process would take the row and, not finding the message yet, send it a second time."""
    record = world.schedule("anexo grande", minutes=1, hold_on_reply=False)
    world.clock.advance(timedelta(minutes=1))
    world.demo.faults.update({"latency": 2.0, "methods": ["POST"]})
    sender = world.dispatcher(lease_renewal=0.02)
    other_process = Outbox(world.db, world.clock)
    sending = threading.Thread(target=sender.step)
    sending.start()
    try:
        deadline = time.monotonic() + 10
        while world.outbox.get(record.id).in_flight_since is None:
            assert time.monotonic() < deadline, "the send never started"
            time.sleep(0.01)
        # Over three minutes pass, past the 2-minute lease, in steps shorter than it: time
        # moves on while the upload goes; one jump over the whole lease is a frozen process.
        for _ in range(5):
            world.clock.advance(timedelta(seconds=40))
            while True:
                current = world.outbox.get(record.id)
                assert current.state is S.SENDING, "the claim was not renewed while sending"
                assert current.lease_until is not None and time.monotonic() < deadline
                if current.lease_until - world.clock.now() > timedelta(seconds=100):
                    break
                time.sleep(0.005)
        assert other_process.claim_due("another-process", timedelta(minutes=2)) is None
    finally:
        sending.join(timeout=30)
        world.demo.faults.update({"latency": 0})
    assert world.outbox.get(record.id).state is S.SENT
    assert len(world.copies(record)) == 1
