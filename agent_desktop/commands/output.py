"""How the command line shows things: aligned tables, JSON, local times with offsets."""

from __future__ import annotations

import json
import sys
from collections.abc import Sequence
from datetime import datetime
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

from agent_desktop.core.i18n import tr
from agent_desktop.core.timezones import UnknownTimeZoneError, from_utc, local_zone, resolve_zone
from agent_desktop.store.records import OutboxRecord, ProfileRecord

if TYPE_CHECKING:
    from agent_desktop.chatwoot.client import ChatwootClient
    from agent_desktop.core.clock import Clock

CLOCK_TOLD_FROM = 60  # seconds off the server's clock before the agent is told


def print_json(value: Any) -> None:
    json.dump(value, sys.stdout, ensure_ascii=False, indent=2, default=str)
    sys.stdout.write("\n")


def table(rows: Sequence[Sequence[str]], headers: Sequence[str]) -> str:
    widths = [len(h) for h in headers]
    for row in rows:
        widths = [max(w, len(cell)) for w, cell in zip(widths, row, strict=True)]
    lines = ["  ".join(h.ljust(w) for h, w in zip(headers, widths, strict=True)).rstrip()]
    lines += [
        "  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)).rstrip() for row in rows
    ]
    return "\n".join(lines)


def snippet(text: str, width: int = 48) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= width else flat[: width - 1] + "…"


def iso_z(instant: datetime) -> str:
    return instant.strftime("%Y-%m-%dT%H:%M:%SZ")


def local_display(instant: datetime, zone: ZoneInfo | None = None) -> str:
    return from_utc(instant, zone or local_zone()).display()


def zone_of(record: OutboxRecord) -> ZoneInfo:
    """The zone the agent scheduled in, for showing the time as they chose it."""
    try:
        return resolve_zone(record.zone)
    except UnknownTimeZoneError:
        return local_zone()


def record_json(record: OutboxRecord, zone: ZoneInfo | None = None) -> dict[str, Any]:
    local = from_utc(record.scheduled_at, zone or zone_of(record))
    return {
        "id": record.id,
        "conversation_id": record.conversation_id,
        "conversation": record.conversation_label,
        "status": record.state.value,
        "backend": record.backend,
        "scheduled_at": iso_z(record.scheduled_at),
        "local": local.iso_local(),
        "zone": local.zone_name,
        "text": record.content,
        "hold_on_reply": record.hold_on_reply,
        "wait_for_opening": record.wait_for_opening,
        # where it waits for the inbox to open: when that is
        "opens_at": iso_z(record.due_at)
        if record.wait_for_opening and record.due_at > record.scheduled_at
        else None,
        "attempts": record.attempts,
        "last_error": record.last_error,
        "server_message_id": record.server_message_id,
        "attachments": [a.filename for a in record.attachments],
    }


def tell_account(args: Any, profile: ProfileRecord) -> None:
    """Which account a command used, when the agent did not say (on stderr: the output
    itself stays as scripts read it)."""
    if getattr(args, "account", None) is not None and getattr(args, "server", None):
        return
    account = profile.account_name or tr("account {id}").format(id=profile.account_id)
    print(
        tr("{account} (#{id}) on {server}").format(
            account=account, id=profile.account_id, server=profile.base_url
        ),
        file=sys.stderr,
    )


def clock_words(ahead_seconds: int) -> str:
    minutes = round(abs(ahead_seconds) / 60)
    if ahead_seconds > 0:
        return tr("this computer's clock is %n minute(s) ahead of the server's", None, minutes)
    return tr("this computer's clock is %n minute(s) behind the server's", None, minutes)


def tell_clock_skew(client: ChatwootClient, clock: Clock) -> None:
    """When the server's last answer dates it more than a minute off this computer's
    clock: a time given as "in 10 minutes" is read on this clock, and the message goes
    by the server's, so the agent should know before the time comes."""
    from agent_desktop.scheduling.lookup import clock_ahead_of_server

    ahead = round(clock_ahead_of_server(client, clock).total_seconds())
    if abs(ahead) >= CLOCK_TOLD_FROM:
        warning = clock_words(ahead) + "; " + tr("scheduled messages go by the server's clock")
        print(tr("warning: {warning}").format(warning=warning), file=sys.stderr)
