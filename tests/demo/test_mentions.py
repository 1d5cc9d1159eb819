"""The demo server's Messages::MentionService and notifications list, as Rails has them:
only a private note's mentions notify, each agent once, never its author nor an agent
taken off the inbox; a newer mention in the same conversation replaces the older
notification; the list is the user's own, newest first, with Rails' meta."""

from __future__ import annotations

from typing import Any

import httpx
import pytest
from sqlalchemy import select

from agent_desktop.chatwoot.client import ChatwootClient
from agent_desktop.demo.models import User


@pytest.fixture
def client(demo_server):
    with ChatwootClient(
        demo_server.url, demo_server.token, account_id=demo_server.accounts.upstream
    ) as c:
        yield c


def people(demo_server) -> dict[str, User]:
    def find() -> dict[str, User]:
        with demo_server.state.session() as s:
            return {user.name.split()[0]: user for user in s.scalars(select(User))}

    found: dict[str, User] = demo_server.call(find)
    return found


@pytest.fixture
def http(demo_server):
    with httpx.Client(base_url=demo_server.url) as c:  # one for the test: each costs
        yield c


def listed(http, demo_server, user: User, path: str = "", **params: str) -> Any:
    answer = http.get(
        f"/api/v1/accounts/{demo_server.accounts.upstream}/notifications{path}",
        params=params,
        headers={"api-access-token": user.access_token},
    )
    answer.raise_for_status()
    return answer.json()


def link(user: User) -> str:
    return f"[@{user.name}](mention://user/{user.id}/{user.name.replace(' ', '%20')})"


def test_a_note_notifies_each_agent_it_names_once_and_a_newer_one_replaces_it(
    client, http, demo_server
):
    who = people(demo_server)
    bruno, ana = who["Bruno"], who["Ana"]
    first, second = (c.id for c in client.conversations().conversations[:2])
    client.create_message(first, f"para o cliente {link(bruno)}")  # a reply: no one
    assert listed(http, demo_server, bruno)["data"]["meta"]["count"] == 0

    client.create_message(
        first,
        f"{link(bruno)} e {link(bruno)}, {link(ana)}, [@X](mention://user/999/X)",
        private=True,
    )
    found = listed(http, demo_server, bruno)["data"]
    assert found["meta"] == {"unread_count": 1, "count": 1, "current_page": 1}
    assert listed(http, demo_server, ana)["data"]["meta"]["count"] == 0  # its author

    newer = client.create_message(first, f"de novo {link(bruno)}", private=True)
    [only] = listed(http, demo_server, bruno)["data"]["payload"]
    assert only["secondary_actor"]["id"] == newer.id  # the older one was removed
    assert only["user"]["id"] == bruno.id and only["read_at"] is None

    client.create_message(second, f"e aqui {link(bruno)}", private=True)
    found = listed(http, demo_server, bruno, page="1")["data"]
    assert [n["primary_actor"]["id"] for n in found["payload"]] == [second, first]
    assert found["meta"]["current_page"] == "1"  # the parameter as sent
    assert listed(http, demo_server, bruno, "/unread_count") == 2


def test_an_agent_taken_off_the_inbox_is_not_notified_an_administrator_is(
    client, http, demo_server
):
    who = people(demo_server)
    conversation = client.conversations().conversations[0]
    for name in ("Bruno", "Carla"):  # Carla administers the account
        http.delete(
            f"/demo/accounts/{demo_server.accounts.upstream}/inboxes/"
            f"{conversation.inbox_id}/agents/{who[name].id}",
            headers={"api-access-token": demo_server.token},
        ).raise_for_status()
    client.create_message(
        conversation.id, f"{link(who['Bruno'])} {link(who['Carla'])}", private=True
    )
    assert listed(http, demo_server, who["Bruno"])["data"]["meta"]["count"] == 0
    assert listed(http, demo_server, who["Carla"])["data"]["meta"]["count"] == 1
