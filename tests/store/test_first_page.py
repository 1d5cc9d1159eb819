"""The last session's first page: kept whole, read back equal, ignored when it is not
this profile's or cannot be read."""

from __future__ import annotations

import json
import os
from datetime import UTC, datetime, timedelta

from agent_desktop.chatwoot.list_records import ConversationCounts
from agent_desktop.chatwoot.records import (
    Attachment,
    Contact,
    Conversation,
    ConversationStatus,
    Inbox,
    Message,
    MessageType,
    Sender,
)
from agent_desktop.store.first_page import (
    FILENAME,
    FirstPage,
    load_first_page,
    save_first_page,
)

NOW = datetime(2026, 11, 25, 13, 5, 7, 123456, tzinfo=UTC)


def conversation(n: int) -> Conversation:
    message = Message(
        id=900 + n,
        content=f"Olá, meu pedido #{n} chegou quebrado 😕",
        conversation_id=n,
        inbox_id=2,
        message_type=MessageType.INCOMING,
        content_type="text",
        content_attributes={"in_reply_to": 7},
        created_at=NOW - timedelta(minutes=n),
        private=False,
        status="sent",
        source_id="wamid.1",
        sender=Sender(44, "Beatriz Lima", "contact"),
        attachments=(Attachment(5, "image", "https://x.example/rails/foto%201.jpg", 2048),),
        echo_id=None,
        scheduled_at=NOW + timedelta(hours=1),
    )
    return Conversation(
        id=n,
        account_id=1,
        inbox_id=2,
        status=ConversationStatus.SNOOZED if n % 2 else ConversationStatus.OPEN,
        unread_count=n,
        labels=("vip", "troca"),
        priority="high" if n % 2 else None,
        can_reply=bool(n % 3),
        snoozed_until=NOW + timedelta(days=1) if n % 2 else None,
        last_activity_at=NOW - timedelta(minutes=n),
        created_at=NOW - timedelta(days=3),
        contact=Contact(44, "Beatriz Lima", "bia@example.com", "+5511999990000", ""),
        assignee=Sender(1, "Ana", "user") if n % 2 else None,
        channel="Channel::Whatsapp",
        last_message=message if n != 3 else None,
    )


def page(profile_id: int = 1) -> FirstPage:
    return FirstPage(
        profile_id=profile_id,
        saved_at=NOW,
        counts=ConversationCounts(mine=3, assigned=4, unassigned=1, all=5),
        conversations=tuple(conversation(n) for n in range(1, 6)),
        inboxes=(Inbox(2, "WhatsApp Loja", "Channel::Whatsapp", "America/Sao_Paulo"),),
    )


def test_a_saved_page_reads_back_equal_to_what_was_shown(tmp_path):
    save_first_page(tmp_path, page())
    assert load_first_page(tmp_path, 1) == page()
    assert [p.name for p in tmp_path.iterdir()] == [FILENAME]  # no partial file left
    if os.name == "posix":  # customer names and messages: the agent's eyes only
        assert (tmp_path / FILENAME).stat().st_mode & 0o777 == 0o600


def test_another_profiles_page_is_not_shown(tmp_path):
    save_first_page(tmp_path, page(profile_id=2))
    assert load_first_page(tmp_path, 1) is None
    assert load_first_page(tmp_path, 2) is not None


def test_a_missing_damaged_or_misshapen_file_reads_as_none(tmp_path):
    assert load_first_page(tmp_path, 1) is None
    (tmp_path / FILENAME).write_text('{"format": 1, "profile_id": 1, "payl', encoding="utf-8")
    assert load_first_page(tmp_path, 1) is None
    data = page().to_json()
    data["payload"][0]["status"] = "archived"
    (tmp_path / FILENAME).write_text(json.dumps(data), encoding="utf-8")
    assert load_first_page(tmp_path, 1) is None
    data = page().to_json()
    data["format"] = 99  # written by a newer version
    (tmp_path / FILENAME).write_text(json.dumps(data), encoding="utf-8")
    assert load_first_page(tmp_path, 1) is None
    (tmp_path / FILENAME).write_bytes(b"\xff\xfe not text")
    assert load_first_page(tmp_path, 1) is None


def test_saving_again_replaces_the_page(tmp_path):
    save_first_page(tmp_path, page())
    newer = FirstPage(1, NOW + timedelta(minutes=5), page().counts, page().conversations[:2], ())
    save_first_page(tmp_path, newer)
    assert load_first_page(tmp_path, 1) == newer
