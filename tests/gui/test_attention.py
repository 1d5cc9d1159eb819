"""Attention is the agent's: a conversation is opened, and marked read on the server,
only when the agent opens it. The one they had open comes back at the next start;
filters and searches leave the open one open."""

from __future__ import annotations

from PySide6.QtGui import QIcon

from agent_desktop.chatwoot.client import ChatwootClient
from agent_desktop.gui.main_window import MainWindow


def unread_on_server(demo_server) -> dict[int, int]:
    api = ChatwootClient(
        demo_server.url, demo_server.token, account_id=demo_server.accounts.upstream
    )
    with api:
        listed = api.conversations(status="all").conversations
    return {c.id: c.unread_count for c in listed if c.unread_count}


def started(qtbot, session) -> MainWindow:
    window = MainWindow(session, QIcon())
    qtbot.addWidget(window)
    window.show()
    window.start()
    qtbot.waitUntil(lambda: window.conversations.live, timeout=10_000)
    return window


def opened(window: MainWindow) -> int | None:
    return window.pane.conversation.id if window.pane.conversation else None


def listed_as_current(window: MainWindow) -> int | None:
    current = window.conversations.current()
    return current.id if current else None


def closed(window: MainWindow) -> None:
    window.quitting = True
    window.close()
    window.tray.hide()


def choose_status(qtbot, window: MainWindow, value: str) -> None:
    combo = window.conversations.status
    before = window.conversations._generation
    combo.setCurrentIndex(combo.findData(value))
    qtbot.waitUntil(
        lambda: window.conversations._generation > before and not window.conversations.loading,
        timeout=10_000,
    )


def test_nothing_is_opened_nor_marked_read_that_the_agent_did_not_open(qtbot, session, demo_server):
    unread = unread_on_server(demo_server)
    assert unread, "the demo server has unread conversations to keep unread"
    window = started(qtbot, session)
    try:
        assert window.pane.conversation is None
        assert window.pane.thread_view.placeholderText() == "Choose a conversation"
        assert not window.pane.reply.isEnabled()
        for value in ("pending", "open"):
            choose_status(qtbot, window, value)
        window.conversations.search.setText("a")
        qtbot.wait(500)
        window.conversations.search.clear()
        qtbot.waitUntil(lambda: len(window.conversations.model.rows) > 0, timeout=10_000)
        qtbot.wait(300)
        assert window.pane.conversation is None
        assert unread_on_server(demo_server) == unread  # no update_last_seen was sent
    finally:
        closed(window)


def test_the_conversation_open_at_close_comes_back_and_filters_leave_it_open(
    qtbot, session, demo_server
):
    window = started(qtbot, session)
    try:
        # the second one: the first would be a poor proof of being put back
        window.conversations.view.setCurrentIndex(window.conversations.model.index(1))
        chosen = window.pane.conversation
        assert chosen is not None
    finally:
        closed(window)  # the window keeps which one was open
    again = started(qtbot, session)
    try:
        qtbot.waitUntil(lambda: again.pane.conversation is not None, timeout=10_000)
        assert opened(again) == chosen.id
        assert listed_as_current(again) == chosen.id
        choose_status(qtbot, again, "resolved")  # the open one is not listed there
        assert again.conversations.model.row_of(chosen.id) is None
        assert opened(again) == chosen.id  # still open, reply box and all
        assert again.pane.reply.isEnabled()
        choose_status(qtbot, again, "open")
        qtbot.waitUntil(lambda: listed_as_current(again) is not None, timeout=10_000)
        assert listed_as_current(again) == chosen.id  # shown chosen in the list
    finally:
        closed(again)
