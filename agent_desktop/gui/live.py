"""The window's live channel: Chatwoot's events delivered on the GUI thread as records
the list and the thread use, and the link's state for the status bar. While the
channel is down the window polls as before; once it is back, it catches up.

The channel's thread is a plain Python one: it never touches a Qt object (PySide6 can
corrupt references when a signal is emitted from a thread Qt did not start). It parses
and queues; a timer on the GUI thread hands what came to the window."""

from __future__ import annotations

import logging
import queue
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, QTimer, Signal

from agent_desktop.chatwoot.errors import ChatwootError
from agent_desktop.chatwoot.link_state import LinkState
from agent_desktop.chatwoot.reading import Fields
from agent_desktop.chatwoot.records import Conversation, Message
from agent_desktop.gui.session import Session

if TYPE_CHECKING:
    from agent_desktop.chatwoot.cable import CableConfig, CableEvent, LiveChannel

log = logging.getLogger(__name__)
DRAIN_MS = 50  # how soon an event reaches the window once it came
CONVERSATION_EVENTS = frozenset(
    {
        "conversation.created",
        "conversation.updated",
        "conversation.status_changed",
        "conversation.read",
        "conversation.contact_changed",
        "assignee.changed",
        "team.changed",
    }
)


class LiveUpdates(QObject):
    # emitted on the GUI thread, from what the channel's thread queued
    conversation = Signal(object)  # Conversation, as the event tells it now
    message = Signal(object, object)  # Message; the conversation's unread count or None
    message_changed = Signal(object)  # Message (delivery status, deleted)
    typing = Signal(int, str, bool)  # conversation id, who, typing now
    scheduled = Signal(int)  # conversation id whose server-scheduled messages changed
    state_changed = Signal(object, str)  # LinkState, why it is down
    caught_up = Signal()  # back after a break: fetch what changed meanwhile

    def __init__(
        self, session: Session, parent: QObject | None = None, config: CableConfig | None = None
    ) -> None:
        super().__init__(parent)
        self.session = session
        self.config = config
        self.channel: LiveChannel | None = None
        self.state = LinkState.DOWN
        self.state_changed.connect(self._remember)
        self._heard_queue: queue.SimpleQueue[tuple[str, tuple[Any, ...]]] = queue.SimpleQueue()
        self._drain = QTimer(self)
        self._drain.setInterval(DRAIN_MS)
        self._drain.timeout.connect(self._hand_over)

    def start(self) -> None:
        if self.channel is not None:
            return
        session = self.session
        self.session.run(
            lambda: session.client().profile(),
            self._open,
            lambda error: self.state_changed.emit(LinkState.DOWN, _reason(error)),
        )

    def _open(self, me: object) -> None:
        pubsub = getattr(me, "pubsub_token", "")
        if not pubsub or self.channel is not None:
            self.state_changed.emit(LinkState.DOWN, "the server gave no live channel token")
            return
        from agent_desktop.chatwoot.cable import LiveChannel  # not needed for the first paint

        profile = self.session.profile
        self.channel = LiveChannel(
            profile.base_url,
            pubsub_token=pubsub,
            account_id=profile.account_id,
            user_id=getattr(me, "id", profile.user_id),
            on_event=self._heard,
            on_state=lambda state, detail: self._later("state_changed", state, detail),
            on_live=lambda reconnected: self._later("caught_up") if reconnected else None,
            config=self.config,
        )
        self._drain.start()
        self.channel.start()

    def stop(self) -> None:
        channel, self.channel = self.channel, None
        if channel is not None:
            channel.stop(timeout=2)
        self._drain.stop()

    def _later(self, signal: str, *args: Any) -> None:
        """On the channel's thread: for the GUI thread's next look."""
        self._heard_queue.put((signal, args))

    def _hand_over(self) -> None:
        while True:
            try:
                signal, args = self._heard_queue.get_nowait()
            except queue.Empty:
                return
            getattr(self, signal).emit(*args)

    def _remember(self, state: LinkState, _detail: str) -> None:
        self.state = state

    @property
    def live(self) -> bool:
        return self.state is LinkState.LIVE

    def _heard(self, event: CableEvent) -> None:
        """On the channel's thread: parsed here, so the GUI thread only places rows."""
        try:
            self._route(event)
        except ChatwootError as error:  # a shape this app does not know: the poll covers it
            log.info("live event %s not understood: %s", event.name, error)

    def _route(self, event: CableEvent) -> None:
        name, data = event.name, event.data
        if name in CONVERSATION_EVENTS:
            self._later("conversation", Conversation.parse(Fields(data, name)))
        elif name == "message.created":
            parent = data.get("conversation")
            unread = parent.get("unread_count") if isinstance(parent, dict) else None
            self._later("message", Message.parse(Fields(data, name)), unread)
        elif name == "message.updated":
            self._later("message_changed", Message.parse(Fields(data, name)))
        elif name in ("conversation.typing_on", "conversation.typing_off"):
            conversation_id = event.conversation_id
            user = data.get("user")
            who = str(user.get("name") or "") if isinstance(user, dict) else ""
            if conversation_id is not None:
                self._later("typing", conversation_id, who, name.endswith("_on"))
        elif name.startswith("scheduled_message.") and event.conversation_id is not None:
            self._later("scheduled", event.conversation_id)


def _reason(error: Exception) -> str:
    return error.message if isinstance(error, ChatwootError) else str(error)
