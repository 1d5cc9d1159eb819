"""Bodies shaped as a real Chatwoot server sends them (see shared API notes)."""

from __future__ import annotations

from typing import Any

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
