"""Bodies shaped as a real Chatwoot server sends them (see the API notes), and stored
rows as the app's own layers hand them on."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from agent_desktop.store.records import OutboxRecord
from agent_desktop.store.states import OutboxState

TOKEN = "s3cr3t-t0ken-value"


def profile() -> dict[str, Any]:
    return {
        "id": 7,
        "name": "Ana Souza",
        "available_name": "Ana",
        "email": "ana@example.com",
        "role": "agent",
        "avatar_url": "",
        "pubsub_token": "pub-123",
        "access_token": TOKEN,
        "accounts": [
            {"id": 1, "name": "Loja Azul", "role": "agent", "status": "active"},
            {"id": 3, "name": "Suporte", "role": "administrator", "status": "active"},
        ],
    }


def message(message_id: int = 501, **overrides: Any) -> dict[str, Any]:
    body = {
        "id": message_id,
        "content": "Olá, tudo bem?",
        "inbox_id": 2,
        "conversation_id": 12,
        "message_type": 0,
        "content_type": "text",
        "content_attributes": {},
        "created_at": 1767182400,
        "private": False,
        "source_id": None,
        "status": "sent",
        "sender": {"id": 31, "name": "João Lima", "type": "contact"},
        "attachments": [],
    }
    body.update(overrides)
    return body


def conversation(display_id: int = 12, **overrides: Any) -> dict[str, Any]:
    body = {
        "id": display_id,
        "account_id": 1,
        "inbox_id": 2,
        "status": "open",
        "can_reply": True,
        "unread_count": 3,
        "labels": ["vip"],
        "priority": None,
        "snoozed_until": None,
        "last_activity_at": 1767182400,
        "timestamp": 1767182400,
        "created_at": 1767100000,
        "updated_at": 1767182400.123,
        "messages": [message()],
        "meta": {
            "sender": {
                "id": 31,
                "name": "João Lima",
                "email": "joao@example.com",
                "phone_number": "+5511999990000",
                "thumbnail": "",
            },
            "assignee": {"id": 7, "name": "Ana Souza", "available_name": "Ana", "type": "user"},
            "channel": "Channel::Whatsapp",
        },
    }
    body.update(overrides)
    return body


def scheduled(scheduled_id: int = 88, **overrides: Any) -> dict[str, Any]:
    body = {
        "id": scheduled_id,
        "content": "Lembrete do pedido",
        "inbox_id": 2,
        "conversation_id": 12,
        "account_id": 1,
        "status": "pending",
        "scheduled_at": 1767200000,
        "template_params": None,
        "author_id": 7,
        "author_type": "User",
        "author": {"id": 7},
        "message_id": None,
        "created_at": 1767182400,
        "updated_at": 1767182400,
        "attachment": None,
        "hold_on_reply": True,
    }
    body.update(overrides)
    return body


def outbox_record(**overrides: Any) -> OutboxRecord:
    """A stored scheduled message as the policy and the widgets see one."""
    at = datetime(2027, 3, 14, 12, 0, tzinfo=UTC)
    values: dict[str, Any] = {
        "id": 7,
        "profile_id": 1,
        "backend": "local",
        "remote_id": None,
        "conversation_id": 12,
        "content": "Olá, tudo certo?",
        "scheduled_at": at,
        "due_at": at,
        "zone": "America/New_York",
        "hold_on_reply": True,
        "hold_after": None,
        "state": OutboxState.PENDING,
        "delivery_key": "ad-test",
        "attachments": (),
        "attempts": 0,
        "claimed_by": None,
        "lease_until": None,
        "in_flight_since": None,
        "server_message_id": None,
        "last_error": None,
        "conversation_label": "Beatriz",
        "created_at": at - timedelta(days=1),
        "updated_at": at - timedelta(days=1),
        "sent_at": None,
    }
    values.update(overrides)
    return OutboxRecord(**values)


def next_fall_back(zone: Any, after: datetime) -> datetime:
    """The next instant after `after` at which `zone`'s clocks fall back (UTC)."""
    probe = after.replace(minute=0, second=0, microsecond=0)
    offset = probe.astimezone(zone).utcoffset()
    for _ in range(24 * 400):
        probe += timedelta(hours=1)
        now_offset = probe.astimezone(zone).utcoffset()
        if offset is not None and now_offset is not None and now_offset < offset:
            return probe
        offset = now_offset
    raise ValueError(f"{zone} does not fall back")
