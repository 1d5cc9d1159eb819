"""The in-project contract schemas can fail: a body that breaks a fact the app relies on
is rejected, at the field that broke it. Each case starts from a body the schema accepts,
so a rejection is never for some other reason."""

from __future__ import annotations

import copy
from collections.abc import Callable
from typing import Any

import pytest
from jsonschema import Draft202012Validator

from tests.demo import contract_schemas as schemas
from tests.demo.contract_schemas import Schema


def errors_at(body: Any, schema: Schema) -> set[str]:
    """The paths (a/b/0) of the fields the schema rejects; empty when it accepts."""
    validator = Draft202012Validator(schema)
    return {"/".join(map(str, e.absolute_path)) for e in validator.iter_errors(body)}


def message() -> dict[str, Any]:
    return {
        "id": 501,
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


def conversation() -> dict[str, Any]:
    return {
        "id": 12,
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
        "agent_last_seen_at": 1767182000,
        "messages": [message()],
        "meta": {
            "sender": {"id": 31, "name": "João Lima", "email": None, "phone_number": None},
            "assignee": {"id": 7, "name": "Ana Souza", "type": "user"},
            "channel": "Channel::Whatsapp",
        },
    }


def conversation_list() -> dict[str, Any]:
    counts = {"mine_count": 1, "assigned_count": 1, "unassigned_count": 0, "all_count": 1}
    return {"data": {"meta": counts, "payload": [conversation()]}}


def scheduled() -> dict[str, Any]:
    return {
        "id": 88,
        "content": "Lembrete do pedido",
        "inbox_id": 2,
        "conversation_id": 12,
        "account_id": 1,
        "status": "pending",
        "scheduled_at": 1767200000,
        "template_params": None,
        "author_id": 7,
        "author_type": "User",
        "message_id": None,
        "created_at": 1767182400,
        "updated_at": 1767182400,
        "attachment": None,
    }


def set_at(body: Any, path: str, value: Any) -> None:
    *parents, last = path.split("/")
    for key in parents:
        body = body[int(key)] if isinstance(body, list) else body[key]
    body[last] = value


def remove_at(body: Any, path: str) -> None:
    *parents, last = path.split("/")
    for key in parents:
        body = body[int(key)] if isinstance(body, list) else body[key]
    del body[last]


Body = Callable[[], Any]

# (what breaks, the schema, a valid body, where, the wrong value)
WRONG_VALUES: list[tuple[str, Schema, Body, str, Any]] = [
    ("message_type as a string", schemas.CREATED_MESSAGE, message, "message_type", "1"),
    (
        "message created_at as ISO",
        schemas.CREATED_MESSAGE,
        message,
        "created_at",
        "2026-01-01T10:00:00Z",
    ),
    ("private as a string", schemas.CREATED_MESSAGE, message, "private", "false"),
    (
        "a conversation status not in the list",
        schemas.ONE_CONVERSATION,
        conversation,
        "status",
        "closed",
    ),
    (
        "a listed conversation's last message with a string type",
        schemas.CONVERSATION_LIST,
        conversation_list,
        "data/payload/0/messages/0/message_type",
        "incoming",
    ),
    (
        "a scheduled status the fork has not",
        schemas.SCHEDULED_MESSAGE,
        scheduled,
        "status",
        "cancelled",
    ),
    (
        "scheduled_at as ISO",
        schemas.SCHEDULED_MESSAGE,
        scheduled,
        "scheduled_at",
        "2026-01-01T10:00:00Z",
    ),
]


@pytest.mark.parametrize(
    ("schema", "body", "path", "value"),
    [case[1:] for case in WRONG_VALUES],
    ids=[case[0] for case in WRONG_VALUES],
)
def test_a_wrong_value_is_rejected_at_its_field(schema, body, path, value):
    good = body()
    assert errors_at(good, schema) == set()
    bad = copy.deepcopy(good)
    set_at(bad, path, value)
    assert errors_at(bad, schema) == {path}


# (what is missing, the schema, a valid body, where)
MISSING_FIELDS: list[tuple[str, Schema, Body, str]] = [
    ("a message without message_type", schemas.CREATED_MESSAGE, message, "message_type"),
    ("a conversation without its id", schemas.ONE_CONVERSATION, conversation, "id"),
    ("a list without its payload", schemas.CONVERSATION_LIST, conversation_list, "data/payload"),
    ("a scheduled row without scheduled_at", schemas.SCHEDULED_MESSAGE, scheduled, "scheduled_at"),
]


@pytest.mark.parametrize(
    ("schema", "body", "path"),
    [case[1:] for case in MISSING_FIELDS],
    ids=[case[0] for case in MISSING_FIELDS],
)
def test_a_required_field_is_really_required(schema, body, path):
    bad = body()
    remove_at(bad, path)
    parent = path.rpartition("/")[0]
    assert errors_at(bad, schema) == {parent}


# (what the facts allow, the schema, a valid body, where null is allowed)
ALLOWED_NULLS: list[tuple[str, Schema, Body, str]] = [
    (
        "a message with only attachments has null content",
        schemas.CREATED_MESSAGE,
        message,
        "content",
    ),
    ("an unassigned conversation", schemas.ONE_CONVERSATION, conversation, "meta/assignee"),
    ("a draft saved without a time", schemas.SCHEDULED_MESSAGE, scheduled, "scheduled_at"),
]


@pytest.mark.parametrize(
    ("schema", "body", "path"),
    [case[1:] for case in ALLOWED_NULLS],
    ids=[case[0] for case in ALLOWED_NULLS],
)
def test_a_null_the_facts_allow_is_accepted(schema, body, path):
    good = body()
    set_at(good, path, None)
    assert errors_at(good, schema) == set()


def test_a_float_updated_at_is_accepted_and_a_string_is_not():
    good = conversation()
    assert isinstance(good["updated_at"], float)
    assert errors_at(good, schemas.ONE_CONVERSATION) == set()
    good["updated_at"] = "1767182400.123"
    assert errors_at(good, schemas.ONE_CONVERSATION) == {"updated_at"}


@pytest.mark.parametrize("name", sorted(schemas.ALL))
def test_every_schema_is_valid_2020_12_and_rejects_an_empty_body(name):
    schema = schemas.ALL[name]
    assert schema["$schema"] == schemas.DIALECT
    Draft202012Validator.check_schema(schema)
    assert errors_at({}, schema), f"{name} accepts an empty object"
    assert errors_at(None, schema), f"{name} accepts null"
