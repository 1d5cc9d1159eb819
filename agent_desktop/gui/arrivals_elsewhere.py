"""New customer messages in the other accounts signed in here, which have no window and
no live channel: each is asked for the agent's open conversations once a minute, as the
window's own account is while its live channel is down (gui/arrivals.py). With one
account signed in, nothing is asked.

What the looks have seen in each account goes along at a switch (gui/switching.py), with
what the window's own looks saw: a message that came meanwhile is still news in the next
window, and none is told twice."""

from __future__ import annotations

import logging
from collections.abc import Iterable
from datetime import datetime
from functools import partial

from PySide6.QtCore import QObject, QTimer, Signal

from agent_desktop.chatwoot.records import Conversation
from agent_desktop.gui.arrivals import Newest, my_open_conversations, news
from agent_desktop.gui.session import Session
from agent_desktop.store.records import ProfileRecord

log = logging.getLogger(__name__)
LOOK_EVERY_MS = 60_000  # a minute: no live channel to wait for, and several accounts


class ArrivalsElsewhere(QObject):
    arrived = Signal(object, object)  # the ProfileRecord; the Conversation, its last message new

    def __init__(self, session: Session, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.accounts: list[ProfileRecord] = []
        # by profile id; an account without: its first look only learns what is there
        self.newest: dict[int, Newest] = {}
        self._asking: set[int] = set()  # one look at a time per account
        self._timer = QTimer(self)
        self._timer.setInterval(LOOK_EVERY_MS)
        self._timer.timeout.connect(self.look)

    def watch(self, accounts: Iterable[ProfileRecord]) -> None:
        """The other accounts signed in here; none: no look at all."""
        self.accounts = list(accounts)
        watched = {account.id for account in self.accounts}
        self.newest = {k: seen for k, seen in self.newest.items() if k in watched}
        if not self.accounts:
            self._timer.stop()
        elif not self._timer.isActive():
            self._timer.start()
            self.look()

    def look(self) -> None:
        if not self.session.is_ready:
            return
        for account in self.accounts:
            if account.id in self._asking:
                continue
            self._asking.add(account.id)
            # the runner, not session.run: a refusal of another account's token is not
            # this window's sign-in lost (the sender tells it, naming the account)
            self.session.runner.run(
                partial(self._ask, account),
                partial(self._looked, account),
                partial(self._failed, account),
            )

    def _ask(self, account: ProfileRecord) -> tuple[list[Conversation], datetime]:
        """On a worker: that account's client, with its own token."""
        app = self.session.app
        return my_open_conversations(app.clients.client(account), app.clock)

    def _looked(self, account: ProfileRecord, found: tuple[list[Conversation], datetime]) -> None:
        self._asking.discard(account.id)
        if all(watched.id != account.id for watched in self.accounts):
            return  # signed out of meanwhile
        self.newest[account.id], arrived = news(self.newest.get(account.id), *found)
        for conversation in arrived:
            self.arrived.emit(account, conversation)

    def _failed(self, account: ProfileRecord, error: Exception) -> None:
        self._asking.discard(account.id)  # the next look tries again
        log.info("no look at account %s: %s", account.id, error)
