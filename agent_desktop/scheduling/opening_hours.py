"""The business hours of the inbox a conversation belongs to, for messages that wait for
it to open: asked of the server when such a message is due, and kept for a few minutes
(an administrator may change the hours; a burst of messages asks once)."""

from __future__ import annotations

import threading
from datetime import datetime

from agent_desktop.chatwoot.client import ChatwootClient
from agent_desktop.chatwoot.customers import customer_side
from agent_desktop.core.business_hours import BusinessHours, parse_business_hours
from agent_desktop.core.clock import Clock

KEEP_S = 600.0


class OpeningHours:
    def __init__(self, clock: Clock) -> None:
        self._clock = clock
        self._lock = threading.Lock()
        # (profile, conversation) -> (monotonic time asked, hours or None: inbox not shown)
        self._known: dict[tuple[int, int], tuple[float, BusinessHours | None]] = {}

    def of(
        self, client: ChatwootClient, profile_id: int, conversation_id: int
    ) -> BusinessHours | None:
        """The hours of the conversation's inbox; None when the agent cannot see the
        inbox (nothing to wait for). ChatwootError when the server cannot be asked."""
        key = (profile_id, conversation_id)
        now = self._clock.monotonic()
        with self._lock:
            kept = self._known.get(key)
        if kept is not None and now - kept[0] < KEEP_S:
            return kept[1]
        side = customer_side(client, conversation_id)
        hours = parse_business_hours(side.inbox) if side.inbox is not None else None
        with self._lock:
            self._known[key] = (now, hours)
        return hours

    def opening(
        self, client: ChatwootClient, profile_id: int, conversation_id: int, at: datetime
    ) -> datetime | None:
        """When a message due at `at` may go: None when it may go now (the inbox is
        open, has no hours, or never opens: it is not held for ever)."""
        hours = self.of(client, profile_id, conversation_id)
        if hours is None or hours.is_open(at):
            return None
        return hours.next_opening(at)
