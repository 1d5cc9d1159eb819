"""Times and names as the window shows them: local time with offset, relative time."""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from PySide6.QtCore import QCoreApplication

from agent_desktop.core.relative import relative as relative_text


def tr(text: str) -> str:
    return QCoreApplication.translate("AgentDesktop", text)


def relative(instant: datetime, now: datetime | None = None) -> str:
    return tr(relative_text(instant, now or datetime.now(UTC)))


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
