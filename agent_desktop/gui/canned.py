"""Canned responses in the reply box, as in Chatwoot: "/" and a few letters of a short code
(or of the text) open a list; Enter or Tab puts the chosen response in place of what was
typed, with the conversation's variables filled in; Esc leaves the typing as it is."""

from __future__ import annotations

from collections.abc import Callable, Mapping

from PySide6.QtCore import QObject
from PySide6.QtGui import QStandardItem, QStandardItemModel, QTextCursor
from PySide6.QtWidgets import QCompleter

from agent_desktop.chatwoot.records import CannedResponse
from agent_desktop.chatwoot.variables import fill_variables
from agent_desktop.gui.formatting import one_line
from agent_desktop.gui.reply_editor import ReplyEditor

POPUP_WIDTH = 460


def ranked(responses: list[CannedResponse], typed: str) -> list[CannedResponse]:
    """Those matching what was typed: short codes starting with it first, then codes
    holding it, then texts holding it; alphabetical within each."""
    wanted = typed.casefold()
    ranks: list[tuple[int, str, CannedResponse]] = []
    for response in responses:
        code = response.short_code.casefold()
        if code.startswith(wanted):
            rank = 0
        elif wanted in code:
            rank = 1
        elif wanted in response.content.casefold():
            rank = 2
        else:
            continue
        ranks.append((rank, code, response))
    return [response for _rank, _code, response in sorted(ranks, key=lambda r: r[:2])]


class CannedCompleter(QObject):
    def __init__(self, editor: ReplyEditor, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.editor = editor
        self.responses: list[CannedResponse] = []
        self.shown: list[CannedResponse] = []  # in the list now, in its order
        self.model = QStandardItemModel(self)
        self.completer = QCompleter(self.model, self)
        self.completer.setWidget(editor)
        # the ranking is ours: the completer shows the list as it is given
        self.completer.setCompletionMode(QCompleter.CompletionMode.UnfilteredPopupCompletion)
        self.completer.setMaxVisibleItems(8)
        popup = self.completer.popup()
        assert popup is not None  # QCompleter makes one
        self.popup = popup
        self.completer.activated.connect(lambda _text: self._insert())
        editor.choosing = popup.isVisible
        editor.textChanged.connect(self._follow)
        # the conversation's variables, asked when a response goes in
        self.values: Callable[[], Mapping[str, str]] = dict
        self._start: int | None = None  # where the "/" is

    def close(self) -> None:
        """Close the list (Esc, which the window's shortcut takes before the list)."""
        self.popup.hide()
        self._start = None

    def set_responses(self, responses: list[CannedResponse]) -> None:
        self.responses = list(responses)

    def _typed(self) -> tuple[int, str] | None:
        """The "/" that starts a word before the cursor, and what follows it."""
        cursor = self.editor.textCursor()
        if cursor.hasSelection():
            return None
        block = cursor.block()
        before = block.text()[: cursor.positionInBlock()]
        slash = before.rfind("/")
        if slash < 0 or (slash > 0 and not before[slash - 1].isspace()):
            return None
        typed = before[slash + 1 :]
        if any(c.isspace() for c in typed):
            return None
        return block.position() + slash, typed

    def _follow(self) -> None:
        found = self._typed() if self.responses else None
        self.shown = ranked(self.responses, found[1]) if found else []
        if found is None or not self.shown:
            self.close()
            return
        self._start = found[0]
        self.model.clear()
        for response in self.shown:
            item = QStandardItem(f"/{response.short_code}  —  {one_line(response.content)}")
            item.setToolTip(response.content)
            self.model.appendRow(item)
        area = self.editor.cursorRect()
        area.setWidth(min(POPUP_WIDTH, self.editor.viewport().width()))
        self.completer.complete(area)
        self.popup.setCurrentIndex(self.model.index(0, 0))

    def _insert(self) -> None:
        row = self.popup.currentIndex().row()
        if self._start is None or not 0 <= row < len(self.shown):
            return
        text = fill_variables(self.shown[row].content, self.values())
        cursor = self.editor.textCursor()
        cursor.setPosition(self._start, QTextCursor.MoveMode.KeepAnchor)
        cursor.insertText(text)
        self.editor.setTextCursor(cursor)
        self._start = None
