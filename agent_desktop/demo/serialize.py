"""Chatwoot's JSON shapes: integer message_type, unix-second created_at, display ids."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from agent_desktop.demo.blobs import blob_url, thumb_url
from agent_desktop.demo.inbox_hours import CHATWOOT_DEFAULT
from agent_desktop.demo.models import (
    Account,
    Attachment,
    Contact,
    Conversation,
    Inbox,
    Message,
    ScheduledMessage,
    Team,
    User,
)


def unix(instant: datetime | None) -> int | None:
    return None if instant is None else int(instant.timestamp())


def iso(instant: datetime | None) -> str | None:
    """How Rails renders a time in jbuilder: ISO 8601 with milliseconds, in UTC."""
    if instant is None:
        return None
    return instant.strftime("%Y-%m-%dT%H:%M:%S.") + f"{instant.microsecond // 1000:03d}Z"


def attachment_json(attachment: Attachment, base_url: str) -> dict[str, Any]:
    url = blob_url(attachment, base_url)
    return {
        "id": attachment.id,
        "message_id": attachment.message_id,
        "file_type": attachment.file_type,
        "account_id": attachment.account_id,
        "extension": attachment.filename.rsplit(".", 1)[-1] if "." in attachment.filename else None,
        "data_url": url,
        "thumb_url": thumb_url(attachment, base_url),
        "file_size": len(attachment.data),
        "width": None,
        "height": None,
    }


def user_push(user: User) -> dict[str, Any]:
    return {
        "id": user.id,
        "name": user.name,
        "available_name": user.name.split(" ")[0],
        "avatar_url": "",
        "type": "user",
        "availability_status": "online",
        "thumbnail": "",
    }


def agent_json(user: User, account_id: int, role: str = "agent") -> dict[str, Any]:
    """`api/v1/models/_agent.json.jbuilder`: the agents list, an assignment's answer."""
    return {
        "id": user.id,
        "account_id": account_id,
        "availability_status": "online",
        "auto_offline": True,
        "confirmed": True,
        "active": True,
        "email": user.email,
        "provider": "email",
        "available_name": user.name.split(" ")[0],
        "name": user.name,
        "role": role,
        "thumbnail": "",
    }


def team_json(team: Team) -> dict[str, Any]:
    """`api/v1/models/_team.json.jbuilder`. Its is_member asks whether the user's teams
    include the team's *id*, which a list of teams never does: always false."""
    return {
        "id": team.id,
        "name": team.name,
        "description": team.description,
        "allow_auto_assign": team.allow_auto_assign,
        "account_id": team.account_id,
        "is_member": False,
    }


def contact_push(contact: Contact) -> dict[str, Any]:
    return {
        "additional_attributes": contact.additional_attributes or {},
        "custom_attributes": contact.custom_attributes or {},
        "email": contact.email,
        "id": contact.id,
        "identifier": contact.identifier,
        "name": contact.name,
        "phone_number": contact.phone_number,
        "thumbnail": "",
        "blocked": False,
        "type": "contact",
    }


def message_json(
    message: Message,
    conversation: Conversation,
    senders: dict[tuple[str, int], dict[str, Any]],
    base_url: str,
) -> dict[str, Any]:
    sender = senders.get((message.sender_type or "", message.sender_id or 0))
    body: dict[str, Any] = {
        "id": message.id,
        "content": message.content,
        "account_id": message.account_id,
        "inbox_id": message.inbox_id,
        "conversation_id": conversation.display_id,
        "message_type": message.message_type,
        "content_type": message.content_type,
        "status": message.status,
        "content_attributes": message.content_attributes or {},
        "created_at": unix(message.created_at),
        "updated_at": unix(message.updated_at),
        "private": message.private,
        "source_id": message.source_id,
        "sender_type": message.sender_type,
        "sender_id": message.sender_id,
        "external_source_ids": {},
        "additional_attributes": {},
        "processed_message_content": message.content,
        "sentiment": {},
        "conversation": {
            "assignee_id": conversation.assignee_id,
            "unread_count": conversation.unread_count,
            "last_activity_at": unix(conversation.last_activity_at),
            "contact_inbox": {"source_id": f"src-{conversation.contact_id}"},
        },
        "attachments": [attachment_json(a, base_url) for a in message.attachments],
    }
    if sender is not None:
        body["sender"] = sender
    if message.scheduled_at is not None:
        body["scheduled_at"] = unix(message.scheduled_at)
    return body


def conversation_json(
    conversation: Conversation,
    last_message: dict[str, Any] | None,
    last_non_activity: dict[str, Any] | None = None,
) -> dict[str, Any]:
    return {
        "meta": {
            "sender": contact_push(conversation.contact),
            "channel": conversation.inbox.channel_type,
            "assignee": user_push(conversation.assignee) if conversation.assignee else None,
            **({"team": team_json(conversation.team)} if conversation.team else {}),
            "hmac_verified": False,
        },
        "id": conversation.display_id,
        "messages": [last_message] if last_message else [],
        "account_id": conversation.account_id,
        "uuid": conversation.uuid,
        "additional_attributes": {},
        "agent_last_seen_at": unix(conversation.updated_at),
        "assignee_last_seen_at": unix(conversation.updated_at),
        "can_reply": True,
        "contact_last_seen_at": 0,
        "custom_attributes": conversation.custom_attributes or {},
        "inbox_id": conversation.inbox_id,
        "labels": list(conversation.labels or []),
        "muted": False,
        "snoozed_until": iso(conversation.snoozed_until),  # jbuilder renders the time as is
        "status": conversation.status,
        "created_at": unix(conversation.created_at),
        "updated_at": conversation.updated_at.timestamp(),
        "timestamp": unix(conversation.last_activity_at),
        "first_reply_created_at": unix(conversation.created_at),
        "unread_count": conversation.unread_count,
        "last_non_activity_message": last_non_activity,
        "last_activity_at": unix(conversation.last_activity_at),
        "priority": conversation.priority,
        "waiting_since": None,
        "sla_policy_id": None,
    }


def inbox_json(inbox: Inbox) -> dict[str, Any]:
    return {
        "id": inbox.id,
        "avatar_url": "",
        "channel_id": inbox.id,
        "name": inbox.name,
        "channel_type": inbox.channel_type,
        "greeting_enabled": False,
        "greeting_message": None,
        "working_hours_enabled": bool(inbox.working_hours_enabled),
        "enable_email_collect": True,
        "csat_survey_enabled": False,
        "enable_auto_assignment": True,
        "out_of_office_message": None,
        "working_hours": inbox.working_hours or CHATWOOT_DEFAULT,
        "timezone": inbox.timezone,
        "allow_messages_after_resolved": True,
    }


def profile_json(user: User, memberships: list[tuple[Account, str]]) -> dict[str, Any]:
    return {
        "id": user.id,
        "access_token": user.access_token,
        "account_id": memberships[0][0].id if memberships else None,
        "available_name": user.name.split(" ")[0],
        "avatar_url": "",
        "confirmed": True,
        "display_name": None,
        "message_signature": None,
        "email": user.email,
        "hmac_identifier": "",
        "inviter_id": None,
        "name": user.name,
        "provider": "email",
        "pubsub_token": user.pubsub_token,
        "role": memberships[0][1] if memberships else "agent",
        "ui_settings": {},
        "uid": user.email,
        "type": "User",
        "custom_attributes": {},
        "accounts": [
            {
                "id": account.id,
                "name": account.name,
                "status": "active",
                "active_at": None,
                "role": role,
                "permissions": [role],
                "availability": "online",
                "availability_status": "online",
                "auto_offline": True,
                "custom_role_id": None,
                "custom_role": None,
            }
            for account, role in memberships
        ],
    }


def account_json(account: Account) -> dict[str, Any]:
    return {
        "id": account.id,
        "name": account.name,
        "locale": account.locale,
        "domain": "",
        "support_email": "suporte@example.com",
        "status": "active",
        "created_at": "2025-01-01T00:00:00.000Z",
        "cache_keys": {},
        "features": {name: True for name, on in (account.features or {}).items() if on},
        "settings": {"auto_resolve_message": "", "auto_resolve_ignore_waiting": False},
        "custom_attributes": {},
        "latest_chatwoot_version": "4.15.1",
        "subscribed_features": [],
    }


def scheduled_json(
    row: ScheduledMessage, base_url: str, *, with_hold: bool = False
) -> dict[str, Any]:
    """The fork's `_scheduled_message.json.jbuilder` (push_event_data has the same keys):
    `attachment` only when there is one. No view of the fork renders `hold_on_reply`, so
    an answer never shows it; `with_hold` adds it to the realtime event, which does."""
    body: dict[str, Any] = {
        "id": row.id,
        "content": row.content,
        "inbox_id": row.inbox_id,
        "conversation_id": row.conversation.display_id,
        "account_id": row.account_id,
        "status": row.status,
        "scheduled_at": unix(row.scheduled_at),
        "template_params": row.template_params,
        "author_id": row.author_id,
        "author_type": "User",
        "message_id": row.message_id,
        "created_at": unix(row.created_at),
        "updated_at": unix(row.updated_at),
        "author": user_push(row.author),
    }
    if row.attachment is not None:
        a = row.attachment
        body["attachment"] = {
            "id": a.id,
            "scheduled_message_id": row.id,
            "file_type": a.content_type,
            "account_id": a.account_id,
            "file_url": blob_url(a, base_url),
            "blob_id": f"blob-{a.id}",
            "filename": a.filename,
        }
    if with_hold:
        body["hold_on_reply"] = row.hold_on_reply
    return body
