"""The scheduling policy: what may be done with a scheduled message, and whether a request
is valid. Pure: no database, no network. The reply box, the thread's card, the Scheduled
tab, the edit dialog, the tray and every command ask here; nothing else states a rule.

A design (where a message waits: this app's outbox, the fork's resource, the seed's
`scheduled_at`) contributes its traits: which actions each state allows there, how many
files a message may carry, whether "hold if the customer replies" is honoured.
"""

from __future__ import annotations

import enum
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from agent_desktop.core.channels import ChannelLimit
from agent_desktop.core.i18n import tr
from agent_desktop.core.rules import MAX_CONTENT_CHARS, Rule, ScheduleRules, Violation
from agent_desktop.labels import state_label
from agent_desktop.store.records import LOCAL, OutboxRecord
from agent_desktop.store.states import OutboxState

S = OutboxState

MAX_FILES = 15  # Chatwoot's limit per message
# the longest text a message may have, in UTF-8 bytes (four a character at most): a file
# bigger than this is refused before it is read
MAX_TEXT_BYTES = 4 * MAX_CONTENT_CHARS


class Action(enum.StrEnum):
    EDIT = "edit"
    SEND_NOW = "send-now"
    CANCEL = "cancel"
    RESTORE = "restore"  # bring a cancelled message back, while its time is ahead
    RETRY = "retry"


# Messages still on their way: counted as pending.
WAITING = frozenset({S.PENDING, S.SENDING})
# Messages the agent must look at: counted and shown first.
ATTENTION = frozenset({S.HELD, S.FAILED, S.MISSED})

A = Action
_CHANGEABLE = frozenset({A.EDIT, A.SEND_NOW, A.CANCEL})

# This app's outbox owns every step: a held, missed or failed message can be edited
# (rescheduled), sent now or cancelled; a failed one retried.
LOCAL_ACTIONS: Mapping[OutboxState, frozenset[Action]] = {
    S.PENDING: _CHANGEABLE,
    S.HELD: _CHANGEABLE,
    S.MISSED: _CHANGEABLE,
    S.FAILED: _CHANGEABLE | {A.RETRY},
    S.CANCELLED: frozenset({A.RESTORE}),
}
# On the server, only a message still waiting there can be changed or removed; one the
# server failed goes again through this app's outbox (send now, retry).
SERVER_ACTIONS: Mapping[OutboxState, frozenset[Action]] = {
    S.PENDING: _CHANGEABLE,
    S.HELD: _CHANGEABLE,
    # a draft never sends: giving it a time (edit) schedules it
    S.DRAFT: frozenset({A.EDIT, A.CANCEL}),
    S.FAILED: frozenset({A.SEND_NOW, A.RETRY}),
    S.CANCELLED: frozenset({A.RESTORE}),
}


@dataclass(frozen=True)
class Traits:
    """What one scheduling design allows."""

    name: str
    local: bool  # this app sends it (else the server does)
    actions: Mapping[OutboxState, frozenset[Action]] = field(default_factory=dict)
    max_files: int = MAX_FILES
    hold_on_reply: bool = True  # the design honours "hold if the customer replies"
    # the server has not shown that it does (versions of the fork differ, and its answers
    # need not say): the agent is told it may go out anyway
    hold_unconfirmed: bool = False
    server_lead: timedelta = timedelta(0)  # the server's own minimum lead


# this app's outbox (scheduling/designs/local.py); here, as the window shows it before
# the designs are loaded
LOCAL_TRAITS = Traits(name=LOCAL, local=True, actions=LOCAL_ACTIONS)


# -- what may be done with a row ---------------------------------------------------------


def allowed(record: OutboxRecord, traits: Traits, now: datetime) -> frozenset[Action]:
    """Every action the row allows now."""
    actions = traits.actions.get(record.state, frozenset())
    if A.RESTORE in actions and record.scheduled_at <= now:
        actions = actions - {A.RESTORE}
    return actions


def restorable(record: OutboxRecord, traits: Traits, now: datetime) -> bool:
    """Whether the message may still be brought back (its kept files are still needed)."""
    return A.RESTORE in allowed(record, traits, now)


def refusal(record: OutboxRecord, action: Action, traits: Traits, now: datetime) -> str | None:
    """Why the action is not allowed, in words; None when it is."""
    if action in allowed(record, traits, now):
        return None
    name, state = f"#{record.id}", state_label(record.state)
    if record.state is S.SENDING:
        return tr("scheduled message {id} is being sent right now").format(id=name)
    if action is A.RESTORE:
        if record.state is not S.CANCELLED:
            return tr("scheduled message {id} is not cancelled").format(id=name)
        return tr("the time of scheduled message {id} has passed; schedule it again").format(
            id=name
        )
    if action is A.RETRY:
        return tr("scheduled message {id} is {state}, not failed").format(id=name, state=state)
    if not traits.local and record.state in ATTENTION | WAITING:
        return tr(
            "scheduled message {id} is {state} on the server and can no longer be changed"
        ).format(id=name, state=state)
    return tr("scheduled message {id} is {state}; that can no longer be done").format(
        id=name, state=state
    )


# -- whether a request is valid ----------------------------------------------------------


def check_text(
    text: str, files: int, rules: ScheduleRules, channel: ChannelLimit | None = None
) -> list[Violation]:
    """The text of any message: something to send (text or a file), within the server's
    limit and the channel's (a reply to WhatsApp, SMS, …: see core.channels)."""
    if not text.strip() and files == 0:
        return [Violation(Rule.EMPTY_TEXT)]
    if len(text) > rules.max_chars:
        return [Violation(Rule.TEXT_TOO_LONG, {"length": len(text), "limit": rules.max_chars})]
    over = over_channel_limit(text, channel)
    return [over] if over else []


def over_channel_limit(text: str, channel: ChannelLimit | None) -> Violation | None:
    """The channel's limit, alone: checked again when a scheduled message is due."""
    if channel is None or len(text) <= channel.chars:
        return None
    params = {"length": len(text), "limit": channel.chars}
    return Violation(Rule.TOO_LONG_FOR_CHANNEL, params, channel.name)


def check_file_count(files: int, limit: int = MAX_FILES) -> list[Violation]:
    if files > limit:
        return [Violation(Rule.TOO_MANY_FILES, {"count": files, "limit": limit})]
    return []


def check_files(files: int, traits: Traits) -> list[Violation]:
    return check_file_count(files, traits.max_files)


def check_time(
    when: datetime, now: datetime, rules: ScheduleRules, traits: Traits | None = None
) -> list[Violation]:
    """The agent's rules (lead, a year at most), then the server's own lead, if longer."""
    lead = rules.min_lead
    if traits is not None and traits.server_lead > lead:
        lead = traits.server_lead
    found = rules.check_time(when, now, lead=lead)
    return [found] if found else []


def check_send(
    text: str,
    files: int,
    rules: ScheduleRules,
    channel: ChannelLimit | None = None,
    *,
    private: bool = False,
) -> list[Violation]:
    """An ordinary reply or note, sent now: a note never leaves Chatwoot, so no channel's
    limit applies to it."""
    return check_text(text, files, rules, None if private else channel)


def check_schedule(
    text: str,
    files: int,
    when: datetime,
    now: datetime,
    rules: ScheduleRules,
    traits: Traits,
    channel: ChannelLimit | None = None,
) -> list[Violation]:
    """A new scheduled message: every rule it breaks, text first."""
    return [
        *check_text(text, files, rules, channel),
        *check_files(files, traits),
        *check_time(when, now, rules, traits),
    ]


def check_edit(
    record: OutboxRecord,
    text: str | None,
    when: datetime | None,
    now: datetime,
    rules: ScheduleRules,
    traits: Traits,
    channel: ChannelLimit | None = None,
) -> list[Violation]:
    """A change to a scheduled message: the new text, and a new time if one is asked for.
    The time it keeps is not checked again (it may be near, or a held message's past)."""
    found: list[Violation] = []
    if text is not None:
        found += check_text(text, len(record.attachments), rules, channel)
    if when is not None:
        found += check_time(when, now, rules, traits)
    return found


def describe(violations: list[Violation]) -> str:
    return "; ".join(v.message for v in violations)


def as_sentence(violations: list[Violation]) -> str | None:
    """The violations as a sentence for the window; None when there are none. Only the
    first letter is raised (str.capitalize would lower "WhatsApp" and "UTC")."""
    if not violations:
        return None
    text = describe(violations)
    return text[:1].upper() + text[1:]
