"""Python's cycle collector, run on the GUI thread only.

Left to itself, the collector runs in whichever thread allocates when a threshold is
passed: a worker reading the server's answer, the sender's thread, the demo server's. The
garbage it finds there may hold Qt objects (a window closed at an account switch, a
menu's actions with the slots that refer back to it), and freeing them deletes their C++
side on that thread while the GUI thread is using them or their parents: the process
dies with a segmentation fault. So automatic collection stays off once the window's
application exists, and a timer on the GUI thread collects instead, generation by
generation, with Python's own thresholds."""

from __future__ import annotations

import gc

from PySide6.QtCore import QCoreApplication, QObject, QTimer
from shiboken6 import isValid

CHECK_EVERY_MS = 250  # often enough that garbage never piles up for long

_installed: GuiThreadCollector | None = None


class GuiThreadCollector(QObject):
    def __init__(self, parent: QObject | None = None, every_ms: int = CHECK_EVERY_MS) -> None:
        super().__init__(parent)
        self.thresholds = gc.get_threshold()
        self._timer = QTimer(self)
        self._timer.setInterval(every_ms)
        self._timer.timeout.connect(self.collect_due)
        self._timer.start()

    def collect_due(self) -> int:
        """What Python would have collected by now on its own: the oldest generation whose
        count passed its threshold, with the younger ones. Returns the objects freed."""
        counts = gc.get_count()
        for generation in (2, 1, 0):
            if counts[generation] > self.thresholds[generation]:
                return gc.collect(generation)
        return 0


def install() -> GuiThreadCollector:
    """Automatic collection off, the GUI thread's timer on (once per application). Call on
    the GUI thread once the QApplication exists."""
    global _installed
    gc.disable()
    application = QCoreApplication.instance()
    if _installed is None or not isValid(_installed) or _installed.parent() is not application:
        _installed = GuiThreadCollector(application)
    return _installed


def installed() -> GuiThreadCollector | None:
    return _installed
