"""Times and names as the window shows them: local time with offset, relative time."""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from PySide6.QtCore import QCoreApplication

from agent_desktop.core.timezones import from_utc


def tr(text: str) -> str:
    return QCoreApplication.translate("AgentDesktop", text)


def relative(instant: datetime, now: datetime | None = None) -> str:
    now = now or datetime.now(UTC)
    seconds = (instant - now).total_seconds()
    ahead = seconds > 0
    seconds = abs(seconds)
    if seconds < 60:
        return tr("now") if seconds < 30 else (tr("in 1 min") if ahead else tr("1 min ago"))
    for size, unit in ((86400, "d"), (3600, "h"), (60, "min")):
        if seconds >= size:
            amount = round(seconds / size)
            return f"in {amount} {unit}" if ahead else f"{amount} {unit} ago"
    return ""


def short_time(instant: datetime, zone: ZoneInfo, now: datetime | None = None) -> str:
    """How long ago, compactly: now, 12 min, 3 h; then 3 Mar, or 3 Mar 2025."""
    now = now or datetime.now(UTC)
    seconds = (now - instant).total_seconds()
    if seconds < 60:
        return tr("now")
    if seconds < 3600:
        return tr("{n} min").format(n=int(seconds // 60))
    if seconds < 86400:
        return tr("{n} h").format(n=int(seconds // 3600))
    local = instant.astimezone(zone)
    if local.year == now.astimezone(zone).year:
        return f"{local.day} {local:%b}"
    return f"{local.day} {local:%b %Y}"


def when_display(instant: datetime, zone: ZoneInfo) -> str:
    return from_utc(instant, zone).display()
