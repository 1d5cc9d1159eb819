"""The Scheduled tab: every scheduled message of the account, whatever its backend, with
filters, actions, and a detail pane with the attempt log."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from PySide6.QtCore import QItemSelection, Qt, QTimer, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from agent_desktop.core.i18n import QT_TR_NOOP
from agent_desktop.core.timezones import from_utc
from agent_desktop.gui.choices import refill
from agent_desktop.gui.formatting import relative, tr
from agent_desktop.gui.scheduled_model import (
    COLUMNS,
    RecordRole,
    ScheduledModel,
    backend_labels,
    conversation_title,
    when_text,
)
from agent_desktop.gui.session import Session
from agent_desktop.labels import outcome_label, state_label
from agent_desktop.scheduling import designs, policy
from agent_desktop.scheduling.policy import Action
from agent_desktop.store.records import AttemptRecord, OutboxRecord
from agent_desktop.store.states import OutboxState

S = OutboxState
ATTENTION_FILTER = 1
STATUS_FILTERS = [
    (QT_TR_NOOP("Pending"), set(policy.WAITING)),
    (QT_TR_NOOP("Needs attention"), set(policy.ATTENTION)),
    (QT_TR_NOOP("Held"), {S.HELD}),
    (QT_TR_NOOP("Missed"), {S.MISSED}),
    (QT_TR_NOOP("Failed"), {S.FAILED}),
    (QT_TR_NOOP("Sent"), {S.SENT}),
    (QT_TR_NOOP("Cancelled"), {S.CANCELLED}),
    (QT_TR_NOOP("Drafts"), {S.DRAFT}),  # on the fork's server, without a time: never sent
    (QT_TR_NOOP("All"), None),
]


CONVERSATION_CHARS = 18  # the conversation filter's width, in characters
BACKEND_COLUMN = COLUMNS.index("Backend")
SERVER_REFRESH_MS = 60_000  # what the server did with the messages it keeps
BUTTONS = [
    (Action.EDIT, QT_TR_NOOP("Edit…")),
    (Action.SEND_NOW, QT_TR_NOOP("Send now")),
    (Action.CANCEL, QT_TR_NOOP("Cancel")),
    (Action.RESTORE, QT_TR_NOOP("Restore")),
    (Action.RETRY, QT_TR_NOOP("Retry")),
]


@dataclass(frozen=True)
class Loaded:
    changed: list[OutboxRecord]
    gone: list[int]
    titles: dict[int, str]  # conversation id -> its title, for the conversation filter
    counts: tuple[int, int, int]  # waiting, of those in this app's outbox, needing attention


class ScheduledTab(QWidget):
    action = Signal(str, int)
    # waiting, of those in this app's outbox, and needing attention (held, failed, missed)
    counts_changed = Signal(int, int, int)

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.model = ScheduledModel(session.zone, session.clock)

        self.status = QComboBox()
        self.status.setAccessibleName(tr("Show scheduled messages"))
        for label, states in STATUS_FILTERS:
            self.status.addItem(tr(label), states)
        # the conversations that have scheduled messages, by name: nobody remembers ids
        self.conversation = QComboBox()
        self.conversation.setAccessibleName(tr("Conversation"))
        self.conversation.addItem(tr("Any conversation"), None)
        # a long name is cut in the box rather than widening the window past the screen
        self.conversation.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.conversation.setMinimumContentsLength(CONVERSATION_CHARS)
        self.search = QLineEdit()
        self.search.setAccessibleName(tr("Search scheduled messages"))
        self.search.setPlaceholderText(tr("Search text"))
        self.search.setClearButtonEnabled(True)
        for signal in (
            self.status.currentIndexChanged,
            self.conversation.currentIndexChanged,
            self.search.textChanged,
        ):
            signal.connect(lambda *_: self.apply_filter())
        self._status_chosen = False  # once the agent picks a view, it stays
        self.status.activated.connect(lambda _n: setattr(self, "_status_chosen", True))

        self.table = QTableView()
        self.table.setAccessibleName(tr("Scheduled messages"))
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        sorter = self.table.horizontalHeader()
        sorter.setSectionsClickable(True)
        sorter.setSortIndicatorShown(True)
        sorter.setSortIndicator(0, Qt.SortOrder.AscendingOrder)
        sorter.sortIndicatorChanged.connect(self.model.sort)
        self.table.verticalHeader().setVisible(False)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.setTextElideMode(Qt.TextElideMode.ElideRight)  # the whole in the tooltip
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(False)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self._backend_width: int | None = None  # set by _size_columns
        self._size_columns()
        header.setObjectName("scheduled-columns")  # the agent's widths, kept across starts
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)
        self.table.doubleClicked.connect(lambda _i: self.act("edit"))

        self.detail_title = QLabel(tr("Select a scheduled message"))
        self.detail_title.setWordWrap(True)
        self.detail_text = QPlainTextEdit()
        self.detail_text.setAccessibleName(tr("Message"))
        self.detail_text.setReadOnly(True)
        self.attempts = QPlainTextEdit()
        self.attempts.setAccessibleName(tr("Attempts"))
        self.attempts.setReadOnly(True)
        self.attempts.setPlaceholderText(tr("No attempts yet"))
        for box in (self.detail_text, self.attempts):
            # two lines at least, not Qt's 70 pixels: the tab fits a small or scaled screen
            box.setMinimumHeight(box.fontMetrics().lineSpacing() * 2 + 2 * box.frameWidth() + 8)
        self.buttons: dict[str, QPushButton] = {}
        button_row = QHBoxLayout()
        for action, label in [*BUTTONS, ("open", QT_TR_NOOP("Open conversation"))]:
            button = QPushButton(tr(label))
            button.clicked.connect(lambda _=False, a=action: self.act(a))
            self.buttons[action] = button
            button_row.addWidget(button)
        button_row.addStretch(1)

        detail = QWidget()
        detail_layout = QVBoxLayout(detail)
        detail_layout.setContentsMargins(0, 0, 0, 0)
        detail_layout.addWidget(self.detail_title)
        detail_layout.addWidget(self.detail_text, 2)
        detail_layout.addWidget(QLabel(tr("Attempts")))
        detail_layout.addWidget(self.attempts, 1)
        detail_layout.addLayout(button_row)

        filters = QHBoxLayout()
        filters.addWidget(QLabel(tr("Show")))
        filters.addWidget(self.status)
        filters.addWidget(self.conversation)
        filters.addWidget(self.search, 1)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.setObjectName("scheduled-splitter")  # kept across starts
        splitter.addWidget(self.table)
        splitter.addWidget(detail)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        splitter.setSizes([460, 240])
        layout = QVBoxLayout(self)
        layout.addLayout(filters)
        layout.addWidget(splitter, 1)
        self._set_buttons(None)

        session.outbox_changed.connect(self.reload_soon)
        self._reload_timer = QTimer(self)
        self._reload_timer.setSingleShot(True)
        self._reload_timer.setInterval(150)  # many events at once make one reload
        self._reload_timer.timeout.connect(self.reload)
        self._clock = QTimer(self)
        self._clock.setInterval(30_000)  # keep "in 5 min" true
        self._clock.timeout.connect(self.reload)
        self._clock.start()
        self._refreshing = False
        self._server_timer = QTimer(self)
        self._server_timer.setInterval(SERVER_REFRESH_MS)
        self._server_timer.timeout.connect(self.refresh_server)
        self._server_timer.start()

    def showEvent(self, event: QShowEvent) -> None:
        self.refresh_server()  # the agent looks: make it true
        self.settle_columns()
        super().showEvent(event)

    # -- data --------------------------------------------------------------------------

    def reload_soon(self) -> None:
        self._reload_timer.start()

    def reload(self) -> None:
        shown = dict(self.model.records)  # a copy: compared with the store off the GUI thread

        def load() -> Loaded:
            # which rows changed is a cheap read of ids and revisions; only those load
            revisions = self.session.service.revisions()
            wanted = [i for i, n in revisions.items() if i not in shown or shown[i].revision != n]
            gone = [i for i in shown if i not in revisions]
            changed = self.session.service.get_many(wanted)
            if not changed and not gone:
                return Loaded([], [], {}, (0, 0, 0))
            rows = {**shown, **{r.id: r for r in changed}}
            for outbox_id in gone:
                rows.pop(outbox_id, None)
            waiting = [r for r in rows.values() if r.state in policy.WAITING]
            return Loaded(
                changed,
                gone,
                {r.conversation_id: conversation_title(r) for r in rows.values()},
                (
                    len(waiting),
                    sum(1 for r in waiting if r.is_local),
                    sum(1 for r in rows.values() if r.state in policy.ATTENTION),
                ),
            )

        self.session.run(load, self._loaded)

    def refresh_server(self, conversation_id: int | None = None) -> None:
        """Ask the server what became of the messages it keeps (all, or one
        conversation's), then reload. One question at a time."""
        if self._refreshing or not self.session.is_ready:
            return
        self._refreshing = True

        def done(_result: object) -> None:
            self._refreshing = False
            self.reload()

        self.session.run(lambda: self.session.service.refresh(conversation_id), done, done)

    def _loaded(self, loaded: Loaded) -> None:
        selected = self.selected()
        if not self.model.apply(loaded.changed, loaded.gone):
            # nothing changed but the time: keep the view, with "in 5 min" and what the
            # selected row allows (a cancelled one's restore ends at its time) up to date
            self.model.tick()
            self._set_buttons(selected)
            return
        self.model.tick()
        self._list_conversations(loaded.titles)
        waiting, local, attention = loaded.counts
        self.counts_changed.emit(waiting, local, attention)
        if not self._status_chosen:
            self.status.setCurrentIndex(ATTENTION_FILTER if attention else 0)
        if selected is None:
            self._set_buttons(None)
        elif self.model.row_of(selected.id) is not None:
            self._selection_changed(QItemSelection(), QItemSelection())  # its news shown
        else:
            self.select(selected.id)

    def _size_columns(self) -> None:
        """Widths from the font and the texts each column holds, so that a larger font or
        a longer translation does not cut the time off."""
        now = datetime.now(UTC)
        samples: dict[int, list[str]] = {
            0: [from_utc(now, self.session.zone).display()],
            1: [relative(now + timedelta(minutes=m), now) for m in (59, 23 * 60, 6 * 1440)],
            2: ["#00000 " + "M" * 12],
            4: [state_label(state) for state in OutboxState],
            5: [],  # its labels when the tab is first shown (see settle_columns)
            6: ["000"],
        }
        header = self.table.horizontalHeader()
        for column, texts in samples.items():
            header.resizeSection(column, self._width_for(column, texts))
        self._backend_width = header.sectionSize(BACKEND_COLUMN)

    def _width_for(self, column: int, texts: list[str]) -> int:
        metrics = self.table.fontMetrics()
        title = str(self.model.headerData(column, Qt.Orientation.Horizontal))
        widest = max(metrics.horizontalAdvance(text) for text in [*texts, title])
        return widest + 3 * metrics.averageCharWidth()

    def settle_columns(self) -> None:
        """The backends' labels come from the scheduling designs, whose modules the
        window does not load before its first paint: that column is sized when the tab
        is first shown (or the window closes first), unless the agent's own width came
        back meanwhile."""
        if self._backend_width is None:
            return
        header = self.table.horizontalHeader()
        if header.sectionSize(BACKEND_COLUMN) == self._backend_width:
            labels = [tr(label) for label in backend_labels().values()]
            header.resizeSection(BACKEND_COLUMN, self._width_for(BACKEND_COLUMN, labels))
        self._backend_width = None

    def _list_conversations(self, titles: dict[int, str]) -> None:
        chosen = self.conversation.currentData()
        if chosen is not None and chosen not in titles:  # keep the agent's choice shown
            titles[chosen] = self.conversation.currentText()
        refill(self.conversation, [(titles[key], key) for key in sorted(titles)])

    def show_view(self, index: int) -> None:
        """Show one of the status views (as the agent's own choice)."""
        self._status_chosen = True
        self.status.setCurrentIndex(index)

    def apply_filter(self) -> None:
        states = self.status.currentData()
        conversation = self.conversation.currentData()
        selected = self.selected()
        self.model.set_filter(states, conversation, self.search.text())
        if selected is not None and self.model.row_of(selected.id) is not None:
            self.select(selected.id)

    # -- selection and actions ---------------------------------------------------------

    def selected(self) -> OutboxRecord | None:
        rows = self.table.selectionModel().selectedRows()
        return rows[0].data(RecordRole) if rows else None

    def select(self, outbox_id: int) -> bool:
        if outbox_id not in self.model.records:
            return False
        row = self.model.row_of(outbox_id)
        if row is None:
            self.status.setCurrentIndex(len(STATUS_FILTERS) - 1)  # show all
            row = self.model.row_of(outbox_id)
        if row is None:  # hidden by the conversation or the text asked for
            self.conversation.setCurrentIndex(0)
            self.search.clear()
            row = self.model.row_of(outbox_id)
        if row is None:
            return False
        self.table.selectRow(row)
        return True

    def _selection_changed(self, _new: QItemSelection, _old: QItemSelection) -> None:
        record = self.selected()
        self._set_buttons(record)
        if record is None:
            return
        when = when_text(record, self.session.zone)  # and when it goes, if it waits
        problem = f" — {record.last_error}" if record.last_error else ""
        conversation = tr("conversation {id}").format(id=f"#{record.conversation_id}")
        self.detail_title.setText(
            f"<b>#{record.id}</b> · {state_label(record.state)} · {when} · {conversation}{problem}"
        )
        files = "\n".join(
            tr("Attachment: {name}").format(name=a.filename) for a in record.attachments
        )
        self.detail_text.setPlainText(record.content + (f"\n\n{files}" if files else ""))
        self.session.run(
            lambda: self.session.service.outbox.attempts(record.id),
            lambda log: self._show_attempts(record.id, log),
        )

    def _show_attempts(self, outbox_id: int, log: list[AttemptRecord]) -> None:
        current = self.selected()
        if current is None or current.id != outbox_id:
            return
        lines = []
        for attempt in log:
            when = from_utc(attempt.at, self.session.zone).display()
            status = f" HTTP {attempt.http_status}" if attempt.http_status else ""
            error = f" — {attempt.error}" if attempt.error else ""
            lines.append(f"{when}  {outcome_label(attempt.outcome)}{status}{error}")
        self.attempts.setPlainText("\n".join(lines))

    def _set_buttons(self, record: OutboxRecord | None) -> None:
        allowed: set[str] = set()
        if record is not None:
            traits = designs.traits(record.backend)
            allowed = {"open", *policy.allowed(record, traits, self.session.clock.now())}
        for action, button in self.buttons.items():
            button.setEnabled(action in allowed)
        if record is None:
            self.detail_title.setText(tr("Select a scheduled message"))
            self.detail_text.clear()
            self.attempts.clear()

    def act(self, action: str) -> None:
        """Do a button's action (edit, send-now, cancel, retry, open) on the selection."""
        record = self.selected()
        if record is not None and self.buttons[action].isEnabled():
            self.action.emit(action, record.id)
