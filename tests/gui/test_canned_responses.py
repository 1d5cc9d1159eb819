"""Canned responses in the reply box: "/" and part of a short code or of the text opens
the account's list; Enter puts the response in with the conversation's variables filled;
Esc leaves the typing; a "/" inside a word opens nothing."""

from __future__ import annotations

from PySide6.QtCore import Qt

from agent_desktop.demo.canned import CANNED


def ready(qtbot, window):
    reply = window.pane.reply
    qtbot.waitUntil(lambda: len(reply.canned.responses) == len(CANNED), timeout=10_000)
    reply.editor.setFocus()
    return reply


def test_a_short_code_puts_its_response_in(qtbot, window):
    reply = ready(qtbot, window)
    reply.editor.insertPlainText("Claro! ")
    qtbot.keyClicks(reply.editor, "/tro")
    assert reply.canned.popup.isVisible()
    assert [r.short_code for r in reply.canned.shown] == ["troca"]
    qtbot.keyClick(reply.canned.popup, Qt.Key.Key_Return)
    assert not reply.canned.popup.isVisible()
    assert reply.text() == "Claro! " + dict(CANNED)["troca"]
    assert reply.send_button.isEnabled()


def test_variables_are_filled_from_the_conversation_and_the_agent(qtbot, window):
    reply = ready(qtbot, window)
    contact = window.pane.conversation.contact
    qtbot.keyClicks(reply.editor, "/oi")
    # the code first, then a text that holds "oi" ("coisa")
    assert [r.short_code for r in reply.canned.shown] == ["oi", "bye"]
    qtbot.keyClick(reply.canned.popup, Qt.Key.Key_Tab)
    first_name = contact.name.split()[0]
    assert reply.text() == f"Oi {first_name}! Aqui é Ana, como posso ajudar?"


def test_the_text_of_a_response_finds_it_too(qtbot, window):
    reply = ready(qtbot, window)
    qtbot.keyClicks(reply.editor, "/fatura")  # in the refund answer's text, not its code
    assert [r.short_code for r in reply.canned.shown] == ["reembolso"]


def test_escape_leaves_the_typing_and_enter_then_sends_as_usual(qtbot, window, session):
    session.save_settings({"send_key": "enter"})
    reply = ready(qtbot, window)
    qtbot.keyClicks(reply.editor, "/pra")
    assert reply.canned.popup.isVisible()
    qtbot.keyClick(reply.canned.popup, Qt.Key.Key_Escape)
    assert not reply.canned.popup.isVisible() and reply.text() == "/pra"
    assert not reply.scheduler.isVisible()
    reply.editor.clear()
    qtbot.keyClicks(reply.editor, "/prazo")
    qtbot.keyClick(reply.canned.popup, Qt.Key.Key_Return)  # chooses, does not send
    assert reply.text() == dict(CANNED)["prazo"]
    qtbot.keyClick(reply.editor, Qt.Key.Key_Return)  # now it sends
    qtbot.waitUntil(lambda: reply.text() == "", timeout=10_000)


def test_a_slash_inside_a_word_or_with_no_match_opens_nothing(qtbot, window):
    reply = ready(qtbot, window)
    qtbot.keyClicks(reply.editor, "e/ou")
    assert not reply.canned.popup.isVisible()
    reply.editor.clear()
    qtbot.keyClicks(reply.editor, "/zzz")
    assert not reply.canned.popup.isVisible()
    qtbot.keyClicks(reply.editor, " ")
    assert not reply.canned.popup.isVisible() and reply.text() == "/zzz "


def test_the_arrow_keys_pick_another_one(qtbot, window):
    reply = ready(qtbot, window)
    qtbot.keyClicks(reply.editor, "/re")
    assert [r.short_code for r in reply.canned.shown][:2] == ["reembolso", "refund"]
    qtbot.keyClick(reply.canned.popup, Qt.Key.Key_Down)
    qtbot.keyClick(reply.canned.popup, Qt.Key.Key_Return)
    assert reply.text() == dict(CANNED)["refund"]


def test_a_draft_put_back_does_not_open_the_list(qtbot, window):
    reply = ready(qtbot, window)
    qtbot.keyClicks(reply.editor, "Veja /pra")
    assert reply.canned.popup.isVisible()
    window.actions_["next"].trigger()
    qtbot.waitUntil(lambda: reply.text() == "", timeout=5000)
    assert not reply.canned.popup.isVisible()
    window.actions_["previous"].trigger()
    qtbot.waitUntil(lambda: reply.text() == "Veja /pra", timeout=5000)
    assert not reply.canned.popup.isVisible()  # until the agent types again
    qtbot.keyClicks(reply.editor, "z")
    assert reply.canned.popup.isVisible()
