"""What the contact panel shows, built the first time it is shown (the panel is hidden
until the agent asks for it, and these widgets' Qt types are a good part of a start):
the contact's details, the account's fields about them and about this conversation, and
their other conversations, each of which opens on activation."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QPainter, QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QFormLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QScrollArea,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from agent_desktop.chatwoot.contacts import ContactDetails, attribute_text
from agent_desktop.chatwoot.contacts import contact as fetch_contact
from agent_desktop.chatwoot.contacts import conversation_attributes as fetch_attributes
from agent_desktop.chatwoot.plain_text import preview_text
from agent_desktop.chatwoot.records import Conversation
from agent_desktop.gui.elided_label import ElidedLabel
from agent_desktop.gui.formatting import tr
from agent_desktop.labels import status_label

if TYPE_CHECKING:
    from agent_desktop.chatwoot.client import ChatwootClient  # loaded with the store

NAME_SHARE = 0.5  # of the attribute table's width, kept for the names when values are long
EXCERPT_CHARS = 200  # of a previous conversation's last message (the row elides the rest)
NETWORKS = {
    "facebook": "Facebook",
    "github": "GitHub",
    "instagram": "Instagram",
    "linkedin": "LinkedIn",
    "twitter": "X (Twitter)",
    "telegram": "Telegram",
}


@dataclass(frozen=True)
class ContactCard:
    """What the panel shows for one open conversation."""

    conversation_id: int
    details: ContactDetails
    others: tuple[Conversation, ...]  # the contact's other conversations, as the server lists
    conversation_attributes: dict[str, Any]


def fetch_card(client: ChatwootClient, conversation: Conversation) -> ContactCard:
    """On a worker: the contact, their conversations and this conversation's fields."""
    contact = conversation.contact
    if contact is None or contact.id is None:
        raise ValueError("a conversation without a contact")
    details = fetch_contact(client, contact.id)
    others = tuple(c for c in client.contact_conversations(contact.id) if c.id != conversation.id)
    return ContactCard(conversation.id, details, others, fetch_attributes(client, conversation.id))


def field_name(key: str) -> str:
    """An attribute's key as words ("total_orders" → "Total orders")."""
    words = key.replace("_", " ").strip()
    return words[:1].upper() + words[1:] if words else key


def field_value(value: Any) -> str:
    if isinstance(value, bool):  # a checkbox attribute
        return tr("Yes") if value else tr("No")
    return attribute_text(value)


Index = QModelIndex | QPersistentModelIndex


class CutCells(QStyledItemDelegate):
    """A cell's text cut with "…" to its column, as the style cuts it, and drawn so: what
    is drawn can be asked for (shown_text)."""

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        cell = QStyleOptionViewItem(option)
        self.initStyleOption(cell, index)
        cell.text = self.cut(cell)
        style = cell.widget.style() if cell.widget is not None else QApplication.style()
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, cell, painter, cell.widget)

    @staticmethod
    def cut(cell: QStyleOptionViewItem) -> str:
        widget = cell.widget
        style = widget.style() if widget is not None else QApplication.style()
        room = style.subElementRect(QStyle.SubElement.SE_ItemViewItemText, cell, widget)
        # the style's own margin either side of an item's text
        margin = style.pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, widget) + 1
        width = room.width() - 2 * margin
        return cell.fontMetrics.elidedText(cell.text, Qt.TextElideMode.ElideRight, width)


class AttributeList(QTreeWidget):
    """Key and value, one row each, cut with "…" to the panel's width (never scrolled
    sideways); the whole of either in the row's tooltip."""

    def __init__(self, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName(name)
        self.setColumnCount(2)
        self.setHeaderHidden(True)
        self.setRootIsDecorated(False)
        self.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.setSizeAdjustPolicy(QAbstractItemView.SizeAdjustPolicy.AdjustToContents)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.cells = CutCells(self)
        self.setItemDelegate(self.cells)
        # both columns fitted to the width by _fit (a hidden header never stretches one)
        self.header().setStretchLastSection(False)
        self.header().setMinimumSectionSize(0)

    def set_attributes(self, attributes: dict[str, Any]) -> None:
        self.clear()
        for key, value in attributes.items():
            name, text = field_name(key), field_value(value)
            item = QTreeWidgetItem([name, text])
            item.setToolTip(0, name)
            item.setToolTip(1, text)
            self.addTopLevelItem(item)
        self._fit()

    def _fit(self) -> None:
        """The two columns across the width: the names whole where the values leave them
        room, else cut down to their share; the values in the rest, cut to it."""
        width = self.viewport().width()
        values = self.sizeHintForColumn(1)
        room = max(int(width * NAME_SHARE), width - values)
        names = min(self.sizeHintForColumn(0), room)
        self.header().resizeSection(0, names)
        self.header().resizeSection(1, max(0, width - names))

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit()

    def shown_text(self, row: int, column: int) -> str:
        """The cell's text as drawn: cut to its column."""
        index = self.model().index(row, column)
        cell = QStyleOptionViewItem()
        self.initViewItemOption(cell)
        cell.rect = self.visualRect(index)
        self.cells.initStyleOption(cell, index)
        return CutCells.cut(cell)

    def rows(self) -> dict[str, str]:
        """What it shows, name to value."""
        found: dict[str, str] = {}
        for row in range(self.topLevelItemCount()):
            item = self.topLevelItem(row)
            if item is not None:
                found[item.text(0)] = item.text(1)
        return found


class CardView(QWidget):
    """The panel's content: a line saying what is going on (loading, no contact, an
    error), and the card below it once loaded."""

    open_requested = Signal(int)  # a previous conversation's id

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.status = QLabel(tr("No conversation is open"))
        self.status.setWordWrap(True)
        self.status.setObjectName("contact-status")
        self.name = ElidedLabel()
        font = self.name.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.15)
        self.name.setFont(font)
        self.details = QFormLayout()
        self.details.setRowWrapPolicy(QFormLayout.RowWrapPolicy.DontWrapRows)
        self.details.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.fields: dict[str, ElidedLabel] = {}  # the details shown, by their label

        self.contact_attributes = AttributeList(tr("Contact attributes"))
        self.no_contact_attributes = QLabel(tr("No custom attributes"))
        self.conversation_fields = AttributeList(tr("Conversation attributes"))
        self.no_conversation_fields = QLabel(tr("No conversation attributes"))
        self.history = QListWidget()
        self.history.setAccessibleName(tr("Previous conversations"))
        self.history.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.history.setWordWrap(False)
        self.history.itemActivated.connect(self._activated)
        self.no_history = QLabel(tr("No previous conversations"))

        content = QWidget()
        column = QVBoxLayout(content)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.name)
        column.addLayout(self.details)
        for title, widgets in (
            (tr("Contact attributes"), (self.contact_attributes, self.no_contact_attributes)),
            (
                tr("Conversation attributes"),
                (self.conversation_fields, self.no_conversation_fields),
            ),
            (tr("Previous conversations"), (self.history, self.no_history)),
        ):
            heading = QLabel(title)
            heading.setStyleSheet("font-weight: bold; margin-top: 8px;")
            column.addWidget(heading)
            for widget in widgets:
                column.addWidget(widget)
        column.addStretch(1)
        self.content = content
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setWidget(content)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.status)
        layout.addWidget(scroll, 1)
        content.setVisible(False)

    def say(self, text: str) -> None:
        """What is going on instead of the card (loading, no contact, an error); "" with
        the card shown."""
        self.status.setText(text)
        self.status.setVisible(bool(text))
        if text:
            self.content.setVisible(False)

    def fill(self, card: ContactCard, when: Callable[[datetime], str]) -> None:
        """The card, dates of previous conversations written by `when`."""
        self.say("")
        details = card.details
        self.name.setText(details.name or tr("(no name)"))
        rows = [
            (tr("E-mail"), details.email),
            (tr("Phone"), details.phone_number),
            (tr("Company"), details.company),
            (tr("Location"), details.location),
            (tr("About"), details.description),
            (tr("Identifier"), details.identifier),
        ]
        rows += [
            (NETWORKS.get(network, field_name(network)), handle)
            for network, handle in sorted(details.social_profiles.items())
        ]
        if details.blocked:
            rows.append((tr("Blocked"), tr("Yes")))
        while self.details.rowCount():
            self.details.removeRow(0)
        self.fields = {}
        for label, value in rows:
            if value:
                field = ElidedLabel(value)
                field.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
                self.details.addRow(label, field)
                self.fields[label] = field
        self._attributes(
            self.contact_attributes, self.no_contact_attributes, details.custom_attributes
        )
        self._attributes(
            self.conversation_fields, self.no_conversation_fields, card.conversation_attributes
        )
        self._history(card.others, when)
        self.content.setVisible(True)

    @staticmethod
    def _attributes(shown: AttributeList, empty: QLabel, attributes: dict[str, Any]) -> None:
        shown.set_attributes(attributes)
        shown.setVisible(bool(attributes))
        empty.setVisible(not attributes)

    def _history(self, others: tuple[Conversation, ...], when: Callable[[datetime], str]) -> None:
        self.history.clear()
        for conversation in others:
            head = f"#{conversation.id} · {status_label(conversation.status)}"
            instant = conversation.last_activity_at or conversation.created_at
            if instant is not None:
                head += f" · {when(instant)}"
            message = conversation.last_message
            excerpt = preview_text(message.content)[:EXCERPT_CHARS] if message is not None else ""
            item = QListWidgetItem(f"{head}\n{excerpt}" if excerpt else head)
            item.setToolTip(f"{head}\n{preview_text(message.content)}" if message else head)
            item.setData(Qt.ItemDataRole.UserRole, conversation.id)
            self.history.addItem(item)
        self.history.setVisible(bool(others))
        self.no_history.setVisible(not others)
        rows = sum(self.history.sizeHintForRow(row) for row in range(min(len(others), 6)))
        self.history.setFixedHeight(rows + 2 * self.history.frameWidth() + 2)

    def _activated(self, item: QListWidgetItem) -> None:
        conversation_id = item.data(Qt.ItemDataRole.UserRole)
        if isinstance(conversation_id, int):
            self.open_requested.emit(conversation_id)
