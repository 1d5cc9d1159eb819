"""Starting the desktop app: one instance per data directory, the demo server when asked,
sign-in when needed, the window, and a clean shutdown.

An agent who used the app before sees the page they last saw at once: the window is
built with Qt and the standard library alone, and the store, the HTTP client and the
keyring load on a worker thread behind it (gui/opening.py)."""

from __future__ import annotations

import gc
import json
import shutil
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QProcess, QTimer
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication

from agent_desktop import __version__
from agent_desktop.core.home import resolve_home
from agent_desktop.gui import collector, switching
from agent_desktop.gui.colours import keep_readable
from agent_desktop.gui.first_paint import after_first_paint
from agent_desktop.gui.formatting import tr
from agent_desktop.gui.language import Language
from agent_desktop.gui.main_window import MainWindow
from agent_desktop.gui.session import SenderMode, Session
from agent_desktop.gui.single_instance import InstanceServer, ask_running_instance
from agent_desktop.store.first_page import FirstPage, load_first_page
from agent_desktop.store.peek import peek_last_profile, peek_setting, peek_settings
from agent_desktop.store.records import ProfileRecord

if TYPE_CHECKING:
    from agent_desktop.credentials import Credentials
    from agent_desktop.demo.server import DemoServer
    from agent_desktop.workspace import App

ICON = Path(__file__).resolve().parent / "icons" / "agent-desktop.svg"
SELF_TEST_TIMEOUT_MS = 60_000


@dataclass
class GuiOptions:
    home: str | None = None
    demo: bool = False
    self_test: bool = False
    hidden: bool = False  # started at login: straight to the tray
    start_logging: Callable[[], None] = lambda: None


def freeze_startup_objects() -> None:
    """Python's cycle collector stops every thread while it walks all objects; moving what
    start-up made (modules, Qt wrappers, SQLAlchemy's mappers) out of its reach keeps
    later collections short, so the window never stalls on one while messages go out.
    From here it runs on the GUI thread (gui/collector.py; off while starting:
    gui/loading.py)."""
    gc.collect()
    gc.freeze()
    collector.install()


def restart_command() -> list[str]:
    """How this app was started, to start it the same way (shown, not a self-test)."""
    if getattr(sys, "frozen", False):
        command = [sys.executable, *sys.argv[1:]]
    else:
        command = list(sys.orig_argv)
    return [arg for arg in command if arg not in ("--hidden", "--self-test")]


def _open_for_profile(home: Path, profile: ProfileRecord, credentials: Credentials) -> App:
    from agent_desktop.gui.opening import open_for_profile  # the slow imports, off the GUI

    return open_for_profile(home, profile, credentials)


class Launcher:
    """From start to a window on a signed-in session, and back to the slow way if the
    quick one finds the store damaged or the token gone."""

    def __init__(
        self, home: Path, icon: QIcon, options: GuiOptions, instance: InstanceServer
    ) -> None:
        self.home = home
        self.icon = icon
        self.options = options
        self.instance = instance
        instance.raise_requested.connect(self.bring_forward)
        self._raise_pending = False  # asked before there was a window to bring forward
        self.started = time.monotonic()
        self.window: MainWindow | None = None
        self.session: Session | None = None
        self.demo: DemoServer | None = None
        self.warnings: list[str] = []  # for the window, once it is up
        self.sender: SenderMode = "process"  # tests may run it on a thread, or none

    def quick(self) -> bool:
        """Show the last session's page now and open the store behind it; False when there
        is no last session to show."""
        if self.options.demo:
            return False
        profile = peek_last_profile(self.home)
        page = load_first_page(self.home, profile.id) if profile is not None else None
        if profile is None or page is None:
            return False
        session = Session(profile, peek_settings(self.home), self.home, sender=self.sender)
        session.open_failed.connect(self._open_failed)
        self.show(session, page)
        # once the page has been painted: a zero timer fires before Qt paints, and the
        # loading thread's imports would take the interpreter lock from the painting
        _after_first_paint(
            self.window, partial(session.open_with, partial(_open_for_profile, self.home, profile))
        )
        return True

    def slow(self, app: App | None = None) -> int | None:
        """Open the store, then sign in if needed and show the window: None. Else the exit
        code: 1 when the store cannot be used (the agent was told why), 0 when the agent
        did not sign in."""
        from agent_desktop.credentials import Credentials
        from agent_desktop.gui import opening

        # off while starting (gui/loading.py); dialogs may wait a long while
        collector.install()
        if app is None:
            credentials = Credentials(env={} if self.options.demo else None)
            app = opening.open_store(self.home, credentials)
            if app is None:
                return 1
        if self.options.demo:
            from agent_desktop.demo.server import DemoConfig, DemoServer

            self.demo = DemoServer(DemoConfig(customer_interval=90, dispatch_interval=20)).start()
            app.settings.set("min_lead_minutes", 1)
            demo = self.demo
            profile = switching.demo_accounts(app, demo)  # each to switch to; the first shown
        else:
            signed_in = opening.signed_in_profile(app, self.warnings.append)
            if signed_in is None:
                app.close()
                return 0
            profile = signed_in
        self.show(Session.of(app, profile, sender=self.sender), None)
        return None

    def show(self, session: Session, page: FirstPage | None = None) -> None:
        self.session = session
        if not self.options.demo:
            session.run(lambda: session.app.take_daily_backup())  # a file copy: off the GUI
        window = MainWindow(session, self.icon, page)
        self.window = window
        window.keeps_home = not self.options.demo  # a demo's home goes with it
        window.restart_requested.connect(self.restart)
        window.sign_out_requested.connect(self.sign_out)
        window.switcher.switch_requested.connect(partial(switching.switch, self))
        qt_app = QApplication.instance()
        assert isinstance(qt_app, QApplication)
        qt_app.setQuitOnLastWindowClosed(not window.tray.available)
        if self.options.self_test:
            _arm_self_test(window, session, self.started)
        window.present(self.options.hidden)
        if self._raise_pending:  # a second start while this one was still starting
            self._raise_pending = False
            window.bring_forward()
        session.start()
        window.start()
        for warning in self.warnings:  # after the window's own start-up notices: on top
            window.notices.show_notice(warning, seconds=0)
        self.warnings.clear()
        if session.is_ready:
            QTimer.singleShot(0, freeze_startup_objects)
        else:
            session.ready.connect(freeze_startup_objects)

    def bring_forward(self) -> None:
        """A second start asked for this one: its window, or the dialog it waits on (the
        sign-in, a damaged store's question) until there is a window."""
        if self.window is not None:
            self.window.bring_forward()
            return
        self._raise_pending = True
        dialog = QApplication.activeModalWidget()
        if dialog is not None:
            dialog.raise_()
            dialog.activateWindow()

    def restart(self) -> None:
        """Start the app again and end this one: the new one speaks the language just
        chosen. Local messages go on being sent by it; the running instance steps aside
        first so that the new one does not just bring this window forward."""
        self.instance.close()
        pane = self.window.built_pane if self.window is not None else None
        if pane is not None:  # before the new one reads them
            pane.drafts.flush()
        command = restart_command()
        if not QProcess.startDetached(command[0], command[1:]):
            self.instance = InstanceServer(self.home)  # still the one running
            self.instance.raise_requested.connect(self.bring_forward)
            if self.window is not None:
                self.window.notices.show_notice(tr("Agent Desktop could not start again."))
            return
        if self.window is not None:
            self.window.quitting = True
        QApplication.quit()

    def sign_out(self) -> None:
        """Forget the token (off the GUI thread, with sending held meanwhile so that no
        message meets a missing token), then start over as a first start would: the
        sign-in dialog, or the end of the app if the agent does not sign in again."""
        session, window = self.session, self.window
        if session is None or window is None or not session.is_ready:
            return
        if switching.sign_out_of_one(self):  # other accounts stay: on to one of them
            return
        paused = session.sending_paused
        session.hold_sending(True)
        window.pane.drafts.discard()  # the store forgets them with the token

        def failed(error: Exception) -> None:  # a keyring that would not let go of it
            session.hold_sending(paused)
            window.pane.drafts.discard(False)
            window.notices.show_notice(
                tr("Could not sign out: {reason}").format(reason=error), seconds=0
            )

        def forget() -> None:
            session.app.sign_out(session.profile)
            # held only while the token went: the next sign-in sends as before
            session.app.settings.update({"sending_paused": paused})

        session.run(forget, self._start_over, failed)

    def _start_over(self, *_: object) -> None:
        self.close()
        code = self.slow()
        if code is not None:
            QApplication.exit(code)

    def _open_failed(self, error: Exception) -> None:
        """The quick start's store did not open: put its window away and go the slow way,
        which says what is wrong (a damaged or newer database) or asks for sign-in."""
        from agent_desktop.gui.opening import SignInNeeded

        self.close()
        code = self.slow(error.app if isinstance(error, SignInNeeded) else None)
        if code is not None:
            QApplication.exit(code)

    def close(self, *, keep_store: bool = False) -> None:
        """Take the window and its session down (the store too, unless another
        account's window comes next on it)."""
        window, session = self.window, self.session
        self.window = self.session = None
        if window is not None:
            qt_app = QApplication.instance()
            if isinstance(qt_app, QApplication):  # the window coming next decides again
                qt_app.setQuitOnLastWindowClosed(False)
            window.quitting = True  # its close event keeps the drafts and the layout
            window.tray.hide()
            window.close()
            window.deleteLater()
        if session is not None:
            # a demo's home goes with it (not when only its account changes)
            session.stop(stop_sender=self.options.demo and not keep_store)
            if session.is_ready and not keep_store:
                session.app.close()


def run_gui(options: GuiOptions) -> int:
    qt_app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(qt_app, QApplication)
    qt_app.setApplicationName("Agent Desktop")
    qt_app.setOrganizationName("Agent Desktop")
    qt_app.setApplicationVersion(__version__)
    qt_app.setDesktopFileName("io.github.agent_desktop.AgentDesktop")
    icon = QIcon(str(ICON))
    qt_app.setWindowIcon(icon)
    keep_readable(qt_app)  # the desktop's palette, its selection and hints made readable

    throwaway = Path(tempfile.mkdtemp(prefix="agent-desktop-demo-")) if options.demo else None
    home = throwaway or resolve_home(options.home)
    language = Language()
    language.install(peek_setting(home, "language"))
    if not options.self_test and ask_running_instance(home):
        print(tr("Agent Desktop is already running: its window was brought forward."))
        return 0
    instance = InstanceServer(home)
    # another start may have taken the place since asking: then it is the one running
    if not instance.claimed and not options.self_test and ask_running_instance(home):
        print(tr("Agent Desktop is already running: its window was brought forward."))
        return 0
    launcher = Launcher(home, icon, options, instance)
    try:
        if launcher.quick():
            _after_first_paint(launcher.window, options.start_logging)  # the log can wait
        else:
            options.start_logging()
            code = launcher.slow()
            if code is not None:
                return code
        return qt_app.exec()
    finally:
        launcher.close()
        launcher.instance.close()
        if launcher.demo is not None:
            launcher.demo.stop()
        if throwaway is not None:
            shutil.rmtree(throwaway, ignore_errors=True)


def _after_first_paint(window: MainWindow | None, then: Callable[[], None]) -> None:
    """`then` once the window's list is on screen (at once for a window started hidden):
    what can wait a moment does not delay the first paint."""
    if window is not None and window.isVisible():
        # a pass later still: made last, this hook runs first, and the log has no
        # reason to hold up what else the paint set off (the self-test's reading)
        after_first_paint(window.conversations.view.viewport(), lambda: QTimer.singleShot(0, then))
    else:
        QTimer.singleShot(0, then)


def _arm_self_test(window: MainWindow, session: Session, started: float) -> None:
    """Print a one-line JSON summary once the server's conversations are shown, then quit.
    It tells, too, when the first conversations appeared (the last session's, if any)."""
    first: dict[str, object] = {}
    waiting: list[Callable[[], None]] = []  # the summary, for the first paint to come
    done = False

    def first_shown(count: int) -> None:
        def painted() -> None:  # once the list has been drawn (Qt paints after timers)
            first.update(
                seconds_to_first_shown=round(time.monotonic() - started, 3),
                first_shown_at=time.time(),
                first_shown_from="server" if window.conversations.live else "last session",
            )
            for then in waiting:
                then()

        after_first_paint(window.conversations.view.viewport(), painted)

    def live(count: int, from_server: bool) -> None:
        nonlocal done
        if not from_server or done:
            return
        done = True
        summary: dict[str, object] = {
            "window_shown": window.isVisible(),
            "tray_icon_shown": window.tray.available and window.tray.icon.isVisible(),
            "conversations_loaded": count,
            "backend": "unknown",
            "seconds_to_conversations": round(time.monotonic() - started, 3),
        }

        def finish(detected: object) -> None:
            summary["backend"] = str(detected)
            if not first:  # the server's page came first and is not drawn yet
                waiting.append(lambda: finish(detected))
                return
            print(json.dumps({**summary, **first}), flush=True)
            window.quitting = True
            QApplication.quit()

        session.run(
            lambda: session.service.design().name,
            finish,
            lambda error: finish(f"unknown ({error})"),
        )

    def give_up() -> None:
        print(
            json.dumps(
                {
                    "window_shown": window.isVisible(),
                    "conversations_loaded": 0,
                    "error": "no conversations within the time limit",
                }
            ),
            flush=True,
        )
        window.quitting = True
        QApplication.exit(1)

    window.first_conversations_shown.connect(first_shown)
    window.conversations.loaded.connect(live)
    QTimer.singleShot(SELF_TEST_TIMEOUT_MS, give_up)
