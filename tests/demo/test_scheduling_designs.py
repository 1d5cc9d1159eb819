"""The three kinds of server the app must tell apart: upstream (no scheduling), the fork's
scheduled_messages resource, and the seed plan's scheduled_at design."""

from __future__ import annotations

from datetime import timedelta

import httpx
import pytest

from agent_desktop.chatwoot.client import ChatwootClient, Upload
from agent_desktop.chatwoot.errors import NotFoundError, ValidationError
from agent_desktop.chatwoot.scheduled_records import ScheduledStatus


def client_for(demo_server, design):
    return ChatwootClient(
        demo_server.url, demo_server.token, account_id=getattr(demo_server.accounts, design)
    )


def open_conversation(client):
    return client.conversations(status="open").conversations[0].id


def customer_writes(demo_server, account_id, conversation_id, text="Na verdade já resolvi!"):
    response = httpx.post(
        f"{demo_server.url}/demo/accounts/{account_id}/conversations/{conversation_id}"
        "/customer_messages",
        json={"content": text},
        headers={"Api-Access-Token": demo_server.token},
    )
    assert response.status_code == 200


# -- upstream -------------------------------------------------------------------------


def test_upstream_ignores_scheduled_at_and_sends_at_once(demo_server, demo_clock):
    with client_for(demo_server, "upstream") as client:
        conversation = open_conversation(client)
        message = client.schedule_message(
            conversation, "Amanhã cedo", demo_clock.now() + timedelta(days=1)
        )
        assert message.scheduled_at is None
        assert client.messages(conversation)[-1].id == message.id  # already in the thread
        with pytest.raises(NotFoundError):
            client.scheduled_messages(conversation)
        assert client.seed_scheduled_messages(conversation) == []


# -- the fork -------------------------------------------------------------------------


def test_the_fork_schedules_lists_and_sends_when_due(demo_server, demo_clock):
    with client_for(demo_server, "fork") as client:
        conversation = open_conversation(client)
        when = demo_clock.now() + timedelta(minutes=10)
        created = client.create_scheduled_message(
            conversation, "Lembrete do pedido", when, hold_on_reply=False
        )
        assert created.status is ScheduledStatus.PENDING and created.hold_on_reply is None
        assert [s.id for s in client.scheduled_messages(conversation)] == [created.id]
        assert demo_server.dispatch_now() == {"sent": 0, "failed": 0}
        demo_clock.advance(timedelta(minutes=10))
        assert demo_server.dispatch_now() == {"sent": 1, "failed": 0}
        (row,) = client.scheduled_messages(conversation)
        assert row.status is ScheduledStatus.SENT and row.message_id is not None
        last = client.messages(conversation)[-1]
        assert (last.id, last.content) == (row.message_id, "Lembrete do pedido")
        with pytest.raises(ValidationError, match="already been sent or failed"):
            client.delete_scheduled_message(conversation, row.id)
        with pytest.raises(ValidationError, match="only be modified while draft, pending, or held"):
            client.update_scheduled_message(conversation, row.id, content="tarde demais")


def test_the_fork_defaults_to_draft_which_never_sends(demo_server, demo_clock):
    account = demo_server.accounts.fork
    with client_for(demo_server, "fork") as client:
        conversation = open_conversation(client)
    later = int((demo_clock.now() + timedelta(minutes=10)).timestamp())
    raw = httpx.post(
        f"{demo_server.url}/api/v1/accounts/{account}/conversations/"
        f"{conversation}/scheduled_messages",
        json={"content": "rascunho", "scheduled_at": later},
        headers={"Api-Access-Token": demo_server.token},
    )
    assert raw.json()["status"] == "draft"
    demo_clock.advance(timedelta(hours=1))
    assert demo_server.dispatch_now()["sent"] == 0


def test_the_fork_refuses_a_past_time_in_its_validation_shape(demo_server, demo_clock):
    with client_for(demo_server, "fork") as client:
        conversation = open_conversation(client)
        with pytest.raises(ValidationError, match="Scheduled at must be in the future") as caught:
            client.create_scheduled_message(conversation, "x", demo_clock.now())
        assert caught.value.attributes == ("scheduled_at",)
        with pytest.raises(ValidationError, match="Content can't be blank"):
            client.create_scheduled_message(
                conversation, " ", demo_clock.now() + timedelta(hours=1)
            )


def test_the_fork_holds_a_message_when_the_customer_replies_and_resumes_it(demo_server, demo_clock):
    with client_for(demo_server, "fork") as client:
        conversation = open_conversation(client)
        held = client.create_scheduled_message(
            conversation, "Conseguiu resolver?", demo_clock.now() + timedelta(minutes=30)
        )
        free = client.create_scheduled_message(
            conversation,
            "Sem espera",
            demo_clock.now() + timedelta(minutes=30),
            hold_on_reply=False,
        )
        customer_writes(demo_server, demo_server.accounts.fork, conversation)
        statuses = {s.id: s.status for s in client.scheduled_messages(conversation)}
        assert statuses == {held.id: ScheduledStatus.HELD, free.id: ScheduledStatus.PENDING}
        demo_clock.advance(timedelta(hours=1))
        assert demo_server.dispatch_now()["sent"] == 1  # only the one not held
        resumed = client.update_scheduled_message(
            conversation,
            held.id,
            status="pending",
            scheduled_at=demo_clock.now() + timedelta(minutes=5),
        )
        assert resumed.status is ScheduledStatus.PENDING
        demo_clock.advance(timedelta(minutes=5))
        assert demo_server.dispatch_now()["sent"] == 1


def test_the_fork_waits_while_the_conversation_is_resolved(demo_server, demo_clock):
    with client_for(demo_server, "fork") as client:
        conversation = open_conversation(client)
        client.create_scheduled_message(
            conversation, "Oi", demo_clock.now() + timedelta(minutes=10)
        )
        client.toggle_status(conversation, "resolved")
        demo_clock.advance(timedelta(minutes=20))
        assert demo_server.dispatch_now()["sent"] == 0
        client.toggle_status(conversation, "open")
        assert demo_server.dispatch_now()["sent"] == 1


def test_the_fork_sends_its_one_attachment(demo_server, demo_clock):
    with client_for(demo_server, "fork") as client:
        conversation = open_conversation(client)
        created = client.create_scheduled_message(
            conversation,
            "Segue o boleto",
            demo_clock.now() + timedelta(minutes=10),
            attachment=Upload("boleto.pdf", b"%PDF boleto", "application/pdf"),
        )
        assert created.attachment is not None and created.attachment.filename == "boleto.pdf"
        demo_clock.advance(timedelta(minutes=10))
        demo_server.dispatch_now()
        sent = client.messages(conversation)[-1]
        assert [a.filename for a in sent.attachments] == ["boleto.pdf"]
        stored = httpx.get(sent.attachments[0].data_url, follow_redirects=True)
        assert stored.content == b"%PDF boleto"


def test_the_fork_deletes_a_pending_message(demo_server, demo_clock):
    with client_for(demo_server, "fork") as client:
        conversation = open_conversation(client)
        created = client.create_scheduled_message(
            conversation, "Oi", demo_clock.now() + timedelta(minutes=10)
        )
        # the fork's destroy renders nothing: Rails answers 204 with an empty body
        assert client.delete_scheduled_message(conversation, created.id) is None
        assert client.scheduled_messages(conversation) == []


# -- the seed plan ---------------------------------------------------------------------


def test_the_seed_design_holds_the_message_until_its_time(demo_server, demo_clock):
    with client_for(demo_server, "seed") as client:
        conversation = open_conversation(client)
        before = [m.id for m in client.messages(conversation)]
        created = client.schedule_message(
            conversation,
            "Bom dia! Seu pedido chega hoje.",
            demo_clock.now() + timedelta(minutes=10),
        )
        assert created.scheduled_at is not None
        assert [m.id for m in client.messages(conversation)] == before  # not sent yet
        assert [m.id for m in client.seed_scheduled_messages(conversation)] == [created.id]
        demo_clock.advance(timedelta(minutes=10))
        assert demo_server.dispatch_now()["sent"] == 1
        assert client.messages(conversation)[-1].id == created.id
        assert client.seed_scheduled_messages(conversation) == []


def test_the_seed_design_keeps_five_minutes_to_one_year(demo_server, demo_clock):
    with client_for(demo_server, "seed") as client:
        conversation = open_conversation(client)
        with pytest.raises(ValidationError, match="pelo menos 5 minutos"):
            client.schedule_message(conversation, "x", demo_clock.now() + timedelta(minutes=4))
        with pytest.raises(ValidationError, match="mais de 1 ano"):
            client.schedule_message(conversation, "x", demo_clock.now() + timedelta(days=367))


def test_the_seed_design_cancels(demo_server, demo_clock):
    with client_for(demo_server, "seed") as client:
        conversation = open_conversation(client)
        created = client.schedule_message(conversation, "x", demo_clock.now() + timedelta(hours=2))
        client.cancel_seed_scheduled_message(conversation, created.id)
        assert client.seed_scheduled_messages(conversation) == []
        with pytest.raises(NotFoundError):
            client.cancel_seed_scheduled_message(conversation, created.id)
        demo_clock.advance(timedelta(hours=3))
        assert demo_server.dispatch_now()["sent"] == 0


def test_metrics_and_health_follow_the_seed_plan(demo_server, demo_clock):
    with client_for(demo_server, "seed") as seed, client_for(demo_server, "fork") as fork:
        seed.schedule_message(
            open_conversation(seed), "a", demo_clock.now() + timedelta(minutes=10)
        )
        fork.create_scheduled_message(
            open_conversation(fork), "b", demo_clock.now() + timedelta(minutes=10)
        )
        health = httpx.get(f"{demo_server.url}/health/scheduled_messages").json()
        assert health == {
            "status": "ok",
            "checks": {"pending_count": 2, "overdue_count": 0, "last_job_run": None},
        }
        demo_clock.advance(timedelta(hours=2))  # the dispatcher has not run: overdue
        late = httpx.get(f"{demo_server.url}/health/scheduled_messages").json()
        assert late["status"] == "warning" and late["checks"]["overdue_count"] == 2
        demo_server.dispatch_now()
        after = httpx.get(f"{demo_server.url}/health/scheduled_messages").json()
        assert after["checks"]["pending_count"] == 0 and after["checks"]["last_job_run"]
    metrics = httpx.get(f"{demo_server.url}/metrics")
    assert metrics.headers["content-type"].startswith("text/plain")
    text = metrics.text
    for line in (
        'scheduled_messages_created_total{design="seed"} 1',
        'scheduled_messages_created_total{design="fork"} 1',
        'scheduled_messages_sent_total{design="seed"} 1',
        'scheduled_messages_sent_total{design="fork"} 1',
        'scheduled_messages_failed_total{design="fork"} 0',
        "scheduled_messages_dispatcher_runs_total 1",
        "# TYPE scheduled_messages_sent_total counter",
    ):
        assert line in text.splitlines()
