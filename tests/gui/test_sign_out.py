"""Signing out from the window: what it forgets, what it keeps, and what happens when the
keyring will not let go of the token."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

import keyring
import keyring.errors
import pytest
from PySide6.QtCore import QTimer
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from agent_desktop.chatwoot.client import ChatwootClient
from agent_desktop.core.timezones import from_utc
from agent_desktop.credentials import Credentials
from agent_desktop.gui.app import GuiOptions, Launcher
from agent_desktop.gui.main_window import MainWindow
from agent_desktop.gui.sign_in_dialog import SignInDialog
from agent_desktop.gui.single_instance import InstanceServer
from agent_desktop.scheduling.requests import ScheduleRequest
from agent_desktop.store.contact_zones import contact_zone, set_contact_zone
from agent_desktop.store.database import open_database
from agent_desktop.store.states import OutboxState
from agent_desktop.workspace import App
from tests.gui.conftest import open_first
from tests.test_credentials import MemoryKeyring


class StuckKeyring(MemoryKeyring):
    def delete_password(self, service, username):
        raise keyring.errors.KeyringError("the collection is locked")


@dataclass
class Started:
    home: Path
    keyring: MemoryKeyring
    launcher: Launcher
    window: MainWindow


def when_modal(kind: type[QWidget], act: Callable[[QWidget], None]) -> None:
    """Act on the next modal dialog of that kind once it is up."""

    def look() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, kind):
            QTimer.singleShot(20, look)
            return
        act(dialog)

    QTimer.singleShot(0, look)


def confirm_sign_out(seen: dict[str, object]) -> Callable[[QWidget], None]:
    def act(box: QWidget) -> None:
        assert isinstance(box, QMessageBox)
        seen["question"], seen["detail"] = box.text(), box.informativeText()
        next(b for b in box.buttons() if b.text() == "Sign out").click()

    return act


def start(qtbot, tmp_path, demo_server, monkeypatch, backend: MemoryKeyring) -> Iterator[Started]:
    """The app as an agent who signed in before starts it: token in the keyring, a window
    with the server's conversations, a reply scheduled and a draft written."""
    monkeypatch.delenv("AGENT_DESKTOP_TOKEN", raising=False)
    previous = keyring.get_keyring()
    keyring.set_keyring(backend)
    home = tmp_path / "home"
    with ChatwootClient(demo_server.url, demo_server.token) as client:
        user_id = client.profile().id
    with App(home=home, db=open_database(home)) as app:
        app.profiles.remember(
            base_url=demo_server.url, user_id=user_id, account_id=demo_server.accounts.upstream
        )
    Credentials(env={}).store(demo_server.url, user_id, demo_server.token)
    instance = InstanceServer(home)
    launcher = Launcher(home, QIcon(), GuiOptions(home=str(home)), instance)
    # the sender on a thread of the test's, stopped with the window: a process started by
    # a look at it just as the test ends would outlive the test
    launcher.sender = "thread"
    try:
        assert launcher.slow() is None  # signed in from the keyring: straight to the window
        window = launcher.window
        assert window is not None and window.sign_out_action.isVisible()
        session = window.session
        qtbot.waitUntil(lambda: session.is_ready and window.conversations.live, timeout=10_000)
        qtbot.waitUntil((home / "first-page.json").exists, timeout=10_000)
        when = from_utc(session.app.clock.now() + timedelta(hours=2), session.zone)
        session.run(lambda: session.service.schedule(ScheduleRequest(1, "Até amanhã", when)))
        qtbot.waitUntil(lambda: window.pending_local == 1, timeout=10_000)
        open_first(window)
        window.pane.reply.editor.insertPlainText("Rascunho para a cliente")
        window.pane.drafts.flush()
        assert (home / "drafts.json").exists()
        yield Started(home, backend, launcher, window)
    finally:
        launcher.close()
        instance.close()
        keyring.set_keyring(previous)


@pytest.fixture
def started(qtbot, tmp_path, demo_server, monkeypatch) -> Iterator[Started]:
    yield from start(qtbot, tmp_path, demo_server, monkeypatch, MemoryKeyring())


@pytest.fixture
def stuck(qtbot, tmp_path, demo_server, monkeypatch) -> Iterator[Started]:
    yield from start(qtbot, tmp_path, demo_server, monkeypatch, StuckKeyring())


def test_signing_out_forgets_the_token_and_asks_to_sign_in_again(
    qtbot, started, demo_server, monkeypatch
):
    """After a confirmation that tells what will wait, the token, the drafts and the page
    kept for a quick start are gone; the sign-in dialog comes up for the same server, and
    declining it ends the app. The scheduled message stays in the outbox."""
    home, window = started.home, started.window
    exits: list[int] = []
    monkeypatch.setattr(QApplication, "exit", lambda code=0: exits.append(code))
    seen: dict[str, object] = {}

    def decline_sign_in(dialog: QWidget) -> None:
        assert isinstance(dialog, SignInDialog)
        seen["url"] = dialog.url.text()
        seen["keyring"] = dict(started.keyring.items)
        seen["files"] = [
            name for name in ("first-page.json", "drafts.json") if (home / name).exists()
        ]
        dialog.reject()

    when_modal(QMessageBox, confirm_sign_out(seen))
    window.sign_out_action.trigger()
    when_modal(SignInDialog, decline_sign_in)
    qtbot.waitUntil(lambda: exits == [0], timeout=10_000)
    assert seen["question"] == f"Sign out of {demo_server.url}?"
    assert "1 scheduled message in this app's outbox will not be sent" in str(seen["detail"])
    assert seen["url"] == demo_server.url
    assert seen["keyring"] == {} and seen["files"] == []
    assert started.launcher.window is None and not window.isVisible()
    assert not (home / "drafts.json").exists()  # not written back as the window went
    with App(home=home, db=open_database(home)) as app:
        kept = app.outbox.find(states=[OutboxState.PENDING])
        # held only while the token went: signed in again, sending goes on
        assert not app.settings.current().sending_paused
    assert [r.content for r in kept] == ["Até amanhã"]


def test_a_keyring_that_keeps_the_token_leaves_everything_as_it_was(qtbot, stuck):
    window = stuck.window
    when_modal(QMessageBox, confirm_sign_out({}))
    window.sign_out_action.trigger()
    qtbot.waitUntil(lambda: "Could not sign out" in window.notices.label.text(), timeout=10_000)
    assert "the collection is locked" in window.notices.label.text()
    assert stuck.launcher.window is window and window.isVisible()
    assert not window.session.sending_paused  # held while signing out, then resumed
    assert list(stuck.keyring.items.values())  # the token is still there
    window.pane.reply.editor.insertPlainText(", continuado")
    window.pane.drafts.flush()  # drafts are saved again
    assert "continuado" in (stuck.home / "drafts.json").read_text(encoding="utf-8")


def test_signing_out_is_not_offered_in_the_demo_nor_with_a_token_from_the_environment(
    qtbot, window
):
    assert not window.sign_out_action.isVisible()  # the fixture's window: like the demo's
    window.keeps_home = True
    assert window.sign_out_action.isVisible()
    asked: list[bool] = []
    window.sign_out_requested.connect(lambda: asked.append(True))
    window.sign_out()  # the fixture's token is AGENT_DESKTOP_TOKEN: nothing to forget here
    assert asked == []
    assert QApplication.activeModalWidget() is None
    assert "AGENT_DESKTOP_TOKEN" in window.notices.label.text()


def test_the_sign_out_question_defaults_to_cancel(qtbot, started):
    window = started.window
    asked: list[bool] = []
    window.sign_out_requested.connect(lambda: asked.append(True))
    seen: list[str] = []

    def escape(box: QWidget) -> None:
        assert isinstance(box, QMessageBox)
        default = box.defaultButton()
        seen.append(default.text() if default is not None else "")
        box.reject()  # Esc

    when_modal(QMessageBox, escape)
    window.sign_out_action.trigger()
    assert seen == ["Cancel"] and asked == []
    assert list(started.keyring.items.values())  # the token is still there


def test_signing_out_forgets_the_zones_set_for_the_account_s_contacts(qtbot, started, monkeypatch):
    """Where the agent said a customer lives is the account's customers' data: it goes
    with the token. Another account's, on another server, stays."""
    home, window = started.home, started.window
    monkeypatch.setattr(QApplication, "exit", lambda code=0: None)
    shown = window.pane.customer_time
    qtbot.waitUntil(lambda: shown.found is not None, timeout=10_000)
    assert shown.found is not None and shown.found.contact_id is not None
    contact_id, profile_id = shown.found.contact_id, window.session.profile.id
    shown.set_zone("Asia/Tokyo")  # as Set… in the header does
    qtbot.waitUntil(lambda: contact_zone(home, profile_id, contact_id) == "Asia/Tokyo")
    set_contact_zone(home, profile_id + 1000, 7, "Europe/Lisbon")  # another server's account
    seen: dict[str, object] = {}

    def decline_sign_in(dialog: QWidget) -> None:
        assert isinstance(dialog, SignInDialog)
        seen["zone"] = contact_zone(home, profile_id, contact_id)
        dialog.reject()

    when_modal(QMessageBox, confirm_sign_out({}))
    window.sign_out_action.trigger()
    when_modal(SignInDialog, decline_sign_in)
    qtbot.waitUntil(lambda: "zone" in seen, timeout=10_000)
    assert seen["zone"] is None
    assert contact_zone(home, profile_id, contact_id) is None
    assert contact_zone(home, profile_id + 1000, 7) == "Europe/Lisbon"


def test_leaving_one_account_forgets_its_contacts_zones_only(tmp_path):
    home = tmp_path / "home"
    with App(home=home, db=open_database(home)) as app:
        left = app.profiles.remember(base_url="https://chat.example", user_id=1, account_id=1)
        kept = app.profiles.remember(base_url="https://chat.example", user_id=1, account_id=2)
        app.accounts.add(left)
        app.accounts.add(kept)
        set_contact_zone(home, left.id, 5, "America/Sao_Paulo")
        set_contact_zone(home, kept.id, 5, "Europe/Lisbon")
        app.remove_account(left)
    assert contact_zone(home, left.id, 5) is None
    assert contact_zone(home, kept.id, 5) == "Europe/Lisbon"
