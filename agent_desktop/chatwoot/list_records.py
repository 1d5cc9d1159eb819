"""The conversation list's records: a page of it with the server's counts per assignee,
and the answer to a status change (which moves a conversation between the lists)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from agent_desktop.chatwoot.reading import Fields
from agent_desktop.chatwoot.records import Conversation, ConversationStatus


@dataclass(frozen=True)
class ConversationCounts:
    mine: int
    assigned: int
    unassigned: int
    all: int

    def to_json(self) -> dict[str, Any]:
        return {
            "mine_count": self.mine,
            "assigned_count": self.assigned,
            "unassigned_count": self.unassigned,
            "all_count": self.all,
        }

    @classmethod
    def parse(cls, f: Fields) -> ConversationCounts:
        return cls(
            mine=f.opt_integer("mine_count") or 0,
            assigned=f.opt_integer("assigned_count") or 0,
            unassigned=f.opt_integer("unassigned_count") or 0,
            all=f.opt_integer("all_count") or 0,
        )


@dataclass(frozen=True)
class ConversationPage:
    page: int
    counts: ConversationCounts
    conversations: tuple[Conversation, ...]
    assignee_type: str = "all"
    page_size: int | None = None  # as learned from a first page; None: not known yet
    more: bool | None = None  # said outright where rows were added to the server's page

    @property
    def total(self) -> int:
        """How many conversations the filter matches, by the server's counts."""
        return {
            "me": self.counts.mine,
            "assigned": self.counts.assigned,
            "unassigned": self.counts.unassigned,
        }.get(self.assignee_type, self.counts.all)

    @property
    def size(self) -> int:
        """The install's page size (CONVERSATION_RESULTS_PER_PAGE, 25 by default): as
        known, else this page's length (a page followed by others is full)."""
        return self.page_size or len(self.conversations)

    @property
    def may_have_more(self) -> bool:
        """Whether a next page holds more, by the server's count of the filter."""
        if self.more is not None:
            return self.more
        shown = len(self.conversations)
        return shown > 0 and (self.page - 1) * self.size + shown < self.total


@dataclass(frozen=True)
class StatusChange:
    conversation_id: int
    status: ConversationStatus
    snoozed_until: datetime | None

    @classmethod
    def parse(cls, f: Fields) -> StatusChange:
        raw = f.string("current_status")
        try:
            status = ConversationStatus(raw)
        except ValueError:
            raise f.fail("current_status", "a conversation status") from None
        return cls(f.integer("conversation_id"), status, f.opt_timestamp("snoozed_until"))
