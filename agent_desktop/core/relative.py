"""How far an instant is from now, in a few words: "in 5 min", "3 h ago"."""

from __future__ import annotations

from datetime import datetime

from agent_desktop.core.i18n import tr

UNITS = (("d", 86400), ("h", 3600), ("min", 60), ("s", 1))


def relative(instant: datetime, now: datetime) -> str:
    seconds = (instant - now).total_seconds()
    ahead = seconds >= 0
    seconds = abs(seconds)
    if seconds < 30:
        return tr("now")
    unit, size = next((unit, size) for unit, size in UNITS if seconds >= size)
    n = round(seconds / size)
    # each unit and direction its own message: languages word them differently
    if ahead:
        match unit:
            case "d":
                return tr("in %n d", None, n)
            case "h":
                return tr("in %n h", None, n)
            case "min":
                return tr("in %n min", None, n)
        return tr("in %n s", None, n)
    match unit:
        case "d":
            return tr("%n d ago", None, n)
        case "h":
            return tr("%n h ago", None, n)
        case "min":
            return tr("%n min ago", None, n)
    return tr("%n s ago", None, n)
