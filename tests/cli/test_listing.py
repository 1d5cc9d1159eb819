"""`scheduled` says why a message is where it is: the server kept it in a snoozed
conversation, or it was deleted on the server, not a bare "pending" or "cancelled"."""

from __future__ import annotations

import json

from agent_desktop.chatwoot.client import ChatwootClient


def test_the_list_says_why_a_server_message_is_stuck_or_gone(cli, demo_server):
    account = demo_server.accounts.fork
    with ChatwootClient(demo_server.url, demo_server.token, account_id=account) as api:
        first, second = (c.id for c in api.conversations().conversations[:2])
    made = [
        json.loads(
            cli(
                "schedule",
                str(conversation),
                "--text",
                text,
                "--at",
                "+2h",
                "--json",
                account=account,
            ).out
        )
        for conversation, text in ((first, "Apagada no servidor"), (second, "Ainda aqui"))
    ]
    gone = made[0]
    with ChatwootClient(demo_server.url, demo_server.token, account_id=account) as api:
        (kept,) = [m for m in api.scheduled_messages(first) if m.content == gone["text"]]
        api.delete_scheduled_message(first, kept.id)  # by someone in Chatwoot's own window
    listed = cli("scheduled", "--status", "all", account=account)
    assert listed.code == 0
    assert f"#{gone['id']}: deleted on the server" in listed.out
    assert f"#{made[1]['id']}:" not in listed.out  # nothing to explain about that one


def test_schedule_says_when_the_server_has_not_shown_it_holds(cli, demo_server):
    """The fork's versions differ on holding: until one of its messages was held there,
    the agent is told a reply may not hold it (as the window's checkbox says)."""
    account = demo_server.accounts.fork
    with ChatwootClient(demo_server.url, demo_server.token, account_id=account) as api:
        conversation = api.conversations().conversations[0].id
    made = cli("schedule", str(conversation), "--text", "Segura?", "--at", "+2h", account=account)
    assert made.code == 0
    assert "has not shown yet that it holds a message" in made.err
    plain = cli(
        "schedule",
        str(conversation),
        "--text",
        "Sem segurar",
        "--at",
        "+2h",
        "--no-hold-on-reply",
        account=account,
    )
    assert plain.code == 0 and "holds a message" not in plain.err
