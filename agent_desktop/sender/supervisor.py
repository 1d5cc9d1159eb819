"""The window's side of the sender: the sender runs in a process of its own, and the
window makes sure one does. Asked from a worker thread every few seconds, `check`
attaches to the data directory's sender (one started at login included), starts one when
none runs (again after a crash), and replaces one that holds the data directory without
answering (frozen) once it has been silent for a while. Nothing here waits long: the
window's thread never calls it."""

from __future__ import annotations

import enum
import os
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from agent_desktop.sender import processes
from agent_desktop.sender.control import Address, SenderUnavailableError, ask
from agent_desktop.sender.lock import someone_holds

STARTING = 15.0  # seconds a sender just started is given to answer
SILENCE = 20.0  # seconds a sender holding the data directory may not answer


class Seen(enum.StrEnum):
    RUNNING = "running"  # it answered
    STARTED = "started"  # none ran: one was started
    STARTING = "starting"  # one was started a moment ago and does not answer yet
    SILENT = "silent"  # it holds the data directory and has not answered for a moment
    REPLACED = "replaced"  # it had not answered for long: ended, and a new one started


@dataclass(frozen=True)
class Check:
    seen: Seen
    status: dict[str, Any] = field(default_factory=dict)


def sender_command(home: Path, window_pid: int) -> list[str]:
    """The sender for this window: the frozen app's own executable, or this Python."""
    start = [sys.executable] if getattr(sys, "frozen", False) else [sys.executable, "-m"]
    if not getattr(sys, "frozen", False):
        start.append("agent_desktop")
    return [*start, "run", "--home", str(home), "--for-window", str(window_pid)]


def launch(command: list[str], env: Mapping[str, str]) -> subprocess.Popen[bytes]:
    """Started on its own: no console, and not ended with the window's process group."""
    options: dict[str, Any] = {}
    if os.name == "nt":  # pragma: no cover - Windows only
        options["creationflags"] = (
            subprocess.CREATE_NEW_PROCESS_GROUP  # type: ignore[attr-defined]
            | subprocess.CREATE_NO_WINDOW  # type: ignore[attr-defined]
        )
    else:
        options["start_new_session"] = True
    return subprocess.Popen(
        command,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env=dict(env),
        **options,
    )


class Supervisor:
    def __init__(
        self,
        home: Path,
        *,
        window_pid: int | None = None,
        env: Mapping[str, str] | None = None,
        start: Callable[[list[str], Mapping[str, str]], subprocess.Popen[bytes]] = launch,
        clock: Callable[[], float] = time.monotonic,
        silence: float = SILENCE,
    ) -> None:
        self.home = home
        self.window_pid = os.getpid() if window_pid is None else window_pid
        self.env = dict(os.environ if env is None else env)
        self._start = start
        self._clock = clock
        self.silence = silence
        self.child: subprocess.Popen[bytes] | None = None
        self._retired: list[subprocess.Popen[bytes]] = []
        self._started_at: float | None = None
        self._answered_at = clock()
        self._lock = threading.Lock()

    def check(self) -> Check:
        with self._lock:  # one look at a time: two would start two senders
            return self._look()

    def _look(self) -> Check:
        self._retired = [old for old in self._retired if old.poll() is None]  # reaped
        if self.child is not None and self.child.poll() is not None:
            self.child = None  # it ended (and is reaped): no longer starting
        try:
            status = ask(self.home, "status", timeout=1.5)
        except SenderUnavailableError:
            return self._unanswered()
        self._answered_at = self._clock()
        if self.window_pid not in status.get("windows", []):
            status = ask(self.home, "adopt", pid=self.window_pid)
        return Check(Seen.RUNNING, status)

    def _unanswered(self) -> Check:
        now = self._clock()
        started = self._started_at
        if self.child is not None and started is not None and now - started < STARTING:
            return Check(Seen.STARTING)
        if not someone_holds(self.home):
            self._launch()
            return Check(Seen.STARTED)
        if now - self._answered_at < self.silence:
            return Check(Seen.SILENT)
        address = Address.read(self.home)
        if address is not None and processes.alive(address.pid):
            processes.end(address.pid)
            deadline = time.monotonic() + 5
            while someone_holds(self.home) and time.monotonic() < deadline:
                time.sleep(0.05)
        self._launch()
        self._answered_at = now
        return Check(Seen.REPLACED)

    def _launch(self) -> None:
        if self.child is not None:  # ended, or ending: reaped at a later look
            self._retired.append(self.child)
        self.child = self._start(sender_command(self.home, self.window_pid), self.env)
        self._started_at = self._clock()

    def tell(self, op: str, **fields: Any) -> bool:
        """Pass something on (a wake, a session-only token); False when none answers."""
        try:
            ask(self.home, op, **fields)
        except SenderUnavailableError:
            return False
        return True

    def stop_sender(self) -> None:
        """For a window whose data directory goes with it (the demo's)."""
        self.tell("stop")
        children = [*self._retired, *([self.child] if self.child is not None else [])]
        for child in children:
            try:
                child.wait(timeout=10)
            except subprocess.TimeoutExpired:
                child.kill()
                child.wait(timeout=10)
        self.child, self._retired = None, []
