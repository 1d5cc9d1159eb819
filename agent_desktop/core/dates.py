"""Dates in words, in the agent's language: month and weekday names, day headings."""

from __future__ import annotations

import functools
from datetime import datetime

from agent_desktop.core.i18n import QT_TR_NOOP, current_language, tr

MONTHS = (
    QT_TR_NOOP("January"),
    QT_TR_NOOP("February"),
    QT_TR_NOOP("March"),
    QT_TR_NOOP("April"),
    QT_TR_NOOP("May"),
    QT_TR_NOOP("June"),
    QT_TR_NOOP("July"),
    QT_TR_NOOP("August"),
    QT_TR_NOOP("September"),
    QT_TR_NOOP("October"),
    QT_TR_NOOP("November"),
    QT_TR_NOOP("December"),
)
WEEKDAYS = (
    QT_TR_NOOP("Monday"),
    QT_TR_NOOP("Tuesday"),
    QT_TR_NOOP("Wednesday"),
    QT_TR_NOOP("Thursday"),
    QT_TR_NOOP("Friday"),
    QT_TR_NOOP("Saturday"),
    QT_TR_NOOP("Sunday"),
)
WEEKDAY_ABBREVIATIONS = (
    QT_TR_NOOP("Mon"),
    QT_TR_NOOP("Tue"),
    QT_TR_NOOP("Wed"),
    QT_TR_NOOP("Thu"),
    QT_TR_NOOP("Fri"),
    QT_TR_NOOP("Sat"),
    QT_TR_NOOP("Sun"),
)


def month_name(moment: datetime) -> str:
    return tr(MONTHS[moment.month - 1])


def month_abbreviation(moment: datetime) -> str:
    return _month_abbreviations(current_language())[moment.month - 1]


@functools.cache
def _month_abbreviations(language: str) -> tuple[str, ...]:
    # called, not listed: "May" needs a disambiguation to stay apart from the full name
    return (
        tr("Jan"),
        tr("Feb"),
        tr("Mar"),
        tr("Apr"),
        tr("May", "month abbreviation"),
        tr("Jun"),
        tr("Jul"),
        tr("Aug"),
        tr("Sep"),
        tr("Oct"),
        tr("Nov"),
        tr("Dec"),
    )


def weekday_name(moment: datetime) -> str:
    return tr(WEEKDAYS[moment.weekday()])


def weekday_abbreviation(moment: datetime) -> str:
    return tr(WEEKDAY_ABBREVIATIONS[moment.weekday()])


def clock(moment: datetime) -> str:
    return f"{moment:%H:%M}"


def day_heading(moment: datetime) -> str:
    """A day in full, as a heading: "Wednesday, 25 November 2026"."""
    return tr("{weekday}, {day} {month} {year}").format(
        weekday=weekday_name(moment),
        day=moment.day,
        month=month_name(moment),
        year=moment.year,
    )


def short_date(moment: datetime, with_year: bool) -> str:
    """A day compactly: "3 Mar", or "3 Mar 2025" for another year."""
    if with_year:
        return tr("{day} {month} {year}", "short date").format(
            day=moment.day, month=month_abbreviation(moment), year=moment.year
        )
    return tr("{day} {month}", "short date").format(
        day=moment.day, month=month_abbreviation(moment)
    )


def short_moment(moment: datetime) -> str:
    """A day and time compactly: "Wed 25 Nov 14:00"."""
    return tr("{weekday} {day} {month} {time}").format(
        weekday=weekday_abbreviation(moment),
        day=moment.day,
        month=month_abbreviation(moment),
        time=clock(moment),
    )
