"""Keyboard shortcuts as named actions with their defaults, shown in menus, tooltips
and the shortcut sheet (Ctrl+/)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractScrollArea,
    QDialog,
    QDialogButtonBox,
    QStyle,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from agent_desktop.core.i18n import QT_TR_NOOP
from agent_desktop.gui.formatting import tr


@dataclass(frozen=True)
class ActionSpec:
    name: str
    label: str
    shortcut: str
    group: str
    # "window": anywhere in it; "scheduled list": only while the list has the focus (Enter
    # and Delete mean other things elsewhere)
    scope: str = "window"


SPECS = [
    ActionSpec("send", QT_TR_NOOP("Send"), "Ctrl+Return", QT_TR_NOOP("Reply")),
    ActionSpec("schedule", QT_TR_NOOP("Schedule"), "Ctrl+Shift+Return", QT_TR_NOOP("Reply")),
    # a preset fills in the time and leaves the schedule to the agent: the words say so
    ActionSpec("preset-1", QT_TR_NOOP("Send time: in 1 hour"), "Alt+1", QT_TR_NOOP("Reply")),
    ActionSpec("preset-2", QT_TR_NOOP("Send time: tomorrow 9:00"), "Alt+2", QT_TR_NOOP("Reply")),
    ActionSpec("preset-3", QT_TR_NOOP("Send time: next Monday 9:00"), "Alt+3", QT_TR_NOOP("Reply")),
    # the customer's: off (and saying why) while their zone or the inbox's hours are unknown
    ActionSpec(
        "preset-4",
        QT_TR_NOOP("Send time: the customer's morning (9:00)"),
        "Alt+4",
        QT_TR_NOOP("Reply"),
    ),
    ActionSpec(
        "preset-5", QT_TR_NOOP("Send time: when the inbox opens"), "Alt+5", QT_TR_NOOP("Reply")
    ),
    ActionSpec(
        "suggested-time",
        QT_TR_NOOP("Send time: the next that suits the inbox and the customer"),
        "Alt+N",
        QT_TR_NOOP("Reply"),
    ),
    ActionSpec("close-scheduler", QT_TR_NOOP("Close the scheduler"), "Esc", QT_TR_NOOP("Reply")),
    ActionSpec("next", QT_TR_NOOP("Next conversation"), "Alt+J", QT_TR_NOOP("Conversations")),
    ActionSpec(
        "previous", QT_TR_NOOP("Previous conversation"), "Alt+K", QT_TR_NOOP("Conversations")
    ),
    ActionSpec("search", QT_TR_NOOP("Search conversations"), "Ctrl+F", QT_TR_NOOP("Conversations")),
    ActionSpec(
        "resolve", QT_TR_NOOP("Resolve or reopen"), "Ctrl+Shift+E", QT_TR_NOOP("Conversations")
    ),
    ActionSpec("mark-unread", QT_TR_NOOP("Mark as unread"), "Alt+U", QT_TR_NOOP("Conversations")),
    ActionSpec(
        "edit-scheduled",
        QT_TR_NOOP("Edit the selected message"),
        "Return",
        QT_TR_NOOP("Scheduled"),
        "scheduled list",
    ),
    ActionSpec(
        "cancel-scheduled",
        QT_TR_NOOP("Cancel the selected message"),
        "Delete",
        QT_TR_NOOP("Scheduled"),
        "scheduled list",
    ),
    ActionSpec("scheduled-tab", QT_TR_NOOP("Scheduled messages"), "Ctrl+2", QT_TR_NOOP("View")),
    ActionSpec("conversations-tab", QT_TR_NOOP("Conversations"), "Ctrl+1", QT_TR_NOOP("View")),
    ActionSpec("contact", QT_TR_NOOP("Contact details"), "Alt+I", QT_TR_NOOP("View")),
    ActionSpec("notifications", QT_TR_NOOP("Notifications…"), "Ctrl+Shift+N", QT_TR_NOOP("View")),
    ActionSpec("shortcuts", QT_TR_NOOP("Keyboard shortcuts"), "Ctrl+/", QT_TR_NOOP("Help")),
    ActionSpec("settings", QT_TR_NOOP("Settings…"), "Ctrl+,", QT_TR_NOOP("File")),
    ActionSpec("quit", QT_TR_NOOP("Quit"), "Ctrl+Q", QT_TR_NOOP("File")),
]


# the Reply menu, in its order (None: a separator)
REPLY_MENU: list[str | None] = [
    "send",
    "schedule",
    None,
    *(f"preset-{number}" for number in range(1, 6)),
    "suggested-time",
    "close-scheduler",
]


class Actions:
    """The window's named actions: actions['send'] and so on."""

    def __init__(self, window: QWidget) -> None:
        self.window = window
        self.by_name: dict[str, QAction] = {}
        for spec in SPECS:
            label = tr(spec.label)
            action = QAction(label, window)
            action.setObjectName(f"action-{spec.name}")
            action.setShortcut(QKeySequence(spec.shortcut))
            keys = QKeySequence(spec.shortcut).toString(QKeySequence.SequenceFormat.NativeText)
            action.setToolTip(f"{label} ({keys})")
            if spec.scope == "window":
                window.addAction(action)
            else:  # the widget it belongs to adds it
                action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            self.by_name[spec.name] = action

    def __getitem__(self, name: str) -> QAction:
        return self.by_name[name]

    def connect(self, name: str, slot: Callable[[], None]) -> None:
        self.by_name[name].triggered.connect(lambda _checked=False: slot())


class ShortcutSheet(QDialog):
    def __init__(self, actions: Actions, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(tr("Keyboard shortcuts"))
        table = QTableWidget(len(SPECS), 3)
        table.setHorizontalHeaderLabels([tr("Where"), tr("Action"), tr("Keys")])
        for row, spec in enumerate(SPECS):
            keys = actions[spec.name].shortcut().toString(QKeySequence.SequenceFormat.NativeText)
            for column, text in enumerate((tr(spec.group), tr(spec.label), keys)):
                table.setItem(row, column, QTableWidgetItem(text))
        table.resizeColumnsToContents()
        table.resizeRowsToContents()
        table.verticalHeader().setVisible(False)
        table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        # a sheet to glance at: it asks for room for every row, scrolling none
        table.setSizeAdjustPolicy(QAbstractScrollArea.SizeAdjustPolicy.AdjustToContents)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(table)
        layout.addWidget(buttons)
        self.table = table
        self.resize(self._opening_size(parent))

    def _opening_size(self, parent: QWidget | None) -> QSize:
        """All of it where the screen has the room; else as much as the screen holds,
        with room for the scroll bars that then come (none hides a row or a column)."""
        wanted = self.sizeHint()
        screen = (parent or self).screen()
        if screen is None:
            return wanted
        room = screen.availableGeometry().size()
        # the title bar is the window manager's and not yet known: about this much
        room.setHeight(
            room.height() - self.style().pixelMetric(QStyle.PixelMetric.PM_TitleBarHeight)
        )
        bar = self.style().pixelMetric(QStyle.PixelMetric.PM_ScrollBarExtent)
        if wanted.height() > room.height():
            wanted.setWidth(wanted.width() + bar)
        if wanted.width() > room.width():
            wanted.setHeight(wanted.height() + bar)
        return wanted.boundedTo(room)
