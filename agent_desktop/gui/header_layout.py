"""The thread header's layout: the conversation's title, then its buttons. Where the
whole title fits beside the buttons they share a row, the buttons at the right; where it
does not, the title keeps the whole width and the buttons go to the rows below it,
wrapping as often as they must. A narrow window so shows the contact's name whole
instead of cutting it to a few letters, and never pushes a button off the window."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QPoint, QRect, QSize, Qt
from PySide6.QtWidgets import QLayout, QLayoutItem, QWidget, QWidgetItem

SPACING = 6  # between buttons, and between the title and the buttons beside it
ROW_SPACING = 4  # between rows of buttons


class HeaderLayout(QLayout):
    """The first widget added is the title block; the others are buttons. `wanted`
    gives the width the title block needs to show the title whole."""

    def __init__(self, wanted: Callable[[], int], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.wanted = wanted
        self.items: list[QLayoutItem] = []
        self.setContentsMargins(0, 0, 0, 0)

    # -- QLayout's bookkeeping ------------------------------------------------------

    def addItem(self, item: QLayoutItem) -> None:
        self.items.append(item)

    def addWidget(self, widget: QWidget) -> None:
        self.addChildWidget(widget)
        self.addItem(QWidgetItem(widget))

    def count(self) -> int:
        return len(self.items)

    def itemAt(self, index: int) -> QLayoutItem | None:
        return self.items[index] if 0 <= index < len(self.items) else None

    def takeAt(self, index: int) -> QLayoutItem | None:
        return self.items.pop(index) if 0 <= index < len(self.items) else None

    def expandingDirections(self) -> Qt.Orientation:
        return Qt.Orientation.Horizontal

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        return self._place(QRect(0, 0, width, 0), apply=False)

    def setGeometry(self, rect: QRect) -> None:
        super().setGeometry(rect)
        self._place(rect, apply=True)

    def sizeHint(self) -> QSize:
        buttons = self._buttons()
        width = self.wanted() + sum(SPACING + b.sizeHint().width() for b in buttons)
        return QSize(width, self._one_row_height())

    def minimumSize(self) -> QSize:
        widest = max((b.minimumSize().width() for b in self._buttons()), default=0)
        title = self.items[0].minimumSize().width() if self.items else 0
        return QSize(max(widest, title), self._one_row_height())

    # -- where things go ----------------------------------------------------------------

    def _buttons(self) -> list[QLayoutItem]:
        return [item for item in self.items[1:] if not item.isEmpty()]

    def _one_row_height(self) -> int:
        heights = [item.sizeHint().height() for item in self.items if not item.isEmpty()]
        return max(heights, default=0)

    def beside(self, width: int) -> bool:
        """Whether the title, whole, and the buttons fit on one row of this width."""
        buttons = self._buttons()
        needed = self.wanted() + sum(SPACING + b.sizeHint().width() for b in buttons)
        return needed <= width

    def _place(self, rect: QRect, *, apply: bool) -> int:
        """Lay the items out in `rect` (or only measure); returns the height used."""
        if not self.items:
            return 0
        title, buttons = self.items[0], self._buttons()
        left, top, width = rect.x(), rect.y(), rect.width()
        if self.beside(width):
            row = self._one_row_height()
            x = rect.right() + 1
            for button in reversed(buttons):
                size = button.sizeHint()
                x -= size.width()
                if apply:  # in the middle of the title's two lines
                    middle = top + (row - size.height()) // 2
                    button.setGeometry(QRect(QPoint(x, middle), size))
                x -= SPACING
            if apply:
                title.setGeometry(QRect(left, top, max(x - left, 0), row))
            return row
        title_height = title.sizeHint().height()
        if apply:
            title.setGeometry(QRect(left, top, width, title_height))
        y = top + title_height + ROW_SPACING
        x, row = left, 0
        for button in buttons:
            size = button.sizeHint()
            size.setWidth(min(size.width(), width))
            if x > left and x + size.width() > left + width:  # no room left on this row
                x, y, row = left, y + row + ROW_SPACING, 0
            if apply:
                button.setGeometry(QRect(QPoint(x, y), size))
            x += size.width() + SPACING
            row = max(row, size.height())
        return y + row - top
