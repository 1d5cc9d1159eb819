"""The contact panel beside the thread: shown and hidden from the View menu, the thread's
header and the keyboard, as it was left at the next start; filled with the open
conversation's contact as the demo server has it; previous conversations open from it;
a slow answer for a conversation left behind never replaces the current one; a server
error is said in the panel."""

from __future__ import annotations

import threading

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QIcon

from agent_desktop.chatwoot import contacts
from agent_desktop.chatwoot.client import ChatwootClient
from agent_desktop.chatwoot.records import Conversation
from agent_desktop.gui import contact_card
from agent_desktop.gui.main_window import MainWindow


@pytest.fixture
def api(demo_server):
    with ChatwootClient(
        demo_server.url, demo_server.token, account_id=demo_server.accounts.upstream
    ) as client:
        yield client


def listed(window: MainWindow) -> list[Conversation]:
    return list(window.conversations.model.rows)


def shown(qtbot, window: MainWindow, conversation_id: int) -> contact_card.ContactCard:
    """Open the conversation; wait for the panel to show its contact."""
    window.open_conversation(conversation_id)
    panel = window.contact
    qtbot.waitUntil(
        lambda: panel.card is not None and panel.card.conversation_id == conversation_id,
        timeout=10_000,
    )
    assert panel.card is not None
    return panel.card


def contact_id(conversation: Conversation) -> int:
    contact = conversation.contact
    assert contact is not None and contact.id is not None
    return contact.id


def with_contact(api, window: MainWindow, wanted) -> tuple[int, contacts.ContactDetails]:
    """A listed conversation whose contact, as the server has it, is `wanted`."""
    for conversation in listed(window):
        details = contacts.contact(api, contact_id(conversation))
        if wanted(details):
            return conversation.id, details
    raise AssertionError("no such contact in the demo's first page")


def reopen(qtbot, session) -> MainWindow:
    again = MainWindow(session, QIcon())
    qtbot.addWidget(again)
    again.show()
    qtbot.waitExposed(again)
    return again


def close(window: MainWindow) -> None:
    window.quitting = True
    window.close()


def test_the_panel_is_toggled_from_menu_header_and_keys_and_kept_as_left(qtbot, window, session):
    panel, action = window.contact, window.actions_["contact"]
    button = window.pane.contact_button
    assert not panel.isVisible()  # out of the way until asked for
    view_menu = next(m for m in window.menuBar().actions() if m.text() == "&View").menu()
    assert action in view_menu.actions()
    assert action.shortcut().toString() == "Alt+I"
    assert "Alt+I" in button.toolTip()

    action.trigger()  # from the View menu
    assert panel.isVisible() and button.isChecked()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)  # from the thread's header
    assert not panel.isVisible() and not action.isChecked()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=2_000)
    qtbot.keyClick(window.pane.reply.editor, Qt.Key.Key_I, Qt.KeyboardModifier.AltModifier)
    assert panel.isVisible() and action.isChecked()
    close(window)

    again = reopen(qtbot, session)
    assert again.contact.isVisible() and again.actions_["contact"].isChecked()
    assert again.pane.contact_button.isChecked()
    again.actions_["contact"].trigger()
    close(again)

    hidden = reopen(qtbot, session)
    assert not hidden.contact.isVisible() and not hidden.actions_["contact"].isChecked()
    close(hidden)


def test_an_opened_conversation_shows_its_contact_and_attributes(qtbot, window, api):
    panel = window.contact
    first = window.pane.conversation.id
    window.actions_["contact"].trigger()
    assert panel.view.status.text() == "Loading…"  # what is on screen until the answer comes
    qtbot.waitUntil(lambda: panel.card is not None, timeout=10_000)
    assert panel.card.conversation_id == first

    cid, details = with_contact(
        api, window, lambda d: d.custom_attributes and d.company and d.location
    )
    shown(qtbot, window, cid)
    assert panel.view.status.isHidden()
    assert panel.view.name.text() == details.name
    assert panel.view.fields["E-mail"].text() == details.email
    assert panel.view.fields["Phone"].text() == details.phone_number
    assert panel.view.fields["Company"].text() == details.additional_attributes["company_name"]
    city, country = details.additional_attributes["city"], details.additional_attributes["country"]
    assert panel.view.fields["Location"].text() == f"{city}, {country}"
    custom = details.custom_attributes
    rows = panel.view.contact_attributes.rows()
    assert rows["Plano"] == custom["plano"]
    assert rows["Total pedidos"] == str(custom["total_pedidos"])
    assert rows["Aceita newsletter"] == ("Yes" if custom["aceita_newsletter"] else "No")
    assert (
        panel.view.contact_attributes.isVisible()
        and not panel.view.no_contact_attributes.isVisible()
    )
    expected = contacts.conversation_attributes(api, cid)
    if expected:
        assert panel.view.conversation_fields.rows()["Pedido"] == expected["pedido"]
    else:
        assert panel.view.no_conversation_fields.isVisible()

    bare, bare_details = with_contact(api, window, lambda d: not d.custom_attributes)
    shown(qtbot, window, bare)
    assert panel.view.name.text() == bare_details.name
    assert panel.view.no_contact_attributes.isVisible()
    assert panel.view.no_contact_attributes.text() == "No custom attributes"
    assert not panel.view.contact_attributes.isVisible()


def test_long_details_are_cut_with_the_whole_text_in_the_tooltip(qtbot, window, api):
    window.actions_["contact"].trigger()
    cid, details = with_contact(api, window, lambda d: bool(d.email))
    shown(qtbot, window, cid)
    field = window.contact.view.fields["E-mail"]
    window.contact.parentWidget().setSizes([900, 200])  # a narrow panel
    qtbot.waitUntil(lambda: field.shown_text() != details.email, timeout=2_000)
    assert field.shown_text().endswith("…")
    assert field.toolTip() == details.email


def test_previous_conversations_are_listed_and_open_on_activation(qtbot, window, api, session):
    window.actions_["contact"].trigger()
    current = other = None
    for conversation in listed(window):
        theirs = api.contact_conversations(contact_id(conversation))
        others = [c for c in theirs if c.id != conversation.id]
        if others:
            current, other = conversation, others[0]
            break
    assert current is not None and other is not None, "the demo has returning customers"
    shown(qtbot, window, current.id)
    history = window.contact.view.history
    assert history.count() == 1 and not window.contact.view.no_history.isVisible()
    row = history.item(0).text()
    local = other.last_activity_at.astimezone(session.zone)
    assert row.startswith(f"#{other.id} · {other.status.value} · {local.day} ")
    assert f"{local:%H:%M}" in row.splitlines()[0]  # in the agent's time zone
    excerpt = other.last_message.content
    assert excerpt in row.splitlines()[1] and excerpt in history.item(0).toolTip()

    history.setFocus()
    history.setCurrentRow(0)
    qtbot.keyClick(history, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.pane.conversation.id == other.id, timeout=10_000)
    shown_now = window.contact
    qtbot.waitUntil(
        lambda: shown_now.card is not None and shown_now.card.conversation_id == other.id,
        timeout=10_000,
    )
    assert shown_now.view.history.item(0).data(Qt.ItemDataRole.UserRole) == current.id


def test_a_late_answer_for_a_conversation_left_behind_is_dropped(qtbot, window, monkeypatch):
    """The agent opens one conversation and, before its contact arrives, another: the
    first one's answer, arriving last, must not take the panel."""
    rows = listed(window)
    slow, fast = rows[2].id, rows[3].id
    release = threading.Event()
    fetched = contact_card.fetch_card

    def held_back(client, conversation):
        if conversation.id == slow:
            release.wait(10)
        return fetched(client, conversation)

    monkeypatch.setattr(contact_card, "fetch_card", held_back)
    panel = window.contact
    late: list[int] = []
    loaded = panel._loaded

    def watched(asked, card):
        if card.conversation_id == slow:
            late.append(asked)
        loaded(asked, card)

    monkeypatch.setattr(panel, "_loaded", watched)
    window.actions_["contact"].trigger()
    window.open_conversation(slow)
    window.open_conversation(fast)
    qtbot.waitUntil(
        lambda: panel.card is not None and panel.card.conversation_id == fast, timeout=10_000
    )
    release.set()
    qtbot.waitUntil(lambda: bool(late), timeout=10_000)
    assert panel.card.conversation_id == fast
    assert panel.view.name.text() == rows[3].title  # its contact's name


def test_a_server_error_is_said_in_the_panel_and_it_tries_again_when_shown(
    qtbot, window, demo_server
):
    panel = window.contact
    target = listed(window)[4].id
    demo_server.faults.update({"error_rate": 1.0, "methods": ["GET"]})
    try:
        window.actions_["contact"].trigger()
        window.open_conversation(target)
        said = "The contact could not be loaded: Internal Server Error"  # the server's words
        qtbot.waitUntil(lambda: panel.view.status.text() == said, timeout=10_000)
        assert panel.view.status.isVisible()
        assert panel.card is None and not panel.view.content.isVisible()
    finally:
        demo_server.faults.update({"error_rate": 0.0})
    window.actions_["contact"].trigger()  # hidden, and shown again
    window.actions_["contact"].trigger()
    qtbot.waitUntil(lambda: panel.card is not None, timeout=10_000)
    card = panel.card
    assert card is not None and card.conversation_id == target and panel.view.status.isHidden()
