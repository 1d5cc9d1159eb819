"""The signed-in session as the window sees it: the scheduling service, the dispatcher of
the local outbox, API calls off the GUI thread, and signals when things change."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from PySide6.QtCore import QFileSystemWatcher, QObject, QTimer, Signal

from agent_desktop.autostart import Autostart
from agent_desktop.chatwoot.client import ChatwootClient
from agent_desktop.chatwoot.errors import AuthError, ChatwootError
from agent_desktop.core.rules import ScheduleRules
from agent_desktop.core.timezones import local_zone
from agent_desktop.gui.bridge import EventBridge
from agent_desktop.gui.tasks import TaskRunner
from agent_desktop.scheduling.dispatcher import Dispatcher
from agent_desktop.scheduling.events import Event, EventKind
from agent_desktop.scheduling.service import SchedulingService
from agent_desktop.store.records import ProfileRecord
from agent_desktop.workspace import App


def describe_error(error: Exception) -> str:
    if isinstance(error, ChatwootError):
        return error.message
    return str(error) or type(error).__name__


class Session(QObject):
    outbox_changed = Signal()
    scheduling_event = Signal(object)  # an Event from the service or the dispatcher
    error = Signal(str)
    signed_out = Signal(str)  # the server refused the token

    def __init__(
        self,
        app: App,
        profile: ProfileRecord,
        parent: QObject | None = None,
        *,
        run_dispatcher: bool = True,
    ) -> None:
        super().__init__(parent)
        self.app = app
        self.profile = profile
        self.zone: ZoneInfo = local_zone()
        self.runner = TaskRunner(self)
        self.autostart = Autostart()
        self.dispatcher: Dispatcher | None = app.dispatcher() if run_dispatcher else None
        self.service = SchedulingService(
            profile=profile,
            outbox=app.outbox,
            profiles=app.profiles,
            settings=app.settings,
            clients=app.clients,
            clock=app.clock,
            events=app.events,
            home=app.home,
            on_change=self.dispatcher.wake if self.dispatcher else (lambda: None),
        )
        self._settings: dict[str, Any] = app.settings.all()
        self.bridge = EventBridge(app.events, self)
        self.bridge.delivered.connect(self._on_event)

    @property
    def settings(self) -> dict[str, Any]:
        """The settings as read at start or last saved (no database read on the GUI thread)."""
        return self._settings

    def save_settings(self, changes: dict[str, Any]) -> None:
        for key, value in changes.items():
            self._settings[key] = self.app.settings.set(key, value)
        if self.dispatcher is not None:
            self.dispatcher.hold(not self._settings["scheduling_enabled"])

    def rules(self) -> ScheduleRules:
        return ScheduleRules(min_lead_minutes=int(self._settings["min_lead_minutes"]))

    def start(self) -> None:
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
        if self.dispatcher is not None:
            self.dispatcher.stop()
        self.bridge.close()

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

        def failed(error: Exception) -> None:
            if isinstance(error, AuthError):
                self.signed_out.emit(describe_error(error))
            if on_error is not None:
                on_error(error)
            else:
                self.error.emit(describe_error(error))

        self.runner.run(work, on_done, failed)

    def _on_event(self, event: Event) -> None:
        self.scheduling_event.emit(event)
        if event.kind is not EventKind.CLOCK_JUMP:
            self.outbox_changed.emit()
