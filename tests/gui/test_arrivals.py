"""New customer messages in the agent's own conversations reach the agent as a desktop
notification while the window is not in front; clicking it opens the conversation."""

from __future__ import annotations

import pytest

from agent_desktop.chatwoot.client import ChatwootClient
from tests.support.demo_calls import customer_writes


def ids(demo_server, assignee: str) -> list[int]:
    with ChatwootClient(
        demo_server.url, demo_server.token, account_id=demo_server.accounts.upstream
    ) as client:
        page = client.conversations(status="open", assignee_type=assignee)
        return [c.id for c in page.conversations]


@pytest.fixture
def notified(window, monkeypatch):
    """What the tray was asked to show (the desktop's own notification is outside)."""
    shown: list[tuple[str, str, object]] = []

    def notify(title, text, on_click=None, kind=None) -> bool:
        shown.append((title, text, on_click))
        return True

    monkeypatch.setattr(window.tray, "notify", notify)
    monkeypatch.setattr(window, "isActiveWindow", lambda: False)  # the agent is elsewhere
    return shown


def look(qtbot, window) -> None:
    looked = window.arrivals.newest
    window.arrivals.look()
    qtbot.waitUntil(lambda: window.arrivals.newest is not looked, timeout=5000)


def test_a_customer_writing_in_my_conversation_is_announced(qtbot, window, demo_server, notified):
    look(qtbot, window)  # what is there already is not news
    assert notified == []
    mine = ids(demo_server, "me")[-1]
    others = [c for c in ids(demo_server, "unassigned") if c != mine]
    customer_writes(demo_server, mine, "Alguém pode **me** ajudar?")  # read as the list reads it
    customer_writes(demo_server, others[0], "Olá?")  # not the agent's conversation
    look(qtbot, window)
    assert [(title, text) for title, text, _ in notified] == [
        (
            next(c.title for c in window.conversations.model.rows if c.id == mine),
            "Alguém pode me ajudar?",
        )
    ]
    look(qtbot, window)
    assert len(notified) == 1  # once
    notified[0][2]()  # clicked
    qtbot.waitUntil(lambda: window.pane.conversation.id == mine, timeout=5000)


def test_no_announcement_in_front_of_the_agent_or_when_switched_off(
    qtbot, window, session, demo_server, notified, monkeypatch
):
    look(qtbot, window)
    mine = ids(demo_server, "me")[0]
    monkeypatch.setattr(window, "isActiveWindow", lambda: True)
    customer_writes(demo_server, mine, "Primeira")
    look(qtbot, window)
    monkeypatch.setattr(window, "isActiveWindow", lambda: False)
    session.save_settings({"message_notifications": False})
    customer_writes(demo_server, mine, "Segunda")
    look(qtbot, window)
    assert notified == []


def test_a_customer_message_followed_by_an_activity_is_still_announced(
    qtbot, window, demo_server, notified
):
    """Rails' list shows the last message of any kind: here an activity ("marked as
    pending by …") after the customer's; the app reads the last real one."""
    look(qtbot, window)
    mine = ids(demo_server, "me")[0]
    customer_writes(demo_server, mine, "Ainda estão aí?")
    with ChatwootClient(
        demo_server.url, demo_server.token, account_id=demo_server.accounts.upstream
    ) as client:
        client.toggle_status(mine, "pending")
        client.toggle_status(mine, "open")
        assert client.messages(mine)[-1].message_type == 2
    look(qtbot, window)
    assert [text for _title, text, _ in notified] == ["Ainda estão aí?"]
