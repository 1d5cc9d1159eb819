"""What the window does with the live channel: rows move as events say, the open thread
grows at once, typing shows, notifications come from events, and while the channel is
down the window polls as before and says so in the status bar."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QLabel

from agent_desktop.chatwoot.link_state import LinkState
from agent_desktop.chatwoot.records import Conversation, Message
from agent_desktop.gui.formatting import tr
from agent_desktop.gui.live import LiveUpdates

if TYPE_CHECKING:
    from agent_desktop.gui.conversation_pane import ConversationPane
    from agent_desktop.gui.main_window import MainWindow


class WindowLive(QObject):
    def __init__(self, window: MainWindow, live: LiveUpdates) -> None:
        super().__init__(window)
        self.window = window
        self.live = live
        self.on = False  # the channel is live
        self.label = QLabel()
        self.label.setObjectName("live-state")
        window.statusBar().addPermanentWidget(self.label)
        self._show(LinkState.CONNECTING, "")
        live.conversation.connect(self._conversation)
        live.message.connect(self._message)
        live.message_changed.connect(self._message_changed)
        live.typing.connect(self._typing)
        live.scheduled.connect(self._scheduled)
        live.state_changed.connect(self._show)
        live.caught_up.connect(self._catch_up)

    def pane_built(self, pane: ConversationPane) -> None:
        pane.set_live(self.on)

    # the thread: only once the window has built it (until then, nothing is open there)

    def _message_changed(self, message: Message) -> None:
        if (pane := self.window.built_pane) is not None:
            pane.live_message(message)

    def _typing(self, conversation_id: int, who: str, on: bool) -> None:
        if (pane := self.window.built_pane) is not None:
            pane.live_typing(conversation_id, who, on)

    def _conversation(self, conversation: Conversation) -> None:
        self.window.conversations.apply_live(conversation)
        if (pane := self.window.built_pane) is not None:
            pane.live_conversation(conversation)

    def _message(self, message: Message, unread: int | None) -> None:
        window = self.window
        window.conversations.live_message(message, unread)
        if (pane := window.built_pane) is not None:
            pane.live_message(message)
        arrivals, cid = window.arrivals, message.conversation_id
        told = arrivals.newest.get(cid) if arrivals.newest is not None else None
        if arrivals.newest is not None:  # the poll, when it comes back, knows it was told
            arrivals.newest[cid] = max(message.id, told or 0)
        if not message.is_incoming or message.private:
            return
        if told is not None and message.id <= told:
            return  # a look told it first
        row = window.conversations.model.row_of(cid)
        if row is None:
            return
        listed = window.conversations.model.rows[row]
        holder = listed.assignee
        if holder is not None and holder.id == window.session.profile.user_id:
            arrivals.arrived.emit(listed)  # one of the agent's own: a notification

    def _scheduled(self, conversation_id: int) -> None:
        pane = self.window.built_pane
        if pane is None or pane.conversation is None:
            return
        if pane.conversation.id == conversation_id:
            pane.refresh_scheduled()

    def _catch_up(self) -> None:
        """Back after a break: what changed meanwhile, as the dashboard fetches it."""
        self.window.conversations.refresh_first_page()
        if (pane := self.window.built_pane) is not None:
            pane.reload()

    def _show(self, state: LinkState, detail: str) -> None:
        on = state is LinkState.LIVE
        window = self.window
        self.on = on
        window.conversations.set_live(on)
        if (pane := window.built_pane) is not None:
            pane.set_live(on)
        if on:
            window.arrivals.stop()
        else:
            window.arrivals.resume()
        if on:
            self.label.setText(tr("Live"))
            self.label.setToolTip(tr("Changes arrive as they happen"))
        elif state is LinkState.CONNECTING:
            self.label.setText(tr("Connecting…"))
            self.label.setToolTip(tr("Opening the live channel; checking for changes meanwhile"))
        else:
            self.label.setText(tr("Checking every 30 s"))
            tip = tr("Live updates are unavailable; the app checks for changes instead")
            self.label.setToolTip(f"{tip} ({detail})" if detail else tip)
