"""The API client against the demo server over loopback: the calls an agent's app makes."""

from __future__ import annotations

from datetime import timedelta

import httpx
import pytest

from agent_desktop.chatwoot.client import ChatwootClient, Upload
from agent_desktop.chatwoot.errors import (
    AccessDeniedError,
    AuthError,
    NotFoundError,
    ValidationError,
)
from agent_desktop.chatwoot.records import Conversation, ConversationStatus, MessageType


@pytest.fixture
def client(demo_server):
    with ChatwootClient(
        demo_server.url, demo_server.token, account_id=demo_server.accounts.upstream
    ) as c:
        yield c


def test_profile_lists_the_three_demo_accounts(client):
    profile = client.profile()
    assert profile.display_name == "Ana"
    assert len(profile.accounts) == 3


def test_only_the_seed_account_has_the_scheduling_flag(client, demo_server):
    assert "scheduled_messages" not in client.account().features
    client.account_id = demo_server.accounts.seed
    assert "scheduled_messages" in client.account().features


def test_conversations_page_25_at_a_time_with_counts(client):
    first = client.conversations(status="all")
    second = client.conversations(status="all", page=2, page_size=first.size)
    assert len(first.conversations) == 25 and first.may_have_more
    assert len(second.conversations) == 11 and not second.may_have_more
    assert first.counts.all == 36
    ids = [c.id for c in first.conversations + second.conversations]
    assert len(set(ids)) == 36
    times = [c.last_activity_at for c in first.conversations]
    assert times == sorted(times, reverse=True)


def test_filters_by_status_assignee_inbox_and_search(client):
    everything = client.conversations(status="all").counts
    mine = client.conversations(status="all", assignee_type="me")
    unassigned = client.conversations(status="all", assignee_type="unassigned")
    assert len(mine.conversations) == everything.mine
    assert all(c.assignee is None for c in unassigned.conversations)
    assert len(unassigned.conversations) == everything.unassigned
    snoozed = client.conversations(status="snoozed")
    assert snoozed.conversations and all(
        c.status is ConversationStatus.SNOOZED for c in snoozed.conversations
    )
    inbox = client.inboxes()[0]
    in_inbox = client.conversations(status="all", inbox_id=inbox.id)
    assert in_inbox.conversations and all(c.inbox_id == inbox.id for c in in_inbox.conversations)
    someone = client.conversation(in_inbox.conversations[0].id)
    assert someone.contact is not None and someone.last_message is not None
    # Rails' q searches message text only, in every status: not the contact's name
    assert client.conversations(q=someone.contact.name).conversations == ()
    resolved = next(
        c for c in client.conversations(status="resolved").conversations if c.last_message
    )
    assert resolved.last_message is not None
    said = resolved.last_message.content
    found = client.conversations(status="open", q=said).conversations  # status is skipped
    assert resolved.id in [c.id for c in found]
    assert client.conversation_counts(status="all").all == everything.all


def test_marking_a_conversation_seen_clears_its_unread_count(client):
    unread = next(c for c in client.conversations(status="all").conversations if c.unread_count)
    client.mark_seen(unread.id)
    assert client.conversation(unread.id).unread_count == 0


def test_a_conversation_is_assigned_and_unassigned(client):
    me = client.profile().id
    target = client.conversations(status="all", assignee_type="unassigned").conversations[0]
    client.assign(target.id, me)
    assignee = client.conversation(target.id).assignee
    assert assignee is not None and assignee.id == me
    client.assign(target.id, None)
    assert client.conversation(target.id).assignee is None
    client.assign(target.id, me)
    client.assign(target.id, 999_999)  # no agent of the account: Rails unassigns, no error
    assert client.conversation(target.id).assignee is None


def test_conversations_narrow_by_label(client):
    every = client.conversations(status="all").conversations
    label = next(c for c in every if c.labels).labels[0]
    narrowed = client.conversations(status="all", labels=(label,)).conversations
    assert narrowed and all(label in c.labels for c in narrowed)
    assert {c.id for c in narrowed} >= {c.id for c in every if label in c.labels}  # page 1
    assert label in client.labels()


def every_conversation(client: ChatwootClient, labels: tuple[str, ...] = ()) -> list[Conversation]:
    pages = [client.conversations(status="all", labels=labels)]
    while pages[-1].may_have_more:
        pages.append(client.conversations(status="all", labels=labels, page=len(pages) + 1))
    return [c for page in pages for c in page.conversations]


def test_several_labels_keep_the_conversations_with_any_of_them(client):
    """ConversationFinder: tagged_with(labels, any: true)."""
    every = every_conversation(client)
    one = next(c for c in every if c.labels).labels[0]
    other = next(label for c in every for label in c.labels if label != one and one not in c.labels)
    narrowed = every_conversation(client, (one, other))
    assert {c.id for c in narrowed} == {c.id for c in every if one in c.labels or other in c.labels}
    assert any(one not in c.labels for c in narrowed)  # not all of them


def test_a_snoozed_conversation_says_until_when_as_rails_renders_it(
    client, demo_server, demo_clock
):
    conversation_id = client.conversations().conversations[0].id
    until = demo_clock.now().replace(microsecond=0) + timedelta(hours=3)
    client.toggle_status(conversation_id, "snoozed", snoozed_until=until)
    listed = next(c for c in every_conversation(client) if c.id == conversation_id)
    assert listed.status is ConversationStatus.SNOOZED and listed.snoozed_until == until
    raw = httpx.get(
        f"{demo_server.url}/api/v1/accounts/{demo_server.accounts.upstream}/conversations",
        params={"status": "snoozed"},
        headers={"Api-Access-Token": demo_server.token},
    ).json()["data"]["payload"]
    shown = next(c["snoozed_until"] for c in raw if c["id"] == conversation_id)
    assert shown == until.strftime("%Y-%m-%dT%H:%M:%S.000Z")  # the time itself, not seconds


def test_messages_page_by_id_oldest_first(client):
    conversation_id = client.conversations().conversations[0].id
    for n in range(25):
        client.create_message(conversation_id, f"mensagem {n}")
    latest = client.messages(conversation_id)
    assert len(latest) == 20 and [m.content for m in latest[-2:]] == ["mensagem 23", "mensagem 24"]
    older = client.messages(conversation_id, before=latest[0].id)
    assert older and older[-1].id < latest[0].id
    assert [m.id for m in older] == sorted(m.id for m in older)
    newer = client.messages(conversation_id, after=latest[-3].id)
    assert [m.content for m in newer] == ["mensagem 23", "mensagem 24"]


def test_a_tagged_reply_keeps_its_tag_and_echoes_its_echo_id(client):
    conversation_id = client.conversations().conversations[0].id
    sent = client.create_message(
        conversation_id,
        "Seu pedido saiu",
        content_attributes={"agent_desktop_key": "ad-42"},
        echo_id="ad-42",
    )
    assert sent.echo_id == "ad-42" and sent.message_type is MessageType.OUTGOING
    listed = client.messages(conversation_id)[-1]
    assert listed.id == sent.id
    assert listed.content_attributes == {"agent_desktop_key": "ad-42"}
    assert listed.echo_id is None  # not stored, exactly as on a real server


def test_attachments_are_stored_and_served(client, tmp_path):
    conversation_id = client.conversations().conversations[0].id
    sent = client.create_message(
        conversation_id,
        "Segue",
        content_attributes={"k": "v"},
        attachments=[Upload("nota.pdf", b"%PDF-1.4", "application/pdf")],
    )
    assert sent.content_attributes == {"k": "v"}
    (attachment,) = sent.attachments
    assert attachment.filename == "nota.pdf" and attachment.file_type == "file"
    assert httpx.get(attachment.data_url, follow_redirects=True).content == b"%PDF-1.4"


def test_message_validation_failures_are_422_with_the_servers_reason(client):
    conversation_id = client.conversations().conversations[0].id
    with pytest.raises(ValidationError, match="maximum is 150000 characters"):
        client.create_message(conversation_id, "x" * 150_001)
    with pytest.raises(ValidationError, match="can't be blank"):
        client.create_message(conversation_id, "   ")
    client.create_message(conversation_id, "x" * 150_000)


def test_more_than_200_messages_a_minute_in_one_conversation_is_refused(client):
    conversation_id = client.conversations().conversations[0].id
    for n in range(200):
        client.create_message(conversation_id, f"{n}")
    with pytest.raises(ValidationError, match="Too many messages"):
        client.create_message(conversation_id, "one too many")


def test_delete_is_a_soft_delete(client):
    conversation_id = client.conversations().conversations[0].id
    sent = client.create_message(conversation_id, "oops")
    deleted = client.delete_message(conversation_id, sent.id)
    assert deleted.is_deleted and deleted.content == "This message was deleted"
    assert client.messages(conversation_id)[-1].is_deleted


def test_resolve_reopen_and_snooze(client, demo_clock):
    conversation_id = client.conversations().conversations[0].id
    assert client.toggle_status(conversation_id, "resolved").status is ConversationStatus.RESOLVED
    assert client.conversation(conversation_id).status is ConversationStatus.RESOLVED
    assert client.toggle_status(conversation_id, "open").status is ConversationStatus.OPEN
    until = demo_clock.now().replace(microsecond=0) + timedelta(hours=3)
    snoozed = client.toggle_status(conversation_id, "snoozed", snoozed_until=until)
    assert snoozed.status is ConversationStatus.SNOOZED and snoozed.snoozed_until == until


def test_inboxes_have_channels_and_time_zones(client):
    inboxes = client.inboxes()
    assert {i.channel_type for i in inboxes} == {
        "Channel::Whatsapp",
        "Channel::Email",
        "Channel::WebWidget",
    }
    assert "America/Sao_Paulo" in {i.timezone for i in inboxes}


def test_a_wrong_token_and_a_foreign_account_are_401(demo_server):
    with (
        ChatwootClient(demo_server.url, "wrong", account_id=demo_server.accounts.upstream) as x,
        pytest.raises(AuthError, match="Invalid Access Token"),
    ):
        x.conversations()
    # the token itself is fine there: only that account is refused, not the sign-in
    with (
        ChatwootClient(demo_server.url, demo_server.token, account_id=999) as lost,
        pytest.raises(AccessDeniedError, match="not authorized to access this account"),
    ):
        lost.conversations()


def test_an_unknown_conversation_is_404(client):
    with pytest.raises(NotFoundError):
        client.conversation(100_000)
