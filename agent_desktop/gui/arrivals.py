"""New customer messages in the agent's own open conversations, found by asking the
server every little while, for a notification while the agent is elsewhere: while the
live channel is down (with it up, its events tell them at once)."""

from __future__ import annotations

from datetime import datetime, timedelta

from PySide6.QtCore import QObject, QTimer, Signal

from agent_desktop.chatwoot.records import Conversation
from agent_desktop.gui.session import Session

LOOK_EVERY_MS = 20_000
# a conversation newly in the list (just assigned, or reopened) is news only if its last
# message is this recent: not yesterday's message of a conversation handed over today
RECENT = timedelta(minutes=2)


class Arrivals(QObject):
    arrived = Signal(object)  # the Conversation, its last message the new one

    def __init__(self, session: Session, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.newest: dict[int, int] | None = None  # message id by conversation; None: not yet
        self._timer = QTimer(self)
        self._timer.setInterval(LOOK_EVERY_MS)
        self._timer.timeout.connect(self.look)
        self._started = False

    def start(self) -> None:
        self._started = True
        self._timer.start()
        self.look()

    def stop(self) -> None:
        """The live channel tells arrivals now."""
        self._timer.stop()

    def resume(self) -> None:
        """The live channel is down: look as before, from what the events told."""
        if self._started and not self._timer.isActive():
            self._timer.start()

    def look(self) -> None:
        def mine() -> tuple[list[Conversation], datetime]:
            client = self.session.client()
            page = client.conversations(status="open", assignee_type="me")
            # the server's clock, which dated the messages, where it says it
            return list(page.conversations), client.server_time or self.session.app.clock.now()

        self.session.run(mine, lambda found: self._looked(*found), lambda _error: None)

    def _looked(self, conversations: list[Conversation], now: datetime) -> None:
        first_look = self.newest is None
        newest = dict(self.newest or {})
        for conversation in conversations:
            message = conversation.last_message
            if message is None:
                continue
            before = newest.get(conversation.id)
            newest[conversation.id] = max(message.id, before or 0)
            if first_look or not message.is_incoming:
                continue
            if before is None and now - message.created_at > RECENT:
                continue
            if before is None or message.id > before:
                self.arrived.emit(conversation)
        self.newest = newest
