"""A start after the first one: the page the agent last saw at once, the server's page in
its place once the store and the network are there; offline, the last page stays."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import textwrap
import threading
from datetime import UTC, datetime
from pathlib import Path

import keyring
from PySide6.QtCore import QTimer
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication

from agent_desktop.chatwoot.client import ChatwootClient
from agent_desktop.credentials import Credentials
from agent_desktop.gui.main_window import MainWindow
from agent_desktop.gui.session import Session
from agent_desktop.store.first_page import FirstPage, load_first_page
from agent_desktop.store.private_files import write_private_json
from agent_desktop.store.records import ProfileRecord
from agent_desktop.workspace import App
from tests.support.self_test import run_self_test
from tests.test_credentials import LockedKeyring


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def last_page(url: str, token: str, account_id: int, profile_id: int, keep: int) -> FirstPage:
    """A page as a previous session saw it: the server's first page, a few rows of it."""
    with ChatwootClient(url, token, account_id=account_id) as client:
        page = client.conversations(status="open", assignee_type="me")
        inboxes = client.inboxes()
    return FirstPage(
        profile_id,
        datetime.now(UTC),
        page.counts,
        page.conversations[:keep],
        tuple(inboxes),
    )


def signed_in_before(home: Path, demo_server) -> ProfileRecord:
    """A home as a previous session left it: the profile, and three rows of its page."""
    from agent_desktop.store.database import open_database
    from agent_desktop.store.first_page import save_first_page

    with App(home=home, db=open_database(home)) as app:
        profile = app.profiles.remember(
            base_url=demo_server.url, user_id=1, account_id=demo_server.accounts.upstream
        )
    save_first_page(
        home,
        last_page(demo_server.url, demo_server.token, profile.account_id, profile.id, keep=3),
    )
    return profile


def opening_window(qtbot, workspace, profile, page) -> tuple[Session, MainWindow]:
    session = Session(
        profile,
        workspace.settings.current(),
        workspace.home,
        clock=workspace.clock,
        sender="none",
    )
    window = MainWindow(session, QIcon(), page)
    qtbot.addWidget(window)
    window.show()
    session.start()
    window.start()
    return session, window


def left_open_at_close(home, conversations: dict[str, int]) -> None:
    """The window closed last with these open (by profile): it keeps that file."""
    write_private_json(home / "window.json", {"format": 1, "open_conversations": conversations})


def close(window: MainWindow, session: Session) -> None:
    window.quitting = True
    window.close()
    window.tray.hide()
    session.stop()


def test_the_last_page_shows_before_the_store_opens_then_the_servers_replaces_it(
    qtbot, workspace, demo_server
):
    profile = workspace.profiles.remember(
        base_url=demo_server.url, user_id=1, account_id=demo_server.accounts.upstream
    )
    page = last_page(demo_server.url, demo_server.token, profile.account_id, profile.id, keep=2)
    left_open = {str(profile.id): page.conversations[1].id}
    write_private_json(
        workspace.home / "window.json", {"format": 1, "open_conversations": left_open}
    )
    session, window = opening_window(qtbot, workspace, profile, page)
    try:
        rows = window.conversations.model.rows
        assert [c.id for c in rows] == [c.id for c in page.conversations]
        # the one the agent had open is open already, though nothing else has loaded
        assert window.pane.conversation is not None
        assert window.pane.conversation.id == page.conversations[1].id
        assert "as last seen" in window.statusBar().currentMessage()
        assert window.pane.thread_view.placeholderText() == "Loading messages…"
        ran: list[str] = []
        session.run(lambda: ran.append("asked while opening"))
        qtbot.wait(200)
        assert ran == [] and not window.conversations.live  # nothing reached for the store

        session.attach(workspace)
        qtbot.waitUntil(lambda: window.conversations.live, timeout=10_000)
        qtbot.waitUntil(lambda: ran == ["asked while opening"], timeout=5_000)
        live = window.conversations.model.rows
        assert len(live) > len(page.conversations)  # the server's whole first page
        assert window.pane.conversation.id == page.conversations[1].id  # the agent's place
        assert window.statusBar().currentMessage() == ""
        qtbot.waitUntil(lambda: bool(window.pane.thread_view.messages), timeout=10_000)

        def kept_whole() -> bool:  # the token came from the env: kept for the next start
            kept = load_first_page(workspace.home, profile.id)
            return (
                kept is not None
                and [c.id for c in kept.conversations] == [c.id for c in live]
                and {i.id for i in kept.inboxes} == set(window.conversations.model.inboxes)
            )

        qtbot.waitUntil(kept_whole, timeout=5_000)
    finally:
        close(window, session)


def test_the_servers_page_comes_while_the_store_is_still_opening(
    qtbot, workspace, demo_server, monkeypatch
):
    """The list's page needs the server alone: it does not wait for the database (a slow
    disk, a keyring asking) to replace the last page."""
    monkeypatch.setenv("AGENT_DESKTOP_TOKEN", demo_server.token)
    profile = workspace.profiles.remember(
        base_url=demo_server.url, user_id=1, account_id=demo_server.accounts.upstream
    )
    page = last_page(demo_server.url, demo_server.token, profile.account_id, profile.id, keep=2)
    session, window = opening_window(qtbot, workspace, profile, page)
    store_opens = threading.Event()
    store: App = workspace

    def opener(_credentials: Credentials) -> App:
        store_opens.wait(20)
        return store

    session.open_with(opener)
    try:
        qtbot.waitUntil(lambda: window.conversations.live, timeout=10_000)
        assert not session.is_ready  # the store is still opening
        assert len(window.conversations.model.rows) > len(page.conversations)
        assert window.statusBar().currentMessage() == ""
    finally:
        store_opens.set()
    qtbot.waitUntil(lambda: session.is_ready, timeout=10_000)
    close(window, session)


def test_offline_the_last_page_stays_and_the_agent_is_told(qtbot, workspace, demo_server):
    page_profile = workspace.profiles.remember(
        base_url=demo_server.url, user_id=1, account_id=demo_server.accounts.upstream
    )
    page = last_page(
        demo_server.url, demo_server.token, page_profile.account_id, page_profile.id, keep=5
    )
    dead = f"http://127.0.0.1:{free_port()}"
    profile = workspace.profiles.remember(base_url=dead, user_id=1, account_id=1)
    page = FirstPage(profile.id, page.saved_at, page.counts, page.conversations, page.inboxes)
    left_open = {str(profile.id): page.conversations[0].id}
    write_private_json(
        workspace.home / "window.json", {"format": 1, "open_conversations": left_open}
    )
    session, window = opening_window(qtbot, workspace, profile, page)
    try:
        session.attach(workspace)
        notice = window.notices.label
        qtbot.waitUntil(lambda: "could not connect" in notice.text(), timeout=10_000)
        assert dead in notice.text()
        thread = window.pane.thread_view
        qtbot.waitUntil(lambda: "could not be loaded" in thread.placeholderText(), timeout=5_000)
        qtbot.wait(500)  # the scheduled ones' look comes after: it must not say "empty"
        assert "could not be loaded" in thread.placeholderText()
        assert [c.id for c in window.conversations.model.rows] == [c.id for c in page.conversations]
        assert not window.conversations.live
    finally:
        close(window, session)


def test_the_start_path_loads_no_database_http_or_keyring_code_before_the_window():
    """What keeps the first page quick: the modules a start needs before the window is
    up leave SQLAlchemy, httpx and the keyring to the thread that opens the store."""
    script = textwrap.dedent(
        """
        import sys
        import agent_desktop.commands.main, agent_desktop.gui.app
        heavy = sorted({name.split(".")[0] for name in sys.modules}
                       & {"sqlalchemy", "alembic", "httpx", "httpcore", "keyring"})
        print(heavy)
        """
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[]"


def test_what_the_window_does_not_show_at_start_is_not_loaded_before_it():
    """The contact panel's content (hidden until asked for), the thread, the Scheduled
    tab and QtNetwork (the single-instance check uses a plain socket) load later."""
    script = textwrap.dedent(
        """
        import sys
        import agent_desktop.commands.main, agent_desktop.gui.app
        later = {"PySide6.QtNetwork", "agent_desktop.gui.contact_card",
                 "agent_desktop.gui.conversation_pane", "agent_desktop.gui.scheduled_tab"}
        print(sorted(later & set(sys.modules)))
        """
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[]"


def self_test(home: Path, token: str) -> dict[str, object]:
    env = {"AGENT_DESKTOP_TOKEN": token, "PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring"}
    return run_self_test("--home", str(home), env=env)


def test_a_second_start_shows_the_last_page_first(tmp_path, demo_server):
    home = tmp_path / "home"
    env = {**os.environ, "AGENT_DESKTOP_TOKEN": demo_server.token}
    signed_in = subprocess.run(
        [
            sys.executable,
            "-m",
            "agent_desktop",
            "conversations",
            "--server",
            demo_server.url,
            "--account",
            str(demo_server.accounts.upstream),
            "--home",
            str(home),
        ],
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
    )
    assert signed_in.returncode == 0, signed_in.stderr
    first = self_test(home, demo_server.token)
    assert first["first_shown_from"] == "server" and first["conversations_loaded"]
    shutil.rmtree(home / "logs")
    second = self_test(home, demo_server.token)
    assert second["first_shown_from"] == "last session"
    assert (home / "logs" / "agent-desktop.log").exists()  # started once the page was shown
    assert second["conversations_loaded"] == first["conversations_loaded"]
    assert float(str(second["seconds_to_first_shown"])) < float(
        str(second["seconds_to_conversations"])
    )


def test_when_the_keyring_lost_the_token_the_last_page_gives_way_to_sign_in(
    qtbot, tmp_path, demo_server, monkeypatch
):
    """And when the keyring then refuses the new token (a locked collection), the token
    is kept for the session and the window says so."""
    from agent_desktop.gui.app import GuiOptions, Launcher
    from agent_desktop.gui.sign_in_dialog import SignInDialog
    from agent_desktop.gui.single_instance import InstanceServer

    monkeypatch.delenv("AGENT_DESKTOP_TOKEN", raising=False)
    previous = keyring.get_keyring()
    keyring.set_keyring(LockedKeyring())  # empty, and refuses to store
    home = tmp_path / "home"
    profile = signed_in_before(home, demo_server)

    def sign_in() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, SignInDialog):
            QTimer.singleShot(50, sign_in)
            return
        assert dialog.url.text() == demo_server.url  # the last server, filled in
        dialog.token.setText(demo_server.token)
        dialog.verify.click()
        qtbot.waitUntil(dialog.buttons.isEnabled, timeout=10_000)
        qtbot.waitUntil(lambda: dialog.accounts.count() == 3, timeout=10_000)
        dialog.accept()

    instance = InstanceServer(home)
    launcher = Launcher(home, QIcon(), GuiOptions(home=str(home)), instance)
    try:
        assert launcher.quick()
        quick_window = launcher.window
        assert quick_window is not None and len(quick_window.conversations.model.rows) == 3
        QTimer.singleShot(0, sign_in)
        qtbot.waitUntil(
            lambda: launcher.window is not None and launcher.window is not quick_window,
            timeout=20_000,
        )
        assert not quick_window.isVisible()
        window = launcher.window
        assert window is not None
        qtbot.waitUntil(lambda: window.conversations.live, timeout=10_000)
        assert window.session.profile.id == profile.id
        assert "kept for this session only" in window.notices.label.text()
        assert "locked" in window.notices.label.text()
    finally:
        launcher.close()
        instance.close()
        keyring.set_keyring(previous)


def test_the_store_opens_only_once_the_last_page_is_painted(
    qtbot, tmp_path, demo_server, monkeypatch
):
    """The thread that opens the store imports SQLAlchemy and httpx: started before the
    last page is painted, it takes the interpreter lock from the painting and the agent
    waits longer for the page. A zero timer is not enough: it fires before Qt paints."""
    from PySide6.QtCore import QEvent, QObject

    from agent_desktop.gui.app import GuiOptions, Launcher
    from agent_desktop.gui.single_instance import InstanceServer

    monkeypatch.setenv("AGENT_DESKTOP_TOKEN", demo_server.token)
    home = tmp_path / "home"
    signed_in_before(home, demo_server)
    painted: list[bool] = []
    opened_after_paint: list[bool] = []
    real_open_with = Session.open_with

    def open_with(session: Session, opener) -> None:
        opened_after_paint.append(bool(painted))
        real_open_with(session, opener)

    monkeypatch.setattr(Session, "open_with", open_with)

    class Paints(QObject):
        def eventFilter(self, watched: QObject, event: QEvent) -> bool:
            if event.type() == QEvent.Type.Paint:
                painted.append(True)
            return False

    paints = Paints()
    instance = InstanceServer(home)
    launcher = Launcher(home, QIcon(), GuiOptions(home=str(home)), instance)
    launcher.sender = "none"
    try:
        assert launcher.quick()
        window = launcher.window
        assert window is not None
        window.conversations.view.viewport().installEventFilter(paints)
        qtbot.waitUntil(lambda: bool(opened_after_paint), timeout=10_000)
        assert opened_after_paint == [True]
        qtbot.waitUntil(lambda: window.conversations.live, timeout=10_000)  # and it opens
    finally:
        launcher.close()
        instance.close()
