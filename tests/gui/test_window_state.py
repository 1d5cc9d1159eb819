"""The window comes back the size the agent left it, with its dividers and the Scheduled
tab's columns where they were; a damaged file leaves the defaults."""

from __future__ import annotations

from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QSplitter

from agent_desktop.gui.main_window import MainWindow
from agent_desktop.gui.window_state import FILENAME


def splitter(window: MainWindow, name: str) -> QSplitter:
    found = window.findChild(QSplitter, name)
    assert found is not None
    return found


def reopen(qtbot, session) -> MainWindow:
    again = MainWindow(session, QIcon())
    qtbot.addWidget(again)
    again.show()
    qtbot.waitExposed(again)
    # the thread and the reply box come once the list is drawn, with their dividers
    qtbot.waitUntil(lambda: again.built_pane is not None, timeout=5_000)
    return again


def test_size_dividers_and_columns_come_back(qtbot, window, session):
    while window.notices.isVisible():  # the same room in both windows for the thread
        window.notices.dismiss()
    window.resize(760, 560)  # within the offscreen screen, 800 by 600
    splitter(window, "conversations-splitter").setSizes([500, 600])
    splitter(window, "thread-splitter").setSizes([300, 300])
    window.scheduled.table.horizontalHeader().resizeSection(2, 333)
    window.scheduled.table.horizontalHeader().resizeSection(5, 444)  # the backend's
    qtbot.wait(10)  # let the resize reach the layouts
    conversations = splitter(window, "conversations-splitter").sizes()
    thread = splitter(window, "thread-splitter").sizes()
    window.quitting = True
    window.close()
    assert (session.home / FILENAME).exists()

    again = reopen(qtbot, session)
    assert (again.width(), again.height()) == (760, 560)
    assert splitter(again, "conversations-splitter").sizes() == conversations
    # the thread's own divider, once the thread is built after the list's first paint
    qtbot.waitUntil(lambda: splitter(again, "thread-splitter").sizes() == thread, timeout=2_000)
    assert again.scheduled.table.horizontalHeader().sectionSize(2) == 333
    again.tabs.setCurrentIndex(1)  # where the backend column is sized, but not over this
    qtbot.waitUntil(again.scheduled.isVisible, timeout=5_000)
    assert again.scheduled.table.horizontalHeader().sectionSize(5) == 444
    again.quitting = True
    again.close()


def test_a_damaged_file_leaves_the_defaults(qtbot, window, session):
    default = window.size()  # 1280 by 800, or as much of it as the screen has room for
    window.quitting = True
    window.close()
    (session.home / FILENAME).write_text('{"format": 1, "geometry": 42, "thread-splitter": "%%"')
    again = reopen(qtbot, session)
    assert again.size() == default
    again.quitting = True
    again.close()
