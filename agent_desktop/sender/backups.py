"""Backups while the sender runs: the first as soon as there is something to keep (not at
the next start of a command or the window), then a fresh one each day for as long as the
sender runs, which may be weeks. Whether one is due is `daily_backup`'s to say; this only
asks it at the right moments, on a thread of its own, so the sender never waits on a
file copy."""

from __future__ import annotations

import threading
import time
from typing import TYPE_CHECKING

from agent_desktop.store.recovery import has_messages

if TYPE_CHECKING:
    from agent_desktop.workspace import App

AFTER_CHANGE = 60.0  # seconds: after a change, at most this often is a backup looked for
AT_LEAST = 3600.0  # and at least this often, so a sender that runs for days rotates them


class RunningBackups:
    def __init__(self, app: App) -> None:
        self._app = app
        self._looked = time.monotonic()  # the command or window that started took one
        self._changed = False
        self._nothing_kept = True  # until a look finds a message: then at the next change
        self._thread: threading.Thread | None = None

    def changed(self) -> None:
        self._changed = True

    def tick(self, now: float) -> None:
        if self._thread is not None and self._thread.is_alive():
            return
        since = now - self._looked
        first = self._changed and self._nothing_kept
        if first or (self._changed and since >= AFTER_CHANGE) or since >= AT_LEAST:
            self._looked, self._changed = now, False
            self._thread = threading.Thread(target=self._look, name="backups", daemon=True)
            self._thread.start()

    def _look(self) -> None:
        self._app.take_daily_backup()
        try:
            self._nothing_kept = not has_messages(self._app.home)
        except Exception:  # a locked or vanished file: the sender's own look says so
            self._nothing_kept = True

    def close(self, timeout: float = 10.0) -> None:
        if self._thread is not None:
            self._thread.join(timeout)
