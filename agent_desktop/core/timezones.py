"""Local wall-clock times in IANA zones, and the UTC instants they stand for.

Everything is stored and sent as UTC; a local time exists only for the agent to read
and type. Two local times need care: one inside a spring-forward gap never happens
(refused, with the nearest valid times offered), one inside a fall-back overlap
happens twice (the earlier unless the later is asked for).
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import tzlocal

from agent_desktop.core.i18n import tr


class UnknownTimeZoneError(ValueError):
    def __init__(self, name: str) -> None:
        super().__init__(
            tr("unknown time zone {name}: use an IANA name such as America/Sao_Paulo").format(
                name=repr(name)
            )
        )
        self.name = name


class BadLocalTimeError(ValueError):
    """A local date-time that could not be read."""


def local_zone() -> ZoneInfo:
    """The workstation's zone; UTC when the system does not say."""
    try:
        name = tzlocal.get_localzone_name()
    except (ZoneInfoNotFoundError, LookupError, OSError, ValueError):
        name = None
    if not name:
        return ZoneInfo("UTC")
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return ZoneInfo("UTC")


def resolve_zone(name: str | None) -> ZoneInfo:
    """The named IANA zone, or the workstation's when no name is given."""
    if name is None or not name.strip():
        return local_zone()
    try:
        return ZoneInfo(name.strip())
    except (ZoneInfoNotFoundError, ValueError) as exc:
        raise UnknownTimeZoneError(name) from exc


def parse_wall_time(text: str) -> datetime:
    """Read "YYYY-MM-DD HH:MM[:SS]" (a 'T' may stand for the space) as a naive wall time."""
    cleaned = text.strip()
    try:
        parsed = datetime.fromisoformat(cleaned)
    except ValueError:
        raise BadLocalTimeError(
            tr("cannot read {text} as a local time: use YYYY-MM-DD HH:MM[:SS]").format(
                text=repr(text)
            )
        ) from None
    if len(cleaned) <= 10:
        raise BadLocalTimeError(
            tr("{text} has no time of day: use YYYY-MM-DD HH:MM[:SS]").format(text=repr(text))
        )
    if parsed.tzinfo is not None:
        raise BadLocalTimeError(
            tr(
                "{text} carries an offset: give the local time alone and the zone separately"
            ).format(text=repr(text))
        )
    return parsed.replace(microsecond=0)


def format_offset(offset: timedelta) -> str:
    """UTC+05:30 style; seconds only when a (historic) offset has them."""
    total = int(offset.total_seconds())
    sign = "+" if total >= 0 else "-"
    hours, rest = divmod(abs(total), 3600)
    minutes, seconds = divmod(rest, 60)
    text = f"UTC{sign}{hours:02d}:{minutes:02d}"
    return f"{text}:{seconds:02d}" if seconds else text


@dataclass(frozen=True)
class ZonedTime:
    """One instant, with the zone it is shown in."""

    instant: datetime
    zone: ZoneInfo

    def __post_init__(self) -> None:
        if self.instant.tzinfo is None:
            raise ValueError("ZonedTime needs a timezone-aware instant")
        object.__setattr__(self, "instant", self.instant.astimezone(UTC))

    @property
    def local(self) -> datetime:
        return self.instant.astimezone(self.zone)

    @property
    def wall(self) -> datetime:
        """The local wall-clock reading, without zone."""
        return self.local.replace(tzinfo=None)

    @property
    def offset(self) -> timedelta:
        offset = self.local.utcoffset()
        assert offset is not None  # a ZoneInfo always gives one
        return offset

    @property
    def abbreviation(self) -> str:
        """The zone's abbreviation (EDT, BST), or '' where tzdata has only numbers."""
        name = self.local.tzname() or ""
        return "" if name[:1] in "+-" or not name else name

    @property
    def zone_name(self) -> str:
        return self.zone.key

    def iso_utc(self) -> str:
        """ISO 8601 in UTC with a Z, as servers are sent."""
        return self.instant.strftime("%Y-%m-%dT%H:%M:%SZ")

    def iso_local(self) -> str:
        return self.local.isoformat(timespec="seconds")

    def display(self) -> str:
        """'2026-03-08 03:00 EDT (UTC-04:00)': the offset is always part of what is shown."""
        wall = self.wall
        clock = wall.strftime("%H:%M:%S") if wall.second else wall.strftime("%H:%M")
        abbreviation = f" {self.abbreviation}" if self.abbreviation else ""
        return f"{wall:%Y-%m-%d} {clock}{abbreviation} ({format_offset(self.offset)})"


def from_utc(instant: datetime, zone: ZoneInfo) -> ZonedTime:
    return ZonedTime(instant, zone)


class WallKind(enum.Enum):
    NORMAL = "normal"
    AMBIGUOUS = "ambiguous"
    NONEXISTENT = "nonexistent"


@dataclass(frozen=True)
class Gap:
    """A spring-forward gap: wall times from start (inclusive) to end (exclusive) never happen."""

    zone: ZoneInfo
    transition: datetime
    start: datetime
    end: datetime

    @property
    def last_before(self) -> ZonedTime:
        """The last whole minute before the clocks jump."""
        return ZonedTime(self.transition - timedelta(minutes=1), self.zone)

    @property
    def first_after(self) -> ZonedTime:
        """The first moment after the jump: the gap's end on the wall clock."""
        return ZonedTime(self.transition, self.zone)


@dataclass(frozen=True)
class WallResolution:
    """What a wall time in a zone means: one instant, two, or none."""

    wall: datetime
    zone: ZoneInfo
    kind: WallKind
    earlier: ZonedTime | None
    later: ZonedTime | None
    gap: Gap | None


class NonexistentLocalTimeError(ValueError):
    def __init__(self, wall: datetime, gap: Gap) -> None:
        before, after = gap.last_before, gap.first_after
        super().__init__(
            tr(
                "{time} does not exist in {zone}: clocks jump from {start} to {end} that day; "
                "nearest valid times: {before} or {after}"
            ).format(
                time=f"{wall:%Y-%m-%d %H:%M}",
                zone=gap.zone.key,
                start=f"{gap.start:%H:%M}",
                end=f"{gap.end:%H:%M}",
                before=before.display(),
                after=after.display(),
            )
        )
        self.wall = wall
        self.gap = gap


def _transition_between(zone: ZoneInfo, lo: datetime, hi: datetime) -> datetime:
    """The first instant in (lo, hi] whose UTC offset differs from lo's, to the second."""
    start_offset = lo.astimezone(zone).utcoffset()
    lo_s, hi_s = int(lo.timestamp()), int(hi.timestamp())
    while hi_s - lo_s > 1:
        mid = (lo_s + hi_s) // 2
        if datetime.fromtimestamp(mid, UTC).astimezone(zone).utcoffset() == start_offset:
            lo_s = mid
        else:
            hi_s = mid
    return datetime.fromtimestamp(hi_s, UTC)


def resolve_wall_time(wall: datetime, zone: ZoneInfo) -> WallResolution:
    """Classify a naive wall time in a zone, and give the instant(s) it stands for."""
    if wall.tzinfo is not None:
        raise ValueError("resolve_wall_time takes a naive wall-clock time")
    wall = wall.replace(fold=0)
    first = ZonedTime(wall.replace(tzinfo=zone, fold=0), zone)
    second = ZonedTime(wall.replace(tzinfo=zone, fold=1), zone)
    if first.wall != wall:
        lo, hi = sorted((first.instant, second.instant))
        transition = _transition_between(zone, lo - timedelta(seconds=1), hi)
        before = transition - timedelta(seconds=1)
        gap = Gap(
            zone=zone,
            transition=transition,
            start=(before.astimezone(zone).replace(tzinfo=None) + timedelta(seconds=1)),
            end=transition.astimezone(zone).replace(tzinfo=None),
        )
        return WallResolution(wall, zone, WallKind.NONEXISTENT, None, None, gap)
    if first.instant != second.instant:
        earlier, later = sorted((first, second), key=lambda zoned: zoned.instant)
        return WallResolution(wall, zone, WallKind.AMBIGUOUS, earlier, later, None)
    return WallResolution(wall, zone, WallKind.NORMAL, first, first, None)


def chosen_instant(resolution: WallResolution, later: bool) -> ZonedTime | None:
    """The one rule for which instant a picked wall time means, for the window's panel
    and the command line alike: in a fall-back overlap the earlier one unless the later
    is asked for; in a spring-forward gap none."""
    if resolution.kind is WallKind.NONEXISTENT:
        return None
    return resolution.later if later else resolution.earlier


def to_utc(wall: datetime, zone: ZoneInfo, *, later: bool = False) -> ZonedTime:
    """The instant a wall time stands for (see chosen_instant); in a spring-forward gap
    NonexistentLocalTimeError names the gap and the nearest valid times."""
    resolution = resolve_wall_time(wall, zone)
    chosen = chosen_instant(resolution, later)
    if chosen is None:
        assert resolution.gap is not None
        raise NonexistentLocalTimeError(resolution.wall, resolution.gap)
    return chosen


@dataclass(frozen=True)
class WallTime:
    """What the agent picks: a wall-clock reading (to the microsecond) and, for an hour
    that happens twice, whether the second one is meant."""

    wall: datetime
    later: bool = False

    def __post_init__(self) -> None:
        if self.wall.tzinfo is not None:
            raise ValueError("WallTime holds a naive wall-clock reading")
        object.__setattr__(self, "wall", self.wall.replace(fold=0))

    def resolve(self, zone: ZoneInfo) -> ZonedTime:
        return to_utc(self.wall, zone, later=self.later)


def wall_of(instant: datetime, zone: ZoneInfo) -> WallTime:
    """The wall time and repeated-hour choice that stand for an instant: the inverse of
    to_utc, exact to the microsecond, so an edit that keeps the time keeps the instant."""
    if instant.tzinfo is None:
        raise ValueError("wall_of needs a timezone-aware instant")
    local = instant.astimezone(zone)
    wall = local.replace(tzinfo=None)
    resolution = resolve_wall_time(wall, zone)
    later = (
        resolution.kind is WallKind.AMBIGUOUS
        and resolution.later is not None
        and resolution.later.offset == local.utcoffset()
    )
    return WallTime(wall, later)
