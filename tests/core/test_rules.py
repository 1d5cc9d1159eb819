from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from agent_desktop.core.rules import MAX_CONTENT_CHARS, Rule, ScheduleRules, add_years

NOW = datetime(2026, 3, 1, 12, 0, tzinfo=UTC)


def rules_broken(text="Olá!", when=NOW + timedelta(hours=1), minutes=5):
    return [v.rule for v in ScheduleRules(min_lead_minutes=minutes).check(text, when, NOW)]


def test_a_good_request_breaks_no_rule():
    assert rules_broken() == []


@pytest.mark.parametrize("text", ["", "   ", "\n\t \n"])
def test_empty_or_blank_text_is_refused(text):
    assert rules_broken(text=text) == [Rule.EMPTY_TEXT]


def test_the_length_limit_is_150000_characters():
    assert rules_broken(text="a" * MAX_CONTENT_CHARS) == []
    violation = ScheduleRules().check_text("a" * (MAX_CONTENT_CHARS + 1))
    assert violation is not None and violation.rule is Rule.TEXT_TOO_LONG
    assert violation.message == "the message has 150,001 characters; the limit is 150,000"


def test_past_times_and_too_soon_times_have_their_own_messages():
    past = ScheduleRules().check_time(NOW - timedelta(seconds=1), NOW)
    soon = ScheduleRules().check_time(NOW + timedelta(minutes=4, seconds=59), NOW)
    assert past is not None and past.message == "that time has already passed"
    assert soon is not None and soon.message == "the time must be at least 5 minutes from now"


def test_the_lead_time_is_a_setting_from_0_to_60_minutes():
    assert rules_broken(when=NOW + timedelta(minutes=5)) == []
    assert rules_broken(when=NOW + timedelta(minutes=10), minutes=15) == [Rule.TOO_SOON]
    assert rules_broken(when=NOW + timedelta(seconds=1), minutes=0) == []
    assert rules_broken(when=NOW, minutes=0) == [Rule.IN_PAST]
    for bad in (-1, 61):
        with pytest.raises(ValueError, match="between 0 and 60"):
            ScheduleRules(min_lead_minutes=bad)


def test_at_most_one_calendar_year_ahead():
    assert rules_broken(when=datetime(2027, 3, 1, 12, 0, tzinfo=UTC)) == []
    too_far = ScheduleRules().check_time(datetime(2027, 3, 1, 12, 0, 1, tzinfo=UTC), NOW)
    assert too_far is not None and too_far.rule is Rule.TOO_FAR
    assert too_far.message == "the time must be at most one year from now"


def test_a_year_after_29_february_is_28_february():
    assert add_years(datetime(2028, 2, 29, 9, 0, tzinfo=UTC), 1) == datetime(
        2029, 2, 28, 9, 0, tzinfo=UTC
    )


def test_every_broken_rule_is_reported():
    assert rules_broken(text=" ", when=NOW - timedelta(days=1)) == [Rule.EMPTY_TEXT, Rule.IN_PAST]


def test_naive_times_are_a_programming_error_not_a_silent_guess():
    with pytest.raises(ValueError, match="timezone-aware"):
        ScheduleRules().check_time(datetime(2026, 3, 1, 13, 0), NOW)
