"""The window agents live in: conversations and the reply box, the Scheduled tab, menus
with every named action, in-window notices, and close to tray."""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent, QIcon, QShowEvent
from PySide6.QtWidgets import (
    QLabel,
    QMainWindow,
    QMessageBox,
    QSplitter,
    QSystemTrayIcon,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from agent_desktop import __version__
from agent_desktop.chatwoot.plain_text import preview_text
from agent_desktop.chatwoot.records import Conversation
from agent_desktop.gui.accounts import AccountSwitcher
from agent_desktop.gui.arrivals import Arrivals
from agent_desktop.gui.contact_panel import ContactPanel
from agent_desktop.gui.conversation_list import ConversationList
from agent_desktop.gui.first_paint import after_first_paint
from agent_desktop.gui.formatting import relative, tr
from agent_desktop.gui.later_parts import LaterParts
from agent_desktop.gui.list_width import ListWidth
from agent_desktop.gui.live import LiveUpdates
from agent_desktop.gui.notices import Notice, NoticeBar
from agent_desktop.gui.scheduled_actions import ScheduledActions
from agent_desktop.gui.session import Session
from agent_desktop.gui.shortcuts import REPLY_MENU, Actions, ShortcutSheet
from agent_desktop.gui.tray import Tray
from agent_desktop.gui.window_live import WindowLive
from agent_desktop.gui.window_state import (
    load_window_state,
    open_conversation_of,
    restore_dividers,
    restore_geometry,
    save_window_state,
)
from agent_desktop.scheduling.events import Event
from agent_desktop.store.first_page import FirstPage

if TYPE_CHECKING:
    from agent_desktop.gui.conversation_pane import ConversationPane
    from agent_desktop.gui.scheduled_tab import ScheduledTab

Icon = QSystemTrayIcon.MessageIcon


class MainWindow(QMainWindow):
    first_conversations_shown = Signal(int)
    restart_requested = Signal()  # to speak a newly chosen language
    sign_out_requested = Signal()  # confirmed: whoever started the window takes it down

    def __init__(self, session: Session, icon: QIcon, first_page: FirstPage | None = None) -> None:
        super().__init__()
        self.session = session
        self.quitting = False
        self.pending_local = 0
        self._keeps_home = False
        profile = session.profile
        self.setWindowTitle(f"Agent Desktop — {profile.account_name or profile.base_url}")
        self.setWindowIcon(icon)
        self.resize(1280, 800)

        self.conversations = ConversationList(session)
        self.later = LaterParts(self)  # the thread and the Scheduled tab: after the list
        self.contact = ContactPanel(session)  # beside the thread, shown on the agent's word
        self.conversations.selected.connect(self._conversation_selected)
        self.conversations.loaded.connect(self._first_rows)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.setObjectName("conversations-splitter")  # kept across starts
        splitter.addWidget(self.conversations)
        splitter.addWidget(self.contact.beside(self.later.pane_place))
        splitter.setStretchFactor(0, 0)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([360, 920])
        splitter.setChildrenCollapsible(False)
        self.list_width = ListWidth(splitter, 360)  # a narrow window gives the thread room

        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        self.tabs.addTab(splitter, tr("Conversations"))
        self.tabs.addTab(self.later.scheduled_place, tr("Scheduled"))
        self.notices = NoticeBar(self)  # floats over the window: it pushes nothing
        central = QWidget()
        layout = QVBoxLayout(central)
        layout.setContentsMargins(8, 6, 8, 4)
        layout.addWidget(self.tabs, 1)
        self.setCentralWidget(central)

        self.actions_ = Actions(self)
        self.scheduled_actions = ScheduledActions(session, self)
        self.scheduled_actions.notice.connect(self._action_notice)
        self.scheduled_actions.open_conversation.connect(self.open_conversation)
        session.scheduling_event.connect(self._scheduling_event)
        session.error.connect(lambda text: self.notices.show_notice(text, seconds=12))
        session.signed_out.connect(self._signed_out)
        session.sender_note.connect(lambda text: self.notices.show_notice(text, seconds=12))
        session.settings_changed.connect(self._settings_changed)

        self.tray = Tray(icon, self)
        self.tray.open_requested.connect(self.bring_forward)
        self.tray.quit_requested.connect(self.quit)
        self.tray.pause_action.setChecked(session.sending_paused)  # kept from last time
        self.tray.pause_toggled.connect(self._pause)
        self.tray.attention_requested.connect(self.show_attention)
        self.arrivals = Arrivals(session, self)
        self.arrivals.arrived.connect(self._message_arrived)
        self.live = LiveUpdates(session, self)
        self.window_live = WindowLive(self, self.live)

        self.status_label = QLabel()
        self.statusBar().addPermanentWidget(self.status_label)
        self._build_menus()
        self._wire_actions()
        self._update_status()
        after_first_paint(self.conversations.view.viewport(), self.later.build_unless_quitting)
        self._shown_first = False
        self._signed_out_notice: Notice | None = None
        self._layout = load_window_state(session.home)  # as the agent left it, if they did
        restore_geometry(self, self._layout)
        # the conversation the agent had open comes back; no other is opened for them
        self._open_conversations = self._layout.get("open_conversations") or {}
        self.conversations.reopen = open_conversation_of(self._layout, session.profile.id)
        if first_page is not None:
            self.conversations.show_first_page(first_page)
            self.statusBar().showMessage(
                tr("Conversations as last seen, {when}; updating…").format(
                    when=relative(first_page.saved_at)
                )
            )

    # -- building ----------------------------------------------------------------------

    def _build_menus(self) -> None:
        a = self.actions_
        self.sign_in_action = QAction(tr("Sign in again…"), self)  # no key: seldom needed
        self.sign_in_action.triggered.connect(self.sign_in_again)
        self.sign_out_action = QAction(tr("Sign out…"), self)
        self.sign_out_action.triggered.connect(self.sign_out)
        self.sign_out_action.setVisible(self._keeps_home)
        self.switcher = AccountSwitcher(self)  # "Switch account", here and in the tray
        menus: dict[str, list[str | None]] = {
            tr("&File"): ["settings", None, "accounts", "sign-in", "sign-out", None, "quit"],
            tr("&Conversation"): ["next", "previous", "search", None, "resolve", "mark-unread"],
            tr("&Reply"): list(REPLY_MENU),
            tr("&View"): ["conversations-tab", "scheduled-tab", "contact", None, "notifications"],
            tr("&Help"): ["shortcuts"],
        }
        own = {"sign-in": self.sign_in_action, "sign-out": self.sign_out_action}
        own["accounts"] = self.switcher.menu.menuAction()
        for title, names in menus.items():
            menu = self.menuBar().addMenu(title)
            for name in names:
                if name is None:
                    menu.addSeparator()
                else:
                    menu.addAction(own.get(name) or a[name])
            if title == tr("&Help"):
                menu.addAction(tr("About Agent Desktop"), self._about)

    @property
    def pane(self) -> ConversationPane:
        """The thread and the reply box, built now if the window has not built them yet."""
        return self.later.pane

    @property
    def built_pane(self) -> ConversationPane | None:
        """The pane if it is there: what only an open conversation needs asks this."""
        return self.later.built_pane

    @property
    def scheduled(self) -> ScheduledTab:
        """The Scheduled tab, built now if the window has not built it yet."""
        return self.later.scheduled

    def _act_on_scheduled(self, verb: str) -> None:
        self.scheduled.act(verb)

    def _wire_actions(self) -> None:
        a = self.actions_
        a.connect("send", self._send)
        a.connect("schedule", self._schedule)
        for number in range(1, 6):  # the reply presets, then the customer's
            a.connect(f"preset-{number}", partial(self._preset, number))
        a.connect("suggested-time", lambda: self.pane.reply.scheduler.use_suggested())
        a.connect("close-scheduler", self._escape)
        a.connect("next", lambda: self._step(1))
        a.connect("previous", lambda: self._step(-1))
        a.connect("search", self._focus_search)
        a.connect("resolve", lambda: self.pane.toggle_resolved())
        a.connect("mark-unread", lambda: self.pane.mark_unread())
        a.connect("conversations-tab", lambda: self.tabs.setCurrentIndex(0))
        a.connect("scheduled-tab", lambda: self.tabs.setCurrentIndex(1))
        a.connect("shortcuts", self.show_shortcuts)
        self.contact.wire(self)
        a.connect("notifications", self.notices.show_history)
        a.connect("settings", self.open_settings)
        for name, verb in (("edit-scheduled", "edit"), ("cancel-scheduled", "cancel")):
            a.connect(name, partial(self._act_on_scheduled, verb))
        a.connect("quit", self.quit)

    def _send(self) -> None:
        reply = self.pane.reply
        if reply.isEnabled():
            reply.submit()

    def _escape(self) -> None:
        """Esc closes the list under the cursor (canned responses, agents to mention) if
        one is open, else the scheduler."""
        reply = self.pane.reply
        if not reply.close_list():
            reply.set_scheduling(False)

    def show_shortcuts(self) -> None:
        ShortcutSheet(self.actions_, self).exec()

    @property
    def keeps_home(self) -> bool:
        """Whether the data directory outlives this window (not a demo's): then restarting
        and signing out make sense. Set by whoever started the window."""
        return self._keeps_home

    @keeps_home.setter
    def keeps_home(self, keeps: bool) -> None:
        self._keeps_home = keeps
        self.sign_out_action.setVisible(keeps)

    def start(self) -> None:
        if not self.isVisible():  # started hidden: no first paint to wait for
            QTimer.singleShot(0, self, self.later.build_unless_quitting)
        self.conversations.start()
        self.later.start()
        self.arrivals.start()
        self.live.start()
        if not self.tray.available:
            self.notices.show_notice(
                tr(
                    "No system tray here: notices about scheduled "
                    "messages will appear in this window."
                ),
            )

    # -- behaviour ---------------------------------------------------------------------

    def _first_rows(self, count: int, live: bool) -> None:
        if live:
            self.statusBar().clearMessage()
            if self.session.design_assumed:  # the server answers again: ask it now
                self.session.learn_design()
        # a filter or search that lists the open conversation again shows it chosen; one
        # that leaves it out leaves it open all the same
        pane = self.later.built_pane
        shown = pane.conversation if pane is not None else None
        if shown is not None and self.conversations.current() is None:
            self.conversations.select_id(shown.id)
        self._announce_first_rows()

    def _announce_first_rows(self) -> None:
        """first_conversations_shown: once there are rows and the window is on screen."""
        count = len(self.conversations.model.rows)
        if not self._shown_first and count and self.isVisible():
            self._shown_first = True
            self.first_conversations_shown.emit(count)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._layout:
            restore_dividers(self, self._layout)
            self.later.shown_with(self._layout)
            self._layout = {}
        self._announce_first_rows()

    def _conversation_selected(self, conversation: Conversation) -> None:
        self.later.choose(conversation)

    def _step(self, step: int) -> None:
        self.tabs.setCurrentIndex(0)
        self.conversations.step(step)
        self.pane.reply.editor.setFocus()

    def _focus_search(self) -> None:
        self.tabs.setCurrentIndex(0)
        self.conversations.search.setFocus()
        self.conversations.search.selectAll()

    def _scheduling_refused(self) -> bool:
        """Scheduling switched off: say so where the shortcut was pressed."""
        if self.pane.reply.scheduling_allowed():
            return False
        self.notices.show_notice(tr("Scheduling is switched off in Settings"))
        return True

    def _schedule(self) -> None:
        reply = self.pane.reply
        if reply.isEnabled() and not self._scheduling_refused():
            reply.schedule_now()

    def _preset(self, number: int) -> None:
        reply = self.pane.reply
        if not reply.isEnabled() or self._scheduling_refused():
            return
        reply.set_scheduling(True)
        reply.scheduler.use_preset(number - 1)

    def open_conversation(self, conversation_id: int) -> None:
        self.tabs.setCurrentIndex(0)
        # the agent chose: the start's wish gives way to this one, chosen in the list
        # too if its first page lists it
        self.conversations.reopen = conversation_id
        if not self.conversations.select_id(conversation_id):
            self.session.run(
                lambda: self.session.client().conversation(conversation_id),
                self.pane.show_conversation,
            )

    def _message_arrived(self, conversation: Conversation) -> None:
        """A customer wrote in one of the agent's conversations: say so if the agent is
        elsewhere (here, the list shows it)."""
        if self.isActiveWindow() or not self.session.settings.message_notifications:
            return
        message = conversation.last_message
        # words as the list shows them: no Markdown marks, a mention as @Name
        text = preview_text(message.content)[:120] if message is not None else ""
        opens = partial(self.open_conversation, conversation.id)
        self.tray.notify(conversation.title, text or tr("(an attachment)"), opens, Icon.Information)

    def show_attention(self) -> None:
        """The Scheduled tab's view of what needs the agent (held, failed, missed)."""
        self.bring_forward()
        self.tabs.setCurrentIndex(1)
        from agent_desktop.gui.scheduled_tab import ATTENTION_FILTER

        self.scheduled.show_view(ATTENTION_FILTER)

    def open_scheduled(self, outbox_id: int) -> None:
        self.bring_forward()
        self.tabs.setCurrentIndex(1)
        if not self.scheduled.select(outbox_id):
            QTimer.singleShot(400, lambda: self.scheduled.select(outbox_id))

    def _action_notice(self, text: str, undo: object) -> None:
        if callable(undo):
            self.notices.show_notice(text, tr("Undo"), undo)
        else:
            self.notices.show_notice(text)

    def _scheduling_event(self, event: Event) -> None:
        from agent_desktop.gui import scheduling_events  # on the first event, not at start

        scheduling_events.tell(self, event)

    def _signed_out(self, detail: str) -> None:
        # every request meets the refused token: say it once, until signed in again
        if self._signed_out_notice is not None:
            return
        text = tr("Sign-in lost: scheduled messages wait until you sign in again.")
        self.tray.notify(tr("Sign-in lost"), text, None, Icon.Critical)
        self._signed_out_notice = self.notices.show_notice(
            f"{text} ({detail})", tr("Sign in"), self.sign_in_again, 0
        )

    def withdraw_signed_out(self) -> None:
        if self._signed_out_notice is not None:
            self.notices.withdraw(self._signed_out_notice)
            self._signed_out_notice = None

    def sign_in_again(self) -> None:
        from agent_desktop.gui import signing  # with its dialog: seldom needed

        signing.sign_in_again(self)

    def sign_out(self) -> None:
        from agent_desktop.gui import signing

        if self.session.is_ready and self.keeps_home and signing.confirm_sign_out(self):
            self.sign_out_requested.emit()

    def pending_count(self, count: int, local: int, attention: int) -> None:
        self.tray.set_pending(count, attention)
        shown = count + attention
        self.tabs.setTabText(1, tr("Scheduled ({n})").format(n=shown) if shown else tr("Scheduled"))
        self.tabs.setTabToolTip(1, tr("%n need(s) attention", None, attention) if attention else "")
        self.pending_local = local  # what would not go out while the app is closed

    def _pause(self, on: bool) -> None:
        self.session.hold_sending(on)
        self._update_status()

    def _settings_changed(self, keys: frozenset[str]) -> None:
        if "backend" in keys:
            self.session.learn_design()
        self._update_status()
        if self.later.built_pane is not None:
            self.later.built_pane.reply.refresh_state()

    def _update_status(self) -> None:
        profile = self.session.profile
        text = f"{profile.user_name or profile.user_email} · {profile.base_url}"
        if not self.session.settings.scheduling_enabled:
            text += " · " + tr("scheduling off")
        elif self.session.sending_paused:
            text += " · " + tr("sending paused")
        self.status_label.setText(text)

    def open_settings(self) -> None:
        from agent_desktop.gui.settings_dialog import edit_settings  # when first opened

        edit_settings(self)

    def _about(self) -> None:
        QMessageBox.about(
            self,
            tr("About Agent Desktop"),
            f"<b>Agent Desktop</b> {__version__}<br>"
            + tr("Scheduled replies for Chatwoot agents, delivered once."),
        )

    def save_layout(self) -> None:
        kept = {k: v for k, v in self._open_conversations.items() if isinstance(v, int)}
        current = self.later.open_conversation()
        if current is not None:
            kept[str(self.session.profile.id)] = current.id
        if self.later.built_scheduled is not None:  # never shown: its widths as the tab
            self.later.built_scheduled.settle_columns()  # would set them
        # dividers not yet put back (the window, the pane or the tab not built or shown
        # yet) stay
        unapplied = {**self._layout, **self.later.unapplied()}
        save_window_state(self, self.session.home, kept, unapplied)

    def present(self, hidden: bool) -> None:
        """Show the window at start, unless started hidden (at login) and a tray icon is
        there to bring it back; without a tray, hiding it would leave nothing to click."""
        if not (hidden and self.tray.available):
            self.show()

    def bring_forward(self) -> None:
        self.showNormal()
        self.raise_()
        self.activateWindow()

    # -- closing -----------------------------------------------------------------------

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self.quitting and self.tray.available:
            event.ignore()  # close to tray; Quit ends the app
            self.save_layout()  # the session may end with the app in the tray
            self.hide()
            self.tray.notify(
                "Agent Desktop",
                tr("Still running in the tray, sending scheduled messages."),
                kind=Icon.Information,
            )
            return
        if not self.quitting and not self.confirm_quit():
            event.ignore()
            return
        self.quitting = True
        if self.later.built_pane is not None:
            self.later.built_pane.drafts.flush()
        self.save_layout()
        self.live.stop()
        event.accept()

    def confirm_quit(self) -> bool:
        """The sender goes on sending once the window is gone; only messages it will not
        send (sending paused, or scheduling off) are worth a question."""
        from agent_desktop.gui.quitting import confirm_quit  # when first quitting

        return confirm_quit(self)

    def quit(self) -> None:
        if not self.confirm_quit():
            return
        self.quitting = True
        self.tray.hide()
        self.close()
        from PySide6.QtWidgets import QApplication

        QApplication.quit()
