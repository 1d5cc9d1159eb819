"""The window lives on Chatwoot's events: a customer's message shows in the open thread
and moves its row at once, a change made elsewhere moves the row out of the filter, the
status bar says whether updates are live, and polling slows to a check while they are."""

from __future__ import annotations

import httpx

from agent_desktop.chatwoot.client import ChatwootClient
from agent_desktop.chatwoot.link_state import LinkState
from agent_desktop.gui.conversation_list import LIVE_REFRESH_MS, REFRESH_MS
from agent_desktop.gui.conversation_pane import LIVE_POLL_MS, POLL_MS
from tests.support.demo_calls import customer_writes, demo_post

FAST_MS = 1500  # well under any poll: only an event can be this quick


def api(demo_server) -> ChatwootClient:
    return ChatwootClient(
        demo_server.url, demo_server.token, account_id=demo_server.accounts.upstream
    )


def live(qtbot, window) -> None:
    qtbot.waitUntil(lambda: window.live.state is LinkState.LIVE, timeout=5000)


def test_the_status_bar_says_live_and_the_polls_slow_to_a_check(qtbot, window):
    live(qtbot, window)
    assert window.window_live.label.text() == "Live"
    assert window.conversations._refresh.interval() == LIVE_REFRESH_MS
    assert window.pane._poll.interval() == LIVE_POLL_MS
    assert not window.arrivals._timer.isActive()


def test_a_customer_s_message_shows_in_the_open_thread_at_once(qtbot, window, demo_server):
    live(qtbot, window)
    open_id = window.pane.conversation.id
    customer_writes(demo_server, open_id, "Apareceu na hora?")
    qtbot.waitUntil(
        lambda: window.pane.messages[-1].content == "Apareceu na hora?", timeout=FAST_MS
    )
    assert "Apareceu na hora?" in window.pane.thread_view.toPlainText()


def test_a_message_elsewhere_moves_its_row_to_the_top_with_its_unread_count(
    qtbot, window, demo_server
):
    live(qtbot, window)
    rows = window.conversations.model.rows
    open_id = window.pane.conversation.id
    lower = next(c for c in reversed(rows) if c.id != open_id)
    customer_writes(demo_server, lower.id, "Subi na lista?")

    def on_top() -> bool:
        # among the newest: rows of the same second (Chatwoot's times are whole
        # seconds) may come in either order
        shown = window.conversations.model.rows
        index = window.conversations.model.row_of(lower.id)
        row = shown[index]
        newest = all(r.last_activity_at >= row.last_activity_at for r in shown[:index])
        return row.last_message.content == "Subi na lista?" and newest

    qtbot.waitUntil(on_top, timeout=FAST_MS)
    top = window.conversations.model.rows[window.conversations.model.row_of(lower.id)]
    assert window.conversations.model.row_of(lower.id) < len(rows) - 1  # it moved up
    assert top.last_message.content == "Subi na lista?"
    assert top.unread_count == lower.unread_count + 1
    assert window.pane.conversation.id == open_id  # the agent's place is kept


def test_a_conversation_resolved_elsewhere_leaves_the_open_filter(qtbot, window, demo_server):
    live(qtbot, window)
    open_id = window.pane.conversation.id
    other = next(c for c in window.conversations.model.rows if c.id != open_id)
    with api(demo_server) as client:
        client.toggle_status(other.id, "resolved")
    qtbot.waitUntil(lambda: window.conversations.model.row_of(other.id) is None, timeout=FAST_MS)
    with api(demo_server) as client:
        client.toggle_status(other.id, "open")
    qtbot.waitUntil(
        lambda: window.conversations.model.row_of(other.id) is not None, timeout=FAST_MS
    )


def test_the_open_conversation_changed_elsewhere_shows_it_in_its_header(qtbot, window, demo_server):
    live(qtbot, window)
    open_id = window.pane.conversation.id
    with api(demo_server) as client:
        client.toggle_status(open_id, "pending")
    qtbot.waitUntil(lambda: "pending" in window.pane.subtitle.text().lower(), timeout=FAST_MS)
    assert window.pane.conversation.id == open_id  # still open, though it left the filter


def test_a_dead_channel_is_said_and_polling_comes_back(qtbot, window, demo_server):
    live(qtbot, window)
    httpx.put(
        f"{demo_server.url}/demo/cable",
        json={"silent": True, "drop": True},
        headers={"Api-Access-Token": demo_server.token},
    ).raise_for_status()
    qtbot.waitUntil(lambda: window.live.state is not LinkState.LIVE, timeout=5000)
    assert window.window_live.label.text() != "Live"
    assert window.conversations._refresh.interval() == REFRESH_MS
    assert window.pane._poll.interval() == POLL_MS
    assert window.arrivals._timer.isActive()


def test_the_customer_typing_shows_in_the_header_without_moving_it(qtbot, window, demo_server):
    live(qtbot, window)
    open_id = window.pane.conversation.id
    height = window.pane.typing.sizeHint().height()

    def typing(on: bool) -> None:
        demo_post(demo_server, open_id, "customer_typing", {"on": on})

    typing(True)
    qtbot.waitUntil(lambda: "is typing" in window.pane.typing.text(), timeout=FAST_MS)
    assert window.pane.conversation.title in window.pane.typing.text()
    typing(False)
    qtbot.waitUntil(lambda: window.pane.typing.text() == "", timeout=FAST_MS)
    assert window.pane.typing.isVisible()  # kept in place, empty: nothing below moves
    assert window.pane.typing.sizeHint().height() == height


def test_what_came_while_the_channel_was_down_is_fetched_on_its_return(qtbot, window, demo_server):
    live(qtbot, window)
    open_id = window.pane.conversation.id
    other = next(c for c in reversed(window.conversations.model.rows) if c.id != open_id)

    def cable(**fields: object) -> None:
        httpx.put(
            f"{demo_server.url}/demo/cable",
            json=fields,
            headers={"Api-Access-Token": demo_server.token},
        ).raise_for_status()

    cable(silent=True)  # the socket stays open but carries nothing: these events are lost
    customer_writes(demo_server, open_id, "Escrita com o canal mudo")
    customer_writes(demo_server, other.id, "Também sem evento")
    qtbot.wait(300)
    assert "Escrita com o canal mudo" not in window.pane.thread_view.toPlainText()

    cable(silent=False, drop=True)  # the socket breaks; the window comes back to the channel

    def caught_up() -> bool:
        index = window.conversations.model.row_of(other.id)
        row = window.conversations.model.rows[index] if index is not None else None
        return (
            window.pane.messages[-1].content == "Escrita com o canal mudo"
            and row is not None
            and row.last_message is not None
            and row.last_message.content == "Também sem evento"
        )

    # well before the thread's 10-s poll: the return itself fetched what was missed
    qtbot.waitUntil(caught_up, timeout=POLL_MS // 2)
    assert window.live.state is LinkState.LIVE
