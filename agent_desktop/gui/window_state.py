"""The window's size and place, and where the agent left its dividers and columns, kept
in window.json beside the database (nothing in it is secret) and put back at the next
start. Widgets take part by having an object name."""

from __future__ import annotations

import contextlib
from pathlib import Path
from typing import Any, TypeVar

from PySide6.QtCore import QByteArray
from PySide6.QtWidgets import QHeaderView, QMainWindow, QSplitter

from agent_desktop.store.private_files import read_json, write_private_json

W = TypeVar("W", QSplitter, QHeaderView)
FILENAME = "window.json"
FORMAT = 1


def _named(window: QMainWindow, kind: type[W]) -> list[W]:
    return [w for w in window.findChildren(kind) if w.objectName()]


def save_window_state(
    window: QMainWindow, home: Path, open_conversations: dict[str, int] | None = None
) -> None:
    """`open_conversations`: the conversation each profile (by id) had open, opened
    again at its next start; nothing else is ever opened for the agent."""
    state: dict[str, Any] = {"format": FORMAT, "geometry": _text(window.saveGeometry())}
    if open_conversations:
        state["open_conversations"] = open_conversations
    for splitter in _named(window, QSplitter):
        # the sizes themselves: QSplitter.restoreState shares them out again by the
        # children's minimum sizes and lands elsewhere
        state[splitter.objectName()] = splitter.sizes()
    for header in _named(window, QHeaderView):
        state[header.objectName()] = _text(header.saveState())
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
    """Before the window is shown, so that it appears where it was left."""
    geometry = state.get("geometry")
    if isinstance(geometry, str):
        window.restoreGeometry(_bytes(geometry))  # Qt keeps it on a screen that exists


def restore_dividers(window: QMainWindow, state: dict[str, Any]) -> None:
    """Once the window is shown at its size: a splitter given sizes before it has its
    own would share out the difference by its stretch factors and land elsewhere."""
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
