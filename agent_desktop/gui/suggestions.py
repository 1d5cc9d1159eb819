"""A list that opens under the cursor of the reply editor, as Chatwoot's editor does, when
a word starts with a trigger ("/" for canned responses, "@" for agents): it narrows as the
agent types, Enter or Tab puts the chosen item in place of what was typed, Esc leaves the
typing as it is. Each kind of list says what it offers and how its choice goes in."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QObject
from PySide6.QtGui import QStandardItem, QStandardItemModel, QTextCursor
from PySide6.QtWidgets import QCompleter

from agent_desktop.gui.reply_editor import ReplyEditor

POPUP_WIDTH = 460
LONGEST_TYPED = 40  # where spaces are allowed: past this, it is a sentence, not a name


@dataclass(frozen=True)
class Row:
    text: str
    tip: str = ""


class SuggestionList(QObject):
    trigger = "/"
    spaces = False  # whether what follows the trigger may hold spaces ("@Bruno Co")

    def __init__(self, editor: ReplyEditor, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.editor = editor
        self.model = QStandardItemModel(self)
        self.completer = QCompleter(self.model, self)
        self.completer.setWidget(editor)
        # the ranking is ours: the completer shows the list as it is given
        self.completer.setCompletionMode(QCompleter.CompletionMode.UnfilteredPopupCompletion)
        self.completer.setMaxVisibleItems(8)
        popup = self.completer.popup()
        assert popup is not None  # QCompleter makes one
        self.popup = popup
        self.completer.activated.connect(lambda _text: self._chosen())
        editor.popups.append(popup)
        editor.textChanged.connect(self._follow)
        self._start: int | None = None  # where the trigger is

    # -- what each kind of list says --------------------------------------------------

    def active(self) -> bool:
        """Whether the list may open now."""
        return True

    def rows(self, typed: str) -> list[Row]:
        """The items matching what follows the trigger, best first."""
        raise NotImplementedError

    def put(self, row: int, cursor: QTextCursor) -> None:
        """Put the chosen item in, replacing the cursor's selection (the typing)."""
        raise NotImplementedError

    def is_taken(self, position: int) -> bool:
        """Whether the trigger at this position already belongs to something put in."""
        return False

    # -- the list ---------------------------------------------------------------------

    def close(self) -> None:
        """Close the list (Esc, which the window's shortcut takes before the list)."""
        self.popup.hide()
        self._start = None

    def _typed(self) -> tuple[int, str] | None:
        """The trigger that starts a word before the cursor, and what follows it."""
        cursor = self.editor.textCursor()
        if cursor.hasSelection():
            return None
        block = cursor.block()
        before = block.text()[: cursor.positionInBlock()]
        at = before.rfind(self.trigger)
        if at < 0 or (at > 0 and not before[at - 1].isspace()):
            return None
        typed = before[at + len(self.trigger) :]
        if self.spaces:
            if len(typed) > LONGEST_TYPED or typed[:1].isspace() or "  " in typed:
                return None
        elif any(c.isspace() for c in typed):
            return None
        if self.is_taken(block.position() + at):
            return None
        return block.position() + at, typed

    def _follow(self) -> None:
        found = self._typed() if self.active() else None
        rows = self.rows(found[1]) if found else []
        if found is None or not rows:
            self.close()
            return
        self._start = found[0]
        self.model.clear()
        for row in rows:
            item = QStandardItem(row.text)
            item.setToolTip(row.tip)
            self.model.appendRow(item)
        area = self.editor.cursorRect()
        area.setWidth(min(POPUP_WIDTH, self.editor.viewport().width()))
        self.completer.complete(area)
        self.popup.setCurrentIndex(self.model.index(0, 0))

    def _chosen(self) -> None:
        row = self.popup.currentIndex().row()
        if self._start is None or not 0 <= row < self.model.rowCount():
            return
        cursor = self.editor.textCursor()
        cursor.setPosition(self._start, QTextCursor.MoveMode.KeepAnchor)
        self._start = None
        self.put(row, cursor)
        self.editor.setTextCursor(cursor)
