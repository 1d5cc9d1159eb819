"""How one conversation looks in the list: contact and time, inbox, the last message,
and the unread count, each cut to the row's width with "…", in colours that read on
the desktop's palette (light or dark alike, gui/colours.py)."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPalette
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem

from agent_desktop.chatwoot.plain_text import preview_text
from agent_desktop.chatwoot.records import Conversation
from agent_desktop.core.timezones import local_zone
from agent_desktop.gui.colours import Colours, for_palette
from agent_desktop.gui.conversation_model import ConversationModel, ConversationRole, DraftRole
from agent_desktop.gui.formatting import one_line, short_time, tr
from agent_desktop.labels import status_label

PAD = 8
ELIDE = Qt.TextElideMode.ElideRight


@dataclass(frozen=True)
class Piece:
    """One text of a row as drawn: what it says once cut to fit, where, in which font,
    and the colour role (gui/colours.py) it is drawn in."""

    text: str
    rect: QRect
    font: QFont
    role: str
    align: Qt.AlignmentFlag = Qt.AlignmentFlag.AlignLeft


@dataclass(frozen=True)
class Row:
    when: Piece
    title: Piece
    details: Piece  # number, inbox, status
    snippet: Piece  # the last message, or the agent's draft
    badge: Piece | None  # the unread count


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
        # no width of its own: the view gives rows its width and the texts fit into it
        return QSize(0, PAD * 2 + line * 3 + 4)

    def row(
        self,
        rect: QRect,
        font: QFont,
        conversation: Conversation,
        draft: str | None = None,
        selected: bool = False,
    ) -> Row:
        """The texts of a conversation's row as they are drawn in `rect`: each cut with
        "…" to its room."""
        area = rect.adjusted(PAD + 2, PAD, -PAD - 2, -PAD)
        metrics = QFontMetrics(font)
        line = metrics.height()
        width = area.width()

        when = (
            short_time(conversation.last_activity_at, self.zone)
            if conversation.last_activity_at
            else ""
        )
        when_width = min(metrics.horizontalAdvance(when) + 4, max(width, 0))
        bold = QFont(font)
        bold.setBold(conversation.unread_count > 0)
        bold.setPointSizeF(font.pointSizeF() * 1.02)
        title_width = max(width - when_width - 6, 0)

        inbox = self.model.inboxes.get(conversation.inbox_id)
        small = QFont(font)
        small.setPointSizeF(font.pointSizeF() * 0.9)
        status = (
            "" if conversation.status.value == "open" else f" · {status_label(conversation.status)}"
        )
        details = f"#{conversation.id} · {inbox.name if inbox else ''}{status}"

        last = conversation.last_message
        # as read, not as written: no Markdown marks, a mention as "@Name"
        snippet = preview_text(last.content) if last else ""
        if last is not None and not last.is_incoming:
            snippet = "↩ " + snippet
        if draft:  # the agent's own unfinished reply matters more here than the last message
            snippet = tr("Draft: {text}").format(text=preview_text(draft) or one_line(draft))
        count = str(conversation.unread_count) if conversation.unread_count else ""
        badge_width = metrics.horizontalAdvance(count) + 12 if count else 0
        snippet_width = max(width - badge_width - 4, 0)
        third = area.top() + 2 * line + 4

        if selected:
            plain = caption = snippet_role = "selected_text"
        else:
            plain, caption = "text", "caption"
            snippet_role = "draft" if draft else ("text" if conversation.unread_count else caption)
        return Row(
            when=Piece(
                metrics.elidedText(when, ELIDE, when_width),
                QRect(area.right() - when_width + 1, area.top(), when_width, line),
                font,
                caption,
                Qt.AlignmentFlag.AlignRight,
            ),
            title=Piece(
                QFontMetrics(bold).elidedText(conversation.title, ELIDE, title_width),
                QRect(area.left(), area.top(), title_width, line),
                bold,
                plain,
            ),
            details=Piece(
                QFontMetrics(small).elidedText(details, ELIDE, width),
                QRect(area.left(), area.top() + line + 2, width, line),
                small,
                "selected_text" if selected else "inbox_line",
            ),
            snippet=Piece(
                metrics.elidedText(snippet, ELIDE, snippet_width),
                QRect(area.left(), third, snippet_width, line),
                font,
                snippet_role,
            ),
            badge=Piece(
                count,
                QRect(area.right() - badge_width + 1, third, badge_width, line),
                font,
                "selection" if selected else "badge_text",
                Qt.AlignmentFlag.AlignCenter,
            )
            if count
            else None,
        )

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        conversation: Conversation = index.data(ConversationRole)
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        colours = for_palette(option.palette)
        painter.save()
        panel = QStyleOptionViewItem(option)
        # the desktop's selection, deepened where its text would not read on it
        palette = QPalette(option.palette)
        palette.setColor(QPalette.ColorRole.Highlight, QColor(colours.selection))
        panel.palette = palette
        style = option.widget.style() if option.widget else None
        if style is not None:
            style.drawPrimitive(
                QStyle.PrimitiveElement.PE_PanelItemViewItem, panel, painter, option.widget
            )
        elif selected:
            painter.fillRect(option.rect, QColor(colours.selection))
        row = self.row(option.rect, option.font, conversation, index.data(DraftRole), selected)
        for piece in (row.when, row.title, row.details, row.snippet):
            _draw(painter, piece, colours)
        if row.badge is not None:
            line = row.badge.rect.height()
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(QColor(colours.selected_text if selected else colours.badge))
            painter.drawRoundedRect(row.badge.rect, line / 2, line / 2)
            _draw(painter, row.badge, colours)
        painter.restore()


def _draw(painter: QPainter, piece: Piece, colours: Colours) -> None:
    painter.setFont(piece.font)
    painter.setPen(QColor(getattr(colours, piece.role)))
    painter.drawText(piece.rect, piece.align, piece.text)
