"""The rules of time a scheduled message must meet (lead, at most a year ahead), and the
words for every broken rule: a Violation carries a stable code and its parameters, and
`message` words it in the agent's language. Which rules apply to which request (text,
files, a design's own limits) is the policy's (`scheduling/policy.py`).
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from agent_desktop.core.i18n import number, tr

MAX_CONTENT_CHARS = 150_000
DEFAULT_MIN_LEAD_MINUTES = 5
MAX_MIN_LEAD_MINUTES = 60
# the clock is read once to work out "+5m" and again to check it: a moment between the
# two must not make an exact lead too short
LEAD_TOLERANCE = timedelta(seconds=2)


class Rule(enum.Enum):
    EMPTY_TEXT = "empty_text"
    TEXT_TOO_LONG = "text_too_long"
    IN_PAST = "in_past"
    TOO_SOON = "too_soon"
    TOO_FAR = "too_far"
    TOO_MANY_FILES = "too_many_files"
    TOO_LONG_FOR_CHANNEL = "too_long_for_channel"


@dataclass(frozen=True)
class Violation:
    rule: Rule
    params: dict[str, int] = field(default_factory=dict)
    channel: str = ""  # the channel whose limit it is ("WhatsApp"), where one is

    @property
    def message(self) -> str:
        p = self.params
        match self.rule:
            case Rule.EMPTY_TEXT:
                return tr("the message is empty")
            case Rule.TEXT_TOO_LONG:
                return tr("the message has {length} characters; the limit is {limit}").format(
                    length=number(p["length"]), limit=number(p["limit"])
                )
            case Rule.IN_PAST:
                return tr("that time has already passed")
            case Rule.TOO_SOON:
                return tr("the time must be at least %n minute(s) from now", None, p["minutes"])
            case Rule.TOO_FAR:
                return tr("the time must be at most one year from now")
            case Rule.TOO_LONG_FOR_CHANNEL:
                return tr(
                    "{channel} takes at most {limit} characters; the message has {length}"
                ).format(channel=self.channel, limit=number(p["limit"]), length=number(p["length"]))
            case Rule.TOO_MANY_FILES:
                return (
                    tr("at most %n attachment(s) here", None, p["limit"])
                    + "; "
                    + tr("got {count}").format(count=p["count"])
                )


def add_years(instant: datetime, years: int) -> datetime:
    """The same calendar date `years` later; 29 February becomes 28 February."""
    try:
        return instant.replace(year=instant.year + years)
    except ValueError:
        return instant.replace(year=instant.year + years, day=28)


@dataclass(frozen=True)
class ScheduleRules:
    min_lead_minutes: int = DEFAULT_MIN_LEAD_MINUTES
    max_chars: int = MAX_CONTENT_CHARS

    def __post_init__(self) -> None:
        if not 0 <= self.min_lead_minutes <= MAX_MIN_LEAD_MINUTES:
            raise ValueError(
                tr("the minimum lead time must be between 0 and {max} minutes").format(
                    max=MAX_MIN_LEAD_MINUTES
                )
            )

    @property
    def min_lead(self) -> timedelta:
        return timedelta(minutes=self.min_lead_minutes)

    def check_time(
        self, when: datetime, now: datetime, *, lead: timedelta | None = None
    ) -> Violation | None:
        """With `lead`, a longer one than the agent's (a server's own) stands instead."""
        if when.tzinfo is None or now.tzinfo is None:
            raise ValueError("scheduling rules compare timezone-aware instants only")
        lead = self.min_lead if lead is None else lead
        if when <= now:
            return Violation(Rule.IN_PAST)
        if when < now + lead - LEAD_TOLERANCE:
            return Violation(Rule.TOO_SOON, {"minutes": int(lead.total_seconds() // 60)})
        if when > add_years(now, 1):
            return Violation(Rule.TOO_FAR)
        return None
