"""The sender listens on the live channel: a customer's message holds a message waiting
with hold-on-reply within a second, long before it comes due, and the agent is told."""

from __future__ import annotations

import random
import time
from datetime import timedelta
from types import SimpleNamespace

import pytest

from agent_desktop.chatwoot.cable import Backoff, CableConfig, LinkState
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
