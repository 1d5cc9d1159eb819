"""`schedule` refuses a reply longer than the conversation's channel takes, naming the
channel, as the window does: checked now, not at its time."""

from __future__ import annotations

from agent_desktop.chatwoot.client import ChatwootClient


def conversation_on(demo_server, channel_type: str) -> int:
    account = demo_server.accounts.upstream
    with ChatwootClient(demo_server.url, demo_server.token, account_id=account) as api:
        return next(
            c.id for c in api.conversations(status="all").conversations if c.channel == channel_type
        )


def test_schedule_refuses_more_than_whatsapp_takes(cli, demo_server):
    whatsapp = conversation_on(demo_server, "Channel::Whatsapp")
    long_text = "Olá! " * 820  # 4,100 characters
    refused = cli("schedule", str(whatsapp), "--text", long_text, "--at", "+2h")
    assert refused.code == 2
    assert "WhatsApp takes at most 4,096 characters; the message has 4,100" in refused.err
    assert "No scheduled messages." in cli("scheduled").out  # nothing was kept
    website = conversation_on(demo_server, "Channel::WebWidget")
    assert cli("schedule", str(website), "--text", long_text, "--at", "+2h").code == 0


def test_edit_refuses_more_than_the_channel_takes_and_keeps_the_text(cli, demo_server):
    whatsapp = conversation_on(demo_server, "Channel::Whatsapp")
    assert cli("schedule", str(whatsapp), "--text", "Curto", "--at", "+2h").code == 0
    refused = cli("edit", "1", "--text", "Olá! " * 820)
    assert refused.code == 2
    assert "WhatsApp takes at most 4,096 characters; the message has 4,100" in refused.err
    assert "Curto" in cli("scheduled").out
