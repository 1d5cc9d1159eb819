"""The demo server's bodies checked against the schemas kept in the project
(tests/demo/contract_schemas.py): the fields and types the app relies on, from Chatwoot's
swagger, our API notes and the fork's fragment. Nothing outside the repository is read.

The same bodies are also checked against an upstream swagger file when one is given:
see test_contract_upstream.py.
"""

from __future__ import annotations

from typing import Any

import httpx
import pytest
from jsonschema import Draft202012Validator

from tests.demo import contract_schemas as schemas
from tests.demo.contract_schemas import Schema


def problems(body: Any, schema: Schema) -> list[str]:
    validator = Draft202012Validator(schema)
    errors = sorted(validator.iter_errors(body), key=lambda e: list(e.absolute_path))
    return [f"/{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in errors]


def check(body: Any, schema: Schema) -> None:
    found = problems(body, schema)
    assert not found, "\n".join(found[:10])


@pytest.fixture
def api(demo_server):
    with httpx.Client(
        base_url=demo_server.url, headers={"Api-Access-Token": demo_server.token}
    ) as client:
        yield client


def account_path(demo_server, design="upstream"):
    return f"/api/v1/accounts/{getattr(demo_server.accounts, design)}"


def test_profile(api):
    body = api.get("/api/v1/profile").json()
    assert body["accounts"], "the check needs rows to check"
    check(body, schemas.PROFILE)


def test_account(api, demo_server):
    check(api.get(account_path(demo_server)).json(), schemas.ACCOUNT)


def test_inboxes(api, demo_server):
    body = api.get(account_path(demo_server) + "/inboxes").json()
    assert body["payload"], "the check needs rows to check"
    check(body, schemas.INBOXES)


def test_labels(api, demo_server):
    body = api.get(account_path(demo_server) + "/labels").json()
    assert body["payload"], "the check needs rows to check"
    check(body, schemas.LABELS)


def test_canned_responses(api, demo_server):
    path = account_path(demo_server) + "/canned_responses"
    body = api.get(path).json()
    assert body, "the check needs rows to check"
    check(body, schemas.CANNED_RESPONSES)
    found = api.get(path, params={"search": "FATURA"}).json()  # in a text, any case
    check(found, schemas.CANNED_RESPONSES)
    assert [r["short_code"] for r in found] == ["reembolso"]


@pytest.mark.parametrize("status", ["open", "pending", "resolved", "snoozed", "all"])
def test_conversation_list(api, demo_server, status):
    body = api.get(account_path(demo_server) + "/conversations", params={"status": status}).json()
    assert body["data"]["payload"], "the check needs rows to check"
    check(body, schemas.CONVERSATION_LIST)
    if status != "all":
        assert {c["status"] for c in body["data"]["payload"]} == {status}


def test_the_lists_have_unassigned_conversations_and_last_messages(api, demo_server):
    """The nullable assignee and the embedded message are checked on real rows."""
    body = api.get(account_path(demo_server) + "/conversations", params={"status": "all"}).json()
    rows = body["data"]["payload"]
    assert any(row["meta"].get("assignee") is None for row in rows)
    assert any(row["messages"] for row in rows)


def test_conversation_counts(api, demo_server):
    check(
        api.get(account_path(demo_server) + "/conversations/meta").json(),
        schemas.CONVERSATION_COUNTS,
    )


def test_one_conversation(api, demo_server):
    body = api.get(account_path(demo_server) + "/conversations/1").json()
    check(body, schemas.ONE_CONVERSATION)
    assert body["id"] == 1  # the display id, as in the path


def test_messages_and_a_created_message(api, demo_server):
    base = account_path(demo_server) + "/conversations/1/messages"
    created = api.post(base, json={"content": "Olá!", "echo_id": "e-1"}).json()
    check(created, schemas.CREATED_MESSAGE)
    listed = api.get(base).json()
    assert listed["payload"], "the check needs rows to check"
    check(listed, schemas.MESSAGES)


def test_a_message_with_only_an_attachment(api, demo_server):
    base = account_path(demo_server) + "/conversations/2/messages"
    created = api.post(base, files=[("attachments[]", ("a.png", b"PNG", "image/png"))]).json()
    assert created["content"] is None and created["attachments"][0]["file_type"] == "image"
    check(created, schemas.CREATED_MESSAGE)


def test_toggle_status(api, demo_server):
    body = api.post(
        account_path(demo_server) + "/conversations/1/toggle_status", json={"status": "pending"}
    ).json()
    check(body, schemas.TOGGLE_STATUS)
    assert body["payload"]["current_status"] == "pending"


def test_the_forks_scheduled_message_resource(api, demo_server):
    base = account_path(demo_server, "fork") + "/conversations/1/scheduled_messages"
    when = demo_server.config.clock.now().replace(microsecond=0).isoformat()
    created = api.post(
        base,
        json={
            "content": "Lembrete",
            "status": "pending",
            "scheduled_at": when.replace("+00:00", "Z"),
        },
    )
    assert created.status_code == 422  # not in the future
    check(created.json(), schemas.RECORD_INVALID)
    later = demo_server.config.clock.now().timestamp() + 3600
    created = api.post(
        base, json={"content": "Lembrete", "status": "pending", "scheduled_at": int(later)}
    )
    assert created.status_code == 200
    check(created.json(), schemas.SCHEDULED_MESSAGE)
    listed = api.get(base).json()
    assert listed["payload"], "the check needs rows to check"
    check(listed, schemas.SCHEDULED_MESSAGES)


def test_a_forks_draft_without_a_time(api, demo_server):
    """The fork's own UI saves drafts with no time: scheduled_at is null on the wire."""
    base = account_path(demo_server, "fork") + "/conversations/1/scheduled_messages"
    created = api.post(base, json={"content": "Rascunho"})  # status defaults to draft
    assert created.status_code == 200
    body = created.json()
    assert body["status"] == "draft" and body["scheduled_at"] is None
    check(body, schemas.SCHEDULED_MESSAGE)
    check(api.get(base).json(), schemas.SCHEDULED_MESSAGES)
