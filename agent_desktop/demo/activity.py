"""Activity messages, as Chatwoot writes them into a conversation when its status or
assignee changes (en.conversations.activity.*): type 2, no sender, not private. Rails
creates them from a job a moment later; here they come at once."""

from __future__ import annotations

from typing import TYPE_CHECKING

from sqlalchemy.orm import Session

from agent_desktop.demo.models import Conversation, User

if TYPE_CHECKING:
    from agent_desktop.demo.state import Caller, DemoState

ACTIVITY = 2
STATUS_TEXTS = {
    "resolved": "Conversation was marked resolved by {user}",
    "open": "Conversation was reopened by {user}",
    "pending": "Conversation was marked as pending by {user}",
    "snoozed": "Conversation was snoozed by {user}",
}
SYSTEM = "Automation System"


def _name(s: Session, caller: Caller) -> str:
    user = s.get(User, caller.user_id) if caller.user_id else None
    return user.name if user is not None else SYSTEM


def _add(state: DemoState, s: Session, conversation: Conversation, content: str) -> None:
    state.add_message(s, conversation, content=content, message_type=ACTIVITY, sender=None)


def status_changed(
    state: DemoState, s: Session, caller: Caller, conversation: Conversation
) -> None:
    text = STATUS_TEXTS.get(conversation.status)
    if text:
        _add(state, s, conversation, text.format(user=_name(s, caller)))


def assignee_changed(
    state: DemoState, s: Session, caller: Caller, conversation: Conversation, assignee: User | None
) -> None:
    user = _name(s, caller)
    if assignee is None:
        text = f"Conversation unassigned by {user}"
    elif assignee.id == caller.user_id:
        text = f"{user} self-assigned this conversation"
    else:
        text = f"Assigned to {assignee.name} by {user}"
    _add(state, s, conversation, text)
