"""Each channel's limit on a reply, as Chatwoot's reply box picks it."""

from __future__ import annotations

import pytest

from agent_desktop.core.channels import reply_limit


@pytest.mark.parametrize(
    ("channel_type", "medium", "name", "chars"),
    [
        ("Channel::Whatsapp", None, "WhatsApp", 4_096),
        ("Channel::TwilioSms", "whatsapp", "WhatsApp (Twilio)", 1_600),
        ("Channel::TwilioSms", "sms", "SMS", 320),
        ("Channel::TwilioSms", None, "Twilio", 1_600),  # the inbox's medium not known
        ("Channel::Sms", None, "SMS", 320),
        ("Channel::FacebookPage", None, "Facebook", 2_000),
        ("Channel::FacebookPage", "instagram_direct_message", "Instagram", 1_000),
        ("Channel::Instagram", None, "Instagram", 1_000),
        ("Channel::Telegram", None, "Telegram", 4_096),
        ("Channel::Line", None, "LINE", 2_000),
        ("Channel::Email", None, "e-mail", 25_000),
    ],
)
def test_a_channel_with_its_own_limit_names_it(channel_type, medium, name, chars):
    limit = reply_limit(channel_type, medium)
    assert limit is not None
    assert (limit.name, limit.chars) == (name, chars)


@pytest.mark.parametrize("channel_type", ["Channel::WebWidget", "Channel::Api", "Channel::Unknown"])
def test_a_channel_without_one_leaves_the_server_s(channel_type):
    assert reply_limit(channel_type) is None
