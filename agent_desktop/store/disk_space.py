"""Whether the disk is full, as the agent is told it: once when it fills, once when it
has room again. On a nearly full disk SQLite fits a small write into pages it already
has while the next one fails; were every write that gets through "space again", the
agent would be told "disk full" and "space again" on and off."""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path

from agent_desktop.store.integrity import LOW_SPACE, DiskFullError, free_bytes

# Seconds without a failed write before space is said to be back: a sender tries a failed
# write again many times a second, so on a disk still full one fails well within this;
# short enough that the agent hears of it soon after freeing some space.
STEADY_SECONDS = 5.0


class DiskSpace:
    """A stretch of full disk, from its first failed write until a write gets through
    when none has failed for STEADY_SECONDS. A write that gets through sooner ends
    nothing: if the next one fails too, the disk was never back. With no writes at all
    meanwhile, the last one that got through counts (a sender with nothing to do writes
    nothing, and would otherwise never hear of the space).

    `tell` hears the error when the disk fills and None when space is back, called under
    the same lock as the decision: told out of order, "space again" could be the last
    word while the disk is full."""

    def __init__(
        self,
        path: Path,
        tell: Callable[[DiskFullError | None], None],
        steady: float = STEADY_SECONDS,
    ) -> None:
        self._path = path
        self._tell = tell
        self._steady = steady
        self._lock = threading.Lock()
        self._full = False
        self._failed_at = 0.0
        self._got_through = False  # since the last failure

    def failed(self, now: float, error: DiskFullError) -> None:
        """A write failed on a full disk: told if the disk is newly full."""
        with self._lock:
            newly = not self._full
            self._full, self._failed_at, self._got_through = True, now, False
            if newly:
                self._tell(error)

    def got_through(self, now: float) -> None:
        """A write got through: space told back if it now is."""
        with self._lock:
            if self._full:
                self._got_through = True
                self._tell_if_back(now)

    def recheck(self, now: float) -> None:
        """Space told back if it now is, with no write meanwhile."""
        with self._lock:
            self._tell_if_back(now)

    def _tell_if_back(self, now: float) -> None:
        """Back: a write got through since the last failure, which is STEADY_SECONDS old,
        and the disk has room again."""
        if not self._full or not self._got_through or now - self._failed_at < self._steady:
            return
        free = free_bytes(self._path)
        if free is not None and free < LOW_SPACE:  # room for a page or two is no room
            return
        self._full = False
        self._tell(None)
