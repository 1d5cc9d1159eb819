from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from agent_desktop.core.rules import Rule, ScheduleRules, add_years

NOW = datetime(2026, 3, 1, 12, 0, tzinfo=UTC)


def rule_broken(when, minutes=5):
    found = ScheduleRules(min_lead_minutes=minutes).check_time(when, NOW)
    return None if found is None else found.rule


def test_past_times_and_too_soon_times_have_their_own_messages():
    past = ScheduleRules().check_time(NOW - timedelta(seconds=1), NOW)
    soon = ScheduleRules().check_time(NOW + timedelta(minutes=4, seconds=57), NOW)
    assert past is not None and past.message == "that time has already passed"
    assert soon is not None and soon.message == "the time must be at least 5 minutes from now"


def test_an_exact_lead_read_a_moment_later_still_counts():
    """'+5m' is worked out from one reading of the clock and checked at the next: the
    moment between them must not make it too soon."""
    assert rule_broken(NOW + timedelta(minutes=5) - timedelta(seconds=1)) is None
    assert rule_broken(NOW + timedelta(minutes=5) - timedelta(seconds=3)) is Rule.TOO_SOON


def test_the_lead_time_is_a_setting_from_0_to_60_minutes():
    assert rule_broken(NOW + timedelta(minutes=5)) is None
    assert rule_broken(NOW + timedelta(minutes=10), minutes=15) is Rule.TOO_SOON
    assert rule_broken(NOW + timedelta(seconds=1), minutes=0) is None
    assert rule_broken(NOW, minutes=0) is Rule.IN_PAST
    for bad in (-1, 61):
        with pytest.raises(ValueError, match="between 0 and 60"):
            ScheduleRules(min_lead_minutes=bad)


def test_at_most_one_calendar_year_ahead():
    assert rule_broken(datetime(2027, 3, 1, 12, 0, tzinfo=UTC)) is None
    too_far = ScheduleRules().check_time(datetime(2027, 3, 1, 12, 0, 1, tzinfo=UTC), NOW)
    assert too_far is not None and too_far.rule is Rule.TOO_FAR
    assert too_far.message == "the time must be at most one year from now"


def test_a_year_after_29_february_is_28_february():
    assert add_years(datetime(2028, 2, 29, 9, 0, tzinfo=UTC), 1) == datetime(
        2029, 2, 28, 9, 0, tzinfo=UTC
    )


def test_naive_times_are_a_programming_error_not_a_silent_guess():
    with pytest.raises(ValueError, match="timezone-aware"):
        ScheduleRules().check_time(datetime(2026, 3, 1, 13, 0), NOW)
