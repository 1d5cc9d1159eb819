"""The rules a scheduling request must meet, each broken rule with its own message.

A Violation carries a stable code and its parameters; `message` words it in the
agent's language.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from agent_desktop.core.i18n import number, tr

MAX_CONTENT_CHARS = 150_000
DEFAULT_MIN_LEAD_MINUTES = 5
MAX_MIN_LEAD_MINUTES = 60


class Rule(enum.Enum):
    EMPTY_TEXT = "empty_text"
    TEXT_TOO_LONG = "text_too_long"
    IN_PAST = "in_past"
    TOO_SOON = "too_soon"
    TOO_FAR = "too_far"


@dataclass(frozen=True)
class Violation:
    rule: Rule
    params: dict[str, int] = field(default_factory=dict)

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

    def check_text(self, text: str) -> Violation | None:
        if not text.strip():
            return Violation(Rule.EMPTY_TEXT)
        if len(text) > self.max_chars:
            return Violation(Rule.TEXT_TOO_LONG, {"length": len(text), "limit": self.max_chars})
        return None

    def check_time(self, when: datetime, now: datetime) -> Violation | None:
        if when.tzinfo is None or now.tzinfo is None:
            raise ValueError("scheduling rules compare timezone-aware instants only")
        if when <= now:
            return Violation(Rule.IN_PAST)
        if when < now + timedelta(minutes=self.min_lead_minutes):
            return Violation(Rule.TOO_SOON, {"minutes": self.min_lead_minutes})
        if when > add_years(now, 1):
            return Violation(Rule.TOO_FAR)
        return None

    def check(self, text: str, when: datetime, now: datetime) -> list[Violation]:
        """Every rule the request breaks, text first; empty when it may be scheduled."""
        found = [self.check_text(text), self.check_time(when, now)]
        return [violation for violation in found if violation is not None]
