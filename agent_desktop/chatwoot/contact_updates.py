"""Changes to a contact's custom attributes on the server, as Rails' ContactsController
has them: `PUT contacts/{id}` merges the given attributes into the contact's own (the
others stay), `POST contacts/{id}/destroy_custom_attributes` drops the named keys; both
answer with the contact inside "payload", and 404 for a contact the account does not
have. Used to keep the time zone the agent set for a customer on the contact too."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any

from agent_desktop.chatwoot.contacts import ContactDetails, contact
from agent_desktop.chatwoot.reading import Fields
from agent_desktop.core.customer_zone import zone_named

if TYPE_CHECKING:
    from agent_desktop.chatwoot.client import ChatwootClient

# the first name core.customer_zone reads a zone from, and the one Chatwoot's own
# dashboard and integrations would look for
ZONE_ATTRIBUTE = "timezone"


def merge_custom_attributes(
    client: ChatwootClient, contact_id: int, attributes: Mapping[str, Any]
) -> ContactDetails:
    """Set these custom attributes on the contact, leaving its others as they are."""
    body = client._request(
        "PUT",
        client._account_path(f"/contacts/{contact_id}"),
        json={"custom_attributes": dict(attributes)},
    )
    return ContactDetails.parse(Fields(body, "contact").obj("payload"))


def remove_custom_attributes(
    client: ChatwootClient, contact_id: int, keys: Iterable[str]
) -> ContactDetails:
    """Drop these custom attributes from the contact (a key it lacks is no error)."""
    body = client._request(
        "POST",
        client._account_path(f"/contacts/{contact_id}/destroy_custom_attributes"),
        json={"custom_attributes": list(keys)},
    )
    return ContactDetails.parse(Fields(body, "contact").obj("payload"))


def share_zone(
    client: ChatwootClient, contact_id: int, zone: str | None, *, forgotten: str | None = None
) -> None:
    """Keep the agent's zone for the contact on the server: `zone` (an IANA name) is
    written as the `timezone` attribute. None forgets `forgotten`, the zone the agent had
    set: the attribute is dropped only while it still names that zone, so that a zone
    someone else put there since is left alone (otherwise it would be inferred again
    from what this app wrote, and "forget" would change nothing)."""
    if zone is not None:
        merge_custom_attributes(client, contact_id, {ZONE_ATTRIBUTE: zone})
        return
    had = zone_named(forgotten)
    if had is None:
        return
    kept = zone_named(contact(client, contact_id).custom_attributes.get(ZONE_ATTRIBUTE))
    if kept is not None and kept.key == had.key:
        remove_custom_attributes(client, contact_id, [ZONE_ATTRIBUTE])
