"""The tray icon: open, pending count, pause sending, switch account, quit; notifications
that open the message they are about when clicked."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QAction, QIcon
from PySide6.QtWidgets import QMenu, QSystemTrayIcon

from agent_desktop.gui.formatting import tr


class Tray(QObject):
    open_requested = Signal()
    quit_requested = Signal()
    pause_toggled = Signal(bool)
    attention_requested = Signal()  # the agent asks to see what needs them

    def __init__(self, icon: QIcon, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.available = QSystemTrayIcon.isSystemTrayAvailable()
        self.icon = QSystemTrayIcon(icon, self)
        self.icon.setToolTip("Agent Desktop")
        menu = QMenu()
        self.open_action = QAction(tr("Open Agent Desktop"), menu)
        self.open_action.triggered.connect(self.open_requested)
        self.pending_action = QAction(tr("No messages pending"), menu)
        self.pending_action.setEnabled(False)
        self.attention_action = QAction(menu)
        self.attention_action.setVisible(False)
        self.attention_action.triggered.connect(self.attention_requested)
        self.pause_action = QAction(tr("Pause sending"), menu)
        self.pause_action.setCheckable(True)
        self.pause_action.toggled.connect(self.pause_toggled)
        self.quit_action = QAction(tr("Quit"), menu)
        self.quit_action.triggered.connect(self.quit_requested)
        for action in (
            self.open_action,
            self.pending_action,
            self.attention_action,
            self.pause_action,
        ):
            menu.addAction(action)
        self._before_quit = menu.addSeparator()
        menu.addAction(self.quit_action)
        self.menu = menu
        self.icon.setContextMenu(menu)
        self.icon.activated.connect(self._activated)
        self.icon.messageClicked.connect(self._clicked)
        self._on_click: Callable[[], None] | None = None  # the last notification's
        if self.available:
            self.icon.show()

    def add_menu(self, menu: QMenu) -> None:
        """A submenu (the accounts to switch to), above Quit."""
        self.menu.insertMenu(self._before_quit, menu)

    def set_pending(self, count: int, attention: int = 0) -> None:
        """How many wait, and how many need the agent (held, failed, missed: the policy's
        count): those open the Scheduled tab's view of them."""
        text = tr("No messages pending") if count == 0 else tr("%n message(s) pending", None, count)
        self.pending_action.setText(text)
        needs = tr("%n need(s) attention", None, attention)
        self.attention_action.setText(needs)
        self.attention_action.setVisible(attention > 0)
        self.icon.setToolTip(f"Agent Desktop — {text}" + (f" · {needs}" if attention else ""))

    def notify(
        self,
        title: str,
        text: str,
        on_click: Callable[[], None] | None = None,
        kind: QSystemTrayIcon.MessageIcon = QSystemTrayIcon.MessageIcon.Warning,
    ) -> bool:
        """Show a desktop notification that opens the window, and what on_click opens, when
        clicked; False where there is no tray to show it."""
        if not self.available:
            return False
        self._on_click = on_click
        self.icon.showMessage(title, text, kind, 10_000)
        return True

    def _activated(self, reason: QSystemTrayIcon.ActivationReason) -> None:
        if reason in (
            QSystemTrayIcon.ActivationReason.Trigger,
            QSystemTrayIcon.ActivationReason.DoubleClick,
        ):
            self.open_requested.emit()

    def _clicked(self) -> None:
        self.open_requested.emit()
        if self._on_click is not None:
            self._on_click()

    def hide(self) -> None:
        self.icon.hide()
