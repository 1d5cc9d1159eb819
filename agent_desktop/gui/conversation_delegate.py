"""How one conversation looks in the list: contact and time, inbox, the last message,
and the unread count, in the palette's colours (light or dark alike)."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, QSize, Qt
from PySide6.QtGui import QFont, QFontMetrics, QPainter, QPalette
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem

from agent_desktop.chatwoot.records import Conversation
from agent_desktop.core.timezones import local_zone
from agent_desktop.gui.conversation_model import ConversationModel, ConversationRole, DraftRole
from agent_desktop.gui.formatting import one_line, short_time, tr
from agent_desktop.labels import status_label

PAD = 8


class ConversationDelegate(QStyledItemDelegate):
    def __init__(self, model: ConversationModel) -> None:
        super().__init__()
        self.model = model
        self.zone = local_zone()

    def sizeHint(
        self,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> QSize:
        line = QFontMetrics(option.font).height()
        return QSize(240, PAD * 2 + line * 3 + 4)

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        conversation: Conversation = index.data(ConversationRole)
        painter.save()
        style = option.widget.style() if option.widget else None
        if style is not None:
            style.drawPrimitive(
                QStyle.PrimitiveElement.PE_PanelItemViewItem, option, painter, option.widget
            )
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        palette: QPalette = option.palette
        text_role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        muted = palette.color(text_role)
        if not selected:
            muted = palette.color(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text)
        rect: QRect = option.rect.adjusted(PAD + 2, PAD, -PAD - 2, -PAD)
        base: QFont = option.font
        metrics = QFontMetrics(base)
        line = metrics.height()

        when = (
            short_time(conversation.last_activity_at, self.zone)
            if conversation.last_activity_at
            else ""
        )
        bold = QFont(base)
        bold.setBold(conversation.unread_count > 0)
        bold.setPointSizeF(base.pointSizeF() * 1.02)
        painter.setFont(base)
        painter.setPen(muted)
        when_width = metrics.horizontalAdvance(when) + 4
        painter.drawText(
            QRect(rect.right() - when_width, rect.top(), when_width, line),
            Qt.AlignmentFlag.AlignRight,
            when,
        )
        painter.setFont(bold)
        painter.setPen(palette.color(text_role))
        title = QFontMetrics(bold).elidedText(
            conversation.title, Qt.TextElideMode.ElideRight, rect.width() - when_width - 6
        )
        painter.drawText(
            QRect(rect.left(), rect.top(), rect.width(), line), Qt.AlignmentFlag.AlignLeft, title
        )

        inbox = self.model.inboxes.get(conversation.inbox_id)
        small = QFont(base)
        small.setPointSizeF(base.pointSizeF() * 0.9)
        painter.setFont(small)
        painter.setPen(muted)
        status = (
            "" if conversation.status.value == "open" else f" · {status_label(conversation.status)}"
        )
        details = f"#{conversation.id} · {inbox.name if inbox else ''}{status}"
        painter.drawText(
            QRect(rect.left(), rect.top() + line + 2, rect.width(), line),
            Qt.AlignmentFlag.AlignLeft,
            QFontMetrics(small).elidedText(details, Qt.TextElideMode.ElideRight, rect.width()),
        )

        last = conversation.last_message
        snippet = one_line(last.content) if last else ""
        if last is not None and not last.is_incoming:
            snippet = "↩ " + snippet
        draft = index.data(DraftRole)
        if draft:  # the agent's own unfinished reply matters more here than the last message
            snippet = tr("Draft: {text}").format(text=one_line(draft))
        badge = str(conversation.unread_count) if conversation.unread_count else ""
        badge_width = metrics.horizontalAdvance(badge) + 12 if badge else 0
        painter.setFont(base)
        painter.setPen(palette.color(text_role) if conversation.unread_count else muted)
        if draft and not selected:
            painter.setPen(palette.color(QPalette.ColorRole.Link))
        painter.drawText(
            QRect(rect.left(), rect.top() + 2 * line + 4, rect.width() - badge_width - 4, line),
            Qt.AlignmentFlag.AlignLeft,
            metrics.elidedText(
                snippet, Qt.TextElideMode.ElideRight, rect.width() - badge_width - 4
            ),
        )
        if badge:
            bubble = QRect(rect.right() - badge_width, rect.top() + 2 * line + 4, badge_width, line)
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(
                palette.color(QPalette.ColorRole.Highlight)
                if not selected
                else palette.color(QPalette.ColorRole.HighlightedText)
            )
            painter.drawRoundedRect(bubble, line / 2, line / 2)
            painter.setPen(
                palette.color(QPalette.ColorRole.HighlightedText)
                if not selected
                else palette.color(QPalette.ColorRole.Highlight)
            )
            painter.drawText(bubble, Qt.AlignmentFlag.AlignCenter, badge)
        painter.restore()
