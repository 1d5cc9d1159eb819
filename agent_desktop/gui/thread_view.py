"""A conversation's messages: grouped by day, incoming and outgoing apart, private notes
marked, local times, and this conversation's pending scheduled messages at the end with
their actions. Message text is formatted as Chatwoot's dashboard formats it, long text
folded; pictures show small once fetched from the Chatwoot server, other files by name;
an agent's message says how its delivery went. Nothing a message points at is loaded:
its links open in the browser on a click."""

from __future__ import annotations

import html
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any
from zoneinfo import ZoneInfo

from PySide6.QtCore import QTimer, QUrl, Signal
from PySide6.QtGui import QDesktopServices, QTextDocument
from PySide6.QtWidgets import QTextBrowser, QWidget

from agent_desktop.chatwoot.records import Message, MessageType
from agent_desktop.core.dates import day_heading
from agent_desktop.core.timezones import from_utc
from agent_desktop.gui import message_parts as parts_of
from agent_desktop.gui.colours import for_palette
from agent_desktop.gui.formatting import relative, tr
from agent_desktop.gui.message_parts import ACTION_SCHEME, PREVIEW_SCHEME
from agent_desktop.gui.previews import Previews
from agent_desktop.labels import state_label
from agent_desktop.scheduling import designs, policy
from agent_desktop.scheduling.policy import Action
from agent_desktop.store.records import OutboxRecord

WEB_SCHEMES = ("http", "https", "mailto")
# text set in a message's own paragraphs, lists and code: closer than a page's
STYLE_SHEET = (
    "p { margin-top: 0px; margin-bottom: 6px; } "
    "ul, ol { margin-top: 0px; margin-bottom: 6px; } "
    "pre { margin-top: 0px; margin-bottom: 6px; }"
)


def _text(value: str) -> str:
    return html.escape(value).replace("\n", "<br>")


# scheduled cards shown under the thread, soonest first: a burst of dozens would bury
# the conversation (and redraw it whole at every change)
SCHEDULED_SHOWN = 5


class ThreadView(QTextBrowser):
    """Anchors agent-desktop:ACTION/ID ask for an action on a scheduled message."""

    action_requested = Signal(str, int)

    def __init__(self, parent: QWidget | None = None, previews: Previews | None = None) -> None:
        super().__init__(parent)
        self.setOpenLinks(False)
        self.setOpenExternalLinks(False)
        self.document().setDefaultStyleSheet(STYLE_SHEET)
        self.anchorClicked.connect(self._anchor)
        self.setPlaceholderText(tr("Choose a conversation"))
        self.messages: list[Message] = []
        self.pending: list[OutboxRecord] = []
        self.expanded: set[int] = set()  # long messages the reader unfolded
        self._shown: tuple[ZoneInfo, datetime] | None = None
        # an attachment or a link opens in the desktop's viewer or browser, on a click
        self.open_url: Callable[[QUrl], object] = QDesktopServices.openUrl
        self.previews = previews
        self._redraw_soon = QTimer(self)
        self._redraw_soon.setSingleShot(True)
        self._redraw_soon.setInterval(30)  # previews coming together redraw once
        self._redraw_soon.timeout.connect(self._redraw)
        if previews is not None:
            previews.setParent(self)
            previews.changed.connect(self._redraw_soon.start)

    def loadResource(self, kind: int, name: QUrl | str) -> Any:
        # only pictures already fetched (from the Chatwoot server, by Previews); never
        # anything a message points at
        url = QUrl(name)
        if (
            url.scheme() == PREVIEW_SCHEME
            and url.path().isdigit()
            and self.previews is not None
            and kind == QTextDocument.ResourceType.ImageResource.value
        ):
            return self.previews.image(int(url.path()))
        return None

    def _anchor(self, url: QUrl) -> None:
        if url.scheme() in WEB_SCHEMES:
            self.open_url(url)  # a link in a message: the browser, never this view
            return
        if url.scheme() != ACTION_SCHEME:
            return
        action, _, raw = url.path().partition("/")
        if action == "attachment":
            self._open_attachment(raw)
        elif action in ("more", "less") and raw.isdigit():
            (self.expanded.add if action == "more" else self.expanded.discard)(int(raw))
            self._redraw()
        elif raw.isdigit():
            self.action_requested.emit(action, int(raw))

    def _open_attachment(self, where: str) -> None:
        """MESSAGE_ID/INDEX: that attachment's address, if it is a web one."""
        message_id, _, index = where.partition("/")
        message = next((m for m in self.messages if str(m.id) == message_id), None)
        if message is None or not index.isdigit() or int(index) >= len(message.attachments):
            return
        url = QUrl(message.attachments[int(index)].data_url)
        if url.scheme() in ("http", "https"):
            self.open_url(url)

    def show_thread(
        self,
        messages: list[Message],
        pending: list[OutboxRecord],
        zone: ZoneInfo,
        now: datetime | None = None,
    ) -> None:
        same = (
            self._shown is not None
            and [m.id for m in messages] == [m.id for m in self.messages]
            and pending == self.pending
        )
        self.messages, self.pending = messages, pending
        self.expanded &= {m.id for m in messages}
        self._shown = (zone, now or datetime.now(UTC))
        if same and messages:
            self._redraw()  # a message changed (its delivery, say): the reader stays put
            return
        self.setHtml(self.render_html(messages, pending, *self._shown))
        # the newest messages and what is scheduled are at the end: show them
        self.verticalScrollBar().setValue(self.verticalScrollBar().maximum())

    def _redraw(self) -> None:
        """The same thread again (a preview came, a message unfolded), the reader kept
        where they were, or at the end if they were there."""
        if self._shown is None:
            return
        bar = self.verticalScrollBar()
        at_end, place = bar.value() >= bar.maximum(), bar.value()
        self.setHtml(self.render_html(self.messages, self.pending, *self._shown))
        bar.setValue(bar.maximum() if at_end else place)

    def render_html(
        self,
        messages: list[Message],
        pending: list[OutboxRecord],
        zone: ZoneInfo,
        now: datetime,
    ) -> str:
        scheme = for_palette(self.palette())  # each text readable on its ground
        text, muted, link = scheme.text, scheme.caption, scheme.link
        incoming_bg, outgoing_bg = scheme.incoming, scheme.outgoing
        note_bg, scheduled_bg = scheme.note_background, scheme.card
        parts = [f"<div style='color:{text}'>"]
        last_day = None
        for message in messages:
            local = message.created_at.astimezone(zone)
            day = local.date()
            if day != last_day:
                parts.append(
                    f"<p align='center' style='color:{muted}; margin:14px 0 6px 0'>"
                    f"<b>{html.escape(day_heading(local))}</b></p>"
                )
                last_day = day
            colours = (incoming_bg, outgoing_bg, note_bg, muted, link)
            parts.append(self._bubble(message, local, *colours))
        if pending:
            heading = tr("Scheduled")
            parts.append(
                f"<p align='center' style='color:{muted}; margin:16px 0 6px 0'><b>{heading}</b></p>"
            )
            soonest = sorted(pending, key=lambda r: (r.scheduled_at, r.id))
            for record in soonest[:SCHEDULED_SHOWN]:
                caption = scheme.card_caption
                parts.append(self._scheduled(record, zone, now, scheduled_bg, caption, link))
            more = len(soonest) - SCHEDULED_SHOWN
            if more > 0:  # the thread stays the conversation; the list is a tab away
                parts.append(
                    f"<p align='center' style='color:{muted}'>"
                    + html.escape(tr("and %n more in the Scheduled tab", None, more))
                    + "</p>"
                )
        parts.append("</div>")
        return "".join(parts)

    def _bubble(
        self,
        message: Message,
        local: datetime,
        incoming_bg: str,
        outgoing_bg: str,
        note_bg: str,
        muted: str,
        link: str,
    ) -> str:
        if message.message_type is MessageType.ACTIVITY:
            return (
                f"<p align='center' style='color:{muted}'><i>{_text(message.content)}</i>"
                f" · {local:%H:%M}</p>"
            )
        incoming = message.is_incoming
        background = note_bg if message.private else (incoming_bg if incoming else outgoing_bg)
        align = "left" if incoming else "right"
        who = message.sender.name if message.sender else ""
        label = tr("Private note") + " · " if message.private else ""
        colours = for_palette(self.palette())
        status = parts_of.delivery_mark(message, colours)
        deleted = tr("This message was deleted")
        body = (
            f"<p><i style='color:{muted}'>{deleted}</i></p>"
            if message.is_deleted
            else parts_of.body(message, message.id in self.expanded, colours)
        )
        files = parts_of.attachments(message, self.previews, colours)
        files += parts_of.failure_line(message, colours)
        margin = "margin-right:80px" if incoming else "margin-left:80px"
        return (
            f"<table width='100%' cellspacing='0' cellpadding='0'><tr><td align='{align}'>"
            f"<table cellpadding='8' style='background:{background}; {margin}; "
            f"border-radius:8px'><tr><td>"
            f"<p style='margin-bottom:4px'><span style='color:{muted}; font-size:small'>"
            f"{label}{html.escape(who)} · {local:%H:%M}{status}</span></p>"
            f"{body}{files}</td></tr></table>"
            f"</td></tr></table><div style='font-size:4px'>&nbsp;</div>"
        )

    def _scheduled(
        self,
        record: OutboxRecord,
        zone: ZoneInfo,
        now: datetime,
        background: str,
        muted: str,
        link: str,
    ) -> str:
        when = from_utc(record.scheduled_at, zone)
        state = state_label(record.state)
        allowed = policy.allowed(record, designs.traits(record.backend), now)
        links = " · ".join(
            f"<a style='color:{link}' href='{ACTION_SCHEME}:{action}/{record.id}'>{label}</a>"
            for action, label in (
                (Action.EDIT, tr("Edit")),
                (Action.SEND_NOW, tr("Send now")),
                (Action.RETRY, tr("Retry")),
                (Action.CANCEL, tr("Cancel")),
            )
            if action in allowed
        )
        note = (
            f"<br><span style='color:{muted}'>{_text(record.last_error)}</span>"
            if record.last_error and record.state != "pending"
            else ""
        )
        attachment = tr("Attachment:")
        files = "".join(
            f"<br><span style='color:{muted}'>{attachment}</span> {html.escape(a.filename)}"
            for a in record.attachments
        )
        sends = tr("Sends", "before the time a scheduled message goes out")
        return (
            f"<table width='100%' cellspacing='0' cellpadding='0'><tr><td align='right'>"
            f"<table cellpadding='8' style='background:{background}; margin-left:80px; "
            f"border-radius:8px; border:1px dashed {muted}'><tr><td>"
            f"<span style='color:{muted}; font-size:small'>{sends} "
            f"{html.escape(when.display())}"
            f" ({relative(record.scheduled_at, now)}) · {html.escape(state)}</span><br>"
            f"{_text(record.content)}{files}{note}<br>"
            f"<span style='font-size:small'>{links}</span></td></tr></table>"
            f"</td></tr></table><div style='font-size:4px'>&nbsp;</div>"
        )

    def plain_text(self) -> str:
        document: QTextDocument = self.document()
        return document.toPlainText()
