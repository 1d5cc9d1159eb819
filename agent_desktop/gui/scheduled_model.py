"""Every scheduled message of the account as a table, and the filter in front of it
(status, conversation, text) that stays fast with thousands of rows."""

from __future__ import annotations

from typing import Any
from zoneinfo import ZoneInfo

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)

from agent_desktop.core.clock import Clock
from agent_desktop.core.i18n import QT_TR_NOOP
from agent_desktop.core.timezones import from_utc
from agent_desktop.gui.formatting import one_line, tr
from agent_desktop.labels import state_label, timing
from agent_desktop.store.records import OutboxRecord
from agent_desktop.store.states import OutboxState

RecordRole = Qt.ItemDataRole.UserRole + 1
Index = QModelIndex | QPersistentModelIndex
COLUMNS = [
    QT_TR_NOOP("When"),
    QT_TR_NOOP("In"),
    QT_TR_NOOP("Conversation"),
    QT_TR_NOOP("Text"),
    QT_TR_NOOP("Status"),
    QT_TR_NOOP("Backend"),
    QT_TR_NOOP("Tries"),
]
BACKEND_LABELS = {
    "local": QT_TR_NOOP("This app"),
    "server-resource": QT_TR_NOOP("Server"),
    "server-scheduled-at": QT_TR_NOOP("Server (scheduled_at)"),
}


def conversation_title(record: OutboxRecord) -> str:
    return f"#{record.conversation_id} {record.conversation_label}".strip()


class ScheduledModel(QAbstractTableModel):
    def __init__(self, zone: ZoneInfo, clock: Clock) -> None:
        super().__init__()
        self.zone, self.clock = zone, clock
        self.rows: list[OutboxRecord] = []
        self._when: dict[int, str] = {}
        self.now = clock.now()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return tr(COLUMNS[section])
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        record = self.rows[index.row()]
        column = index.column()
        if role == RecordRole:
            return record
        if role == Qt.ItemDataRole.DisplayRole:
            if column == 0:
                cached = self._when.get(record.id)
                if cached is None:
                    cached = from_utc(record.scheduled_at, self.zone).display()
                    self._when[record.id] = cached
                return cached
            if column == 1:
                return timing(record, self.now)
            if column == 2:
                return conversation_title(record)
            if column == 3:
                return one_line(record.content)[:120]
            if column == 4:
                return state_label(record.state)
            if column == 5:
                return tr(BACKEND_LABELS.get(record.backend, record.backend))
            return str(record.attempts)
        if role == Qt.ItemDataRole.ToolTipRole and record.last_error:
            return record.last_error
        return None

    def set_rows(self, rows: list[OutboxRecord]) -> None:
        self.beginResetModel()
        self.rows = sorted(rows, key=self._key, reverse=self._descending)
        self._when.clear()
        self.now = self.clock.now()
        self.endResetModel()

    def tick(self) -> None:
        """Time passed, nothing else changed: "in 5 min" becomes "in 4 min"."""
        self.now = self.clock.now()
        if self.rows:
            self.dataChanged.emit(self.index(0, 1), self.index(len(self.rows) - 1, 1))

    _column = 0
    _descending = False

    def _key(self, record: OutboxRecord) -> Any:
        return (
            record.scheduled_at.timestamp(),
            record.scheduled_at.timestamp(),
            record.conversation_id,
            record.content.casefold(),
            record.state.value,
            record.backend,
            record.attempts,
        )[self._column]

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sorted here, in one pass of Python's sort: a proxy comparing rows one call at a
        time would stall the window on thousands of rows."""
        self.layoutAboutToBeChanged.emit()
        self._column, self._descending = column, order == Qt.SortOrder.DescendingOrder
        self.rows.sort(key=self._key, reverse=self._descending)
        self.layoutChanged.emit()

    def rows_by_id(self) -> list[OutboxRecord]:
        return sorted(self.rows, key=lambda r: r.id)

    def row_of(self, outbox_id: int) -> int | None:
        return next((n for n, r in enumerate(self.rows) if r.id == outbox_id), None)


class ScheduledFilter(QSortFilterProxyModel):
    def __init__(self) -> None:
        super().__init__()
        self.states: set[OutboxState] | None = {OutboxState.PENDING}
        self.conversation_id: int | None = None
        self.text = ""
        self.setDynamicSortFilter(False)  # the source model keeps its own order

    def set_filter(
        self, states: set[OutboxState] | None, conversation_id: int | None, text: str
    ) -> None:
        if hasattr(self, "beginFilterChange"):  # Qt 6.9 and newer
            self.beginFilterChange()
            self.states, self.conversation_id = states, conversation_id
            self.text = text.casefold()
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)
        else:
            self.states, self.conversation_id = states, conversation_id
            self.text = text.casefold()
            self.invalidateFilter()

    def filterAcceptsRow(self, source_row: int, source_parent: Index) -> bool:
        model = self.sourceModel()
        assert isinstance(model, ScheduledModel)
        record = model.rows[source_row]
        if self.states is not None and record.state not in self.states:
            return False
        if self.conversation_id is not None and record.conversation_id != self.conversation_id:
            return False
        return not self.text or self.text in record.content.casefold()
