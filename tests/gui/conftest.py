"""The real window, offscreen, against the demo server, on the demo's fake clock."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from keyring.backends import fail

from agent_desktop.core.clock import FakeClock
from agent_desktop.credentials import TOKEN_ENV, Credentials
from agent_desktop.demo.server import DemoServer
from agent_desktop.gui import collector
from agent_desktop.gui.language import Language
from agent_desktop.gui.main_window import MainWindow
from agent_desktop.gui.session import Session
from agent_desktop.store.database import open_database
from agent_desktop.workspace import App


@pytest.fixture(autouse=True)
def _collected_on_the_gui_thread(qapp) -> None:
    """As run_gui does: garbage holding a window a test left behind must not be freed on
    the demo server's or a worker's thread while this one draws (gui/collector.py)."""
    collector.install()


@pytest.fixture(autouse=True)
def _english(qapp) -> Iterator[None]:
    """The window's translators, as run_gui installs them, in English."""
    language = Language()
    language.install("en")
    yield
    for translator in language.translators:
        qapp.removeTranslator(translator)


@pytest.fixture(autouse=True)
def _clipboard_emptied(qapp) -> Iterator[None]:
    """What a test puts on the clipboard stays there until Qt shuts down, and freeing it
    that late crashes the interpreter on its way out: empty it after each test."""
    yield
    qapp.clipboard().clear()


@pytest.fixture(autouse=True)
def _live_channels_stopped(qapp) -> Iterator[None]:
    """A window a test made and left open would keep its live channel knocking on a
    demo server that is gone, into the next tests' logs: stop every one left."""
    yield
    for widget in qapp.topLevelWidgets():
        if isinstance(widget, MainWindow):
            widget.live.stop()


@pytest.fixture
def workspace(home: Path, demo_server: DemoServer, demo_clock: FakeClock) -> Iterator[App]:
    credentials = Credentials(env={TOKEN_ENV: demo_server.token}, backend=fail.Keyring())
    app = App(home=home, db=open_database(home), credentials=credentials, clock=demo_clock)
    yield app
    app.close()


def signed_in(workspace: App, demo_server: DemoServer, account_id: int, name: str) -> Session:
    """Ana's session in one of the demo's accounts, with no sender of its own."""
    profile = workspace.profiles.remember(
        base_url=demo_server.url,
        user_id=1,
        account_id=account_id,
        user_name="Ana",
        account_name=name,
    )
    return Session.of(workspace, profile, sender="none")


@pytest.fixture
def session(qtbot, workspace: App, demo_server: DemoServer) -> Iterator[Session]:
    made = signed_in(workspace, demo_server, demo_server.accounts.upstream, "Loja Azul")
    yield made
    made.stop()


def open_first(window: MainWindow) -> None:
    """The agent opens the conversation at the top of the list."""
    view = window.conversations.view
    view.setCurrentIndex(window.conversations.model.index(0))


@pytest.fixture
def window(qtbot, session: Session) -> Iterator[MainWindow]:
    from PySide6.QtGui import QIcon

    made = MainWindow(session, QIcon())
    made.show()
    made.start()
    qtbot.waitUntil(lambda: len(made.conversations.model.rows) > 0, timeout=10_000)
    assert made.pane.conversation is None  # nothing is opened for the agent
    open_first(made)
    qtbot.waitUntil(lambda: bool(made.pane.thread_view.messages), timeout=10_000)
    yield made
    made.quitting = True  # closing with local messages pending would ask first
    made.close()
    made.tray.hide()
    made.deleteLater()
