"""A conversation's contact from the demo server, as Rails' ContactsController#show gives
it: the details inside "payload", additional and custom attributes, the contact's inboxes;
404 with Rails' body for a contact the account does not have."""

from __future__ import annotations

import httpx
import pytest

from agent_desktop.chatwoot import contacts
from agent_desktop.chatwoot.client import ChatwootClient
from agent_desktop.chatwoot.errors import NotFoundError


@pytest.fixture
def client(demo_server):
    with ChatwootClient(
        demo_server.url, demo_server.token, account_id=demo_server.accounts.upstream
    ) as c:
        yield c


def test_the_open_conversations_contact_comes_with_its_details(client):
    conversation = client.conversation(1)
    sender = conversation.contact
    assert sender is not None and sender.id is not None
    details = contacts.contact(client, sender.id)
    assert (details.id, details.name, details.email, details.phone_number) == (
        sender.id,
        sender.name,
        sender.email,
        sender.phone_number,
    )
    assert details.availability_status == "offline" and details.blocked is False
    assert details.created_at is not None and details.last_activity_at is not None
    assert details.created_at <= details.last_activity_at


def test_custom_and_additional_attributes_are_read_as_the_server_keeps_them(client):
    first = client.search_contacts("@example.com")[:8]  # the account's first contacts
    found = [contacts.contact(client, c.id) for c in first if c.id is not None]
    described = [d for d in found if d.custom_attributes and d.company and d.location]
    assert described, "the demo seeds contacts with a company, a place and custom fields"
    one = described[0]
    assert one.location == f"{one.additional_attributes['city']}, {one.country}"
    assert isinstance(one.custom_attributes["total_pedidos"], int)
    assert isinstance(one.custom_attributes["aceita_newsletter"], bool)
    assert any(not d.custom_attributes for d in found)  # and some without any
    assert any(d.social_profiles for d in found)
    assert all("twitter" not in d.social_profiles for d in found)  # an empty one is left out
    # the conversation's own fields come with the conversation
    fields = [contacts.conversation_attributes(client, n) for n in (1, 2, 3)]
    assert any(f.get("pedido", "").startswith("#") for f in fields)
    assert any(f == {} for f in fields)


def test_the_body_is_rails_show_view(client, demo_server):
    contact_id = client.conversation(1).contact.id
    response = httpx.get(
        f"{demo_server.url}/api/v1/accounts/{demo_server.accounts.upstream}/contacts/{contact_id}",
        headers={"Api-Access-Token": demo_server.token},
    )
    assert response.status_code == 200
    body = response.json()
    assert list(body) == ["payload"]
    payload = body["payload"]
    assert {
        "additional_attributes",
        "availability_status",
        "email",
        "id",
        "name",
        "phone_number",
        "blocked",
        "identifier",
        "thumbnail",
        "custom_attributes",
        "last_activity_at",
        "created_at",
        "contact_inboxes",
    } == set(payload)
    assert isinstance(payload["created_at"], int)  # unix seconds, as jbuilder's .to_i
    inbox = payload["contact_inboxes"][0]
    assert inbox["source_id"] and inbox["inbox"]["channel_type"].startswith("Channel::")


def test_a_contact_the_account_does_not_have_is_not_found(client, demo_server):
    with pytest.raises(NotFoundError) as raised:
        contacts.contact(client, 999_999)
    assert raised.value.message == "Resource could not be found"
    # another account's contact is no more found than one that does not exist
    other = client.conversation(1).contact.id
    client.account_id = demo_server.accounts.fork
    assert client.conversation(1).contact.id != other
    with pytest.raises(NotFoundError):
        contacts.contact(client, other)
    response = httpx.get(
        f"{demo_server.url}/api/v1/accounts/{demo_server.accounts.fork}/contacts/{other}",
        headers={"Api-Access-Token": demo_server.token},
    )
    assert (response.status_code, response.json()) == (
        404,
        {"error": "Resource could not be found"},
    )


def test_a_returning_customer_has_their_earlier_conversations(client):
    """Some resolved conversations belong to a contact with another conversation."""
    resolved = client.conversations(status="resolved").conversations
    returning = [c for c in resolved if len(client.contact_conversations(c.contact.id)) > 1]
    assert returning
    contact_id = returning[0].contact.id
    details = contacts.contact(client, contact_id)
    assert details.name == returning[0].contact.name
