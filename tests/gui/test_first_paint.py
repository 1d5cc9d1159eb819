"""The window's first paint comes before the thread and the reply box are built (their
modules are a good part of the start-up), which then come by themselves, and nothing
appears on screen as a window of its own on the way."""

from __future__ import annotations

import json

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QWidget

from agent_desktop.gui.main_window import MainWindow


class WindowsShown(QObject):
    """Every widget shown as a window of its own while it watches."""

    def __init__(self) -> None:
        super().__init__()
        self.shown: list[str] = []

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Show and isinstance(watched, QWidget) and watched.isWindow():
            self.shown.append(type(watched).__name__)
        return False


def test_the_list_is_drawn_first_and_the_thread_follows(qtbot, session):
    window = MainWindow(session, QIcon())
    qtbot.addWidget(window)
    window.show()
    window.start()
    assert window.built_pane is None  # nothing of it before the first paint
    qtbot.waitUntil(lambda: window.built_pane is not None, timeout=5_000)
    pane = window.built_pane
    assert pane is not None and pane.isVisible()
    assert pane.window() is window  # in its place beside the list
    assert window.pane is pane  # built once
    window.quitting = True
    window.close()


def test_the_scheduled_tab_is_built_after_the_first_paint_by_itself(qtbot, session):
    from agent_desktop.gui.scheduled_tab import ScheduledTab

    window = MainWindow(session, QIcon())
    qtbot.addWidget(window)
    window.show()
    window.start()
    page = window.tabs.widget(1)
    assert page is not None
    assert page.findChild(ScheduledTab) is None  # not what the window opens on
    qtbot.waitUntil(lambda: page.findChild(ScheduledTab) is not None, timeout=5_000)
    assert window.scheduled is page.findChild(ScheduledTab)  # built once, in its tab
    window.tabs.setCurrentIndex(1)
    assert window.scheduled.isVisible()
    window.quitting = True
    window.close()


def test_the_contact_panel_is_built_when_first_shown(qtbot, window):
    from agent_desktop.gui.contact_card import CardView

    assert window.contact.isHidden() and window.contact.findChild(CardView) is None
    window.actions_["contact"].trigger()
    qtbot.waitUntil(window.contact.isVisible, timeout=5_000)
    view = window.contact.findChild(CardView)
    assert view is not None and view.isVisible()
    window.actions_["contact"].trigger()  # hidden and shown again: the same one
    window.actions_["contact"].trigger()
    assert window.contact.findChild(CardView) is view


def test_no_window_of_its_own_comes_and_goes_while_the_window_is_built(qtbot, session):
    """One that did (the scheduler's scroll area, made alone) took the window's
    activation with it, and with it every shortcut of the reply box."""
    watcher = WindowsShown()
    app = QApplication.instance()
    assert app is not None
    app.installEventFilter(watcher)
    try:
        window = MainWindow(session, QIcon())
        qtbot.addWidget(window)
        window.show()
        qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=5_000)
        qtbot.waitUntil(lambda: window.built_pane is not None, timeout=5_000)
        qtbot.wait(50)  # anything the build left to the event loop
    finally:
        app.removeEventFilter(watcher)
    assert watcher.shown == ["MainWindow"]
    assert QApplication.activeWindow() is window
    window.quitting = True
    window.close()


def test_the_backend_column_fits_its_labels_once_the_tab_is_shown(qtbot, window):
    """Its labels come from the scheduling designs, loaded after the first paint."""
    from agent_desktop.gui.formatting import tr
    from agent_desktop.gui.scheduled_model import backend_labels
    from agent_desktop.gui.scheduled_tab import BACKEND_COLUMN

    window.tabs.setCurrentIndex(1)
    qtbot.waitUntil(window.scheduled.isVisible, timeout=5_000)
    table = window.scheduled.table
    widest = max(table.fontMetrics().horizontalAdvance(tr(t)) for t in backend_labels().values())
    assert table.horizontalHeader().sectionSize(BACKEND_COLUMN) > widest


def test_the_conversation_left_open_comes_back_with_the_pane_after_the_first_paint(
    qtbot, session, demo_server
):
    """A returning agent's start: the kept page lists the conversation left open; it
    opens once the pane is built, not before the first paint."""
    from datetime import UTC, datetime

    from agent_desktop.chatwoot.client import ChatwootClient
    from agent_desktop.gui.window_state import FILENAME, FORMAT
    from agent_desktop.store.first_page import FirstPage

    api = ChatwootClient(demo_server.url, demo_server.token, account_id=session.profile.account_id)
    with api:
        page = api.conversations(status="open", assignee_type="me")
        inboxes = api.inboxes()
    left_open = page.conversations[1].id
    state = {"format": FORMAT, "open_conversations": {str(session.profile.id): left_open}}
    (session.home / FILENAME).write_text(json.dumps(state))
    kept = FirstPage(
        session.profile.id, datetime.now(UTC), page.counts, page.conversations, tuple(inboxes)
    )
    window = MainWindow(session, QIcon(), kept)
    qtbot.addWidget(window)
    assert window.built_pane is None  # chosen in the list, waiting for the pane
    window.show()
    qtbot.waitUntil(lambda: window.built_pane is not None, timeout=5_000)
    assert window.pane.conversation is not None
    assert window.pane.conversation.id == left_open
    window.quitting = True
    window.close()


def test_the_contact_panel_keeps_its_width_as_the_window_grows(qtbot, window):
    window.actions_["contact"].setChecked(True)
    qtbot.waitUntil(window.contact.isVisible, timeout=5_000)
    window.resize(900, 600)  # narrow: the panel may give up a little of its width
    qtbot.wait(20)
    window.resize(1200, 600)
    qtbot.wait(20)
    width, thread = window.contact.width(), window.pane.width()
    assert width == window.contact.sizeHint().width()  # its own width, once there is room
    window.resize(1500, 600)
    qtbot.wait(20)
    assert window.contact.width() == width  # the thread takes the room
    assert window.pane.width() > thread


def test_the_contact_panel_opens_at_its_own_width(qtbot, window):
    """Built in its placeholder's place, the pane kept its splitter's sizes: the hidden
    panel's was 0, and it opened at its narrowest, cutting the contact's e-mail."""
    window.resize(1280, 800)
    window.actions_["contact"].setChecked(True)
    qtbot.waitUntil(window.contact.isVisible, timeout=5_000)
    qtbot.wait(20)
    assert window.contact.width() >= window.contact.sizeHint().width()


def test_tab_goes_from_the_list_to_the_thread(qtbot, window):
    window.actions_["contact"].setChecked(True)  # made before the pane: still after it
    view = window.conversations.view
    view.setFocus()
    qtbot.waitUntil(view.hasFocus, timeout=5_000)
    qtbot.keyClick(view, Qt.Key.Key_Tab)
    focused = QApplication.focusWidget()
    assert focused is not None and window.pane.isAncestorOf(focused)


def test_a_window_closed_before_its_pane_keeps_the_thread_divider(qtbot, session):
    from agent_desktop.gui.window_state import FILENAME, FORMAT

    saved = {"format": FORMAT, "thread-splitter": [123, 456]}
    (session.home / FILENAME).write_text(json.dumps(saved))
    window = MainWindow(session, QIcon())
    qtbot.addWidget(window)
    window.quitting = True
    window.close()  # never shown: nothing built, nothing put back
    assert json.loads((session.home / FILENAME).read_text())["thread-splitter"] == [123, 456]


def test_a_window_started_hidden_builds_its_pane_all_the_same(qtbot, session):
    """Started at login into the tray: no paint comes, the pane is built regardless
    (its drafts mark the list, a notification can open a conversation in it)."""
    window = MainWindow(session, QIcon())
    qtbot.addWidget(window)
    window.start()  # never shown
    qtbot.waitUntil(lambda: window.built_pane is not None, timeout=5_000)
    assert not window.isVisible()
    window.quitting = True
    window.close()


def test_a_window_shown_but_never_painted_goes_on_all_the_same(qtbot, monkeypatch):
    """On another workspace or behind a locked screen a window may get no paint for a
    long while: what waits for the first one (the store, and the sender behind it) does
    not wait for ever, and runs once."""
    from agent_desktop.gui import first_paint

    monkeypatch.setattr(first_paint, "UNPAINTED_MS", 200)
    unpainted, painted = QWidget(), QWidget()  # the first is never shown: never painted
    qtbot.addWidget(unpainted)
    qtbot.addWidget(painted)
    called: list[str] = []
    first_paint.after_first_paint(unpainted, lambda: called.append("unpainted"))
    first_paint.after_first_paint(painted, lambda: called.append("painted"))
    painted.show()
    qtbot.waitUntil(lambda: "painted" in called, timeout=5_000)
    assert "unpainted" not in called  # a painted one does not wait
    qtbot.waitUntil(lambda: "unpainted" in called, timeout=5_000)
    qtbot.wait(300)  # past the time for the painted one too
    assert sorted(called) == ["painted", "unpainted"]  # each once
