"""The signed-in session as the window sees it: the scheduling service, the sender of the
local outbox, API calls off the GUI thread, and signals when things change.

The sender runs in a process of its own (sender/), one per data directory: the session's
link to it (gui/sender_link.py) keeps one running, tells it when the outbox changed, and
learns what it did from the journal it writes to the database. Tests may run the same
sender on a thread instead ("thread"), or none ("none").

A session can exist before its store is open: the window shows the last session's page
at once while the database, the HTTP client and the keyring load on a worker thread.
Work asked for meanwhile waits and runs as soon as the store is there; work that needs
only the server (run_online: the conversation list's pages) goes ahead on the session's
own API clients, which the store takes over once open."""

from __future__ import annotations

import threading
from collections.abc import Callable
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal
from zoneinfo import ZoneInfo

from PySide6.QtCore import QObject, Signal

from agent_desktop.chatwoot.errors import AuthError, ChatwootError
from agent_desktop.core.clock import Clock, SystemClock
from agent_desktop.core.rules import ScheduleRules
from agent_desktop.core.timezones import local_zone
from agent_desktop.gui.bridge import EventBridge
from agent_desktop.gui.sender_link import SenderLink
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
    from agent_desktop.workspace import App

SenderMode = Literal["process", "thread", "none"]
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
        self.sender_link = SenderLink(self, sender)
        self.is_ready = False
        self._settings = settings
        self._started = False
        # by the agent, from the tray; apart from scheduling off. Kept in the settings, so
        # that the sender (another process) and the next start keep it too
        self._paused = settings.sending_paused
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
            on_change=self.sender_link.wake,  # called from the tasks that change the outbox
        )
        self.bridge = EventBridge(app.events, self)
        self.bridge.delivered.connect(self.on_event)
        self.is_ready = True
        if journal_at is None:
            from agent_desktop.store.journal import Journal

            self.run(lambda: Journal(app.db, app.clock).last_id(), self._journal_from)
        else:
            self.sender_link.journal_at = journal_at
        self.learn_design()
        if self._paused != self._settings.sending_paused:  # asked before the store opened
            self.hold_sending(self._paused)
        if self._started:
            self.sender_link.start()
        online, self._waiting_online = self._waiting_online, []  # opened without open_with
        for work in online:
            self.run(*work)
        waiting, self._waiting = self._waiting, []
        for work in waiting:
            self.runner.run(*work)
        self.ready.emit()

    def _journal_from(self, last_id: int) -> None:
        self.sender_link.journal_at = last_id

    def token_changed(self) -> None:
        """The agent signed in again: the sender gets a session-only token now."""
        self.sender_link.token_changed()

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
            self.sender_link.start()

    def stop(self, *, stop_sender: bool = False) -> None:
        """The window goes. Its sender stays while messages wait (it leaves by itself
        afterwards), unless asked to stop too (a demo's data directory goes with it)."""
        self.runner.close()
        if not self.is_ready and self._opened is not None:
            self._opened.close()  # opened after the window went: never attached
        elif not self.is_ready and self._early is not None:
            self._early[1].close()  # the store never opened: its clients are ours
        self.sender_link.stop(stop_sender=stop_sender)
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

    def on_event(self, event: Event) -> None:
        if event.kind is EventKind.RESUMED:  # a new token, from here or another process
            self.new_token()
        if event.record is not None and event.record.profile_id != self.profile.id:
            self.other_account_event.emit(event)  # the sender sends for every account
        else:
            self.scheduling_event.emit(event)
        if event.kind is not EventKind.CLOCK_JUMP:
            self.outbox_changed.emit()
