"""Garbage holding Qt objects is freed on the GUI thread, never on the thread that
happened to allocate when Python's thresholds were passed (a worker, the demo server):
freed there, a window's C++ side is deleted under the GUI thread's feet."""

from __future__ import annotations

import gc
import threading
import weakref

from PySide6.QtCore import QObject

from agent_desktop.gui import collector


class Holder:
    """Cyclic garbage with a Qt object in it, as a closed window's slots make."""

    def __init__(self) -> None:
        self.me = self
        self.qt = QObject()


def test_garbage_made_on_a_worker_is_freed_on_the_gui_thread(qtbot) -> None:
    collector.install()
    freed_on: list[int] = []

    def worker() -> None:
        holder = Holder()
        weakref.finalize(holder, lambda: freed_on.append(threading.get_ident()))
        del holder
        # allocations enough for Python's own collector to run here several times over
        junk: list[list[int]] = [[] for _ in range(50 * gc.get_threshold()[0])]
        assert junk

    thread = threading.Thread(target=worker)
    thread.start()
    thread.join()
    assert freed_on == []  # not on the worker
    # the GUI thread allocates on, as a window does
    kept: list[list[int]] = [[] for _ in range(2 * gc.get_threshold()[0])]
    qtbot.waitUntil(lambda: freed_on != [], timeout=5000)
    assert freed_on == [threading.get_ident()]
    assert kept


def test_python_does_not_collect_on_its_own_once_installed(qtbot) -> None:
    collector.install()
    assert not gc.isenabled()
    assert collector.install() is collector.installed()  # one per application
