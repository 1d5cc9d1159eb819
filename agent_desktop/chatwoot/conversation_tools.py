"""What an agent does to a conversation besides replying: give it to an agent or a team,
label it, set its priority. Chatwoot's own calls, with their awkward parts:

- `assignments` takes `assignee_id` *or* `team_id`: with both, the team is ignored. An
  assignee_id that is null, 0 or no agent of the account leaves the conversation with
  nobody (200, body `null`), never an error. A team the assignee is not in takes the
  conversation from them, and a team that assigns by itself hands it to one of its own.
- `labels` (POST) **replaces** the conversation's set with the labels sent, keeping only
  those the account has (others are dropped without a word): adding one means sending
  the set with it, as read just before.
- `toggle_priority` takes low, medium, high, urgent or null (none); anything else is a
  500 from the model's enum (the swagger's "none" too), so it is refused here unsent.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from agent_desktop.chatwoot.reading import Fields
from agent_desktop.chatwoot.staff import Agent, Team

if TYPE_CHECKING:
    from agent_desktop.chatwoot.client import ChatwootClient

PRIORITIES = ("low", "medium", "high", "urgent")  # Conversation's enum, lowest first


def _conversation_path(client: ChatwootClient, conversation_id: int, tail: str) -> str:
    return client._account_path(f"/conversations/{conversation_id}{tail}")


def agents(client: ChatwootClient) -> list[Agent]:
    """The account's agents, by name (a bare array)."""
    raw = client._request("GET", client._account_path("/agents"))
    body = Fields({"payload": raw}, "agents")
    return [Agent.parse(item) for item in body.objects("payload")]


def teams(client: ChatwootClient) -> list[Team]:
    """The account's teams (a bare array)."""
    raw = client._request("GET", client._account_path("/teams"))
    body = Fields({"payload": raw}, "teams")
    return [Team.parse(item) for item in body.objects("payload")]


def assign_agent(
    client: ChatwootClient, conversation_id: int, agent_id: int | None
) -> Agent | None:
    """Give the conversation to an agent, or (None) to nobody; the agent the server
    assigned comes back, None where it left it with nobody."""
    path = _conversation_path(client, conversation_id, "/assignments")
    body = client._request("POST", path, json={"assignee_id": agent_id})
    return Agent.parse(Fields(body, "assignment")) if body else None


def assign_team(client: ChatwootClient, conversation_id: int, team_id: int | None) -> Team | None:
    """Give the conversation to a team, or (None) to no team. The server may change the
    assignee too (see the module's note): read the conversation again to show it."""
    path = _conversation_path(client, conversation_id, "/assignments")
    body = client._request("POST", path, json={"team_id": team_id})
    return Team.parse(Fields(body, "team assignment")) if body else None


def conversation_labels(client: ChatwootClient, conversation_id: int) -> list[str]:
    path = _conversation_path(client, conversation_id, "/labels")
    return _titles(client._request("GET", path), "conversation labels")


def set_labels(client: ChatwootClient, conversation_id: int, labels: Iterable[str]) -> list[str]:
    """Make these the conversation's labels (the whole set); the set the server kept
    comes back."""
    path = _conversation_path(client, conversation_id, "/labels")
    body = client._request("POST", path, json={"labels": list(dict.fromkeys(labels))})
    return _titles(body, "conversation labels")


def toggle_label(client: ChatwootClient, conversation_id: int, label: str, on: bool) -> list[str]:
    """Add or remove one label, keeping the others as the server has them now (a label
    another agent added meanwhile stays); the set the server kept comes back."""
    current = conversation_labels(client, conversation_id)
    wanted = [x for x in current if x != label] + ([label] if on else [])
    if wanted == current:
        return current
    return set_labels(client, conversation_id, wanted)


def set_priority(client: ChatwootClient, conversation_id: int, priority: str | None) -> None:
    """low, medium, high or urgent; None takes the priority away."""
    if priority is not None and priority not in PRIORITIES:
        raise ValueError(f"priority must be one of {', '.join(PRIORITIES)}, or None")
    path = _conversation_path(client, conversation_id, "/toggle_priority")
    client._request("POST", path, json={"priority": priority})  # 200, empty


def _titles(body: Any, where: str) -> list[str]:
    return [str(title) for title in Fields(body, where).array("payload")]
