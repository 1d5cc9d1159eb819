"""Notices inside the window: a toast that says what happened, with an action (Undo, Open)
for long enough to read it. Where the desktop has no tray, every notification shows here too.

The toast floats over the window's top edge, at the right, outside every layout. A bar in
the layout pushed the whole window down when a notice came and pulled it back when it went,
so a click aimed at a conversation or at Send landed on something else. A reserved strip
would not move anything either, but it would take a row from the window for good and
mostly stand empty. The right ends of the menu bar and of the tab bar hold nothing to
click, so a notice there covers nothing the agent is aiming at; the bottom edge, by
contrast, holds Send, Schedule and Attach, where an Undo appearing under the pointer would
be the very mis-click this avoids.

A notice stays a while that grows with its words, and not at all while the pointer rests on
it. A notice that stays until dismissed (a failed message, a lost sign-in) is never lost to
a passing one: it comes back when the passing one ends. Every notice is also kept in the
history (`notice_history`), to be read again later."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QEvent, QObject, QPoint, QTimer
from PySide6.QtGui import QColor, QCursor, QEnterEvent, QHideEvent, QMouseEvent, QShowEvent
from PySide6.QtWidgets import (
    QFrame,
    QGraphicsDropShadowEffect,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QWidget,
)

from agent_desktop.gui.formatting import tr
from agent_desktop.gui.notice_history import NoticeHistory, NoticeHistoryDialog

MARGIN = 6  # from the window's edges
WIDEST = 560  # wider than this, a line is hard to take in at a glance
NARROWEST = 300
RESUME_MS = 2_000  # after the pointer leaves, time to finish the sentence


def reading_seconds(text: str) -> float:
    """How long a passing notice stays: 8 s, and a quarter of a second per word."""
    return 8.0 + 0.25 * len(text.split())


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
        self.setStyleSheet(
            "#noticeBar { background: palette(window); border: 1px solid palette(mid);"
            " border-radius: 6px; }"
        )
        shadow = QGraphicsDropShadowEffect(self)
        shadow.setBlurRadius(14)
        shadow.setOffset(0, 2)
        shadow.setColor(QColor(0, 0, 0, 90))
        self.setGraphicsEffect(shadow)
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
        self._row = QHBoxLayout(self)
        self._row.setContentsMargins(10, 4, 4, 4)
        self._row.addWidget(self.label, 1)
        self._row.addWidget(self.action)
        self._row.addWidget(self.close_button)
        # the pointer moving over any part of it counts as reading it
        for widget in (self, self.label, self.action, self.close_button):
            widget.setMouseTracking(True)
            if widget is not self:
                widget.installEventFilter(self)
        self.history = NoticeHistory(self)
        self.history_dialog: NoticeHistoryDialog | None = None
        self._current: Notice | None = None
        self._lasting: list[Notice] = []  # shown until dismissed; the newest last
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.dismiss)
        self._pointed = False  # the pointer came to it, not it to a pointer left there
        self._appeared_at = QPoint()
        self._held_ms: int | None = None  # the time left, while the pointer is over it
        self.setVisible(False)
        if parent is not None:  # floats over it: follows its size
            parent.installEventFilter(self)

    def show_notice(
        self,
        text: str,
        action: str | None = None,
        callback: Callable[[], None] | None = None,
        seconds: float | None = None,
    ) -> Notice:
        """Show a notice; `seconds` 0 keeps it until dismissed, None long enough to read."""
        if seconds is None:
            seconds = reading_seconds(text)
        notice = Notice(text, action, callback, seconds)
        if not seconds:
            self._lasting.append(notice)
        self.history.add(text)
        self._show(notice)
        return notice

    @property
    def paused(self) -> bool:
        """The pointer rests on a passing notice: its time stands still."""
        return self._held_ms is not None

    def show_history(self) -> None:
        """The notices shown so far, newest first, in a small window of their own."""
        if self.history_dialog is None:
            self.history_dialog = NoticeHistoryDialog(self.history, self.window())
        self.history_dialog.show()
        self.history_dialog.raise_()
        self.history_dialog.activateWindow()

    def _show(self, notice: Notice) -> None:
        self._current = notice
        self.label.setText(notice.text)
        self.action.setVisible(bool(notice.action and notice.callback))
        self.action.setText(notice.action or "")
        self.setVisible(True)
        self._place()
        self._held_ms = None
        if not notice.seconds:
            self._timer.stop()
        elif self._pointed:  # came while the agent points here: it waits for them to go
            self._timer.stop()
            self._held_ms = int(notice.seconds * 1000)
        else:
            self._timer.start(int(notice.seconds * 1000))

    def _place(self) -> None:
        """Top right of the window, as wide as the words need, within the window."""
        parent = self.parentWidget()
        if parent is None or self.isWindow():
            return
        room = parent.width() - 2 * MARGIN
        widest = min(room, max(NARROWEST, min(WIDEST, parent.width() // 2)))
        margins = self._row.contentsMargins()
        beside = margins.left() + margins.right() + 4  # the label's own breathing room
        for widget in (self.action, self.close_button):
            if not widget.isHidden():
                beside += widget.sizeHint().width() + self._row.spacing()
        words = self.label.fontMetrics().horizontalAdvance(self.label.text())
        width = max(min(NARROWEST, widest), min(widest, words + beside))
        height = self.heightForWidth(width)
        if height <= 0:
            height = self.sizeHint().height()
        self.setGeometry(parent.width() - MARGIN - width, MARGIN // 2, width, height)
        self.raise_()  # above the window's central widget and menu bar, made after it

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind == QEvent.Type.Resize and watched is self.parentWidget() and not self.isHidden():
            self._place()
        elif kind == QEvent.Type.MouseMove and watched is not self.parentWidget():
            self._point()
        return super().eventFilter(watched, event)

    def enterEvent(self, event: QEnterEvent) -> None:
        # a toast that appears under a pointer parked there is not being read: a parked
        # pointer would keep every notice for good
        if QCursor.pos() != self._appeared_at:
            self._point()
        super().enterEvent(event)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        self._point()
        super().mouseMoveEvent(event)

    def leaveEvent(self, event: QEvent) -> None:
        self._pointed = False
        self._resume()
        super().leaveEvent(event)

    def showEvent(self, event: QShowEvent) -> None:
        # however it came to be shown: where the pointer was parked then
        self._appeared_at = QCursor.pos()
        super().showEvent(event)

    def hideEvent(self, event: QHideEvent) -> None:
        self._pointed = False  # no leave event comes for a toast that went
        super().hideEvent(event)

    def _point(self) -> None:
        self._pointed = True
        if self._timer.isActive():
            self._held_ms = max(self._timer.remainingTime(), 0)
            self._timer.stop()

    def _resume(self) -> None:
        held, self._held_ms = self._held_ms, None
        if held is not None and self._current is not None and self._current.seconds:
            # never more than the notice's own time, so a short one stays short
            floor = min(RESUME_MS, int(self._current.seconds * 1000))
            self._timer.start(max(held, floor))

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
        self._held_ms = None
        if self._current in self._lasting:
            self._lasting.remove(self._current)
        self._current = None
        if self._lasting:
            self._show(self._lasting[-1])
        else:
            self.setVisible(False)
