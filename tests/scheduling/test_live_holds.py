"""The sender listens on the live channel: a customer's message holds a message waiting
with hold-on-reply within a second, long before it comes due, and the agent is told."""

from __future__ import annotations

import random
import threading
import time
from datetime import timedelta
from types import SimpleNamespace

import pytest

from agent_desktop.chatwoot.cable import Backoff, CableConfig, LiveChannel
from agent_desktop.chatwoot.link_state import LinkState
from agent_desktop.scheduling.events import EventKind
from agent_desktop.sender.listening import Listening
from agent_desktop.store.states import OutboxState

S = OutboxState
QUICK = CableConfig(stale_after=3.0, backoff=Backoff(base=0.05, cap=0.2, rng=random.Random(1)))


@pytest.fixture
def listening(world):
    app = SimpleNamespace(
        outbox=world.outbox, events=world.bus, profiles=world.profiles, clients=world.clients
    )
    ears = Listening(app, config=QUICK)  # type: ignore[arg-type]
    yield ears
    ears.close()


def wait_for(condition, within: float = 5.0) -> float:
    """Seconds it took; fails after `within`."""
    started = time.monotonic()
    while not condition():
        assert time.monotonic() - started < within
        time.sleep(0.01)
    return time.monotonic() - started


def test_a_customer_s_message_holds_it_within_a_second(world, listening):
    conversation = world.conversation()
    record = world.schedule("Resolvido?", minutes=30, conversation=conversation)
    assert record.hold_on_reply
    listening.update()
    wait_for(lambda: LinkState.LIVE in listening.states.values())
    world.clock.advance(timedelta(seconds=5))
    world.customer_writes(conversation, text="Ainda não!")
    took = wait_for(lambda: world.outbox.get(record.id).state is S.HELD)
    assert took < 1.0
    held = world.outbox.get(record.id)
    assert "customer replied" in held.last_error
    assert EventKind.HELD in world.kinds()
    assert world.copies(record) == []


def test_a_message_elsewhere_or_one_without_hold_is_left_to_go(world, listening):
    here, elsewhere = world.quiet_conversations(2)
    held = world.schedule("Com espera", minutes=30, conversation=here)
    goes = world.schedule("Sem espera", minutes=30, conversation=here, hold_on_reply=False)
    listening.update()
    wait_for(lambda: LinkState.LIVE in listening.states.values())
    world.clock.advance(timedelta(seconds=5))
    world.customer_writes(elsewhere, text="Outra conversa")
    world.customer_writes(here, text="Esta conversa")
    wait_for(lambda: world.outbox.get(held.id).state is S.HELD)
    assert world.outbox.get(goes.id).state is S.PENDING


def test_the_channel_closes_when_nothing_waits_on_a_reply(world, listening):
    record = world.schedule("Só um", minutes=30)
    listening.update()
    wait_for(lambda: LinkState.LIVE in listening.states.values())
    world.service().cancel(record.id)
    listening.update()
    wait_for(lambda: LinkState.DOWN in listening.states.values())


def test_a_sender_stopping_while_a_channel_opens_leaves_none_running(world):
    """The sender stops while the server is still being asked for the channel: the
    channel made afterwards is never started, and stopping raises nothing."""
    world.schedule("Resolvido?", minutes=30)
    asked, answer = threading.Event(), threading.Event()
    made: list[LiveChannel] = []

    def slow_factory(*args, **kwargs) -> LiveChannel:
        asked.set()
        answer.wait(5)
        channel = LiveChannel(*args, **kwargs)
        made.append(channel)
        return channel

    app = SimpleNamespace(
        outbox=world.outbox, events=world.bus, profiles=world.profiles, clients=world.clients
    )
    ears = Listening(app, config=QUICK, factory=slow_factory)  # type: ignore[arg-type]
    before = live_threads()
    ears.update()
    assert asked.wait(5)
    ears.close()
    answer.set()
    wait_for(lambda: bool(made))
    time.sleep(0.2)  # the opening thread's last step
    assert ears.states == {}  # never connected: no state was ever reported
    assert live_threads() == before


def live_threads() -> int:
    return sum(t.name == "live-channel" and t.is_alive() for t in threading.enumerate())


def test_a_channel_stopped_as_it_starts_never_raises():
    """start() on one thread, stop() on another, many times: stop never meets a thread
    that is made but not started."""
    errors: list[BaseException] = []
    for _ in range(200):
        channel = LiveChannel(
            "http://127.0.0.1:9",
            pubsub_token="t",
            account_id=1,
            user_id=1,
            on_event=lambda _e: None,
            config=QUICK,
        )
        starter = threading.Thread(target=channel.start)
        starter.start()
        try:
            channel.stop(timeout=1)
        except RuntimeError as error:
            errors.append(error)
        starter.join()
        channel.stop(timeout=1)
    assert errors == []
