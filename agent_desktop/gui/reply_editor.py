"""The reply editor: plain text; files dropped or pasted on it, and pasted pictures,
attached rather than typed in; and the keys that choose from a list under the cursor (a
canned response, an agent to mention) left to that list while it is open."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QEvent, QMimeData, Qt, Signal
from PySide6.QtGui import QImage, QKeyEvent
from PySide6.QtWidgets import QPlainTextEdit, QWidget

CHOOSING_KEYS = {Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Tab, Qt.Key.Key_Escape}


def local_files(source: QMimeData) -> list[Path]:
    """The files a drag or a paste carries (a file manager's), if it carries only files."""
    if not source.hasUrls():
        return []
    urls = source.urls()
    if not all(url.isLocalFile() for url in urls):
        return []
    return [Path(url.toLocalFile()) for url in urls if Path(url.toLocalFile()).is_file()]


class ReplyEditor(QPlainTextEdit):
    files_dropped = Signal(object)  # a list of Path, as it is (no conversion to Qt types)
    image_pasted = Signal(QImage)  # a screenshot, say: attached as a picture

    def __init__(self) -> None:
        super().__init__()
        self.popups: list[QWidget] = []  # the lists that open under the cursor

    def choosing(self) -> bool:
        """Whether one of those lists is open, and so takes Enter, Tab and Esc."""
        return any(popup.isVisible() for popup in self.popups)

    def event(self, event: QEvent) -> bool:
        # QCompleter hands its keys to the editor first; taken here, before QWidget.event,
        # which would use Tab to move the focus
        if (
            event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and Qt.Key(event.key()) in CHOOSING_KEYS
            and self.choosing()
        ):
            event.ignore()
            return False
        return super().event(event)

    def canInsertFromMimeData(self, source: QMimeData) -> bool:
        return (
            bool(local_files(source)) or source.hasImage() or super().canInsertFromMimeData(source)
        )

    def insertFromMimeData(self, source: QMimeData) -> None:
        files = local_files(source)
        if files:
            self.files_dropped.emit(files)
        elif source.hasImage() and not source.hasText():
            image = QImage(source.imageData())
            if not image.isNull():
                self.image_pasted.emit(image)
        else:
            super().insertFromMimeData(source)
