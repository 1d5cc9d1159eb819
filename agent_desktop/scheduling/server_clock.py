"""The server's clock, as its answers' Date headers give it: a message goes out when the
server's clock (which dates every message the customer sees) reaches its time, not when
this machine's does; a machine whose clock is off by more than a minute is told so."""

from __future__ import annotations

import contextlib
import threading
from dataclasses import dataclass, field
from datetime import timedelta
from typing import TYPE_CHECKING

from agent_desktop.chatwoot.errors import ChatwootError
from agent_desktop.core.clock import Clock
from agent_desktop.core.i18n import tr
from agent_desktop.scheduling.events import EventBus, EventKind
from agent_desktop.scheduling.lookup import clock_ahead_of_server

if TYPE_CHECKING:
    from agent_desktop.chatwoot.client import ChatwootClient

STALE_AFTER = 600.0  # seconds (monotonic) before the offset is asked for again
TOLD_BEYOND = timedelta(minutes=1)


@dataclass
class ServerClocks:
    """How far this machine's clock is ahead of each server's (negative: behind)."""

    clock: Clock
    events: EventBus
    _known: dict[int, tuple[timedelta, float]] = field(default_factory=dict)
    _told: set[int] = field(default_factory=set)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def ahead(self, profile_id: int, client: ChatwootClient) -> timedelta:
        """The offset for a server, asked for (GET /api: no token, a few bytes) when not
        known lately; zero when the server cannot say."""
        with self._lock:
            known = self._known.get(profile_id)
        if known is not None and self.clock.monotonic() - known[1] < STALE_AFTER:
            return known[0]
        with contextlib.suppress(ChatwootError):  # a Date header may come even so
            client.server_info()
        return self.note(profile_id, client)

    def note(self, profile_id: int, client: ChatwootClient) -> timedelta:
        """What the client's last answer says of the server's clock."""
        if client.server_time is None:
            return timedelta(0)
        offset = clock_ahead_of_server(client, self.clock)
        with self._lock:
            self._known[profile_id] = (offset, self.clock.monotonic())
            tell = abs(offset) > TOLD_BEYOND and profile_id not in self._told
            if tell:
                self._told.add(profile_id)
            elif abs(offset) <= TOLD_BEYOND:
                self._told.discard(profile_id)
        if tell:
            minutes = round(abs(offset).total_seconds() / 60)
            detail = (
                tr("this computer's clock is %n minute(s) ahead of the server's", None, minutes)
                if offset > timedelta(0)
                else tr("this computer's clock is %n minute(s) behind the server's", None, minutes)
            )
            self.events.emit(
                EventKind.CLOCK_SKEW,
                None,
                detail + "; " + tr("scheduled messages go by the server's clock"),
            )
        return offset
