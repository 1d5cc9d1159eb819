"""The state of a live channel, in a module of its own: the window shows it from its
first paint, before the channel's code (chatwoot/cable.py) is loaded."""

from __future__ import annotations

import enum


class LinkState(enum.Enum):
    CONNECTING = "connecting"
    LIVE = "live"
    DOWN = "down"  # not reachable or lost: the caller polls meanwhile
