"""The signed-in session as the window sees it: the scheduling service, the sender of the
local outbox, API calls off the GUI thread, and signals when things change.

The sender runs in a process of its own (sender/), one per data directory: the session
makes sure one runs (attaching to one started at login, starting one otherwise, again
after a crash, replacing one that froze), tells it when the outbox changed, and learns
what it did from the journal it writes to the database, read as the database changes.
Tests may run the same sender on a thread instead ("thread"), or none ("none").

A session can exist before its store is open: the window shows the last session's page
at once while the database, the HTTP client and the keyring load on a worker thread.
Work asked for meanwhile waits and runs as soon as the store is there; work that needs
only the server (run_online: the conversation list's pages) goes ahead on the session's
own API clients, which the store takes over once open."""

from __future__ import annotations

import logging
import os
import threading
from collections.abc import Callable
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal
from zoneinfo import ZoneInfo

from PySide6.QtCore import QFileSystemWatcher, QObject, QTimer, Signal

from agent_desktop.chatwoot.errors import AuthError, ChatwootError
from agent_desktop.core.clock import Clock, SystemClock
from agent_desktop.core.i18n import tr
from agent_desktop.core.rules import ScheduleRules
from agent_desktop.core.timezones import local_zone
from agent_desktop.gui.bridge import EventBridge
from agent_desktop.gui.tasks import TaskRunner
from agent_desktop.scheduling.events import Event, EventKind
from agent_desktop.scheduling.policy import LOCAL_TRAITS, Traits
from agent_desktop.store.records import ProfileRecord
from agent_desktop.store.setting_specs import AppSettings

if TYPE_CHECKING:  # loaded with the store, off the GUI thread
    from agent_desktop.autostart import Autostart
    from agent_desktop.chatwoot.client import ChatwootClient
    from agent_desktop.credentials import Credentials
    from agent_desktop.scheduling.clients import ClientProvider
    from agent_desktop.scheduling.service import SchedulingService
    from agent_desktop.sender.host import SenderHost
    from agent_desktop.sender.supervisor import Check, Supervisor
    from agent_desktop.workspace import App

log = logging.getLogger(__name__)
SenderMode = Literal["process", "thread", "none"]
CHECK_SENDER_MS = 5000  # how often the sender is asked whether it is there
FIRST_CHECK_MS = 1000  # after the store opened: the window's first page draws first
JOURNAL_MS = 2000  # the journal is read on every database change, and this often anyway
Work = tuple[Callable[[], Any], Callable[[Any], None] | None, Callable[[Exception], None] | None]


def describe_error(error: Exception) -> str:
    if isinstance(error, ChatwootError):
        return error.message
    return str(error) or type(error).__name__


class Session(QObject):
    outbox_changed = Signal()
    scheduling_event = Signal(object)  # an Event from the service or the sender
    other_account_event = Signal(object)  # one about another account's message
    error = Signal(str)
    signed_out = Signal(str)  # the server refused the token
    settings_changed = Signal(object)  # the keys saved, a frozenset (delivered on the GUI's thread)
    ready = Signal()  # the store and the scheduling service are open
    open_failed = Signal(object)  # the exception that kept the store closed
    design_learned = Signal()  # design_traits() now says what the server's design allows
    sender_note = Signal(str)  # something about the sender the agent should know

    app: App
    service: SchedulingService

    def __init__(
        self,
        profile: ProfileRecord,
        settings: AppSettings,
        home: Path,
        parent: QObject | None = None,
        *,
        clock: Clock | None = None,
        zone: ZoneInfo | None = None,
        sender: SenderMode = "process",
    ) -> None:
        super().__init__(parent)
        self.profile = profile
        self.home = home
        self.clock: Clock = clock or SystemClock()
        self.zone: ZoneInfo = zone or local_zone()
        self.runner = TaskRunner(self)
        self.sender_mode: SenderMode = sender
        self.supervisor: Supervisor | None = None  # "process": keeps the sender running
        self.host: SenderHost | None = None  # "thread": the sender, on a thread of ours
        self._host_stop = threading.Event()
        self._host_thread: threading.Thread | None = None
        self.is_ready = False
        self._settings = settings
        self._started = False
        # by the agent, from the tray; apart from scheduling off. Kept in the settings, so
        # that the sender (another process) and the next start keep it too
        self._paused = settings.sending_paused
        self._journal_at: int | None = None  # the last journal entry read
        self._reading_journal = False
        self._token_handed_to: str | None = None  # the sender that has a session token
        self._checking = False  # one look at the sender at a time
        self._opened: App | None = None
        self._waiting: list[Work] = []
        self._waiting_online: list[Work] = []  # run_online's, until the store starts opening
        self._online = False  # the store is opening: run_online's work goes ahead
        self._early: tuple[Credentials, ClientProvider] | None = None  # see client()
        self._clients_lock = threading.Lock()
        self._design_traits: Traits = LOCAL_TRAITS
        self.design_assumed = False  # the server could not be asked which design it has
        self._token_generation = 0  # a new token: refusals of the old one are old news

    @classmethod
    def of(
        cls,
        app: App,
        profile: ProfileRecord,
        parent: QObject | None = None,
        *,
        sender: SenderMode = "process",
    ) -> Session:
        """A session on a store already open."""
        session = cls(
            profile, app.settings.current(), app.home, parent, clock=app.clock, sender=sender
        )
        session.attach(app)
        return session

    def open_with(self, opener: Callable[[Credentials], App]) -> None:
        """Open the store on a worker thread (the opener gets the credentials the session's
        requests use meanwhile); `ready` or `open_failed` tells how it went. Work waiting
        on the server alone goes ahead now, before the store."""

        def open_store() -> tuple[App, int]:
            credentials, clients = self._clients_before_store()  # first: requests wait on it
            from agent_desktop.store.journal import Journal

            app = opener(credentials)
            if app.credentials is credentials:
                app.clients = clients  # with the clients (and connections) made meanwhile
            else:  # opened on credentials of its own: theirs are the clients from now on
                clients.close()
            self._opened = app  # kept to close, should the window go first
            return app, Journal(app.db, app.clock).last_id()

        self._online = True
        waiting, self._waiting_online = self._waiting_online, []
        for work in waiting:  # before the store's opening: theirs is what the agent waits for
            self._run_before_store(*work)
        self.runner.run(open_store, lambda opened: self.attach(*opened), self.open_failed.emit)

    def attach(self, app: App, journal_at: int | None = None) -> None:
        """Use this open store (with where its journal ended when it opened, if known:
        what the sender told before is old news)."""
        from agent_desktop.scheduling.service import SchedulingService

        self.app = app
        self.service = SchedulingService(
            profile=self.profile,
            outbox=app.outbox,
            profiles=app.profiles,
            settings=app.settings,
            clients=app.clients,
            clock=app.clock,
            events=app.events,
            home=app.home,
            on_change=self._wake_sender,  # called from the tasks that change the outbox
        )
        self.bridge = EventBridge(app.events, self)
        self.bridge.delivered.connect(self._on_event)
        self.is_ready = True
        if journal_at is None:
            from agent_desktop.store.journal import Journal

            self.run(lambda: Journal(app.db, app.clock).last_id(), self._journal_from)
        else:
            self._journal_at = journal_at
        self.learn_design()
        if self._paused != self._settings.sending_paused:  # asked before the store opened
            self.hold_sending(self._paused)
        if self._started:
            self._start_sender()
        online, self._waiting_online = self._waiting_online, []  # opened without open_with
        for work in online:
            self.run(*work)
        waiting, self._waiting = self._waiting, []
        for work in waiting:
            self.runner.run(*work)
        self.ready.emit()

    def _journal_from(self, last_id: int) -> None:
        self._journal_at = last_id

    @cached_property
    def autostart(self) -> Autostart:
        from agent_desktop.autostart import Autostart

        return Autostart()

    @property
    def settings(self) -> AppSettings:
        """The settings as read at start or last saved (no database read on the GUI thread)."""
        return self._settings

    def save_settings(self, changes: dict[str, Any]) -> frozenset[str]:
        """Store the changes (call it from inside a task); returns which keys changed."""
        saved = self.app.settings.update(changes)
        changed = saved.changed_keys(self._settings)
        self._settings = saved  # the sender sees the change in the database itself
        self.settings_changed.emit(changed)
        return changed

    def rules(self) -> ScheduleRules:
        return self._settings.rules

    def design_traits(self) -> Traits:
        """What the design new messages go to allows: this app's outbox's until the
        server has been asked (learned off the GUI thread once the store opens)."""
        return self._design_traits

    def learn_design(self) -> None:
        """Ask which design new messages go to (detection may need the server). Where the
        server could not be asked, this app's outbox stands in, and `design_assumed` says
        to ask again once the server answers."""

        def ask() -> tuple[Traits, bool]:
            traits = self.service.new_message_traits()
            return traits, self.service.kept_here_because is not None

        def learned(result: tuple[Traits, bool]) -> None:
            self._design_traits, self.design_assumed = result
            self.design_learned.emit()

        self.run(ask, learned, lambda _error: None)

    def hold_sending(self, on: bool) -> None:
        """Pause or resume sending (asked before the store opens: kept till then). Kept in
        the settings, where the sender reads it at once."""
        self._paused = on
        if not self.is_ready:
            return

        def keep() -> None:
            self._settings = self.app.settings.update({"sending_paused": on})

        self.run(keep)

    @property
    def sending_paused(self) -> bool:
        return self._paused

    def start(self) -> None:
        self._started = True
        if self.is_ready:
            self._start_sender()

    def _start_sender(self) -> None:
        self._watch_the_database()
        if self.sender_mode == "process":
            from agent_desktop.credentials import TOKEN_ENV
            from agent_desktop.sender.supervisor import Supervisor

            env = dict(os.environ)
            if not self.app.credentials.from_environment():
                env.pop(TOKEN_ENV, None)  # the window does not use it: nor may its sender
            self.supervisor = Supervisor(self.home, env=env)
            self._check_timer = QTimer(self)
            self._check_timer.setInterval(CHECK_SENDER_MS)
            self._check_timer.timeout.connect(self.check_sender)
            self._check_timer.start()
            QTimer.singleShot(FIRST_CHECK_MS, self.check_sender)
        elif self.sender_mode == "thread":
            self._host_thread = threading.Thread(
                target=self._host_on_a_thread, name="sender", daemon=True
            )
            self._host_thread.start()

    def check_sender(self) -> None:
        """Ask (off the GUI thread) whether the sender is there; start or replace it."""
        supervisor = self.supervisor
        if supervisor is None or not self.is_ready or self._checking:
            return
        self._checking = True

        def failed(_error: Exception) -> None:
            self._checking = False

        self.run(lambda: self._check(supervisor), self._checked, failed)

    def _check(self, supervisor: Supervisor) -> Check:
        from agent_desktop.sender.supervisor import Seen

        check = supervisor.check()
        owner = check.status.get("owner")
        if check.seen is Seen.RUNNING and owner != self._token_handed_to:
            # a token kept for this session only is in this process's memory alone: the
            # sender gets each one, as it sends for every account signed in here
            credentials = self.app.credentials
            if not credentials.from_environment():
                for base_url, user_id, token in credentials.kept_for_session():
                    supervisor.tell("token", base_url=base_url, user_id=user_id, token=token)
            self._token_handed_to = owner
        return check

    def _checked(self, check: Check) -> None:
        from agent_desktop.sender.supervisor import Seen

        self._checking = False
        if check.seen is Seen.REPLACED:
            self.sender_note.emit(
                tr("The sender had stopped answering; a new one was started. Nothing is lost.")
            )
        elif check.seen is Seen.STARTED:
            log.info("started a sender for %s", self.home)

    def token_changed(self) -> None:
        """The agent signed in again: the sender gets a session-only token now."""
        self._token_handed_to = None
        self.check_sender()
        self._wake_sender()

    def _wake_sender(self) -> None:
        """The outbox changed (the sender sees it within a moment anyway): look now."""
        if self.host is not None:
            self.host.dispatcher.wake()
        elif self.supervisor is not None:
            supervisor = self.supervisor
            self.run(lambda: supervisor.tell("wake"), None, lambda _error: None)

    def _host_on_a_thread(self) -> None:
        """The sender of a "thread" session: what `agent-desktop run` runs, with a
        database connection and an event bus of its own, as another process has."""
        from agent_desktop.scheduling.events import EventBus
        from agent_desktop.sender.host import SenderHost
        from agent_desktop.sender.lock import SenderLock
        from agent_desktop.store.database import open_database
        from agent_desktop.workspace import App

        app = App(
            home=self.home,
            db=open_database(self.home),
            credentials=self.app.credentials,
            clock=self.app.clock,
            events=EventBus(),
        )
        with SenderLock(self.home) as lock:
            lock.acquire()
            self.host = SenderHost(app, lock=lock)
            try:
                self.host.serve(self._host_stop)
            finally:
                app.clients.close()
                app.db.close()

    def _watch_the_database(self) -> None:
        """Another process (the sender, agent-desktop schedule) writing to the database
        touches its write-ahead log: the journal is read at once, not at the next tick."""
        self._watcher = QFileSystemWatcher(self)
        log_file = Path(f"{self.app.db.path}-wal")
        if log_file.exists():
            self._watcher.addPath(str(log_file))
        self._watcher.addPath(str(self.app.db.path.parent))
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
        """What the sender told since the last read, told here as the window's own."""
        if self._journal_at is None or self._reading_journal or not self.is_ready:
            return
        self._reading_journal = True
        after = self._journal_at

        def read() -> tuple[int, list[Event]]:
            from agent_desktop.store.journal import Journal

            told = Journal(self.app.db, self.app.clock).since(after)
            # the rows told of, in one read (a burst tells of hundreds)
            wanted = {entry.outbox_id for entry in told if entry.outbox_id is not None}
            rows = {r.id: r for r in self.app.outbox.get_many(wanted)}
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
            self._journal_at = max(last, self._journal_at or 0)
            for event in events:
                self._on_event(event)
            if last != after:
                self._read_soon.start()  # there may be more

        def failed(_error: Exception) -> None:
            self._reading_journal = False

        self.run(read, done, failed)

    def stop(self, *, stop_sender: bool = False) -> None:
        """The window goes. Its sender stays while messages wait (it leaves by itself
        afterwards), unless asked to stop too (a demo's data directory goes with it)."""
        self.runner.close()
        if not self.is_ready and self._opened is not None:
            self._opened.close()  # opened after the window went: never attached
        elif not self.is_ready and self._early is not None:
            self._early[1].close()  # the store never opened: its clients are ours
        if self._host_thread is not None:
            self._host_stop.set()
            self._host_thread.join(30)
        if stop_sender and self.supervisor is not None:
            self.supervisor.stop_sender()
        if self.is_ready:
            self.bridge.close()

    def keeps_first_page(self) -> bool:
        """Whether the page shown is worth keeping for the next start (call it from inside a
        task): not when the token was kept for this session only, as the next start will
        ask for it before showing anything."""
        from agent_desktop.credentials import TokenOrigin

        token = self.app.credentials.token_for(self.profile.base_url, self.profile.user_id)
        return token is not None and token.origin is not TokenOrigin.SESSION

    def client(self) -> ChatwootClient:
        """This thread's API client (call it from inside a task); before the store is open,
        one of the session's own, which the store takes over."""
        if self.is_ready:
            return self.app.clients.client(self.profile)
        return self._clients_before_store()[1].client(self.profile)

    def _clients_before_store(self) -> tuple[Credentials, ClientProvider]:
        """Made once, by whichever thread asks first: it loads httpx and the keyring, and
        the TLS context (the trusted certificates), before the store's opening starts to
        share the interpreter with the first requests."""
        with self._clients_lock:
            if self._early is None:
                from agent_desktop.chatwoot.connection import tls_context
                from agent_desktop.credentials import Credentials
                from agent_desktop.scheduling.clients import ClientProvider

                tls_context()
                credentials = Credentials()
                self._early = credentials, ClientProvider(credentials)
            return self._early

    def run(
        self,
        work: Callable[[], Any],
        on_done: Callable[[Any], None] | None = None,
        on_error: Callable[[Exception], None] | None = None,
    ) -> None:
        """Run work off the GUI thread; errors not handled by the caller are announced."""
        generation = self._token_generation

        def failed(error: Exception) -> None:
            if isinstance(error, AuthError) and generation == self._token_generation:
                self.signed_out.emit(describe_error(error))
            if on_error is not None:
                on_error(error)
            else:
                self.report(error)

        if self.is_ready:
            self.runner.run(work, on_done, failed)
        else:
            self._waiting.append((work, on_done, failed))

    def run_online(
        self,
        work: Callable[[], Any],
        on_done: Callable[[Any], None] | None = None,
        on_error: Callable[[Exception], None] | None = None,
    ) -> None:
        """Like run, for work that needs only the server (self.client()), not the store:
        it goes ahead while the store opens. Should it fail then (no token, the network
        not up yet), it is tried again once the store is open, and that try is told."""
        if self.is_ready:
            self.run(work, on_done, on_error)
        elif self._online:
            self._run_before_store(work, on_done, on_error)
        else:
            self._waiting_online.append((work, on_done, on_error))

    def _run_before_store(
        self,
        work: Callable[[], Any],
        on_done: Callable[[Any], None] | None,
        on_error: Callable[[Exception], None] | None,
    ) -> None:
        self.runner.run(work, on_done, lambda _error: self.run(work, on_done, on_error))

    def new_token(self) -> None:
        """The agent signed in again: a refusal from work begun before is not news."""
        self._token_generation += 1

    def report(self, error: Exception) -> None:
        """Tell the agent a task failed; a refused token is told once, by signed_out."""
        if not isinstance(error, AuthError):
            self.error.emit(describe_error(error))

    def _on_event(self, event: Event) -> None:
        if event.kind is EventKind.RESUMED:  # a new token, from here or another process
            self.new_token()
        if event.record is not None and event.record.profile_id != self.profile.id:
            self.other_account_event.emit(event)  # the sender sends for every account
        else:
            self.scheduling_event.emit(event)
        if event.kind is not EventKind.CLOCK_JUMP:
            self.outbox_changed.emit()
