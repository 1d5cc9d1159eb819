"""Who a conversation goes to, its labels and its priority, as Chatwoot's Rails code has
them: AgentsController#index and TeamsController#index, Conversations::
AssignmentsController (assignee_id wins over team_id; an unknown id unassigns), the
AssignmentHandler's team rules (a team the assignee is not in takes the conversation from
them; a team that assigns by itself hands it to a member), Conversations::
LabelsController (the posted set replaces the conversation's, unknown labels dropped)
and ConversationsController#toggle_priority (the model's enum: anything else is a 500).
Each change writes the activity message Rails writes (en.conversations.activity.*)."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING, Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import BaseRoute, Route

from agent_desktop.demo.canned import label_list
from agent_desktop.demo.errors import ApiError
from agent_desktop.demo.models import AccountUser, Conversation, Team, TeamMember, User
from agent_desktop.demo.serialize import agent_json, iso, team_json
from agent_desktop.demo.values import as_int

if TYPE_CHECKING:
    from agent_desktop.demo.state import Caller, DemoState

PRIORITIES = ("low", "medium", "high", "urgent")  # the enum's 0, 1, 2, 3
ACTIVITY = 2
SYSTEM = "Automation System"


def server_error() -> ApiError:
    """An exception no controller rescues (an enum's ArgumentError): Rails' public
    exceptions page, as JSON for an API request."""
    return ApiError(500, {"status": 500, "error": "Internal Server Error"})


def _activity(state: DemoState, s: Session, conversation: Conversation, text: str) -> None:
    state.add_message(s, conversation, content=text, message_type=ACTIVITY, sender=None)


def _user_name(s: Session, caller: Caller) -> str:
    user = s.get(User, caller.user_id) if caller.user_id else None
    return user.name if user is not None else SYSTEM


# -- the account's agents and teams ----------------------------------------------------


def agents(state: DemoState, caller: Caller) -> list[dict[str, Any]]:
    """`Current.account.users.order_by_full_name`: a bare array, by name in any case."""
    with state.session() as s:
        rows = s.execute(
            select(User, AccountUser.role)
            .join(AccountUser, AccountUser.user_id == User.id)
            .where(AccountUser.account_id == caller.account_id)
            .order_by(func.lower(User.name), User.id)
        ).all()
        return [agent_json(user, caller.account_id, role) for user, role in rows]


def teams(state: DemoState, caller: Caller) -> list[dict[str, Any]]:
    with state.session() as s:
        found = s.scalars(
            select(Team).where(Team.account_id == caller.account_id).order_by(Team.id)
        )
        return [team_json(team) for team in found]


# -- assignments -----------------------------------------------------------------------


def assign(state: DemoState, caller: Caller, display_id: int, fields: dict[str, Any]) -> Any:
    """`assignee_id` (even null) goes to the agent; otherwise `team_id` to the team;
    neither: nothing changes and the answer is null."""
    if "assignee_id" in fields:
        return state.assign(caller, display_id, fields["assignee_id"])
    if "team_id" in fields:
        return _set_team(state, caller, display_id, fields["team_id"])
    state.conversation(caller, display_id)  # the conversation is looked up all the same
    return None


def _set_team(
    state: DemoState, caller: Caller, display_id: int, team_id: Any
) -> dict[str, Any] | None:
    with state.session() as s:
        conversation = state.find_conversation(s, caller, display_id)
        wanted = as_int(team_id)
        team = s.get(Team, wanted) if wanted else None
        if team is not None and team.account_id != caller.account_id:
            team = None  # Current.account.teams.find_by: another account's is none
        previous = conversation.team
        if conversation.team_id != (team.id if team else None):
            assignee_before = conversation.assignee_id
            conversation.team_id = team.id if team else None
            if team is not None:
                _keep_assignee_of(state, s, conversation, team)
            conversation.updated_at = state.clock.now()
            user = _user_name(s, caller)
            if team is None:
                name = previous.name if previous else ""
                text = f"Unassigned from {name} by {user}"
            elif conversation.assignee_id != assignee_before and conversation.assignee_id:
                assignee = s.get_one(User, conversation.assignee_id)
                text = f"Assigned to {assignee.name} via {team.name} by {user}"
            else:
                text = f"Assigned to {team.name} by {user}"
            _activity(state, s, conversation, text)
        return _team_as_json(team) if team else None


def _keep_assignee_of(state: DemoState, s: Session, conversation: Conversation, team: Team) -> None:
    """ensure_assignee_is_from_team: an assignee outside the team loses the conversation;
    with nobody on it and auto-assignment on, a member who is in its inbox gets it (the
    round robin's first: the demo's agents are always online)."""
    members = set(s.scalars(select(TeamMember.user_id).where(TeamMember.team_id == team.id)))
    if conversation.assignee_id not in members:
        conversation.assignee_id = None
    if conversation.assignee_id is None and team.allow_auto_assign:
        allowed = sorted(m for m in members if (m, conversation.inbox_id) not in state.refused)
        conversation.assignee_id = allowed[0] if allowed else None


def _team_as_json(team: Team) -> dict[str, Any]:
    """`render json: @team`: the record's own columns, not the team partial."""
    return {
        "id": team.id,
        "name": team.name,
        "description": team.description,
        "allow_auto_assign": team.allow_auto_assign,
        "account_id": team.account_id,
        "created_at": iso(team.created_at),
        "updated_at": iso(team.updated_at),
    }


# -- labels ----------------------------------------------------------------------------


def labels(state: DemoState, caller: Caller, display_id: int) -> dict[str, Any]:
    with state.session() as s:
        conversation = state.find_conversation(s, caller, display_id)
        return {"payload": list(conversation.labels or [])}


def set_labels(
    state: DemoState, caller: Caller, display_id: int, fields: dict[str, Any]
) -> dict[str, Any]:
    """The posted titles the account has become the whole set, in the account's order;
    an empty or missing list takes every label off."""
    posted = fields.get("labels")
    titles = {str(t) for t in (posted if isinstance(posted, list) else [posted]) if t}
    with state.session() as s:
        conversation = state.find_conversation(s, caller, display_id)
        kept = [item["title"] for item in label_list() if item["title"] in titles]
        before = list(conversation.labels or [])
        added = [x for x in kept if x not in before]
        removed = [x for x in before if x not in kept]
        if kept != before:
            conversation.labels = kept
            conversation.updated_at = state.clock.now()
        user = _user_name(s, caller)
        if added:
            _activity(state, s, conversation, f"{user} added {', '.join(added)}")
        if removed:
            _activity(state, s, conversation, f"{user} removed {', '.join(removed)}")
        return {"payload": kept}


# -- priority --------------------------------------------------------------------------


def _priority(raw: Any) -> str | None:
    """`self.priority = priority.presence` on the enum: blank is none; a name or the
    enum's number is taken; anything else raises."""
    if raw is None or raw is False or raw in ("", [], {}):
        return None
    if isinstance(raw, str):
        if not raw.strip():
            return None
        if raw in PRIORITIES:
            return raw
    elif isinstance(raw, int) and not isinstance(raw, bool) and 0 <= raw < len(PRIORITIES):
        return PRIORITIES[raw]
    raise server_error()


def toggle_priority(
    state: DemoState, caller: Caller, display_id: int, fields: dict[str, Any]
) -> None:
    """Answered 200 with nothing (`head :ok`), whatever changed."""
    with state.session() as s:
        conversation = state.find_conversation(s, caller, display_id)
        value = _priority(fields.get("priority"))
        before = conversation.priority
        if value == before:
            return
        conversation.priority = value
        conversation.updated_at = state.clock.now()
        user = _user_name(s, caller)
        if before is None:
            text = f"{user} set the priority to {value}"
        elif value is None:
            text = f"{user} removed the priority"
        else:
            text = f"{user} changed the priority from {before} to {value}"
        _activity(state, s, conversation, text)


# -- the routes ------------------------------------------------------------------------

ACCOUNT = "/api/v1/accounts/{account_id:int}"
CONVERSATION = ACCOUNT + "/conversations/{conversation_id:int}"
Endpoint = Callable[[Request, "Caller"], Awaitable[Any]]
BodyReader = Callable[[Request], Awaitable[tuple[dict[str, Any], list[Any]]]]


def routes(
    state: DemoState, authed: Callable[[Endpoint], Callable[..., Any]], read_body: BodyReader
) -> list[BaseRoute]:
    """The routes of these calls (assignments is the app's own: see app.assign)."""

    def cid(request: Request) -> int:
        return int(request.path_params["conversation_id"])

    async def list_agents(request: Request, caller: Caller) -> Any:
        return agents(state, caller)

    async def list_teams(request: Request, caller: Caller) -> Any:
        return teams(state, caller)

    async def get_labels(request: Request, caller: Caller) -> Any:
        return labels(state, caller, cid(request))

    async def post_labels(request: Request, caller: Caller) -> Any:
        fields, _ = await read_body(request)
        return set_labels(state, caller, cid(request), fields)

    async def post_priority(request: Request, caller: Caller) -> Any:
        fields, _ = await read_body(request)
        toggle_priority(state, caller, cid(request), fields)
        return Response(status_code=200)

    return [
        Route(ACCOUNT + "/agents", authed(list_agents), methods=["GET"]),
        Route(ACCOUNT + "/teams", authed(list_teams), methods=["GET"]),
        Route(CONVERSATION + "/labels", authed(get_labels), methods=["GET"]),
        Route(CONVERSATION + "/labels", authed(post_labels), methods=["POST"]),
        Route(CONVERSATION + "/toggle_priority", authed(post_priority), methods=["POST"]),
    ]
