"""What an agent does in the window: read, filter, reply, schedule from the keyboard."""

from __future__ import annotations

from datetime import timedelta

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence

from agent_desktop.chatwoot.client import ChatwootClient
from agent_desktop.chatwoot.records import ConversationStatus
from agent_desktop.gui.conversation_model import DraftRole


def api(demo_server):
    return ChatwootClient(
        demo_server.url, demo_server.token, account_id=demo_server.accounts.upstream
    )


def test_the_window_shows_conversations_and_the_first_thread(window, demo_server):
    first = window.conversations.model.rows[0]
    assert window.pane.title.text() == first.title
    with api(demo_server) as client:
        latest = client.messages(first.id)[-1]
    assert " ".join(latest.content.split()) in window.pane.thread_view.plain_text()
    assert "Mine" in window.conversations.counts.text()


def test_the_threads_header_names_the_labels(qtbot, window):
    labelled = next(c for c in window.conversations.model.rows if c.labels)
    window.conversations.select_id(labelled.id)
    qtbot.waitUntil(lambda: window.pane.conversation.id == labelled.id, timeout=5000)
    assert ", ".join(labelled.labels) in window.pane.subtitle.text()


def test_the_label_filter_lists_the_accounts_labels_and_narrows_the_list(qtbot, window):
    conversations = window.conversations
    conversations.assignee.setCurrentIndex(conversations.assignee.findData("all"))
    qtbot.waitUntil(lambda: conversations.label.count() > 1, timeout=5000)
    titles = [conversations.label.itemText(i) for i in range(1, conversations.label.count())]
    assert titles == sorted(titles, key=str.casefold)
    qtbot.waitUntil(lambda: any(c.labels for c in conversations.model.rows), timeout=5000)
    labelled = next(c for c in conversations.model.rows if c.labels)
    label = labelled.labels[0]
    assert label in titles
    conversations.label.setCurrentIndex(conversations.label.findData(label))

    def narrowed() -> bool:
        rows = conversations.model.rows
        return labelled.id in [c.id for c in rows] and all(label in c.labels for c in rows)

    qtbot.waitUntil(narrowed, timeout=5000)


def test_more_pages_load_as_the_agent_scrolls(qtbot, window):
    window.conversations.status.setCurrentIndex(window.conversations.status.findData("all"))
    window.conversations.assignee.setCurrentIndex(window.conversations.assignee.findData("all"))
    qtbot.waitUntil(
        lambda: len(window.conversations.model.rows) == 25 and not window.conversations.loading,
        timeout=10_000,
    )
    qtbot.wait(100)
    assert len(window.conversations.model.rows) == 25  # the rest waits for the scroll
    bar = window.conversations.view.verticalScrollBar()
    bar.setValue(bar.maximum())
    qtbot.waitUntil(lambda: len(window.conversations.model.rows) == 36, timeout=10_000)


def test_search_narrows_the_list(qtbot, window):
    name = window.conversations.model.rows[1].title
    window.conversations.search.setText(name)
    qtbot.waitUntil(
        lambda: (
            bool(window.conversations.model.rows)
            and all(c.title == name for c in window.conversations.model.rows)
            and not window.conversations.loading
        ),
        timeout=10_000,
    )


def test_ctrl_enter_sends_a_reply(qtbot, window, demo_server):
    conversation = window.pane.conversation
    window.pane.reply.editor.setFocus()
    window.pane.reply.editor.insertPlainText("Já está")  # keyClicks types ASCII only
    qtbot.keyClicks(window.pane.reply.editor, " a caminho!")
    qtbot.keyClick(window.pane.reply.editor, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(
        lambda: "Já está a caminho!" in window.pane.thread_view.plain_text(), timeout=10_000
    )
    # the live channel may show the message a moment before the server's answer empties
    # the box
    qtbot.waitUntil(lambda: window.pane.reply.text() == "", timeout=5_000)
    with api(demo_server) as client:
        assert client.messages(conversation.id)[-1].content == "Já está a caminho!"


def test_files_dropped_or_pasted_on_the_reply_are_attached_not_typed(qtbot, window, tmp_path):
    from PySide6.QtCore import QMimeData, QUrl
    from PySide6.QtWidgets import QApplication

    reply = window.pane.reply
    receipt, photo = tmp_path / "recibo.pdf", tmp_path / "foto.jpg"
    receipt.write_bytes(b"%PDF")
    photo.write_bytes(b"jpg")
    reply.editor.insertPlainText("Segue:")
    dragged = QMimeData()
    dragged.setUrls([QUrl.fromLocalFile(str(receipt))])
    assert reply.editor.canInsertFromMimeData(dragged)
    reply.editor.insertFromMimeData(dragged)  # what a drop does
    copied = QMimeData()
    copied.setUrls([QUrl.fromLocalFile(str(photo))])
    QApplication.clipboard().setMimeData(copied)
    reply.editor.paste()
    assert reply.files == [receipt, photo]
    assert reply.text() == "Segue:"
    assert "recibo.pdf" in reply.files_label.text() and "foto.jpg" in reply.files_label.text()
    words = QMimeData()
    words.setText(" obrigada")
    reply.editor.insertFromMimeData(words)  # text is still text
    assert reply.text() == "Segue: obrigada"


def test_a_pasted_picture_is_attached_as_a_png(qtbot, window):
    from PySide6.QtCore import QMimeData
    from PySide6.QtGui import QColor, QImage
    from PySide6.QtWidgets import QApplication

    reply = window.pane.reply
    shot = QImage(40, 30, QImage.Format.Format_RGB32)
    shot.fill(QColor("red"))
    for _ in range(2):
        pasted = QMimeData()
        pasted.setImageData(shot)
        QApplication.clipboard().setMimeData(pasted)
        reply.editor.paste()
    assert len(reply.files) == 2 and len(set(reply.files)) == 2  # two pastes, two files
    assert all(p.suffix == ".png" and p.name.startswith("Pasted picture") for p in reply.files)
    assert QImage(str(reply.files[0])).size() == shot.size()
    assert reply.text() == "" and reply.send_button.isEnabled()  # a picture alone can go
    folder = reply.files[0].parent
    qt_app = QApplication.instance()
    assert qt_app is not None
    qt_app.aboutToQuit.emit()  # as the app quits: nothing left behind
    assert not folder.exists()


def test_a_private_note_is_never_scheduled(qtbot, window):
    reply = window.pane.reply
    reply.mode.setCurrentIndex(1)
    qtbot.keyClicks(reply.editor, "so para a equipe")
    assert not reply.schedule_toggle.isEnabled()
    assert reply.send_button.text() == "Add note"
    reply.set_scheduling(True)  # asking for the scheduler switches back to a reply
    assert reply.mode.currentIndex() == 0 and reply.scheduler.isVisible()


def test_scheduling_from_the_keyboard(qtbot, window, session, demo_clock):
    reply = window.pane.reply
    reply.editor.setFocus()
    qtbot.keyClicks(reply.editor, "Bom dia! Seu pedido chega hoje.")  # ASCII: see above
    qtbot.keyClick(
        reply.editor,
        Qt.Key.Key_Return,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    assert reply.scheduler.isVisible()
    preset = window.actions_["preset-2"]  # Alt+2: tomorrow 9:00
    assert preset.text().startswith("Send time:")  # it fills the time; nothing goes yet
    preset.trigger()
    assert not window.pane.pending
    value = reply.scheduler.value()
    assert value is not None and value.wall.hour == 9 and value.wall.minute == 0
    assert value.display() in reply.scheduler.local_label.text()
    assert "UTC" in reply.scheduler.utc_label.text()
    assert reply.send_button.text().startswith("Schedule for")
    qtbot.keyClick(
        reply.editor,
        Qt.Key.Key_Return,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    qtbot.waitUntil(lambda: bool(window.pane.pending), timeout=10_000)
    (record,) = window.pane.pending
    assert record.scheduled_at == value.instant and record.hold_on_reply
    assert record.content == "Bom dia! Seu pedido chega hoje."
    assert "Bom dia! Seu pedido chega hoje." in window.pane.thread_view.plain_text()
    qtbot.waitUntil(lambda: window.tabs.tabText(1) == "Scheduled (1)", timeout=10_000)


def test_alt_1_and_alt_3_fill_in_the_times_their_menu_entries_name(qtbot, window):
    reply = window.pane.reply
    scheduler = reply.scheduler
    reply.editor.setFocus()
    qtbot.keyClicks(reply.editor, "Bom dia")
    in_an_hour = window.actions_["preset-1"]
    assert in_an_hour.text() == "Send time: in 1 hour"
    assert in_an_hour.shortcut() == QKeySequence("Alt+1")
    qtbot.keyClick(reply.editor, Qt.Key.Key_1, Qt.KeyboardModifier.AltModifier)
    assert scheduler.isVisible()  # the time is filled in; nothing goes yet
    value = scheduler.value()
    assert value is not None and value.instant == scheduler.clock.now() + timedelta(hours=1)
    next_monday = window.actions_["preset-3"]
    assert next_monday.text() == "Send time: next Monday 9:00"
    assert next_monday.shortcut() == QKeySequence("Alt+3")
    qtbot.keyClick(reply.editor, Qt.Key.Key_3, Qt.KeyboardModifier.AltModifier)
    value = scheduler.value()
    assert value is not None
    today = scheduler.clock.now().astimezone(scheduler.zone).date()
    local = value.local
    assert local.weekday() == 0 and (local.hour, local.minute) == (9, 0)
    assert timedelta(days=1) <= local.date() - today <= timedelta(days=7)  # the next one
    assert not window.pane.pending and reply.editor.toPlainText() == "Bom dia"


def test_with_scheduling_switched_off_the_reply_box_only_sends(qtbot, window, session):
    reply = window.pane.reply
    session.save_settings({"scheduling_enabled": False})
    qtbot.waitUntil(lambda: not reply.schedule_toggle.isEnabled(), timeout=5_000)
    assert reply.schedule_toggle.toolTip() == "Scheduling is switched off in Settings"
    assert "scheduling off" in window.status_label.text()
    qtbot.keyClicks(reply.editor, "Bom dia")
    qtbot.keyClick(
        reply.editor,
        Qt.Key.Key_Return,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    window.actions_["preset-1"].trigger()
    assert not reply.scheduler.isVisible() and reply.send_button.text() == "Send now"
    assert window.notices.label.text() == "Scheduling is switched off in Settings"
    session.save_settings({"scheduling_enabled": True})
    qtbot.waitUntil(reply.schedule_toggle.isEnabled, timeout=5_000)
    assert "Ctrl+Shift+Return" in reply.schedule_toggle.toolTip()
    window.actions_["preset-1"].trigger()
    assert reply.scheduler.isVisible()


def test_escape_closes_the_scheduler(qtbot, window):
    reply = window.pane.reply
    reply.set_scheduling(True)
    reply.editor.setFocus()
    qtbot.keyClick(reply.editor, Qt.Key.Key_Escape)
    assert not reply.scheduler.isVisible()


def test_the_scheduler_names_every_broken_rule(qtbot, window, session):
    reply = window.pane.reply
    qtbot.keyClicks(reply.editor, "oi")
    reply.set_scheduling(True)
    panel = reply.scheduler
    now_local = session.app.clock.now().astimezone(panel.zone).replace(tzinfo=None)
    panel.set_wall(now_local + timedelta(minutes=2))
    assert "at least 5 minutes" in panel.problem_label.text()
    assert not reply.send_button.isEnabled()
    panel.set_wall(now_local + timedelta(days=400))
    assert "at most one year" in panel.problem_label.text()
    panel.set_wall(now_local - timedelta(hours=1))
    assert "already passed" in panel.problem_label.text()


def test_alt_j_and_alt_k_move_between_conversations(qtbot, window):
    start = window.conversations.view.currentIndex().row()
    window.actions_["next"].trigger()
    assert window.conversations.view.currentIndex().row() == start + 1
    qtbot.waitUntil(
        lambda: window.pane.conversation.id == window.conversations.model.rows[start + 1].id,
        timeout=5000,
    )
    window.actions_["previous"].trigger()
    assert window.conversations.view.currentIndex().row() == start


def move(qtbot, window, action: str) -> int:
    before = window.pane.conversation.id
    window.actions_[action].trigger()
    qtbot.waitUntil(lambda: window.pane.conversation.id != before, timeout=5000)
    return int(window.pane.conversation.id)


def test_half_a_reply_waits_in_its_conversation_while_the_agent_looks_elsewhere(qtbot, window):
    reply = window.pane.reply
    first = window.pane.conversation.id
    model = window.conversations.model

    def draft_shown(conversation_id: int) -> object:  # what the list says of it
        return model.data(model.index(model.row_of(conversation_id)), DraftRole)

    reply.editor.insertPlainText("Vou verificar o pedido e")
    second = move(qtbot, window, "next")
    assert reply.text() == "" and not reply.private  # the next one starts empty
    assert draft_shown(first) == "Vou verificar o pedido e"
    reply.mode.setCurrentIndex(1)
    reply.editor.insertPlainText("Cliente pediu retorno")
    assert move(qtbot, window, "previous") == first
    assert reply.text() == "Vou verificar o pedido e" and not reply.private
    assert reply.send_button.isEnabled()
    assert draft_shown(first) is None and draft_shown(second) == "Cliente pediu retorno"
    move(qtbot, window, "next")
    assert reply.text() == "Cliente pediu retorno" and reply.private


def test_drafts_are_written_only_when_they_change(qtbot, window, monkeypatch):
    from agent_desktop.gui import drafts as module
    from agent_desktop.store import drafts as store

    writes: list[str] = []

    def counted(home, profile_id, drafts) -> None:
        writes.append(str(drafts))
        store.save_drafts(home, profile_id, drafts)

    monkeypatch.setattr(module, "save_drafts", counted)
    drafts = window.pane.drafts
    qtbot.waitUntil(lambda: drafts.loaded, timeout=5000)
    window.pane.reply.editor.insertPlainText("Um momento")
    drafts.save()  # what the pause after typing does
    qtbot.waitUntil(lambda: len(writes) == 1, timeout=5000)
    window.pane.reply.refresh_state()  # the scheduler's clock, say: nothing new
    drafts.save()
    drafts.flush()
    assert len(writes) == 1
    window.pane.reply.editor.insertPlainText("!")
    drafts.flush()
    assert len(writes) == 2 and "Um momento!" in writes[-1]


def test_a_reply_sent_just_before_moving_on_leaves_no_draft_behind(qtbot, window, demo_server):
    reply = window.pane.reply
    first = window.pane.conversation.id
    demo_server.faults.update({"latency": 0.5, "methods": ["POST"]})
    reply.editor.insertPlainText("Enviada a caminho")
    reply.submit()
    move(qtbot, window, "next")
    reply.editor.insertPlainText("Rascunho do outro")
    with api(demo_server) as client:
        qtbot.waitUntil(
            lambda: client.messages(first)[-1].content == "Enviada a caminho", timeout=10_000
        )
    qtbot.waitUntil(lambda: first not in window.pane.drafts.others, timeout=5000)  # answer's in
    assert reply.text() == "Rascunho do outro"  # not cleared by the other's send
    move(qtbot, window, "previous")
    assert reply.text() == ""


def test_what_is_written_while_a_reply_goes_out_stays(qtbot, window, demo_server):
    reply = window.pane.reply
    demo_server.faults.update({"latency": 0.5, "methods": ["POST"]})
    reply.editor.insertPlainText("Primeira parte.")
    reply.submit()
    reply.editor.insertPlainText(" E a segunda")
    qtbot.waitUntil(
        lambda: "Primeira parte." in window.pane.thread_view.plain_text(), timeout=10_000
    )
    assert reply.text() == "Primeira parte. E a segunda"


def test_drafts_are_saved_as_the_agent_pauses_and_outlive_the_window(
    qtbot, window, session, workspace
):
    from PySide6.QtGui import QIcon

    from agent_desktop.gui.main_window import MainWindow
    from agent_desktop.gui.session import Session
    from agent_desktop.store.drafts import load_drafts

    reply = window.pane.reply
    first = window.pane.conversation.id
    reply.editor.insertPlainText("Meio escrito")
    qtbot.waitUntil(  # a moment after the last key, without closing anything (a crash)
        lambda: first in load_drafts(session.home, session.profile.id), timeout=5000
    )
    second = move(qtbot, window, "next")
    reply.mode.setCurrentIndex(1)
    reply.editor.insertPlainText("Nota interna")
    window.quitting = True
    window.close()

    again = Session.of(workspace, session.profile, sender="none")
    restarted = MainWindow(again, QIcon())
    qtbot.addWidget(restarted)
    restarted.show()
    restarted.start()
    try:
        qtbot.waitUntil(lambda: restarted.pane.conversation is not None, timeout=10_000)
        qtbot.waitUntil(lambda: restarted.pane.drafts.loaded, timeout=10_000)
        for conversation_id, text, private in (
            (first, "Meio escrito", False),
            (second, "Nota interna", True),
        ):
            restarted.conversations.select_id(conversation_id)
            qtbot.waitUntil(
                lambda c=conversation_id: getattr(restarted.pane.conversation, "id", None) == c,
                timeout=5000,
            )
            assert restarted.pane.reply.text() == text
            assert restarted.pane.reply.private is private
    finally:
        restarted.quitting = True
        restarted.close()
        again.stop()


def test_opening_an_unread_conversation_marks_it_read_here_and_on_the_server(
    qtbot, window, demo_server
):
    rows = window.conversations.model.rows
    unread = next(c for c in rows if c.unread_count and c.id != window.pane.conversation.id)
    window.conversations.select_id(unread.id)
    row = window.conversations.model.row_of(unread.id)
    qtbot.waitUntil(lambda: window.conversations.model.rows[row].unread_count == 0, timeout=5000)
    with api(demo_server) as client:
        qtbot.waitUntil(lambda: client.conversation(unread.id).unread_count == 0, timeout=5000)


def test_mark_as_unread_flags_the_open_conversation_to_come_back_to(qtbot, window, demo_server):
    open_id = window.pane.conversation.id
    with api(demo_server) as client:
        qtbot.waitUntil(lambda: client.conversation(open_id).unread_count == 0, timeout=5000)
        window.actions_["mark-unread"].trigger()
        row = window.conversations.model.row_of(open_id)
        qtbot.waitUntil(lambda: window.conversations.model.rows[row].unread_count > 0, timeout=5000)
        assert client.conversation(open_id).unread_count > 0
    assert "Alt+U" in window.actions_["mark-unread"].toolTip()


def test_a_customer_message_arriving_in_the_open_conversation_is_read(qtbot, window, demo_server):
    import httpx

    open_id = window.pane.conversation.id
    httpx.post(
        f"{demo_server.url}/demo/accounts/{demo_server.accounts.upstream}/conversations/"
        f"{open_id}/customer_messages",
        json={"content": "Chegou aqui?"},
        headers={"Api-Access-Token": demo_server.token},
    ).raise_for_status()
    with api(demo_server) as client:
        assert client.conversation(open_id).unread_count > 0
        window.pane.reload()  # as its poll does
        qtbot.waitUntil(
            lambda: "Chegou aqui?" in window.pane.thread_view.plain_text(), timeout=5000
        )
        qtbot.waitUntil(lambda: client.conversation(open_id).unread_count == 0, timeout=5000)


def test_a_conversation_is_not_marked_read_while_the_window_is_in_the_tray(
    qtbot, window, demo_server
):
    rows = window.conversations.model.rows
    unread = next(c for c in rows if c.unread_count and c.id != window.pane.conversation.id)
    window.hide()
    window.conversations.select_id(unread.id)
    qtbot.waitUntil(lambda: window.pane.conversation.id == unread.id, timeout=5000)
    with api(demo_server) as client:
        assert client.conversation(unread.id).unread_count == unread.unread_count


def test_an_unassigned_conversation_is_taken_from_the_thread(qtbot, window, demo_server):
    with api(demo_server) as client:
        unassigned = client.conversations(assignee_type="unassigned").conversations[0]
        window.open_conversation(unassigned.id)
        pane = window.pane
        qtbot.waitUntil(lambda: pane.conversation.id == unassigned.id, timeout=5000)
        assert "unassigned" in pane.subtitle.text() and pane.assign_button.isVisible()
        pane.assign_button.click()
        qtbot.waitUntil(lambda: not pane.assign_button.isVisible(), timeout=5000)
        assert "unassigned" not in pane.subtitle.text()
        assert client.conversation(unassigned.id).assignee.id == client.profile().id


def test_resolve_and_reopen_from_the_thread(qtbot, window, demo_server):
    conversation = window.pane.conversation
    window.pane.resolve_button.click()
    qtbot.waitUntil(lambda: window.pane.resolve_button.text() == "Reopen", timeout=10_000)
    with api(demo_server) as client:
        assert client.conversation(conversation.id).status is ConversationStatus.RESOLVED
    window.pane.resolve_button.click()
    qtbot.waitUntil(lambda: window.pane.resolve_button.text() == "Resolve", timeout=10_000)
    window.pane.snooze(1)
    qtbot.waitUntil(
        lambda: window.pane.conversation.status is ConversationStatus.SNOOZED, timeout=10_000
    )


def test_message_text_is_shown_as_text_and_loads_nothing(qtbot, window, demo_server):
    conversation = window.pane.conversation
    hostile = "<img src='http://198.51.100.1/x.png'><script>alert(1)</script> **oi**"
    with api(demo_server) as client:
        client.create_message(conversation.id, hostile)
    window.pane.reload()
    qtbot.waitUntil(lambda: "<script>" in window.pane.thread_view.plain_text(), timeout=10_000)
    assert "<img src=" in window.pane.thread_view.plain_text()
    assert window.pane.thread_view.loadResource(2, "http://198.51.100.1/x.png") is None


def test_an_attachment_opens_on_click_from_its_web_address_only(qtbot, window, demo_server):
    import httpx
    from PySide6.QtCore import QUrl

    from agent_desktop.chatwoot.reading import Fields
    from agent_desktop.chatwoot.records import Message
    from tests.support import samples

    view = window.pane.thread_view
    opened: list[str] = []
    view.open_url = lambda url: opened.append(url.toString())
    qtbot.waitUntil(lambda: any(m.attachments for m in view.messages), timeout=5000)
    message = next(m for m in view.messages if m.attachments)
    link = f"agent-desktop:attachment/{message.id}/0"
    assert f"href='{link}'" in view.toHtml().replace('"', "'")
    view.anchorClicked.emit(QUrl(link))  # what Qt emits for a click on it
    assert opened == [message.attachments[0].data_url]
    # the server hands the file over, by way of its storage's address, as Rails does
    assert httpx.get(opened[0], follow_redirects=True).status_code == 200

    hostile = samples.message()
    hostile["attachments"] = [{"id": 9, "file_type": "file", "data_url": "javascript:alert(1)"}]
    view.messages = [Message.parse(Fields(hostile, "message"))]
    view.anchorClicked.emit(QUrl(f"agent-desktop:attachment/{hostile['id']}/0"))
    assert len(opened) == 1  # nothing but a web address is opened


def test_shortcuts_are_named_actions_in_menus_and_the_sheet(qtbot, window):
    from agent_desktop.gui.shortcuts import SPECS, ShortcutSheet

    in_menus = {
        action.objectName()
        for menu in window.menuBar().findChildren(type(window.menuBar().actions()[0].menu()))
        for action in menu.actions()
    }
    in_window = {f"action-{spec.name}" for spec in SPECS if spec.scope == "window"}
    assert in_window <= in_menus
    assert "Ctrl+Return" in window.pane.reply.send_button.toolTip().replace(
        "Ctrl+Enter", "Ctrl+Return"
    )
    sheet = ShortcutSheet(window.actions_, window)
    qtbot.addWidget(sheet)
    items = [sheet.table.item(row, 2) for row in range(sheet.table.rowCount())]
    keys = {item.text() for item in items if item is not None}
    assert {"Alt+J", "Alt+K", "Ctrl+F", "Ctrl+/", "Alt+1", "Return", "Del"} <= keys


def test_the_shortcut_sheet_opens_showing_every_row_unscrolled(qtbot, window):
    from agent_desktop.gui.shortcuts import SPECS, ShortcutSheet

    sheet = ShortcutSheet(window.actions_, window)  # as Ctrl+/ opens it
    qtbot.addWidget(sheet)
    sheet.show()
    qtbot.waitExposed(sheet)
    table = sheet.table
    assert table.rowCount() == len(SPECS)
    assert not table.verticalScrollBar().isVisible()
    assert not table.horizontalScrollBar().isVisible()
    last = table.visualRect(table.model().index(len(SPECS) - 1, 2))
    assert table.viewport().rect().contains(last)  # the last row whole, keys and all
    assert window.screen().availableGeometry().contains(sheet.frameGeometry())


def test_the_scheduled_list_is_driven_from_the_keyboard(qtbot, window, session, monkeypatch):
    """Enter edits the selected message and Delete cancels it (with the undo notice), only
    while the list has the focus; the buttons' tooltips say so."""
    from datetime import timedelta

    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QDialog

    from agent_desktop.core.timezones import from_utc
    from agent_desktop.gui.edit_dialog import EditDialog
    from agent_desktop.scheduling.requests import ScheduleRequest

    when = from_utc(session.app.clock.now() + timedelta(hours=1), session.zone)
    record = session.service.schedule(ScheduleRequest(1, "Pelo teclado", when))
    edits: list[str] = []

    def edited(dialog: EditDialog) -> QDialog.DialogCode:
        edits.append(dialog.editor.toPlainText())
        return QDialog.DialogCode.Rejected

    monkeypatch.setattr(EditDialog, "exec", edited)
    window.tabs.setCurrentIndex(1)
    window.scheduled.reload()
    qtbot.waitUntil(lambda: window.scheduled.model.rowCount() == 1, timeout=10_000)
    assert "(Del)" in window.scheduled.buttons["cancel"].toolTip()
    table = window.scheduled.table
    window.scheduled.select(record.id)
    table.setFocus()
    qtbot.waitUntil(table.hasFocus, timeout=2_000)

    window.scheduled.search.setFocus()  # elsewhere, the keys are the field's own
    qtbot.waitUntil(window.scheduled.search.hasFocus, timeout=2_000)
    qtbot.keyClick(window.scheduled.search, Qt.Key.Key_Delete)
    assert session.app.outbox.get(record.id).state.value == "pending"

    table.setFocus()
    qtbot.waitUntil(table.hasFocus, timeout=2_000)
    qtbot.keyClick(table, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: edits == ["Pelo teclado"], timeout=10_000)
    qtbot.keyClick(table, Qt.Key.Key_Delete)
    qtbot.waitUntil(
        lambda: session.app.outbox.get(record.id).state.value == "cancelled", timeout=10_000
    )
    qtbot.waitUntil(lambda: window.notices.action.text() == "Undo", timeout=10_000)


def test_every_field_list_and_text_has_a_name_for_screen_readers(window):
    from PySide6.QtWidgets import (
        QAbstractItemView,
        QAbstractSpinBox,
        QComboBox,
        QHeaderView,
        QLineEdit,
        QPlainTextEdit,
        QTextEdit,
    )

    window.pane.reply.set_scheduling(True)
    nameless = [
        f"{type(w).__name__} in {type(w.parent()).__name__}"
        for kind in (QComboBox, QLineEdit, QAbstractItemView, QTextEdit, QPlainTextEdit)
        for w in window.findChildren(kind)
        # Qt's own parts: a combo box's popup list, headers, a spin box's inner field
        if w.window() is window
        and not isinstance(w, QHeaderView)
        and not w.objectName().startswith("qt_")
        and not w.accessibleName()
    ]
    nameless += [
        type(w).__name__ for w in window.findChildren(QAbstractSpinBox) if not w.accessibleName()
    ]
    assert nameless == []
