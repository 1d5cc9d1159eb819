"""Conversations as a list model, filled page by page."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractListModel, QModelIndex, QPersistentModelIndex, Qt

from agent_desktop.chatwoot.records import Conversation, Inbox

ConversationRole = Qt.ItemDataRole.UserRole + 1
DraftRole = Qt.ItemDataRole.UserRole + 2  # what the agent left half written there, if any
Index = QModelIndex | QPersistentModelIndex


class ConversationModel(QAbstractListModel):
    def __init__(self) -> None:
        super().__init__()
        self.rows: list[Conversation] = []
        self.inboxes: dict[int, Inbox] = {}
        self.drafts: dict[int, str] = {}

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.rows):
            return None
        conversation = self.rows[index.row()]
        if role == ConversationRole:
            return conversation
        if role == DraftRole:
            return self.drafts.get(conversation.id)
        if role == Qt.ItemDataRole.DisplayRole:
            return conversation.title
        if role == Qt.ItemDataRole.ToolTipRole:
            inbox = self.inboxes.get(conversation.inbox_id)
            return f"#{conversation.id} · {inbox.name if inbox else ''} · {conversation.status}"
        return None

    def set_drafts(self, drafts: dict[int, str]) -> None:
        changed = {
            c for c in drafts.keys() | self.drafts.keys() if drafts.get(c) != self.drafts.get(c)
        }
        self.drafts = dict(drafts)
        for row, conversation in enumerate(self.rows):
            if conversation.id in changed:
                self.dataChanged.emit(self.index(row), self.index(row))

    def replace(self, rows: list[Conversation]) -> None:
        self.beginResetModel()
        self.rows = list(rows)
        self.endResetModel()

    def append(self, rows: list[Conversation]) -> None:
        known = {c.id for c in self.rows}
        fresh = [c for c in rows if c.id not in known]
        if not fresh:
            return
        self.beginInsertRows(QModelIndex(), len(self.rows), len(self.rows) + len(fresh) - 1)
        self.rows.extend(fresh)
        self.endInsertRows()

    def update(self, conversation: Conversation) -> None:
        for row, existing in enumerate(self.rows):
            if existing.id == conversation.id:
                self.rows[row] = conversation
                index = self.index(row)
                self.dataChanged.emit(index, index)
                return

    def row_of(self, conversation_id: int) -> int | None:
        return next((n for n, c in enumerate(self.rows) if c.id == conversation_id), None)
