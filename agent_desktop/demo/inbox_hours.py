"""The demo inboxes' business hours, as Chatwoot keeps them: every inbox has a row per
weekday from its creation (OutOfOffisable#create_default_working_hours: Monday to Friday
9:00-17:00), used only while working_hours_enabled is on."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from agent_desktop.demo.models import Inbox

Week = dict[int, tuple[int, int, int, int] | None]  # day_of_week (0 Sunday): hours, or closed


def weekly_schedule(week: Week) -> list[dict[str, Any]]:
    """Inbox#weekly_schedule: the seven rows by day_of_week; a closed day's hours null."""
    rows = []
    for day in range(7):
        hours = week.get(day)
        open_hour, open_minutes, close_hour, close_minutes = hours or (None, None, None, None)
        rows.append(
            {
                "day_of_week": day,
                "closed_all_day": hours is None,
                "open_hour": open_hour,
                "open_minutes": open_minutes,
                "close_hour": close_hour,
                "close_minutes": close_minutes,
                "open_all_day": False,
            }
        )
    return rows


WEEKDAYS = range(1, 6)
CHATWOOT_DEFAULT = weekly_schedule({day: (9, 0, 17, 0) for day in WEEKDAYS})
# São Paulo's sales: weekdays 9:00-18:00
SALES = weekly_schedule({day: (9, 0, 18, 0) for day in WEEKDAYS})
# Lisbon's support: weekdays to 17:30, Friday late to 21:00, closed at the weekend
SUPPORT = weekly_schedule({**{day: (9, 0, 17, 30) for day in range(1, 5)}, 5: (9, 0, 21, 0)})
# New York's English support: weekdays 8:00-17:00 (its clocks change on other dates than
# Lisbon's, and São Paulo's never do)
US_SUPPORT = weekly_schedule({day: (8, 0, 17, 0) for day in WEEKDAYS})


def keep_hours(inboxes: Sequence[Inbox]) -> None:
    """WhatsApp keeps São Paulo's sales hours, e-mail Lisbon's support hours, the English
    e-mail New York's, and the website chat none (its rows the defaults, switched off)."""
    whatsapp, email, website, email_us = inboxes
    whatsapp.working_hours_enabled, whatsapp.working_hours = True, SALES
    email.working_hours_enabled, email.working_hours = True, SUPPORT
    website.working_hours_enabled, website.working_hours = False, CHATWOOT_DEFAULT
    email_us.working_hours_enabled, email_us.working_hours = True, US_SUPPORT
