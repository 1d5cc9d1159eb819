"""Times and names as the window shows them: local time with offset, relative time."""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from PySide6.QtCore import QCoreApplication

from agent_desktop.core.dates import short_date
from agent_desktop.core.relative import relative as relative_text


def tr(source: str, disambiguation: str | None = None, n: int = -1) -> str:
    """The window's strings, through Qt's translator (gui/language.py loads it)."""
    return QCoreApplication.translate("", source, disambiguation, n)


def one_line(text: str) -> str:
    """Text for a single line (a list row, a notification): its whitespace as spaces."""
    return " ".join(text.split())


def relative(instant: datetime, now: datetime | None = None) -> str:
    return relative_text(instant, now or datetime.now(UTC))


def short_time(instant: datetime, zone: ZoneInfo, now: datetime | None = None) -> str:
    """How long ago, compactly: now, 12 min, 3 h; then 3 Mar, or 3 Mar 2025."""
    now = now or datetime.now(UTC)
    seconds = (now - instant).total_seconds()
    if seconds < 60:
        return tr("now")
    if seconds < 3600:
        return tr("%n min", None, int(seconds // 60))
    if seconds < 86400:
        return tr("%n h", None, int(seconds // 3600))
    local = instant.astimezone(zone)
    return short_date(local, with_year=local.year != now.astimezone(zone).year)
