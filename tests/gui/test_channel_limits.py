"""The reply box counts against the open conversation's channel, as Chatwoot's does: a
WhatsApp conversation takes 4,096 characters, a website chat only the server's limit."""

from __future__ import annotations


def open_on(window, channel_type: str) -> None:
    model = window.conversations.model
    row = next(i for i, c in enumerate(model.rows) if c.channel == channel_type)
    window.conversations.view.setCurrentIndex(model.index(row))


def test_the_open_conversation_s_channel_sets_the_reply_s_limit(qtbot, window):
    reply = window.pane.reply
    open_on(window, "Channel::Whatsapp")
    qtbot.waitUntil(lambda: window.pane.conversation.channel == "Channel::Whatsapp")
    reply.editor.setPlainText("Olá! " * 820)  # 4,100 characters
    assert reply.count_label.text() == "4,100 / 4,096"
    assert not reply.send_button.isEnabled()
    assert "WhatsApp takes at most 4,096 characters" in reply.send_button.toolTip()
    reply.editor.clear()
    open_on(window, "Channel::WebWidget")
    qtbot.waitUntil(lambda: window.pane.conversation.channel == "Channel::WebWidget")
    reply.editor.setPlainText("Olá! " * 820)
    assert reply.count_label.text() == ""
    assert reply.send_button.isEnabled()
