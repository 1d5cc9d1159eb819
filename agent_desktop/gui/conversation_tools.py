"""The open conversation's header tools: give it to an agent or a team, label it, set
its priority. Each is a button with a menu (Tab to it, Space or its Alt key to open,
arrows and Enter to choose). Every choice goes to the server on a worker; what the
header shows changes only once the server has the conversation so, and a refusal is
said in the server's words."""

from __future__ import annotations

import time
from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Signal
from PySide6.QtGui import QAction, QActionGroup
from PySide6.QtWidgets import QHBoxLayout, QMenu, QToolButton, QWidget

from agent_desktop.chatwoot import conversation_tools as calls
from agent_desktop.chatwoot.records import Conversation
from agent_desktop.chatwoot.staff import Agent, Team
from agent_desktop.core.i18n import QT_TR_NOOP
from agent_desktop.gui.formatting import tr
from agent_desktop.gui.session import Session, describe_error

if TYPE_CHECKING:
    from agent_desktop.chatwoot.client import ChatwootClient  # loaded with the store

RELOAD_AFTER_S = 300  # agents, teams and labels change seldom: looked at again this often
PRIORITY_NAMES: dict[str | None, str] = {
    None: QT_TR_NOOP("No priority"),
    "low": QT_TR_NOOP("Low"),
    "medium": QT_TR_NOOP("Medium"),
    "high": QT_TR_NOOP("High"),
    "urgent": QT_TR_NOOP("Urgent"),
}


def priority_name(priority: str | None) -> str:
    return tr(PRIORITY_NAMES.get(priority, priority or ""))


def priority_text(priority: str | None) -> str:
    """The priority button's words: what the conversation has, if anything."""
    if priority is None:
        return tr("&Priority")
    return tr("&Priority: {level}").format(level=priority_name(priority))


def _menu_button(text: str, name: str) -> tuple[QToolButton, QMenu]:
    button = QToolButton()
    button.setText(text)
    button.setAccessibleName(name)
    button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
    menu = QMenu(button)
    button.setMenu(menu)
    return button, menu


class ConversationTools(QWidget):
    changed = Signal(object)  # the Conversation as the server has it after a change
    notice = Signal(str)  # a refusal, in the server's words

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.conversation: Conversation | None = None
        self.agents: list[Agent] = []
        self.teams: list[Team] = []
        self.labels: list[str] = []  # the account's
        self._loaded_at: float | None = None

        self.assign_button, self.assign_menu = _menu_button(tr("&Assign…"), tr("Assign"))
        self.labels_button, self.labels_menu = _menu_button(tr("&Labels"), tr("Labels"))
        self.priority_button, self.priority_menu = _menu_button("", tr("Priority"))
        for menu in (self.assign_menu, self.labels_menu, self.priority_menu):
            menu.aboutToShow.connect(self._reload_if_old)
        self._priorities = QActionGroup(self)
        for priority, name in PRIORITY_NAMES.items():
            action = self.priority_menu.addAction(tr(name))
            action.setCheckable(True)
            action.setData(priority)
            self._priorities.addAction(action)
            action.triggered.connect(partial(self.set_priority, priority))

        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        for button in (self.assign_button, self.labels_button, self.priority_button):
            layout.addWidget(button)
        self._rebuild()
        self.reload()

    # -- what the account has ----------------------------------------------------------

    def reload(self) -> None:
        """The account's agents, teams and labels, each on its own: a server that will
        not say one leaves that menu as it was."""
        self._loaded_at = time.monotonic()
        client = self.session.client
        for load, keep in (
            (lambda: calls.agents(client()), "agents"),
            (lambda: calls.teams(client()), "teams"),
            (lambda: client().labels(), "labels"),
        ):
            self.session.run(load, partial(self._loaded, keep), lambda _error: None)

    def _reload_if_old(self) -> None:
        if self._loaded_at is None or time.monotonic() - self._loaded_at > RELOAD_AFTER_S:
            self.reload()

    def _loaded(self, name: str, values: list[Any]) -> None:
        setattr(self, name, values)
        self._rebuild()

    # -- showing -----------------------------------------------------------------------

    def show_conversation(self, conversation: Conversation | None) -> None:
        """The conversation as the header shows it: the menus tick what it has."""
        self.conversation = conversation
        self._rebuild()

    def _rebuild(self) -> None:
        """The menus made again from the lists (never from an action's own signal: that
        would delete the action under way)."""
        self._fill_assign()
        self._fill_labels()
        self._tick()

    def _tick(self) -> None:
        """Tick what the conversation has, and only that."""
        conversation = self.conversation
        priority = conversation.priority if conversation else None
        self.priority_button.setText(priority_text(priority))
        for action in self._priorities.actions():
            action.setChecked(action.data() == priority)
        assignee = conversation.assignee.id if conversation and conversation.assignee else None
        team = conversation.team.id if conversation and conversation.team else None
        for action in self.assign_menu.actions():
            if action.isCheckable():
                action.setChecked(action.data() in (f"agent:{assignee}", f"team:{team}"))
        has = conversation.labels if conversation else ()
        for action in self.labels_menu.actions():
            if action.isCheckable():
                action.setChecked(action.data() in has)

    def _fill_assign(self) -> None:
        menu = self.assign_menu
        menu.clear()
        menu.addSection(tr("Agent"))
        menu.addAction(tr("Unassign")).triggered.connect(partial(self.assign_agent, None))
        me = self.session.profile.user_id
        for agent in self.agents:
            name = agent.display_name
            text = tr("{name} (me)").format(name=name) if agent.id == me else name
            self._choice(menu, text, f"agent:{agent.id}", partial(self.assign_agent, agent.id))
        menu.addSection(tr("Team"))
        menu.addAction(tr("No team")).triggered.connect(partial(self.assign_team, None))
        for team in self.teams:
            self._choice(menu, team.name, f"team:{team.id}", partial(self.assign_team, team.id))

    def _fill_labels(self) -> None:
        menu = self.labels_menu
        menu.clear()
        has = self.conversation.labels if self.conversation else ()
        # one the account no longer has stays listed while the conversation has it
        titles = sorted({*self.labels, *has}, key=str.casefold)
        if not titles:
            menu.addAction(tr("This account has no labels")).setEnabled(False)
        for title in titles:
            self._choice(menu, title, title, partial(self.toggle_label, title))

    @staticmethod
    def _choice(menu: QMenu, text: str, data: str, act: Callable[[bool], None]) -> QAction:
        action = menu.addAction(text)
        action.setCheckable(True)
        action.setData(data)
        # once triggered, the action is ticked as the agent wants it: on or off
        action.triggered.connect(lambda: act(action.isChecked()))
        return action

    # -- acting ------------------------------------------------------------------------

    def assign_agent(self, agent_id: int | None, _checked: bool = False) -> None:
        self._change(
            lambda client, cid: calls.assign_agent(client, cid, agent_id),
            tr("Not assigned: {reason}"),
        )

    def assign_team(self, team_id: int | None, _checked: bool = False) -> None:
        self._change(
            lambda client, cid: calls.assign_team(client, cid, team_id),
            tr("Not assigned: {reason}"),
        )

    def toggle_label(self, label: str, on: bool) -> None:
        def kept(labels: object) -> None:
            if on and isinstance(labels, list) and label not in labels:
                self.notice.emit(
                    tr("The server did not keep the label {label}: the account lacks it").format(
                        label=label
                    )
                )

        self._change(
            lambda client, cid: calls.toggle_label(client, cid, label, on),
            tr("Labels not changed: {reason}"),
            kept,
        )

    def set_priority(self, priority: str | None, _checked: bool = False) -> None:
        self._change(
            lambda client, cid: calls.set_priority(client, cid, priority),
            tr("Priority not changed: {reason}"),
        )

    def _change(
        self,
        act: Callable[[ChatwootClient, int], object],
        refused: str,
        check: Callable[[object], None] | None = None,
    ) -> None:
        """Ask the server, then hand on the conversation as it has it. Until then the
        menus tick what the conversation had (a checkable action ticks itself)."""
        self._tick()
        conversation = self.conversation
        if conversation is None:
            return
        cid = conversation.id

        def work() -> tuple[object, Conversation]:
            client = self.session.client()
            result = act(client, cid)
            return result, client.conversation(cid)

        def done(answer: tuple[object, Conversation]) -> None:
            result, updated = answer
            self.changed.emit(updated)
            if check is not None:
                check(result)

        def failed(error: Exception) -> None:
            self.notice.emit(refused.format(reason=describe_error(error)))

        self.session.run(work, done, failed)
