"""Fault injection (off by default) and the demo's liveliness: deliveries and customers."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import httpx
import pytest

from agent_desktop.chatwoot.client import ChatwootClient
from agent_desktop.chatwoot.errors import MaybeDeliveredError, RateLimitedError, ServerError
from agent_desktop.chatwoot.records import ConversationStatus
from agent_desktop.demo import simulation
from agent_desktop.demo.state import Caller


def impatient(demo_server, account_id: int) -> ChatwootClient:
    """A client of the account that gives up on a slow answer within a second."""
    return ChatwootClient(
        demo_server.url,
        demo_server.token,
        account_id=account_id,
        timeout=httpx.Timeout(1.0, connect=2.0),
    )


@pytest.fixture
def client(demo_server):
    with impatient(demo_server, demo_server.accounts.upstream) as c:
        yield c


def first_open(client):
    return client.conversations().conversations[0].id


def test_faults_are_off_by_default(demo_server, client):
    assert not demo_server.faults.active
    for _ in range(20):
        client.profile()


def test_429_with_retry_after(demo_server, client):
    demo_server.faults.update({"rate_limit_rate": 1.0, "retry_after": 7})
    with pytest.raises(RateLimitedError) as caught:
        client.profile()
    assert caught.value.retry_after == 7.0


def test_a_share_of_5xx(demo_server, client):
    demo_server.faults.update({"error_rate": 0.5, "seed": 3})
    outcomes = []
    for _ in range(40):
        try:
            client.profile()
            outcomes.append("ok")
        except ServerError as error:
            assert error.status in (500, 502, 503)
            outcomes.append("5xx")
    assert 10 <= outcomes.count("5xx") <= 30  # about half, and not all
    dealt = demo_server.faults.to_json()["injected"]  # counted, for a storm's report
    assert sum(dealt.values()) == outcomes.count("5xx") and set(dealt) <= {"500", "502", "503"}


def test_a_dropped_answer_after_the_message_was_created(demo_server, client):
    conversation = first_open(client)
    before = len(client.messages(conversation))
    demo_server.faults.update({"drop_rate": 1.0, "methods": ["POST"]})
    with pytest.raises(MaybeDeliveredError):
        client.create_message(conversation, "chegou?", content_attributes={"k": "ad-77"})
    demo_server.faults.update({"drop_rate": 0.0})
    after = client.messages(conversation)
    assert len(after) == before + 1  # it was created, though the answer was lost
    assert after[-1].content_attributes == {"k": "ad-77"}


def test_a_dropped_answer_without_a_body_is_lost_whole(demo_server):
    """A fork's destroy answers 204, whose headers are the whole answer: a connection
    dropped after the work loses them too, as a connection dropped sooner would."""
    with impatient(demo_server, demo_server.accounts.fork) as fork:
        conversation = fork.conversations().conversations[0].id
        in_an_hour = datetime.now(UTC) + timedelta(hours=1)
        made = fork.create_scheduled_message(conversation, "tchau", in_an_hour)
        demo_server.faults.update({"drop_rate": 1.0, "methods": ["DELETE"]})
        with pytest.raises(MaybeDeliveredError):
            fork.delete_scheduled_message(conversation, made.id)
        demo_server.faults.update({"drop_rate": 0.0})
        assert made.id not in [kept.id for kept in fork.scheduled_messages(conversation)]


def test_latency_beyond_the_clients_patience_is_maybe_delivered(demo_server, client):
    demo_server.faults.update({"latency": 1.5, "methods": ["POST"]})
    with pytest.raises(MaybeDeliveredError):
        client.create_message(first_open(client), "devagar")


def test_a_trickled_answer_keeps_every_read_busy_and_is_counted(demo_server):
    """Headers at once, then a byte now and then: a per-read timeout longer than the
    pause never fires, so only an overall deadline would end the wait."""
    demo_server.faults.update({"trickle_rate": 1.0, "trickle_bytes_per_second": 20})
    assert demo_server.faults.active
    headers = {"Api-Access-Token": demo_server.token}
    url = f"{demo_server.url}/api/v1/profile"
    with httpx.stream("GET", url, headers=headers, timeout=2.0) as answer:
        assert answer.status_code == 200  # the headers came at once
        chunks = []
        for chunk in answer.iter_raw():
            chunks.append(chunk)
            if len(chunks) == 5:
                break
    assert [len(chunk) for chunk in chunks] == [1] * 5  # a byte a read, never more
    demo_server.faults.update({"trickle_bytes_per_second": 1})
    with pytest.raises(httpx.ReadTimeout):  # slower than the read timeout: it gives up
        httpx.get(url, headers=headers, timeout=httpx.Timeout(0.3, connect=2.0))
    assert demo_server.faults.injected["trickled"] == 2
    demo_server.faults.update({"trickle_rate": 0.0})
    assert httpx.get(url, headers=headers, timeout=2.0).json()["id"]  # whole again


def test_a_trickled_answer_is_the_whole_answer_in_the_end(demo_server):
    """The work is done and the answer, slow as it is, arrives whole."""
    headers = {"Api-Access-Token": demo_server.token}
    url = f"{demo_server.url}/api/v1/profile"
    whole = httpx.get(url, headers=headers).content
    demo_server.faults.update({"trickle_rate": 1.0, "trickle_bytes_per_second": 5000})
    assert httpx.get(url, headers=headers, timeout=5.0).content == whole


def test_faults_can_be_set_over_http_and_spare_monitoring(demo_server, client):
    headers = {"Api-Access-Token": demo_server.token}
    set_ = httpx.put(f"{demo_server.url}/demo/faults", json={"error_rate": 1.0}, headers=headers)
    assert set_.json()["error_rate"] == 1.0
    with pytest.raises(ServerError):
        client.profile()
    assert httpx.get(f"{demo_server.url}/health/scheduled_messages").status_code == 200
    read = httpx.get(f"{demo_server.url}/demo/faults", headers=headers).json()
    assert sum(read["injected"].values()) == 1
    again = httpx.put(f"{demo_server.url}/demo/faults", json={"injected": {}}, headers=headers)
    assert again.json()["injected"] == {}
    bad = httpx.put(f"{demo_server.url}/demo/faults", json={"gremlins": 1}, headers=headers)
    assert bad.status_code == 422 and "gremlins" in bad.json()["error"]
    assert (
        httpx.put(
            f"{demo_server.url}/demo/faults",
            json={"error_rate": 0},
            headers={"Api-Access-Token": "wrong"},
        ).status_code
        == 401
    )


def test_replies_get_delivered(demo_server, demo_clock, client):
    web = next(i.id for i in client.inboxes() if i.channel_type == "Channel::WebWidget")
    conversation = client.conversations(inbox_id=web).conversations[0].id
    sent = client.create_message(conversation, "Oi!")
    assert sent.status == "sent"
    demo_clock.advance(timedelta(seconds=2))
    assert (
        demo_server.call(simulation.progress_deliveries, demo_server.state, timedelta(seconds=1))
        >= 1
    )
    assert client.messages(conversation)[-1].status == "delivered"


def test_whatsapp_fails_outside_its_24_hour_window(demo_server, demo_clock, client):
    whatsapp = next(i.id for i in client.inboxes() if i.channel_type == "Channel::Whatsapp")
    conversation = client.conversations(inbox_id=whatsapp).conversations[0].id
    demo_clock.advance(timedelta(hours=30))  # the customer's last word is now too old
    client.create_message(conversation, "Ainda precisa de ajuda?")
    demo_clock.advance(timedelta(seconds=2))
    demo_server.call(simulation.progress_deliveries, demo_server.state, timedelta(seconds=1))
    last = client.messages(conversation)[-1]
    assert last.status == "failed"
    assert "24 hours" in last.content_attributes["external_error"]


def test_a_customer_reply_reopens_a_resolved_conversation(demo_server, client):
    conversation = first_open(client)
    client.toggle_status(conversation, "resolved")
    unread = client.conversation(conversation).unread_count
    caller = Caller(0, demo_server.accounts.upstream)
    message_id = demo_server.call(
        simulation.customer_says, demo_server.state, caller, conversation, "Voltei!"
    )
    again = client.conversation(conversation)
    assert again.status is ConversationStatus.OPEN and again.unread_count == unread + 1
    last = client.messages(conversation)[-1]
    assert (last.id, last.is_incoming, last.sender.type) == (message_id, True, "contact")
