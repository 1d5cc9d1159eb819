"""Several accounts signed in: switching from the File menu and the tray, kept across a
restart; another account's messages going out (and failing, said naming it) while one
is shown; a customer writing in another account, said naming it; each account's notice
history kept across switches; signing in again with another account chosen; signing
out of one."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

import httpx
import pytest
from PySide6.QtCore import QTimer
from PySide6.QtGui import QAction, QIcon
from PySide6.QtWidgets import QDialogButtonBox, QMenu, QMessageBox, QWidget

from agent_desktop.chatwoot.client import ChatwootClient
from agent_desktop.core.clock import FakeClock
from agent_desktop.credentials import SERVICE, Credentials, account_key
from agent_desktop.demo.server import DemoServer
from agent_desktop.gui.app import GuiOptions, Launcher
from agent_desktop.gui.main_window import MainWindow
from agent_desktop.gui.session import SenderMode
from agent_desktop.gui.sign_in_dialog import SignInDialog
from agent_desktop.gui.single_instance import InstanceServer
from agent_desktop.store.database import open_database
from agent_desktop.store.states import OutboxState
from agent_desktop.workspace import App
from tests.gui.test_scheduled_and_notices import schedule
from tests.gui.test_sign_out import when_modal
from tests.test_credentials import MemoryKeyring
from tests.test_secrets_stay_secret import everything_written

AZUL = "Loja Azul (Chatwoot)"  # the demo's accounts, as its server names them
VERDE = "Loja Verde (scheduled messages)"


@dataclass
class Desk:
    """The app on a data directory whose keyring holds Ana's token."""

    home: Path
    server: DemoServer
    clock: FakeClock
    keyring: MemoryKeyring
    launchers: list[Launcher]

    def sign_in(self, *account_ids: int, token: str | None = None) -> None:
        """Accounts signed in before this start, the last one shown."""
        with ChatwootClient(self.server.url, self.server.token) as client:
            ana = client.profile()
        with self.app() as app:
            for account_id in account_ids:
                self.moment()
                app.add_account(
                    self.server.url,
                    ana,
                    account_id,
                    token or self.server.token,
                    session_only=False,
                )

    def moment(self) -> None:
        """The agent's next step comes a moment later: the demo's clock moves only when
        told, and the account shown last is the one used last."""
        self.clock.advance(timedelta(seconds=1))

    def app(self) -> App:
        credentials = Credentials(env={}, backend=self.keyring)
        db = open_database(self.home)
        return App(home=self.home, db=db, credentials=credentials, clock=self.clock)

    def start(self, sender: SenderMode = "none") -> Launcher:
        """A start (after the last one ended: a restart): a new store, session and window."""
        self.stop()
        launcher = Launcher(
            self.home, QIcon(), GuiOptions(home=str(self.home)), InstanceServer(self.home)
        )
        launcher.sender = sender
        self.launchers.append(launcher)
        assert launcher.slow(self.app()) is None
        return launcher

    def stop(self) -> None:
        while self.launchers:
            launcher = self.launchers.pop()
            launcher.close()
            launcher.instance.close()


@pytest.fixture
def desk(qtbot, home, demo_server, demo_clock) -> Iterator[Desk]:
    made = Desk(home, demo_server, demo_clock, MemoryKeyring(), [])
    yield made
    made.stop()


def shown(qtbot, launcher: Launcher, account_id: int) -> MainWindow:
    """The launcher's window, once it shows that account's conversations from the server."""

    def there() -> bool:
        window = launcher.window
        return (
            window is not None
            and window.session.profile.account_id == account_id
            and window.conversations.live
            and bool(window.conversations.model.rows)
        )

    qtbot.waitUntil(there, timeout=10_000)
    window = launcher.window
    assert window is not None
    return window


def switch_menu(window: MainWindow, qtbot) -> dict[str, bool]:
    """The File menu's "Switch account": each account listed, and whether it is checked."""
    qtbot.waitUntil(lambda: len(window.switcher.accounts) > 1, timeout=5_000)
    file_menu = menu_of(window.menuBar().actions()[0])
    entry = next(a for a in file_menu.actions() if a.text() == "Switch account")
    return {a.text(): a.isChecked() for a in menu_of(entry).actions() if a.isCheckable()}


def menu_of(action: QAction) -> QMenu:
    menu = action.menu()
    assert isinstance(menu, QMenu)
    return menu


def test_switching_from_the_file_menu_shows_the_other_account_and_a_restart_keeps_it(
    qtbot, desk, demo_server
):
    desk.sign_in(demo_server.accounts.fork, demo_server.accounts.upstream)
    launcher = desk.start()
    window = shown(qtbot, launcher, demo_server.accounts.upstream)
    assert AZUL in window.windowTitle()
    listed = switch_menu(window, qtbot)
    verde = next(label for label in listed if label.startswith(VERDE))
    assert listed == {next(x for x in listed if x.startswith(AZUL)): True, verde: False}
    assert "Ana" in verde and "127.0.0.1" in verde  # whose, where

    entry = next(a for a in window.switcher.menu.actions() if a.text() == verde)
    desk.moment()
    entry.trigger()
    window = shown(qtbot, launcher, demo_server.accounts.fork)
    assert VERDE in window.windowTitle()
    assert {c.account_id for c in window.conversations.model.rows} == {demo_server.accounts.fork}
    assert switch_menu(window, qtbot)[verde] is True

    launcher = desk.start()  # a restart: the account last shown comes back, both listed
    window = shown(qtbot, launcher, demo_server.accounts.fork)
    tray_entry = next(a for a in window.tray.menu.actions() if a.text() == "Switch account")
    qtbot.waitUntil(lambda: len(window.switcher.accounts) == 2, timeout=5_000)
    in_tray = [a for a in menu_of(tray_entry).actions() if a.isCheckable()]
    assert [(a.text().split(" — ")[0], a.isChecked()) for a in in_tray] == [
        (VERDE, True),
        (AZUL, False),
    ]
    desk.moment()
    in_tray[1].trigger()  # and from the tray, back
    window = shown(qtbot, launcher, demo_server.accounts.upstream)
    assert demo_server.token.encode() not in everything_written(desk.home)


def test_another_accounts_messages_go_out_and_failing_say_which_account(qtbot, desk, demo_server):
    """A message scheduled in Loja Azul goes out at its time while Loja Verde is shown
    (by the sender the window started); one that fails is told naming Loja Azul, and
    its Open goes there, to the message."""
    desk.sign_in(demo_server.accounts.fork, demo_server.accounts.upstream)
    launcher = desk.start(sender="thread")
    window = shown(qtbot, launcher, demo_server.accounts.upstream)
    conversation = window.conversations.model.rows[0].id
    going = schedule(window.session, "Já já", 10, conversation=conversation)
    lost = schedule(window.session, "Para lugar nenhum", 10, conversation=99_999)
    desk.moment()
    window.switcher.switch_to(
        next(a for a in window.switcher.accounts if a.account_id == demo_server.accounts.fork)
    )
    window = shown(qtbot, launcher, demo_server.accounts.fork)
    window.tabs.setCurrentIndex(1)
    window.scheduled.reload()
    qtbot.wait(300)
    assert going.id not in window.scheduled.model.records  # the tab shows this account's

    desk.clock.advance(timedelta(minutes=11))
    host = window.session.sender_link.host
    qtbot.waitUntil(lambda: host is not None and host.dispatcher is not None, timeout=5_000)
    assert host is not None and host.dispatcher is not None
    host.dispatcher.wake()  # as at its next look, which a real clock would bring
    outbox = window.session.app.outbox
    qtbot.waitUntil(lambda: outbox.get(going.id).state is OutboxState.SENT, timeout=10_000)
    with ChatwootClient(demo_server.url, demo_server.token, demo_server.accounts.upstream) as c:
        assert "Já já" in [m.content for m in c.messages(conversation)]
    qtbot.waitUntil(lambda: "failed in Loja Azul" in window.notices.label.text(), timeout=10_000)
    assert window.notices.action.text() == "Open"
    assert VERDE in window.windowTitle()  # told, not switched
    window.notices.action.click()
    window = shown(qtbot, launcher, demo_server.accounts.upstream)
    assert window.tabs.currentIndex() == 1
    qtbot.waitUntil(
        lambda: (chosen := window.scheduled.selected()) is not None and chosen.id == lost.id,
        timeout=5_000,
    )


def my_open_conversations(server: DemoServer, account_id: int) -> dict[int, str]:
    """Ana's open conversations in the account: their titles by id."""
    with ChatwootClient(server.url, server.token, account_id) as client:
        page = client.conversations(status="open", assignee_type="me")
        return {c.id: c.title for c in page.conversations}


def customer_writes_in(server: DemoServer, account_id: int, conversation_id: int, text: str):
    response = httpx.post(
        f"{server.url}/demo/accounts/{account_id}/conversations/{conversation_id}"
        "/customer_messages",
        json={"content": text},
        headers={"Api-Access-Token": server.token},
    )
    response.raise_for_status()


def test_a_customer_writing_in_another_account_is_announced_naming_it(
    qtbot, desk, demo_server, monkeypatch
):
    """Loja Azul is shown (Loja Verde was, at another conversation); a customer writes
    to Ana in Loja Verde: the notification says Loja Verde and who wrote, once; clicked,
    it shows Loja Verde at that conversation."""
    fork = demo_server.accounts.fork
    mine = my_open_conversations(demo_server, fork)
    conversation, customer = next(iter(mine.items()))
    desk.sign_in(demo_server.accounts.upstream, fork)
    launcher = desk.start()
    window = shown(qtbot, launcher, fork)
    window.conversations.select_id(next(c for c in mine if c != conversation))
    qtbot.waitUntil(lambda: window.pane.conversation is not None)
    switch_menu(window, qtbot)
    desk.moment()
    window.switcher.switch_to(window.switcher.others()[0])
    window = shown(qtbot, launcher, demo_server.accounts.upstream)
    told: list[tuple[str, str, object]] = []

    def notify(title, text, on_click=None, kind=None) -> bool:
        told.append((title, text, on_click))
        return True

    monkeypatch.setattr(window.tray, "notify", notify)
    switch_menu(window, qtbot)
    verde = next(a for a in window.switcher.accounts if a.account_id == fork)
    elsewhere = window.switcher.arrivals
    qtbot.waitUntil(lambda: verde.id in elsewhere.newest, timeout=10_000)  # what is there

    def look() -> None:
        seen = elsewhere.newest[verde.id]
        elsewhere.look()
        qtbot.waitUntil(lambda: elsewhere.newest[verde.id] is not seen, timeout=10_000)

    look()
    assert told == []  # what was there already is not news
    customer_writes_in(demo_server, fork, conversation, "Vocês entregam **no sábado**?")
    look()
    assert [(title, text) for title, text, _ in told] == [
        (f"{VERDE}: new message from {customer}", "Vocês entregam no sábado?")
    ]
    look()
    assert len(told) == 1  # once
    assert AZUL in window.windowTitle()  # told, not switched
    desk.moment()
    opens = told[0][2]
    assert callable(opens)
    opens()  # clicked
    window = shown(qtbot, launcher, fork)
    qtbot.waitUntil(
        lambda: (
            window.pane.conversation is not None and window.pane.conversation.id == conversation
        ),
        timeout=10_000,
    )
    qtbot.waitUntil(
        lambda: (
            (chosen := window.conversations.current()) is not None and chosen.id == conversation
        ),
        timeout=10_000,
    )  # chosen in the list too, once it is there


def history_of(window: MainWindow) -> list[str]:
    """The notices listed in the window's Notifications (Ctrl+Shift+N), newest first."""
    window.actions_["notifications"].trigger()
    dialog = window.notices.history_dialog
    assert dialog is not None and dialog.isVisible()
    items = [dialog.table.item(row, 1) for row in range(dialog.table.rowCount())]
    texts = [item.text() for item in items if item is not None]
    dialog.close()
    return texts


def test_each_accounts_notice_history_is_kept_across_switches(qtbot, desk, demo_server):
    desk.sign_in(demo_server.accounts.fork, demo_server.accounts.upstream)
    launcher = desk.start()
    window = shown(qtbot, launcher, demo_server.accounts.upstream)
    switch_menu(window, qtbot)
    azul, verde = (
        next(a for a in window.switcher.accounts if a.account_id == account_id)
        for account_id in (demo_server.accounts.upstream, demo_server.accounts.fork)
    )
    window.notices.show_notice("Told in Loja Azul, first")
    window.notices.show_notice("Told in Loja Azul, then")

    def go(account) -> MainWindow:
        desk.moment()
        launcher.window.switcher.switch_to(account)
        return shown(qtbot, launcher, account.account_id)

    window = go(verde)
    assert not [text for text in history_of(window) if "Loja Azul" in text]  # its own
    window.notices.show_notice("Told in Loja Verde")
    window = go(azul)
    told = [text for text in history_of(window) if text.startswith("Told in")]
    assert told == ["Told in Loja Azul, then", "Told in Loja Azul, first"]  # newest first
    window = go(verde)
    assert [text for text in history_of(window) if text.startswith("Told in")] == [
        "Told in Loja Verde"
    ]


def choose_account(token: str, account_id: int, seen: dict[str, object]):
    """Paste the token, verify, choose the account, sign in."""

    def act(dialog: QWidget) -> None:
        assert isinstance(dialog, SignInDialog)
        seen["title"] = dialog.windowTitle()
        dialog.token.setText(token)
        dialog.verify.click()

        def verified() -> None:
            if dialog.accounts.count() == 0:
                QTimer.singleShot(20, verified)
                return
            seen["chosen at first"] = dialog.accounts.currentData()
            dialog.accounts.setCurrentIndex(dialog.accounts.findData(account_id))
            dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()

        QTimer.singleShot(20, verified)

    return act


def test_signing_in_again_with_another_account_chosen_goes_to_it(qtbot, desk, demo_server):
    """The server refused the kept token; the agent signs in again and picks Loja Verde
    in the dialog: the window is Loja Verde's, and says so."""
    desk.sign_in(demo_server.accounts.upstream, token="a-token-revoked-since")
    launcher = desk.start()
    window = launcher.window
    assert window is not None
    qtbot.waitUntil(lambda: window.notices.action.text() == "Sign in", timeout=10_000)
    seen: dict[str, object] = {}
    when_modal(SignInDialog, choose_account(demo_server.token, demo_server.accounts.fork, seen))
    desk.moment()
    window.notices.action.click()
    window = shown(qtbot, launcher, demo_server.accounts.fork)
    assert seen["chosen at first"] == demo_server.accounts.upstream  # the window's own
    assert VERDE in window.windowTitle()
    assert window.notices.label.text() == f"Signed in to {VERDE}."
    assert {c.account_id for c in window.conversations.model.rows} == {demo_server.accounts.fork}
    assert sorted(switch_menu(window, qtbot).values()) == [False, True]  # both signed in
    user = window.session.profile.user_id
    assert desk.keyring.items[(SERVICE, account_key(demo_server.url, user))] == demo_server.token


def test_adding_an_account_from_the_file_menu(qtbot, desk, demo_server):
    desk.sign_in(demo_server.accounts.upstream)
    launcher = desk.start()
    window = shown(qtbot, launcher, demo_server.accounts.upstream)
    seen: dict[str, object] = {}
    when_modal(SignInDialog, choose_account(demo_server.token, demo_server.accounts.seed, seen))
    add = next(a for a in window.switcher.menu.actions() if a.text() == "Add account…")
    desk.moment()
    add.trigger()
    window = shown(qtbot, launcher, demo_server.accounts.seed)
    assert seen["title"] == "Add an account"
    assert "Signed in to Loja Roxa" in window.notices.label.text()
    assert len(switch_menu(window, qtbot)) == 2


def test_signing_out_of_one_account_asks_then_shows_the_other(qtbot, desk, demo_server):
    """With a message waiting in Loja Azul, signing out of it says the message still
    goes (Loja Verde is Ana's too: the token stays), then Loja Verde is shown."""
    desk.sign_in(demo_server.accounts.fork, demo_server.accounts.upstream)
    launcher = desk.start()
    window = shown(qtbot, launcher, demo_server.accounts.upstream)
    window.tabs.setCurrentIndex(1)
    schedule(window.session, "Até amanhã", 120, conversation=window.conversations.model.rows[0].id)
    qtbot.waitUntil(lambda: window.pending_local == 1, timeout=10_000)
    qtbot.waitUntil(lambda: len(window.switcher.accounts) == 2, timeout=5_000)
    seen: dict[str, str] = {}

    def confirm(box: QWidget) -> None:
        assert isinstance(box, QMessageBox)
        seen["question"], seen["detail"] = box.text(), box.informativeText()
        next(b for b in box.buttons() if b.text() == "Sign out").click()

    when_modal(QMessageBox, confirm)
    desk.moment()
    window.sign_out_action.trigger()
    window = shown(qtbot, launcher, demo_server.accounts.fork)
    assert seen["question"] == f"Sign out of {AZUL}?"
    assert "The access token stays" in seen["detail"]
    assert "1 scheduled message of this account will still be sent" in seen["detail"]
    assert window.notices.label.text() == f"Signed out of {AZUL}."
    assert list(desk.keyring.items)  # Loja Verde uses it
    qtbot.wait(200)
    assert [a.account_id for a in window.switcher.accounts] == [demo_server.accounts.fork]


def test_the_sender_process_gets_each_accounts_session_token(qtbot, home, demo_server, monkeypatch):
    """Two servers, each token kept for this session only (no keyring): the sender, a
    process of its own, is handed both, and sends the other server's message while the
    window shows the first."""
    from keyring.backends import fail

    from agent_desktop.core.clock import SystemClock
    from agent_desktop.demo.server import DemoConfig
    from agent_desktop.gui.session import Session

    monkeypatch.setenv("PYTHON_KEYRING_BACKEND", "keyring.backends.fail.Keyring")
    other = DemoServer(
        DemoConfig(dispatch_interval=3600, customer_interval=0, token="another-servers-token")
    ).start()
    credentials = Credentials(env={}, backend=fail.Keyring())
    app = App(home=home, db=open_database(home), credentials=credentials, clock=SystemClock())
    session = None
    try:
        logins = []
        for server in (other, demo_server):
            with ChatwootClient(server.url, server.token) as client:
                ana = client.profile()
            logins.append(
                app.add_account(
                    server.url, ana, server.accounts.upstream, server.token, session_only=True
                )[0]
            )
        elsewhere, shown_here = logins
        session = Session.of(app, shown_here, sender="process")
        session.start()
        record = app.outbox.add(
            profile_id=elsewhere.id,
            conversation_id=1,
            content="Do outro servidor",
            scheduled_at=app.clock.now(),
            zone="UTC",
            hold_on_reply=False,
        )
        qtbot.waitUntil(lambda: app.outbox.get(record.id).state is OutboxState.SENT, timeout=30_000)
    finally:
        if session is not None:
            session.stop(stop_sender=True)
        app.close()
        other.stop()
