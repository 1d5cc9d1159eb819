"""Scheduling events arrive on dispatcher threads; this hands them to the GUI thread."""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt, Signal, Slot

from agent_desktop.scheduling.events import Event, EventBus


class EventBridge(QObject):
    delivered = Signal(object)
    _incoming = Signal(object)

    def __init__(self, bus: EventBus, parent: QObject | None = None) -> None:
        super().__init__(parent)
        # queued: emitted from any thread, delivered on this object's (the GUI) thread
        self._incoming.connect(self._deliver, Qt.ConnectionType.QueuedConnection)
        self._unsubscribe = bus.subscribe(self._incoming.emit)

    @Slot(object)
    def _deliver(self, event: Event) -> None:
        self.delivered.emit(event)

    def close(self) -> None:
        self._unsubscribe()
