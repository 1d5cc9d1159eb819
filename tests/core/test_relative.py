from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from agent_desktop.core.relative import relative

NOW = datetime(2026, 5, 1, 12, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("delta", "text"),
    [
        (timedelta(seconds=10), "now"),
        (timedelta(seconds=-10), "now"),
        (timedelta(seconds=45), "in 45 s"),
        (timedelta(minutes=5), "in 5 min"),
        (timedelta(minutes=-90), "2 h ago"),
        (timedelta(days=3, hours=2), "in 3 days"),
        # rounding up to the next unit says that unit
        (timedelta(minutes=59, seconds=50), "in 1 h"),
        (timedelta(seconds=59.6), "in 1 min"),
        (timedelta(hours=-23, minutes=-40), "1 day ago"),
    ],
)
def test_how_far_an_instant_is(delta, text):
    assert relative(NOW + delta, NOW) == text
