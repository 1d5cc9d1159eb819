"""The window's link to the sender of the local outbox: keeping one running (a process of
its own, one per data directory: attached to, started, started again after a crash,
replaced when frozen), handing it a token kept for this session only, waking it when the
outbox changed, and reading back what it did from the journal it writes to the database,
as the database changes. Tests may run the same sender on a thread ("thread")."""

from __future__ import annotations

import logging
import os
import threading
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QFileSystemWatcher, QObject, QTimer

from agent_desktop.core.i18n import tr
from agent_desktop.scheduling.events import Event, EventKind

if TYPE_CHECKING:
    from agent_desktop.gui.session import SenderMode, Session
    from agent_desktop.sender.host import SenderHost
    from agent_desktop.sender.supervisor import Check, Supervisor

log = logging.getLogger(__name__)
CHECK_SENDER_MS = 5000  # how often the sender is asked whether it is there
FIRST_CHECK_MS = 1000  # after the store opened: the window's first page draws first
JOURNAL_MS = 2000  # the journal is read on every database change, and this often anyway


class SenderLink(QObject):
    def __init__(self, session: Session, mode: SenderMode) -> None:
        super().__init__(session)
        self.session = session
        self.mode: SenderMode = mode
        self.supervisor: Supervisor | None = None  # "process": keeps the sender running
        self.host: SenderHost | None = None  # "thread": the sender, on a thread of ours
        self._host_stop = threading.Event()
        self._host_thread: threading.Thread | None = None
        self.journal_at: int | None = None  # the last journal entry read
        self._reading_journal = False
        self._token_handed_to: str | None = None  # the sender that has a session token
        self._checking = False  # one look at the sender at a time

    def start(self) -> None:
        """The store is open and the window started: a sender runs from now on."""
        self._watch_the_database()
        if self.mode == "process":
            from agent_desktop.credentials import TOKEN_ENV
            from agent_desktop.sender.supervisor import Supervisor

            env = dict(os.environ)
            if not self.session.app.credentials.from_environment():
                env.pop(TOKEN_ENV, None)  # the window does not use it: nor may its sender
            self.supervisor = Supervisor(self.session.home, env=env)
            self._check_timer = QTimer(self)
            self._check_timer.setInterval(CHECK_SENDER_MS)
            self._check_timer.timeout.connect(self.check)
            self._check_timer.start()
            QTimer.singleShot(FIRST_CHECK_MS, self.check)
        elif self.mode == "thread":
            self._host_thread = threading.Thread(
                target=self._host_on_a_thread, name="sender", daemon=True
            )
            self._host_thread.start()

    def check(self) -> None:
        """Ask (off the GUI thread) whether the sender is there; start or replace it."""
        supervisor = self.supervisor
        if supervisor is None or not self.session.is_ready or self._checking:
            return
        self._checking = True

        def failed(_error: Exception) -> None:
            self._checking = False

        self.session.run(lambda: self._check(supervisor), self._checked, failed)

    def _check(self, supervisor: Supervisor) -> Check:
        from agent_desktop.sender.supervisor import Seen

        check = supervisor.check()
        owner = check.status.get("owner")
        if check.seen is Seen.RUNNING and owner != self._token_handed_to:
            # a token kept for this session only is in this process's memory alone: the
            # sender gets each one, as it sends for every account signed in here
            credentials = self.session.app.credentials
            if not credentials.from_environment():
                for base_url, user_id, token in credentials.kept_for_session():
                    supervisor.tell("token", base_url=base_url, user_id=user_id, token=token)
            self._token_handed_to = owner
        return check

    def _checked(self, check: Check) -> None:
        from agent_desktop.sender.supervisor import Seen

        self._checking = False
        if check.seen is Seen.REPLACED:
            self.session.sender_note.emit(
                tr("The sender had stopped answering; a new one was started. Nothing is lost.")
            )
        elif check.seen is Seen.STARTED:
            log.info("started a sender for %s", self.session.home)

    def token_changed(self) -> None:
        """The agent signed in again: the sender gets a session-only token now."""
        self._token_handed_to = None
        self.check()
        self.wake()

    def wake(self) -> None:
        """The outbox changed (the sender sees it within a moment anyway): look now."""
        if self.host is not None:
            self.host.dispatcher.wake()
        elif self.supervisor is not None:
            supervisor = self.supervisor
            self.session.run(lambda: supervisor.tell("wake"), None, lambda _error: None)

    def stop(self, *, stop_sender: bool) -> None:
        if self._host_thread is not None:
            self._host_stop.set()
            self._host_thread.join(30)
        if stop_sender and self.supervisor is not None:
            self.supervisor.stop_sender()

    def _host_on_a_thread(self) -> None:
        """The sender of a "thread" session: what `agent-desktop run` runs, with a
        database connection and an event bus of its own, as another process has."""
        from agent_desktop.scheduling.events import EventBus
        from agent_desktop.sender.host import SenderHost
        from agent_desktop.sender.lock import SenderLock
        from agent_desktop.store.database import open_database
        from agent_desktop.workspace import App

        session = self.session
        app = App(
            home=session.home,
            db=open_database(session.home),
            credentials=session.app.credentials,
            clock=session.app.clock,
            events=EventBus(),
        )
        with SenderLock(session.home) as lock:
            lock.acquire()
            self.host = SenderHost(app, lock=lock)
            try:
                self.host.serve(self._host_stop)
            finally:
                app.clients.close()
                app.db.close()

    # -- what the sender told ----------------------------------------------------------

    def _watch_the_database(self) -> None:
        """Another process (the sender, agent-desktop schedule) writing to the database
        touches its write-ahead log: the journal is read at once, not at the next tick."""
        self._watcher = QFileSystemWatcher(self)
        db_path = self.session.app.db.path
        log_file = Path(f"{db_path}-wal")
        if log_file.exists():
            self._watcher.addPath(str(log_file))
        self._watcher.addPath(str(db_path.parent))
        self._read_soon = QTimer(self)
        self._read_soon.setSingleShot(True)
        self._read_soon.setInterval(50)
        self._read_soon.timeout.connect(self.read_journal)
        self._watcher.fileChanged.connect(lambda _path: self._read_soon.start())
        self._watcher.directoryChanged.connect(lambda _path: self._read_soon.start())
        self._journal_timer = QTimer(self)
        self._journal_timer.setInterval(JOURNAL_MS)
        self._journal_timer.timeout.connect(self.read_journal)
        self._journal_timer.start()

    def read_journal(self) -> None:
        """What the sender told since the last read, told by the session as its own."""
        session = self.session
        if self.journal_at is None or self._reading_journal or not session.is_ready:
            return
        self._reading_journal = True
        after = self.journal_at
        app = session.app

        def read() -> tuple[int, list[Event]]:
            from agent_desktop.store.journal import Journal

            told = Journal(app.db, app.clock).since(after)
            # the rows told of, in one read (a burst tells of hundreds)
            wanted = {entry.outbox_id for entry in told if entry.outbox_id is not None}
            rows = {r.id: r for r in app.outbox.get_many(wanted)}
            events = []
            for entry in told:
                try:
                    kind = EventKind(entry.kind)
                except ValueError:  # told by a newer version
                    continue
                record = None
                if entry.outbox_id is not None:
                    record = rows.get(entry.outbox_id)
                    if record is None:  # deleted since (a create the server never got)
                        continue
                events.append(Event(kind, record, entry.detail))
            return (told[-1].id if told else after), events

        def done(result: tuple[int, list[Event]]) -> None:
            self._reading_journal = False
            last, events = result
            self.journal_at = max(last, self.journal_at or 0)
            for event in events:
                session.on_event(event)
            if last != after:
                self._read_soon.start()  # there may be more

        def failed(_error: Exception) -> None:
            self._reading_journal = False

        session.run(read, done, failed)
