"""One scheduling design: where a scheduled message waits and who sends it at its time.
The service holds no per-design branching: it picks a design and calls it."""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from agent_desktop.core.clock import Clock
from agent_desktop.core.i18n import QT_TR_NOOP
from agent_desktop.scheduling.errors import SchedulingError
from agent_desktop.scheduling.events import EventKind
from agent_desktop.scheduling.policy import Traits
from agent_desktop.scheduling.requests import ScheduleRequest
from agent_desktop.store.records import Capabilities, OutboxRecord, ProfileRecord

if TYPE_CHECKING:  # the HTTP client loads with the store, not with the window
    from agent_desktop.chatwoot.client import ChatwootClient
    from agent_desktop.store.outbox import Outbox


@dataclass(frozen=True)
class Context:
    """What a design works with, for one profile."""

    profile: ProfileRecord
    outbox: Outbox
    clock: Clock
    home: Path
    client: Callable[[], ChatwootClient]  # this thread's, made when first needed
    # remembers what the server has shown it does (store.records.Capabilities' fields)
    learn: Callable[..., object] = lambda **_facts: None
    # tells whoever listens what the server did with a message (a row deleted there)
    tell: Callable[[EventKind, OutboxRecord, str], object] = lambda _kind, _record, _why: None
    traits: Traits | None = None  # the design's traits as this server has them

    @property
    def profile_id(self) -> int:
        return self.profile.id


@dataclass(frozen=True)
class Created:
    """A message the server now keeps: its id there, and whether the answer showed it
    will hold the message if the customer replies (None: the design does not say)."""

    remote_id: int
    holds_on_reply: bool | None = None


@dataclass(frozen=True)
class Change:
    """An edit: each field None when it stays as it is."""

    text: str | None = None
    when: datetime | None = None
    zone: str | None = None
    hold_on_reply: bool | None = None


class Design(ABC):
    traits: ClassVar[Traits]
    label: ClassVar[str]  # marked for translation; worded where shown
    # what to do when the agent forces this design on a server that has not shown it
    if_unsupported: ClassVar[str] = QT_TR_NOOP("use another backend")
    #: the order in which designs are probed; the fallback (which always fits) is last
    detect_order: ClassVar[int]

    @property
    def name(self) -> str:
        return self.traits.name

    #: whether this design's servers differ on holding (the fork before and after its
    #: PR #322): then a server that has not shown it holds is not trusted to
    hold_varies: ClassVar[bool] = False

    def traits_with(self, capabilities: Capabilities) -> Traits:
        """The design's traits as one server has shown them."""
        if not (self.hold_varies and self.traits.hold_on_reply):
            return self.traits
        if capabilities.holds_on_reply is False:
            return replace(self.traits, hold_on_reply=False)
        if capabilities.holds_on_reply is None:
            return replace(self.traits, hold_unconfirmed=True)
        return self.traits

    @abstractmethod
    def probe(self, client: ChatwootClient, conversation_id: int | None) -> str | None:
        """Why this server carries the design, or None when it does not. Raises the
        client's errors when the server cannot be asked."""

    @abstractmethod
    def create(self, ctx: Context, request: ScheduleRequest) -> OutboxRecord: ...

    @abstractmethod
    def change(self, ctx: Context, record: OutboxRecord, change: Change) -> OutboxRecord: ...

    @abstractmethod
    def cancel(self, ctx: Context, record: OutboxRecord) -> OutboxRecord: ...

    @abstractmethod
    def restore(self, ctx: Context, record: OutboxRecord) -> OutboxRecord:
        """Bring a cancelled message back at its time (the policy checked it is ahead)."""

    @abstractmethod
    def send_now(self, ctx: Context, record: OutboxRecord) -> OutboxRecord: ...

    @abstractmethod
    def retry(self, ctx: Context, record: OutboxRecord) -> OutboxRecord: ...

    @abstractmethod
    def refresh(self, ctx: Context, records: list[OutboxRecord]) -> None:
        """Learn what became of one conversation's rows still in play."""

    def resume(self, ctx: Context, records: list[OutboxRecord]) -> None:
        """Finish or undo steps with the server a lost answer or a crash left under way
        (rows with an intent); a design whose rows never have one has nothing to do."""
        return None


def guarded(change: Callable[[], OutboxRecord]) -> OutboxRecord:
    """An outbox move that lost a race (another process sent or cancelled the row
    meanwhile) is told as a scheduling error, in the outbox's words."""
    from agent_desktop.store.outbox import InvalidTransitionError

    try:
        return change()
    except InvalidTransitionError as error:
        raise SchedulingError(str(error)) from error
