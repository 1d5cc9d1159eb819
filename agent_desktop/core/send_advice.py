"""Whether a send time suits the people at the other end: the inbox's business hours and
the customer's night. Warnings only, never a refusal: the agent may have good reason.
Each warning names the next time that suits both, when there is one."""

from __future__ import annotations

import enum
import math
from dataclasses import dataclass
from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo

from agent_desktop.core.business_hours import BusinessHours, wall_instant
from agent_desktop.core.i18n import tr

NIGHT_STARTS = time(22, 0)
NIGHT_ENDS = time(7, 0)
TRIES = 32  # each try moves past one closed spell or one night: a week has few


class Concern(enum.Enum):
    INBOX_CLOSED = "inbox_closed"
    CUSTOMER_NIGHT = "customer_night"


@dataclass(frozen=True)
class SendWarning:
    concern: Concern
    text: str


@dataclass(frozen=True)
class SendAdvice:
    warnings: tuple[SendWarning, ...]
    better: datetime | None  # the first instant after that suits both, when warned

    @property
    def fine(self) -> bool:
        return not self.warnings


def is_night(instant: datetime, zone: ZoneInfo) -> bool:
    clock = instant.astimezone(zone).time()
    return clock >= NIGHT_STARTS or clock < NIGHT_ENDS


def morning_after(instant: datetime, zone: ZoneInfo) -> datetime:
    """The end of the night `instant` falls in: the first moment after it at which the
    customer's clock reads outside 22:00-7:00. Mostly the next 7:00; a 7:00 skipped by
    the clocks ends it when they jump (unless they jump into another night), and clocks
    set back out of the night end it at once."""
    candidate = instant
    for _ in range(TRIES):
        local = candidate.astimezone(zone)
        day = local.date() if local.time() < NIGHT_ENDS else local.date() + timedelta(days=1)
        morning = wall_instant(datetime.combine(day, NIGHT_ENDS), zone)
        change = _offset_change(zone, candidate, morning)
        if change is None or not is_night(change, zone):
            return morning if change is None else change
        candidate = change  # still night on the new clock: its own 7:00 ends it
    return candidate


def _offset_change(zone: ZoneInfo, after: datetime, until: datetime) -> datetime | None:
    """The first instant in (after, until] at which the zone's clocks change (always on a
    whole second); None when they do not. Offsets are compared an hour apart: no zone
    changes its clocks twice within an hour."""
    offset = after.astimezone(zone).utcoffset()
    low = after
    while low < until:
        high = min(low + timedelta(hours=1), until)
        if high.astimezone(zone).utcoffset() != offset:
            low_s, high_s = int(low.timestamp()), math.ceil(high.timestamp())
            while high_s - low_s > 1:
                middle = (low_s + high_s) // 2
                if datetime.fromtimestamp(middle, UTC).astimezone(zone).utcoffset() == offset:
                    low_s = middle
                else:
                    high_s = middle
            return datetime.fromtimestamp(high_s, UTC)
        low = high
    return None


def suits_both(
    instant: datetime, hours: BusinessHours | None, customer: ZoneInfo | None
) -> datetime | None:
    """The first instant from `instant` on inside the inbox's hours and outside the
    customer's night; None when there is none within a few weeks' tries."""
    candidate = instant
    for _ in range(TRIES):
        if hours is not None and not hours.is_open(candidate):
            opening = hours.next_opening(candidate)
            if opening is None:
                return None
            candidate = opening
            continue
        if customer is not None and is_night(candidate, customer):
            candidate = morning_after(candidate, customer)
            continue
        return candidate
    return None


def send_advice(
    instant: datetime, hours: BusinessHours | None, customer: ZoneInfo | None
) -> SendAdvice:
    """The warnings for sending at `instant`, given the inbox's hours and the customer's
    zone (either may be unknown: None)."""
    warnings: list[SendWarning] = []
    if hours is not None and not hours.is_open(instant):
        opening = hours.next_opening(instant)
        if opening is None:
            text = tr("outside the inbox's business hours (it is closed every day)")
        else:
            text = tr("outside the inbox's business hours (opens {when})").format(
                when=hours.describe_opening(opening)
            )
        warnings.append(SendWarning(Concern.INBOX_CLOSED, text))
    if customer is not None and is_night(instant, customer):
        local = instant.astimezone(customer)
        # the customer's night, written as the agent reads it (an en dash for the range)
        text = tr("22:00–7:00 for the customer (it is {time} in {zone})").format(  # noqa: RUF001
            time=f"{local:%H:%M}", zone=customer.key
        )
        warnings.append(SendWarning(Concern.CUSTOMER_NIGHT, text))
    better = suits_both(instant, hours, customer) if warnings else None
    return SendAdvice(tuple(warnings), better)
