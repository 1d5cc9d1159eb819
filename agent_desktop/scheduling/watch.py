"""Following a sent message's delivery for a few minutes: a channel may refuse it after
the server accepted it (a WhatsApp 24-hour window that closed), and the agent must know."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from agent_desktop.chatwoot.client import ChatwootClient
from agent_desktop.chatwoot.errors import ChatwootError
from agent_desktop.chatwoot.records import Message
from agent_desktop.core.clock import Clock
from agent_desktop.core.i18n import tr
from agent_desktop.scheduling.events import EventBus, EventKind
from agent_desktop.scheduling.pacing import RateLimiter
from agent_desktop.store.outbox import InvalidTransitionError, Outbox, Tried
from agent_desktop.store.records import OutboxRecord
from agent_desktop.store.states import OutboxState

log = logging.getLogger(__name__)
CHECKS_AFTER = (5.0, 15.0, 45.0, 120.0, 300.0)  # seconds after sending
SETTLED = {"delivered", "read"}


@dataclass
class _Followed:
    outbox_id: int
    profile_id: int
    conversation_id: int
    message_id: int
    checks: list[datetime]


def channel_failure(message: Message) -> str:
    reason = message.content_attributes.get("external_error")
    if reason:
        return tr("the channel did not deliver it: {reason}").format(reason=reason)
    return tr("the channel did not deliver it")


@dataclass
class DeliveryWatch:
    outbox: Outbox
    clock: Clock
    events: EventBus
    _followed: list[_Followed] = field(default_factory=list)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def follow(self, record: OutboxRecord, message: Message) -> None:
        if message.status == "failed":
            self._fail(record.id, message)
            return
        sent_at = self.clock.now()
        with self._lock:
            self._followed.append(
                _Followed(
                    record.id,
                    record.profile_id,
                    record.conversation_id,
                    message.id,
                    [sent_at + timedelta(seconds=s) for s in CHECKS_AFTER],
                )
            )

    def following(self) -> int:
        with self._lock:
            return len(self._followed)

    def next_check(self) -> datetime | None:
        with self._lock:
            return min((f.checks[0] for f in self._followed), default=None)

    def check(
        self, client_for: Callable[[int], object], limiter: RateLimiter | None = None
    ) -> None:
        """Look at what is due, one request per conversation (a burst sent to one chat is
        followed by one look, not one each); with `limiter`, only with spare allowance."""
        now = self.clock.now()
        with self._lock:
            due = [f for f in self._followed if f.checks[0] <= now]
        groups: dict[tuple[int, int], list[_Followed]] = {}
        for followed in due:
            groups.setdefault((followed.profile_id, followed.conversation_id), []).append(followed)
        for (profile_id, conversation_id), group in groups.items():
            if limiter is not None and not limiter.spare(now):
                return  # sending comes first: these wait for the next look
            client = client_for(profile_id)
            if not isinstance(client, ChatwootClient):
                self._reschedule_all(group, settled=False)
                continue
            first = min(f.message_id for f in group)
            try:
                page = client.messages(conversation_id, after=first - 1)
            except ChatwootError as error:
                log.info("could not follow messages in conversation %s: %s", conversation_id, error)
                self._reschedule_all(group, settled=False)
                continue
            listed = {m.id: m for m in page}
            newest = max(listed, default=first - 1)
            for followed in group:
                message = listed.get(followed.message_id)
                if message is not None and message.status == "failed":
                    self._fail(followed.outbox_id, message)
                    self._reschedule(followed, settled=True)
                elif message is None:
                    # before the newest listed: deleted, nothing to follow; after it: the
                    # page ended first, looked at next time
                    self._reschedule(followed, settled=followed.message_id < newest)
                else:
                    self._reschedule(followed, settled=message.status in SETTLED)

    def _reschedule_all(self, group: list[_Followed], *, settled: bool) -> None:
        for followed in group:
            self._reschedule(followed, settled=settled)

    def _reschedule(self, followed: _Followed, *, settled: bool) -> None:
        with self._lock:
            followed.checks.pop(0)
            if (settled or not followed.checks) and followed in self._followed:
                self._followed.remove(followed)

    def _fail(self, outbox_id: int, message: Message) -> None:
        reason = channel_failure(message)
        try:
            failed = self.outbox.move(
                outbox_id,
                OutboxState.FAILED,
                tried=Tried("channel_failed", error=reason, counts_as_try=False),
                last_error=reason,
            )
        except InvalidTransitionError:
            return
        self.events.emit(EventKind.FAILED, failed, reason)
