"""Readable everywhere: every text the window draws reads at WCAG AA on its ground, in a
light and a dark palette; texts are cut with "…" rather than off; the window fits its
screen, also at a scale factor of 2; at 800 by 500 the reply box and Send still show."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from dataclasses import asdict
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from PySide6.QtCore import QByteArray, QModelIndex, QPoint, QRect, Qt
from PySide6.QtGui import QColor, QFont, QImage, QPainter, QPalette
from PySide6.QtWidgets import (
    QApplication,
    QMainWindow,
    QStyle,
    QStyleOptionViewItem,
    QTableView,
)

from agent_desktop.core.clock import FakeClock
from agent_desktop.core.contrast import AA_TEXT, contrast_ratio
from agent_desktop.gui.colours import DARK, LIGHT, PAIRS, fit_palette, fitted, for_palette
from agent_desktop.gui.conversation_delegate import ConversationDelegate, Piece
from agent_desktop.gui.conversation_model import ConversationModel
from agent_desktop.gui.scheduled_model import ScheduledModel
from agent_desktop.gui.window_state import FILENAME, FORMAT

from .test_scheduled_model import NOW, record
from .test_window_state import reopen

ELLIPSIS = "…"


def dark_palette() -> QPalette:
    """A dark desktop's palette, with the light theme's link blue such desktops keep."""
    palette = QPalette()
    role = QPalette.ColorRole
    for which, colour in (
        (role.Window, "#353535"),
        (role.WindowText, "#e8e8e8"),
        (role.Base, "#232323"),
        (role.AlternateBase, "#2c2c2c"),
        (role.Text, "#e8e8e8"),
        (role.Button, "#353535"),
        (role.ButtonText, "#e8e8e8"),
        (role.Highlight, "#3d8ee6"),
        (role.HighlightedText, "#ffffff"),
        (role.Link, "#0000ff"),
        (role.PlaceholderText, "#6a6a6a"),
        (role.ToolTipBase, "#353535"),
        (role.ToolTipText, "#e8e8e8"),
    ):
        palette.setColor(which, QColor(colour))
    palette.setColor(QPalette.ColorGroup.Disabled, role.Text, QColor("#6a6a6a"))
    return palette


def odd_palette() -> QPalette:
    """A theme that makes it hard: a mid-grey base and a pale selection."""
    palette = QPalette(QColor("#8a8a8a"))
    palette.setColor(QPalette.ColorRole.Base, QColor("#9a9a9a"))
    palette.setColor(QPalette.ColorRole.Text, QColor("#5a5a5a"))
    palette.setColor(QPalette.ColorRole.Highlight, QColor("#9fd3ff"))
    palette.setColor(QPalette.ColorRole.HighlightedText, QColor("#ffffff"))
    return palette


@pytest.fixture
def light_palette(qapp) -> QPalette:
    return QPalette(qapp.palette())


# -- the colours declared --------------------------------------------------------------


@pytest.mark.parametrize("scheme", [LIGHT, DARK], ids=["light", "dark"])
@pytest.mark.parametrize(("text", "ground"), PAIRS, ids=[f"{t}-on-{g}" for t, g in PAIRS])
def test_every_declared_text_reads_on_its_ground(scheme, text, ground):
    ratio = contrast_ratio(getattr(scheme, text), getattr(scheme, ground))
    assert ratio >= AA_TEXT, f"{text} on {ground}: {ratio:.2f}"


@pytest.mark.parametrize("scheme", [LIGHT, DARK], ids=["light", "dark"])
def test_the_declared_colours_are_the_ones_drawn(scheme):
    assert fitted(scheme) == scheme  # nothing needed moving


@pytest.mark.parametrize("make", [None, dark_palette, odd_palette], ids=["light", "dark", "odd"])
def test_on_the_desktops_palette_every_pair_reads(light_palette, make):
    palette = make() if make else light_palette
    colours = for_palette(palette)
    assert colours.dark == (make is dark_palette)
    for text, ground in PAIRS:
        ratio = contrast_ratio(getattr(colours, text), getattr(colours, ground))
        assert ratio >= AA_TEXT, f"{text} on {ground}: {ratio:.2f}"
    # what Qt draws itself: the selection, links and the hint of an empty field
    qt = fit_palette(palette)
    role = QPalette.ColorRole

    def ratio_of(fg: QPalette.ColorRole, bg: QPalette.ColorRole) -> float:
        return contrast_ratio(qt.color(fg).name(), qt.color(bg).name())

    assert ratio_of(role.HighlightedText, role.Highlight) >= AA_TEXT
    assert ratio_of(role.PlaceholderText, role.Base) >= AA_TEXT
    assert ratio_of(role.Link, role.Base) >= AA_TEXT


# -- what the list really paints -------------------------------------------------------


def painted(row_delegate, conversation, palette: QPalette, selected: bool):
    """The row painted into an image with unsmoothed text, so that every pixel of a
    letter is the pen's colour; with the texts and places the delegate says it drew."""
    model = ConversationModel()
    model.replace([conversation])
    delegate = ConversationDelegate(model)
    delegate.zone = row_delegate.zone
    font = QFont(QApplication.font())
    font.setStyleStrategy(QFont.StyleStrategy.NoAntialias)
    option = QStyleOptionViewItem()
    option.font = font
    option.palette = palette
    height = delegate.sizeHint(option, QModelIndex()).height()
    option.rect = QRect(0, 0, 300, height)
    option.state = QStyle.StateFlag.State_Enabled
    if selected:
        option.state |= QStyle.StateFlag.State_Selected
    colours = for_palette(palette)
    image = QImage(300, height, QImage.Format.Format_RGB32)
    image.fill(QColor(colours.selection if selected else colours.base))
    painter = QPainter(image)
    delegate.paint(painter, option, model.index(0))
    painter.end()
    return image, delegate.row(option.rect, font, conversation, None, selected), colours


def colours_in(image: QImage, rect: QRect) -> set[str]:
    rect = rect.intersected(image.rect())
    return {
        image.pixelColor(x, y).name()
        for x in range(rect.left(), rect.right() + 1)
        for y in range(rect.top(), rect.bottom() + 1)
    }


@pytest.mark.parametrize("selected", [False, True], ids=["row", "chosen-row"])
@pytest.mark.parametrize("make", [None, dark_palette], ids=["light", "dark"])
def test_the_list_paints_each_text_in_its_role_and_it_reads(window, light_palette, make, selected):
    palette = make() if make else light_palette
    delegate = window.conversations.view.itemDelegate()
    unread = next(c for c in window.conversations.model.rows if c.unread_count)
    image, row, colours = painted(delegate, unread, palette, selected)
    ground = colours.selection if selected else colours.base
    pieces: list[Piece] = [row.when, row.title, row.details, row.snippet]
    for piece in pieces:
        drawn = colours_in(image, piece.rect) - {ground}
        assert drawn == {getattr(colours, piece.role)}, piece
        assert contrast_ratio(getattr(colours, piece.role), ground) >= AA_TEXT, piece
    assert row.details.role == ("selected_text" if selected else "inbox_line")
    assert row.when.role == ("selected_text" if selected else "caption")
    badge = row.badge
    assert badge is not None
    radius = badge.rect.height() // 2  # inside its rounded ends: smoothed edges
    inner = badge.rect.adjusted(radius, 1, -radius, -1)
    badge_ground = colours.selected_text if selected else colours.badge
    assert colours_in(image, inner) == {badge_ground, getattr(colours, badge.role)}
    assert contrast_ratio(getattr(colours, badge.role), badge_ground) >= AA_TEXT


def test_the_thread_draws_only_declared_colours(qtbot, window, light_palette):
    view = window.pane.thread_view
    for palette in (light_palette, dark_palette()):
        view.setPalette(palette)
        view.show_thread(view.messages, view.pending, window.session.zone)
        used = set(re.findall(r"#[0-9a-f]{6}", view.document().toHtml().lower()))
        declared = set(asdict(for_palette(palette)).values())
        assert used - {"#000000"} <= declared  # black: the document's own default
        assert for_palette(palette).caption in used  # the sender and time over messages
    view.setPalette(QPalette())


# -- cut with "…", never off -----------------------------------------------------------


def test_at_800_by_500_the_reply_box_and_the_list_show_whole(qtbot, window):
    window.resize(800, 500)
    qtbot.waitUntil(lambda: (window.width(), window.height()) == (800, 500), timeout=3000)
    splitter = window.conversations.parentWidget()
    list_width = window.conversations.width

    qtbot.waitUntil(lambda: list_width() <= int(splitter.width() * 0.34), timeout=3000)
    send = window.pane.reply.send_button
    assert send.isVisible()
    assert send.visibleRegion().boundingRect() == send.rect()  # nothing of it clipped
    assert window.rect().contains(QRect(send.mapTo(window, QPoint(0, 0)), send.size()))
    editor = window.pane.reply.editor
    assert editor.visibleRegion().boundingRect().height() >= editor.fontMetrics().height() * 2

    view = window.conversations.view
    assert view.horizontalScrollBarPolicy() == Qt.ScrollBarPolicy.ScrollBarAlwaysOff
    assert view.horizontalScrollBar().maximum() == 0  # nothing to scroll sideways to
    index = window.conversations.model.index(0)
    rect = view.visualRect(index)
    assert rect.width() == view.viewport().width()
    conversation = window.conversations.model.rows[0]
    row = view.itemDelegate().row(rect, view.font(), conversation)
    assert row.snippet.text.endswith(ELLIPSIS)  # the last message is longer than the row
    for piece in (row.when, row.title, row.details, row.snippet):
        assert rect.contains(piece.rect) or not piece.text, piece
        assert piece.rect.width() >= _width(piece)

    # wider again, the list gets its width back
    narrow = list_width()
    window.resize(1200, 700)
    qtbot.waitUntil(lambda: list_width() > narrow, timeout=3000)


def _width(piece: Piece) -> int:
    from PySide6.QtGui import QFontMetrics

    return QFontMetrics(piece.font).horizontalAdvance(piece.text)


def test_the_threads_header_cuts_a_long_line_and_tells_it_whole(qtbot, window):
    window.resize(800, 500)
    subtitle = window.pane.subtitle
    long = "#4 · open · " + "someone.with.a.very.long.address" * 4 + "@example.com"
    subtitle.setText(long)
    qtbot.waitUntil(lambda: subtitle.shown_text() != long, timeout=3000)
    assert subtitle.shown_text().endswith(ELLIPSIS)
    assert subtitle.text() == long and subtitle.toolTip() == long
    assert subtitle.visibleRegion().boundingRect() == subtitle.rect()


def test_a_long_scheduled_message_is_cut_with_its_whole_text_in_the_tooltip(qtbot):
    model = ScheduledModel(ZoneInfo("America/New_York"), FakeClock(NOW))
    text = "Olá! Seu pedido foi enviado hoje, " + "e chega em poucos dias úteis " * 20
    model.set_rows([record(1, minutes=60, text=text)])
    shown = model.index(0, 3)
    assert len(model.data(shown)) < len(text)
    assert model.data(shown, Qt.ItemDataRole.ToolTipRole) == text
    view = QTableView()
    qtbot.addWidget(view)
    assert view.textElideMode() == Qt.TextElideMode.ElideRight  # and "…" where it is cut


def test_a_long_conversation_name_does_not_widen_the_scheduled_tab(window):
    tab = window.scheduled
    tab._list_conversations({4: "#4 " + "Beatriz Lima de Albuquerque e Vasconcelos " * 6})
    assert tab.conversation.sizeHint().width() < 400
    assert tab.minimumSizeHint().width() <= 640


# -- the window on its screen ----------------------------------------------------------


def test_the_default_size_fits_the_screen(window):
    room = window.screen().availableGeometry()
    assert room.width() < 1280 or room.height() < 800  # the offscreen screen is smaller
    assert room.contains(window.frameGeometry())


def test_a_window_saved_larger_than_the_screen_opens_inside_it(qtbot, window, session):
    window.quitting = True
    window.close()
    huge = QMainWindow()
    huge.setGeometry(-300, -200, 4000, 3000)
    saved = bytes(QByteArray(huge.saveGeometry()).toBase64().data()).decode("ascii")
    (session.home / FILENAME).write_text(json.dumps({"format": FORMAT, "geometry": saved}))
    again = reopen(qtbot, session)
    assert again.screen().availableGeometry().contains(again.frameGeometry())
    again.quitting = True
    again.close()


SCALED = """
import json, sys
from pathlib import Path
from zoneinfo import ZoneInfo
from keyring.backends import fail
from PySide6.QtCore import QPoint, QRect
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication
from agent_desktop.core.clock import FakeClock
from agent_desktop.credentials import TOKEN_ENV, Credentials
from agent_desktop.gui.main_window import MainWindow
from agent_desktop.gui.session import Session
from agent_desktop.store.database import open_database
from agent_desktop.workspace import App

qt = QApplication([])
home = Path(sys.argv[1])
credentials = Credentials(env={TOKEN_ENV: "readable-test-token"}, backend=fail.Keyring())
app = App(home=home, db=open_database(home), credentials=credentials, clock=FakeClock())
profile = app.profiles.remember(base_url="http://127.0.0.1:9", account_id=1, user_id=1)
session = Session.of(app, profile, sender="none")
window = MainWindow(session, QIcon())
window.show()
for _ in range(5):
    qt.processEvents()
send = window.pane.reply.send_button
frame, room = window.frameGeometry(), window.screen().availableGeometry()
print(json.dumps({
    "ratio": window.devicePixelRatio(),
    "room": room.getRect(),
    "frame": frame.getRect(),
    "inside": room.contains(frame),
    "send_whole": send.isVisible() and send.visibleRegion().boundingRect() == send.rect(),
}))
window.quitting = True
window.close()
session.stop()
app.close()
"""


def test_at_scale_2_on_a_1280_by_800_screen_the_window_fits(tmp_path: Path):
    screens = tmp_path / "screens.json"
    screens.write_text(
        json.dumps({"screens": [{"name": "laptop", "x": 0, "y": 0, "width": 1280, "height": 800}]})
    )
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": f"offscreen:configfile={screens}",
        "QT_SCALE_FACTOR": "2",
    }
    done = subprocess.run(
        [sys.executable, "-c", SCALED, str(tmp_path / "home")],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    shown = json.loads(done.stdout.strip().splitlines()[-1])
    assert shown["ratio"] == 2
    assert shown["room"] == [0, 0, 640, 400]
    assert shown["inside"], shown
    assert shown["send_whole"], shown
