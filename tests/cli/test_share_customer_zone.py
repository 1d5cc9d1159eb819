"""`schedule --customer-zone` with `share_customer_zone` on also writes the zone to the
contact in Chatwoot, as the custom attribute `timezone` beside the contact's others; off
(the default) nothing is written; a server that refuses the write is one warning line and
the zone is still kept here."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import pytest

from agent_desktop.chatwoot import contacts
from agent_desktop.chatwoot.client import ChatwootClient
from agent_desktop.chatwoot.customers import customer_side


@pytest.fixture
def api(demo_server) -> Iterator[ChatwootClient]:
    with ChatwootClient(
        demo_server.url, demo_server.token, account_id=demo_server.accounts.upstream
    ) as client:
        yield client


def with_custom_fields(api: ChatwootClient) -> tuple[int, int, dict[str, Any]]:
    """A conversation whose contact has custom attributes of its own and no zone among
    them: its id, the contact's and those attributes."""
    for conversation_id in range(1, 20):
        side = customer_side(api, conversation_id)
        custom = side.contact.get("custom_attributes") or {}
        if side.contact_id is not None and custom and "timezone" not in custom:
            return conversation_id, side.contact_id, dict(custom)
    raise AssertionError("the demo seeds contacts with custom attributes")


def schedule_with_zone(cli, conversation_id: int, zone: str):
    return cli(
        "schedule",
        str(conversation_id),
        "--text",
        "Good morning",
        "--at",
        "their-morning",
        "--customer-zone",
        zone,
        "--json",
    )


def test_with_the_setting_on_the_zone_given_is_written_to_the_contact(cli, api):
    conversation_id, contact_id, custom = with_custom_fields(api)
    assert cli("config", "set", "share_customer_zone", "on").code == 0
    made = schedule_with_zone(cli, conversation_id, "Asia/Tokyo")
    assert made.code == 0, made.err
    assert "could not be written" not in made.err
    assert contacts.contact(api, contact_id).custom_attributes == {
        **custom,
        "timezone": "Asia/Tokyo",
    }


def test_off_by_default_nothing_is_written_to_the_contact(cli, api):
    conversation_id, contact_id, custom = with_custom_fields(api)
    assert cli("config", "get", "share_customer_zone").out.strip() == "false"
    made = schedule_with_zone(cli, conversation_id, "Asia/Tokyo")
    assert made.code == 0, made.err
    assert json.loads(made.out)["customer"]["zone"] == "Asia/Tokyo"  # kept here only
    assert contacts.contact(api, contact_id).custom_attributes == custom


def test_a_refused_write_is_one_warning_and_the_zone_is_still_kept(cli, api, demo_server):
    conversation_id, contact_id, custom = with_custom_fields(api)
    assert cli("config", "set", "share_customer_zone", "true").code == 0
    demo_server.faults.update({"error_rate": 1.0, "methods": ["PUT"]})
    made = schedule_with_zone(cli, conversation_id, "Asia/Tokyo")
    assert made.code == 0, made.err
    refused = [line for line in made.err.splitlines() if "Chatwoot" in line]
    assert len(refused) == 1 and refused[0].startswith("warning: ")
    assert "could not be written to the contact in Chatwoot" in refused[0]
    demo_server.faults.update({"error_rate": 0.0})
    assert contacts.contact(api, contact_id).custom_attributes == custom
    again = cli("schedule", str(conversation_id), "--text", "x", "--at", "their-morning", "--json")
    customer = json.loads(again.out)["customer"]
    assert (customer["zone"], customer["how"]) == ("Asia/Tokyo", "set by you")
