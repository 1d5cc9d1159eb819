"""Signing in, settings, one instance per user, and the self-test a CI runs."""

from __future__ import annotations

import os
import subprocess
import sys

from PySide6.QtWidgets import QDialogButtonBox

from agent_desktop.gui.main_window import MainWindow
from agent_desktop.gui.settings_dialog import SettingsDialog
from agent_desktop.gui.sign_in_dialog import SignInDialog
from agent_desktop.gui.single_instance import InstanceServer, ask_running_instance
from tests.support.self_test import run_self_test


def test_sign_in_verifies_the_token_and_offers_the_accounts(qtbot, demo_server):
    dialog = SignInDialog(keyring_available=True)
    qtbot.addWidget(dialog)
    assert "Profile settings" in dialog.findChildren(type(dialog.status))[0].text()
    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    dialog.url.setText(demo_server.url)
    dialog.token.setText("wrong-token")
    dialog.verify.click()
    qtbot.waitUntil(lambda: "Invalid Access Token" in dialog.status.text(), timeout=10_000)
    assert not ok.isEnabled()
    dialog.token.setText(demo_server.token)
    dialog.verify.click()
    qtbot.waitUntil(ok.isEnabled, timeout=10_000)
    assert dialog.accounts.count() == 3 and dialog.accounts.isEnabled()
    dialog.accounts.setCurrentIndex(1)
    result = dialog.result_value()
    assert result is not None and result.account_id == demo_server.accounts.fork
    assert result.token == demo_server.token and not result.session_only
    dialog.runner.close()


def test_signing_in_again_is_done_from_the_keyboard(qtbot, demo_server):
    """The server is filled in and the token field has the focus; Enter verifies, and
    once the account is known, Enter signs in."""
    from PySide6.QtCore import Qt

    dialog = SignInDialog(keyring_available=True, url=demo_server.url)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    assert dialog.focusWidget() is dialog.token
    qtbot.keyClicks(dialog.token, demo_server.token)
    qtbot.keyClick(dialog.token, Qt.Key.Key_Return)
    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    qtbot.waitUntil(ok.isEnabled, timeout=10_000)
    assert dialog.isVisible()
    qtbot.keyClick(dialog.token, Qt.Key.Key_Return)
    assert dialog.result() == dialog.DialogCode.Accepted and not dialog.isVisible()


def test_sign_in_refuses_plain_http_elsewhere_before_sending_anything(qtbot):
    dialog = SignInDialog(keyring_available=True)
    qtbot.addWidget(dialog)
    dialog.url.setText("http://chat.example.com")
    dialog.token.setText("secret")
    dialog.verify.click()
    assert "unencrypted" in dialog.status.text()
    dialog.runner.close()


def test_without_a_keyring_the_token_is_kept_for_the_session_only(qtbot):
    dialog = SignInDialog(keyring_available=False)
    qtbot.addWidget(dialog)
    assert dialog.session_only.isChecked() and not dialog.session_only.isEnabled()
    assert not dialog.keyring_note.isHidden()
    assert "No system keyring" in dialog.keyring_note.text()
    dialog.runner.close()


def test_settings_round_trip_and_are_kept(qtbot, session):
    dialog = SettingsDialog(session.settings)
    qtbot.addWidget(dialog)
    dialog.editor("min_lead_minutes").setValue(15)
    send_key = dialog.editor("send_key")
    send_key.setCurrentIndex(send_key.findData("enter"))
    dialog.editor("scheduling_enabled").setChecked(False)
    values = dialog.values()
    assert values["min_lead_minutes"] == 15 and values["send_key"] == "enter"
    assert dialog.changes() == {
        "min_lead_minutes": 15,
        "send_key": "enter",
        "scheduling_enabled": False,
    }
    changed = session.save_settings(dialog.changes())
    assert changed == {"min_lead_minutes", "send_key", "scheduling_enabled"}
    assert session.rules().min_lead_minutes == 15
    assert session.app.settings.get("scheduling_enabled") is False
    assert session.app.settings.get("send_key") == "enter"


def test_the_settings_dialog_is_made_from_the_settings_declarations(qtbot, session):
    from PySide6.QtWidgets import QCheckBox, QComboBox, QSpinBox

    from agent_desktop.store.setting_specs import SPECS

    dialog = SettingsDialog(session.settings)
    qtbot.addWidget(dialog)
    shown = {key for key, spec in SPECS.items() if spec.in_dialog}
    assert set(dialog.editors) == shown and "max_requests_per_minute" not in shown
    for key in shown:
        spec, editor = SPECS[key], dialog.editor(key)
        assert editor.accessibleName() == spec.label
        if isinstance(spec.default, bool):
            assert isinstance(editor, QCheckBox) and editor.text() == spec.label
        elif spec.choices is not None:
            assert isinstance(editor, QComboBox)
            assert [editor.itemData(i) for i in range(editor.count())] == list(spec.choice_values())
        else:
            assert isinstance(editor, QSpinBox)
            assert (editor.minimum(), editor.maximum()) == (spec.minimum, spec.maximum)
    assert dialog.editor("grace_minutes").toolTip().startswith("A message that came due")
    assert dialog.changes() == {}  # nothing touched, nothing to save


def test_enter_sends_when_the_agent_chose_it(qtbot, window, session):
    from PySide6.QtCore import Qt

    session.save_settings({"send_key": "enter"})
    reply = window.pane.reply
    qtbot.keyClicks(reply.editor, "linha um")
    qtbot.keyClick(reply.editor, Qt.Key.Key_Return, Qt.KeyboardModifier.ShiftModifier)
    assert reply.text() == "linha um\n"
    qtbot.keyClicks(reply.editor, "linha dois")
    qtbot.keyClick(reply.editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: "linha dois" in window.pane.thread_view.plain_text(), timeout=10_000)


def test_demo_self_test_prints_a_summary_and_exits(tmp_path):
    summary = run_self_test("--demo", env={"HOME": str(tmp_path)})
    assert summary["window_shown"] is True
    assert summary["conversations_loaded"]
    assert summary["backend"] == "local"


def test_switching_scheduling_off_holds_the_outbox_and_keeps_it(qtbot, workspace, demo_server):
    """Scheduling off in the settings and "Pause sending" in the tray are two reasons
    to hold, kept apart; the sender (here on a thread, as in its own process) reads
    both from the database as they change."""
    from agent_desktop.core.clock import SystemClock
    from agent_desktop.gui.session import Session
    from agent_desktop.store.outbox import Outbox
    from agent_desktop.store.states import OutboxState

    workspace.clock = SystemClock()
    workspace.outbox = Outbox(workspace.db, workspace.clock)
    profile = workspace.profiles.remember(
        base_url=demo_server.url, user_id=1, account_id=demo_server.accounts.upstream
    )
    session = Session.of(workspace, profile, sender="thread")
    session.save_settings({"scheduling_enabled": False})
    record = workspace.outbox.add(
        profile_id=profile.id,
        conversation_id=1,
        content="espera",
        scheduled_at=workspace.clock.now(),
        zone="UTC",
        hold_on_reply=False,
    )
    session.start()
    link = session.sender_link
    try:
        qtbot.waitUntil(lambda: link.host is not None and link.host.dispatcher.on_hold)
        session.hold_sending(True)  # paused and resumed from the tray meanwhile
        session.hold_sending(False)
        qtbot.waitUntil(lambda: not workspace.settings.current().sending_paused)
        qtbot.wait(600)
        assert link.host is not None and link.host.dispatcher.on_hold
        assert workspace.outbox.get(record.id).state is OutboxState.PENDING  # still off
        session.hold_sending(True)
        qtbot.waitUntil(lambda: workspace.settings.current().sending_paused)
        session.save_settings({"scheduling_enabled": True})
        qtbot.wait(600)
        assert link.host.dispatcher.on_hold  # still paused from the tray
        assert workspace.outbox.get(record.id).state is OutboxState.PENDING
        session.hold_sending(False)
        qtbot.waitUntil(
            lambda: workspace.outbox.get(record.id).state is OutboxState.SENT, timeout=10_000
        )
    finally:
        session.stop()


def test_the_window_wakes_for_a_message_scheduled_by_another_process(qtbot, workspace, demo_server):
    """`agent-desktop schedule` in a terminal while the window runs: sent at its time,
    not at the sender's next planned look (up to 15 s later)."""
    from datetime import UTC, datetime, timedelta

    from agent_desktop.core.clock import SystemClock
    from agent_desktop.gui.session import Session
    from agent_desktop.store.outbox import Outbox
    from agent_desktop.store.states import OutboxState

    workspace.clock = SystemClock()
    workspace.outbox = Outbox(workspace.db, workspace.clock)
    profile = workspace.profiles.remember(
        base_url=demo_server.url, user_id=1, account_id=demo_server.accounts.upstream
    )
    session = Session.of(workspace, profile, sender="thread")
    session.start()
    try:
        qtbot.wait(300)  # the sender is asleep on an empty outbox
        when = datetime.now(UTC) + timedelta(seconds=1)
        env = {
            **os.environ,
            "AGENT_DESKTOP_HOME": str(workspace.home),
            "AGENT_DESKTOP_TOKEN": demo_server.token,
        }
        done = subprocess.run(
            [
                sys.executable,
                "-c",
                (
                    "import sys; from datetime import datetime; "
                    "from agent_desktop.store.database import open_database; "
                    "from agent_desktop.store.outbox import Outbox; "
                    "from agent_desktop.core.clock import SystemClock; "
                    "from pathlib import Path; "
                    "db = open_database(Path(sys.argv[1])); "
                    "Outbox(db, SystemClock()).add(profile_id=int(sys.argv[2]), conversation_id=1, "
                    "content='de outro processo', zone='UTC', hold_on_reply=False, "
                    "scheduled_at=datetime.fromisoformat(sys.argv[3]))"
                ),
                str(workspace.home),
                str(profile.id),
                when.isoformat(),
            ],
            env=env,
            capture_output=True,
            text=True,
            timeout=60,
        )
        assert done.returncode == 0, done.stderr
        started = datetime.now(UTC)
        qtbot.waitUntil(
            lambda: any(r.state is OutboxState.SENT for r in workspace.outbox.find()),
            timeout=10_000,
        )
        assert datetime.now(UTC) - started < timedelta(seconds=6)
    finally:
        session.stop()


def test_the_tray_menu_pauses_sending_and_shows_the_pending_count(qtbot, workspace, demo_server):
    from PySide6.QtGui import QIcon

    from agent_desktop.gui.main_window import MainWindow
    from agent_desktop.gui.session import Session

    profile = workspace.profiles.remember(
        base_url=demo_server.url, user_id=1, account_id=demo_server.accounts.upstream
    )
    session = Session.of(workspace, profile, sender="none")
    window = MainWindow(session, QIcon())
    try:
        window.tray.pause_action.setChecked(True)
        assert session.sending_paused  # kept, for the sender and the next start
        qtbot.waitUntil(lambda: workspace.settings.current().sending_paused)
        assert "sending paused" in window.status_label.text()
        window.tray.pause_action.setChecked(False)
        qtbot.waitUntil(lambda: not workspace.settings.current().sending_paused)
        window.scheduled.counts_changed.emit(3, 2, 0)
        assert window.tray.pending_action.text() == "3 messages pending"
        assert window.tabs.tabText(1) == "Scheduled (3)" and window.pending_local == 2
    finally:
        window.quitting = True
        window.close()
        session.stop()


def test_started_hidden_it_waits_in_the_tray_unless_there_is_none(qtbot, session):
    from PySide6.QtGui import QIcon

    window = MainWindow(session, QIcon())
    qtbot.addWidget(window)
    window.quitting = True
    window.tray.available = False  # as on plain GNOME: hiding would leave nothing to click
    window.present(hidden=True)
    assert window.isVisible()
    window.hide()
    window.tray.available = True
    window.present(hidden=True)
    assert not window.isVisible()
    window.present(hidden=False)
    assert window.isVisible()


def test_settings_turn_start_at_login_on_and_off(qtbot, window, session, tmp_path):
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from agent_desktop.autostart import Autostart

    config = tmp_path / "config"
    session.autostart = Autostart(
        "linux", tmp_path, {"XDG_CONFIG_HOME": str(config)}, command=["agent-desktop", "--hidden"]
    )
    entry = config / "autostart" / "io.github.agent_desktop.AgentDesktop.desktop"

    def answer(check: bool) -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, SettingsDialog)
        assert dialog.start_at_login.isChecked() is not check  # shows what is in place
        dialog.start_at_login.setChecked(check)
        dialog.accept()

    QTimer.singleShot(0, lambda: answer(True))
    window.open_settings()
    qtbot.waitUntil(entry.is_file, timeout=5_000)
    assert "--hidden" in entry.read_text(encoding="utf-8")
    QTimer.singleShot(0, lambda: answer(False))
    window.open_settings()
    qtbot.waitUntil(lambda: not entry.exists(), timeout=5_000)


def test_a_refused_token_is_replaced_from_the_window(
    qtbot, home, demo_server, demo_clock, monkeypatch
):
    """Revoked or rotated in Chatwoot: the notice offers to sign in again, the new token
    is kept, and the window carries on without a restart."""
    from keyring.backends import fail
    from PySide6.QtCore import QTimer
    from PySide6.QtGui import QIcon
    from PySide6.QtWidgets import QApplication

    from agent_desktop.credentials import Credentials
    from agent_desktop.gui.session import Session
    from agent_desktop.store.database import open_database
    from agent_desktop.workspace import App

    credentials = Credentials(env={}, backend=fail.Keyring())
    app = App(home=home, db=open_database(home), credentials=credentials, clock=demo_clock)
    profile = app.profiles.remember(
        base_url=demo_server.url, user_id=1, account_id=demo_server.accounts.upstream
    )
    credentials.keep_for_session(demo_server.url, 1, "a-revoked-token")
    session = Session.of(app, profile, sender="none")
    window = MainWindow(session, QIcon())
    qtbot.addWidget(window)
    told: list[str] = []

    def notify(title: str, *_args: object, **_kw: object) -> bool:
        told.append(title)
        return True

    monkeypatch.setattr(window.tray, "notify", notify)
    window.show()
    window.start()
    try:
        notices = window.notices
        qtbot.waitUntil(lambda: "Sign-in lost" in notices.label.text(), timeout=10_000)
        assert notices.action.isVisible() and notices.action.text() == "Sign in"
        assert window.conversations.model.rows == []
        for ask_again in (window.arrivals.look, window.conversations.reload):
            with qtbot.waitSignal(session.signed_out, timeout=10_000):
                ask_again()  # refused again, as every poll is
        assert told.count("Sign-in lost") == 1  # said once, not at every poll

        def sign_in() -> None:
            dialog = QApplication.activeModalWidget()
            if not isinstance(dialog, SignInDialog):
                QTimer.singleShot(20, sign_in)
                return
            assert dialog.url.text() == demo_server.url
            dialog.token.setText(demo_server.token)
            dialog.verify.click()
            ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
            qtbot.waitUntil(ok.isEnabled, timeout=10_000)
            dialog.accept()

        QTimer.singleShot(0, sign_in)
        notices.action.click()
        qtbot.waitUntil(lambda: window.conversations.live, timeout=10_000)
        assert window.conversations.model.rows
        assert notices.label.text() == "Signed in again."
        token = credentials.token_for(demo_server.url, 1)
        assert token is not None and token.value == demo_server.token
    finally:
        window.quitting = True
        window.close()
        session.stop()
        app.close()


def test_signing_in_again_says_when_the_environment_holds_the_token(qtbot, window):
    """AGENT_DESKTOP_TOKEN comes before any token the dialog would keep: say so instead."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    opened: list[object] = []

    def no_dialog() -> None:  # were one shown, close it, so the test fails instead of hanging
        dialog = QApplication.activeModalWidget()
        if dialog is not None:
            opened.append(dialog)
            dialog.close()

    QTimer.singleShot(200, no_dialog)
    window.sign_in_again()  # returns at once unless a dialog runs (then closed by the timer)
    assert opened == []
    assert "AGENT_DESKTOP_TOKEN" in window.notices.label.text()


def test_a_new_language_offers_to_restart(qtbot, window, session):
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    def choose_portuguese() -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, SettingsDialog)
        language = dialog.editor("language")
        language.setCurrentIndex(language.findData("pt_BR"))
        dialog.accept()

    asked: list[bool] = []
    window.restart_requested.connect(lambda: asked.append(True))
    window.keeps_home = True
    QTimer.singleShot(0, choose_portuguese)
    window.open_settings()
    notices = window.notices
    qtbot.waitUntil(lambda: "restarts" in notices.label.text(), timeout=5_000)
    assert notices.action.isVisible() and notices.action.text() == "Restart now"
    notices.action.click()
    assert asked == [True]
    assert session.settings.language == "pt_BR"


def test_restarting_starts_the_app_again_and_steps_aside(qtbot, tmp_path, monkeypatch):
    """The new process is started, the running one stops answering as the instance (or
    the new one would only bring this window forward), and this one quits."""
    from PySide6.QtGui import QIcon
    from PySide6.QtWidgets import QApplication

    from agent_desktop.gui import app
    from agent_desktop.gui.app import GuiOptions, Launcher

    home = tmp_path / "home"
    home.mkdir()
    started = tmp_path / "started"
    launcher = Launcher(home, QIcon(), GuiOptions(home=str(home)), InstanceServer(home))
    monkeypatch.setattr(  # a stand-in for the app: a process that leaves a mark
        app,
        "restart_command",
        lambda: [sys.executable, "-c", f"open({str(started)!r}, 'w').close()"],
    )
    quits: list[bool] = []
    monkeypatch.setattr(QApplication, "quit", lambda: quits.append(True))
    assert ask_running_instance(home, timeout_ms=500)
    launcher.restart()
    qtbot.waitUntil(started.exists, timeout=10_000)
    assert quits == [True]
    assert not ask_running_instance(home, timeout_ms=200)
    launcher.instance.close()


def test_the_restart_command_is_the_start_command_shown(monkeypatch):
    from agent_desktop.gui.app import restart_command

    monkeypatch.setattr(
        sys, "orig_argv", ["/usr/bin/python3", "-m", "agent_desktop", "--hidden", "--home", "/h"]
    )
    assert restart_command() == ["/usr/bin/python3", "-m", "agent_desktop", "--home", "/h"]
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "executable", "/opt/agent-desktop/agent-desktop")
    monkeypatch.setattr(sys, "argv", ["agent-desktop", "--self-test"])
    assert restart_command() == ["/opt/agent-desktop/agent-desktop"]
