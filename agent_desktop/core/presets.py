"""When to send, said the short way: the reply box's presets and the command line's
`--at`, read into the same WallTime so that both resolve alike.

"In 1 hour" is an instant (exactly 3,600 s after now, whatever the clocks do meanwhile);
"tomorrow 9:00" and "next Monday 9:00" are wall times, which then meet the same rules as
a time typed in full: one that does not exist is refused with the nearest valid times,
one that happens twice is the first unless the second is asked for.
"""

from __future__ import annotations

import enum
import re
from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from agent_desktop.core.business_hours import ALWAYS_OPEN, BusinessHours
from agent_desktop.core.customer_zone import CustomerZone, UnknownCustomerZoneError, ZoneSource
from agent_desktop.core.dates import WEEKDAYS
from agent_desktop.core.i18n import tr
from agent_desktop.core.timezones import BadLocalTimeError, WallTime, parse_wall_time, wall_of

NINE = time(9, 0)


class Preset(enum.Enum):
    """The reply box's three presets, by what `--at` calls them."""

    IN_1_HOUR = "+1h"
    TOMORROW_9 = "tomorrow 09:00"
    NEXT_MONDAY_9 = "monday 09:00"

    @property
    def label(self) -> str:
        match self:
            case Preset.IN_1_HOUR:
                return tr("In 1 hour")
            case Preset.TOMORROW_9:
                return tr("Tomorrow 9:00")
            case Preset.NEXT_MONDAY_9:
                return tr("Next Monday 9:00")

    def wall(self, now: datetime, zone: ZoneInfo) -> WallTime:
        return parse_when(self.value, now, zone)


PRESETS = tuple(Preset)

_RELATIVE = re.compile(r"\+\s*((?:\d+\s*[dhms]\s*)+)", re.IGNORECASE)
_PART = re.compile(r"(\d+)\s*([dhms])", re.IGNORECASE)
_UNIT_SECONDS = {"d": 86400, "h": 3600, "m": 60, "s": 1}
_CLOCK = re.compile(r"(\d{1,2}):(\d{2})(?::(\d{2}))?")
_ENGLISH_DAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


def _day_words() -> dict[str, int | str]:
    """Day words in English and in the agent's language: a weekday's number, or
    'today'/'tomorrow'."""
    words: dict[str, int | str] = {"today": "today", "tomorrow": "tomorrow"}
    words[tr("today", "--at").casefold()] = "today"
    words[tr("tomorrow", "--at").casefold()] = "tomorrow"
    for number, name in enumerate(_ENGLISH_DAYS):
        words[name] = words[name[:3]] = number
        words[tr(WEEKDAYS[number]).casefold()] = number
    return words


def _bad(text: str) -> BadLocalTimeError:
    return BadLocalTimeError(
        tr(
            "cannot read {text} as a time: use YYYY-MM-DD HH:MM[:SS], +1h, +90m, "
            "tomorrow 09:00 or monday 09:00"
        ).format(text=repr(text))
    )


def parse_when(text: str, now: datetime, zone: ZoneInfo) -> WallTime:
    """Read '+1h', '+90m', '+1h30m', 'today 17:00', 'tomorrow 09:00', 'monday 09:00'
    (the next Monday after today) or 'YYYY-MM-DD HH:MM[:SS]' as the wall time it names
    in `zone`. A relative time is an exact distance from `now`; the rest are wall times
    left to the gap and repeated-hour rules of whoever resolves them."""
    cleaned = " ".join(text.split())
    relative = _RELATIVE.fullmatch(cleaned)
    if relative:
        seconds = sum(
            int(amount) * _UNIT_SECONDS[unit.lower()]
            for amount, unit in _PART.findall(relative.group(1))
        )
        if seconds == 0:
            raise _bad(text)
        try:
            return wall_of(now + timedelta(seconds=seconds), zone)
        except OverflowError:
            raise _bad(text) from None
    word, _, rest = cleaned.partition(" ")
    day = _day_words().get(word.casefold())
    if day is None:
        if not cleaned[:1].isdigit():
            raise _bad(text)
        return WallTime(parse_wall_time(cleaned))  # its own errors name what is wrong
    clock = _CLOCK.fullmatch(rest)
    if clock is None:
        raise _bad(text)
    hour, minute, second = int(clock[1]), int(clock[2]), int(clock[3] or 0)
    if hour > 23 or minute > 59 or second > 59:
        raise _bad(text)
    today = now.astimezone(zone).date()
    if day == "today":
        date = today
    elif day == "tomorrow":
        date = today + timedelta(days=1)
    else:
        assert isinstance(day, int)
        date = today + timedelta(days=(day - today.weekday()) % 7 or 7)
    return WallTime(datetime.combine(date, time(hour, minute, second)))


# -- times of the customer's and the inbox's day ------------------------------------------


class NoOpeningError(ValueError):
    """The inbox has no next opening: it is closed every day, or never closes."""


class CustomerPreset(enum.Enum):
    """Presets that read the conversation's customer or inbox, by what `--at` calls
    them; the window offers the same, resolved by `pick`."""

    THEIR_MORNING = "their-morning"
    INBOX_OPENS = "inbox-opens"

    @property
    def label(self) -> str:
        match self:
            case CustomerPreset.THEIR_MORNING:
                return tr("Their morning (9:00)")
            case CustomerPreset.INBOX_OPENS:
                return tr("When the inbox opens")

    def pick(
        self, now: datetime, customer: ZoneInfo | None, hours: BusinessHours | None
    ) -> tuple[WallTime, ZoneInfo]:
        """The wall time and the zone it is read in. UnknownCustomerZoneError when the
        customer's zone is needed and None; NoOpeningError when the inbox never opens."""
        match self:
            case CustomerPreset.THEIR_MORNING:
                if customer is None:
                    raise UnknownCustomerZoneError(CustomerZone(None, ZoneSource.UNKNOWN))
                return their_morning(now, customer), customer
            case CustomerPreset.INBOX_OPENS:
                hours = hours or ALWAYS_OPEN
                return inbox_opens(now, hours), hours.zone


CUSTOMER_PRESETS = tuple(CustomerPreset)


def customer_preset(text: str) -> CustomerPreset | None:
    """'their-morning', 'their morning', 'inbox-opens'... as the preset; None for any
    other --at."""
    key = "-".join(text.casefold().split())
    return next((p for p in CUSTOMER_PRESETS if p.value == key), None)


def their_morning(now: datetime, zone: ZoneInfo) -> WallTime:
    """The next 9:00 in the customer's zone: today's while it is before 9:00 there, else
    tomorrow's; a wall time like the other 9:00 presets, meeting the same rules."""
    local = now.astimezone(zone)
    day = local.date() if local.time() < NINE else local.date() + timedelta(days=1)
    return WallTime(datetime.combine(day, NINE))


def inbox_opens(now: datetime, hours: BusinessHours) -> WallTime:
    """The inbox's next opening after `now`, as its wall time in the inbox's zone (a
    repeated hour keeps which one, so it resolves to that very instant)."""
    opening = hours.next_opening(now)
    if opening is None:
        if hours.never_open:
            raise NoOpeningError(tr("the inbox is closed every day: it never opens"))
        raise NoOpeningError(tr("the inbox keeps no business hours: it is always open"))
    return wall_of(opening, hours.zone)
