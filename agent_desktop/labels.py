"""Words for the values people see in lists: message states, conversation statuses,
what an attempt came to, what the dispatcher did. Stored values stay English."""

from __future__ import annotations

import functools
from datetime import datetime

from agent_desktop.core.i18n import current_language, tr
from agent_desktop.core.relative import relative
from agent_desktop.store.records import OutboxRecord


@functools.cache
def _labels(language: str) -> dict[str, dict[str, str]]:
    """Every label in one language, worded once: lists ask for them on every repaint.
    (Literal tr() calls, so that lupdate finds them with their disambiguations.)"""
    return {
        "state": {
            "pending": tr("pending", "scheduled message"),
            "sending": tr("sending"),
            "sent": tr("sent", "scheduled message"),
            "failed": tr("failed", "scheduled message"),
            "held": tr("held", "scheduled message"),
            "missed": tr("missed", "scheduled message"),
            "cancelled": tr("cancelled", "scheduled message"),
            "draft": tr("draft", "scheduled message"),
        },
        "status": {
            "open": tr("open", "conversation"),
            "pending": tr("pending", "conversation"),
            "resolved": tr("resolved", "conversation"),
            "snoozed": tr("snoozed", "conversation"),
        },
        "outcome": {
            "sent": tr("sent", "attempt"),
            "reconciled": tr("already delivered", "attempt"),
            "held": tr("held", "attempt"),
            "retry": tr("will retry", "attempt"),
            "maybe_delivered": tr("may have gone out; checking before retrying", "attempt"),
            "retry_after": tr("rate limited, will retry", "attempt"),
            "failed": tr("failed", "attempt"),
            "paused": tr("paused: sign in again", "attempt"),
            "channel_failed": tr("the channel did not deliver it", "attempt"),
        },
        "event": {
            "created": tr("created", "event"),
            "updated": tr("updated", "event"),
            "sent": tr("sent", "event"),
            "failed": tr("failed", "event"),
            "held": tr("held", "event"),
            "missed": tr("missed", "event"),
            "cancelled": tr("cancelled", "event"),
            "retrying": tr("retrying", "event"),
            "paused": tr("paused", "event"),
            "resumed": tr("resumed", "event"),
            "clock_jump": tr("clock jump", "event"),
            "stopped": tr("stopped", "event"),
            "stuck": tr("waiting past its time", "event"),
            "clock_skew": tr("clock off", "event"),
        },
    }


def _label(kind: str, value: str) -> str:
    return _labels(current_language())[kind].get(str(value), str(value))


def state_label(state: str) -> str:
    return _label("state", state)


def status_label(status: str) -> str:
    return _label("status", status)


def outcome_label(outcome: str) -> str:
    return _label("outcome", outcome)


def event_label(kind: str) -> str:
    return _label("event", kind)


def timing(record: OutboxRecord, now: datetime) -> str:
    """How far a scheduled message's time is, where that still means something: a sent
    one says when it went, a cancelled one nothing."""
    match record.state:
        case "sent":
            return tr("sent {when}").format(when=relative(record.sent_at or record.updated_at, now))
        case "cancelled" | "draft":  # nothing is on its way
            return ""
    return relative(record.scheduled_at, now)
