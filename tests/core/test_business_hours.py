"""An inbox's business hours as Chatwoot sends them: open or not at an instant, and the
next opening, in the inbox's zone across clock changes north and south."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from agent_desktop.core.business_hours import parse_business_hours
from tests.support.transitions import transitions

SUNDAY, MONDAY, FRIDAY, SATURDAY = 0, 1, 5, 6  # Chatwoot's day_of_week


def day(
    day_of_week: int,
    opens: tuple[int, int] | None = (9, 0),
    closes: tuple[int, int] = (17, 0),
    **flags: bool,
) -> dict[str, Any]:
    """A row as Inbox#weekly_schedule renders it."""
    return {
        "day_of_week": day_of_week,
        "closed_all_day": opens is None,
        "open_hour": opens[0] if opens else None,
        "open_minutes": opens[1] if opens else None,
        "close_hour": closes[0] if opens else None,
        "close_minutes": closes[1] if opens else None,
        "open_all_day": False,
        **flags,
    }


def inbox(zone: str, rows: list[dict[str, Any]], enabled: bool = True) -> dict[str, Any]:
    return {"id": 1, "timezone": zone, "working_hours_enabled": enabled, "working_hours": rows}


def weekdays(opens=(9, 0), closes=(17, 0)) -> list[dict[str, Any]]:
    """Monday to Friday, closed at the weekend (Chatwoot's default week)."""
    return [day(d, opens if 1 <= d <= 5 else None, closes) for d in range(7)]


def at(zone: str, year: int, month: int, d: int, hour=0, minute=0, second=0) -> datetime:
    return datetime(year, month, d, hour, minute, second, tzinfo=ZoneInfo(zone)).astimezone(UTC)


def utc(year: int, month: int, d: int, hour=0, minute=0) -> datetime:
    return datetime(year, month, d, hour, minute, tzinfo=UTC)


@pytest.mark.parametrize(
    ("zone", "friday_evening", "monday_opening"),
    [
        # Lisbon springs forward on 29 March 2026: Monday 9:00 is 8:00 UTC, no longer 9:00
        ("Europe/Lisbon", (2026, 3, 27, 18), utc(2026, 3, 30, 8)),
        ("Europe/Lisbon", (2026, 10, 23, 18), utc(2026, 10, 26, 9)),  # and falls back
        ("America/New_York", (2026, 3, 6, 18), utc(2026, 3, 9, 13)),  # EST to EDT
        ("America/New_York", (2026, 10, 30, 18), utc(2026, 11, 2, 14)),  # EDT to EST
        # the south: Sydney leaves summer time on 5 April and takes it on 4 October
        ("Australia/Sydney", (2026, 4, 3, 18), utc(2026, 4, 5, 23)),
        ("Australia/Sydney", (2026, 10, 2, 18), utc(2026, 10, 4, 22)),
    ],
)
def test_the_weekend_across_a_clock_change_ends_at_monday_nine_on_the_inbox_s_clock(
    zone, friday_evening, monday_opening
):
    hours = parse_business_hours(inbox(zone, weekdays()))
    evening = at(zone, *friday_evening)
    assert not hours.is_open(evening)
    assert hours.next_opening(evening) == monday_opening
    assert hours.is_open(monday_opening)
    assert not hours.is_open(monday_opening - timedelta(seconds=1))
    assert hours.describe_opening(monday_opening) == f"Mon 09:00 {zone}"


def test_an_opening_inside_the_spring_gap_is_when_the_clocks_jump():
    """New York's clocks go from 2:00 to 3:00 on 8 March 2026: a Sunday opening at 2:30
    never happens on the wall, and the inbox opens at the jump (3:00 EDT)."""
    rows = [day(SUNDAY, (2, 30), (12, 0))]
    hours = parse_business_hours(inbox("America/New_York", rows))
    jump = utc(2026, 3, 8, 7)  # 3:00 EDT
    assert hours.next_opening(at("America/New_York", 2026, 3, 7, 12)) == jump
    assert not hours.is_open(jump - timedelta(seconds=1))  # 1:59:59 EST
    assert hours.is_open(jump)
    # a week on, 2:30 exists again
    assert hours.next_opening(jump + timedelta(hours=6)) == utc(2026, 3, 15, 6, 30)


def test_an_opening_in_the_repeated_autumn_hour_is_its_first_occurrence():
    rows = [day(SUNDAY, (1, 30), (12, 0))]
    hours = parse_business_hours(inbox("America/New_York", rows))
    first = utc(2026, 11, 1, 5, 30)  # 1:30 EDT; 1:30 EST follows an hour later
    assert hours.next_opening(at("America/New_York", 2026, 10, 31, 12)) == first
    assert not hours.is_open(first - timedelta(seconds=1))
    assert hours.is_open(first + timedelta(hours=1))  # the second 1:30: still open


def test_without_hours_or_with_them_switched_off_the_inbox_is_always_open():
    sunday_night = utc(2026, 5, 3, 3)
    for hours in (
        parse_business_hours(inbox("Europe/Lisbon", weekdays(), enabled=False)),
        parse_business_hours(inbox("Europe/Lisbon", [])),
        parse_business_hours({"id": 1, "timezone": "Europe/Lisbon"}),
    ):
        assert hours.always_open
        assert hours.is_open(sunday_night)
        assert hours.next_opening(sunday_night) is None  # it never opens: it never closes


def test_closed_all_week_never_opens():
    hours = parse_business_hours(inbox("Europe/Lisbon", [day(d, None) for d in range(7)]))
    assert hours.never_open
    assert not hours.is_open(utc(2026, 5, 4, 10))
    assert hours.next_opening(utc(2026, 5, 4, 10)) is None


def test_open_all_day_runs_to_midnight_and_adjoining_days_are_one_opening():
    rows = weekdays(closes=(18, 0))
    rows[SATURDAY] = day(SATURDAY, None, open_all_day=True, closed_all_day=False)
    rows[SUNDAY] = day(SUNDAY, (0, 0), (23, 59), open_all_day=True)  # as Rails stores it
    hours = parse_business_hours(inbox("America/Sao_Paulo", rows))
    friday_evening = at("America/Sao_Paulo", 2026, 5, 1, 19)
    saturday = at("America/Sao_Paulo", 2026, 5, 2)
    assert hours.next_opening(friday_evening) == saturday
    assert hours.is_open(at("America/Sao_Paulo", 2026, 5, 3, 23, 59, 30))  # to the end of Sunday
    # Saturday and Sunday run into each other, and Monday 0:00 is a closing, not 9:00's
    assert hours.next_opening(saturday) == at("America/Sao_Paulo", 2026, 5, 4, 9)
    assert not hours.is_open(at("America/Sao_Paulo", 2026, 5, 4, 0, 0, 1))


def test_a_close_at_23_59_or_00_00_means_the_end_of_the_day():
    late = at("Europe/Lisbon", 2026, 5, 4, 23, 59, 30)  # a Monday
    for closes in ((23, 59), (0, 0)):
        hours = parse_business_hours(inbox("Europe/Lisbon", [day(MONDAY, (20, 0), closes)]))
        assert hours.is_open(late)
        assert not hours.is_open(late + timedelta(seconds=31))


def test_what_real_servers_send_is_read_kindly():
    """Chatwoot counts days from Sunday; a day left out is closed; a row that cannot be
    read is left out; minutes left null mean on the hour; a zone that is no zone is UTC."""
    rows: list[Any] = [
        day(SUNDAY, (10, 0), (14, 0)),
        {"day_of_week": FRIDAY, "open_hour": 9, "close_hour": 12},
        {"day_of_week": 9, "open_hour": 1, "close_hour": 2},
        "not a row",
        {"day_of_week": SATURDAY, "open_hour": None, "close_hour": 12, "closed_all_day": False},
    ]
    hours = parse_business_hours(inbox("Not/AZone", rows))
    assert hours.zone.key == "UTC"
    assert hours.is_open(utc(2026, 5, 3, 10))  # Sunday
    assert hours.is_open(utc(2026, 5, 1, 11, 59))  # Friday, minutes null
    assert not hours.is_open(utc(2026, 5, 4, 11))  # Monday: not sent, so closed
    assert not hours.is_open(utc(2026, 5, 2, 11))  # Saturday: no opening hour
    assert hours.next_opening(utc(2026, 5, 1, 12)) == utc(2026, 5, 3, 10)


NORTH_AND_SOUTH = ("Europe/Lisbon", "America/New_York", "Australia/Sydney")


@st.composite
def near_a_change(draw: st.DrawFn) -> tuple[str, datetime]:
    name = draw(st.sampled_from(NORTH_AND_SOUTH))
    change = draw(st.sampled_from(transitions(name, 2024, 2030)))
    offset = draw(st.integers(min_value=-4 * 86400, max_value=4 * 86400))
    return name, change + timedelta(seconds=offset)


@settings(max_examples=150, deadline=None)
@given(near_a_change())
def test_around_clock_changes_open_means_nine_to_five_on_a_weekday_on_the_inbox_s_clock(case):
    name, instant = case
    hours = parse_business_hours(inbox(name, weekdays()))
    local = instant.astimezone(ZoneInfo(name))
    assert hours.is_open(instant) == (local.weekday() < 5 and 9 <= local.hour < 17)
    opening = hours.next_opening(instant)
    assert opening is not None and opening > instant
    assert hours.is_open(opening) and not hours.is_open(opening - timedelta(seconds=1))
    opened = opening.astimezone(ZoneInfo(name))
    assert (opened.hour, opened.minute, opened.weekday() < 5) == (9, 0, True)
    assert (opening - instant) <= timedelta(days=3, hours=1)
