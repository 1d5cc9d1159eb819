"""The outbox state machine: which state a scheduled message may move to from which."""

from __future__ import annotations

import enum


class OutboxState(enum.StrEnum):
    PENDING = "pending"  # waiting for its time (or for its next retry)
    SENDING = "sending"  # claimed by one dispatcher, request possibly under way
    SENT = "sent"
    FAILED = "failed"
    HELD = "held"  # the customer replied after it was scheduled; the agent decides
    MISSED = "missed"  # came due while nothing ran, too late to send unasked
    CANCELLED = "cancelled"
    DRAFT = "draft"  # on the fork's server without a time (its own UI saves such drafts)


S = OutboxState

ALLOWED: dict[OutboxState, frozenset[OutboxState]] = {
    S.PENDING: frozenset({S.SENDING, S.CANCELLED, S.MISSED, S.HELD, S.FAILED}),
    # back to pending: a retry is due later, sending is paused, or a lease expired
    S.SENDING: frozenset({S.SENT, S.PENDING, S.FAILED, S.HELD}),
    # the channel may report a failure after the server accepted the message
    S.SENT: frozenset({S.FAILED}),
    S.FAILED: frozenset({S.PENDING, S.CANCELLED}),
    S.HELD: frozenset({S.PENDING, S.CANCELLED}),
    S.MISSED: frozenset({S.PENDING, S.CANCELLED}),
    # undo of a cancel
    S.CANCELLED: frozenset({S.PENDING}),
    # a server's row only: given a time it waits again
    S.DRAFT: frozenset({S.PENDING, S.CANCELLED}),
}

# Where the store lets an edit land (a guard against races, not a rule the agent sees:
# what the agent may do is the scheduling policy's).
EDITABLE = frozenset({S.PENDING, S.HELD, S.MISSED, S.FAILED})


def can_move(source: OutboxState, target: OutboxState) -> bool:
    return target in ALLOWED[source]


def sources_of(target: OutboxState) -> frozenset[OutboxState]:
    """Every state from which `target` may be reached."""
    return frozenset(state for state, targets in ALLOWED.items() if target in targets)
