"""Undoing a cancel with the real clock on both sides: the service reads the clock once,
so a message whose time is ahead comes back at that time, in the design it was in."""

from __future__ import annotations

from datetime import timedelta

import pytest

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
