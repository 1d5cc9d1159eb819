"""The scheduler's date-time picker: a plain wall-clock editor (UTC inside, so Qt never
converts what is typed) on which a click on a part, the hour say, selects that part, so
that the digits typed next replace it. Qt's own leaves the cursor inside the part, where
a typed digit makes one too many and is refused without a word."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, QTimeZone
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QDateTimeEdit, QWidget


class WallClockEdit(QDateTimeEdit):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTimeZone(QTimeZone.utc())  # a wall-clock reading, never converted
        self.lineEdit().installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            watched is self.lineEdit()
            and event.type() is QEvent.Type.MouseButtonRelease
            and isinstance(event, QMouseEvent)
            and event.button() is Qt.MouseButton.LeftButton
        ):
            # once the click has placed the cursor (and made its part the current one)
            QTimer.singleShot(0, self._select_clicked_part)
        return super().eventFilter(watched, event)

    def _select_clicked_part(self) -> None:
        if not self.lineEdit().hasSelectedText():  # a drag chose its own selection
            self.setSelectedSection(self.currentSection())
