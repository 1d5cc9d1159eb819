"""Image attachments shown small in the thread: each fetched once from the Chatwoot
server on a worker thread (never more than the size limit), decoded there at thumbnail
size, and kept in a small in-memory cache. What could not be had is remembered too, with
the reason, so the thread shows the file's link instead of asking again."""

from __future__ import annotations

from collections import OrderedDict, deque
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QObject, QSize, Qt, Signal
from PySide6.QtGui import QImage, QImageReader

from agent_desktop.chatwoot.records import Attachment
from agent_desktop.gui.formatting import tr

if TYPE_CHECKING:  # loaded with the store, off the start's path (as httpx is)
    from agent_desktop.chatwoot.client import ChatwootClient

THUMBNAIL = 240  # pixels: the longer side of a preview at most
KEPT = 64  # previews kept in memory (each at most 240x240: about 230 KB)
AT_ONCE = 2  # fetches under way at a time: the thread's own loading goes first

Runner = Callable[[Callable[[], Any], Callable[[Any], None], Callable[[Exception], None]], None]


@dataclass(frozen=True)
class Preview:
    """An image to show, or why there is none."""

    image: QImage | None
    number: int  # names the image in the thread's document
    reason: str = ""
    too_large: bool = False


def decode(data: bytes, side: int = THUMBNAIL) -> QImage:
    """The picture at thumbnail size, decoded at that size where the format allows (a
    large photo is not unpacked whole first); FetchError when it is no picture."""
    from agent_desktop.chatwoot.attachments_fetch import FetchError

    buffer = QBuffer()
    buffer.setData(QByteArray(data))
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    reader = QImageReader(buffer)
    reader.setAutoTransform(True)  # a phone photo's orientation, as taken
    size = reader.size()
    if size.isValid() and max(size.width(), size.height()) > side:
        reader.setScaledSize(size.scaled(QSize(side, side), Qt.AspectRatioMode.KeepAspectRatio))
    image = reader.read()
    if image.isNull():
        raise FetchError(tr("the file is not a picture this app can show"))
    if max(image.width(), image.height()) > side:  # formats that read whole
        image = image.scaled(
            side,
            side,
            Qt.AspectRatioMode.KeepAspectRatio,
            Qt.TransformationMode.SmoothTransformation,
        )
    return image


def key(attachment: Attachment) -> str:
    return attachment.data_url or attachment.thumb_url


class Previews(QObject):
    """`get` what is known of an attachment's preview; `want` one fetched. `changed`
    says a preview came (or failed) since."""

    changed = Signal()

    def __init__(
        self,
        run: Runner,
        client: Callable[[], ChatwootClient],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._run = run
        self._client = client
        self._done: OrderedDict[str, Preview] = OrderedDict()
        self._numbers: dict[str, int] = {}
        self._waiting: deque[Attachment] = deque()
        self._busy: set[str] = set()

    def number(self, attachment: Attachment) -> int:
        return self._numbers.setdefault(key(attachment), len(self._numbers) + 1)

    def get(self, attachment: Attachment) -> Preview | None:
        """The preview, or None while it has not come."""
        found = self._done.get(key(attachment))
        if found is not None:
            self._done.move_to_end(key(attachment))
        return found

    def image(self, number: int) -> QImage | None:
        found = next((p for p in self._done.values() if p.number == number), None)
        return found.image if found else None

    def want(self, attachment: Attachment) -> None:
        wanted = key(attachment)
        if not wanted or wanted in self._done or wanted in self._busy:
            return
        if all(key(a) != wanted for a in self._waiting):
            self._waiting.append(attachment)
        self._next()

    def _next(self) -> None:
        while self._waiting and len(self._busy) < AT_ONCE:
            attachment = self._waiting.popleft()
            wanted = key(attachment)
            self._busy.add(wanted)
            urls = [attachment.thumb_url, attachment.data_url]

            def work(urls: list[str] = urls) -> QImage:
                from agent_desktop.chatwoot.attachments_fetch import fetch_preview

                return decode(fetch_preview(self._client(), urls))

            self._run(
                work,
                partial(self._came, wanted, attachment, error=None),
                partial(self._came, wanted, attachment, None),
            )

    def _came(
        self,
        wanted: str,
        attachment: Attachment,
        image: QImage | None,
        error: Exception | None,
    ) -> None:
        self._busy.discard(wanted)
        number = self.number(attachment)
        if error is None:
            self._done[wanted] = Preview(image, number)
        else:
            reason = str(getattr(error, "message", "") or error)
            too_large = getattr(error, "too_large", False) is True  # a FetchError's
            self._done[wanted] = Preview(None, number, reason, too_large)
        while len(self._done) > KEPT:
            self._done.popitem(last=False)
        self._next()
        self.changed.emit()
