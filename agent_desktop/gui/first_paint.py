"""What the window builds after its first paint: the list is what an agent looks at
first, and the thread and the reply box (a good part of the start-up's modules) follow
a moment later in the place kept for them."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtWidgets import QSplitter, QWidget

W = TypeVar("W", bound=QWidget)


# A window shown but never painted (on another workspace, behind a locked screen) goes
# on all the same after this long: the store opens, and the sender starts, behind it.
UNPAINTED_MS = 1500


class _AfterFirstPaint(QObject):
    def __init__(self, widget: QWidget, then: Callable[[], None]) -> None:
        super().__init__(widget)
        self._widget, self._then = widget, then
        self._done = False  # once: the paint or the time, whichever comes first
        widget.installEventFilter(self)
        QTimer.singleShot(UNPAINTED_MS, self, self._go)  # dropped with this hook

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            self._go()
        return False

    def _go(self) -> None:
        if self._done:
            return
        self._done = True
        self._widget.removeEventFilter(self)
        self.deleteLater()
        # not inside the paint: once it has gone out (dropped with the widget)
        QTimer.singleShot(0, self._widget, self._then)


def after_first_paint(widget: QWidget, then: Callable[[], None]) -> None:
    """Call `then` once `widget`'s first paint has gone out. Hooks on one widget run
    in the opposite order to the one they were made in (Qt's event filters)."""
    _AfterFirstPaint(widget, then)


def put_in_place(placeholder: QWidget, make: Callable[[QWidget], W]) -> W:
    """The widget `make(parent)` makes, where `placeholder` stood in its splitter, with
    the placeholder's size and stretch; the placeholder goes."""
    splitter = placeholder.parentWidget()
    assert isinstance(splitter, QSplitter), "a placeholder stands in a splitter"
    index, sizes = splitter.indexOf(placeholder), splitter.sizes()
    policy = placeholder.sizePolicy()  # where QSplitter keeps a stretch factor
    horizontal = splitter.orientation() == Qt.Orientation.Horizontal
    stretch = policy.horizontalStretch() if horizontal else policy.verticalStretch()
    for at in range(splitter.count()):
        # a hidden pane's size reads 0: given back, it would open at its narrowest
        other = splitter.widget(at)
        if other is not None and other.isHidden():
            hint = other.sizeHint()
            sizes[at] = hint.width() if horizontal else hint.height()
    # made inside the window, never a window of its own for a moment: one that came and
    # went would take the window's activation (and its shortcuts) with it
    widget = make(splitter)
    splitter.insertWidget(index, widget)  # the splitter took it in last: moved to its place
    splitter.setStretchFactor(index, stretch)
    placeholder.setParent(None)
    placeholder.deleteLater()
    splitter.setSizes(sizes)
    return widget


def tab_after(before: QWidget, part: QWidget) -> None:
    """Tab goes from `before` into `part`, as if `part` had been there from the start:
    made last, its widgets would come after everything else (the contact panel)."""
    stops: list[QWidget] = []
    widget = part.nextInFocusChain()
    while widget is not None and widget is not part:
        if part.isAncestorOf(widget) and widget.focusPolicy() & Qt.FocusPolicy.TabFocus:
            stops.append(widget)
        widget = widget.nextInFocusChain()
    for first, second in zip([before, *stops], stops, strict=False):
        QWidget.setTabOrder(first, second)
