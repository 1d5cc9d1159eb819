"""The presets and the command line's --at, resolved from the current instant, aimed at
real clock changes: "in 1 hour" is 3,600 s whatever the clocks do; wall-time presets
meet the gap and repeated-hour rules."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from agent_desktop.core.presets import PRESETS, Preset, parse_when
from agent_desktop.core.timezones import (
    BadLocalTimeError,
    NonexistentLocalTimeError,
    WallKind,
    WallTime,
    resolve_wall_time,
    wall_of,
)
from tests.support.transitions import ZONES_WITH_CHANGES, transitions

NEW_YORK = ZoneInfo("America/New_York")


@st.composite
def near_a_change(draw: st.DrawFn) -> tuple[ZoneInfo, datetime]:
    """A zone and an instant within three hours of one of its clock changes."""
    name = draw(st.sampled_from(ZONES_WITH_CHANGES))
    change = draw(st.sampled_from(transitions(name)))
    offset = draw(st.integers(min_value=-3 * 3600 * 10**6, max_value=3 * 3600 * 10**6))
    return ZoneInfo(name), change + timedelta(microseconds=offset)


@settings(max_examples=300, deadline=None)
@given(near_a_change())
def test_every_instant_comes_back_from_its_wall_time_to_the_microsecond(case):
    zone, instant = case
    picked = wall_of(instant, zone)
    assert picked.resolve(zone).instant == instant


@settings(max_examples=300, deadline=None)
@given(near_a_change(), st.sampled_from(["+1h", "+90m", "+1h30m", "+2d", "+45s"]))
def test_relative_times_are_exact_distances_from_now(case, text):
    zone, now = case
    seconds = {"+1h": 3600, "+90m": 5400, "+1h30m": 5400, "+2d": 172_800, "+45s": 45}[text]
    assert parse_when(text, now, zone).resolve(zone).instant == now + timedelta(seconds=seconds)


@settings(max_examples=300, deadline=None)
@given(near_a_change(), st.sampled_from([Preset.TOMORROW_9, Preset.NEXT_MONDAY_9]))
def test_nine_oclock_presets_are_that_wall_time_on_the_right_day(case, preset):
    zone, now = case
    picked = preset.wall(now, zone)
    today = now.astimezone(zone).date()
    assert picked.wall.time().hour == 9 and picked.wall.minute == 0 and not picked.later
    if preset is Preset.TOMORROW_9:
        assert picked.wall.date() == today + timedelta(days=1)
    else:
        assert picked.wall.weekday() == 0 and 1 <= (picked.wall.date() - today).days <= 7
    kind = resolve_wall_time(picked.wall, zone).kind
    if kind is WallKind.NONEXISTENT:  # no zone here changes at 9:00, but the rule holds
        with pytest.raises(NonexistentLocalTimeError):
            picked.resolve(zone)
    else:
        assert picked.resolve(zone).local.hour == 9


def test_in_1_hour_across_new_yorks_changes():
    spring = datetime(2027, 3, 14, 6, 30, tzinfo=UTC)  # 01:30 EST; 02:30 never happens
    picked = Preset.IN_1_HOUR.wall(spring, NEW_YORK)
    assert picked == WallTime(datetime(2027, 3, 14, 3, 30))
    fall = datetime(2027, 11, 7, 5, 30, tzinfo=UTC)  # 01:30 EDT; an hour on is 01:30 EST
    picked = Preset.IN_1_HOUR.wall(fall, NEW_YORK)
    assert picked == WallTime(datetime(2027, 11, 7, 1, 30), later=True)


def test_the_presets_the_window_shows_are_the_ones_the_command_line_takes():
    assert [p.value for p in PRESETS] == ["+1h", "tomorrow 09:00", "monday 09:00"]
    assert [p.label for p in PRESETS] == ["In 1 hour", "Tomorrow 9:00", "Next Monday 9:00"]
    now = datetime(2027, 3, 13, 17, 0, tzinfo=UTC)
    for preset in PRESETS:
        assert parse_when(preset.value, now, NEW_YORK) == preset.wall(now, NEW_YORK)


@pytest.mark.parametrize(
    ("text", "wall"),
    [
        ("today 17:00", datetime(2027, 3, 10, 17, 0)),
        ("tomorrow 9:05", datetime(2027, 3, 11, 9, 5)),
        ("Monday 09:00", datetime(2027, 3, 15, 9, 0)),
        ("wed 08:00", datetime(2027, 3, 17, 8, 0)),  # today is Wednesday: the next one
        ("sexta-feira 10:00:30", datetime(2027, 3, 12, 10, 0, 30)),  # the agent's language
        ("2027-04-01 12:34:56", datetime(2027, 4, 1, 12, 34, 56)),
    ],
)
def test_day_words_and_full_times(text, wall, monkeypatch):
    from agent_desktop.core import i18n

    if text.startswith("sexta"):
        i18n.set_language("pt_BR")
    now = datetime(2027, 3, 10, 15, 0, tzinfo=UTC)  # Wednesday 10:00 EST
    try:
        assert parse_when(text, now, NEW_YORK) == WallTime(wall)
    finally:
        i18n.set_language("en")


@pytest.mark.parametrize("text", ["+0h", "+1x", "tomorrow", "tomorrow 25:00", "someday 09:00", "+"])
def test_what_cannot_be_read_says_what_can(text):
    with pytest.raises(BadLocalTimeError, match=r"\+1h, \+90m, tomorrow 09:00"):
        parse_when(text, datetime(2027, 3, 10, 15, 0, tzinfo=UTC), NEW_YORK)
