"""What makes the seeded threads look like a real inbox's beyond their words: a
customer's photo, replies written with Chatwoot's formatting, the channel's delivery
status on the agent's messages, and now and then one WhatsApp refused, with its
reason as Chatwoot stores it (content_attributes.external_error)."""

from __future__ import annotations

import struct
import zlib
from functools import cache

from agent_desktop.demo.models import Attachment, Message
from agent_desktop.demo.state import INCOMING

# how the WhatsApp Cloud API's refusal reads in Chatwoot: "CODE: title"
WHATSAPP_UNDELIVERABLE = "131026: Message undeliverable"
FORMATTED = "\n\n**Prazo:** até *3 dias úteis*. Acompanhe em https://loja.example/pedidos"


@cache  # made once: every demo server seeds it several times
def picture(width: int = 320, height: int = 200) -> bytes:
    """A small PNG (a parcel on a shelf, roughly): no imaging library needed."""
    rows = bytearray()
    left, box = width // 3, width // 3
    for y in range(height):
        shade = 200 + 40 * y // height
        ground = bytes((shade, shade, min(255, shade + 15)))
        inside = height // 3 < y < 5 * height // 6
        tape = abs(y - 7 * height // 12) < 4
        middle = bytes((150, 100, 55) if tape else (196, 140, 82)) if inside else ground
        rows += b"\0" + ground * left + middle * box + ground * (width - left - box)

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(bytes(rows), 9))
        + chunk(b"IEND", b"")
    )


def dress(message: Message, index: int, turn: int, channel_type: str) -> None:
    """The seeded message of conversation `index`, turn `turn`, made less uniform."""
    if message.message_type == INCOMING:
        if turn == 0 and index % 7 == 5:
            message.attachments.append(
                Attachment(
                    account_id=message.account_id,
                    filename="foto-do-produto.png",
                    content_type="image/png",
                    data=picture(),
                )
            )
        return
    if index % 6 == 2 and turn == 1:
        message.content = (message.content or "") + FORMATTED
    if index % 6 == 0 and turn == 1 and channel_type == "Channel::Whatsapp":
        message.status = "failed"
        message.content_attributes = {"external_error": WHATSAPP_UNDELIVERABLE}
    elif index % 4 == 2:
        message.status = "delivered"
