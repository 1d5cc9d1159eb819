"""The people a conversation can be given to: the account's agents and teams, as the
server sends them (records.Conversation carries its team with these)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from agent_desktop.chatwoot.reading import Fields


@dataclass(frozen=True)
class Agent:
    """One agent of the account (`api/v1/models/_agent.json.jbuilder`)."""

    id: int
    name: str
    available_name: str
    email: str
    role: str  # agent or administrator
    availability: str  # online, busy or offline

    @property
    def display_name(self) -> str:
        return self.name or self.available_name or self.email

    @classmethod
    def parse(cls, f: Fields) -> Agent:
        return cls(
            id=f.integer("id"),
            name=f.text("name"),
            available_name=f.text("available_name"),
            email=f.text("email"),
            role=f.text("role"),
            availability=f.text("availability_status"),
        )


@dataclass(frozen=True)
class Team:
    """One team of the account. The conversation's meta holds the full team; a live
    event's only its id and name."""

    id: int
    name: str
    description: str = ""
    allow_auto_assign: bool = False

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "name": self.name,
            "description": self.description,
            "allow_auto_assign": self.allow_auto_assign,
        }

    @classmethod
    def parse(cls, f: Fields) -> Team:
        return cls(
            id=f.integer("id"),
            name=f.text("name"),
            description=f.text("description"),
            allow_auto_assign=f.boolean("allow_auto_assign", default=False),
        )
