"""The window's size and place, and where the agent left its dividers and columns, kept
in window.json beside the database (nothing in it is secret) and put back at the next
start. Widgets take part by having an object name."""

from __future__ import annotations

import contextlib
from pathlib import Path
from typing import Any, TypeVar

from PySide6.QtCore import QByteArray, QMargins, QRegularExpression, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QHeaderView, QMainWindow, QSplitter, QStyle, QWidget

from agent_desktop.store.private_files import read_json, write_private_json

W = TypeVar("W", QSplitter, QHeaderView)
FILENAME = "window.json"
FORMAT = 1
FRAME_GUESS = 8  # a window frame's side, in pixels, before the window manager says


def _named(window: QWidget, kind: type[W]) -> list[W]:
    return [w for w in window.findChildren(kind) if w.objectName()]


def _panels(window: QMainWindow) -> list[QWidget]:
    """Parts the agent shows and hides, named "...-panel" with the property `keptShown`:
    kept shown or not. (Looked for by name: wrapping every widget of the window for
    Python to read its property costs the first paint several milliseconds.)"""
    named = window.findChildren(QWidget, QRegularExpression("-panel$"))
    return [w for w in named if w.property("keptShown")]


def save_window_state(
    window: QMainWindow,
    home: Path,
    open_conversations: dict[str, int] | None = None,
    unapplied: dict[str, Any] | None = None,
) -> None:
    """`open_conversations`: the conversation each profile (by id) had open, opened
    again at its next start; nothing else is ever opened for the agent. `unapplied`:
    what was loaded but not yet put back (a window closed before it was shown), kept
    rather than the defaults that stand meanwhile."""
    state: dict[str, Any] = {"format": FORMAT, "geometry": _text(window.saveGeometry())}
    if open_conversations:
        state["open_conversations"] = open_conversations
    for splitter in _named(window, QSplitter):
        # the sizes themselves: QSplitter.restoreState shares them out again by the
        # children's minimum sizes and lands elsewhere
        state[splitter.objectName()] = splitter.sizes()
    for header in _named(window, QHeaderView):
        state[header.objectName()] = _text(header.saveState())
    for name, value in (unapplied or {}).items():
        if name.endswith(("-splitter", "-columns")):  # the dividers and the columns
            state[name] = value
    for panel in _panels(window):
        state[f"{panel.objectName()}-shown"] = not panel.isHidden()
    with contextlib.suppress(OSError):  # a full disk costs the layout, nothing more
        write_private_json(home / FILENAME, state)


def load_window_state(home: Path) -> dict[str, Any]:
    """What was saved, or nothing when there is no (usable) file: the defaults stand."""
    state = read_json(home / FILENAME)
    if not isinstance(state, dict) or state.get("format") != FORMAT:
        return {}
    return state


def open_conversation_of(state: dict[str, Any], profile_id: int) -> int | None:
    """The conversation the profile had open when the window last closed."""
    kept = state.get("open_conversations")
    found = kept.get(str(profile_id)) if isinstance(kept, dict) else None
    return found if isinstance(found, int) and not isinstance(found, bool) else None


def restore_geometry(window: QMainWindow, state: dict[str, Any]) -> None:
    """Before the window is shown, so that it appears where it was left, or at its
    default size, and whole on its screen either way."""
    geometry = state.get("geometry")
    if isinstance(geometry, str):
        window.restoreGeometry(_bytes(geometry))  # Qt keeps it on a screen that exists
    for panel in _panels(window):
        shown = state.get(f"{panel.objectName()}-shown")
        if isinstance(shown, bool):
            panel.setVisible(shown)
    fit_to_screen(window)


def fit_to_screen(window: QWidget) -> None:
    """No larger than the room its screen leaves (less the panels and its frame), and
    inside that room where it has a place: a size saved on a larger screen, or the
    default size under a scale factor of 2, would open partly off the screen. The
    window's own minimum size still wins: a smaller window could not show its controls."""
    screen = QGuiApplication.screenAt(window.frameGeometry().center()) or window.screen()
    if screen is None:
        return
    room = screen.availableGeometry()
    frame = _frame_margins(window)
    across = frame.left() + frame.right()
    down = frame.top() + frame.bottom()
    width = max(min(window.width(), room.width() - across), window.minimumWidth())
    height = max(min(window.height(), room.height() - down), window.minimumHeight())
    if (width, height) != (window.width(), window.height()):
        window.resize(width, height)
    if not (window.isVisible() or window.testAttribute(Qt.WidgetAttribute.WA_Moved)):
        return  # no place of its own yet: the window manager places it, on the screen
    x = min(max(window.x(), room.left()), room.right() + 1 - (width + across))
    y = min(max(window.y(), room.top()), room.bottom() + 1 - (height + down))
    if (x, y) != (window.x(), window.y()):
        window.move(max(x, room.left()), max(y, room.top()))


def _frame_margins(window: QWidget) -> QMargins:
    """The frame the window manager draws round the window: known once shown, else
    guessed from the style's title bar (what it draws is often a little larger)."""
    frame, inner = window.frameGeometry(), window.geometry()
    if frame != inner:
        return QMargins(
            inner.left() - frame.left(),
            inner.top() - frame.top(),
            frame.right() - inner.right(),
            frame.bottom() - inner.bottom(),
        )
    title = window.style().pixelMetric(QStyle.PixelMetric.PM_TitleBarHeight, None, window)
    return QMargins(FRAME_GUESS, title + FRAME_GUESS, FRAME_GUESS, FRAME_GUESS)


def restore_dividers(window: QWidget, state: dict[str, Any]) -> None:
    """Once the window (or the part of it given) is shown at its size: a splitter given
    sizes before it has its own would share out the difference by its stretch factors
    and land elsewhere."""
    for splitter in _named(window, QSplitter):
        sizes = state.get(splitter.objectName())
        if isinstance(sizes, list) and all(isinstance(n, int) and n >= 0 for n in sizes):
            splitter.setSizes(sizes)
    for header in _named(window, QHeaderView):
        saved = state.get(header.objectName())
        if isinstance(saved, str):
            header.restoreState(_bytes(saved))


def _text(data: QByteArray) -> str:
    return bytes(data.toBase64().data()).decode("ascii")


def _bytes(text: str) -> QByteArray:
    return QByteArray.fromBase64(text.encode("ascii"))
