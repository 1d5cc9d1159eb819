"""The contacts' conversations that a search adds are filtered here, as Rails' finder
filters the list: several labels keep a conversation with any of them."""

from __future__ import annotations

from agent_desktop.chatwoot.reading import Fields
from agent_desktop.chatwoot.records import Conversation
from agent_desktop.chatwoot.search import _keeps
from tests.support import samples


def listed(labels: list[str]) -> Conversation:
    return Conversation.parse(Fields(samples.conversation(labels=labels), "conversation"))


def test_several_labels_keep_a_conversation_with_any_of_them():
    vip_only = listed(["vip"])
    assert _keeps(vip_only, 7, "all", None, ["vip", "late"])
    assert not _keeps(vip_only, 7, "all", None, ["late", "refund"])
    assert _keeps(vip_only, 7, "all", None, [])  # no label asked for: every one
