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
    ],
)
def test_how_far_an_instant_is(delta, text):
    assert relative(NOW + delta, NOW) == text
