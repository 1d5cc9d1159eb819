"""Holding a message the moment the customer writes: the live channel's `message.created`
for a conversation where messages wait with hold-on-reply. The sender's own look before
each send stays: this only makes the hold immediate where the channel is up."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import UTC, datetime

from agent_desktop.chatwoot.cable import CableEvent
from agent_desktop.core.i18n import tr
from agent_desktop.scheduling.events import EventBus, EventKind
from agent_desktop.store.outbox import InvalidTransitionError, Outbox
from agent_desktop.store.records import OutboxRecord
from agent_desktop.store.states import OutboxState

log = logging.getLogger(__name__)
INCOMING = 0


@dataclass
class ReplyHolds:
    outbox: Outbox
    events: EventBus

    def heard(self, profile_id: int, event: CableEvent) -> list[OutboxRecord]:
        """Hold what this customer message stops; returns the rows held."""
        data = event.data
        if event.name != "message.created" or data.get("message_type") != INCOMING:
            return []
        conversation, reply_id, created = (
            event.conversation_id,
            data.get("id"),
            data.get("created_at"),
        )
        if data.get("private") or conversation is None or not isinstance(reply_id, int):
            return []
        written = datetime.fromtimestamp(created, UTC) if isinstance(created, int | float) else None
        held: list[OutboxRecord] = []
        waiting = self.outbox.find(
            profile_id=profile_id, conversation_id=conversation, states=[OutboxState.PENDING]
        )
        for record in waiting:
            if not (record.is_local and record.hold_on_reply and record.hold_after is not None):
                continue
            # as the sender's own look: a message strictly after, to the second
            if written is not None and written <= record.hold_after.replace(microsecond=0):
                continue
            try:
                stopped = self.outbox.hold_for_reply(record.id, reply_id)
            except InvalidTransitionError:
                continue  # being sent this moment, or changed: the sender's look decides
            self.events.emit(EventKind.HELD, stopped, tr("the customer replied"))
            held.append(stopped)
        return held
