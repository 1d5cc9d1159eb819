"""One conversation: its header with status actions, its thread, and the reply box."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import timedelta
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QMenu,
    QPushButton,
    QSplitter,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from agent_desktop.chatwoot.records import Conversation, ConversationStatus, Inbox, Message
from agent_desktop.chatwoot.variables import message_variables
from agent_desktop.core.channels import reply_limit
from agent_desktop.core.timezones import ZonedTime
from agent_desktop.gui.conversation_tools import ConversationTools
from agent_desktop.gui.customer_time import CustomerTime
from agent_desktop.gui.drafts import Drafts
from agent_desktop.gui.elided_label import ElidedLabel
from agent_desktop.gui.formatting import tr
from agent_desktop.gui.header_layout import HeaderLayout
from agent_desktop.gui.previews import Previews
from agent_desktop.gui.reply_box import ReplyBox
from agent_desktop.gui.scroll_panel import RoomInSplitter
from agent_desktop.gui.session import Session, describe_error
from agent_desktop.gui.thread_view import ThreadView
from agent_desktop.labels import status_label
from agent_desktop.scheduling import policy
from agent_desktop.scheduling.requests import ScheduleRequest
from agent_desktop.store.records import OutboxRecord

if TYPE_CHECKING:
    from agent_desktop.chatwoot.client import ChatwootClient  # loaded with the store

POLL_MS = 10_000
LIVE_POLL_MS = 5 * 60_000  # with the live channel up: only a slow consistency check
TYPING_FOR_MS = 30_000  # as the dashboard: typing shown without word for this long ends
CANNED_REFRESH_MS = 10 * 60_000  # saved replies change seldom
TITLE_CHARS = 16  # room for the title beside the buttons, at least
# the thread shows what is still on its way and what needs the agent
OPEN_STATES = sorted(policy.WAITING | policy.ATTENTION)


class ConversationPane(QWidget):
    scheduled_action = Signal(str, int)  # action, outbox id
    conversation_changed = Signal(object)  # Conversation after a status change
    notice = Signal(str)
    opened = Signal(object)  # a Conversation newly shown (not the same one again)

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.conversation: Conversation | None = None
        self.messages: list[Message] = []
        self.pending: list[OutboxRecord] = []
        self._generation = 0

        self.title = ElidedLabel(tr("No conversation"))  # cut with "…" on a narrow window
        font = self.title.font()
        font.setPointSizeF(font.pointSizeF() * 1.25)
        font.setBold(True)
        self.title.setFont(font)
        self.subtitle = ElidedLabel()
        self.typing = ElidedLabel()  # always there, empty when nobody types: nothing moves
        self.typing.setObjectName("typing")
        self.typing.setAccessibleName(tr("Typing"))
        self._typing_timer = QTimer(self)
        self._typing_timer.setSingleShot(True)
        self._typing_timer.setInterval(TYPING_FOR_MS)
        self._typing_timer.timeout.connect(self.typing.clear)
        self.resolve_button = QPushButton(tr("Resolve"))
        self.resolve_button.clicked.connect(self.toggle_resolved)
        self.assign_button = QPushButton(tr("Assign to me"))
        self.assign_button.clicked.connect(self.assign_to_me)
        self.assign_button.setVisible(False)
        self.snooze_button = QToolButton()
        self.snooze_button.setText(tr("Snooze"))
        self.snooze_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        snooze_menu = QMenu(self.snooze_button)
        for label, hours in (
            (tr("For 1 hour"), 1),
            (tr("Until tomorrow"), 24),
            (tr("For a week"), 24 * 7),
        ):
            action = snooze_menu.addAction(label)
            action.triggered.connect(partial(self.snooze, hours))
        self.snooze_button.setMenu(snooze_menu)

        titles_box = QWidget()
        titles = QVBoxLayout(titles_box)
        titles.setContentsMargins(0, 0, 0, 0)
        titles.addWidget(self.title)
        titles.addWidget(self.subtitle)
        # the title whole beside the buttons, else above them (a narrow window)
        self.header = QWidget()
        self.header.setObjectName("thread-header")
        header = HeaderLayout(self._title_wanted, self.header)
        self.customer_time = CustomerTime(session)  # "14:05 for Beatriz (São Paulo)", Set…
        self.opened.connect(self.customer_time.show_for)
        # under the titles and the buttons, the whole width: not squeezed by the buttons
        third = QHBoxLayout()
        third.addWidget(self.customer_time)
        third.addWidget(self.typing, 1)
        header.addWidget(titles_box)
        header.addWidget(self.assign_button)
        self.tools = ConversationTools(session)  # assign…, labels, priority
        self.tools.changed.connect(self.live_conversation)
        self.tools.changed.connect(self.conversation_changed)
        self.tools.notice.connect(self.notice)
        header.addWidget(self.tools)
        header.addWidget(self.snooze_button)
        header.addWidget(self.resolve_button)
        self.contact_button = QToolButton()  # the contact panel's: the window gives its action
        header.addWidget(self.contact_button)

        self.thread_view = ThreadView(previews=Previews(session.run, session.client))
        self.thread_view.setAccessibleName(tr("Messages"))
        self.thread_view.action_requested.connect(self.scheduled_action)
        # the account's inboxes, as the window knows them (a Twilio inbox's medium)
        self.inbox_of: Callable[[int], Inbox | None] = lambda _inbox_id: None
        self.reply = ReplyBox(session)
        self.reply.send_requested.connect(self.send)
        self.reply.schedule_requested.connect(self.schedule)
        self.reply.refused.connect(self.notice)
        self.customer_time.changed.connect(self.reply.scheduler.set_customer)
        self.drafts = Drafts(session, self.reply, self)
        self.reply.canned.values = self._variables

        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.setObjectName("thread-splitter")  # kept across starts
        splitter.addWidget(self.thread_view)
        splitter.addWidget(self.reply)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 1)
        splitter.setChildrenCollapsible(False)
        RoomInSplitter(splitter, self.reply, self.reply.scheduler_area)  # the scheduler whole

        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 0, 0, 0)
        layout.addWidget(self.header)
        layout.addLayout(third)
        layout.addWidget(splitter, 1)
        self._set_enabled(False)

        self._poll = QTimer(self)
        self._poll.setInterval(POLL_MS)
        self._poll.timeout.connect(self.reload)
        self._pending_timer = QTimer(self)
        self._pending_timer.setSingleShot(True)
        self._pending_timer.setInterval(150)  # a burst of events makes one reload
        self._pending_timer.timeout.connect(self.reload_pending)
        session.outbox_changed.connect(self._pending_timer.start)
        self._canned_timer = QTimer(self)
        self._canned_timer.setInterval(CANNED_REFRESH_MS)
        self._canned_timer.timeout.connect(self.load_canned_responses)
        self._canned_timer.start()
        self.load_canned_responses()

    def _title_wanted(self) -> int:
        """The title block's width for the contact's name whole; at least that of a
        usual name, so that going from a short name to another the header stays put."""
        return max(
            self.title.sizeHint().width(),
            self.title.fontMetrics().averageCharWidth() * TITLE_CHARS,
        )

    def load_canned_responses(self) -> None:
        """The account's canned responses, for "/" in the reply box; a server without
        them leaves the list empty."""
        self.session.run(
            lambda: self.session.client().canned_responses(),
            self.reply.canned.set_responses,
            lambda _error: None,
        )

    def _variables(self) -> dict[str, str]:
        if self.conversation is None:
            return {}
        profile = self.session.profile
        return message_variables(self.conversation, profile.user_name, profile.user_email)

    def _set_enabled(self, on: bool) -> None:
        for widget in (self.reply, self.resolve_button, self.snooze_button, self.assign_button):
            widget.setEnabled(on)
        self.tools.setEnabled(on)

    # -- showing ---------------------------------------------------------------------

    def show_conversation(self, conversation: Conversation) -> None:
        changed = self.conversation is None or self.conversation.id != conversation.id
        self.conversation = conversation
        inbox = self.inbox_of(conversation.inbox_id)
        self.reply.set_channel(reply_limit(conversation.channel, inbox.medium if inbox else None))
        self._header()
        self._set_enabled(True)
        if changed:
            self.messages, self.pending = [], []
            self.thread_view.setPlaceholderText(tr("Loading messages…"))
            self.thread_view.show_thread([], [], self.session.zone)
            self.drafts.switch(conversation.id)  # half a reply is kept for coming back
            if conversation.unread_count:
                self.mark_seen()
            self.refresh_scheduled()
            self.opened.emit(conversation)
        self.reload()
        self._poll.start()

    # -- live ------------------------------------------------------------------------

    def set_live(self, on: bool) -> None:
        self._poll.setInterval(LIVE_POLL_MS if on else POLL_MS)

    def live_message(self, message: Message) -> None:
        """A new or changed message of the open conversation, as the event tells it."""
        conversation = self.conversation
        if conversation is None or message.conversation_id != conversation.id:
            return
        if message.scheduled_at is not None:
            return  # one the server keeps for later: the scheduled card shows it
        if message.is_incoming:
            self.typing.clear()
        messages = [m for m in self.messages if m.id != message.id]
        messages.append(message)
        messages.sort(key=lambda m: (m.created_at, m.id))
        self._loaded(self._generation, conversation.id, messages, self.pending)

    def live_typing(self, conversation_id: int, who: str, on: bool) -> None:
        conversation = self.conversation
        if conversation is None or conversation_id != conversation.id:
            return
        if on:
            name = who or conversation.title
            self.typing.setText(tr("{name} is typing…").format(name=name))
            self._typing_timer.start()
        else:
            self.typing.clear()

    def live_conversation(self, conversation: Conversation) -> None:
        """The open conversation changed elsewhere (status, assignee, labels)."""
        if self.conversation is not None and self.conversation.id == conversation.id:
            self.conversation = conversation
            self._header()

    def _header(self) -> None:
        conversation = self.conversation
        if conversation is None:
            return
        self.title.setText(conversation.title)
        contact = conversation.contact
        reach = " · ".join(x for x in (contact.email, contact.phone_number) if x) if contact else ""
        assignee = conversation.assignee
        mine = assignee is not None and assignee.id == self.session.profile.user_id
        if assignee is None:
            holder = tr("unassigned")
        else:
            holder = "" if mine else tr("assigned to {name}").format(name=assignee.name)
        team = tr("team {name}").format(name=conversation.team.name) if conversation.team else ""
        labels = ", ".join(conversation.labels)
        status = status_label(conversation.status)
        parts = (f"#{conversation.id}", status, holder, team, labels, reach)
        self.subtitle.setText(" · ".join(x for x in parts if x))
        self.assign_button.setVisible(not mine)
        self.tools.show_conversation(conversation)
        resolved = conversation.status is ConversationStatus.RESOLVED
        self.resolve_button.setText(tr("Reopen") if resolved else tr("Resolve"))

    def mark_seen(self) -> None:
        """The agent sees this conversation: no longer unread, here and on the server
        (not while the window is away in the tray)."""
        conversation = self.conversation
        if conversation is None or not self.isVisible():
            return
        cid = conversation.id
        if conversation.unread_count:
            self.conversation = replace(conversation, unread_count=0)
            self.conversation_changed.emit(self.conversation)  # the list at once
        self.session.run(lambda: self.session.client().mark_seen(cid), None, lambda _e: None)

    def reload(self) -> None:
        conversation = self.conversation
        if conversation is None:
            return
        self._generation += 1
        generation, cid = self._generation, conversation.id

        def work() -> tuple[list[Message], list[OutboxRecord]]:
            messages = self.session.client().messages(cid)
            return messages, self.session.service.find(states=OPEN_STATES, conversation_id=cid)

        def failed(error: Exception) -> None:
            if self.conversation is not None and self.conversation.id == cid and not self.messages:
                self.thread_view.setPlaceholderText(
                    tr("The messages could not be loaded; trying again shortly")
                )
            self.session.report(error)

        self.session.run(work, lambda result: self._loaded(generation, cid, *result), failed)

    def refresh_scheduled(self) -> None:
        """Ask the server what became of this conversation's messages it keeps."""
        conversation = self.conversation
        if conversation is None:
            return
        cid = conversation.id
        self.session.run(
            lambda: self.session.service.refresh(cid),
            lambda _none: self.reload_pending(),
            lambda _error: None,  # what is known stays shown; the next look tries again
        )

    def reload_pending(self) -> None:
        conversation = self.conversation
        if conversation is None:
            return
        cid = conversation.id
        self.session.run(
            lambda: self.session.service.find(states=OPEN_STATES, conversation_id=cid),
            lambda pending: self._loaded(
                self._generation, cid, self.messages, pending, fetched=False
            ),
        )

    def _loaded(
        self,
        generation: int,
        cid: int,
        messages: list[Message],
        pending: list[OutboxRecord],
        *,
        fetched: bool = True,
    ) -> None:
        """`fetched`: the messages came from the server now; else only the scheduled
        ones changed (and a thread that could not be loaded must not say it is empty)."""
        if self.conversation is None or self.conversation.id != cid:
            return
        if generation != self._generation and messages is not self.messages:
            return
        if (
            messages == self.messages  # a delivery status counts as a change too
            and [(p.id, p.revision) for p in pending] == [(p.id, p.revision) for p in self.pending]
            and self.thread_view.messages
        ):
            return  # nothing new: leave the view (and the reader's place) alone
        seen = max((m.id for m in self.messages), default=None)
        if seen is not None and any(m.is_incoming and m.id > seen for m in messages):
            self.mark_seen()  # the customer wrote while the agent had it open
        self.messages, self.pending = messages, pending
        if fetched:
            self.thread_view.setPlaceholderText(tr("No messages yet"))
        self.thread_view.show_thread(messages, pending, self.session.zone, self.session.clock.now())

    # -- acting ----------------------------------------------------------------------

    def send(self, text: str, private: bool, files: list[Path]) -> None:
        conversation = self.conversation
        if conversation is None:
            return
        cid = conversation.id

        def work() -> Message:
            from agent_desktop.chatwoot.client import Upload  # loaded with the store

            uploads = [Upload.from_path(path) for path in files]
            return self.session.client().create_message(
                cid, text, private=private, attachments=uploads
            )

        self.reply.send_button.setEnabled(False)

        def sent(_message: Message) -> None:
            self.drafts.done_with(cid, text)
            self.reload()

        self.session.run(work, sent, self._refused(tr("Not sent: {reason}")))

    def _refused(self, wording: str) -> Callable[[Exception], None]:
        def refused(error: Exception) -> None:
            self.notice.emit(wording.format(reason=describe_error(error)))
            self.reply.refresh_state()

        return refused

    def schedule(self, text: str, when: ZonedTime, hold: bool, files: list[Path]) -> None:
        conversation = self.conversation
        if conversation is None:
            return
        request = ScheduleRequest(
            conversation.id,
            text,
            when,
            hold_on_reply=hold,
            files=tuple(files),
            conversation_label=conversation.title,
            channel=self.reply.channel,
            channel_known=bool(conversation.channel),
            wait_for_opening=self.reply.scheduler.wait_for_opening(),
        )
        self.reply.send_button.setEnabled(False)

        def done(record: OutboxRecord) -> None:
            self.drafts.done_with(conversation.id, text)
            self.notice.emit(tr("Scheduled for {when}").format(when=when.display()))
            self.reload_pending()

        self.session.run(
            lambda: self.session.service.schedule(request),
            done,
            self._refused(tr("Not scheduled: {reason}")),
        )

    def toggle_resolved(self) -> None:
        conversation = self.conversation
        if conversation is None:
            return
        target = (
            ConversationStatus.OPEN
            if conversation.status is ConversationStatus.RESOLVED
            else ConversationStatus.RESOLVED
        )
        self._change_status(target)

    def snooze(self, hours: int, _checked: bool = False) -> None:
        self._change_status(ConversationStatus.SNOOZED, timedelta(hours=hours))

    def _change_status(self, status: ConversationStatus, snooze: timedelta | None = None) -> None:
        until = self.session.clock.now() + snooze if snooze else None
        self._change(lambda client, cid: client.toggle_status(cid, status, snoozed_until=until))

    def assign_to_me(self) -> None:
        me = self.session.profile.user_id
        self._change(lambda client, cid: client.assign(cid, me))

    def mark_unread(self) -> None:
        """To come back to it: unread again, here and on the server, until the agent next
        opens it."""
        self._change(lambda client, cid: client.mark_unread(cid))

    def _change(self, act: Callable[[ChatwootClient, int], object]) -> None:
        """Change the conversation on the server, then show it as the server has it."""
        conversation = self.conversation
        if conversation is None:
            return
        cid = conversation.id

        def work() -> Conversation:
            client = self.session.client()
            act(client, cid)
            return client.conversation(cid)

        def done(updated: Conversation) -> None:
            if self.conversation is not None and self.conversation.id == cid:
                self.conversation = updated
                self._header()
            self.conversation_changed.emit(updated)

        self.session.run(work, done)
