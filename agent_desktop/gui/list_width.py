"""The conversation list's share of a narrow window. Below NARROW pixels the list gives
up room to the conversation (at most a third of the width, never under its minimum),
so that the thread and the reply box with its Send button keep theirs; wider again, it
gets back the width the agent gave it."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QSplitter

NARROW = 900  # the splitter's width below which the list gives way
SHARE = 0.34  # of a narrow splitter's width, at most, for the list


class ListWidth(QObject):
    """Keeps the first pane of a horizontal splitter narrow while the splitter is;
    `wide`: the first pane's width where there is room, until the agent moves it."""

    def __init__(self, splitter: QSplitter, wide: int) -> None:
        super().__init__(splitter)
        self.splitter = splitter
        self.wide = wide
        self.narrow = False  # whether the list was last fitted to a narrow window
        self.laid_out = False  # a first fit finds sizes the splitter has not laid out yet
        splitter.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # before the splitter's own handling: sizes() are still those of the old width
        if watched is self.splitter and event.type() == QEvent.Type.Resize:
            self.fit()
        return False

    def fit(self) -> None:
        sizes = self.splitter.sizes()
        total = sum(sizes)
        first = self.splitter.widget(0)
        if len(sizes) != 2 or total <= 0 or first is None:
            return
        was_laid_out, self.laid_out = self.laid_out, True
        if self.splitter.width() >= NARROW:
            if self.narrow:  # room again: the width it had, or the agent gave it
                self.narrow = False
                self.splitter.setSizes([self.wide, total - self.wide])
            return
        if not self.narrow and was_laid_out:
            self.wide = sizes[0]
        self.narrow = True
        least = first.minimumSizeHint().width()
        width = max(least, min(self.wide, int(self.splitter.width() * SHARE)))
        if sizes[0] != width:
            self.splitter.setSizes([width, total - width])
