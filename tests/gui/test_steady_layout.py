"""A steady window: a notice, an error or a choice appearing moves nothing the agent may be
about to click. Notices float over the window's top right, stay long enough to read (and
while the pointer rests on them), and are kept in a history to read again."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from PySide6.QtCore import QEvent, QPoint, QPointF, QRect
from PySide6.QtGui import QEnterEvent
from PySide6.QtWidgets import QApplication, QWidget

from agent_desktop.core.timezones import local_zone
from agent_desktop.gui.main_window import MainWindow
from agent_desktop.gui.notices import NoticeBar
from agent_desktop.gui.shortcuts import SPECS
from tests.gui.test_scheduling_widgets import panel_at, type_into_picker


def settle() -> None:
    """Let posted layout requests reach the layouts."""
    for _ in range(3):
        QApplication.processEvents()


def where(widget: QWidget, window: QWidget) -> QRect:
    return QRect(widget.mapTo(window, QPoint(0, 0)), widget.size())


def places(window: MainWindow) -> dict[str, QRect]:
    widgets = {
        "tabs": window.tabs,
        "conversation list": window.conversations.view,
        "thread": window.pane.thread_view,
        "editor": window.pane.reply.editor,
        "send": window.pane.reply.send_button,
    }
    return {name: where(widget, window) for name, widget in widgets.items()}


def quiet(window: MainWindow) -> None:
    while window.notices.isVisible():  # the start-up notices
        window.notices.dismiss()
    settle()


def test_a_notice_comes_and_goes_without_moving_anything(qtbot, window):
    window.resize(780, 560)
    quiet(window)
    before = places(window)
    window.notices.show_notice("Message scheduled for tomorrow 9:00", "Undo", lambda: None)
    settle()
    toast = window.notices
    assert toast.isVisible() and toast.label.text() == "Message scheduled for tomorrow 9:00"
    assert places(window) == before
    shown = where(toast, window)
    # it covers nothing one aims at: not the conversations, the thread, the reply, the
    # menus or the tabs
    for name, place in before.items():
        if name != "tabs":
            assert not shown.intersects(place), name
    menus = window.menuBar()
    for action in menus.actions():
        item = menus.actionGeometry(action).translated(menus.mapTo(window, QPoint(0, 0)))
        assert not shown.intersects(item), action.text()
    bar = window.tabs.tabBar()
    for index in range(bar.count()):
        tab = bar.tabRect(index).translated(bar.mapTo(window, QPoint(0, 0)))
        assert not shown.intersects(tab)
    toast.close_button.click()
    settle()
    assert not toast.isVisible() and places(window) == before


def test_the_toast_stays_inside_the_window_as_it_is_resized(qtbot, window):
    quiet(window)
    toast = window.notices
    toast.show_notice(
        "Could not reach the server: the connection was refused. Scheduled messages wait "
        "and go out once it answers again."
    )
    for width, height in ((780, 560), (520, 420), (700, 500)):
        window.resize(width, height)
        settle()
        shown = where(toast, window)
        assert window.rect().contains(shown), (width, height)
        assert window.width() - shown.right() <= 10  # at the right edge
        assert shown.top() <= 10  # at the top
        assert toast.label.height() >= toast.label.heightForWidth(toast.label.width())


def test_a_notice_stays_long_enough_to_read_and_waits_while_pointed_at(qtbot, window):
    quiet(window)
    toast = window.notices
    short = toast.show_notice("Settings saved")
    long = toast.show_notice(" ".join(["word"] * 40))
    assert short.seconds >= 8 and long.seconds > short.seconds + 5
    toast.dismiss()

    toast.show_notice("Message cancelled", seconds=0.2)
    settle()
    qtbot.mouseMove(toast, toast.rect().center())
    qtbot.waitUntil(lambda: toast.paused, timeout=1_000)
    qtbot.wait(350)  # longer than its time: it is still there
    assert toast.isVisible() and toast.label.text() == "Message cancelled"
    toast.leaveEvent(QEvent(QEvent.Type.Leave))  # offscreen, moving away sends no leave
    assert not toast.paused
    qtbot.waitUntil(lambda: not toast.isVisible(), timeout=2_000)  # and then it goes


def test_a_notice_that_comes_while_pointed_at_waits_too(qtbot):
    parent = QWidget()
    qtbot.addWidget(parent)
    parent.resize(600, 300)
    parent.show()
    toast = NoticeBar(parent)
    toast.show_notice("First", seconds=5)
    qtbot.mouseMove(toast, toast.rect().center())
    qtbot.waitUntil(lambda: toast.paused, timeout=1_000)
    toast.show_notice("Second", seconds=0.05)
    qtbot.wait(120)
    assert toast.isVisible() and toast.label.text() == "Second" and toast.paused
    toast.leaveEvent(QEvent(QEvent.Type.Leave))  # offscreen, moving away sends no leave
    qtbot.waitUntil(lambda: not toast.isVisible(), timeout=1_000)


def test_a_pointer_parked_where_the_toast_appears_does_not_hold_it(qtbot):
    parent = QWidget()
    qtbot.addWidget(parent)
    parent.resize(600, 300)
    parent.show()
    toast = NoticeBar(parent)
    toast.show_notice("Where the pointer rests", seconds=5)
    qtbot.mouseMove(toast, toast.rect().center())  # parked over where notices appear
    toast.dismiss()
    toast.show_notice("Settings saved", seconds=0.1)
    toast.enterEvent(QEnterEvent(QPointF(5, 5), QPointF(5, 5), QPointF(5, 5)))  # as Qt sends
    assert not toast.paused
    qtbot.waitUntil(lambda: not toast.isVisible(), timeout=1_000)


def test_the_history_keeps_every_notice_newest_first_with_its_time(qtbot, window):
    quiet(window)
    history = window.notices.history
    start = datetime(2026, 5, 4, 12, 0, 5, tzinfo=UTC)
    moments = iter([start - timedelta(days=2), start, start + timedelta(seconds=61)])
    history.now = lambda: next(moments, start + timedelta(minutes=2))
    window.notices.show_notice("Old news", seconds=0)
    window.notices.show_notice("Settings saved")
    window.notices.show_notice("Message cancelled", "Undo", lambda: None)
    texts = [entry.text for entry in history.entries()]
    assert texts[:3] == ["Message cancelled", "Settings saved", "Old news"]
    assert [entry.when for entry in history.entries()[:3]] == [
        start + timedelta(seconds=61),
        start,
        start - timedelta(days=2),
    ]
    window.notices.dismiss()  # the lasting one comes back: not a new notice
    assert [entry.text for entry in history.entries()][:3] == texts[:3]

    opener = next(
        action
        for menu in window.menuBar().actions()
        for action in menu.menu().actions()
        if action.objectName() == "action-notifications"
    )
    assert opener.text() == "Notifications…" and opener.shortcut().toString() == "Ctrl+Shift+N"
    assert [spec.shortcut for spec in SPECS].count("Ctrl+Shift+N") == 1  # a key of its own
    opener.trigger()
    dialog = window.notices.history_dialog
    assert dialog is not None
    qtbot.waitUntil(dialog.isVisible, timeout=1_000)
    table = dialog.table
    rows = [(table.item(row, 0).text(), table.item(row, 1).text()) for row in range(3)]
    zone = local_zone()
    newest, middle, oldest = (
        moment.astimezone(zone)
        for moment in (start + timedelta(seconds=61), start, start - timedelta(days=2))
    )
    assert rows[0] == (f"{newest:%H:%M:%S}", "Message cancelled")
    assert rows[1] == (f"{middle:%H:%M:%S}", "Settings saved")
    assert rows[2][1] == "Old news"  # two days before: with its day
    assert rows[2][0].endswith(f"{oldest:%H:%M:%S}") and str(oldest.day) in rows[2][0]
    assert not table.editTriggers()  # read-only

    window.notices.show_notice("Signed in again.")  # it keeps up while open
    assert table.item(0, 1).text() == "Signed in again."
    dialog.close()


def test_the_history_keeps_the_last_fifty(qtbot):
    toast = NoticeBar()
    qtbot.addWidget(toast)
    for n in range(60):
        toast.show_notice(f"Notice {n}")
    texts = [entry.text for entry in toast.history.entries()]
    assert len(texts) == 50 and texts[0] == "Notice 59" and texts[-1] == "Notice 10"


def test_the_scheduler_error_comes_and_goes_without_moving_the_panel(qtbot, window, session):
    quiet(window)
    reply = window.pane.reply
    reply.set_scheduling(True)
    panel = reply.scheduler
    settle()
    watched = {
        "panel": panel,
        "preset": panel.presets[0],
        "picker": panel.picker,
        "hold": panel.hold,
        "editor": reply.editor,
    }

    def layout() -> tuple[dict[str, QRect], int]:
        # the send button's words name the time chosen, so only its height stays put
        send = where(reply.send_button, window)
        return {name: where(widget, window) for name, widget in watched.items()}, send.top()

    before = layout()
    assert panel.problem() is None
    now = session.clock.now().astimezone(panel.zone).replace(tzinfo=None)
    type_into_picker(panel, now + timedelta(minutes=2))  # too soon
    settle()
    assert "at least 5 minutes" in panel.problem_label.text() and panel.problem_label.isVisible()
    assert layout() == before
    type_into_picker(panel, now + timedelta(hours=2))
    settle()
    assert panel.problem() is None and not panel.problem_label.isVisible()
    assert layout() == before


def test_a_missing_or_repeated_hour_moves_nothing_in_the_panel(qtbot):
    panel = panel_at(qtbot, datetime(2027, 3, 13, 12, 0, tzinfo=UTC))
    panel.resize(720, panel.sizeHint().height())
    panel.show()
    settle()
    watched = (panel.presets[0], panel.picker, panel.local_label, panel.problem_label, panel.hold)

    def layout() -> tuple[list[QRect], int]:
        return [where(widget, panel) for widget in watched], panel.sizeHint().height()

    before = layout()
    type_into_picker(panel, datetime(2027, 3, 14, 2, 30))  # does not exist in New York
    settle()
    assert panel.gap_box.isVisible() and panel.problem_label.isVisible()
    assert layout() == before
    type_into_picker(panel, datetime(2027, 11, 7, 1, 30))  # happens twice
    settle()
    assert panel.fold_box.isVisible() and not panel.gap_box.isVisible()
    assert layout() == before
    type_into_picker(panel, datetime(2027, 6, 1, 9, 0))
    settle()
    assert not panel.fold_box.isVisible() and not panel.gap_box.isVisible()
    assert layout() == before
