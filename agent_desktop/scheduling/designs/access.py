"""A conversation the server no longer lets this agent reach (an administrator took the
agent off its inbox; the token is fine, so nothing pauses): the messages waiting there
fail with word, alone, and the rest go on."""

from __future__ import annotations

import contextlib
from collections.abc import Iterable, Iterator

from agent_desktop.chatwoot.errors import AccessDeniedError
from agent_desktop.core.i18n import tr
from agent_desktop.scheduling.designs.base import Context
from agent_desktop.scheduling.events import EventKind
from agent_desktop.store.records import OutboxRecord
from agent_desktop.store.states import OutboxState

S = OutboxState
# what the server may still send (a draft never sends): it fails when out of reach
WAITING = (S.PENDING, S.HELD)


def no_access(error: AccessDeniedError) -> str:
    """In a local message's words (the courier's), and that the server may still send
    it: its job sends as the author, whatever the author may see now."""
    return tr(
        "you no longer have access to this conversation ({reason}); the server may still "
        "send it at its time"
    ).format(reason=error.message)


def fail_refused(ctx: Context, records: Iterable[OutboxRecord], error: AccessDeniedError) -> str:
    """Fail a refused conversation's server rows still waiting there, each told once. A
    step left unfinished stays written down, for a look to settle once it can."""
    from agent_desktop.store.outbox import MovedOnError

    why = no_access(error)
    for record in records:
        if record.is_local or record.state not in WAITING:
            continue  # what was sent, failed or cancelled stays so
        try:  # as the look read it: a step begun meanwhile says where the row stands
            failed = ctx.outbox.mirror(record.id, S.FAILED, since=record.revision, last_error=why)
        except MovedOnError:
            continue
        ctx.tell(EventKind.FAILED, failed, why)
    return why


@contextlib.contextmanager
def refusal_told(ctx: Context, record: OutboxRecord) -> Iterator[None]:
    """A step the server refused for want of access fails the message and says why
    (still a refusal by the server: the command line's exit 3, as for a local one)."""
    try:
        yield
    except AccessDeniedError as error:
        why = fail_refused(ctx, [ctx.outbox.get(record.id)], error)
        raise AccessDeniedError(why) from error
