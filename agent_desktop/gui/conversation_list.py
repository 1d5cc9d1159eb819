"""The conversation list: Chatwoot's filters (status, assignee, inbox) and search; more
pages load as the agent scrolls; it refreshes on its own. At start it shows the page
the agent last saw until the server's answer replaces it."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import UTC, datetime
from typing import Any

from PySide6.QtCore import QModelIndex, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QLineEdit,
    QListView,
    QVBoxLayout,
    QWidget,
)

from agent_desktop.chatwoot.list_records import ConversationPage
from agent_desktop.chatwoot.records import (
    Conversation,
    Inbox,
    Message,
    MessageType,
)
from agent_desktop.chatwoot.search import search_conversations
from agent_desktop.core.i18n import QT_TR_NOOP
from agent_desktop.gui.choices import refill
from agent_desktop.gui.conversation_delegate import ConversationDelegate
from agent_desktop.gui.conversation_model import ConversationModel, ConversationRole
from agent_desktop.gui.elided_combo import ElidedComboBox
from agent_desktop.gui.elided_label import ElidedLabel
from agent_desktop.gui.formatting import tr
from agent_desktop.gui.session import Session
from agent_desktop.store.first_page import FirstPage, save_first_page

STATUSES = [
    ("open", QT_TR_NOOP("Open")),
    ("pending", QT_TR_NOOP("Pending")),
    ("snoozed", QT_TR_NOOP("Snoozed")),
    ("resolved", QT_TR_NOOP("Resolved")),
    ("all", QT_TR_NOOP("All")),
]
ASSIGNEES = [
    ("me", QT_TR_NOOP("Mine")),
    ("unassigned", QT_TR_NOOP("Unassigned")),
    ("all", QT_TR_NOOP("All")),
]
REFRESH_MS = 30_000
LIVE_REFRESH_MS = 5 * 60_000  # with the live channel up: only a slow consistency check
COUNTS_AFTER_MS = 1_500  # a burst of live changes makes one look at the counts
COMBO_ADJUST = QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
COMBO_CHARS = 8  # room each filter asks for where there is room


class ConversationList(QWidget):
    selected = Signal(object)  # Conversation
    loaded = Signal(int, bool)  # rows now shown; True once they come from the server

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.model = ConversationModel()
        self.page = 0
        self.more = True
        self.page_size: int | None = None  # the server's, learned from its first page
        # the conversation the agent had open at close: a wish for the start only
        self.reopen: int | None = None
        self.loading = False
        self.live = False  # False while the rows shown are the last session's
        self._generation = 0
        self._inboxes: tuple[Inbox, ...] = ()
        self._saved: FirstPage | None = None

        self.status = ElidedComboBox()
        self.status.setAccessibleName(tr("Conversation status"))
        for value, label in STATUSES:
            self.status.addItem(tr(label), value)
        self.assignee = ElidedComboBox()
        self.assignee.setAccessibleName(tr("Assigned to"))
        for value, label in ASSIGNEES:
            self.assignee.addItem(tr(label), value)
        self.inbox = ElidedComboBox()
        self.inbox.setAccessibleName(tr("Inbox"))
        self.inbox.addItem(tr("All inboxes"), None)
        self.label = ElidedComboBox()
        self.label.setAccessibleName(tr("Label"))
        self.label.addItem(tr("All labels"), None)
        for combo in (self.status, self.assignee, self.inbox, self.label):
            combo.currentIndexChanged.connect(lambda _n: self.reload())
            # a long inbox or label name is cut in the box, not made the list's width
            combo.setSizeAdjustPolicy(COMBO_ADJUST)
            combo.setMinimumContentsLength(1)
            # on a small or scaled screen the list gives way down to a letter a filter
            combo.setMinimumWidth(combo.minimumSizeHint().width())
            combo.setMinimumContentsLength(COMBO_CHARS)
        self.search = QLineEdit()
        self.search.setPlaceholderText(tr("Search conversations (Ctrl+F)"))
        self.search.setClearButtonEnabled(True)
        self.search.setAccessibleName(tr("Search conversations"))
        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(350)
        self._search_timer.timeout.connect(self.reload)
        self.search.textChanged.connect(lambda _t: self._search_timer.start())

        self.view = QListView()
        self.view.setModel(self.model)
        self.view.setItemDelegate(ConversationDelegate(self.model))
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setUniformItemSizes(True)
        self.view.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        # rows are the view's width and their texts are cut to it: nothing to scroll to
        self.view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.view.setResizeMode(QListView.ResizeMode.Adjust)
        self.view.setAccessibleName(tr("Conversations"))
        self.view.selectionModel().currentChanged.connect(self._current_changed)
        self.view.verticalScrollBar().valueChanged.connect(self._maybe_more)
        self.counts = ElidedLabel()
        self.counts.setObjectName("counts")

        filters = QHBoxLayout()
        filters.addWidget(self.status)
        filters.addWidget(self.assignee)
        places = QHBoxLayout()
        places.addWidget(self.inbox)
        places.addWidget(self.label)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(filters)
        layout.addLayout(places)
        layout.addWidget(self.search)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.counts)

        self._refresh = QTimer(self)
        self._refresh.setInterval(REFRESH_MS)
        self._refresh.timeout.connect(self.refresh_first_page)
        self._counts_soon = QTimer(self)
        self._counts_soon.setSingleShot(True)
        self._counts_soon.setInterval(COUNTS_AFTER_MS)
        self._counts_soon.timeout.connect(self.refresh_first_page)

    def show_first_page(self, page: FirstPage) -> None:
        """The page the agent last saw, until the server answers (start() asks it)."""
        self._inboxes_loaded(list(page.inboxes))
        self._show_counts(page)
        self.model.replace(list(page.conversations))
        self._saved = page
        self._reopen_if_listed()
        self.loaded.emit(len(self.model.rows), False)

    def start(self) -> None:
        self.reload(keep_rows=True)  # first: the page is what the agent waits for
        self.session.run(lambda: self.session.client().inboxes(), self._inboxes_loaded)
        self.session.run(
            lambda: self.session.client().labels(), self._labels_loaded, lambda _e: None
        )
        self._refresh.start()

    def _labels_loaded(self, labels: list[str]) -> None:
        refill(self.label, [(title, title) for title in sorted(labels, key=str.casefold)])

    def _inboxes_loaded(self, inboxes: list[Inbox]) -> None:
        self._inboxes = tuple(inboxes)
        self.model.inboxes = {i.id: i for i in inboxes}
        refill(self.inbox, [(inbox.name, inbox.id) for inbox in inboxes])
        self.view.viewport().update()
        saved = self._saved
        if self.live and saved is not None and saved.inboxes != self._inboxes:
            # the page was kept before its inboxes' names came: keep them with it
            self._keep(replace(saved, inboxes=self._inboxes))

    def _show_counts(self, page: ConversationPage | FirstPage) -> None:
        counts = page.counts
        self.counts.setText(
            tr("Mine {mine} · Unassigned {unassigned} · All {all}").format(
                mine=counts.mine, unassigned=counts.unassigned, all=counts.all
            )
        )

    def _default_filters(self) -> bool:
        """The filters a start shows: only their first page is worth keeping."""
        return (
            self.status.currentIndex() == 0
            and self.assignee.currentIndex() == 0
            and self.inbox.currentData() is None
            and self.label.currentData() is None
            and not self.search.text().strip()
        )

    def _keep_first_page(self, result: ConversationPage) -> None:
        if result.page != 1 or not self._default_filters():
            return
        page = FirstPage(
            profile_id=self.session.profile.id,
            saved_at=datetime.now(UTC),
            counts=result.counts,
            conversations=result.conversations,
            inboxes=self._inboxes,
        )
        saved = self._saved
        if saved is not None and (saved.conversations, saved.counts, saved.inboxes) == (
            page.conversations,
            page.counts,
            page.inboxes,
        ):
            return
        self._keep(page)

    def _keep(self, page: FirstPage) -> None:
        self._saved = page
        session = self.session

        def keep() -> None:
            if session.keeps_first_page():
                save_first_page(session.home, page)

        session.run(keep, None, lambda _error: None)  # a cache: not worth a word to the agent

    # -- loading ---------------------------------------------------------------------

    def _query(self, page: int) -> Callable[[], ConversationPage]:
        """The request for a page with the filters as set now: read here, on the GUI
        thread, for the worker that sends it."""
        label = self.label.currentData()
        filters: dict[str, Any] = {
            "assignee_type": self.assignee.currentData(),
            "inbox_id": self.inbox.currentData(),
            "labels": (label,) if label else (),
            # the install's page size, as the first page showed it
            "page_size": self.page_size if page > 1 else None,
        }
        q = self.search.text().strip()
        if q:  # as Chatwoot searches: every status, message text, and contacts by name
            user_id = self.session.profile.user_id
            return lambda: search_conversations(
                self.session.client(), q, user_id=user_id, page=page, **filters
            )
        status = self.status.currentData()
        return lambda: self.session.client().conversations(page=page, status=status, **filters)

    def reload(self, keep_rows: bool = False) -> None:
        """Ask for the first page again; keep_rows leaves the rows shown until it comes."""
        self._generation += 1  # an answer still under way is for the old filters: ignored
        self.page, self.more, self.loading = 0, True, False
        if not keep_rows:
            self.model.replace([])
        self.load_more()

    def load_more(self) -> None:
        if self.loading or not self.more:
            return
        self.loading = True
        generation, page = self._generation, self.page + 1
        self.session.run_online(  # the server's alone: it need not wait for the store
            self._query(page),
            lambda result: self._page_loaded(generation, result),
            lambda error: self._failed(generation, error),
        )

    def _failed(self, generation: int, error: Exception) -> None:
        if generation == self._generation:
            self.loading = False
        self.session.report(error)

    def _page_loaded(self, generation: int, result: ConversationPage) -> None:
        if generation != self._generation:
            return  # the filters changed meanwhile
        self.loading = False
        self.page = result.page
        self.more = result.may_have_more
        if result.page == 1:
            self.page_size = result.size
        if result.page == 1:  # in place of what was shown, keeping the agent's place
            self._replace_keeping_current(list(result.conversations))
        else:
            self.model.append(list(result.conversations))
        self._show_counts(result)
        self._reopen_if_listed()
        # the start's list came without it: opened later, as a filter or a scroll lists
        # it, it would take the pane from what the agent reads and mark itself read
        self.reopen = None
        self.live = True
        self.loaded.emit(len(self.model.rows), True)
        self._keep_first_page(result)
        QTimer.singleShot(0, self._maybe_more)  # once the view has laid the new rows out

    def refresh_first_page(self) -> None:
        """Bring the first page up to date without losing the place in the list."""
        generation = self._generation
        self.session.run_online(
            self._query(1),
            lambda result: self._refreshed(generation, result),
            lambda _e: None,
        )

    def _refreshed(self, generation: int, result: ConversationPage) -> None:
        if generation != self._generation:
            return
        known = {c.id for c in self.model.rows}
        for conversation in result.conversations:
            if conversation.id in known:
                self.model.update(conversation)
        fresh = [c for c in result.conversations if c.id not in known]
        if fresh:
            self._replace_keeping_current(fresh + self.model.rows)
        self._keep_first_page(result)

    # -- live ------------------------------------------------------------------------

    def set_live(self, on: bool) -> None:
        """Events keep the list current: the periodic look becomes a slow check."""
        self._refresh.setInterval(LIVE_REFRESH_MS if on else REFRESH_MS)

    def apply_live(self, conversation: Conversation) -> None:
        """A conversation as an event tells it: changed in place, moved to where the
        newest activity puts it, out when it no longer matches the filters, in when it
        newly does; the counts follow a moment later."""
        self._counts_soon.start()
        listed = self.model.row_of(conversation.id) is not None
        matches = self._matches(conversation)
        if matches is None:  # a search: only the rows it found are kept current
            if listed:
                self.model.update(conversation)
            return
        if not listed and not matches:
            return
        rows = [c for c in self.model.rows if c.id != conversation.id]
        if matches:
            rows.insert(_place(rows, conversation), conversation)
        if [c.id for c in rows] == [c.id for c in self.model.rows]:
            self.model.update(conversation)
        else:
            self._replace_keeping_current(rows)

    def live_message(self, message: Message, unread: int | None) -> None:
        """A new message: its conversation's preview, unread count and place."""
        row = self.model.row_of(message.conversation_id)
        if row is None:
            self._counts_soon.start()  # a conversation not shown yet: the next look brings it
            return
        shown = self.model.rows[row]
        if message.private or message.message_type is MessageType.ACTIVITY:
            return
        newer = replace(
            shown,
            last_message=message,
            last_activity_at=message.created_at,
            unread_count=shown.unread_count if unread is None else unread,
        )
        self.apply_live(newer)

    def _matches(self, conversation: Conversation) -> bool | None:
        """Whether the filters as set now take it; None while a search is shown (what
        matches a search is the server's to say)."""
        if self.search.text().strip():
            return None
        status = self.status.currentData()
        if status != "all" and conversation.status.value != status:
            return False
        assignee = self.assignee.currentData()
        holder = conversation.assignee
        if assignee == "me" and (holder is None or holder.id != self.session.profile.user_id):
            return False
        if assignee == "unassigned" and holder is not None:
            return False
        inbox = self.inbox.currentData()
        if inbox is not None and conversation.inbox_id != inbox:
            return False
        label = self.label.currentData()
        return not label or label in conversation.labels

    def _replace_keeping_current(self, rows: list[Conversation]) -> None:
        current = self.current()
        self.model.replace(rows)
        if current is not None:
            row = self.model.row_of(current.id)
            if row is not None:
                self.view.setCurrentIndex(self.model.index(row))

    def _reopen_if_listed(self) -> None:
        """The conversation the agent had open when the window last closed, if the page
        shown at start or the server's first answer lists it; none other is opened for
        them: opening one marks it read on the server, which is the agent's call."""
        if self.reopen is None or self.view.currentIndex().isValid():
            return
        if self.select_id(self.reopen):
            self.reopen = None

    def _maybe_more(self, *_args: object) -> None:
        bar = self.view.verticalScrollBar()
        if self.more and not self.loading and bar.value() >= bar.maximum() - 40:
            self.load_more()

    # -- selection -----------------------------------------------------------------

    def current(self) -> Conversation | None:
        index = self.view.currentIndex()
        return index.data(ConversationRole) if index.isValid() else None

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if current.isValid():
            self.reopen = None  # one is open now: the start's wish has had its turn
            self.selected.emit(current.data(ConversationRole))

    def select_id(self, conversation_id: int) -> bool:
        row = self.model.row_of(conversation_id)
        if row is None:
            return False
        self.view.setCurrentIndex(self.model.index(row))
        return True

    def step(self, step: int) -> None:
        """Alt+J / Alt+K: the next or previous conversation."""
        if not self.model.rows:
            return
        row = max(0, min(len(self.model.rows) - 1, self.view.currentIndex().row() + step))
        self.view.setCurrentIndex(self.model.index(row))
        if row >= len(self.model.rows) - 3:
            self.load_more()


def _place(rows: list[Conversation], conversation: Conversation) -> int:
    """Where the newest-activity-first order puts it among the rows: before those of
    the same second too (Chatwoot's times are whole seconds, and this is the news)."""
    newest = conversation.last_activity_at
    if newest is None:
        return len(rows)
    for index, row in enumerate(rows):
        if row.last_activity_at is None or row.last_activity_at <= newest:
            return index
    return len(rows)
