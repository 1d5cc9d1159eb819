"""The clock, injectable so the scheduler and its tests never depend on real time."""

from __future__ import annotations

import time
from datetime import UTC, datetime, timedelta
from typing import Protocol


class Clock(Protocol):
    # whether time passes by itself (waiting for an instant makes sense)
    moves_by_itself: bool

    def now(self) -> datetime:
        """The current instant, timezone-aware in UTC."""
        ...

    def monotonic(self) -> float:
        """Seconds on a clock that never jumps; comparing it with now() reveals clock jumps."""
        ...


class SystemClock:
    moves_by_itself = True

    def now(self) -> datetime:
        return datetime.now(UTC)

    def monotonic(self) -> float:
        return time.monotonic()


class FakeClock:
    """A clock that moves only when told to: wall time and monotonic time advance together
    with advance(); jump() moves the wall clock alone, as when the user changes it."""

    moves_by_itself = False

    def __init__(self, start: datetime | None = None) -> None:
        start = start or datetime(2026, 1, 15, 12, 0, tzinfo=UTC)
        if start.tzinfo is None:
            raise ValueError("FakeClock needs a timezone-aware start")
        self._now = start.astimezone(UTC)
        self._mono = 1000.0

    def now(self) -> datetime:
        return self._now

    def monotonic(self) -> float:
        return self._mono

    def advance(self, delta: timedelta | float) -> None:
        seconds = delta.total_seconds() if isinstance(delta, timedelta) else float(delta)
        if seconds < 0:
            raise ValueError("time only moves forward; use jump() for a changed wall clock")
        self._now += timedelta(seconds=seconds)
        self._mono += seconds

    def jump(self, delta: timedelta) -> None:
        self._now += delta
