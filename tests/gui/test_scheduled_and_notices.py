"""The Scheduled tab, its actions (cancel with undo, send now, edit, retry), notices
inside the window where there is no tray, and the quit warning."""

from __future__ import annotations

from datetime import timedelta

from PySide6.QtWidgets import QDialog, QMessageBox

from agent_desktop.core.timezones import from_utc
from agent_desktop.gui.edit_dialog import EditDialog
from agent_desktop.scheduling.requests import ScheduleRequest
from agent_desktop.store.states import OutboxState

S = OutboxState


def schedule(session, text, minutes=60, conversation=None, label=""):
    conversation = conversation or 1
    when = from_utc(session.app.clock.now() + timedelta(minutes=minutes), session.zone)
    request = ScheduleRequest(conversation, text, when, conversation_label=label)
    return session.service.schedule(request)


def open_tab(qtbot, window, count):
    window.tabs.setCurrentIndex(1)
    window.scheduled.reload()
    qtbot.waitUntil(lambda: window.scheduled.model.rowCount() == count, timeout=10_000)


def test_the_tab_lists_filters_and_details(qtbot, window, session):
    first = schedule(session, "Lembrete do boleto", 30, label="Ana Pereira")
    second = schedule(session, "Pesquisa de satisfação", 90, label="Ana Pereira")
    schedule(session, "Boleto enviado", 120, conversation=2, label="Gabriel Miller")
    session.service.cancel(second.id)
    open_tab(qtbot, window, 3)
    tab = window.scheduled
    assert tab.proxy.rowCount() == 2  # pending by default
    tab.status.setCurrentIndex(tab.status.count() - 1)  # all
    assert tab.proxy.rowCount() == 3
    tab.search.setText("SATISFAÇÃO")  # any case
    assert tab.proxy.rowCount() == 1
    tab.search.clear()
    assert tab.conversation.currentText() == "Any conversation"
    assert [tab.conversation.itemText(i) for i in range(tab.conversation.count())] == [
        "Any conversation",
        "#1 Ana Pereira",
        "#2 Gabriel Miller",
    ]
    tab.conversation.setCurrentIndex(2)  # by name: conversation 2
    assert tab.proxy.rowCount() == 1
    assert tab.proxy.data(tab.proxy.index(0, 3)) == "Boleto enviado"
    tab.conversation.setCurrentIndex(0)
    assert tab.select(first.id)
    assert "Lembrete do boleto" in tab.detail_text.toPlainText()
    assert tab.buttons["cancel"].isEnabled() and not tab.buttons["retry"].isEnabled()
    when = from_utc(first.scheduled_at, session.zone).display()
    assert tab.model.data(tab.model.index(tab.model.row_of(first.id), 0)) == when


def test_the_time_and_status_columns_are_wide_enough_for_what_they_hold(qtbot, window, session):
    record = schedule(session, "Lembrete", 59)
    open_tab(qtbot, window, 1)
    table = window.scheduled.table
    row = window.scheduled.model.row_of(record.id)
    for column in (0, 1, 4, 5):
        text = window.scheduled.model.data(window.scheduled.model.index(row, column))
        # what the view itself needs to show the cell whole, margins included
        assert table.columnWidth(column) >= table.sizeHintForColumn(column), text


def test_cancel_can_be_undone_from_the_notice(qtbot, window, session):
    record = schedule(session, "Talvez não", 30)
    open_tab(qtbot, window, 1)
    window.scheduled.select(record.id)
    window.scheduled.buttons["cancel"].click()
    qtbot.waitUntil(
        lambda: window.notices.isVisible() and window.notices.action.text() == "Undo",
        timeout=10_000,
    )
    assert session.app.outbox.get(record.id).state is S.CANCELLED
    window.notices.action.click()
    qtbot.waitUntil(lambda: session.app.outbox.get(record.id).state is S.PENDING, timeout=10_000)


def test_send_now_and_retry_from_the_tab(qtbot, window, session):
    record = schedule(session, "Agora!", 45)
    open_tab(qtbot, window, 1)
    window.scheduled.select(record.id)
    window.scheduled.buttons["send-now"].click()
    qtbot.waitUntil(
        lambda: session.app.outbox.get(record.id).due_at <= session.app.clock.now(), timeout=10_000
    )
    dispatcher = session.app.dispatcher()
    dispatcher.step()
    assert session.app.outbox.get(record.id).state is S.SENT
    lost = schedule(session, "Para lugar nenhum", 10, conversation=99_999)
    session.app.clock.advance(timedelta(minutes=10))
    dispatcher.step()
    assert session.app.outbox.get(lost.id).state is S.FAILED
    window.scheduled.reload()
    qtbot.waitUntil(lambda: window.scheduled.model.row_of(lost.id) is not None, timeout=5000)
    window.scheduled.select(lost.id)
    assert window.scheduled.buttons["retry"].isEnabled()
    qtbot.waitUntil(
        lambda: "Resource could not be found" in window.scheduled.attempts.toPlainText(),
        timeout=5000,
    )
    window.scheduled.buttons["retry"].click()
    qtbot.waitUntil(lambda: session.app.outbox.get(lost.id).state is S.PENDING, timeout=10_000)


def test_edit_changes_text_and_time(qtbot, window, session):
    record = schedule(session, "Primeira versão", 30)
    dialog = EditDialog(session, record, window)
    qtbot.addWidget(dialog)
    dialog.editor.setPlainText("Versão final")
    later = from_utc(record.scheduled_at + timedelta(hours=2), session.zone)
    dialog.panel.set_wall(later.wall)  # the picker works in whole minutes
    text, when = dialog.result_value()
    assert text == "Versão final" and when is not None
    assert when.instant == later.instant.replace(second=0, microsecond=0)
    dialog.editor.setPlainText("   ")
    assert not dialog.buttons.button(dialog.buttons.StandardButton.Save).isEnabled()


def test_edit_from_the_thread_opens_the_dialog(qtbot, window, session, monkeypatch):
    record = schedule(session, "Do fio", 30, conversation=window.pane.conversation.id)
    window.pane.reload_pending()
    qtbot.waitUntil(lambda: bool(window.pane.pending), timeout=10_000)

    def accept(dialog):
        dialog.editor.setPlainText("Do fio, editado")
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(EditDialog, "exec", accept)
    window.pane.thread_view.action_requested.emit("edit", record.id)
    qtbot.waitUntil(
        lambda: session.app.outbox.get(record.id).content == "Do fio, editado", timeout=10_000
    )


def test_a_failed_message_is_announced_in_the_window_and_opens_it(qtbot, window, session):
    assert not window.tray.available  # offscreen: no tray, so notices show inside
    lost = schedule(session, "Vai falhar", 10, conversation=99_999)
    session.app.clock.advance(timedelta(minutes=10))
    session.app.dispatcher().step()
    qtbot.waitUntil(
        lambda: window.notices.isVisible() and "failed" in window.notices.label.text(),
        timeout=10_000,
    )
    assert window.notices.action.text() == "Open"
    window.notices.action.click()
    assert window.tabs.currentIndex() == 1
    qtbot.waitUntil(
        lambda: (
            window.scheduled.selected() is not None and window.scheduled.selected().id == lost.id
        ),
        timeout=10_000,
    )


def test_a_lost_sign_in_is_announced(qtbot, window, session):
    session.signed_out.emit("Invalid Access Token")
    assert window.notices.isVisible() and "Sign-in lost" in window.notices.label.text()


def test_quitting_with_local_messages_pending_warns(qtbot, window, session, monkeypatch):
    schedule(session, "Ainda na fila", 60)
    window.scheduled.reload()
    qtbot.waitUntil(lambda: window.pending_local == 1, timeout=10_000)
    asked = []

    def warning(*args, **kwargs):
        asked.append(args[2])
        return QMessageBox.StandardButton.Cancel

    monkeypatch.setattr(QMessageBox, "warning", warning)
    assert window.confirm_quit() is False
    assert "will not be sent while the app is closed" in asked[0]


def test_a_lasting_notice_comes_back_when_a_passing_one_ends(qtbot):
    from agent_desktop.gui.notices import NoticeBar

    bar = NoticeBar()
    qtbot.addWidget(bar)
    bar.show()
    opened: list[int] = []
    bar.show_notice("A scheduled message failed", "Open", lambda: opened.append(7), seconds=0)
    bar.show_notice("Settings saved", seconds=0.05)
    assert bar.label.text() == "Settings saved" and not bar.action.isVisible()
    qtbot.waitUntil(lambda: bar.label.text() == "A scheduled message failed", timeout=2_000)
    assert bar.isVisible() and bar.action.isVisible()
    bar.show_notice("Sign-in lost", seconds=0)
    bar.close_button.click()  # dismissed: the older lasting notice is still owed
    assert bar.label.text() == "A scheduled message failed"
    bar.action.click()
    assert opened == [7] and not bar.isVisible()
