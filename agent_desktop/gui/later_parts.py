"""The parts of the window built just after its first paint: the thread with the reply
box, and the Scheduled tab. Their modules are a good part of the start-up and neither is
what the agent looks at first (the list is), so each is built then, or sooner when
something asks for it; what was meant for them before (the conversation the agent left
open, their dividers and columns) waits here until they are there."""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QVBoxLayout, QWidget

from agent_desktop.gui.first_paint import put_in_place, tab_after
from agent_desktop.gui.window_state import restore_dividers

if TYPE_CHECKING:
    from agent_desktop.chatwoot.records import Conversation
    from agent_desktop.gui.conversation_pane import ConversationPane
    from agent_desktop.gui.main_window import MainWindow
    from agent_desktop.gui.scheduled_tab import ScheduledTab

Layout = dict[str, object]


class LaterParts:
    def __init__(self, window: MainWindow) -> None:
        self.window = window
        self.pane_place = QWidget()  # where the pane goes, in the splitter from the start
        self.scheduled_place = QWidget()  # the Scheduled tab's page
        QVBoxLayout(self.scheduled_place).setContentsMargins(0, 0, 0, 0)
        self.built_pane: ConversationPane | None = None
        self.built_scheduled: ScheduledTab | None = None
        self.pending: Conversation | None = None  # chosen before the pane was built
        self.pane_layout: Layout = {}  # its dividers, when the window was shown first
        self.scheduled_layout: Layout = {}  # its columns, likewise
        self.started = False  # the window started: a tab built now loads its rows

    @property
    def pane(self) -> ConversationPane:
        if self.built_pane is None:
            self.built_pane = self._build_pane()
        return self.built_pane

    @property
    def scheduled(self) -> ScheduledTab:
        if self.built_scheduled is None:
            self.built_scheduled = self._build_scheduled()
        return self.built_scheduled

    def build_unless_quitting(self) -> None:
        if not self.window.quitting:
            self.pane  # noqa: B018 (built by being asked for)
            self.scheduled  # noqa: B018

    def shown_with(self, layout: Layout) -> None:
        """The window came on screen with `layout` kept from last time: the parts not yet
        built take their share of it when they are."""
        if self.built_pane is None:
            self.pane_layout = layout
        if self.built_scheduled is None:
            self.scheduled_layout = layout

    def choose(self, conversation: Conversation) -> None:
        """Open `conversation`; before the pane is built (the conversation the agent left
        open, chosen in the kept page at start) it opens as the pane is built."""
        if self.built_pane is None:
            self.pending = conversation
        else:
            self.built_pane.show_conversation(conversation)

    def open_conversation(self) -> Conversation | None:
        if self.built_pane is not None:
            return self.built_pane.conversation
        return self.pending

    def unapplied(self) -> Layout:
        """Dividers and columns kept for parts not built yet: saved as they were."""
        return {**self.pane_layout, **self.scheduled_layout}

    def start(self) -> None:
        self.started = True
        if self.built_scheduled is not None:
            self.built_scheduled.reload()

    def _build_scheduled(self) -> ScheduledTab:
        from agent_desktop.gui.scheduled_tab import ScheduledTab

        window = self.window
        tab = ScheduledTab(window.session, self.scheduled_place)
        layout = self.scheduled_place.layout()
        assert layout is not None
        layout.addWidget(tab)
        tab.action.connect(window.scheduled_actions.perform)
        tab.counts_changed.connect(window.pending_count)
        a = window.actions_
        for name, verb in (("edit-scheduled", "edit"), ("cancel-scheduled", "cancel")):
            tab.table.addAction(a[name])
            tab.buttons[verb].setToolTip(a[name].toolTip())
        if self.scheduled_layout:  # its columns as the agent left them
            restore_dividers(tab, self.scheduled_layout)
            self.scheduled_layout = {}
        if self.started:
            tab.reload()
        return tab

    def _build_pane(self) -> ConversationPane:
        from agent_desktop.gui.conversation_pane import ConversationPane

        window = self.window
        pane = put_in_place(self.pane_place, partial(ConversationPane, window.session))
        if self.pane_layout:  # the window came on screen first: its dividers once the
            # pane has its size (see restore_dividers), after the layouts' next pass
            QTimer.singleShot(0, pane, partial(restore_dividers, pane, self.pane_layout))
            self.pane_layout = {}
        model = window.conversations.model
        pane.inbox_of = lambda inbox_id: model.inboxes.get(inbox_id)
        pane.conversation_changed.connect(model.update)
        pane.drafts.others_changed.connect(model.set_drafts)
        pane.scheduled_action.connect(window.scheduled_actions.perform)
        pane.notice.connect(lambda text: window.notices.show_notice(text))
        a, reply = window.actions_, pane.reply
        reply.send_button.setToolTip(a["send"].toolTip())
        reply.schedule_tip = a["schedule"].toolTip()
        reply.refresh_state()
        for number, button in enumerate(reply.scheduler.presets, start=1):
            button.setToolTip(a[f"preset-{number}"].toolTip())
        window.contact.wire_pane(pane)
        window.window_live.pane_built(pane)
        tab_after(window.conversations.view, pane)
        if self.pending is not None:  # the conversation left open last time, chosen in
            pending, self.pending = self.pending, None  # the kept page before this
            pane.show_conversation(pending)
        return pane
