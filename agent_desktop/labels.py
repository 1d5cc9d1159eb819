"""Words for the values people see in lists: message states, conversation statuses,
what an attempt came to, where a message waits. Stored values stay English."""

from __future__ import annotations

from agent_desktop.core.i18n import tr


def state_label(state: str) -> str:
    labels = {
        "pending": tr("pending", "scheduled message"),
        "sending": tr("sending"),
        "sent": tr("sent", "scheduled message"),
        "failed": tr("failed", "scheduled message"),
        "held": tr("held", "scheduled message"),
        "missed": tr("missed", "scheduled message"),
        "cancelled": tr("cancelled", "scheduled message"),
    }
    return labels.get(str(state), str(state))


def status_label(status: str) -> str:
    labels = {
        "open": tr("open", "conversation"),
        "pending": tr("pending", "conversation"),
        "resolved": tr("resolved", "conversation"),
        "snoozed": tr("snoozed", "conversation"),
    }
    return labels.get(str(status), str(status))


def outcome_label(outcome: str) -> str:
    labels = {
        "sent": tr("sent", "attempt"),
        "reconciled": tr("already delivered", "attempt"),
        "held": tr("held", "attempt"),
        "retry": tr("will retry", "attempt"),
        "maybe_delivered": tr("may have gone out; checking before retrying", "attempt"),
        "retry_after": tr("rate limited, will retry", "attempt"),
        "failed": tr("failed", "attempt"),
        "paused": tr("paused: sign in again", "attempt"),
        "channel_failed": tr("the channel did not deliver it", "attempt"),
    }
    return labels.get(str(outcome), str(outcome))


def backend_label(backend: str) -> str:
    labels = {
        "auto": tr("detect per account"),
        "local": tr("this app's outbox"),
        "server-resource": tr("the server (scheduled_messages)"),
        "server-scheduled-at": tr("the server (scheduled_at)"),
    }
    return labels.get(str(backend), str(backend))


def event_label(kind: str) -> str:
    labels = {
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
    }
    return labels.get(str(kind), str(kind))
