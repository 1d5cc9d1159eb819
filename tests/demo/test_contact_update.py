"""A contact's custom attributes changed on the demo server as Rails' ContactsController
changes them: `PUT contacts/{id}` merges the given attributes into the contact's own and
answers with the contact inside "payload"; `POST contacts/{id}/destroy_custom_attributes`
drops the named keys; a contact the account does not have is 404 with Rails' body."""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest

from agent_desktop.chatwoot import contact_updates, contacts
from agent_desktop.chatwoot.client import ChatwootClient
from agent_desktop.chatwoot.errors import NotFoundError


@pytest.fixture
def api(demo_server) -> Iterator[httpx.Client]:
    with httpx.Client(
        base_url=f"{demo_server.url}/api/v1/accounts/{demo_server.accounts.upstream}",
        headers={"Api-Access-Token": demo_server.token},
    ) as client:
        yield client


@pytest.fixture
def client(demo_server) -> Iterator[ChatwootClient]:
    with ChatwootClient(
        demo_server.url, demo_server.token, account_id=demo_server.accounts.upstream
    ) as c:
        yield c


def with_custom_fields(client: ChatwootClient) -> contacts.ContactDetails:
    """A contact the demo seeds with custom attributes of its own."""
    for found in client.search_contacts("@example.com")[:8]:
        assert found.id is not None
        details = contacts.contact(client, found.id)
        if details.custom_attributes and "timezone" not in details.custom_attributes:
            return details
    raise AssertionError("the demo seeds contacts with custom attributes")


def test_put_merges_custom_attributes_into_the_contacts_own(api, client):
    before = with_custom_fields(client)
    response = api.put(
        f"/contacts/{before.id}", json={"custom_attributes": {"timezone": "America/Sao_Paulo"}}
    )
    assert response.status_code == 200
    body = response.json()
    assert list(body) == ["payload"]
    assert body["payload"]["id"] == before.id and "contact_inboxes" in body["payload"]
    merged = {**before.custom_attributes, "timezone": "America/Sao_Paulo"}
    assert body["payload"]["custom_attributes"] == merged
    # and a fresh read says the same: the others untouched, the rest of the contact too
    after = contacts.contact(client, before.id)
    assert after.custom_attributes == merged
    assert (after.name, after.email, after.additional_attributes) == (
        before.name,
        before.email,
        before.additional_attributes,
    )

    # a later value replaces that key only; null is kept as null, as Rails keeps it
    api.put(f"/contacts/{before.id}", json={"custom_attributes": {"timezone": "Asia/Tokyo"}})
    assert contacts.contact(client, before.id).custom_attributes == {
        **before.custom_attributes,
        "timezone": "Asia/Tokyo",
    }
    api.put(f"/contacts/{before.id}", json={"custom_attributes": {"timezone": None}})
    assert contacts.contact(client, before.id).custom_attributes == {
        **before.custom_attributes,
        "timezone": None,
    }
    # an empty body or one that is not an object changes nothing, refused by nobody
    assert api.put(f"/contacts/{before.id}", json={}).status_code == 200
    assert api.put(f"/contacts/{before.id}", json={"custom_attributes": "x"}).status_code == 200
    assert contacts.contact(client, before.id).custom_attributes["timezone"] is None


def test_destroy_custom_attributes_drops_the_named_keys_only(api, client):
    before = with_custom_fields(client)
    contact_updates.merge_custom_attributes(client, before.id, {"timezone": "Asia/Tokyo"})
    response = api.post(
        f"/contacts/{before.id}/destroy_custom_attributes",
        json={"custom_attributes": ["timezone", "never_set"]},
    )
    assert response.status_code == 200
    assert list(response.json()) == ["payload"]
    assert response.json()["payload"]["custom_attributes"] == before.custom_attributes
    assert contacts.contact(client, before.id).custom_attributes == before.custom_attributes


def test_an_unknown_contact_is_404_with_rails_body(api, client, demo_server):
    for response in (
        api.put("/contacts/999999", json={"custom_attributes": {"timezone": "Asia/Tokyo"}}),
        api.post("/contacts/999999/destroy_custom_attributes", json={"custom_attributes": ["a"]}),
    ):
        assert response.status_code == 404
        assert response.json() == {"error": "Resource could not be found"}
    # nor is another account's contact reachable from this one
    other = demo_server.accounts.fork
    with ChatwootClient(demo_server.url, demo_server.token, account_id=other) as theirs:
        contact = theirs.conversation(1).contact
        assert contact is not None and contact.id is not None
        contact_id = contact.id
    with pytest.raises(NotFoundError):
        contact_updates.merge_custom_attributes(client, contact_id, {"timezone": "Asia/Tokyo"})
