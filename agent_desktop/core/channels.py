"""How long a reply each kind of inbox takes, as Chatwoot's own reply box counts it.

From Chatwoot's frontend: `MESSAGE_MAX_LENGTH` in app/javascript/shared/constants/
messages.js, and the reply box's `maxLength`, which picks one by the inbox's
`channel_type` (and, for Twilio and Facebook inboxes, their `medium`). The limits are
the channels' own: Meta refuses a WhatsApp text over 4,096 characters, Twilio a
WhatsApp body over 1,600, and so on. Where Chatwoot's reply box uses its general
10,000, nothing outside Chatwoot refuses a longer text, so the server's own limit
(150,000, `rules.MAX_CONTENT_CHARS`) stands instead; private notes never leave Chatwoot."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class ChannelLimit:
    name: str  # the channel as agents call it: "WhatsApp", "SMS", …
    chars: int


FACEBOOK = ChannelLimit("Facebook", 2_000)
INSTAGRAM = ChannelLimit("Instagram", 1_000)
SMS = ChannelLimit("SMS", 320)
TWILIO = ChannelLimit("Twilio", 1_600)  # its medium unknown: the larger of its two
TWILIO_WHATSAPP = ChannelLimit("WhatsApp (Twilio)", 1_600)
WHATSAPP = ChannelLimit("WhatsApp", 4_096)
TELEGRAM = ChannelLimit("Telegram", 4_096)
LINE = ChannelLimit("LINE", 2_000)
EMAIL = ChannelLimit("e-mail", 25_000)

_BY_TYPE = {
    "Channel::Instagram": INSTAGRAM,
    "Channel::Whatsapp": WHATSAPP,
    "Channel::Sms": SMS,  # Bandwidth: the reply box counts it as Twilio's SMS
    "Channel::Email": EMAIL,
    "Channel::Telegram": TELEGRAM,
    "Channel::Line": LINE,
}


def reply_limit(channel_type: str, medium: str | None = None) -> ChannelLimit | None:
    """The channel's limit on a reply's text, or None where only the server's applies."""
    if channel_type == "Channel::FacebookPage":
        return INSTAGRAM if medium == "instagram_direct_message" else FACEBOOK
    if channel_type == "Channel::TwilioSms":
        return {"whatsapp": TWILIO_WHATSAPP, "sms": SMS}.get(medium or "", TWILIO)
    return _BY_TYPE.get(channel_type)
