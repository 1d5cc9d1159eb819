"""A conversation's messages: grouped by day, incoming and outgoing apart, private notes
marked, attachments listed, local times, and this conversation's pending scheduled
messages at the end with their actions. Message text is shown as plain text: nothing
in a message can load remote content or run."""

from __future__ import annotations

import html
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any
from zoneinfo import ZoneInfo

from PySide6.QtCore import QUrl, Signal
from PySide6.QtGui import QDesktopServices, QPalette, QTextDocument
from PySide6.QtWidgets import QTextBrowser, QWidget

from agent_desktop.chatwoot.records import Message, MessageType
from agent_desktop.core.dates import day_heading
from agent_desktop.core.timezones import from_utc
from agent_desktop.gui.formatting import relative, tr
from agent_desktop.labels import state_label
from agent_desktop.scheduling import designs, policy
from agent_desktop.scheduling.policy import Action
from agent_desktop.store.records import OutboxRecord

ACTION_SCHEME = "agent-desktop"


def _text(value: str) -> str:
    return html.escape(value).replace("\n", "<br>")


# scheduled cards shown under the thread, soonest first: a burst of dozens would bury
# the conversation (and redraw it whole at every change)
SCHEDULED_SHOWN = 5


class ThreadView(QTextBrowser):
    """Anchors agent-desktop:ACTION/ID ask for an action on a scheduled message."""

    action_requested = Signal(str, int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setOpenLinks(False)
        self.setOpenExternalLinks(False)
        self.anchorClicked.connect(self._anchor)
        self.setPlaceholderText(tr("Choose a conversation"))
        self.messages: list[Message] = []
        self.pending: list[OutboxRecord] = []
        # an attachment opens in the desktop's own viewer or browser, on the agent's click
        self.open_url: Callable[[QUrl], object] = QDesktopServices.openUrl

    def loadResource(self, kind: int, name: QUrl | str) -> Any:
        # never fetch anything a message might point at
        return None

    def _anchor(self, url: QUrl) -> None:
        if url.scheme() != ACTION_SCHEME:
            return
        action, _, raw = url.path().partition("/")
        if action == "attachment":
            self._open_attachment(raw)
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
        self.messages, self.pending = messages, pending
        self.setHtml(self.render_html(messages, pending, zone, now or datetime.now(UTC)))
        # the newest messages and what is scheduled are at the end: show them
        self.verticalScrollBar().setValue(self.verticalScrollBar().maximum())

    def render_html(
        self,
        messages: list[Message],
        pending: list[OutboxRecord],
        zone: ZoneInfo,
        now: datetime,
    ) -> str:
        palette = self.palette()
        text = palette.color(QPalette.ColorRole.Text).name()
        muted = palette.color(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text).name()
        base = palette.color(QPalette.ColorRole.Base)
        dark = base.lightness() < 128
        incoming_bg = "#2b2f36" if dark else "#f1f3f5"
        outgoing_bg = "#1f3a5f" if dark else "#e3efff"
        note_bg = "#4a3f1c" if dark else "#fff4d6"
        scheduled_bg = "#203b2e" if dark else "#e8f6ee"
        # a palette's link colour is often the light theme's blue: unreadable on dark
        link = "#8ab4f8" if dark else palette.color(QPalette.ColorRole.Link).name()
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
                parts.append(self._scheduled(record, zone, now, scheduled_bg, muted, link))
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
        status = ""
        if not incoming and message.status == "failed":
            reason = message.content_attributes.get("external_error", "")
            failed = tr("failed", "a message the channel did not deliver")
            status = f" · <span style='color:#d9534f'>{failed} {_text(str(reason))}</span>"
        deleted = tr("This message was deleted")
        body = (
            f"<i style='color:{muted}'>{deleted}</i>"
            if message.is_deleted
            else _text(message.content)
        )
        attachment = tr("Attachment:")
        files = "".join(
            f"<br><span style='color:{muted}'>{attachment}</span> "
            f"<a style='color:{link}' href='{ACTION_SCHEME}:attachment/{message.id}/{n}'>"
            f"{html.escape(a.filename or a.file_type)}</a>"
            for n, a in enumerate(message.attachments)
        )
        margin = "margin-right:80px" if incoming else "margin-left:80px"
        return (
            f"<table width='100%' cellspacing='0' cellpadding='0'><tr><td align='{align}'>"
            f"<table cellpadding='8' style='background:{background}; {margin}; "
            f"border-radius:8px'><tr><td>"
            f"<span style='color:{muted}; font-size:small'>{label}{html.escape(who)} · "
            f"{local:%H:%M}{status}</span><br>{body}{files}</td></tr></table>"
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
