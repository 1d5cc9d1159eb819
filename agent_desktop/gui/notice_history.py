"""The notices shown in the window, kept to be read again: a toast gone before the agent
looked, or one whose words they want back. Newest first, the last fifty, each with the
local time it came; read-only. Each account signed in here has its own: a switch builds
the window again, and the history goes along (gui/switching.py), the account's own
shown, the others' kept until their account is shown again."""

from __future__ import annotations

from collections import deque
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from agent_desktop.core.dates import short_date
from agent_desktop.core.timezones import local_zone
from agent_desktop.gui.formatting import tr

KEPT = 50


@dataclass(frozen=True)
class Entry:
    when: datetime  # aware
    text: str


def shown_time(when: datetime, now: datetime, zone: ZoneInfo) -> str:
    """The time in the computer's zone; with the date when it was not today."""
    local, today = when.astimezone(zone), now.astimezone(zone)
    clock = f"{local:%H:%M:%S}"
    if local.date() == today.date():
        return clock
    return f"{short_date(local, with_year=local.year != today.year)} {clock}"


class NoticeHistory(QObject):
    added = Signal()

    def __init__(
        self, parent: QObject | None = None, now: Callable[[], datetime] | None = None
    ) -> None:
        super().__init__(parent)
        self.now = now or (lambda: datetime.now(UTC))
        self._entries: deque[Entry] = deque(maxlen=KEPT)
        self.elsewhere: dict[int, list[Entry]] = {}  # the other accounts', by profile id

    def add(self, text: str) -> None:
        self._entries.appendleft(Entry(self.now(), text))
        self.added.emit()

    def entries(self) -> list[Entry]:
        """Newest first."""
        return list(self._entries)

    def hand_over(self, own: int) -> dict[int, list[Entry]]:
        """Every account's history, this one's as profile `own`'s: for the next window."""
        return {**self.elsewhere, own: self.entries()}

    def take_over(self, histories: dict[int, list[Entry]], own: int) -> None:
        """The last window's histories: profile `own`'s goes on under what this window
        told already (newer), the others' are kept."""
        earlier = histories.get(own, [])
        self.elsewhere = {profile: kept for profile, kept in histories.items() if profile != own}
        if earlier:
            self._entries = deque([*self._entries, *earlier][:KEPT], maxlen=KEPT)
            self.added.emit()


class NoticeHistoryDialog(QDialog):
    def __init__(self, history: NoticeHistory, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(tr("Notifications"))
        self.history = history
        self.empty = QLabel(tr("No notifications yet."))
        self.table = QTableWidget(0, 2)
        self.table.setHorizontalHeaderLabels([tr("Time"), tr("Notification")])
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setWordWrap(True)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        # a long notice wraps, in a row as tall as it needs at the column's width
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.empty)
        layout.addWidget(self.table, 1)
        layout.addWidget(buttons)
        self.resize(560, 380)
        history.added.connect(self.refresh)
        self.refresh()

    def refresh(self) -> None:
        entries = self.history.entries()
        now, zone = self.history.now(), local_zone()
        self.empty.setVisible(not entries)
        self.table.setRowCount(len(entries))
        for row, entry in enumerate(entries):
            for column, text in enumerate((shown_time(entry.when, now, zone), entry.text)):
                item = QTableWidgetItem(text)
                item.setToolTip(entry.text)
                item.setTextAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
                self.table.setItem(row, column, item)
