"""The live channel against the demo server's /cable, over a real socket: events as they
happen, a dead or dropped socket noticed and reopened, a refusal told, and no live
channel at all (a proxy that blocks websockets) reported so the caller polls."""

from __future__ import annotations

import queue
import random
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field

import httpx
import pytest

from agent_desktop.chatwoot.cable import (
    Backoff,
    CableConfig,
    CableEvent,
    LiveChannel,
    cable_url,
    identifier,
)
from agent_desktop.chatwoot.client import ChatwootClient
from agent_desktop.chatwoot.link_state import LinkState
from agent_desktop.demo.server import DemoConfig, DemoServer

QUICK = CableConfig(
    stale_after=1.5,
    confirm_within=1.0,
    presence_every=0.5,
    backoff=Backoff(base=0.05, cap=0.2, rng=random.Random(3)),
    refused_wait=0.3,
    open_timeout=3.0,
)


@dataclass
class Heard:
    events: queue.Queue[CableEvent] = field(default_factory=queue.Queue)
    states: list[tuple[LinkState, str]] = field(default_factory=list)
    lives: list[bool] = field(default_factory=list)
    live_now: threading.Event = field(default_factory=threading.Event)

    def on_state(self, state: LinkState, detail: str) -> None:
        self.states.append((state, detail))
        if state is not LinkState.LIVE:
            self.live_now.clear()

    def on_live(self, reconnected: bool) -> None:
        self.lives.append(reconnected)
        self.live_now.set()

    def next(self, name: str, timeout: float = 5.0) -> CableEvent:
        deadline = time.monotonic() + timeout
        while (left := deadline - time.monotonic()) > 0:
            try:
                heard = self.events.get(timeout=left)
            except queue.Empty:
                break
            if heard.name == name:
                return heard
        raise AssertionError(f"no {name} within {timeout} s")


def channel(server: DemoServer, heard: Heard, **overrides: object) -> LiveChannel:
    with ChatwootClient(server.url, server.token) as api:
        me = api.profile()
    options = {
        "pubsub_token": me.pubsub_token,
        "account_id": server.accounts.upstream,
        "user_id": me.id,
    }
    options.update(overrides)
    return LiveChannel(
        server.url,
        on_event=heard.events.put,
        on_state=heard.on_state,
        on_live=heard.on_live,
        config=QUICK,
        **options,  # type: ignore[arg-type]
    )


@pytest.fixture
def live(demo_server: DemoServer) -> Iterator[tuple[LiveChannel, Heard]]:
    heard = Heard()
    made = channel(demo_server, heard)
    made.start()
    assert heard.live_now.wait(5), heard.states
    yield made, heard
    made.stop()


def customer_writes(server: DemoServer, conversation: int, text: str) -> int:
    response = httpx.post(
        f"{server.url}/demo/accounts/{server.accounts.upstream}/conversations/"
        f"{conversation}/customer_messages",
        json={"content": text},
        headers={"Api-Access-Token": server.token},
    )
    response.raise_for_status()
    return int(response.json()["id"])


def switch(server: DemoServer, **fields: object) -> None:
    response = httpx.put(
        f"{server.url}/demo/cable", json=fields, headers={"Api-Access-Token": server.token}
    )
    response.raise_for_status()


def first_conversation(server: DemoServer) -> int:
    with ChatwootClient(server.url, server.token, account_id=server.accounts.upstream) as api:
        return api.conversations().conversations[0].id


def test_the_address_and_identifier_are_the_dashboard_s():
    assert cable_url("https://chat.example.com") == "wss://chat.example.com/cable"
    assert cable_url("http://127.0.0.1:3000/") == "ws://127.0.0.1:3000/cable"
    assert cable_url("https://example.com/support") == "wss://example.com/support/cable"
    assert identifier("tok", 2, 7) == (
        '{"channel":"RoomChannel","pubsub_token":"tok","account_id":2,"user_id":7}'
    )


def test_a_customer_s_message_arrives_at_once_with_its_conversation(live, demo_server):
    _channel, heard = live
    conversation = first_conversation(demo_server)
    message_id = customer_writes(demo_server, conversation, "Chegou ao vivo?")
    event = heard.next("message.created")
    assert event.data["id"] == message_id
    assert event.data["content"] == "Chegou ao vivo?"
    assert event.data["message_type"] == 0  # incoming
    assert event.conversation_id == conversation
    assert event.data["account_id"] == demo_server.accounts.upstream
    assert event.data["conversation"]["unread_count"] >= 1


def test_status_assignment_and_reading_come_as_chatwoot_names_them(live, demo_server):
    _channel, heard = live
    conversation = first_conversation(demo_server)
    with ChatwootClient(
        demo_server.url, demo_server.token, account_id=demo_server.accounts.upstream
    ) as api:
        api.toggle_status(conversation, "pending")
        changed = heard.next("conversation.status_changed")
        assert (changed.conversation_id, changed.data["status"]) == (conversation, "pending")
        api.assign(conversation, None)
        assert heard.next("assignee.changed").data["meta"]["assignee"] is None
        api.assign(conversation, api.profile().id)
        assigned = heard.next("assignee.changed")
        assert assigned.data["meta"]["assignee"]["id"] == api.profile().id
        customer_writes(demo_server, conversation, "Olá")
        heard.next("message.created")
        api.mark_seen(conversation)
        read = heard.next("conversation.read")
        assert read.data["unread_count"] == 0
    # the dashboard drops an event that goes back in time: updated_at never does
    assert assigned.data["updated_at"] >= changed.data["updated_at"]


def test_a_burst_of_events_arrives_whole_and_in_order(live, demo_server):
    _channel, heard = live
    conversation = first_conversation(demo_server)
    sent = [customer_writes(demo_server, conversation, f"rajada {n}") for n in range(60)]
    got = [heard.next("message.created").data["id"] for _ in sent]
    assert got == sent


def test_a_dropped_socket_is_reopened_and_said_to_be_a_reconnect(live, demo_server):
    _channel, heard = live
    assert heard.lives == [False]
    switch(demo_server, drop=True)
    deadline = time.monotonic() + 5
    while len(heard.lives) < 2 and time.monotonic() < deadline:
        time.sleep(0.02)
    assert heard.lives == [False, True]  # the caller catches up on what it missed
    assert any(state is LinkState.DOWN for state, _ in heard.states)
    customer_writes(demo_server, first_conversation(demo_server), "De volta")
    assert heard.next("message.created").data["content"] == "De volta"


def test_a_socket_that_goes_quiet_is_taken_for_dead_and_reopened(live, demo_server):
    _channel, heard = live
    switch(demo_server, silent=True)  # open, but no pings and no events: a frozen server
    deadline = time.monotonic() + 5
    while not any("no word" in detail for _, detail in heard.states):
        assert time.monotonic() < deadline, heard.states
        time.sleep(0.02)
    switch(demo_server, silent=False)
    assert heard.live_now.wait(5)
    assert heard.lives[-1] is True


def test_a_bad_pubsub_token_is_told_as_a_refusal_not_retried_at_once(demo_server):
    heard = Heard()
    made = channel(demo_server, heard, pubsub_token="not-mine")
    made.start()
    try:
        deadline = time.monotonic() + 5
        while not any("did not confirm" in detail for _, detail in heard.states):
            assert time.monotonic() < deadline, heard.states
            time.sleep(0.02)
        assert heard.lives == []
    finally:
        made.stop()


def test_no_live_channel_is_told_and_tried_again():
    server = DemoServer(DemoConfig(customer_interval=0, cable=False)).start()
    try:
        heard = Heard()
        made = channel(server, heard)
        made.start()
        deadline = time.monotonic() + 5
        while sum(state is LinkState.DOWN for state, _ in heard.states) < 2:
            assert time.monotonic() < deadline, heard.states
            time.sleep(0.02)
        made.stop()
        downs = [detail for state, detail in heard.states if state is LinkState.DOWN]
        assert "/cable" in downs[0] or "refused" in downs[0] or "403" in downs[0], downs
        assert heard.lives == []
    finally:
        server.stop()


def test_events_of_another_account_are_not_this_window_s(live, demo_server):
    _channel, heard = live
    with ChatwootClient(
        demo_server.url, demo_server.token, account_id=demo_server.accounts.fork
    ) as api:
        other = api.conversations().conversations[0].id
    response = httpx.post(
        f"{demo_server.url}/demo/accounts/{demo_server.accounts.fork}/conversations/"
        f"{other}/customer_messages",
        json={"content": "outra conta"},
        headers={"Api-Access-Token": demo_server.token},
    )
    response.raise_for_status()
    mine = customer_writes(demo_server, first_conversation(demo_server), "desta conta")
    assert heard.next("message.created").data["id"] == mine


def test_typing_reaches_the_others_not_the_typer(live, demo_server):
    _channel, heard = live
    conversation = first_conversation(demo_server)
    account = demo_server.accounts.upstream
    httpx.post(  # the agent of this channel types: not told back to them
        f"{demo_server.url}/api/v1/accounts/{account}/conversations/{conversation}"
        "/toggle_typing_status",
        json={"typing_status": "on"},
        headers={"Api-Access-Token": demo_server.token},
    ).raise_for_status()
    response = httpx.post(
        f"{demo_server.url}/demo/accounts/{account}/conversations/{conversation}/customer_typing",
        json={"on": True},
        headers={"Api-Access-Token": demo_server.token},
    )
    response.raise_for_status()
    typed = heard.next("conversation.typing_on")
    assert typed.data["user"]["type"] == "contact"  # the first heard is the customer's
    assert typed.conversation_id == conversation
    assert typed.data["is_private"] is False


def test_a_server_restart_is_waited_out_and_the_channel_comes_back(tmp_path):
    config = DemoConfig(customer_interval=0, data=tmp_path / "demo")
    first = DemoServer(config).start()
    port = int(first.url.rsplit(":", 1)[1])
    heard = Heard()
    made = channel(first, heard)
    made.start()
    try:
        assert heard.live_now.wait(5), heard.states
        first.stop()  # every socket gone, nothing listening on the port
        deadline = time.monotonic() + 5
        while not any(state is LinkState.DOWN for state, _ in heard.states):
            assert time.monotonic() < deadline, heard.states
            time.sleep(0.02)
        second = DemoServer(DemoConfig(customer_interval=0, data=tmp_path / "demo", port=port))
        second.start()
        try:
            assert heard.live_now.wait(5), heard.states
            assert heard.lives == [False, True]  # told as a return: the caller catches up
            written = customer_writes(second, first_conversation(second), "Depois do reinício")
            assert heard.next("message.created").data["id"] == written
        finally:
            second.stop()
    finally:
        made.stop()
