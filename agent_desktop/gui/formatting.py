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
    """Today: 14:05; this year: 3 Mar 14:05; else 3 Mar 2025."""
    local = instant.astimezone(zone)
    today = (now or datetime.now(UTC)).astimezone(zone)
    if local.date() == today.date():
        return local.strftime("%H:%M")
    if local.year == today.year:
        return f"{local.day} {local:%b %H:%M}"
    return f"{local.day} {local:%b %Y}"


def when_display(instant: datetime, zone: ZoneInfo) -> str:
    return from_utc(instant, zone).display()
