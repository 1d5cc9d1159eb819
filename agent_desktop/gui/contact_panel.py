"""The contact beside the open conversation, as in Chatwoot's dashboard: who the customer
is (e-mail, phone, company, place, social profiles), the account's own fields about them
and about this conversation, and their other conversations, which open on activation.
Loaded on a worker when a conversation opens while the panel is shown (or when it is
shown); an answer for a conversation no longer open is dropped.

The panel is hidden until the agent asks for it: what it shows (gui/contact_card.py) is
built the first time it comes on screen, not while the window starts."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QAction, QShowEvent
from PySide6.QtWidgets import QSplitter, QVBoxLayout, QWidget

from agent_desktop.core.dates import clock, short_date
from agent_desktop.gui.formatting import tr
from agent_desktop.gui.session import Session, describe_error

if TYPE_CHECKING:
    from agent_desktop.chatwoot.records import Conversation
    from agent_desktop.gui.contact_card import CardView, ContactCard
    from agent_desktop.gui.conversation_pane import ConversationPane
    from agent_desktop.gui.main_window import MainWindow


class ContactPanel(QWidget):
    open_requested = Signal(int)  # a conversation id

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.setObjectName("contact-panel")
        self.setProperty("keptShown", True)  # window_state keeps whether it is shown
        self.setMinimumWidth(180)
        self.toggle_action: QAction | None = None
        self.conversation: Conversation | None = None
        self.card: ContactCard | None = None
        self._view: CardView | None = None
        self._asked = 0  # each look and each conversation opened: older answers are old
        self._shown_for: int | None = None  # the conversation loaded or being loaded
        QVBoxLayout(self).setContentsMargins(8, 0, 0, 0)
        self.hide()  # until the agent asks for it (or asked for it last time)

    @property
    def view(self) -> CardView:
        """What the panel shows, built now if it has not been shown yet."""
        if self._view is None:
            from agent_desktop.gui.contact_card import CardView

            self._view = CardView(self)
            self._view.open_requested.connect(self.open_requested)
            layout = self.layout()
            assert layout is not None
            layout.addWidget(self._view)
        return self._view

    def sizeHint(self) -> QSize:
        return QSize(280, super().sizeHint().height())

    # -- placing and wiring ----------------------------------------------------------

    def beside(self, pane: QWidget) -> QSplitter:
        """The conversation pane with this panel to its right, its divider kept."""
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.setObjectName("contact-splitter")  # kept across starts
        splitter.addWidget(pane)
        splitter.addWidget(self)
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 0)
        splitter.setChildrenCollapsible(False)
        return splitter

    def wire(self, window: MainWindow) -> None:
        """Shown and hidden by the View menu's action and the thread header's button;
        filled for each conversation the window opens; a past conversation opens there."""
        action = window.actions_["contact"]
        action.setCheckable(True)
        action.setChecked(not self.isHidden())
        action.setIconText(tr("Contact"))
        action.toggled.connect(self.setVisible)
        self.toggle_action = action
        self.open_requested.connect(window.open_conversation)

    def wire_pane(self, pane: ConversationPane) -> None:
        """The thread header's button, and the contact of each conversation opened (the
        window builds the pane after its first paint)."""
        assert self.toggle_action is not None, "wire() comes first"
        pane.contact_button.setDefaultAction(self.toggle_action)
        pane.opened.connect(self.show_for)

    def setVisible(self, visible: bool) -> None:
        if visible:
            self.view  # noqa: B018 (built before it shows: its size counts in the layouts)
        super().setVisible(visible)
        if self.toggle_action is not None:
            self.toggle_action.setChecked(visible)  # shown from the saved layout too

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self.conversation is not None and self._shown_for != self.conversation.id:
            self._load()

    # -- loading ---------------------------------------------------------------------

    def show_for(self, conversation: Conversation) -> None:
        """The window opened this conversation: its contact, now if the panel is on
        screen, else when it comes on screen."""
        self.conversation = conversation
        self._asked += 1  # whatever is on its way is for another conversation
        self._shown_for = None
        if self.isVisible():
            self._load()

    def _load(self) -> None:
        conversation = self.conversation
        if conversation is None:
            return
        from agent_desktop.gui import contact_card

        self._asked += 1
        asked = self._asked
        self._shown_for = conversation.id
        self.card = None
        contact = conversation.contact
        if contact is None or contact.id is None:
            self.view.say(tr("This conversation has no contact"))
            return
        self.view.say(tr("Loading…"))
        self.session.run(
            lambda: contact_card.fetch_card(self.session.client(), conversation),
            lambda card: self._loaded(asked, card),
            lambda error: self._failed(asked, error),
        )

    def _loaded(self, asked: int, card: ContactCard) -> None:
        if asked != self._asked:
            return  # the agent moved on meanwhile
        self.card = card
        self.view.fill(card, self._when)

    def _failed(self, asked: int, error: Exception) -> None:
        if asked != self._asked:
            return
        self._shown_for = None  # shown again, the panel tries again
        reason = describe_error(error)
        self.view.say(tr("The contact could not be loaded: {reason}").format(reason=reason))

    def _when(self, instant: datetime) -> str:
        """The day and time in the agent's zone; the year only if not this one."""
        local = instant.astimezone(self.session.zone)
        this_year = self.session.clock.now().astimezone(self.session.zone).year
        return f"{short_date(local, with_year=local.year != this_year)} {clock(local)}"
