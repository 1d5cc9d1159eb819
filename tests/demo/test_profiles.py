"""The demo server as the servers agents run: each profile answers as that Chatwoot
version or fork does, awkward parts included, and every profile keeps real Chatwoot's
list shapes, policy refusals and throttling."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import timedelta

import httpx
import pytest

from agent_desktop.chatwoot.client import ChatwootClient
from agent_desktop.chatwoot.errors import AccessDeniedError, AuthError, RateLimitedError
from agent_desktop.chatwoot.records import MessageType
from agent_desktop.core.clock import FakeClock
from agent_desktop.demo.profiles import PROFILES, profile_named
from agent_desktop.demo.server import DemoConfig, DemoServer


@contextmanager
def serving(name: str, clock: FakeClock, **switches: object) -> Iterator[DemoServer]:
    config = DemoConfig(
        dispatch_interval=3600,
        customer_interval=0,
        conversations=20,
        clock=clock,
        profile=profile_named(name, **switches),  # type: ignore[arg-type]
    )
    with DemoServer(config) as server:
        yield server


def api(server: DemoServer, design: str = "upstream", **headers: str) -> httpx.Client:
    account = getattr(server.accounts, design)
    return httpx.Client(
        base_url=f"{server.url}/api/v1/accounts/{account}",
        headers=headers or {"Api-Access-Token": server.token},
    )


def test_every_profile_says_its_version_without_a_token(demo_clock):
    for name, profile in PROFILES.items():
        with serving(name, demo_clock) as server:
            body = httpx.get(f"{server.url}/api").json()
            assert set(body) == {"version", "timestamp", "queue_services", "data_services"}
            assert body["version"] == profile.version


def test_behind_nginx_only_the_hyphenated_header_arrives(demo_clock):
    with serving("upstream", demo_clock, behind_nginx=True) as server:
        with api(server, api_access_token=server.token) as underscored:
            refused = underscored.get("/conversations")
        assert refused.status_code == 401
        assert refused.json() == {"errors": ["You need to sign in or sign up before continuing."]}
        with api(server) as hyphenated:
            assert hyphenated.get("/conversations").status_code == 200
        # and never from the query string, which Rails does not read
        query = httpx.get(f"{server.url}/api/v1/profile", params={"api_access_token": server.token})
        assert query.status_code == 401
        with ChatwootClient(server.url, server.token) as client:
            assert client.profile().name  # the app's client gets through


def test_chatwoot_4_3_drops_content_attributes_it_does_not_know(demo_clock):
    with serving("chatwoot-4.3", demo_clock) as server, api(server) as http:
        created = http.post(
            "/conversations/1/messages",
            json={
                "content": "Olá",
                "content_attributes": {"agent_desktop_key": "ad-1", "in_reply_to": 5},
            },
        ).json()
        assert created["content_attributes"] == {"in_reply_to": 5}
    with serving("upstream", demo_clock) as server, api(server) as http:
        created = http.post(
            "/conversations/1/messages",
            json={"content": "Olá", "content_attributes": {"agent_desktop_key": "ad-1"}},
        ).json()
        assert created["content_attributes"] == {"agent_desktop_key": "ad-1"}


@pytest.mark.parametrize(("name", "holds"), [("fork-before-322", False), ("upstream", True)])
def test_hold_on_reply_is_never_shown_and_only_the_fork_after_pr_322_holds(demo_clock, name, holds):
    """The fork's jbuilder has no hold_on_reply, before its PR #322 or after: only a held
    row tells that the server holds."""
    later = int((demo_clock.now() + timedelta(hours=1)).timestamp())
    fields = {"content": "Oi", "status": "pending", "scheduled_at": later, "hold_on_reply": True}
    with serving(name, demo_clock) as server, api(server, "fork") as http:
        created = http.post("/conversations/1/scheduled_messages", json=fields).json()
        changed = http.patch(
            f"/conversations/1/scheduled_messages/{created['id']}", json={"content": "Olá"}
        ).json()
        writes = f"{server.url}/demo/accounts/{server.accounts.fork}/conversations/1"
        httpx.post(
            f"{writes}/customer_messages",
            json={"content": "Respondi!"},
            headers={"Api-Access-Token": server.token},
        ).raise_for_status()
        (row,) = http.get("/conversations/1/scheduled_messages").json()["payload"]
        assert row["status"] == ("held" if holds else "pending")  # before: it never knew
        assert not any("hold_on_reply" in shown for shown in (created, changed, row))
        assert "attachment" not in row  # rendered only when there is one


def test_the_forks_delete_answers_nothing_and_drafts_have_no_time(demo_clock):
    later = int((demo_clock.now() + timedelta(hours=1)).timestamp())
    with serving("upstream", demo_clock) as server, api(server, "fork") as http:
        base = "/conversations/1/scheduled_messages"
        draft = http.post(base, json={"content": "Rascunho", "scheduled_at": None}).json()
        assert (draft["status"], draft["scheduled_at"]) == ("draft", None)
        pending = http.post(
            base, json={"content": "Já", "status": "pending", "scheduled_at": later}
        ).json()
        deleted = http.delete(f"{base}/{pending['id']}")
        assert (deleted.status_code, deleted.content) == (204, b"")
        with ChatwootClient(server.url, server.token, account_id=server.accounts.fork) as c:
            (listed,) = c.scheduled_messages(1)
            assert listed.scheduled_at is None and listed.status.value == "draft"


def test_another_fork_lists_bare_and_answers_409_for_a_row_that_moved_on(demo_clock):
    later = demo_clock.now() + timedelta(minutes=10)
    with serving("other-fork", demo_clock) as server, api(server, "fork") as http:
        base = "/conversations/1/scheduled_messages"
        row = http.post(
            base,
            json={"content": "Oi", "status": "pending", "scheduled_at": int(later.timestamp())},
        ).json()
        assert isinstance(http.get(base).json(), list)
        demo_clock.advance(timedelta(minutes=10))
        server.dispatch_now()
        conflict = http.patch(f"{base}/{row['id']}", json={"content": "tarde"})
        assert conflict.status_code == 409
        assert conflict.json()["status"] == "sent"
        with ChatwootClient(server.url, server.token, account_id=server.accounts.fork) as c:
            assert [r.id for r in c.scheduled_messages(1)] == [row["id"]]


def test_an_agent_removed_from_an_inbox_is_refused_its_conversations_with_401(demo_clock):
    with serving("upstream", demo_clock) as server, api(server) as http:
        conversation = http.get("/conversations/1").json()
        inbox = conversation["inbox_id"]
        listed = http.get("/conversations", params={"status": "all"}).json()["data"]
        before = {c["id"] for c in listed["payload"]}
        remove = f"{server.url}/demo/accounts/{server.accounts.upstream}/inboxes/{inbox}/agents/1"
        assert httpx.delete(remove, headers={"Api-Access-Token": server.token}).status_code == 204
        refused = http.get("/conversations/1")
        assert refused.status_code == 401
        assert refused.json() == {"error": "You are not authorized to do this action"}
        after = http.get("/conversations", params={"status": "all"}).json()["data"]["payload"]
        assert 1 in before and 1 not in {c["id"] for c in after}
        with ChatwootClient(server.url, server.token, account_id=server.accounts.upstream) as c:
            with pytest.raises(AccessDeniedError, match="not authorized to do this action"):
                c.messages(1)
            assert c.profile().name  # the token itself is fine
        with (
            ChatwootClient(server.url, "revoked", account_id=server.accounts.upstream) as gone,
            pytest.raises(AuthError),
        ):
            gone.messages(1)


def test_status_changes_leave_activity_messages_and_previews_skip_them(demo_clock):
    with serving("upstream", demo_clock) as server, api(server) as http:
        http.post("/conversations/1/toggle_status", json={"status": "resolved"})
        body = http.get("/conversations", params={"status": "resolved"}).json()
        raw = next(c for c in body["data"]["payload"] if c["id"] == 1)
        assert raw["messages"][-1]["message_type"] == 2
        assert raw["messages"][-1]["content"] == "Conversation was marked resolved by Ana Souza"
        assert "sender" not in raw["messages"][-1] or raw["messages"][-1]["sender"] is None
        assert raw["last_non_activity_message"]["message_type"] != 2
        with ChatwootClient(server.url, server.token, account_id=server.accounts.upstream) as c:
            preview = next(
                x for x in c.conversations(status="resolved").conversations if x.id == 1
            ).last_message
            assert preview is not None and preview.message_type is not MessageType.ACTIVITY
            assert c.messages(1)[-1].content == "Conversation was marked resolved by Ana Souza"
        http.post("/conversations/1/assignments", json={"assignee_id": 1})
        http.post("/conversations/1/assignments", json={"assignee_id": None})
        texts = [m["content"] for m in http.get("/conversations/1/messages").json()["payload"]]
        assert texts[-1] == "Conversation unassigned by Ana Souza"


def test_contacts_are_searched_apart_as_rails_does(demo_clock):
    with serving("upstream", demo_clock) as server, api(server) as http:
        contact = http.get("/conversations/1").json()["meta"]["sender"]
        found = http.get("/contacts/search", params={"q": contact["name"].split()[0]}).json()
        assert set(found["meta"]) == {"count", "current_page", "has_more"}
        assert found["meta"]["count"] == len(found["payload"]) <= 15
        assert contact["id"] in [c["id"] for c in found["payload"]]
        assert http.get("/contacts/search").status_code == 422
        # the identifier by LIKE: its case counts, where name, e-mail and phone's do not
        by_identifier = http.get("/contacts/search", params={"q": "CRM-100"}).json()["payload"]
        assert by_identifier and all(c["identifier"].startswith("CRM-100") for c in by_identifier)
        assert http.get("/contacts/search", params={"q": "crm-100"}).json()["payload"] == []
        shouted = http.get("/contacts/search", params={"q": contact["name"].upper()}).json()
        assert contact["id"] in [c["id"] for c in shouted["payload"]]
        # the text is a pattern, unescaped: "_" stands for any one character
        pattern = http.get("/contacts/search", params={"q": "CRM_1000"}).json()["payload"]
        assert [c["identifier"] for c in pattern] == ["CRM-1000"]
        theirs = http.get(f"/contacts/{contact['id']}/conversations").json()["payload"]
        assert 1 in [c["id"] for c in theirs]


def test_throttling_is_plain_text_without_retry_after(demo_clock):
    with serving("upstream", demo_clock) as server, api(server) as http:
        server.faults.update({"rate_limit_rate": 1.0})
        throttled = http.get("/conversations")
        assert throttled.status_code == 429 and throttled.text == "Retry later\n"
        assert throttled.headers["content-type"].startswith("text/plain")
        assert "retry-after" not in throttled.headers
        with ChatwootClient(server.url, server.token, account_id=server.accounts.upstream) as c:
            with pytest.raises(RateLimitedError) as caught:
                c.conversations()
            assert caught.value.retry_after is None


def test_the_page_size_is_the_installs(demo_clock):
    with (
        serving("upstream", demo_clock, page_size=7) as server,
        ChatwootClient(server.url, server.token, account_id=server.accounts.upstream) as c,
    ):
        first = c.conversations(status="all")
        assert len(first.conversations) == 7 and first.size == 7 and first.may_have_more
        pages = [first]
        while pages[-1].may_have_more:
            pages.append(c.conversations(status="all", page=len(pages) + 1, page_size=first.size))
        ids = [x.id for page in pages for x in page.conversations]
        assert len(ids) == len(set(ids)) == first.counts.all == 20


def test_update_last_seen_answers_the_conversation(demo_clock):
    with serving("upstream", demo_clock) as server, api(server) as http:
        seen = http.post("/conversations/1/update_last_seen")
        assert seen.status_code == 200 and seen.json()["id"] == 1
