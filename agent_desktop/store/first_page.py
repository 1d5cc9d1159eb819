"""The first page of conversations as the agent last saw it, kept in a small file beside
the database, so the next start shows it at once while the rest of the app loads and the
server is asked. A cache only: damaged, missing or another profile's reads as none.

Kept in the server's own JSON shape and read back with the same parsers, so a damaged
file is caught as a malformed answer would be."""

from __future__ import annotations

import contextlib
import json
import os
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from agent_desktop.chatwoot.errors import UnexpectedResponseError
from agent_desktop.chatwoot.reading import Fields
from agent_desktop.chatwoot.records import Conversation, ConversationCounts, Inbox

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
    """Write whole or not at all: a reader never sees half a file."""
    target = home / FILENAME
    partial = target.with_name(f"{FILENAME}.partial")
    fd = os.open(partial, os.O_CREAT | os.O_WRONLY | os.O_TRUNC, 0o600)  # names and messages
    with os.fdopen(fd, "w", encoding="utf-8") as out:
        json.dump(page.to_json(), out, ensure_ascii=False, separators=(",", ":"))
    partial.replace(target)


def forget_first_page(home: Path) -> None:
    """At sign-out: the page holds customers' names and messages."""
    (home / FILENAME).unlink(missing_ok=True)


def load_first_page(home: Path, profile_id: int) -> FirstPage | None:
    try:
        raw = json.loads((home / FILENAME).read_text(encoding="utf-8"))
    except (OSError, ValueError):
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
