"""How far an instant is from now, in a few characters: "in 5 min", "3 h ago"."""

from __future__ import annotations

from datetime import datetime


def relative(instant: datetime, now: datetime) -> str:
    seconds = (instant - now).total_seconds()
    ahead = seconds >= 0
    seconds = abs(seconds)
    if seconds < 30:
        return "now"
    for unit, size in (("d", 86400), ("h", 3600), ("min", 60)):
        if seconds >= size:
            amount = f"{round(seconds / size)} {unit}"
            break
    else:
        amount = f"{round(seconds)} s"
    return f"in {amount}" if ahead else f"{amount} ago"
