"""Starting the desktop app: one instance per data directory, the demo server when asked,
sign-in when needed, the window, and a clean shutdown."""

from __future__ import annotations

import gc
import json
import shutil
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QMessageBox

from agent_desktop import __version__
from agent_desktop.chatwoot.client import ChatwootClient
from agent_desktop.core.home import resolve_home
from agent_desktop.credentials import Credentials, KeyringUnavailableError
from agent_desktop.gui.formatting import tr
from agent_desktop.gui.language import Language
from agent_desktop.gui.main_window import MainWindow
from agent_desktop.gui.session import Session
from agent_desktop.gui.sign_in_dialog import SignInDialog
from agent_desktop.gui.single_instance import InstanceServer, ask_running_instance
from agent_desktop.store.database import DatabaseCorruptError, DatabaseError, backup_taken_at
from agent_desktop.store.records import ProfileRecord
from agent_desktop.store.recovery import latest_backup, recover
from agent_desktop.store.settings import peek_setting
from agent_desktop.workspace import App, remember_profile

ICON = Path(__file__).resolve().parent / "icons" / "agent-desktop.svg"
SELF_TEST_TIMEOUT_MS = 60_000


@dataclass
class GuiOptions:
    home: str | None = None
    demo: bool = False
    self_test: bool = False
    hidden: bool = False  # started at login: straight to the tray


def _demo_profile(app: App, demo_url: str, token: str, account_id: int) -> ProfileRecord:
    with ChatwootClient(demo_url, token) as client:
        profile = remember_profile(app, client, demo_url, account_id)
    app.credentials.keep_for_session(demo_url, profile.user_id, token)
    return profile


def _signed_in_profile(app: App) -> ProfileRecord | None:
    last = app.profiles.last_used()
    if last is not None and app.credentials.token_for(last.base_url, last.user_id) is not None:
        return last
    dialog = SignInDialog(
        keyring_available=app.credentials.keyring_available, url=last.base_url if last else ""
    )
    if not dialog.exec():
        return None
    result = dialog.result_value()
    if result is None:
        return None
    account_name = next((a.name for a in result.profile.accounts if a.id == result.account_id), "")
    profile = app.profiles.remember(
        base_url=result.url,
        account_id=result.account_id,
        user_id=result.profile.id,
        user_name=result.profile.display_name,
        user_email=result.profile.email,
        account_name=account_name,
    )
    if result.session_only:
        app.credentials.keep_for_session(result.url, profile.user_id, result.token)
    else:
        try:
            app.credentials.store(result.url, profile.user_id, result.token)
        except KeyringUnavailableError:
            app.credentials.keep_for_session(result.url, profile.user_id, result.token)
    return profile


def offer_recovery(home: Path, problem: str) -> bool:
    """A damaged database: say so, and let the agent restore the newest backup (the damaged
    file is kept aside either way) or quit with everything left as it is."""
    newest = latest_backup(home)
    box = QMessageBox(QMessageBox.Icon.Critical, tr("The database is damaged"), problem)
    if newest is not None:
        when = backup_taken_at(newest).astimezone().strftime("%Y-%m-%d %H:%M")
        box.setInformativeText(
            tr(
                "The damaged file will be kept aside, not deleted. Restore the backup "
                "from {when}? Scheduled messages added since then are not in it."
            ).format(when=when)
        )
        restore = box.addButton(tr("Restore backup"), QMessageBox.ButtonRole.AcceptRole)
    else:
        box.setInformativeText(
            tr(
                "There is no backup. The damaged file can be kept aside and the app started "
                "with an empty database."
            )
        )
        restore = box.addButton(
            tr("Keep it aside and start empty"), QMessageBox.ButtonRole.AcceptRole
        )
    box.addButton(tr("Quit"), QMessageBox.ButtonRole.RejectRole)
    box.exec()
    if box.clickedButton() is not restore:
        return False
    recover(home, use_backup=newest is not None)
    return True


def freeze_startup_objects() -> None:
    """Python's cycle collector stops every thread while it walks all objects; moving what
    start-up made (modules, Qt wrappers, SQLAlchemy's mappers) out of its reach keeps
    later collections short, so the window never stalls on one while messages go out."""
    gc.collect()
    gc.freeze()


def run_gui(options: GuiOptions) -> int:
    started = time.monotonic()
    qt_app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(qt_app, QApplication)
    qt_app.setApplicationName("Agent Desktop")
    qt_app.setOrganizationName("Agent Desktop")
    qt_app.setApplicationVersion(__version__)
    qt_app.setDesktopFileName("io.github.agent_desktop.AgentDesktop")
    icon = QIcon(str(ICON))
    qt_app.setWindowIcon(icon)

    throwaway = Path(tempfile.mkdtemp(prefix="agent-desktop-demo-")) if options.demo else None
    home = throwaway or resolve_home(options.home)
    language = Language()
    language.install(peek_setting(home, "language"))
    if not options.self_test and ask_running_instance(home):
        print(tr("Agent Desktop is already running: its window was brought forward."))
        return 0
    instance = InstanceServer(home)
    demo = None
    try:
        try:
            app = App.at(home, credentials=Credentials(env={} if options.demo else None))
        except DatabaseCorruptError as error:
            if not offer_recovery(home, str(error)):
                return 1
            app = App.at(home, credentials=Credentials(env={} if options.demo else None))
        except DatabaseError as error:
            QMessageBox.critical(None, tr("Agent Desktop cannot start"), str(error))
            return 1
        if options.demo:
            from agent_desktop.demo.server import DemoConfig, DemoServer

            demo = DemoServer(DemoConfig(customer_interval=90, dispatch_interval=20)).start()
            app.settings.set("min_lead_minutes", 1)
            profile = _demo_profile(app, demo.url, demo.token, demo.accounts.upstream)
        else:
            signed_in = _signed_in_profile(app)
            if signed_in is None:
                return 0
            profile = signed_in
        session = Session(app, profile)
        session.start()
        if not options.demo:
            session.run(app.take_daily_backup)  # off the GUI thread: a copy of the file
        window = MainWindow(session, icon)
        instance.raise_requested.connect(window.bring_forward)
        qt_app.setQuitOnLastWindowClosed(not window.tray.available)
        if options.self_test:
            _arm_self_test(window, session, started)
        window.present(options.hidden)
        window.start()
        freeze_startup_objects()
        code = qt_app.exec()
        session.stop()
        app.close()
        return code
    finally:
        instance.close()
        if demo is not None:
            demo.stop()
        if throwaway is not None:
            shutil.rmtree(throwaway, ignore_errors=True)


def _arm_self_test(window: MainWindow, session: Session, started: float) -> None:
    """Print a one-line JSON summary once the first conversations are shown, then quit."""

    def report(count: int) -> None:
        backend = session.profile.detected_backend
        summary = {
            "window_shown": window.isVisible(),
            "conversations_loaded": count,
            "backend": backend or "unknown",
            "seconds_to_conversations": round(time.monotonic() - started, 3),
        }

        def finish(detected: object) -> None:
            summary["backend"] = str(detected)
            print(json.dumps(summary), flush=True)
            window.quitting = True
            QApplication.quit()

        session.run(
            lambda: session.service.backend().value,
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

    window.first_conversations_shown.connect(report)
    QTimer.singleShot(SELF_TEST_TIMEOUT_MS, give_up)
