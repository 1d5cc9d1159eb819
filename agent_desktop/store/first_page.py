"""The first page of conversations as the agent last saw it, kept in a small file beside
the database, so the next start shows it at once while the rest of the app loads and the
server is asked. A cache only: damaged, missing or another profile's reads as none.

Kept in the server's own JSON shape and read back with the same parsers, so a damaged
file is caught as a malformed answer would be."""

from __future__ import annotations

import contextlib
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from agent_desktop.chatwoot.errors import UnexpectedResponseError
from agent_desktop.chatwoot.list_records import ConversationCounts
from agent_desktop.chatwoot.reading import Fields
from agent_desktop.chatwoot.records import Conversation, Inbox
from agent_desktop.store.private_files import read_json, write_private_json

FILENAME = "first-page.json"
FORMAT = 1


@dataclass(frozen=True)
class FirstPage:
    profile_id: int
    saved_at: datetime
    counts: ConversationCounts
    conversations: tuple[Conversation, ...]
    inboxes: tuple[Inbox, ...]

    def to_json(self) -> dict[str, Any]:
        return {
            "format": FORMAT,
            "profile_id": self.profile_id,
            "saved_at": self.saved_at.isoformat(),
            "meta": self.counts.to_json(),
            "payload": [c.to_json() for c in self.conversations],
            "inboxes": [i.to_json() for i in self.inboxes],
        }


def save_first_page(home: Path, page: FirstPage) -> None:
    write_private_json(home / FILENAME, page.to_json())  # names and messages: the agent's


def forget_first_page(home: Path) -> None:
    """At sign-out: the page holds customers' names and messages."""
    (home / FILENAME).unlink(missing_ok=True)


def load_first_page(home: Path, profile_id: int) -> FirstPage | None:
    raw = read_json(home / FILENAME)
    if raw is None:
        return None
    with contextlib.suppress(UnexpectedResponseError, KeyError, TypeError, ValueError):
        body = Fields(raw, FILENAME)
        if body.integer("format") != FORMAT or body.integer("profile_id") != profile_id:
            return None
        return FirstPage(
            profile_id=profile_id,
            saved_at=body.timestamp("saved_at"),
            counts=ConversationCounts.parse(body.obj("meta")),
            conversations=tuple(Conversation.parse(c) for c in body.objects("payload")),
            inboxes=tuple(Inbox.parse(i) for i in body.objects("inboxes")),
        )
    return None
