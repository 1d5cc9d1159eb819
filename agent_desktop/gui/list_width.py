"""The conversation list's share of a narrow window. Below NARROW pixels the list gives
up room to the conversation (at most a third of the width, never under its minimum),
so that the thread and the reply box with its Send button keep theirs; with the contact
panel open beside the thread it gives up more, at any width, so that the thread keeps
SPARE pixels beyond its bare minimum; wider again, it gets back the width the agent
gave it."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QSplitter, QWidget

NARROW = 900  # the splitter's width below which the list gives way
SHARE = 0.34  # of a narrow splitter's width, at most, for the list
SPARE = 100  # for the thread beyond its bare minimum, which leaves it hardly usable


class ListWidth(QObject):
    """Keeps the first pane of a horizontal splitter narrow while the splitter is, or
    while the second could not have its minimum and SPARE beside it; `wide`: the first
    pane's width where there is room, until the agent moves it."""

    def __init__(self, splitter: QSplitter, wide: int) -> None:
        super().__init__(splitter)
        self.splitter = splitter
        self.wide = wide
        self.narrow = False  # whether the list was last fitted to a narrow window
        self.beside_wide: int | None = None  # the panel's width where there is room
        self.laid_out = False  # a first fit finds sizes the splitter has not laid out yet
        splitter.installEventFilter(self)
        second = splitter.widget(1)
        # a splitter of its own: the panes after its first (the contact panel) stand
        # beside the thread, and need room whenever the agent shows them
        self.beside: list[QWidget] = []
        if isinstance(second, QSplitter):
            self.beside = [w for i in range(1, second.count()) if (w := second.widget(i))]
        for pane in self.beside:
            pane.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        # before the splitter's own handling: sizes() are still those of the old width
        if watched is self.splitter and kind == QEvent.Type.Resize:
            self._keep_beside_width()
            self.fit()
        # a pane beside the thread shown or hidden (other layout changes leave alone a
        # divider the agent moved)
        toggled = kind in (QEvent.Type.ShowToParent, QEvent.Type.HideToParent)
        if toggled and watched in self.beside and self.splitter.isVisible():
            self.fit()
        return False

    def want(self) -> int:
        """The second pane's minimum width (the thread's, and the contact panel's while
        shown), and SPARE."""
        second = self.splitter.widget(1)
        return second.minimumSizeHint().width() + SPARE if second is not None else 0

    def fit(self) -> None:
        sizes = self.splitter.sizes()
        total = sum(sizes)
        first = self.splitter.widget(0)
        if len(sizes) != 2 or total <= 0 or first is None:
            return
        was_laid_out, self.laid_out = self.laid_out, True
        if not self.narrow and was_laid_out:
            self.wide = sizes[0]  # the agent's width, kept for when there is room again
        want = self.want()
        room = self.splitter.width() - self.splitter.handleWidth()  # sizes() may be old
        if self.splitter.width() >= NARROW and room - self.wide >= want:
            if self.narrow:  # room again: the width it had, or the agent gave it
                self.narrow = False
                self.splitter.setSizes([self.wide, total - self.wide])
                self._fit_beside(room - self.wide)
            return
        self.narrow = True
        most = room - want
        if self.splitter.width() < NARROW:
            most = min(most, int(self.splitter.width() * SHARE))
        width = max(first.minimumSizeHint().width(), min(self.wide, most))
        if sizes[0] != width:
            self.splitter.setSizes([width, total - width])
        self._fit_beside(room - width)

    def _keep_beside_width(self) -> None:
        """The width the agent gave the panel (or it was given back) while there was
        room: what it shrinks from in a narrow window and gets back after."""
        inner = self.splitter.widget(1)
        shown = [pane for pane in self.beside if not pane.isHidden()]
        if self.narrow or not self.laid_out or len(shown) != 1:
            return
        if isinstance(inner, QSplitter) and inner.count() == 2 and inner.sizes()[1] > 0:
            self.beside_wide = inner.sizes()[1]

    def _fit_beside(self, room: int) -> None:
        """The one pane shown beside the thread (the contact panel) at its own width where
        the thread keeps its minimum and SPARE, else narrower, down to its minimum."""
        inner = self.splitter.widget(1)
        shown = [pane for pane in self.beside if not pane.isHidden()]
        if not isinstance(inner, QSplitter) or inner.count() != 2 or len(shown) != 1:
            return
        thread, pane = inner.widget(0), shown[0]
        if thread is None or room <= 0:
            return
        keep = thread.minimumSizeHint().width() + SPARE
        least = pane.minimumSizeHint().width()
        own = self.beside_wide or pane.sizeHint().width()
        width = max(least, min(own, room - inner.handleWidth() - keep))
        inner.setSizes([room - inner.handleWidth() - width, width])
