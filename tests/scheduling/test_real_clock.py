"""Undoing a cancel with the real clock on both sides: the service reads the clock once,
so a message whose time is ahead comes back at that time, in the design it was in."""

from __future__ import annotations

import time
from datetime import UTC, timedelta

import pytest
from sqlalchemy import select

from agent_desktop.core.clock import SystemClock
from agent_desktop.core.timezones import from_utc
from agent_desktop.demo.models import Scheduling
from agent_desktop.scheduling.requests import ScheduleRequest
from agent_desktop.store.states import OutboxState
from tests.scheduling.conftest import SAO_PAULO

S = OutboxState
EXPECTED = {
    Scheduling.NONE: "local",
    Scheduling.FORK: "server-resource",
    Scheduling.SEED: "server-scheduled-at",
}


@pytest.fixture
def demo_clock() -> SystemClock:
    return SystemClock()


@pytest.mark.parametrize("design", list(EXPECTED))
def test_restore_after_cancel_with_the_real_clock(world, design):
    assert isinstance(world.clock, SystemClock)
    service = world.service(design)
    when = from_utc(world.clock.now() + timedelta(minutes=30), SAO_PAULO)
    record = service.schedule(ScheduleRequest(world.conversation(design), "Volto já", when))
    service.cancel(record.id)
    restored = service.restore(record.id)
    assert restored.state is S.PENDING
    assert restored.backend == EXPECTED[design]  # not handed to this app's outbox
    assert restored.scheduled_at == restored.due_at == when.instant
    if design is Scheduling.FORK:
        with world.api(design) as api:
            rows = api.scheduled_messages(record.conversation_id)
        assert [(r.id, r.scheduled_at) for r in rows] == [
            (restored.remote_id, when.instant.replace(microsecond=0))
        ]


def test_rows_claimed_a_moment_early_never_reach_the_server_before_their_time(world):
    """The sender claims a burst a moment (250 ms) before it is due, to be ready: the
    server must still receive each message at or after its instant, never before."""
    from agent_desktop.demo.models import Message

    assert world.clock.moves_by_itself  # the real clock: the early claim is on
    profile = world.profile()
    conversations = world.quiet_conversations(4)
    start = world.clock.now() + timedelta(seconds=0.8)
    records = [
        world.outbox.add(
            profile_id=profile.id,
            conversation_id=conversations[n % 4],
            content=f"na hora {n}",
            scheduled_at=start + timedelta(milliseconds=90 * n),
            zone="UTC",
            hold_on_reply=False,
        )
        for n in range(12)
    ]
    dispatcher = world.dispatcher()
    dispatcher.start()
    try:
        deadline = time.monotonic() + 30
        while any(world.outbox.get(r.id).state is not S.SENT for r in records):
            assert time.monotonic() < deadline, [world.outbox.get(r.id).state for r in records]
            time.sleep(0.05)
    finally:
        dispatcher.stop()
    with world.demo.state.session() as s:  # by id: Chatwoot 4.3 drops the delivery key
        arrived = {
            m.id: m.created_at for m in s.scalars(select(Message).where(Message.message_type == 1))
        }
    for record in records:
        sent_as = world.outbox.get(record.id).server_message_id
        assert sent_as is not None
        at = arrived[sent_as]
        at = at if at.tzinfo else at.replace(tzinfo=UTC)
        assert at >= record.scheduled_at, (record.content, at - record.scheduled_at)
