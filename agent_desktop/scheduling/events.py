"""What happened to scheduled messages, told to whoever listens (the CLI prints, the GUI
notifies). Listeners are called on the thread that emits: a GUI must hop threads."""

from __future__ import annotations

import enum
import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass

from agent_desktop.store.records import OutboxRecord

log = logging.getLogger(__name__)


class EventKind(enum.StrEnum):
    CREATED = "created"
    UPDATED = "updated"
    SENT = "sent"
    FAILED = "failed"
    HELD = "held"
    MISSED = "missed"
    CANCELLED = "cancelled"
    RETRYING = "retrying"
    PAUSED = "paused"  # sending stopped: the server refused the token
    RESUMED = "resumed"
    CLOCK_JUMP = "clock_jump"  # the wall clock moved unlike the monotonic one (or a resume)
    STOPPED = "stopped"  # the sender stopped on its own: its database file went away
    STUCK = "stuck"  # the server keeps it waiting past its time (a snoozed conversation)
    CLOCK_SKEW = "clock_skew"  # this machine's clock is more than a minute off the server's


@dataclass(frozen=True)
class Event:
    kind: EventKind
    record: OutboxRecord | None = None
    detail: str = ""


Listener = Callable[[Event], None]


class EventBus:
    def __init__(self) -> None:
        self._listeners: list[Listener] = []
        self._lock = threading.Lock()

    def subscribe(self, listener: Listener) -> Callable[[], None]:
        with self._lock:
            self._listeners.append(listener)

        def unsubscribe() -> None:
            with self._lock:
                if listener in self._listeners:
                    self._listeners.remove(listener)

        return unsubscribe

    def emit(self, kind: EventKind, record: OutboxRecord | None = None, detail: str = "") -> None:
        event = Event(kind, record, detail)
        with self._lock:
            listeners = list(self._listeners)
        for listener in listeners:
            try:
                listener(event)
            except Exception:  # a broken listener must not stop the dispatcher
                log.exception("an event listener failed on %s", kind)
