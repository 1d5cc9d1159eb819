"""The open conversation's header tools, in the real window against the demo server:
give it to an agent or a team, toggle a label, set the priority; each shows once the
server has it, and a refusal is said while the header stays as it was."""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QApplication, QMenu

from agent_desktop.chatwoot.client import ChatwootClient
from agent_desktop.chatwoot.records import Conversation

CARLA = 3


@pytest.fixture
def server_side(demo_server) -> Iterator[ChatwootClient]:
    """The server's view of things, asked as the agent from the test's own thread."""
    with ChatwootClient(
        demo_server.url, demo_server.token, account_id=demo_server.accounts.upstream
    ) as client:
        yield client


@pytest.fixture
def tools(qtbot, window):
    """The header's tools once the account's agents, teams and labels have come."""
    made = window.pane.tools
    qtbot.waitUntil(lambda: bool(made.agents and made.teams and made.labels), timeout=10_000)
    return made


def action(menu: QMenu, text: str) -> QAction:
    return next(a for a in menu.actions() if a.text() == text)


def shown(window) -> Conversation:
    conversation: Conversation | None = window.pane.conversation
    assert conversation is not None
    return conversation


def test_choosing_an_agent_gives_them_the_conversation(qtbot, window, tools, server_side):
    cid = shown(window).id
    action(tools.assign_menu, "Carla Mendes").trigger()
    qtbot.waitUntil(lambda: "assigned to Carla" in window.pane.subtitle.text())
    assert server_side.conversation(cid).assignee.id == CARLA
    assert action(tools.assign_menu, "Carla Mendes").isChecked()
    action(tools.assign_menu, "Unassign").trigger()
    qtbot.waitUntil(lambda: "unassigned" in window.pane.subtitle.text())
    assert server_side.conversation(cid).assignee is None


def test_choosing_a_team_and_no_team(qtbot, window, tools, server_side):
    cid = shown(window).id
    action(tools.assign_menu, "Financeiro").trigger()
    qtbot.waitUntil(lambda: "team Financeiro" in window.pane.subtitle.text())
    team = server_side.conversation(cid).team
    assert team is not None and team.name == "Financeiro"
    # Financeiro has neither Ana nor Bruno: the server took the conversation from them
    assert server_side.conversation(cid).assignee is None
    assert "unassigned" in window.pane.subtitle.text()
    action(tools.assign_menu, "No team").trigger()
    qtbot.waitUntil(lambda: "team " not in window.pane.subtitle.text())
    assert server_side.conversation(cid).team is None


def test_toggling_a_label_changes_the_servers_set(qtbot, window, tools, server_side):
    conversation = shown(window)
    label = next(x for x in tools.labels if x not in conversation.labels)
    action(tools.labels_menu, label).trigger()
    qtbot.waitUntil(lambda: label in shown(window).labels)
    assert label in server_side.conversation(conversation.id).labels
    assert label in window.pane.subtitle.text()
    assert action(tools.labels_menu, label).isChecked()
    # the list's label filter finds it there now
    chooser = window.conversations.label
    chooser.setCurrentIndex(chooser.findData(label))
    model = window.conversations.model
    qtbot.waitUntil(lambda: model.row_of(conversation.id) is not None, timeout=10_000)
    assert all(label in row.labels for row in model.rows)
    action(tools.labels_menu, label).trigger()
    qtbot.waitUntil(lambda: label not in shown(window).labels)
    assert label not in server_side.conversation(conversation.id).labels
    assert set(server_side.conversation(conversation.id).labels) == set(conversation.labels)


def test_the_priority_from_the_keyboard(qtbot, window, tools, server_side):
    """Tab reaches the button, Space opens its menu, the arrows and Enter choose."""
    cid = shown(window).id
    button = tools.priority_button
    assert button.focusPolicy() & Qt.FocusPolicy.TabFocus
    button.setFocus()
    menu: QMenu = tools.priority_menu
    chosen: list[str] = []

    def menu_is_up() -> bool:
        return QApplication.activePopupWidget() is menu

    def choose(tries: int = 500) -> None:
        # an instant-popup menu runs its own event loop inside the key press (Qt 6.11),
        # so the arrows are sent from a timer that loop runs
        if not menu_is_up():
            if tries:
                QTimer.singleShot(10, lambda: choose(tries - 1))
            return
        for _ in range(len(menu.actions())):
            qtbot.keyClick(menu, Qt.Key.Key_Down)
            if menu.activeAction() is not None and menu.activeAction().text() == "Urgent":
                break
        chosen.append(menu.activeAction().text() if menu.activeAction() else "")
        qtbot.keyClick(menu, Qt.Key.Key_Return)

    QTimer.singleShot(0, choose)
    qtbot.keyClick(button, Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: chosen == ["Urgent"])
    qtbot.waitUntil(lambda: button.text() == "&Priority: Urgent")
    assert server_side.conversation(cid).priority == "urgent"
    assert action(menu, "Urgent").isChecked()
    action(menu, "No priority").trigger()
    qtbot.waitUntil(lambda: button.text() == "&Priority")
    assert server_side.conversation(cid).priority is None


def test_a_refusal_is_said_and_the_header_stays(qtbot, window, tools, demo_server):
    """The agent was removed from the conversation's inbox meanwhile: the server
    refuses, and what the header shows is what the conversation still has."""
    conversation = shown(window)
    before = (window.pane.subtitle.text(), tools.priority_button.text())
    path = (
        f"/demo/accounts/{demo_server.accounts.upstream}/inboxes/{conversation.inbox_id}/agents/1"
    )
    httpx.delete(demo_server.url + path, headers={"Api-Access-Token": demo_server.token})
    action(tools.assign_menu, "Carla Mendes").trigger()
    notices = window.notices.label
    qtbot.waitUntil(
        lambda: "Not assigned: You are not authorized to do this action" in notices.text()
    )
    action(tools.priority_menu, "High").trigger()
    qtbot.waitUntil(lambda: notices.text().startswith("Priority not changed: "))
    assert (window.pane.subtitle.text(), tools.priority_button.text()) == before
    assert not action(tools.assign_menu, "Carla Mendes").isChecked()
    assert not action(tools.priority_menu, "High").isChecked()
    with demo_server.state.session() as s:
        from sqlalchemy import select

        from agent_desktop.demo.models import Conversation as Row

        row = s.scalar(select(Row).where(Row.display_id == conversation.id, Row.account_id == 1))
        assert row is not None and row.assignee_id != CARLA and row.priority != "high"
