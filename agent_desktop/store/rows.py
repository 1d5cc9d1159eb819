"""The outbox's rows at the lowest level: the errors a guarded move raises, reading one
row, and the one guarded UPDATE every move and claim is made of."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import update
from sqlalchemy.orm import Session

from agent_desktop.core.i18n import tr
from agent_desktop.labels import state_label
from agent_desktop.store.models import OutboxMessage
from agent_desktop.store.states import OutboxState


class OutboxError(Exception):
    pass


class OutboxNotFoundError(OutboxError):
    def __init__(self, outbox_id: int) -> None:
        super().__init__(
            tr("there is no scheduled message {outbox_id}").format(outbox_id=outbox_id)
        )
        self.outbox_id = outbox_id


class InvalidTransitionError(OutboxError):
    def __init__(self, outbox_id: int, current: OutboxState, target: OutboxState) -> None:
        super().__init__(
            tr("scheduled message {outbox_id} is {state}; it cannot become {target}").format(
                outbox_id=outbox_id, state=state_label(current), target=state_label(target)
            )
        )
        self.outbox_id = outbox_id
        self.current = current
        self.target = target


class MovedOnError(OutboxError):
    """The row changed after it was read (another window, command or sender took a step
    with it): what was concluded from the old reading is not written."""

    def __init__(self, outbox_id: int) -> None:
        super().__init__(
            tr("scheduled message {outbox_id} changed meanwhile; look again").format(
                outbox_id=outbox_id
            )
        )
        self.outbox_id = outbox_id


def get_row(session: Session, outbox_id: int, *, refresh: bool = False) -> OutboxMessage:
    row = session.get(OutboxMessage, outbox_id, populate_existing=refresh)
    if row is None:
        raise OutboxNotFoundError(outbox_id)
    return row


def as_utc(value: datetime | str) -> datetime:
    parsed = datetime.fromisoformat(value) if isinstance(value, str) else value
    return parsed.replace(tzinfo=UTC) if parsed.tzinfo is None else parsed.astimezone(UTC)


def update_one(session: Session, where: list[Any], **values: Any) -> bool:
    """One guarded UPDATE; True when it changed the row (its WHERE still held)."""
    result = session.execute(
        update(OutboxMessage)
        .where(*where)
        .values(revision=OutboxMessage.revision + 1, **values)
        .execution_options(synchronize_session=False)
    )
    return getattr(result, "rowcount", 0) == 1
