"""The Scheduled tab, its actions (cancel with undo, send now, edit, retry), notices
inside the window where there is no tray, and the quit warning."""

from __future__ import annotations

from datetime import timedelta
from zoneinfo import ZoneInfo

from PySide6.QtWidgets import QDialog, QMessageBox

from agent_desktop.core.timezones import from_utc
from agent_desktop.gui.edit_dialog import EditDialog
from agent_desktop.scheduling.requests import ScheduleRequest
from agent_desktop.store.states import OutboxState
from tests.support.samples import next_fall_back

S = OutboxState


def schedule(session, text, minutes=60, conversation=None, label=""):
    conversation = conversation or 1
    when = from_utc(session.app.clock.now() + timedelta(minutes=minutes), session.zone)
    request = ScheduleRequest(conversation, text, when, conversation_label=label)
    return session.service.schedule(request)


def open_tab(qtbot, window, count):
    window.tabs.setCurrentIndex(1)
    window.scheduled.reload()
    qtbot.waitUntil(lambda: len(window.scheduled.model.records) == count, timeout=10_000)


def test_the_tab_lists_filters_and_details(qtbot, window, session):
    first = schedule(session, "Lembrete do boleto", 30, label="Ana Pereira")
    second = schedule(session, "Pesquisa de satisfação", 90, label="Ana Pereira")
    schedule(session, "Boleto enviado", 120, conversation=2, label="Gabriel Miller")
    session.service.cancel(second.id)
    open_tab(qtbot, window, 3)
    tab = window.scheduled
    assert tab.model.rowCount() == 2  # pending by default
    tab.status.setCurrentIndex(tab.status.count() - 1)  # all
    assert tab.model.rowCount() == 3
    tab.search.setText("SATISFAÇÃO")  # any case
    assert tab.model.rowCount() == 1
    tab.search.clear()
    assert tab.conversation.currentText() == "Any conversation"
    assert [tab.conversation.itemText(i) for i in range(tab.conversation.count())] == [
        "Any conversation",
        "#1 Ana Pereira",
        "#2 Gabriel Miller",
    ]
    tab.conversation.setCurrentIndex(2)  # by name: conversation 2
    assert tab.model.rowCount() == 1
    assert tab.model.data(tab.model.index(0, 3)) == "Boleto enviado"
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


def test_a_text_edit_of_a_repeated_hour_message_with_seconds_keeps_its_instant(
    qtbot, window, session, demo_clock, monkeypatch
):
    new_york = ZoneInfo("America/New_York")
    fall_back = next_fall_back(new_york, demo_clock.now())
    if fall_back - demo_clock.now() > timedelta(days=30):  # inside a year, any date
        demo_clock.advance(fall_back - demo_clock.now() - timedelta(days=30))
    # 01:30:45.123456 in the second, standard-time, run of the repeated hour
    instant = fall_back + timedelta(minutes=30, seconds=45, microseconds=123456)
    session.zone = new_york
    when = from_utc(instant, new_york)
    record = session.service.schedule(ScheduleRequest(1, "Primeira versão", when))
    assert record.scheduled_at == instant

    def change_the_text_only(dialog):
        assert dialog.panel.later.isChecked()
        assert dialog.panel.picker.text().endswith("01:30:45")
        dialog.editor.setPlainText("Versão final")
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(EditDialog, "exec", change_the_text_only)
    window.scheduled.action.emit("edit", record.id)
    qtbot.waitUntil(
        lambda: session.app.outbox.get(record.id).content == "Versão final", timeout=10_000
    )
    assert session.app.outbox.get(record.id).scheduled_at == instant  # to the microsecond


def test_what_needs_attention_is_shown_first_and_counted(qtbot, window, session):
    waiting = schedule(session, "Ainda vai", 30)
    lost = schedule(session, "Para lugar nenhum", 10, conversation=99_999)
    session.app.clock.advance(timedelta(minutes=10))
    session.app.dispatcher().step()
    assert session.app.outbox.get(lost.id).state is S.FAILED
    open_tab(qtbot, window, 2)
    tab = window.scheduled
    assert tab.status.currentText() == "Needs attention"
    assert [tab.model.data(tab.model.index(r, 3)) for r in range(tab.model.rowCount())] == [
        "Para lugar nenhum"
    ]
    assert window.tabs.tabText(1) == "Scheduled (2)"  # one waiting, one to look at
    assert window.tray.attention_action.text() == "1 needs attention"
    tab.select(waiting.id)
    assert tab.status.currentText() == "All"  # shown where it is


def test_a_cancelled_message_can_be_restored_later_until_its_time(qtbot, window, session):
    record = schedule(session, "Talvez depois", 30)
    session.service.cancel(record.id)
    open_tab(qtbot, window, 1)
    tab = window.scheduled
    tab.select(record.id)
    assert tab.buttons["restore"].isEnabled() and not tab.buttons["cancel"].isEnabled()
    row = tab.model.row_of(record.id)
    assert tab.model.data(tab.model.index(row, 1)) == ""  # no "in 30 min" for a cancelled one
    session.app.clock.advance(timedelta(minutes=10))  # long after any undo notice
    tab.buttons["restore"].click()
    qtbot.waitUntil(lambda: session.app.outbox.get(record.id).state is S.PENDING, timeout=10_000)
    restored = session.app.outbox.get(record.id)
    assert restored.due_at == record.scheduled_at
    cancelled = session.service.cancel(record.id)
    qtbot.waitUntil(lambda: list(tab.model.records.values()) == [cancelled], timeout=10_000)
    tab.select(record.id)
    assert tab.buttons["restore"].isEnabled()
    session.app.clock.advance(timedelta(minutes=21))  # its time has passed
    tab.reload()  # as the tab's own timer does every 30 s
    qtbot.waitUntil(lambda: not tab.buttons["restore"].isEnabled(), timeout=10_000)


def test_a_sent_message_says_when_it_went_not_when_it_was_due(qtbot, window, session):
    record = schedule(session, "Já foi", 10)
    session.app.clock.advance(timedelta(minutes=10))
    session.app.dispatcher().step()
    session.app.clock.advance(timedelta(hours=2))
    open_tab(qtbot, window, 1)
    tab = window.scheduled
    assert tab.select(record.id)  # shown where it is: among all
    row = tab.model.row_of(record.id)
    assert tab.model.data(tab.model.index(row, 1)) == "sent 2 h ago"


def test_the_card_in_the_thread_offers_what_the_policy_allows(qtbot, window, session):
    cid = window.pane.conversation.id
    schedule(session, "Fica para depois", 30, conversation=cid)
    window.pane.reload_pending()
    qtbot.waitUntil(lambda: bool(window.pane.pending), timeout=10_000)
    html = window.pane.thread_view.toHtml()
    assert "agent-desktop:edit/" in html and "agent-desktop:cancel/" in html
    assert "agent-desktop:retry/" not in html


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


def test_quitting_asks_only_when_waiting_messages_will_not_go_out(
    qtbot, window, session, monkeypatch
):
    schedule(session, "Ainda na fila", 60)
    window.scheduled.reload()
    qtbot.waitUntil(lambda: window.pending_local == 1, timeout=10_000)
    asked = []

    def warning(*args, **kwargs):
        asked.append(args[2])
        return QMessageBox.StandardButton.Cancel

    monkeypatch.setattr(QMessageBox, "warning", warning)
    told = []
    monkeypatch.setattr(window.tray, "notify", lambda title, text, **_: told.append(text))
    assert window.confirm_quit() is True  # the sender goes on without the window
    assert not asked and told[0].startswith("1 scheduled message will still go out at its time")
    session.hold_sending(True)
    assert window.confirm_quit() is False
    assert "sending is paused: nothing goes out until sending is resumed" in asked[0]


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


def test_the_thread_shows_the_soonest_scheduled_cards_and_counts_the_rest(qtbot, window, session):
    cid = window.pane.conversation.id
    for n in range(7):
        schedule(session, f"Lembrete {n}", 30 + 10 * (6 - n), conversation=cid)
    window.pane.reload_pending()
    qtbot.waitUntil(lambda: len(window.pane.pending) == 7, timeout=10_000)
    shown = window.pane.thread_view.toPlainText()
    assert all(f"Lembrete {n}" in shown for n in (2, 3, 4, 5, 6))  # the soonest five
    assert "Lembrete 0" not in shown and "Lembrete 1" not in shown
    assert "and 2 more in the Scheduled tab" in shown
