"""A panel that scrolls up and down where the window is too short for it, instead of
making the window taller than the screen. It shows and hides with the panel it holds."""

from __future__ import annotations

from functools import partial

from PySide6.QtCore import QEvent, QObject, QSize, Qt, QTimer, Signal
from PySide6.QtWidgets import QFrame, QScrollArea, QSizePolicy, QSplitter, QWidget

LEAST_LINES = 4  # of the panel shown, at least, however short the window


class ScrollPanel(QScrollArea):
    shown = Signal(bool)  # the panel opened (True) or closed

    def __init__(self, panel: QWidget, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.panel = panel
        shown = not panel.isHidden()
        self.setWidgetResizable(True)
        self.setWidget(panel)  # which shows it: hidden again below if it was
        panel.setVisible(shown)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
        self.setVisible(shown)
        panel.installEventFilter(self)

    def sizeHint(self) -> QSize:
        """All of the panel where there is room."""
        hint = self.panel.sizeHint()
        return QSize(hint.width(), hint.height() + 2 * self.frameWidth())

    def minimumSizeHint(self) -> QSize:
        lines = self.fontMetrics().lineSpacing() * LEAST_LINES
        least = self.panel.minimumSizeHint()
        scroll_bar = self.verticalScrollBar().sizeHint().width()  # shown once it is short
        return QSize(least.width() + scroll_bar, min(lines, least.height()))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.panel:
            kind = event.type()
            if kind in (QEvent.Type.ShowToParent, QEvent.Type.HideToParent):
                self.setVisible(kind == QEvent.Type.ShowToParent)
                self.shown.emit(kind == QEvent.Type.ShowToParent)
            elif kind == QEvent.Type.LayoutRequest:
                self.updateGeometry()  # the panel grew or shrank: so does the room it asks
        return False


class RoomInSplitter(QObject):
    """While the panel shows, the splitter pane that holds it gets the height it asks
    for, taken from the other pane down to that one's least; closed again, the divider
    goes back where it was, unless the agent moved it meanwhile."""

    def __init__(self, splitter: QSplitter, holder: QWidget, area: ScrollPanel) -> None:
        super().__init__(splitter)
        self.splitter, self.holder, self.area = splitter, holder, area
        self.before: list[int] | None = None  # the sizes the panel's opening changed
        area.shown.connect(self._shown)
        splitter.splitterMoved.connect(self._moved)  # by the agent only, not by setSizes

    def _shown(self, on: bool) -> None:
        # the sizes as they are now, before the panel's least height moves the divider
        QTimer.singleShot(0, partial(self._fit, on, self.splitter.sizes()))

    def _moved(self, _position: int, _index: int) -> None:
        self.before = None  # where the agent put it stays

    def _fit(self, on: bool, earlier: list[int]) -> None:
        splitter, index = self.splitter, self.splitter.indexOf(self.holder)
        sizes = splitter.sizes()
        if index < 0 or len(sizes) != 2 or sum(sizes) <= 0:
            return
        layout = self.holder.layout()
        if layout is not None:
            layout.activate()  # placed as it is now: the panel's room, or none when shut
        if not on:
            if self.before is not None:
                splitter.setSizes(self.before)
            self.before = None
            return
        self.before = earlier
        short = self.area.sizeHint().height() - self.area.height()
        if short <= 0:
            return  # room enough already
        other = splitter.widget(1 - index)
        least = other.minimumSizeHint().height() if other is not None else 0
        wanted = min(sizes[index] + short, sum(sizes) - least)
        if wanted <= sizes[index]:
            return  # the other pane has nothing more to give
        grown = [0, 0]
        grown[index], grown[1 - index] = wanted, sum(sizes) - wanted
        splitter.setSizes(grown)
