"""Assigning, labelling and prioritising a conversation: the client's calls against the
demo server over loopback, with the parts of Chatwoot's Rails code that surprise (an
assignment to nobody or to no known agent, a team that takes the conversation from its
assignee, labels that replace the set, a priority outside the enum).

One server serves the module: each test takes a conversation of its own and sets the
state it starts from."""

from __future__ import annotations

import itertools
from collections.abc import Iterator

import httpx
import pytest

from agent_desktop.chatwoot import conversation_tools as tools
from agent_desktop.chatwoot.client import ChatwootClient
from agent_desktop.chatwoot.errors import AccessDeniedError, NotFoundError
from agent_desktop.core.clock import FakeClock
from agent_desktop.demo.server import DemoConfig, DemoServer
from tests.conftest import demo_profile

ANA, BRUNO, CARLA, DIEGO, ELISA = 1, 2, 3, 4, 5
SUPORTE, FINANCEIRO = 1, 2  # the upstream account's teams
NAMES = {ANA: "Ana Souza", BRUNO: "Bruno Costa", DIEGO: "Diego Rocha"}


@pytest.fixture(scope="module")
def server() -> Iterator[DemoServer]:
    from datetime import UTC, datetime

    made = DemoServer(
        DemoConfig(
            dispatch_interval=3600,
            customer_interval=0,
            clock=FakeClock(datetime.now(UTC).replace(microsecond=0)),
            profile=demo_profile(),
        )
    )
    made.start()
    yield made
    made.stop()


_numbers = itertools.count(1)


@pytest.fixture
def cid(client) -> int:
    """A conversation no other test of the module touches, with nobody, no team, no
    labels and no priority."""
    number = next(_numbers)
    tools.assign_agent(client, number, None)
    tools.assign_team(client, number, None)
    tools.set_labels(client, number, [])
    tools.set_priority(client, number, None)
    return number


@pytest.fixture
def client(server) -> Iterator[ChatwootClient]:
    with ChatwootClient(server.url, server.token, account_id=server.accounts.upstream) as c:
        yield c


@pytest.fixture
def api(server) -> Iterator[httpx.Client]:
    """Plain HTTP, for what the client never sends."""
    base = f"{server.url}/api/v1/accounts/{server.accounts.upstream}/conversations"
    with httpx.Client(base_url=base, headers={"Api-Access-Token": server.token}) as c:
        yield c


def activities(client: ChatwootClient, conversation_id: int) -> list[str]:
    return [m.content for m in client.messages(conversation_id) if m.message_type == 2]


def test_the_accounts_agents_by_name_and_its_teams(client):
    agents = tools.agents(client)
    assert [a.name for a in agents] == [
        "Ana Souza",
        "Bruno Costa",
        "Carla Mendes",
        "Diego Rocha",
        "Elisa Martins",
    ]
    assert {a.role for a in agents} == {"agent", "administrator"}
    teams = tools.teams(client)
    assert [(t.id, t.name, t.allow_auto_assign) for t in teams] == [
        (SUPORTE, "Suporte", True),
        (FINANCEIRO, "Financeiro", False),
    ]


def test_an_agent_is_given_the_conversation_and_the_answer_is_the_agent(client, cid):
    carla = next(a for a in tools.agents(client) if a.id == CARLA)
    assert tools.assign_agent(client, cid, CARLA) == carla
    assignee = client.conversation(cid).assignee
    assert assignee is not None and assignee.id == CARLA
    assert activities(client, cid)[-1] == "Assigned to Carla Mendes by Ana Souza"


def test_null_zero_or_an_unknown_agent_leaves_it_with_nobody(client, api, cid):
    """Rails looks the id up with find_by: nothing found is an assignee of nil, 200 with
    a body of null, never a 404."""
    for nobody in (None, 0, 999_999):
        tools.assign_agent(client, cid, BRUNO)
        answer = api.post(f"/{cid}/assignments", json={"assignee_id": nobody})
        assert answer.status_code == 200 and answer.content == b"null"
        assert client.conversation(cid).assignee is None
        assert activities(client, cid)[-1] == "Conversation unassigned by Ana Souza"


def test_with_both_ids_the_team_is_ignored_and_with_neither_nothing_changes(client, api, cid):
    api.post(f"/{cid}/assignments", json={"assignee_id": BRUNO, "team_id": SUPORTE})
    after = client.conversation(cid)
    assert after.team is None and after.assignee is not None and after.assignee.id == BRUNO
    answer = api.post(f"/{cid}/assignments", json={})
    assert answer.status_code == 200 and answer.content == b"null"
    assert client.conversation(cid).assignee == after.assignee


def test_a_team_takes_the_conversation_from_an_assignee_who_is_not_in_it(client, cid):
    """Financeiro (Carla, Elisa) does not assign by itself: Ana, not a member, loses the
    conversation and nobody gets it."""
    tools.assign_agent(client, cid, ANA)
    answered = tools.assign_team(client, cid, FINANCEIRO)
    assert answered is not None and answered.name == "Financeiro"
    after = client.conversation(cid)
    assert after.team is not None and after.team.name == "Financeiro"
    assert after.assignee is None
    assert activities(client, cid)[-1] == "Assigned to Financeiro by Ana Souza"


def test_a_team_that_assigns_by_itself_hands_it_to_a_member(client, cid):
    """Suporte (Ana, Bruno, Diego) assigns by itself: Carla's conversation goes to a
    member, said in one activity naming both."""
    tools.assign_agent(client, cid, CARLA)
    tools.assign_team(client, cid, SUPORTE)
    after = client.conversation(cid)
    assert after.team is not None and after.team.id == SUPORTE
    assert after.assignee is not None and after.assignee.id in NAMES
    assert activities(client, cid)[-1] == (
        f"Assigned to {NAMES[after.assignee.id]} via Suporte by Ana Souza"
    )


def test_no_team_answers_null_and_keeps_the_assignee(client, cid):
    tools.assign_agent(client, cid, BRUNO)
    tools.assign_team(client, cid, SUPORTE)  # Bruno is a member: he keeps it
    assert tools.assign_team(client, cid, None) is None
    after = client.conversation(cid)
    assert after.team is None and after.assignee is not None and after.assignee.id == BRUNO
    assert activities(client, cid)[-1] == "Unassigned from Suporte by Ana Souza"


def test_posting_labels_replaces_the_whole_set(client, cid):
    assert tools.set_labels(client, cid, ["vip", "troca"]) == ["vip", "troca"]
    # the set sent is the set kept: posting one label alone drops the others
    assert tools.set_labels(client, cid, ["billing"]) == ["billing"]
    assert client.conversation(cid).labels == ("billing",)
    assert tools.conversation_labels(client, cid) == ["billing"]
    assert tools.set_labels(client, cid, []) == []
    assert client.conversation(cid).labels == ()


def test_labels_the_account_lacks_are_dropped_without_a_word(client, cid):
    assert tools.set_labels(client, cid, ["vip", "no-such-label", "VIP"]) == ["vip"]


def test_toggling_one_label_keeps_the_others_the_server_has(client, cid):
    tools.set_labels(client, cid, ["vip"])
    # another agent adds "troca" meanwhile; this agent then adds "entrega"
    tools.set_labels(client, cid, ["vip", "troca"])
    kept = tools.toggle_label(client, cid, "entrega", True)
    assert set(kept) == {"vip", "troca", "entrega"}
    assert set(tools.toggle_label(client, cid, "vip", False)) == {"troca", "entrega"}
    assert activities(client, cid)[-1] == "Ana Souza removed vip"


def test_the_list_filters_by_a_label_once_set(client, cid):
    tools.set_labels(client, cid, ["financeiro"])
    narrowed = client.conversations(status="all", labels=("financeiro",)).conversations
    assert cid in {c.id for c in narrowed}


def test_the_priority_is_set_changed_and_taken_away(client, api, cid):
    for priority in ("medium", "urgent", None):
        tools.set_priority(client, cid, priority)
        assert client.conversation(cid).priority == priority
    assert activities(client, cid)[-3:] == [
        "Ana Souza set the priority to medium",
        "Ana Souza changed the priority from medium to urgent",
        "Ana Souza removed the priority",
    ]
    answer = api.post(f"/{cid}/toggle_priority", json={"priority": "low"})
    assert answer.status_code == 200 and answer.content == b""  # head :ok


def test_a_priority_outside_the_enum_is_a_server_error(client, api, cid):
    """The model's enum raises and nothing rescues it: Rails' 500 page. The swagger's
    "none" too: no priority is null."""
    tools.set_priority(client, cid, "high")
    for value in ("none", "critical", "HIGH"):
        answer = api.post(f"/{cid}/toggle_priority", json={"priority": value})
        assert answer.status_code == 500
        assert answer.json() == {"status": 500, "error": "Internal Server Error"}
        with pytest.raises(ValueError):
            tools.set_priority(client, cid, value)  # refused here, never sent
    assert client.conversation(cid).priority == "high"


def test_no_such_conversation(client):
    with pytest.raises(NotFoundError):
        tools.set_labels(client, 99_999, ["vip"])


def test_a_conversation_the_agent_cannot_open_refuses_every_tool(demo_server):
    """An agent removed from the conversation's inbox: Pundit's 401, the token fine."""
    with ChatwootClient(
        demo_server.url, demo_server.token, account_id=demo_server.accounts.upstream
    ) as client:
        target = client.conversation(1)
        path = f"/demo/accounts/{demo_server.accounts.upstream}/inboxes/{target.inbox_id}/agents/1"
        httpx.delete(demo_server.url + path, headers={"Api-Access-Token": demo_server.token})
        for act in (
            lambda: tools.assign_agent(client, 1, BRUNO),
            lambda: tools.assign_team(client, 1, SUPORTE),
            lambda: tools.set_labels(client, 1, ["vip"]),
            lambda: tools.set_priority(client, 1, "high"),
        ):
            with pytest.raises(AccessDeniedError, match="not authorized"):
                act()
