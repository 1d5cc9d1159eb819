"""The send warnings across clock changes: the customer's night is read on the customer's
own clock whatever the date, and the better time named is the first one at which the
inbox is open and it is not night for the customer, also while the inbox's zone and the
customer's change their clocks on different dates, north and south, and where the clocks
skip a 7:00 or are set back out of the night."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from agent_desktop.core.business_hours import DAY_MINUTES, WEEK, BusinessHours
from agent_desktop.core.send_advice import Concern, morning_after, send_advice
from tests.support.transitions import transitions

LISBON = ZoneInfo("Europe/Lisbon")
NEW_YORK = ZoneInfo("America/New_York")
SYDNEY = ZoneInfo("Australia/Sydney")
SAO_PAULO = ZoneInfo("America/Sao_Paulo")
APIA = ZoneInfo("Pacific/Apia")
CASEY = ZoneInfo("Antarctica/Casey")


def weekdays(zone: ZoneInfo, opens: int = 9, closes: int = 18) -> BusinessHours:
    """Monday to Friday from `opens` to `closes` on the inbox's clock."""
    span = (opens * 60, closes * 60)
    return BusinessHours(zone, True, (span,) * 5 + (None, None))


def at(zone: ZoneInfo, year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=zone).astimezone(UTC)


def utc(year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=UTC)


def concerns(advice: Any) -> list[Concern]:
    return [warning.concern for warning in advice.warnings]


def night_text(clock: str, zone: ZoneInfo) -> str:
    return f"22:00–7:00 for the customer (it is {clock} in {zone.key})"  # noqa: RUF001


# -- fixed cases ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("lisbon_morning", "new_york_clock", "better"),
    [
        # both on winter time: New York is five hours behind, 7:00 there is 12:00 here
        ((2026, 3, 3, 10, 30), "05:30", utc(2026, 3, 3, 12)),
        # New York moved on 8 March, Lisbon not yet: four hours behind, 7:00 is 11:00 UTC
        ((2026, 3, 10, 10, 30), "06:30", utc(2026, 3, 10, 11)),
        # Lisbon moved on 29 March too: five hours again, 7:00 there is 12:00 in Lisbon
        ((2026, 3, 31, 10, 30), "05:30", utc(2026, 3, 31, 11)),
    ],
)
def test_a_lisbon_inbox_and_a_new_york_customer_while_their_clocks_disagree(
    lisbon_morning, new_york_clock, better
):
    instant = at(LISBON, *lisbon_morning)
    advice = send_advice(instant, weekdays(LISBON), NEW_YORK)
    assert [w.text for w in advice.warnings] == [night_text(new_york_clock, NEW_YORK)]
    assert advice.better == better
    assert advice.better.astimezone(NEW_YORK).time() == time(7)


@pytest.mark.parametrize(
    ("new_york_evening", "lisbon_clock", "better"),
    [
        # 17:30 in New York is 22:30 in Lisbon: night; Lisbon's 7:00 is 2:00 in New York,
        # so the inbox's 9:00 next morning (14:00 in Lisbon)
        ((2026, 3, 3, 17, 30), "22:30", utc(2026, 3, 4, 14)),
        # the same wall time while the gap is four hours: 21:30 in Lisbon, no warning
        ((2026, 3, 10, 17, 30), None, None),
        # both on summer time: five hours again, and night in Lisbon
        ((2026, 3, 31, 17, 30), "22:30", utc(2026, 4, 1, 13)),
    ],
)
def test_a_new_york_inbox_and_a_lisbon_customer_while_their_clocks_disagree(
    new_york_evening, lisbon_clock, better
):
    advice = send_advice(at(NEW_YORK, *new_york_evening), weekdays(NEW_YORK), LISBON)
    expected = [] if lisbon_clock is None else [night_text(lisbon_clock, LISBON)]
    assert [w.text for w in advice.warnings] == expected
    assert advice.better == better


def test_a_sydney_night_is_longer_when_its_clocks_go_back_and_shorter_when_they_go_forward():
    # 5 April 2026: 3:00 summer time becomes 2:00; the night from 23:00 lasts nine hours
    saturday = at(SYDNEY, 2026, 4, 4, 23)
    advice = send_advice(saturday, None, SYDNEY)
    assert [w.text for w in advice.warnings] == [night_text("23:00", SYDNEY)]
    assert advice.better == saturday + timedelta(hours=9) == utc(2026, 4, 4, 21)
    # 4 October 2026: 2:00 becomes 3:00; seven hours
    saturday = at(SYDNEY, 2026, 10, 3, 23)
    assert send_advice(saturday, None, SYDNEY).better == saturday + timedelta(hours=7)


def test_a_lisbon_inbox_and_a_sydney_customer_as_one_goes_forward_and_the_other_back():
    hours = weekdays(LISBON)
    # 2 April 2026: Lisbon on summer time, Sydney still too: 12:30 there is 22:30 here
    advice = send_advice(at(LISBON, 2026, 4, 2, 12, 30), hours, SYDNEY)
    assert [w.text for w in advice.warnings] == [night_text("22:30", SYDNEY)]
    # Sydney's 7:00 is 21:00 in Lisbon, closed: the opening at 9:00 is 19:00 in Sydney
    assert advice.better == at(LISBON, 2026, 4, 3, 9) == utc(2026, 4, 3, 8)
    # a week on, Sydney went back an hour: the same time is 21:30 there, fine
    assert send_advice(at(LISBON, 2026, 4, 9, 12, 30), hours, SYDNEY).fine


def test_sao_paulo_history_a_sao_paulo_inbox_and_a_new_york_customer():
    hours = weekdays(SAO_PAULO)
    # 4 November 2018: São Paulo went forward at midnight, New York back at 2:00
    before = send_advice(at(SAO_PAULO, 2018, 10, 29, 9, 30), hours, NEW_YORK)
    assert before.fine  # 8:30 in New York
    after = send_advice(at(SAO_PAULO, 2018, 11, 5, 9, 30), hours, NEW_YORK)
    assert [w.text for w in after.warnings] == [night_text("06:30", NEW_YORK)]
    assert after.better == at(NEW_YORK, 2018, 11, 5, 7) == at(SAO_PAULO, 2018, 11, 5, 10)
    # the night the clocks skipped midnight: seven hours from 23:00 to 7:00
    night = at(SAO_PAULO, 2018, 11, 3, 23)
    assert morning_after(night, SAO_PAULO) == night + timedelta(hours=7)
    # the night 23:00 came twice (18 February 2018): from the first 23:30, 8.5 hours
    first = at(SAO_PAULO, 2018, 2, 17, 23, 30)
    assert morning_after(first, SAO_PAULO) == first + timedelta(hours=8, minutes=30)


def test_a_seven_o_clock_the_clocks_skip_ends_the_night_only_once_it_is_day():
    # Samoa skipped 30 December 2011: from 29 December 23:59 to 31 December 0:00
    night = at(APIA, 2011, 12, 29, 22, 30)
    advice = send_advice(night, None, APIA)
    assert concerns(advice) == [Concern.CUSTOMER_NIGHT]
    # the jump lands at midnight, still night: 7:00 on the 31st ends it
    assert morning_after(night, APIA) == advice.better == at(APIA, 2011, 12, 31, 7)
    assert advice.better.astimezone(APIA).time() == time(7)


def test_clocks_set_back_out_of_the_night_end_it_at_once():
    # Casey went from +11 to +8 at midnight on 13 March 2021: back to 21:00, evening
    night = at(CASEY, 2021, 3, 13, 23)
    advice = send_advice(night, None, CASEY)
    assert advice.warnings[0].text == night_text("23:00", CASEY)
    assert advice.better == morning_after(night, CASEY) == utc(2021, 3, 13, 13)
    assert advice.better.astimezone(CASEY).time() == time(21)
    # an inbox open then takes the hour before the night comes again
    hours = BusinessHours(ZoneInfo("UTC"), True, ((12 * 60, 16 * 60),) * WEEK)
    assert send_advice(night, hours, CASEY).better == utc(2021, 3, 13, 13)


# -- property ------------------------------------------------------------------------------

# customer zones and the years in which their clocks change in ways worth testing
CUSTOMERS = (
    ("America/New_York", 2024, 2030),
    ("Australia/Sydney", 2024, 2030),
    ("America/Sao_Paulo", 2015, 2019),  # changed at midnight, until 2019
    ("Australia/Lord_Howe", 2024, 2030),  # a 30-minute change
    ("Pacific/Easter", 2024, 2030),  # 22:00 is skipped each September
    ("Pacific/Apia", 2011, 2012),  # a whole day skipped
    ("Antarctica/Casey", 2020, 2022),  # set back from midnight to 21:00
)
INBOXES = ("Europe/Lisbon", "America/New_York", "Australia/Sydney", "America/Sao_Paulo")
QUARTER = timedelta(minutes=15)


@st.composite
def days(draw: st.DrawFn) -> tuple[tuple[int, int] | None, ...]:
    """A week of quarter-hour spans, some days closed and some open all day."""
    span = st.tuples(st.integers(0, 95), st.integers(1, 96)).filter(lambda s: s[0] < s[1])
    day = st.one_of(
        st.none(), st.just((0, DAY_MINUTES)), span.map(lambda s: (s[0] * 15, s[1] * 15))
    )
    return tuple(draw(st.lists(day, min_size=WEEK, max_size=WEEK)))


@st.composite
def cases(draw: st.DrawFn) -> tuple[datetime, BusinessHours, ZoneInfo]:
    name, first, last = draw(st.sampled_from(CUSTOMERS))
    inbox_name = draw(st.sampled_from(INBOXES))
    changes = transitions(name, first, last) + transitions(inbox_name, first, last)
    change = draw(st.sampled_from(changes))  # the customer's clocks or the inbox's
    offset = draw(st.integers(min_value=-4 * 86400, max_value=4 * 86400))
    hours = BusinessHours(ZoneInfo(inbox_name), True, draw(days()))
    return change + timedelta(seconds=offset), hours, ZoneInfo(name)


def night_on_their_clock(instant: datetime, zone: ZoneInfo) -> bool:
    clock = instant.astimezone(zone)
    return clock.hour >= 22 or clock.hour < 7


def moments(start: datetime, end: datetime, zones: tuple[ZoneInfo, ...]) -> Iterator[datetime]:
    """`start`, then every instant before `end` at which either answer may change: the
    hours' quarter-hour boundaries, the customer's 22:00 and 7:00 (whole hours away from
    UTC in these zones, or half hours), and the zones' clock changes."""
    yield start
    quarter = datetime.fromtimestamp(start.timestamp() // 900 * 900, UTC) + QUARTER
    while quarter < end:
        yield quarter
        quarter += QUARTER
    for zone in zones:
        yield from (c for c in transitions(zone.key, start.year, end.year) if start < c < end)


@settings(max_examples=120, deadline=None)
@given(cases())
def test_the_warnings_read_the_customer_s_clock_and_the_better_time_is_the_first_that_suits(
    case,
):
    instant, hours, customer = case
    advice = send_advice(instant, hours, customer)
    night = night_on_their_clock(instant, customer)
    assert (Concern.CUSTOMER_NIGHT in concerns(advice)) == night
    assert (Concern.INBOX_CLOSED in concerns(advice)) == (not hours.is_open(instant))
    if night:
        clock = f"{instant.astimezone(customer):%H:%M}"
        assert night_text(clock, customer) in [w.text for w in advice.warnings]
    if advice.fine:
        assert advice.better is None
        return

    def suits(moment: datetime) -> bool:
        return hours.is_open(moment) and not night_on_their_clock(moment, customer)

    better = advice.better
    # none there: nothing suits within a week (a weekly schedule would have shown it)
    until = better if better is not None else instant + timedelta(days=WEEK)
    skipped = [m for m in moments(instant, until, (hours.zone, customer)) if suits(m)]
    assert skipped == []
    if better is not None:
        assert better > instant and suits(better)
