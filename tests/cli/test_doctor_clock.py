"""`doctor` says how far this computer's clock is from the server's, which the scheduled
messages go by (from the Date of the server's answers), ahead and behind alike."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

import pytest

from agent_desktop.core.clock import FakeClock


@pytest.fixture
def demo_clock() -> FakeClock:
    """The server's clock, apart from this computer's: it moves when the test says."""
    return FakeClock(datetime.now(UTC))


def clock_ahead(cli) -> int:
    return int(json.loads(cli("doctor", "--json").out)["server"].get("clock_ahead_seconds", 0))


@pytest.mark.parametrize(("server_moves", "words"), [(20, "behind"), (-20, "ahead of")])
def test_doctor_says_when_this_clock_is_off_the_server_s(cli, demo_clock, server_moves, words):
    assert abs(clock_ahead(cli)) < 60
    assert "clock" not in cli("doctor").out
    demo_clock.jump(timedelta(minutes=server_moves))  # set by hand, as a server can be
    assert f"this computer's clock is 20 minutes {words} the server's" in cli("doctor").out
    assert abs(clock_ahead(cli) + server_moves * 60) < 30


@pytest.mark.parametrize(("server_moves", "words"), [(20, "behind"), (-20, "ahead of")])
def test_schedule_tells_of_a_clock_off_the_server_s(cli, demo_clock, server_moves, words):
    """A time like "in an hour" is read on this computer's clock and the message goes by
    the server's: the agent hears of the difference when scheduling, not only from doctor."""
    made = cli("schedule", "1", "--text", "Olá", "--at", "+1h")
    assert made.code == 0, made.err
    assert "clock" not in made.err
    demo_clock.jump(timedelta(minutes=server_moves))
    made = cli("schedule", "2", "--text", "Olá", "--at", "+1h")
    assert made.code == 0, made.err
    assert f"warning: this computer's clock is 20 minutes {words} the server's" in made.err
    assert "scheduled messages go by the server's clock" in made.err
