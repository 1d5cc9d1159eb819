"""How fast and how often to try: backoff with jitter, and a rate limit that keeps the
dispatcher under what Chatwoot throttles (requests per minute overall and messages per
minute per conversation), slowed for everyone by a 429."""

from __future__ import annotations

import random
import threading
from collections import defaultdict, deque
from dataclasses import dataclass, field
from datetime import datetime, timedelta

PER_CONVERSATION_PER_MINUTE = 150  # Chatwoot refuses a 201st message in a minute


@dataclass(frozen=True)
class Backoff:
    base: float = 2.0
    cap: float = 300.0
    max_attempts: int = 8

    def delay(self, attempt: int, rng: random.Random, at_least: float | None = None) -> float:
        """Seconds before try number `attempt + 1`: exponential, with half of it jittered,
        and never less than the server asked for."""
        ceiling = min(self.cap, self.base * (2 ** max(0, attempt - 1)))
        wait = ceiling / 2 + rng.random() * ceiling / 2
        return float(max(wait, at_least or 0.0))


@dataclass
class RateLimiter:
    """A sliding one-minute window, overall and per conversation, plus a 'not before'
    that a 429 sets for every request."""

    per_minute: int = 2400
    per_conversation: int = PER_CONVERSATION_PER_MINUTE
    _sent: deque[datetime] = field(default_factory=deque)
    _by_conversation: dict[tuple[int, int], deque[datetime]] = field(
        default_factory=lambda: defaultdict(deque)
    )
    not_before: datetime | None = None
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def slow_down(self, until: datetime) -> None:
        with self._lock:
            if self.not_before is None or until > self.not_before:
                self.not_before = until

    def reserve(self, now: datetime, key: tuple[int, int], requests: int = 1) -> datetime | None:
        """Take a place for one message (costing `requests` requests) now, or say when
        one will be free."""
        window = timedelta(minutes=1)
        with self._lock:
            if self.not_before is not None and now < self.not_before:
                return self.not_before
            _forget_before(self._sent, now - window)
            _forget_before(self._by_conversation[key], now - window)
            if len(self._sent) + requests > self.per_minute:
                return self._sent[min(len(self._sent) - 1, requests - 1)] + window
            conversation = self._by_conversation[key]
            if len(conversation) >= self.per_conversation:
                return conversation[0] + window
            self._sent.extend([now] * requests)
            conversation.append(now)
            return None

    def spare(self, now: datetime, requests: int = 1, share: float = 0.5) -> bool:
        """Take places for background requests (following deliveries) only while sending
        uses less than `share` of the allowance: they never crowd out a due message."""
        window = timedelta(minutes=1)
        with self._lock:
            if self.not_before is not None and now < self.not_before:
                return False
            _forget_before(self._sent, now - window)
            if len(self._sent) + requests > self.per_minute * share:
                return False
            self._sent.extend([now] * requests)
            return True


def _forget_before(times: deque[datetime], cutoff: datetime) -> None:
    """Drop what left the sliding window."""
    while times and times[0] <= cutoff:
        times.popleft()
