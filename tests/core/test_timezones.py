from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import tzlocal
from hypothesis import given, settings
from hypothesis import strategies as st

from agent_desktop.core.timezones import (
    BadLocalTimeError,
    NonexistentLocalTimeError,
    UnknownTimeZoneError,
    WallKind,
    format_offset,
    from_utc,
    parse_wall_time,
    resolve_wall_time,
    resolve_zone,
    to_utc,
)

ZONES = [
    "America/New_York",
    "America/Sao_Paulo",
    "Europe/London",
    "Australia/Lord_Howe",
    "Asia/Kolkata",
    "Pacific/Chatham",
]

# (zone, wall time inside the gap, gap start, gap end, last valid before, first valid after)
GAPS = [
    (
        "America/New_York",
        "2026-03-08 02:30",
        "02:00",
        "03:00",
        "2026-03-08 01:59 EST (UTC-05:00)",
        "2026-03-08 03:00 EDT (UTC-04:00)",
    ),
    (
        "America/Sao_Paulo",
        "2018-11-04 00:30",
        "00:00",
        "01:00",
        "2018-11-03 23:59 (UTC-03:00)",
        "2018-11-04 01:00 (UTC-02:00)",
    ),
    (
        "Europe/London",
        "2026-03-29 01:30",
        "01:00",
        "02:00",
        "2026-03-29 00:59 GMT (UTC+00:00)",
        "2026-03-29 02:00 BST (UTC+01:00)",
    ),
    (
        "Australia/Lord_Howe",
        "2026-10-04 02:15",
        "02:00",
        "02:30",
        "2026-10-04 01:59 (UTC+10:30)",
        "2026-10-04 02:30 (UTC+11:00)",
    ),
    (
        "Pacific/Chatham",
        "2026-09-27 03:00",
        "02:45",
        "03:45",
        "2026-09-27 02:44 (UTC+12:45)",
        "2026-09-27 03:45 (UTC+13:45)",
    ),
]

# (zone, repeated wall time, earlier instant, later instant)
OVERLAPS = [
    ("America/New_York", "2026-11-01 01:30", "2026-11-01T05:30:00Z", "2026-11-01T06:30:00Z"),
    ("America/Sao_Paulo", "2018-02-17 23:30", "2018-02-18T01:30:00Z", "2018-02-18T02:30:00Z"),
    ("Europe/London", "2026-10-25 01:30", "2026-10-25T00:30:00Z", "2026-10-25T01:30:00Z"),
    ("Australia/Lord_Howe", "2026-04-05 01:45", "2026-04-04T14:45:00Z", "2026-04-04T15:15:00Z"),
    ("Pacific/Chatham", "2026-04-05 03:00", "2026-04-04T13:15:00Z", "2026-04-04T14:15:00Z"),
]


@pytest.mark.parametrize(("zone", "wall", "start", "end", "before", "after"), GAPS)
def test_a_time_in_a_spring_forward_gap_is_refused_with_the_nearest_valid_times(
    zone, wall, start, end, before, after
):
    with pytest.raises(NonexistentLocalTimeError) as caught:
        to_utc(parse_wall_time(wall), ZoneInfo(zone))
    error = caught.value
    assert f"{error.gap.start:%H:%M}" == start
    assert f"{error.gap.end:%H:%M}" == end
    assert error.gap.last_before.display() == before
    assert error.gap.first_after.display() == after
    message = str(error)
    assert zone in message
    assert f"from {start} to {end}" in message
    assert before in message and after in message


@pytest.mark.parametrize(("zone", "wall", "earlier", "later"), OVERLAPS)
def test_a_repeated_time_gives_the_earlier_instant_unless_the_later_is_asked_for(
    zone, wall, earlier, later
):
    tz = ZoneInfo(zone)
    local = parse_wall_time(wall)
    first = to_utc(local, tz)
    second = to_utc(local, tz, later=True)
    assert first.iso_utc() == earlier
    assert second.iso_utc() == later
    assert first.wall == second.wall == local
    # the two are told apart by their offsets, which every display shows
    assert first.display() != second.display()
    assert format_offset(first.offset) in first.display()
    assert resolve_wall_time(local, tz).kind is WallKind.AMBIGUOUS


def test_kolkata_never_changes_its_clocks():
    tz = ZoneInfo("Asia/Kolkata")
    for month in range(1, 13):
        zoned = to_utc(datetime(2026, month, 10, 2, 30), tz)
        assert zoned.offset == timedelta(hours=5, minutes=30)
        assert zoned.display().endswith("IST (UTC+05:30)")
        assert resolve_wall_time(zoned.wall, tz).kind is WallKind.NORMAL


def test_sao_paulo_has_had_no_dst_since_2019():
    tz = ZoneInfo("America/Sao_Paulo")
    assert resolve_wall_time(datetime(2026, 11, 1, 0, 30), tz).kind is WallKind.NORMAL
    assert to_utc(datetime(2026, 11, 1, 0, 30), tz).iso_utc() == "2026-11-01T03:30:00Z"


def test_round_trip_to_utc_and_back_for_display():
    tz = ZoneInfo("America/Sao_Paulo")
    zoned = to_utc(datetime(2026, 12, 24, 18, 0), tz)
    assert zoned.iso_utc() == "2026-12-24T21:00:00Z"
    assert zoned.iso_local() == "2026-12-24T18:00:00-03:00"
    assert from_utc(zoned.instant, tz).display() == "2026-12-24 18:00 (UTC-03:00)"
    assert from_utc(zoned.instant, ZoneInfo("Asia/Kolkata")).display() == (
        "2026-12-25 02:30 IST (UTC+05:30)"
    )


def test_the_default_zone_is_the_workstations(monkeypatch):
    monkeypatch.setenv("TZ", "Pacific/Chatham")
    tzlocal.reload_localzone()
    try:
        assert resolve_zone(None).key == "Pacific/Chatham"
        assert resolve_zone("Europe/London").key == "Europe/London"
    finally:
        monkeypatch.undo()
        tzlocal.reload_localzone()


def test_an_unknown_zone_is_named_in_the_error():
    with pytest.raises(UnknownTimeZoneError, match="Mars/Olympus_Mons"):
        resolve_zone("Mars/Olympus_Mons")


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("tomorrow", "cannot read"),
        ("2026-13-01 10:00", "cannot read"),
        ("2026-03-01", "no time of day"),
        ("2026-03-01T10:00:00+02:00", "carries an offset"),
    ],
)
def test_unreadable_local_times_say_what_is_expected(text, fragment):
    with pytest.raises(BadLocalTimeError, match=fragment):
        parse_wall_time(text)


def test_seconds_are_kept_and_shown_only_when_present():
    tz = ZoneInfo("Europe/London")
    assert to_utc(parse_wall_time("2026-07-01 10:00:30"), tz).display() == (
        "2026-07-01 10:00:30 BST (UTC+01:00)"
    )
    assert to_utc(parse_wall_time("2026-07-01T10:00"), tz).display() == (
        "2026-07-01 10:00 BST (UTC+01:00)"
    )


walls = st.datetimes(min_value=datetime(1990, 1, 1), max_value=datetime(2060, 12, 31)).map(
    lambda d: d.replace(second=0, microsecond=0)
)


@settings(max_examples=400, deadline=None)
@given(zone=st.sampled_from(ZONES), wall=walls, later=st.booleans())
def test_every_valid_local_time_round_trips(zone, wall, later):
    tz = ZoneInfo(zone)
    resolution = resolve_wall_time(wall, tz)
    if resolution.kind is WallKind.NONEXISTENT:
        assert resolution.gap is not None
        assert resolution.gap.start <= wall < resolution.gap.end
        with pytest.raises(NonexistentLocalTimeError):
            to_utc(wall, tz, later=later)
        return
    zoned = to_utc(wall, tz, later=later)
    assert from_utc(zoned.instant, tz).wall == wall
    assert zoned.instant.tzinfo is UTC


@settings(max_examples=400, deadline=None)
@given(
    zone=st.sampled_from(ZONES),
    instant=st.datetimes(
        min_value=datetime(1990, 1, 1), max_value=datetime(2060, 12, 31), timezones=st.just(UTC)
    ),
)
def test_every_instant_is_reachable_from_its_local_time(zone, instant):
    tz = ZoneInfo(zone)
    instant = instant.replace(microsecond=0)
    wall = from_utc(instant, tz).wall
    resolution = resolve_wall_time(wall, tz)
    assert resolution.earlier is not None and resolution.later is not None
    assert instant in {resolution.earlier.instant, resolution.later.instant}
