"""Attention is the agent's: a conversation is opened, and marked read on the server
(update_last_seen, whether or not it had anything unread), only when the agent opens
it. The one they had open comes back at the next start; filters and searches leave the
open one open."""

from __future__ import annotations

import json

import pytest
from PySide6.QtGui import QIcon

from agent_desktop.chatwoot.client import ChatwootClient
from agent_desktop.demo.server import DemoServer
from agent_desktop.gui.main_window import MainWindow
from agent_desktop.gui.window_state import FILENAME, FORMAT


def unread_on_server(demo_server) -> dict[int, int]:
    api = ChatwootClient(
        demo_server.url, demo_server.token, account_id=demo_server.accounts.upstream
    )
    with api:
        listed = api.conversations(status="all").conversations
    return {c.id: c.unread_count for c in listed if c.unread_count}


def marked_read(demo_server: DemoServer) -> list[int]:
    """Every conversation the server was asked to mark read (update_last_seen), in order:
    a stray ask shows here even for a conversation that had nothing unread."""
    asked = demo_server.state.seen_asked
    return demo_server.call(lambda: list(asked))  # read on the server's thread


def first_unread_row(window: MainWindow) -> int:
    rows = window.conversations.model.rows
    found = next((row for row, c in enumerate(rows) if c.unread_count), None)
    assert found is not None, "the list shows an unread conversation"
    return found


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
        qtbot.wait(300)
        assert marked_read(demo_server) == []
        for value in ("pending", "open"):
            choose_status(qtbot, window, value)
        qtbot.wait(300)
        assert marked_read(demo_server) == []
        window.conversations.search.setText("a")
        qtbot.wait(500)
        window.conversations.search.clear()
        qtbot.waitUntil(lambda: len(window.conversations.model.rows) > 0, timeout=10_000)
        qtbot.wait(300)
        assert window.pane.conversation is None
        assert marked_read(demo_server) == []  # no update_last_seen was sent
        assert unread_on_server(demo_server) == unread

        row = first_unread_row(window)
        window.conversations.view.setCurrentIndex(window.conversations.model.index(row))
        chosen = opened(window)
        assert chosen is not None
        qtbot.waitUntil(lambda: marked_read(demo_server) != [], timeout=10_000)
        qtbot.wait(300)
        assert marked_read(demo_server) == [chosen]  # the one the agent opened, once
        unread.pop(chosen)
        assert unread_on_server(demo_server) == unread
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
        qtbot.wait(300)
        assert set(marked_read(demo_server)) <= {chosen.id}  # none the agent did not open
    finally:
        closed(again)


def saved_as_open_at_close(session, conversation_id: int) -> None:
    """The window state a close leaves: this conversation was open."""
    state = {"format": FORMAT, "open_conversations": {str(session.profile.id): conversation_id}}
    (session.home / FILENAME).write_text(json.dumps(state))


def an_unread_resolved_one(demo_server) -> int:
    """A conversation the open list leaves out, which opening would mark read."""
    api = ChatwootClient(
        demo_server.url, demo_server.token, account_id=demo_server.accounts.upstream
    )
    with api:
        resolved = api.conversations(status="resolved").conversations
        assert resolved, "the demo server has resolved conversations"
        chosen = resolved[0].id
        api.mark_unread(chosen)
    assert unread_on_server(demo_server).get(chosen), "it has a message to leave unread"
    return chosen


def test_the_saved_conversation_gives_way_to_the_one_the_agent_opens(qtbot, session, demo_server):
    saved = an_unread_resolved_one(demo_server)
    saved_as_open_at_close(session, saved)
    window = started(qtbot, session)
    try:
        assert window.pane.conversation is None  # not in the open list
        row = first_unread_row(window)
        window.conversations.view.setCurrentIndex(window.conversations.model.index(row))
        chosen = opened(window)
        assert chosen is not None and chosen != saved
        choose_status(qtbot, window, "resolved")  # lists the saved one
        assert window.conversations.model.row_of(saved) is not None
        qtbot.wait(300)
        assert opened(window) == chosen  # the pane stays on what the agent reads
        assert marked_read(demo_server) == [chosen]  # no update_last_seen for the saved one
        assert unread_on_server(demo_server).get(saved)
    finally:
        closed(window)


@pytest.mark.parametrize("gone", ["deleted", "no longer open"])
def test_a_saved_conversation_gone_at_start_opens_nothing(qtbot, session, demo_server, gone):
    saved = 10_000 if gone == "deleted" else an_unread_resolved_one(demo_server)
    saved_as_open_at_close(session, saved)
    unread = unread_on_server(demo_server)
    window = started(qtbot, session)
    try:
        qtbot.wait(300)
        assert window.pane.conversation is None
        choose_status(qtbot, window, "all")  # lists every conversation there is
        qtbot.wait(300)
        assert window.pane.conversation is None
        assert window.pane.thread_view.placeholderText() == "Choose a conversation"
        assert marked_read(demo_server) == []  # nothing was marked read
        assert unread_on_server(demo_server) == unread
    finally:
        closed(window)
