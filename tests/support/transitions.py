"""Real clock changes of real zones, to aim property tests at the hard hours."""

from __future__ import annotations

import functools
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

ZONES_WITH_CHANGES = (
    "America/New_York",
    "Europe/London",
    "Australia/Lord_Howe",  # a 30-minute change
    "Pacific/Chatham",
    "America/Sao_Paulo",  # changed its clocks until 2019
)


@functools.cache
def transitions(
    zone_name: str, first_year: int = 2015, last_year: int = 2035
) -> tuple[datetime, ...]:
    """Every instant (UTC, to the second) at which the zone's offset changes."""
    zone = ZoneInfo(zone_name)
    found = []
    day = datetime(first_year, 1, 1, tzinfo=UTC)
    end = datetime(last_year + 1, 1, 1, tzinfo=UTC)
    offset = day.astimezone(zone).utcoffset()
    while day < end:
        following = day + timedelta(days=1)
        next_offset = following.astimezone(zone).utcoffset()
        if next_offset != offset:
            lo, hi = int(day.timestamp()), int(following.timestamp())
            while hi - lo > 1:
                mid = (lo + hi) // 2
                if datetime.fromtimestamp(mid, UTC).astimezone(zone).utcoffset() == offset:
                    lo = mid
                else:
                    hi = mid
            found.append(datetime.fromtimestamp(hi, UTC))
        day, offset = following, next_offset
    return tuple(found)
