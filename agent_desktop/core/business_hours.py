"""An inbox's business hours, as Chatwoot keeps them: a weekly schedule in the inbox's
IANA zone, read to say whether the inbox is open at an instant and when it next opens.

Chatwoot sends `working_hours_enabled`, `timezone` and `working_hours`: one entry per
weekday (`day_of_week` 0-6, Sunday first) with open/close hour and minutes,
`closed_all_day` and `open_all_day`. With working hours off the inbox is never out of
office. An open-all-day day is stored as 00:00-23:59, so a close at 23:59 (or 00:00)
means the end of the day here. A day the server leaves out is taken as closed; a
schedule with no days at all as no hours kept (always open).

Wall times meet the project's clock-change rules (core.timezones): an opening or closing
inside a spring-forward gap happens when the clocks jump (the first moment after it),
one in a repeated autumn hour at its first occurrence.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from agent_desktop.core.dates import WEEKDAY_ABBREVIATIONS
from agent_desktop.core.i18n import tr
from agent_desktop.core.timezones import chosen_instant, resolve_wall_time

DAY_MINUTES = 24 * 60
WEEK = 7
# a week ahead is enough for a weekly schedule; a little more rides over a clock change
LOOKAHEAD_DAYS = WEEK + 2

Span = tuple[int, int]  # minutes after midnight: [open, close), close up to DAY_MINUTES


def wall_instant(wall: datetime, zone: ZoneInfo) -> datetime:
    """The UTC instant a naive wall time stands for, never refused: in a repeated hour the
    first, in a spring-forward gap the first moment after the jump."""
    resolution = resolve_wall_time(wall, zone)
    chosen = chosen_instant(resolution, later=False)
    if chosen is not None:
        return chosen.instant
    assert resolution.gap is not None
    return resolution.gap.first_after.instant


@dataclass(frozen=True)
class BusinessHours:
    """A weekly schedule in a zone. `days` is indexed by Python's weekday (Monday 0):
    the open span of each day, or None when it is closed."""

    zone: ZoneInfo
    enabled: bool
    days: tuple[Span | None, ...]

    @property
    def always_open(self) -> bool:
        return not self.enabled or all(day == (0, DAY_MINUTES) for day in self.days)

    @property
    def never_open(self) -> bool:
        return self.enabled and all(day is None for day in self.days)

    def _spans(self, first: date, days: int) -> Iterator[tuple[datetime, datetime]]:
        """Open spans as UTC instants, day by day from `first`, adjoining ones merged."""
        pending: tuple[datetime, datetime] | None = None
        for offset in range(days):
            day = first + timedelta(days=offset)
            span = self.days[day.weekday()]
            if span is None:
                continue
            midnight = datetime.combine(day, time())
            start = wall_instant(midnight + timedelta(minutes=span[0]), self.zone)
            end = wall_instant(midnight + timedelta(minutes=span[1]), self.zone)
            if end <= start:  # a span swallowed by a clock change
                continue
            if pending is not None and start <= pending[1]:
                pending = (pending[0], max(pending[1], end))
                continue
            if pending is not None:
                yield pending
            pending = (start, end)
        if pending is not None:
            yield pending

    def is_open(self, instant: datetime) -> bool:
        """Whether the inbox takes the customer's message at this instant as within hours
        (Chatwoot's `out_of_office?` turned round)."""
        if self.always_open:
            return True
        if self.never_open:
            return False
        day = instant.astimezone(self.zone).date()
        return any(start <= instant < end for start, end in self._spans(day - timedelta(days=1), 3))

    def next_opening(self, after: datetime) -> datetime | None:
        """The next instant after `after` at which the inbox opens, in UTC; None when it
        never opens again: closed every day, or open around the clock (see is_open)."""
        if self.always_open or self.never_open:
            return None
        day = after.astimezone(self.zone).date()
        for start, _end in self._spans(day - timedelta(days=1), LOOKAHEAD_DAYS + 1):
            if start > after:
                return start
        return None

    def open_at_or_after(self, instant: datetime) -> datetime | None:
        """`instant` itself when the inbox is open then, else its next opening."""
        return instant if self.is_open(instant) else self.next_opening(instant)

    def describe_opening(self, opening: datetime) -> str:
        """'Mon 09:00 America/Sao_Paulo': an opening as the inbox's own clock shows it."""
        local = opening.astimezone(self.zone)
        weekday = tr(WEEKDAY_ABBREVIATIONS[local.weekday()])
        return f"{weekday} {local:%H:%M} {self.zone.key}"


ALWAYS_OPEN = BusinessHours(ZoneInfo("UTC"), False, (None,) * WEEK)


def _minutes(raw: Mapping[str, Any], hour_key: str, minutes_key: str) -> int | None:
    hour, minutes = raw.get(hour_key), raw.get(minutes_key)
    if isinstance(hour, bool) or not isinstance(hour, int) or not 0 <= hour <= 23:
        return None
    if minutes is None:  # a server that leaves the minutes out means on the hour
        minutes = 0
    if isinstance(minutes, bool) or not isinstance(minutes, int) or not 0 <= minutes <= 59:
        return None
    return hour * 60 + minutes


def _day_span(raw: Mapping[str, Any]) -> Span | None:
    if raw.get("closed_all_day") is True:
        return None
    if raw.get("open_all_day") is True:
        return (0, DAY_MINUTES)
    opens = _minutes(raw, "open_hour", "open_minutes")
    closes = _minutes(raw, "close_hour", "close_minutes")
    if opens is None or closes is None:
        return None  # no hours that can be read: closed rather than guessed open
    if closes in (0, DAY_MINUTES - 1):  # 00:00 and 23:59 close the day
        closes = DAY_MINUTES
    return (opens, closes) if closes > opens else None


def inbox_zone(inbox: Mapping[str, Any]) -> ZoneInfo:
    """The inbox's zone; UTC (Chatwoot's default) when it has none that can be read."""
    name = inbox.get("timezone")
    if isinstance(name, str) and name.strip():
        try:
            return ZoneInfo(name.strip())
        except (ZoneInfoNotFoundError, ValueError):
            pass
    return ZoneInfo("UTC")


def parse_business_hours(inbox: Mapping[str, Any]) -> BusinessHours:
    """An inbox's hours from its JSON as Chatwoot sends it (inbox jbuilder)."""
    zone = inbox_zone(inbox)
    entries = inbox.get("working_hours")
    if inbox.get("working_hours_enabled") is not True or not isinstance(entries, list):
        return BusinessHours(zone, False, (None,) * WEEK)
    days: dict[int, Span | None] = {}
    for raw in entries:
        if not isinstance(raw, Mapping):
            continue
        day_of_week = raw.get("day_of_week")
        if isinstance(day_of_week, bool) or not isinstance(day_of_week, int):
            continue
        if not 0 <= day_of_week <= 6:
            continue
        weekday = (day_of_week - 1) % WEEK  # Chatwoot counts from Sunday, Python from Monday
        days.setdefault(weekday, _day_span(raw))  # the first of a day, as Rails' find_by
    if not days:
        return BusinessHours(zone, False, (None,) * WEEK)
    return BusinessHours(zone, True, tuple(days.get(weekday) for weekday in range(WEEK)))
