"""A conversation's contact as Chatwoot's contact panel shows it: the contact's details
(`GET contacts/{id}`, wrapped in "payload") and the conversation's own custom attributes.
The contact's other conversations come from ChatwootClient.contact_conversations."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING, Any

from agent_desktop.chatwoot.reading import Fields

if TYPE_CHECKING:
    from agent_desktop.chatwoot.client import ChatwootClient

# the keys Chatwoot's dashboard reads from additional_attributes.social_profiles
SOCIAL_NETWORKS = ("facebook", "github", "instagram", "linkedin", "twitter", "telegram")


def attribute_text(value: Any) -> str:
    """An attribute's value as one line of text: attributes are free-form JSON (text,
    numbers, dates as text, checkboxes, lists)."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return str(value)
    if isinstance(value, list):
        return ", ".join(attribute_text(item) for item in value)
    return json.dumps(value, ensure_ascii=False, sort_keys=True)


@dataclass(frozen=True)
class ContactDetails:
    """One contact as `GET contacts/{id}` renders it (_contact.json.jbuilder)."""

    id: int
    name: str
    email: str
    phone_number: str
    identifier: str
    thumbnail: str
    availability_status: str  # online, busy or offline
    blocked: bool
    additional_attributes: dict[str, Any] = field(default_factory=dict)
    custom_attributes: dict[str, Any] = field(default_factory=dict)
    created_at: datetime | None = None
    last_activity_at: datetime | None = None

    def _additional(self, key: str) -> str:
        return attribute_text(self.additional_attributes.get(key)).strip()

    @property
    def company(self) -> str:
        return self._additional("company_name")

    @property
    def city(self) -> str:
        return self._additional("city")

    @property
    def country(self) -> str:
        return self._additional("country")

    @property
    def location(self) -> str:
        """City and country; a contact from the web widget may have only `location`."""
        place = ", ".join(part for part in (self.city, self.country) if part)
        return place or self._additional("location")

    @property
    def description(self) -> str:
        return self._additional("description")

    @property
    def social_profiles(self) -> dict[str, str]:
        """Network to handle, only those filled in."""
        profiles = self.additional_attributes.get("social_profiles")
        if not isinstance(profiles, dict):
            return {}
        found = {str(k): attribute_text(v).strip() for k, v in profiles.items()}
        return {network: handle for network, handle in found.items() if handle}

    @classmethod
    def parse(cls, f: Fields) -> ContactDetails:
        return cls(
            id=f.integer("id"),
            name=f.text("name"),
            email=f.text("email"),
            phone_number=f.text("phone_number"),
            identifier=f.text("identifier"),
            thumbnail=f.text("thumbnail"),
            availability_status=f.text("availability_status") or "offline",
            blocked=f.boolean("blocked", default=False),
            additional_attributes=f.mapping("additional_attributes"),
            custom_attributes=f.mapping("custom_attributes"),
            created_at=f.opt_timestamp("created_at"),
            last_activity_at=f.opt_timestamp("last_activity_at"),
        )


def contact(client: ChatwootClient, contact_id: int) -> ContactDetails:
    """The contact's details; NotFoundError for one the account does not have."""
    body = client._request("GET", client._account_path(f"/contacts/{contact_id}"))
    return ContactDetails.parse(Fields(body, "contact").obj("payload"))


def conversation_attributes(client: ChatwootClient, conversation_id: int) -> dict[str, Any]:
    """The conversation's custom attributes (not kept in the Conversation record)."""
    body = client._request("GET", client._account_path(f"/conversations/{conversation_id}"))
    return Fields(body, "conversation").mapping("custom_attributes")
