"""Every scheduled message of the account as a table, filtered (status, conversation,
text) and sorted in the model itself: a filter of 10,000 rows is one pass of Python, not
10,000 calls from a proxy, and a change to a few rows moves only those rows."""

from __future__ import annotations

import functools
from bisect import bisect_left, insort
from collections.abc import Iterable, Mapping
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)

from agent_desktop.core.clock import Clock
from agent_desktop.core.dates import short_moment
from agent_desktop.core.i18n import QT_TR_NOOP
from agent_desktop.core.timezones import from_utc
from agent_desktop.gui.formatting import one_line, tr
from agent_desktop.labels import state_label, timing
from agent_desktop.scheduling import designs
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


@functools.cache
def backend_labels() -> Mapping[str, str]:
    """Each design's name -> its label (marked for translation), as the design gives it."""
    return {design.name: design.label for design in designs.all_designs()}


TIP_CHARS = 1000  # of a message, in its tooltip
BULK = 100  # more changes at once than this (and than a quarter of the rows): a reset
_ROLES = frozenset({Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole, RecordRole})


def conversation_title(record: OutboxRecord) -> str:
    return f"#{record.conversation_id} {record.conversation_label}".strip()


def expected_opening(record: OutboxRecord) -> datetime | None:
    """For a message waiting for its inbox whose time has not come: the opening the
    inbox's hours gave when it was scheduled, if it is closed at that time. The sender
    reads the hours again at the time (they may have changed) and moves it then."""
    opening = record.expected_opening
    if (
        not record.wait_for_opening
        or opening is None
        or record.state is not OutboxState.PENDING
        or record.due_at != record.scheduled_at  # the sender has had its say
    ):
        return None
    return opening if opening > record.scheduled_at else None


def when_text(record: OutboxRecord, zone: ZoneInfo) -> str:
    """Its time; for one held until its inbox opens, when it goes out too."""
    shown = from_utc(record.scheduled_at, zone).display()
    opening = record.due_at if record.due_at > record.scheduled_at else expected_opening(record)
    if record.wait_for_opening and opening is not None:
        opens = short_moment(opening.astimezone(zone))
        shown += " → " + tr("opens {when}").format(when=opens)
    return shown


def when_tip(record: OutboxRecord, zone: ZoneInfo) -> str:
    """The time cell's tooltip: whether it waits for the inbox's business hours."""
    if not record.wait_for_opening:
        return ""
    if record.due_at > record.scheduled_at:
        opens = from_utc(record.due_at, zone).display()
        return tr("Waits for the inbox to open: goes out at {when}").format(when=opens)
    expected = expected_opening(record)
    if expected is not None:
        opens = from_utc(expected, zone).display()
        return tr(
            "Waits for the inbox to open: closed at this time, it should go out at {when} "
            "(its hours are checked again then)"
        ).format(when=opens)
    return tr("Waits for the inbox to open, if it is closed at this time")


def changes(
    known: dict[int, OutboxRecord], rows: Iterable[OutboxRecord]
) -> tuple[list[OutboxRecord], list[int]]:
    """What differs between the rows shown and `rows`: (new or changed, ids gone). Pure
    Python on copies: worked out beside the query, off the GUI thread."""
    fresh = {r.id: r for r in rows}
    changed = [r for r in fresh.values() if known.get(r.id) != r]
    return changed, [i for i in known if i not in fresh]


class ScheduledModel(QAbstractTableModel):
    """The rows shown are those the filter accepts, kept in order as (sort key, id)
    pairs, ascending; a descending sort reads them from the end."""

    def __init__(self, zone: ZoneInfo, clock: Clock) -> None:
        super().__init__()
        self.zone, self.clock = zone, clock
        self.records: dict[int, OutboxRecord] = {}  # every row, shown or not
        self._order: list[tuple[Any, int]] = []  # every row, sorted
        self._shown: list[tuple[Any, int]] = []  # those the filter takes, in that order
        self._when: dict[int, str] = {}
        self._folded: dict[int, str] = {}
        self.now = clock.now()
        self.states: set[OutboxState] | None = {OutboxState.PENDING}
        self.conversation_id: int | None = None
        self.text = ""
        self._column = 0
        self._descending = False

    # -- what Qt asks ------------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._shown)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return tr(COLUMNS[section])
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        # the view asks for a dozen roles a cell: those it has no use for cost nothing
        if role not in _ROLES or not index.isValid() or index.row() >= len(self._shown):
            return None
        record = self.records[self._shown[self._at(index.row())][1]]
        column = index.column()
        if role == RecordRole:
            return record
        if role == Qt.ItemDataRole.DisplayRole:
            if column == 0:
                cached = self._when.get(record.id)
                if cached is None:
                    cached = when_text(record, self.zone)
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
                return tr(backend_labels().get(record.backend, record.backend))
            return str(record.attempts)
        if role == Qt.ItemDataRole.ToolTipRole:
            if record.last_error:
                return record.last_error
            if column == 0:
                return when_tip(record, self.zone) or None
            # the whole of what a narrow column cuts short with "…"
            if column == 2:
                return conversation_title(record)
            if column == 3:
                return record.content[:TIP_CHARS]
        return None

    # -- rows --------------------------------------------------------------------------

    def set_rows(self, rows: Iterable[OutboxRecord]) -> None:
        """All rows anew (the first load)."""
        self.beginResetModel()
        self.records = {r.id: r for r in rows}
        self._when.clear()
        self._folded = {r.id: r.content.casefold() for r in self.records.values()}
        self.now = self.clock.now()
        self._order = sorted(self._pair(r) for r in self.records.values())
        self._shown = self._accepted_in_order()
        self.endResetModel()

    def update_rows(self, rows: Iterable[OutboxRecord]) -> bool:
        """Bring the rows to `rows`, moving only those that changed (a selection and the
        scroll position stay); False when nothing did."""
        return self.apply(*changes(self.records, rows))

    def apply(self, changed: list[OutboxRecord], gone: list[int]) -> bool:
        """Apply what `changes()` found (off the GUI thread, against what was shown)."""
        self.now = self.clock.now()
        changed = [r for r in changed if self.records.get(r.id) != r]
        gone = [i for i in gone if i in self.records]
        if len(changed) + len(gone) > max(BULK, len(self.records) // 4):
            # most rows changed (the first load): one reset beats a thousand moves
            dropped = set(gone)
            kept = {i: r for i, r in self.records.items() if i not in dropped}
            kept.update((r.id, r) for r in changed)
            self.set_rows(kept.values())
            return True
        for outbox_id in gone:
            self._take_out(outbox_id)
            self._unorder(self.records[outbox_id])
            del self.records[outbox_id]
            self._folded.pop(outbox_id, None)
        for record in changed:
            self._put(record)
        return bool(gone or changed)

    def _put(self, record: OutboxRecord) -> None:
        before = self.records.get(record.id)
        if before is not None and self._pair(before) == self._pair(record):
            at = self._position(self._pair(before))
            self._replace(record)
            if at is not None and self.accepts(record):
                row = self._row_of_position(at)
                self.dataChanged.emit(self.index(row, 0), self.index(row, len(COLUMNS) - 1))
                return
            if at is not None:  # no longer shown
                self._take_out(record.id)
                return
        else:
            if before is not None:
                self._take_out(record.id)
                self._unorder(before)
            self._replace(record)
            insort(self._order, self._pair(record))
        if self.accepts(record):
            pair = self._pair(record)
            at = bisect_left(self._shown, pair)
            row = len(self._shown) - at if self._descending else at
            self.beginInsertRows(QModelIndex(), row, row)
            self._shown.insert(at, pair)
            self.endInsertRows()

    def _replace(self, record: OutboxRecord) -> None:
        self.records[record.id] = record
        self._folded[record.id] = record.content.casefold()
        self._when.pop(record.id, None)

    def _unorder(self, record: OutboxRecord) -> None:
        pair = self._pair(record)
        at = bisect_left(self._order, pair)
        if at < len(self._order) and self._order[at] == pair:
            del self._order[at]

    def _take_out(self, outbox_id: int) -> None:
        record = self.records.get(outbox_id)
        at = None if record is None else self._position(self._pair(record))
        if at is None:
            return
        row = self._row_of_position(at)
        self.beginRemoveRows(QModelIndex(), row, row)
        del self._shown[at]
        self.endRemoveRows()

    def _position(self, pair: tuple[Any, int]) -> int | None:
        at = bisect_left(self._shown, pair)
        return at if at < len(self._shown) and self._shown[at] == pair else None

    def _row_of_position(self, at: int) -> int:
        return len(self._shown) - 1 - at if self._descending else at

    _at = _row_of_position  # the same mapping, both ways

    def tick(self) -> None:
        """Time passed, nothing else changed: "in 5 min" becomes "in 4 min"."""
        self.now = self.clock.now()
        if self._shown:
            self.dataChanged.emit(self.index(0, 1), self.index(len(self._shown) - 1, 1))

    # -- filter and order --------------------------------------------------------------

    def set_filter(
        self, states: set[OutboxState] | None, conversation_id: int | None, text: str
    ) -> None:
        self.beginResetModel()
        self.states, self.conversation_id = states, conversation_id
        self.text = text.casefold()
        self._shown = self._accepted_in_order()
        self.endResetModel()

    def accepts(self, record: OutboxRecord) -> bool:
        if self.states is not None and record.state not in self.states:
            return False
        if self.conversation_id is not None and record.conversation_id != self.conversation_id:
            return False
        return not self.text or self.text in self._folded.get(record.id, "")

    def _accepted_in_order(self) -> list[tuple[Any, int]]:
        """What `accepts` accepts, in order: a pass per condition set, each a plain
        comprehension (a call per row costs 10,000 rows about twice the time)."""
        records, pairs = self.records, self._order
        states, conversation_id, text = self.states, self.conversation_id, self.text
        if states is not None:
            pairs = [pair for pair in pairs if records[pair[1]].state in states]
        if conversation_id is not None:
            pairs = [p for p in pairs if records[p[1]].conversation_id == conversation_id]
        if text:
            folded = self._folded
            pairs = [pair for pair in pairs if text in folded.get(pair[1], "")]
        return pairs if pairs is not self._order else list(pairs)

    def _key(self, record: OutboxRecord) -> Any:
        column = self._column
        if column in (0, 1):
            return record.scheduled_at.timestamp()
        if column == 2:
            return record.conversation_id
        if column == 3:
            return self._folded.get(record.id) or record.content.casefold()
        if column == 4:
            return record.state.value
        if column == 5:
            return record.backend
        return record.attempts

    def _pair(self, record: OutboxRecord) -> tuple[Any, int]:
        return (self._key(record), record.id)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sorted here, in one pass of Python's sort: a proxy comparing rows one call at a
        time would stall the window on thousands of rows."""
        self.layoutAboutToBeChanged.emit()
        # only the indexes Qt keeps (the selection, the current row) follow their rows
        kept = self.persistentIndexList()
        ids = [
            self._shown[self._at(i.row())][1] if 0 <= i.row() < len(self._shown) else None
            for i in kept
        ]
        self._column, self._descending = column, order == Qt.SortOrder.DescendingOrder
        self._order = sorted(self._pair(r) for r in self.records.values())
        self._shown = self._accepted_in_order()
        moved = []
        for index, outbox_id in zip(kept, ids, strict=True):
            row = None if outbox_id is None else self.row_of(outbox_id)
            moved.append(QModelIndex() if row is None else self.index(row, index.column()))
        self.changePersistentIndexList(kept, moved)
        self.layoutChanged.emit()

    # -- looking up ----------------------------------------------------------------------

    def shown(self) -> list[OutboxRecord]:
        """The rows shown, in the order shown."""
        return [self.records[self._shown[self._at(row)][1]] for row in range(len(self._shown))]

    def row_of(self, outbox_id: int) -> int | None:
        """Where a row is shown; None when the filter hides it (or there is none)."""
        record = self.records.get(outbox_id)
        at = None if record is None else self._position(self._pair(record))
        return None if at is None else self._row_of_position(at)
