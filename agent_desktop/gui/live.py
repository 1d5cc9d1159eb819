"""The window's live channel: Chatwoot's events delivered on the GUI thread as records
the list and the thread use, and the link's state for the status bar. While the
channel is down the window polls as before; once it is back, it catches up."""

from __future__ import annotations

import logging

from PySide6.QtCore import QObject, Signal

from agent_desktop.chatwoot.cable import CableConfig, CableEvent, LinkState, LiveChannel
from agent_desktop.chatwoot.errors import ChatwootError
from agent_desktop.chatwoot.reading import Fields
from agent_desktop.chatwoot.records import Conversation, Message
from agent_desktop.gui.session import Session

log = logging.getLogger(__name__)
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
    # emitted from the channel's thread; Qt queues them to the GUI thread's receivers
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
        profile = self.session.profile
        self.channel = LiveChannel(
            profile.base_url,
            pubsub_token=pubsub,
            account_id=profile.account_id,
            user_id=getattr(me, "id", profile.user_id),
            on_event=self._heard,
            on_state=lambda state, detail: self.state_changed.emit(state, detail),
            on_live=lambda reconnected: self.caught_up.emit() if reconnected else None,
            config=self.config,
        )
        self.channel.start()

    def stop(self) -> None:
        channel, self.channel = self.channel, None
        if channel is not None:
            channel.stop(timeout=2)

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
            self.conversation.emit(Conversation.parse(Fields(data, name)))
        elif name == "message.created":
            parent = data.get("conversation")
            unread = parent.get("unread_count") if isinstance(parent, dict) else None
            self.message.emit(Message.parse(Fields(data, name)), unread)
        elif name == "message.updated":
            self.message_changed.emit(Message.parse(Fields(data, name)))
        elif name in ("conversation.typing_on", "conversation.typing_off"):
            conversation_id = event.conversation_id
            user = data.get("user")
            who = str(user.get("name") or "") if isinstance(user, dict) else ""
            if conversation_id is not None:
                self.typing.emit(conversation_id, who, name.endswith("_on"))
        elif name.startswith("scheduled_message.") and event.conversation_id is not None:
            self.scheduled.emit(event.conversation_id)


def _reason(error: Exception) -> str:
    return error.message if isinstance(error, ChatwootError) else str(error)
