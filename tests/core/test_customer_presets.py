""" "Their morning" and "when the inbox opens", resolved alike for the window and the
command line; and the warnings for a time that suits neither the inbox nor the customer,
which name a better time and never refuse."""

from __future__ import annotations

import argparse
from datetime import UTC, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from agent_desktop.commands.customer_time import CustomerTime, resolve
from agent_desktop.core.business_hours import parse_business_hours
from agent_desktop.core.customer_zone import (
    CustomerZone,
    UnknownCustomerZoneError,
    ZoneSource,
    infer_zone,
)
from agent_desktop.core.presets import (
    CUSTOMER_PRESETS,
    CustomerPreset,
    NoOpeningError,
    customer_preset,
    their_morning,
)
from agent_desktop.core.send_advice import Concern, send_advice
from agent_desktop.core.timezones import NonexistentLocalTimeError, WallTime, to_utc
from tests.support.transitions import ZONES_WITH_CHANGES, transitions

SAO_PAULO = ZoneInfo("America/Sao_Paulo")
LISBON = ZoneInfo("Europe/Lisbon")
NEW_YORK = ZoneInfo("America/New_York")


def week(zone: str, closes: int = 18, **extra: Any) -> dict[str, Any]:
    rows = [
        {
            "day_of_week": d,
            "closed_all_day": d in (0, 6),
            "open_hour": 9,
            "open_minutes": 0,
            "close_hour": closes,
            "close_minutes": 0,
            "open_all_day": False,
        }
        for d in range(7)
    ]
    return {"timezone": zone, "working_hours_enabled": True, "working_hours": rows, **extra}


def customer(zone: ZoneInfo | None) -> CustomerZone:
    return CustomerZone(zone, ZoneSource.AGENT if zone else ZoneSource.UNKNOWN)


def test_their_morning_is_the_next_nine_on_their_clock():
    before = datetime(2026, 5, 4, 11, 30, tzinfo=UTC)  # 8:30 in São Paulo, 7:30 in New York
    assert their_morning(before, SAO_PAULO) == WallTime(datetime(2026, 5, 4, 9))
    after = datetime(2026, 5, 4, 12, 30, tzinfo=UTC)  # 9:30 there: tomorrow's
    assert their_morning(after, SAO_PAULO) == WallTime(datetime(2026, 5, 5, 9))
    tokyo = their_morning(after, ZoneInfo("Asia/Tokyo"))  # 21:30 in Tokyo
    assert tokyo == WallTime(datetime(2026, 5, 5, 9))
    assert tokyo.resolve(ZoneInfo("Asia/Tokyo")).instant == datetime(2026, 5, 5, 0, tzinfo=UTC)


@settings(max_examples=200, deadline=None)
@given(
    st.sampled_from(ZONES_WITH_CHANGES).flatmap(
        lambda name: st.tuples(
            st.just(name),
            st.sampled_from(transitions(name)),
            st.integers(-30 * 3600, 30 * 3600),
        )
    )
)
def test_their_morning_near_clock_changes_meets_the_nine_o_clock_rules(case):
    """Whatever the clocks do, it is the first 9:00 on their wall after now, resolved as
    "tomorrow 09:00" is: the same gap and repeated-hour rules."""
    name, change, seconds = case
    zone, now = ZoneInfo(name), change + timedelta(seconds=seconds)
    picked, in_zone = CustomerPreset.THEIR_MORNING.pick(now, zone, None)
    assert in_zone is zone and picked.wall.time().hour == 9 and not picked.later
    try:
        instant = picked.resolve(zone).instant
    except NonexistentLocalTimeError:
        return  # refused with the nearest times, as any 9:00 inside a gap
    assert instant > now
    assert instant - now <= timedelta(hours=25)


def test_when_the_inbox_opens_is_its_next_opening_to_the_instant():
    hours = parse_business_hours(week("Europe/Lisbon"))
    saturday = datetime(2026, 3, 28, 12, tzinfo=UTC)  # Lisbon springs forward on Sunday
    picked, zone = CustomerPreset.INBOX_OPENS.pick(saturday, None, hours)
    assert zone is hours.zone and picked == WallTime(datetime(2026, 3, 30, 9))
    assert picked.resolve(zone).instant == datetime(2026, 3, 30, 8, tzinfo=UTC)
    assert picked.resolve(zone).instant == hours.next_opening(saturday)


def test_an_opening_in_the_repeated_hour_keeps_which_one():
    rows = [
        {"day_of_week": 0, "open_hour": 1, "open_minutes": 30, "close_hour": 4, "close_minutes": 0}
    ]
    hours = parse_business_hours(
        {"timezone": "America/New_York", "working_hours_enabled": True, "working_hours": rows}
    )
    now = datetime(2026, 11, 1, 5, 45, tzinfo=UTC)  # 1:45 EDT; 1:30 EST is still ahead
    picked, zone = CustomerPreset.INBOX_OPENS.pick(now, None, hours)
    assert picked.resolve(zone).instant == hours.next_opening(now)


def test_presets_that_cannot_be_are_refused_with_why():
    now = datetime(2026, 5, 4, 12, tzinfo=UTC)
    with pytest.raises(UnknownCustomerZoneError, match="time zone is not known"):
        CustomerPreset.THEIR_MORNING.pick(now, None, None)
    closed = week("UTC")
    for row in closed["working_hours"]:
        row["closed_all_day"] = True
    with pytest.raises(NoOpeningError, match="closed every day"):
        CustomerPreset.INBOX_OPENS.pick(now, None, parse_business_hours(closed))
    with pytest.raises(NoOpeningError, match="always open"):
        CustomerPreset.INBOX_OPENS.pick(now, None, parse_business_hours({"timezone": "UTC"}))


def test_the_command_line_resolves_them_with_the_same_function():
    """--at their-morning / inbox-opens give the instant the window's preset gives."""
    hours = parse_business_hours(week("Europe/Lisbon"))
    found = CustomerTime(7, customer(NEW_YORK), hours)
    now = datetime(2026, 3, 7, 18, tzinfo=UTC)
    for preset in CUSTOMER_PRESETS:
        for spelling in (preset.value, preset.value.replace("-", " ").upper()):
            assert customer_preset(spelling) is preset
            args = argparse.Namespace(at=spelling, tz=None, later=False)
            picked, zone = preset.pick(now, NEW_YORK, hours)
            assert resolve(args, now, found) == to_utc(picked.wall, zone, later=picked.later)
    assert customer_preset("tomorrow 09:00") is None
    assert [p.label for p in CUSTOMER_PRESETS] == ["Their morning (9:00)", "When the inbox opens"]


def test_tz_customer_and_inbox_read_the_time_on_their_clocks():
    hours = parse_business_hours(week("Europe/Lisbon"))
    found = CustomerTime(7, customer(SAO_PAULO), hours)
    now = datetime(2026, 5, 4, 12, tzinfo=UTC)
    theirs = argparse.Namespace(at="tomorrow 10:00", tz="customer", later=False)
    assert resolve(theirs, now, found).instant == datetime(2026, 5, 5, 13, tzinfo=UTC)
    inbox = argparse.Namespace(at="tomorrow 10:00", tz="Inbox", later=False)
    assert resolve(inbox, now, found).instant == datetime(2026, 5, 5, 9, tzinfo=UTC)
    unknown = CustomerTime(7, infer_zone({"phone_number": "+12085550142"}), hours)
    with pytest.raises(UnknownCustomerZoneError, match="America/Boise, America/Los_Angeles"):
        resolve(theirs, now, unknown)


# -- warnings ---------------------------------------------------------------------------


def test_outside_the_inbox_s_hours_names_its_opening_and_a_better_time():
    hours = parse_business_hours(week("America/Sao_Paulo"))
    saturday = datetime(2026, 5, 2, 15, tzinfo=UTC)
    advice = send_advice(saturday, hours, None)
    assert [w.text for w in advice.warnings] == [
        "outside the inbox's business hours (opens Mon 09:00 America/Sao_Paulo)"
    ]
    assert advice.better == datetime(2026, 5, 4, 12, tzinfo=UTC)
    assert send_advice(datetime(2026, 5, 4, 15, tzinfo=UTC), hours, None).fine


def test_the_customer_s_night_and_the_next_time_that_suits_both():
    hours = parse_business_hours(week("America/Sao_Paulo"))
    monday_noon = datetime(2026, 5, 4, 15, tzinfo=UTC)  # São Paulo noon, Tokyo midnight
    advice = send_advice(monday_noon, hours, ZoneInfo("Asia/Tokyo"))
    assert [w.concern for w in advice.warnings] == [Concern.CUSTOMER_NIGHT]
    assert advice.warnings[0].text == (
        "22:00–7:00 for the customer (it is 00:00 in Asia/Tokyo)"  # noqa: RUF001
    )
    # 7:00 in Tokyo is 19:00 in São Paulo, closed; at 9:00 there it is 21:00 in Tokyo
    assert advice.better == datetime(2026, 5, 5, 12, tzinfo=UTC)
    # an inbox open in the customer's evening: closed now, then fine for both
    night_only = parse_business_hours(week("Asia/Tokyo", closes=10))
    advice = send_advice(monday_noon, night_only, NEW_YORK)  # 21:00 Tokyo, 8:00 New York
    assert [w.concern for w in advice.warnings] == [Concern.INBOX_CLOSED]
    assert advice.better == datetime(2026, 5, 5, 0, tzinfo=UTC)  # Tokyo 9:00, New York 20:00
    # open only while it is night for the customer: both warned, no time suits both
    hopeless = parse_business_hours(week("Asia/Tokyo", closes=11))
    late = datetime(2026, 5, 4, 3, tzinfo=UTC)  # 12:00 in Tokyo, 4:00 in Lisbon
    advice = send_advice(late, hopeless, LISBON)
    assert advice.better is None and [w.concern for w in advice.warnings] == [
        Concern.INBOX_CLOSED,
        Concern.CUSTOMER_NIGHT,
    ]


def test_nothing_known_warns_of_nothing():
    assert send_advice(datetime(2026, 5, 3, 3, tzinfo=UTC), None, None).fine
