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
    index = next(i for i, (_unit, size) in enumerate(UNITS) if seconds >= size)
    # rounded up to the next unit, it says that unit: "in 1 h", not "in 60 min"
    if index > 0 and round(seconds / UNITS[index][1]) * UNITS[index][1] >= UNITS[index - 1][1]:
        index -= 1
    unit, size = UNITS[index]
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
