"""New customer messages in the agent's own open conversations, found by asking the
server every little while, for a notification while the agent is elsewhere: while the
live channel is down (with it up, its events tell them at once). The same look serves
the other accounts signed in here (gui/arrivals_elsewhere.py)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Signal

from agent_desktop.chatwoot.plain_text import preview_text
from agent_desktop.chatwoot.records import Conversation
from agent_desktop.gui.formatting import tr
from agent_desktop.gui.session import Session

if TYPE_CHECKING:  # loaded with the store
    from agent_desktop.chatwoot.client import ChatwootClient
    from agent_desktop.core.clock import Clock

LOOK_EVERY_MS = 20_000
# a conversation newly in the list (just assigned, or reopened) is news only if its last
# message is this recent: not yesterday's message of a conversation handed over today
RECENT = timedelta(minutes=2)
Newest = dict[int, int]  # the newest message id seen, by conversation


def my_open_conversations(
    client: ChatwootClient, clock: Clock
) -> tuple[list[Conversation], datetime]:
    """On a worker: the agent's open conversations, and the time to judge them by."""
    page = client.conversations(status="open", assignee_type="me")
    # the server's clock, which dated the messages, where it says it
    return list(page.conversations), client.server_time or clock.now()


def news(
    newest: Newest | None, conversations: Iterable[Conversation], now: datetime
) -> tuple[Newest, list[Conversation]]:
    """What a look found: the newest ids now, and the conversations a customer wrote in
    since the last look (none at the first: what is there already is not news)."""
    first_look = newest is None
    seen = dict(newest or {})
    arrived: list[Conversation] = []
    for conversation in conversations:
        message = conversation.last_message
        if message is None:
            continue
        before = seen.get(conversation.id)
        seen[conversation.id] = max(message.id, before or 0)
        if first_look or not message.is_incoming:
            continue
        if before is None and now - message.created_at > RECENT:
            continue
        if before is None or message.id > before:
            arrived.append(conversation)
    return seen, arrived


def arrival_text(conversation: Conversation) -> str:
    """The new message in a notification: its words as the list shows them (no Markdown
    marks, a mention as @Name)."""
    message = conversation.last_message
    text = preview_text(message.content)[:120] if message is not None else ""
    return text or tr("(an attachment)")


class Arrivals(QObject):
    arrived = Signal(object)  # the Conversation, its last message the new one

    def __init__(self, session: Session, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.newest: Newest | None = None  # None: not yet looked
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
        session = self.session
        session.run(
            lambda: my_open_conversations(session.client(), session.app.clock),
            lambda found: self._looked(*found),
            lambda _error: None,
        )

    def _looked(self, conversations: list[Conversation], now: datetime) -> None:
        self.newest, arrived = news(self.newest, conversations, now)
        for conversation in arrived:
            self.arrived.emit(conversation)
