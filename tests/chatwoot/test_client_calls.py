"""The client against a real loopback server: what it sends and what it makes of replies."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from agent_desktop.chatwoot.client import ChatwootClient, Upload
from agent_desktop.chatwoot.records import ConversationStatus, MessageType
from agent_desktop.chatwoot.scheduled_records import ScheduledStatus
from tests.support import samples
from tests.support.scripted_server import Reply

A = "/api/v1/accounts/1"


def test_every_request_carries_the_token_header(server, client):
    server.on("GET", "/api/v1/profile", Reply(body=samples.profile()))
    client.profile()
    headers = server.received[0].headers
    # hyphens survive a default nginx, which drops header names with underscores
    assert headers["api-access-token"] == samples.TOKEN
    assert "api_access_token" not in headers
    assert headers["accept"] == "application/json"
    assert headers["user-agent"].startswith("AgentDesktop/")


def test_the_profile_lists_accounts_and_drops_the_echoed_token(server, client):
    server.on("GET", "/api/v1/profile", Reply(body=samples.profile()))
    profile = client.profile()
    assert profile.display_name == "Ana"
    assert [(a.id, a.name) for a in profile.accounts] == [(1, "Loja Azul"), (3, "Suporte")]
    assert samples.TOKEN not in repr(profile)
    assert samples.TOKEN not in repr(client)


def test_account_features_are_the_enabled_flags(server, client):
    server.on(
        "GET",
        A,
        Reply(
            body={
                "id": 1,
                "name": "Loja Azul",
                "locale": "pt_BR",
                "features": {
                    "canned_responses": True,
                    "scheduled_messages": True,
                    "campaigns": False,
                },
            }
        ),
    )
    account = client.account()
    assert account.features == {"canned_responses", "scheduled_messages"}
    assert account.locale == "pt_BR"


def test_conversations_send_the_filters_and_read_counts_and_rows(server, client):
    server.on(
        "GET",
        f"{A}/conversations",
        Reply(
            body={
                "data": {
                    "meta": {
                        "mine_count": 4,
                        "assigned_count": 9,
                        "unassigned_count": 2,
                        "all_count": 11,
                    },
                    "payload": [
                        samples.conversation(12),
                        samples.conversation(13, status="snoozed"),
                    ],
                }
            }
        ),
    )
    page = client.conversations(
        status="all", assignee_type="me", inbox_id=2, labels=["vip", "late"], q="pedido", page=2
    )
    query = server.received[0].query
    assert ("status", "all") in query and ("assignee_type", "me") in query
    assert ("inbox_id", "2") in query and ("page", "2") in query and ("q", "pedido") in query
    assert [v for k, v in query if k == "labels[]"] == ["vip", "late"]
    assert (page.counts.mine, page.counts.unassigned, page.counts.all) == (4, 2, 11)
    first, second = page.conversations
    assert first.title == "João Lima" and first.unread_count == 3
    assert first.assignee is not None and first.assignee.name == "Ana"
    assert first.last_message is not None and first.last_message.content == "Olá, tudo bem?"
    assert second.status is ConversationStatus.SNOOZED
    assert not page.may_have_more


def test_bad_filters_are_refused_before_anything_is_sent(server, client):
    with pytest.raises(ValueError, match="status must be one of"):
        client.conversations(status="closed")
    with pytest.raises(ValueError, match="assignee must be one of"):
        client.conversations(assignee_type="them")
    assert server.received == []


def test_conversation_counts_and_one_conversation(server, client):
    server.on(
        "GET",
        f"{A}/conversations/meta",
        Reply(
            body={
                "meta": {
                    "mine_count": 1,
                    "assigned_count": 1,
                    "unassigned_count": 0,
                    "all_count": 1,
                }
            }
        ),
    )
    server.on("GET", f"{A}/conversations/12", Reply(body=samples.conversation(12)))
    assert client.conversation_counts().mine == 1
    assert client.conversation(12).id == 12


def test_messages_page_by_message_id(server, client):
    older = [
        samples.message(400 + n, message_type=n % 2, created_at=1767000000 + n) for n in range(3)
    ]
    server.on("GET", f"{A}/conversations/12/messages", Reply(body={"meta": {}, "payload": older}))
    messages = client.messages(12, before=500)
    client.messages(12, after=400)
    assert server.received[0].query == [("before", "500")]
    assert server.received[1].query == [("after", "400")]
    assert [m.id for m in messages] == [400, 401, 402]
    assert messages[0].message_type is MessageType.INCOMING
    assert messages[1].message_type is MessageType.OUTGOING
    assert messages[0].created_at == datetime.fromtimestamp(1767000000, UTC)


def test_a_reply_is_sent_as_json_with_its_tag_and_echo_id(server, client):
    server.on(
        "POST",
        f"{A}/conversations/12/messages",
        lambda r: Reply(
            body=samples.message(
                900,
                message_type=1,
                content=r.json()["content"],
                content_attributes=r.json()["content_attributes"],
                echo_id=r.json()["echo_id"],
            )
        ),
    )
    sent = client.create_message(
        12, "Seu pedido saiu", content_attributes={"k": "ad-1"}, echo_id="ad-1"
    )
    body = server.received[0].json()
    assert body == {
        "content": "Seu pedido saiu",
        "private": False,
        "message_type": "outgoing",
        "content_attributes": {"k": "ad-1"},
        "echo_id": "ad-1",
    }
    assert "scheduled_at" not in body
    assert sent.id == 900 and sent.echo_id == "ad-1" and sent.content_attributes == {"k": "ad-1"}


def test_a_private_note_is_marked_private(server, client):
    server.on(
        "POST",
        f"{A}/conversations/12/messages",
        Reply(body=samples.message(901, private=True, message_type=1)),
    )
    note = client.create_message(12, "só para a equipe", private=True)
    assert server.received[0].json()["private"] is True
    assert note.private


def test_attachments_go_as_multipart(server, client, tmp_path):
    server.on(
        "POST",
        f"{A}/conversations/12/messages",
        Reply(
            body=samples.message(
                902,
                message_type=1,
                attachments=[
                    {
                        "id": 1,
                        "file_type": "file",
                        "data_url": "http://x/files/nota%20fiscal.pdf",
                        "file_size": 4,
                    }
                ],
            )
        ),
    )
    pdf = tmp_path / "nota fiscal.pdf"
    pdf.write_bytes(b"%PDF")
    sent = client.create_message(
        12,
        "Segue a nota",
        content_attributes={"k": "ad-2"},
        echo_id="ad-2",
        attachments=[Upload.from_path(pdf), Upload("a.txt", b"hi", "text/plain")],
    )
    fields, files = server.received[0].form()
    assert fields == {
        "content": "Segue a nota",
        "private": "false",
        "message_type": "outgoing",
        "content_attributes": '{"k": "ad-2"}',
        "echo_id": "ad-2",
    }
    assert files == [
        ("attachments[]", "nota fiscal.pdf", b"%PDF", "application/pdf"),
        ("attachments[]", "a.txt", b"hi", "text/plain"),
    ]
    assert sent.attachments[0].filename == "nota fiscal.pdf"


def test_delete_and_toggle_status(server, client):
    server.on(
        "DELETE",
        f"{A}/conversations/12/messages/900",
        Reply(
            body=samples.message(
                900, content="This message was deleted", content_attributes={"deleted": True}
            )
        ),
    )
    server.on(
        "POST",
        f"{A}/conversations/12/toggle_status",
        Reply(
            body={
                "meta": {},
                "payload": {
                    "success": True,
                    "conversation_id": 12,
                    "current_status": "snoozed",
                    "snoozed_until": 1767300000,
                },
            }
        ),
    )
    assert client.delete_message(12, 900).is_deleted
    change = client.toggle_status(
        12, "snoozed", snoozed_until=datetime.fromtimestamp(1767300000, UTC)
    )
    assert server.received[1].json() == {"status": "snoozed", "snoozed_until": 1767300000}
    assert change.status is ConversationStatus.SNOOZED
    assert change.snoozed_until == datetime.fromtimestamp(1767300000, UTC)


def test_inboxes_carry_their_time_zone(server, client):
    server.on(
        "GET",
        f"{A}/inboxes",
        Reply(
            body={
                "payload": [
                    {
                        "id": 2,
                        "name": "WhatsApp",
                        "channel_type": "Channel::Whatsapp",
                        "timezone": "America/Sao_Paulo",
                        "working_hours": [],
                    },
                    {
                        "id": 3,
                        "name": "Site",
                        "channel_type": "Channel::WebWidget",
                        "timezone": None,
                    },
                ]
            }
        ),
    )
    inboxes = client.inboxes()
    assert [(i.name, i.timezone) for i in inboxes] == [
        ("WhatsApp", "America/Sao_Paulo"),
        ("Site", None),
    ]


def test_canned_responses_come_as_a_bare_list(server, client):
    server.on(
        "GET",
        f"{A}/canned_responses",
        Reply(
            body=[
                {
                    "id": 1,
                    "account_id": 1,
                    "short_code": "welcome",
                    "content": "Hello, {{contact.name}}!",
                    "created_at": "2026-01-01T10:00:00.000Z",
                }
            ]
        ),
    )
    [response] = client.canned_responses()
    assert (response.short_code, response.content) == ("welcome", "Hello, {{contact.name}}!")


def test_a_canned_responses_answer_that_is_not_a_list_is_refused(server, client):
    from agent_desktop.chatwoot.errors import UnexpectedResponseError

    server.on("GET", f"{A}/canned_responses", Reply(body={"error": "odd"}))
    with pytest.raises(UnexpectedResponseError):
        client.canned_responses()


WHEN = datetime(2026, 6, 1, 12, 30, tzinfo=UTC)


def test_the_forks_resource_is_created_pending_not_draft(server, client):
    path = f"{A}/conversations/12/scheduled_messages"
    server.on("POST", path, Reply(body=samples.scheduled(88)))
    created = client.create_scheduled_message(12, "Lembrete", WHEN, hold_on_reply=False)
    assert server.received[0].json() == {
        "content": "Lembrete",
        "scheduled_at": "2026-06-01T12:30:00Z",
        "status": "pending",
        "hold_on_reply": False,
    }
    assert created.status is ScheduledStatus.PENDING
    assert created.scheduled_at == datetime.fromtimestamp(1767200000, UTC)


def test_the_forks_resource_lists_updates_and_deletes(server, client, tmp_path):
    path = f"{A}/conversations/12/scheduled_messages"
    server.on(
        "GET",
        path,
        Reply(body={"payload": [samples.scheduled(88), samples.scheduled(87, status="held")]}),
    )
    server.on("PATCH", f"{path}/88", Reply(body=samples.scheduled(88, content="Novo")))
    server.on("DELETE", f"{path}/88", Reply(body=samples.scheduled(88)))
    listed = client.scheduled_messages(12)
    assert [s.status for s in listed] == [ScheduledStatus.PENDING, ScheduledStatus.HELD]
    updated = client.update_scheduled_message(
        12, 88, content="Novo", scheduled_at=WHEN, status="pending"
    )
    assert server.received[1].json() == {
        "content": "Novo",
        "scheduled_at": "2026-06-01T12:30:00Z",
        "status": "pending",
    }
    assert updated.content == "Novo"
    assert client.delete_scheduled_message(12, 88).id == 88


def test_the_forks_resource_takes_one_attachment(server, client):
    path = f"{A}/conversations/12/scheduled_messages"
    server.on(
        "POST",
        path,
        Reply(
            body=samples.scheduled(
                89, attachment={"id": 5, "file_type": "image/png", "file_url": "http://x/a.png"}
            )
        ),
    )
    created = client.create_scheduled_message(
        12, "Foto", WHEN, attachment=Upload("a.png", b"PNG", "image/png")
    )
    fields, files = server.received[0].form()
    assert fields["status"] == "pending" and fields["hold_on_reply"] == "true"
    assert files == [("attachment", "a.png", b"PNG", "image/png")]
    assert created.attachment is not None and created.attachment.filename == "a.png"


def test_the_seed_design_sends_scheduled_at_lists_and_cancels(server, client):
    path = f"{A}/conversations/12/messages"
    server.on(
        "POST",
        path,
        Reply(
            body={
                "message": "Message scheduled successfully",
                "scheduled_at": "2026-06-01T12:30:00Z",
                "data": samples.message(950, message_type=1, scheduled_at=1780317000),
            }
        ),
    )
    server.on(
        "GET",
        path,
        Reply(
            body={
                "meta": {},
                "payload": [],
                "scheduled_messages": [
                    samples.message(950, message_type=1, scheduled_at=1780317000)
                ],
            }
        ),
    )
    server.on("DELETE", f"{path}/950/schedule", Reply(body={}))
    created = client.schedule_message(12, "Amanhã cedo", WHEN, echo_id="ad-9")
    assert server.received[0].json()["scheduled_at"] == "2026-06-01T12:30:00Z"
    assert created.id == 950 and created.scheduled_at is not None
    pending = client.seed_scheduled_messages(12)
    assert server.received[1].query == [("include_scheduled", "true")]
    assert [m.id for m in pending] == [950]
    client.cancel_seed_scheduled_message(12, 950)
    assert server.received[2].method == "DELETE"


def test_account_calls_need_an_account(server):
    with (
        ChatwootClient(server.url, samples.TOKEN) as client,
        pytest.raises(ValueError, match="account"),
    ):
        client.inboxes()


def test_the_servers_clock_is_read_from_each_answers_date(server, client):
    from datetime import UTC, datetime, timedelta

    from agent_desktop.chatwoot.answers import http_date

    assert client.server_time is None
    server.on("GET", "/api/v1/profile", Reply(body=samples.profile()))
    client.profile()
    assert client.server_time is not None
    assert abs(client.server_time - datetime.now(UTC)) < timedelta(seconds=5)
    assert http_date("Wed, 25 Nov 2026 13:05:07 GMT") == datetime(
        2026, 11, 25, 13, 5, 7, tzinfo=UTC
    )
    assert http_date("yesterday-ish") is None and http_date(None) is None


def test_the_demo_server_dates_its_answers_by_its_own_clock():
    from datetime import UTC, datetime, timedelta

    from agent_desktop.core.clock import FakeClock
    from agent_desktop.demo.server import DemoConfig, DemoServer

    behind = FakeClock(datetime.now(UTC) - timedelta(hours=3))
    demo = DemoServer(DemoConfig(clock=behind, customer_interval=0, dispatch_interval=3600))
    demo.start()
    try:
        with ChatwootClient(demo.url, demo.token, account_id=1) as api:
            api.profile()
            assert api.server_time is not None
            assert abs(api.server_time - behind.now()) < timedelta(seconds=2)
    finally:
        demo.stop()
