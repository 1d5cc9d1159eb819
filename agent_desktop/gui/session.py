"""The signed-in session as the window sees it: the scheduling service, the dispatcher of
the local outbox, API calls off the GUI thread, and signals when things change.

A session can exist before its store is open: the window shows the last session's page
at once while the database, the HTTP client and the keyring load on a worker thread.
Work asked for meanwhile waits and runs as soon as the store is there."""

from __future__ import annotations

from collections.abc import Callable
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

from PySide6.QtCore import QFileSystemWatcher, QObject, QTimer, Signal

from agent_desktop.chatwoot.errors import AuthError, ChatwootError
from agent_desktop.core.clock import Clock, SystemClock
from agent_desktop.core.rules import ScheduleRules
from agent_desktop.core.timezones import local_zone
from agent_desktop.gui.bridge import EventBridge
from agent_desktop.gui.tasks import TaskRunner
from agent_desktop.scheduling.designs.local import DESIGN as LOCAL_DESIGN
from agent_desktop.scheduling.events import Event, EventKind
from agent_desktop.scheduling.policy import Traits
from agent_desktop.store.records import ProfileRecord
from agent_desktop.store.setting_specs import AppSettings

if TYPE_CHECKING:  # loaded with the store, off the GUI thread
    from agent_desktop.autostart import Autostart
    from agent_desktop.chatwoot.client import ChatwootClient
    from agent_desktop.scheduling.dispatcher import Dispatcher
    from agent_desktop.scheduling.service import SchedulingService
    from agent_desktop.workspace import App

LOCAL_TRAITS = LOCAL_DESIGN.traits
Work = tuple[Callable[[], Any], Callable[[Any], None] | None, Callable[[Exception], None] | None]


def describe_error(error: Exception) -> str:
    if isinstance(error, ChatwootError):
        return error.message
    return str(error) or type(error).__name__


class Session(QObject):
    outbox_changed = Signal()
    scheduling_event = Signal(object)  # an Event from the service or the dispatcher
    error = Signal(str)
    signed_out = Signal(str)  # the server refused the token
    settings_changed = Signal(object)  # the keys saved, a frozenset (delivered on the GUI's thread)
    ready = Signal()  # the store and the scheduling service are open
    open_failed = Signal(object)  # the exception that kept the store closed
    design_learned = Signal()  # design_traits() now says what the server's design allows

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
        run_dispatcher: bool = True,
    ) -> None:
        super().__init__(parent)
        self.profile = profile
        self.home = home
        self.clock: Clock = clock or SystemClock()
        self.zone: ZoneInfo = zone or local_zone()
        self.runner = TaskRunner(self)
        self.dispatcher: Dispatcher | None = None
        self.is_ready = False
        self._settings = settings
        self._run_dispatcher = run_dispatcher
        self._started = False
        self._paused = False  # by the agent, from the tray; apart from scheduling off
        self._opened: App | None = None
        self._waiting: list[Work] = []
        self._design_traits: Traits = LOCAL_TRAITS
        self._token_generation = 0  # a new token: refusals of the old one are old news

    @classmethod
    def of(
        cls,
        app: App,
        profile: ProfileRecord,
        parent: QObject | None = None,
        *,
        run_dispatcher: bool = True,
    ) -> Session:
        """A session on a store already open."""
        session = cls(
            profile,
            app.settings.current(),
            app.home,
            parent,
            clock=app.clock,
            run_dispatcher=run_dispatcher,
        )
        session.attach(app)
        return session

    def open_with(self, opener: Callable[[], App]) -> None:
        """Open the store on a worker thread; `ready` or `open_failed` tells how it went."""

        def open_store() -> tuple[App, Dispatcher | None]:
            self._opened = opener()  # kept to close, should the window go first
            return self._opened, self._new_dispatcher(self._opened)  # it reads settings

        self.runner.run(open_store, lambda opened: self.attach(*opened), self.open_failed.emit)

    def _new_dispatcher(self, app: App) -> Dispatcher | None:
        return app.dispatcher() if self._run_dispatcher else None

    def attach(self, app: App, dispatcher: Dispatcher | None = None) -> None:
        """Use this open store (and the dispatcher made for it, if made already)."""
        from agent_desktop.scheduling.service import SchedulingService

        self.app = app
        self.dispatcher = dispatcher or self._new_dispatcher(app)
        self.service = SchedulingService(
            profile=self.profile,
            outbox=app.outbox,
            profiles=app.profiles,
            settings=app.settings,
            clients=app.clients,
            clock=app.clock,
            events=app.events,
            home=app.home,
            on_change=self.dispatcher.wake if self.dispatcher else (lambda: None),
        )
        self.bridge = EventBridge(app.events, self)
        self.bridge.delivered.connect(self._on_event)
        self.is_ready = True
        self.learn_design()
        self._apply_hold()
        if self._started:
            self._start_dispatcher()
        waiting, self._waiting = self._waiting, []
        for work in waiting:
            self.runner.run(*work)
        self.ready.emit()

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
        self._settings = saved
        self._apply_hold()
        self.settings_changed.emit(changed)
        return changed

    def rules(self) -> ScheduleRules:
        return self._settings.rules

    def design_traits(self) -> Traits:
        """What the design new messages go to allows: this app's outbox's until the
        server has been asked (learned off the GUI thread once the store opens)."""
        return self._design_traits

    def learn_design(self) -> None:
        """Ask which design new messages go to (detection may need the server)."""

        def learned(traits: Traits) -> None:
            self._design_traits = traits
            self.design_learned.emit()

        self.run(lambda: self.service.new_message_traits(), learned, lambda _error: None)

    def hold_sending(self, on: bool) -> None:
        """Pause or resume the local outbox (asked before the store opens: kept till then)."""
        self._paused = on
        self._apply_hold()

    @property
    def sending_paused(self) -> bool:
        return self._paused

    def _apply_hold(self) -> None:
        # two reasons to hold, kept apart: resuming from the tray must not send while
        # scheduling is switched off in the settings
        if self.dispatcher is not None:
            self.dispatcher.hold(self._paused or not self._settings.scheduling_enabled)

    def start(self) -> None:
        self._started = True
        if self.is_ready:
            self._start_dispatcher()

    def _start_dispatcher(self) -> None:
        if self.dispatcher is not None:
            self.dispatcher.start()
            self._watch_other_processes()

    def _watch_other_processes(self) -> None:
        """Another process (agent-desktop schedule, a headless run) writing to the outbox
        touches the database's write-ahead log: look again at once instead of waiting for
        the dispatcher's next planned wake."""
        self._watcher = QFileSystemWatcher(self)
        log = Path(f"{self.app.db.path}-wal")
        if log.exists():
            self._watcher.addPath(str(log))
        self._watcher.addPath(str(self.app.db.path.parent))
        self._wake_soon = QTimer(self)
        self._wake_soon.setSingleShot(True)
        self._wake_soon.setInterval(50)
        dispatcher = self.dispatcher
        assert dispatcher is not None
        self._wake_soon.timeout.connect(dispatcher.wake)
        self._watcher.fileChanged.connect(lambda _path: self._wake_soon.start())
        self._watcher.directoryChanged.connect(lambda _path: self._wake_soon.start())

    def stop(self) -> None:
        self.runner.close()
        if not self.is_ready and self._opened is not None:
            self._opened.close()  # opened after the window went: never attached
        if self.dispatcher is not None:
            self.dispatcher.stop()
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
        """This thread's API client (call it from inside a task)."""
        return self.app.clients.client(self.profile)

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
        self.scheduling_event.emit(event)
        if event.kind is not EventKind.CLOCK_JUMP:
            self.outbox_changed.emit()
