"""The accounts signed in here, as the window offers them: "Switch account" in the File
menu and in the tray, each account with the current one checked, and "Add account…";
and what the sender tells of another account's messages, and a customer's new message
there (gui/arrivals_elsewhere.py), said naming the account, its Open going to that
account. Going there is for whoever started the window, which builds the window again
for the account (gui/switching.py)."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QAction, QActionGroup
from PySide6.QtWidgets import QMenu, QSystemTrayIcon

from agent_desktop.chatwoot.records import Conversation
from agent_desktop.gui.arrivals import arrival_text
from agent_desktop.gui.arrivals_elsewhere import ArrivalsElsewhere
from agent_desktop.gui.formatting import tr
from agent_desktop.scheduling.events import Event, EventKind
from agent_desktop.store.records import ProfileRecord

if TYPE_CHECKING:
    from agent_desktop.gui.main_window import MainWindow

Then = Callable[["MainWindow"], None]  # what to do in the account's window once it is up
Icon = QSystemTrayIcon.MessageIcon


def account_name(profile: ProfileRecord) -> str:
    return profile.account_name or tr("account {id} on {server}").format(
        id=profile.account_id, server=urlsplit(profile.base_url).netloc or profile.base_url
    )


def account_label(profile: ProfileRecord) -> str:
    """An account in a menu: its name, and whose it is where (two users, two servers)."""
    who = profile.user_name or profile.user_email
    where = urlsplit(profile.base_url).netloc or profile.base_url
    return f"{account_name(profile)} — {who} · {where}" if who else account_name(profile)


class AccountSwitcher(QObject):
    switch_requested = Signal(object, object)  # the ProfileRecord to show; Then or None
    listed = Signal()  # the accounts were read

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.session = window.session
        self.accounts: list[ProfileRecord] = [self.session.profile]  # until read
        self.menu = QMenu(tr("Switch account"), window)
        self.tray_menu = QMenu(tr("Switch account"), window.tray.menu)
        window.tray.add_menu(self.tray_menu)
        self._fill()
        self.session.other_account_event.connect(self._elsewhere)
        self.arrivals = ArrivalsElsewhere(self.session, self)
        self.arrivals.arrived.connect(self._arrived_elsewhere)
        self.reload()

    def reload(self) -> None:
        session = self.session
        session.run(
            lambda: session.app.accounts.listed(session.profile), self._listed, lambda _e: None
        )

    def _listed(self, accounts: list[ProfileRecord]) -> None:
        self.accounts = accounts
        self._fill()
        self.arrivals.watch(self.others())
        self.listed.emit()

    def _fill(self) -> None:
        current = self.session.profile.id
        for menu in (self.menu, self.tray_menu):
            menu.clear()
            group = QActionGroup(menu)  # one checked: the window's
            for account in self.accounts:
                action = QAction(account_label(account), menu)
                action.setCheckable(True)
                action.setChecked(account.id == current)
                action.triggered.connect(partial(self.switch_to, account))
                group.addAction(action)
                menu.addAction(action)
            menu.addSeparator()
            menu.addAction(tr("Add account…"), self.add_account)

    def switch_to(self, account: ProfileRecord, then: Then | None = None) -> None:
        if account.id != self.session.profile.id:
            self.switch_requested.emit(account, then)
        self._fill()  # checked stays on the window's account until the window changes

    def add_account(self) -> None:
        from agent_desktop.gui import signing  # it names accounts as this module does

        self.window.bring_forward()
        signing.add_account(self.window)

    def others(self) -> list[ProfileRecord]:
        return [a for a in self.accounts if a.id != self.session.profile.id]

    def next_after_sign_out(self) -> ProfileRecord:
        """The account shown once the window's is signed out of: the last used of the
        others (there must be one)."""
        return max(self.others(), key=lambda a: a.last_used_at)

    def _elsewhere(self, event: Event) -> None:
        """Another account's message failed, was missed or held, or its token refused:
        said naming the account; Open goes to it."""
        record = event.record
        account = next((a for a in self.accounts if record and a.id == record.profile_id), None)
        if record is None or account is None:
            return  # signed out of here: the agent was told its messages wait
        name = account_name(account)
        if event.kind is EventKind.PAUSED:
            what = tr("Sign-in lost in {account}").format(account=name)
            text = tr("Its scheduled messages wait until you sign in again ({reason}).").format(
                reason=event.detail
            )
            then: Then | None = None  # its window asks to sign in again by itself
            kind = Icon.Critical
        elif event.kind in (EventKind.FAILED, EventKind.MISSED, EventKind.HELD):
            if not self.session.settings.notifications:
                return
            what = {
                EventKind.FAILED: tr("A scheduled message failed in {account}"),
                EventKind.MISSED: tr("A scheduled message was missed in {account}"),
                EventKind.HELD: tr("A scheduled message is on hold in {account}"),
            }[event.kind].format(account=name)
            text = f"#{record.conversation_id}: {record.content[:80]} — {event.detail}"
            outbox_id = record.id
            then = lambda shown: shown.open_scheduled(outbox_id)  # noqa: E731
            kind = Icon.Critical if event.kind is EventKind.FAILED else Icon.Warning
        else:
            return
        opens = partial(self.switch_to, account, then)
        shown = self.window.tray.notify(what, text, opens, kind)
        if not shown or not self.window.isActiveWindow():
            self.window.notices.show_notice(
                f"{what}. {text}", tr("Open", "action"), opens, seconds=0
            )

    def _arrived_elsewhere(self, account: ProfileRecord, conversation: Conversation) -> None:
        """A customer wrote in one of the agent's conversations in another account: said
        naming the account, whether or not this window is in front (it shows no sign of
        it); Open shows that account at the conversation."""
        if not self.session.settings.message_notifications:
            return
        what = tr("{account}: new message from {customer}").format(
            account=account_name(account), customer=conversation.title
        )
        text = arrival_text(conversation)
        opens = partial(self.switch_to, account, partial(open_arrived, conversation.id))
        if not self.window.tray.notify(what, text, opens, Icon.Information):
            self.window.notices.show_notice(f"{what} — {text}", tr("Open", "action"), opens)


def open_arrived(conversation_id: int, window: MainWindow) -> None:
    """The conversation open in the account's new window, and chosen once the list
    shows it (not the one open when the account was last shown)."""
    window.open_conversation(conversation_id)
