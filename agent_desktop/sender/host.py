"""The sender at work: the local outbox's dispatcher, kept awake by changes to the
database (whoever wrote them: the window, a command, another machine's sync), held while
the agent paused sending or switched scheduling off, telling what happens in the journal
the window reads, and answering on its control socket. The headless `agent-desktop run`
and the sender the window starts are this, in a process of their own; the window's tests
run it on a thread of theirs.

It runs until stopped; with `until_idle`, until nothing local waits; started for windows,
until none of them runs and nothing local waits (or sending is held)."""

from __future__ import annotations

import contextlib
import enum
import logging
import os
import queue
import sqlite3
import threading
import time
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from agent_desktop.scheduling.events import Event
from agent_desktop.sender import processes
from agent_desktop.sender.backups import RunningBackups
from agent_desktop.sender.control import ControlServer
from agent_desktop.sender.listening import Listening
from agent_desktop.sender.lock import SenderLock
from agent_desktop.store.journal import Journal

if TYPE_CHECKING:
    from agent_desktop.workspace import App

log = logging.getLogger(__name__)
POLL = 0.2  # seconds between looks at the database's change counter
LOOK_AROUND = 2.0  # seconds between looks at the windows and at idleness


class Ending(enum.StrEnum):
    STOPPED = "stopped"  # asked to (a signal, the control socket, the window's tests)
    IDLE = "idle"  # nothing left to do, and nobody to stay for
    PAUSED = "paused"  # --until-idle while sending waits for a sign-in
    FAULT = "fault"  # its database went away: stopped so that nothing goes twice


class SenderHost:
    def __init__(
        self,
        app: App,
        *,
        lock: SenderLock | None,
        windows: Iterable[int] = (),
        until_idle: bool = False,
    ) -> None:
        self.app = app
        self.lock = lock
        self.dispatcher = app.dispatcher()
        self.journal = Journal(app.db, app.clock)
        self.windows = set(windows)
        self.for_windows = bool(self.windows)
        self.until_idle = until_idle
        self.fault: str | None = None
        self.started_at = time.time()
        self._asked_to_stop = threading.Event()
        self._control: ControlServer | None = None
        self._changes: _ChangeCounter | None = None
        self._writer = _JournalWriter(self.journal, self.owner)
        self._backups = RunningBackups(app)
        self._unsubscribe = app.events.subscribe(self._write_down)
        # a pass that ends when idle has nothing to wait on: its look before sending holds
        self.listening = None if until_idle else Listening(app)

    @property
    def owner(self) -> str:
        return self.dispatcher.owner

    def _write_down(self, event: Event) -> None:
        record_id = event.record.id if event.record is not None else None
        self._writer.put((event.kind.value, record_id, event.detail))

    # -- what the control socket answers -----------------------------------------------

    def answer(self, asked: dict[str, Any]) -> dict[str, Any]:
        op = asked.get("op")
        if op == "status":
            return self.status()
        if op == "wake":
            self.dispatcher.wake()
            return {}
        if op == "adopt":
            self.windows.add(int(asked["pid"]))
            self.for_windows = True
            return self.status()
        if op == "token":  # kept for the window's session only: in memory, here too
            self.app.credentials.keep_for_session(
                str(asked["base_url"]), int(asked["user_id"]), str(asked["token"])
            )
            self.dispatcher.wake()
            return {}
        if op == "stop":
            self._asked_to_stop.set()
            return {}
        raise ValueError(f"unknown op {op!r}")

    def status(self) -> dict[str, Any]:
        dispatcher = self.dispatcher
        return {
            "pid": os.getpid(),
            "owner": self.owner,
            "started_at": self.started_at,
            "held": dispatcher.on_hold,
            "paused_profiles": sorted(dispatcher.paused),
            "windows": sorted(self.windows),
            "fault": self.fault,
        }

    # -- the life of a sender -------------------------------------------------------------

    def start(self) -> None:
        """Open the control socket and start sending (before anyone is told it runs)."""
        if self._changes is not None:
            return
        with contextlib.suppress(Exception):  # a locked or full database: next time
            self.journal.prune()
        if self.lock is not None and self.lock.held:
            self._control = ControlServer(self.app.home, self.owner, self.answer)
        self._changes = _ChangeCounter(self.app.db.path)
        self._writer.start()
        self._apply_settings()
        self.dispatcher.start()
        if self.listening is not None:
            self.listening.update()

    def serve(self, stop: threading.Event) -> Ending:
        self.start()
        changes = self._changes
        assert changes is not None
        looked_around = time.monotonic()
        try:
            while True:
                if stop.is_set() or self._asked_to_stop.is_set():
                    return Ending.STOPPED
                fault = self.dispatcher.fault or self.app.outbox.store_moved()
                if fault is not None:
                    self.fault = fault
                    return Ending.FAULT
                if changes.changed():
                    self._apply_settings()
                    self.dispatcher.wake()
                    self._backups.changed()
                    if self.listening is not None:
                        self.listening.update()
                self.app.db.recheck_disk_space()  # said when a full disk is back
                now = time.monotonic()
                self._backups.tick(now)
                if self.until_idle or (self.for_windows and now - looked_around >= LOOK_AROUND):
                    looked_around = now
                    ending = self._done()
                    if ending is not None:
                        return ending
                stop.wait(POLL)
        finally:
            if self.listening is not None:
                self.listening.close()
            self.dispatcher.stop()
            if self._control is not None:
                self._control.close()
            changes.close()
            self._backups.close()
            self._unsubscribe()
            self._writer.close()  # last: what stopping told is written down too

    def _apply_settings(self) -> None:
        try:
            settings = self.app.settings.current()
        except Exception:  # a locked database: kept as it was until the next change
            log.exception("reading the settings failed")
            return
        held = settings.sending_paused or not settings.scheduling_enabled
        if held != self.dispatcher.on_hold:
            self.dispatcher.hold(held)

    def _done(self) -> Ending | None:
        try:
            idle = self.dispatcher.idle()
        except Exception:  # a locked database: look again later
            return None
        if self.until_idle:
            if idle:
                return Ending.PAUSED if self.dispatcher.paused else Ending.IDLE
            return None
        self.windows = {pid for pid in self.windows if processes.alive(pid)}
        if not self.windows and (idle or self.dispatcher.on_hold):
            return Ending.IDLE
        return None


class _JournalWriter:
    """Writes what the sender tells on a thread of its own, what came meanwhile in one
    transaction: a burst of sends costs a commit per batch, not one per message, and no
    sending thread waits for the journal."""

    def __init__(self, journal: Journal, origin: str) -> None:
        self._journal = journal
        self._origin = origin
        self._queue: queue.SimpleQueue[tuple[str, int | None, str] | None] = queue.SimpleQueue()
        self._thread = threading.Thread(target=self._run, name="sender-journal", daemon=True)

    def put(self, entry: tuple[str, int | None, str]) -> None:
        self._queue.put(entry)

    def start(self) -> None:
        if not self._thread.is_alive():
            self._thread.start()

    def close(self, timeout: float = 10.0) -> None:
        if self._thread.is_alive():
            self._queue.put(None)
            self._thread.join(timeout)

    def _run(self) -> None:
        while True:
            first = self._queue.get()
            batch = [] if first is None else [first]
            ending = first is None
            while not ending:
                try:
                    entry = self._queue.get_nowait()
                except queue.Empty:
                    break
                if entry is None:
                    ending = True
                else:
                    batch.append(entry)
            if batch:
                self._write(batch)
            if ending:
                return

    def _write(self, batch: list[tuple[str, int | None, str]]) -> None:
        for attempt in range(3):
            try:
                self._journal.append_many(self._origin, batch)
                return
            except Exception:  # a locked or full database: the window learns from rows
                if attempt == 2:
                    log.exception("writing %d journal entries failed", len(batch))
                time.sleep(0.2)


class _ChangeCounter:
    """SQLite's data_version on a connection of its own: it moves whenever another
    connection (any process's, this one's dispatcher included) commits."""

    def __init__(self, path: os.PathLike[str]) -> None:
        self._db = sqlite3.connect(os.fspath(path), check_same_thread=False)
        self._last = self._read()

    def _read(self) -> int | None:
        try:
            row = self._db.execute("PRAGMA data_version").fetchone()
        except sqlite3.Error:
            return None
        return int(row[0]) if row else None

    def changed(self) -> bool:
        now = self._read()
        if now == self._last:
            return False
        self._last = now
        return True

    def close(self) -> None:
        self._db.close()
