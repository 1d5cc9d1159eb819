"""The window on a small screen, as a person sees it: at 800 pixels wide the thread's
header shows the contact's name whole and its buttons on their own rows, none over
another; at 800 by 500 the scheduler scrolls inside the window instead of making it
taller than the screen, and on a taller window the divider gives it room; the list's
preview reads as plain words, not as the Markdown or mention links it was written in;
with the contact panel open at 800 wide the list gives way so the thread keeps room,
and the panel's attributes are cut with "…", whole on hover, never scrolled sideways."""

from __future__ import annotations

from dataclasses import replace
from itertools import combinations

from PySide6.QtCore import QEvent, QPoint, QRect, Qt
from PySide6.QtGui import QHelpEvent
from PySide6.QtWidgets import QApplication, QSplitter, QToolTip, QTreeWidget, QWidget

from agent_desktop.chatwoot.client import ChatwootClient
from agent_desktop.chatwoot.contact_updates import merge_custom_attributes
from agent_desktop.gui.contact_panel import ContactPanel
from agent_desktop.gui.conversation_model import ConversationRole, DraftRole
from agent_desktop.gui.main_window import MainWindow
from agent_desktop.gui.reply_box import NOTE

ELLIPSIS = "…"


def header_widgets(window: MainWindow) -> list[QWidget]:
    pane = window.pane
    shown = [
        pane.title,
        pane.subtitle,
        pane.assign_button,
        pane.tools.assign_button,
        pane.tools.labels_button,
        pane.tools.priority_button,
        pane.snooze_button,
        pane.resolve_button,
        pane.contact_button,
    ]
    return [widget for widget in shown if widget.isVisible()]


def placed(widget: QWidget, window: MainWindow) -> QRect:
    return QRect(widget.mapTo(window, QPoint(0, 0)), widget.size())


def resized(qtbot, window: MainWindow, width: int, height: int) -> None:
    window.resize(width, height)
    qtbot.waitUntil(lambda: (window.width(), window.height()) == (width, height), timeout=3000)
    qtbot.wait(20)  # the layouts follow the resize


def assert_header_readable(window: MainWindow) -> None:
    widgets = header_widgets(window)
    for one, other in combinations(widgets, 2):
        assert not placed(one, window).intersects(placed(other, window)), (one, other)
    for widget in widgets:
        assert window.rect().contains(placed(widget, window)), widget
        assert widget.visibleRegion().boundingRect() == widget.rect(), widget  # not clipped


def test_at_800_wide_the_name_shows_whole_and_no_button_covers_another(qtbot, window):
    pane = window.pane
    name = pane.conversation.title
    assert name == "Beatriz Lima"
    resized(qtbot, window, 800, 500)
    assert pane.title.shown_text() == name
    assert pane.title.toolTip() == ""  # nothing cut, nothing to tell
    assert_header_readable(window)
    # the buttons went below the title, the line under it keeps a useful width
    assert placed(pane.resolve_button, window).top() > placed(pane.title, window).bottom()
    assert not pane.subtitle.shown_text().startswith("#4 · o" + ELLIPSIS)

    pane.assign_button.setVisible(True)  # one more button: "Assign to me"
    qtbot.wait(20)
    assert pane.title.shown_text() == name
    assert_header_readable(window)


def test_where_there_is_room_the_buttons_sit_beside_the_title(qtbot, window):
    pane = window.pane
    resized(qtbot, window, 800, 500)
    window.contact.setVisible(False)
    window.conversations.setVisible(False)  # the whole width for the conversation
    qtbot.wait(20)
    assert pane.title.shown_text() == pane.conversation.title
    title, resolve = placed(pane.title, window), placed(pane.resolve_button, window)
    assert resolve.top() < placed(pane.subtitle, window).bottom()  # on the title's row
    assert resolve.left() > title.right()
    assert_header_readable(window)


def test_at_800_by_500_the_scheduler_scrolls_inside_the_window(qtbot, window):
    resized(qtbot, window, 800, 500)
    reply = window.pane.reply
    reply.editor.insertPlainText("Até amanhã!")
    reply.set_scheduling(True)
    qtbot.waitUntil(reply.scheduler.isVisible, timeout=3000)
    qtbot.wait(50)
    assert (window.width(), window.height()) == (800, 500)  # not grown past the screen
    send = reply.send_button
    assert send.isVisible() and send.visibleRegion().boundingRect() == send.rect()
    assert window.rect().contains(placed(send, window))

    area = reply.scheduler_area
    assert window.rect().contains(placed(area, window))
    assert area.verticalScrollBar().maximum() > 0  # what does not fit is scrolled to
    hold = reply.scheduler.hold
    area.ensureWidgetVisible(hold)
    qtbot.waitUntil(lambda: hold.visibleRegion().boundingRect() == hold.rect(), timeout=3000)


def test_the_divider_gives_the_scheduler_room_and_takes_it_back(qtbot, window):
    resized(qtbot, window, 800, 600)
    pane, reply = window.pane, window.pane.reply
    splitter = pane.findChild(QWidget, "thread-splitter")
    before = splitter.sizes()
    reply.set_scheduling(True)
    area = reply.scheduler_area
    qtbot.waitUntil(lambda: splitter.sizes() != before, timeout=3000)
    qtbot.wait(20)
    thread_least = pane.thread_view.minimumSizeHint().height()
    # the scheduler whole, or as much as the thread can give
    assert area.verticalScrollBar().maximum() == 0 or splitter.sizes()[0] <= thread_least + 2
    assert area.height() > area.minimumSizeHint().height()
    reply.set_scheduling(False)
    qtbot.waitUntil(lambda: splitter.sizes() == before, timeout=3000)


def test_the_list_preview_shows_plain_words(qtbot, window, demo_server):
    view = window.conversations.view
    model = window.conversations.model
    delegate = view.itemDelegate()
    index = model.index(0)
    conversation = index.data(ConversationRole)
    written = (
        "**Pedido** enviado: [rastreio](https://example.com/r/1) — "
        "[@Bruno Costa](mention://user/2/Bruno%20Costa) confere?"
    )
    last = replace(conversation.last_message, content=written)
    shown = replace(conversation, last_message=last)
    snippet = delegate.row(view.visualRect(index), view.font(), shown).snippet.text
    assert "mention://" not in snippet and "**" not in snippet and "](" not in snippet
    assert snippet.startswith("↩ Pedido enviado: rastreio") or snippet.startswith(
        "Pedido enviado: rastreio"
    )
    wide = QRect(0, 0, 2000, 80)
    whole = delegate.row(wide, view.font(), shown).snippet.text
    assert whole.endswith("Pedido enviado: rastreio — @Bruno Costa confere?")


def test_a_draft_note_with_a_mention_shows_in_the_list_as_read(qtbot, window):
    reply = window.pane.reply
    first = window.pane.conversation.id
    model = window.conversations.model
    reply.mode.setCurrentIndex(NOTE)
    qtbot.waitUntil(lambda: bool(reply.mentions.choices), timeout=10_000)
    reply.editor.setFocus()
    qtbot.keyClicks(reply.editor, "**Urgente** @Br")
    qtbot.keyClick(reply.mentions.popup, Qt.Key.Key_Return)
    qtbot.keyClicks(reply.editor, "pode ver?")
    assert "mention://" in reply.text()
    window.actions_["next"].trigger()
    qtbot.waitUntil(lambda: window.pane.conversation.id != first, timeout=5000)

    index = model.index(model.row_of(first))
    assert index.data(DraftRole) is not None
    view = window.conversations.view
    row = view.itemDelegate().row(
        QRect(0, 0, 2000, 80), view.font(), index.data(ConversationRole), index.data(DraftRole)
    )
    assert row.snippet.text == "Draft: Urgente @Bruno Costa pode ver?"


# -- the contact panel open in a narrow window -------------------------------------------

THREAD_LEAST = 400  # the thread's width, at least, to read and answer in beside the panel


def with_contact_panel(qtbot, window: MainWindow) -> ContactPanel:
    window.actions_["contact"].trigger()
    panel = window.contact
    qtbot.waitUntil(
        lambda: panel.card is not None and panel.view.content.isVisible(), timeout=10_000
    )
    qtbot.wait(20)  # the layouts follow the panel
    return panel


def test_at_800_by_500_the_list_gives_way_so_the_thread_keeps_room_beside_the_panel(qtbot, window):
    resized(qtbot, window, 800, 500)
    alone = window.conversations.width()
    panel = with_contact_panel(qtbot, window)
    pane = window.pane
    assert pane.width() >= THREAD_LEAST
    assert panel.width() >= panel.minimumWidth()
    assert window.conversations.width() >= window.conversations.minimumSizeHint().width()
    send = pane.reply.send_button
    assert send.isVisible() and send.visibleRegion().boundingRect() == send.rect()
    assert window.rect().contains(placed(send, window))
    assert_header_readable(window)

    window.actions_["contact"].trigger()  # the panel closed, the list gets its room back
    qtbot.waitUntil(lambda: window.conversations.width() == alone, timeout=3000)


def cell_tooltip(qtbot, table: QTreeWidget, row: int, column: int) -> str:
    """What a pointer resting on the cell is told."""
    QToolTip.hideText()
    where = table.visualRect(table.model().index(row, column)).center()
    viewport = table.viewport()
    event = QHelpEvent(QEvent.Type.ToolTip, where, viewport.mapToGlobal(where))
    QApplication.sendEvent(viewport, event)
    qtbot.waitUntil(QToolTip.isVisible, timeout=3000)
    return QToolTip.text()


def test_at_800_by_500_the_attributes_are_cut_with_the_whole_value_on_hover(
    qtbot, window, demo_server
):
    note = "Entregar na portaria com o Sr. Joaquim, depois das 14h e nunca aos sábados"
    contact = window.pane.conversation.contact
    with ChatwootClient(
        demo_server.url, demo_server.token, account_id=demo_server.accounts.upstream
    ) as api:
        merge_custom_attributes(api, contact.id, {"cliente_desde": "2019-10-06", "obs": note})
    resized(qtbot, window, 800, 500)
    table = with_contact_panel(qtbot, window).view.contact_attributes
    names = list(table.rows())
    long, short = names.index("Obs"), names.index("Cliente desde")

    assert table.horizontalScrollBar().maximum() == 0  # nothing to scroll sideways to
    for row in range(table.topLevelItemCount()):
        for column in (0, 1):
            cell = table.visualRect(table.model().index(row, column))
            assert table.viewport().rect().contains(cell), (row, column)
    shown = table.shown_text(long, 1)
    assert shown.endswith(ELLIPSIS) and note.startswith(shown[:-1])
    assert len(shown) > 4  # a few words of it, not a lone "…"
    assert cell_tooltip(qtbot, table, long, 1) == note
    assert table.shown_text(short, 1) == "2019-10-06"  # a date whole, never "2019-10-0…"
    name = table.shown_text(short, 0)  # the names keep half the width, cut if longer
    assert len(name) > 4 and (name == "Cliente desde" or "Cliente desde".startswith(name[:-1]))
    assert cell_tooltip(qtbot, table, short, 0) == "Cliente desde"


def test_the_panel_gets_back_the_width_the_agent_gave_it_once_there_is_room(qtbot, window):
    resized(qtbot, window, 1280, 800)
    panel = with_contact_panel(qtbot, window)
    inner = window.pane.parentWidget()
    assert isinstance(inner, QSplitter)
    total = sum(inner.sizes())
    inner.setSizes([total - 450, 450])  # the agent drags the divider: a wider panel
    qtbot.wait(20)
    resized(qtbot, window, 850, 500)
    assert panel.width() < 450  # a narrow window: the panel gave way
    resized(qtbot, window, 1280, 800)
    qtbot.waitUntil(lambda: abs(panel.width() - 450) <= 2, timeout=3000)
