"""Keyboard shortcuts as named actions with their defaults, shown in menus, tooltips
and the shortcut sheet (Ctrl+/)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from agent_desktop.gui.formatting import tr


@dataclass(frozen=True)
class ActionSpec:
    name: str
    label: str
    shortcut: str
    group: str


SPECS = [
    ActionSpec("send", "Send", "Ctrl+Return", "Reply"),
    ActionSpec("schedule", "Schedule", "Ctrl+Shift+Return", "Reply"),
    ActionSpec("preset-1", "Schedule in 1 hour", "Alt+1", "Reply"),
    ActionSpec("preset-2", "Schedule for tomorrow 9:00", "Alt+2", "Reply"),
    ActionSpec("preset-3", "Schedule for next Monday 9:00", "Alt+3", "Reply"),
    ActionSpec("close-scheduler", "Close the scheduler", "Esc", "Reply"),
    ActionSpec("next", "Next conversation", "Alt+J", "Conversations"),
    ActionSpec("previous", "Previous conversation", "Alt+K", "Conversations"),
    ActionSpec("search", "Search conversations", "Ctrl+F", "Conversations"),
    ActionSpec("resolve", "Resolve or reopen", "Ctrl+Shift+E", "Conversations"),
    ActionSpec("scheduled-tab", "Scheduled messages", "Ctrl+2", "View"),
    ActionSpec("conversations-tab", "Conversations", "Ctrl+1", "View"),
    ActionSpec("shortcuts", "Keyboard shortcuts", "Ctrl+/", "Help"),
    ActionSpec("settings", "Settings…", "Ctrl+,", "File"),
    ActionSpec("quit", "Quit", "Ctrl+Q", "File"),
]


class Actions:
    """The window's named actions: actions['send'] and so on."""

    def __init__(self, window: QWidget) -> None:
        self.window = window
        self.by_name: dict[str, QAction] = {}
        for spec in SPECS:
            action = QAction(tr(spec.label), window)
            action.setObjectName(f"action-{spec.name}")
            action.setShortcut(QKeySequence(spec.shortcut))
            keys = QKeySequence(spec.shortcut).toString(QKeySequence.SequenceFormat.NativeText)
            action.setToolTip(f"{tr(spec.label)} ({keys})")
            window.addAction(action)
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
        table.verticalHeader().setVisible(False)
        table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(table)
        layout.addWidget(buttons)
        self.table = table
        self.resize(480, 460)
