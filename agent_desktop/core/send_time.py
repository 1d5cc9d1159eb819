"""What a picked send time means, worded for the scheduler: the instant with its offset
and zone, the same instant in UTC, how far away it is, and for a wall time that happens
twice or never, the choices. The window only shows this; it converts nothing itself."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

from agent_desktop.core.i18n import tr
from agent_desktop.core.relative import relative
from agent_desktop.core.timezones import (
    Gap,
    WallKind,
    WallResolution,
    WallTime,
    ZonedTime,
    chosen_instant,
    format_offset,
    resolve_wall_time,
)


@dataclass(frozen=True)
class SendTime:
    choice: WallTime
    zone: ZoneInfo
    now: datetime
    resolution: WallResolution

    @property
    def kind(self) -> WallKind:
        return self.resolution.kind

    @property
    def value(self) -> ZonedTime | None:
        """The instant picked; None when the wall time does not exist."""
        return chosen_instant(self.resolution, self.choice.later)

    @property
    def gap(self) -> Gap | None:
        return self.resolution.gap

    @property
    def nearest(self) -> tuple[ZonedTime, ZonedTime] | None:
        """For a time that does not exist: the last minute before the jump, and the first
        moment after it."""
        gap = self.resolution.gap
        return (gap.last_before, gap.first_after) if gap else None

    @property
    def fold_labels(self) -> tuple[str, str] | None:
        """For an hour that happens twice: the two choices, each with its offset."""
        earlier, later = self.resolution.earlier, self.resolution.later
        if self.kind is not WallKind.AMBIGUOUS or earlier is None or later is None:
            return None
        return (
            tr("the first") + f" ({format_offset(earlier.offset)})",
            tr("the second") + f" ({format_offset(later.offset)})",
        )

    @property
    def gap_text(self) -> str:
        gap = self.resolution.gap
        if gap is None:
            return ""
        return tr("That time does not exist in {zone}: clocks jump from {start} to {end}.").format(
            zone=self.zone.key, start=f"{gap.start:%H:%M}", end=f"{gap.end:%H:%M}"
        )

    @property
    def local_text(self) -> str:
        value = self.value
        if value is None:
            return ""
        return tr("Sends {when} · {zone} · {relative}").format(
            when=value.display(), zone=self.zone.key, relative=relative(value.instant, self.now)
        )

    @property
    def utc_text(self) -> str:
        value = self.value
        if value is None:
            return ""
        clock = "%H:%M:%S" if value.instant.second else "%H:%M"
        return tr("= {utc} UTC").format(utc=value.instant.strftime(f"%Y-%m-%d {clock}"))


def send_time(choice: WallTime, zone: ZoneInfo, now: datetime) -> SendTime:
    return SendTime(choice, zone, now, resolve_wall_time(choice.wall, zone))
