"""Notices inside the window: a bar that says what happened, with an action (Undo, Open)
for a few seconds. Where the desktop has no tray, every notification shows here too.

A notice that stays until dismissed (a failed message, a lost sign-in) is never lost to
a passing one: it comes back when the passing one ends."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QWidget

from agent_desktop.gui.formatting import tr


@dataclass(eq=False)
class Notice:
    text: str
    action: str | None
    callback: Callable[[], None] | None
    seconds: float  # 0: until dismissed


class NoticeBar(QFrame):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("noticeBar")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setAutoFillBackground(True)
        self.label = QLabel()
        self.label.setWordWrap(True)
        self.label.setAccessibleName(tr("Notice"))
        self.action = QPushButton()
        self.action.setAutoDefault(False)
        self.action.clicked.connect(self._act)
        self.close_button = QPushButton("✕")
        self.close_button.setFlat(True)
        self.close_button.setAccessibleName(tr("Dismiss"))
        self.close_button.clicked.connect(self.dismiss)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(10, 4, 4, 4)
        layout.addWidget(self.label, 1)
        layout.addWidget(self.action)
        layout.addWidget(self.close_button)
        self._current: Notice | None = None
        self._lasting: list[Notice] = []  # shown until dismissed; the newest last
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.dismiss)
        self.setVisible(False)

    def show_notice(
        self,
        text: str,
        action: str | None = None,
        callback: Callable[[], None] | None = None,
        seconds: float = 8,
    ) -> Notice:
        notice = Notice(text, action, callback, seconds)
        if not seconds:
            self._lasting.append(notice)
        self._show(notice)
        return notice

    def _show(self, notice: Notice) -> None:
        self._current = notice
        self.label.setText(notice.text)
        self.action.setVisible(bool(notice.action and notice.callback))
        self.action.setText(notice.action or "")
        self.setVisible(True)
        if notice.seconds:
            self._timer.start(int(notice.seconds * 1000))
        else:
            self._timer.stop()

    def _act(self) -> None:
        callback = self._current.callback if self._current else None
        self.dismiss()
        if callback is not None:
            callback()

    def withdraw(self, notice: Notice) -> None:
        """A notice whose news no longer holds goes, shown or waiting."""
        if notice is self._current:
            self.dismiss()
        elif notice in self._lasting:
            self._lasting.remove(notice)

    def dismiss(self) -> None:
        """The notice shown goes; a lasting one shown before it comes back."""
        self._timer.stop()
        if self._current in self._lasting:
            self._lasting.remove(self._current)
        self._current = None
        if self._lasting:
            self._show(self._lasting[-1])
        else:
            self.setVisible(False)
