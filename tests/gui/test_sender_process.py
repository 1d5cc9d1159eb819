"""The window and its sender, a process of its own: the window starts one (or attaches to
the one running), hands it a token kept for this session only, learns what it sent from
the journal, starts a new one after a crash and replaces one that froze, telling the
agent. Real processes, the real clock."""

from __future__ import annotations

import os
import signal
from collections.abc import Iterator
from datetime import timedelta

import pytest
from keyring.backends import fail

from agent_desktop.core.clock import SystemClock
from agent_desktop.credentials import Credentials
from agent_desktop.gui.session import Session
from agent_desktop.scheduling.events import Event, EventKind
from agent_desktop.sender.control import ask
from agent_desktop.sender.supervisor import Seen
from agent_desktop.store.database import open_database
from agent_desktop.store.states import OutboxState
from agent_desktop.workspace import App

S = OutboxState
pytestmark = pytest.mark.skipif(os.name != "posix", reason="POSIX signals")


@pytest.fixture
def demo_clock():
    """The sender runs on the real clock: so does the server beside it."""
    return SystemClock()


@pytest.fixture
def live(qtbot, home, demo_server, monkeypatch) -> Iterator[tuple[App, Session]]:
    """A window's session on the demo server whose token is kept for this session only
    (no keyring, nothing in the environment): the sender can only have it from the
    window."""
    monkeypatch.setenv("PYTHON_KEYRING_BACKEND", "keyring.backends.fail.Keyring")
    monkeypatch.delenv("AGENT_DESKTOP_TOKEN", raising=False)
    credentials = Credentials(env={}, backend=fail.Keyring())
    app = App(home=home, db=open_database(home), credentials=credentials, clock=SystemClock())
    profile = app.profiles.remember(
        base_url=demo_server.url, user_id=1, account_id=demo_server.accounts.upstream
    )
    credentials.keep_for_session(demo_server.url, 1, demo_server.token)
    session = Session.of(app, profile, sender="process")
    session.start()
    yield app, session
    session.stop(stop_sender=True)
    app.close()


def sender_pid(qtbot, session: Session, home) -> int:
    def answered() -> bool:
        session.sender_link.check()
        try:
            return bool(ask(home, "status", timeout=0.5)["pid"])
        except Exception:
            return False

    qtbot.waitUntil(answered, timeout=20_000)
    return int(ask(home, "status")["pid"])


def add(app: App, text: str, seconds: float = 0.0):
    profile = app.profiles.last_used()
    assert profile is not None
    return app.outbox.add(
        profile_id=profile.id,
        conversation_id=1,
        content=text,
        scheduled_at=app.clock.now() + timedelta(seconds=seconds),
        zone="UTC",
        hold_on_reply=False,
    )


def test_the_window_starts_a_sender_and_hears_what_it_sent(qtbot, live, home):
    app, session = live
    events: list[Event] = []
    session.scheduling_event.connect(events.append)
    pid = sender_pid(qtbot, session, home)
    assert pid != os.getpid()
    record = add(app, "Pelo remetente")
    qtbot.waitUntil(lambda: app.outbox.get(record.id).state is S.SENT, timeout=15_000)
    # told through the journal, as the sender is another process
    qtbot.waitUntil(
        lambda: any(
            e.kind is EventKind.SENT and e.record and e.record.id == record.id for e in events
        ),
        timeout=10_000,
    )


def test_after_a_crash_the_window_starts_a_new_sender(qtbot, live, home):
    app, session = live
    first = sender_pid(qtbot, session, home)
    os.kill(first, signal.SIGKILL)
    qtbot.waitUntil(lambda: sender_pid(qtbot, session, home) != first, timeout=30_000)
    record = add(app, "Depois da queda")
    qtbot.waitUntil(lambda: app.outbox.get(record.id).state is S.SENT, timeout=15_000)


def test_a_frozen_sender_is_replaced_and_the_agent_told(qtbot, live, home):
    app, session = live
    first = sender_pid(qtbot, session, home)
    assert session.sender_link.supervisor is not None
    session.sender_link.supervisor.silence = 1.0
    notes: list[str] = []
    session.sender_note.connect(notes.append)
    qtbot.wait(500)  # its start-up writes done
    os.kill(first, signal.SIGSTOP)
    try:

        def replaced() -> bool:
            session.sender_link.check()
            return bool(notes)

        qtbot.waitUntil(replaced, timeout=30_000)
        assert "stopped answering" in notes[0]
        assert sender_pid(qtbot, session, home) != first
        record = add(app, "Apesar do congelado")
        qtbot.waitUntil(lambda: app.outbox.get(record.id).state is S.SENT, timeout=15_000)
    finally:
        try:
            os.kill(first, signal.SIGCONT)
            os.kill(first, signal.SIGKILL)
        except ProcessLookupError:
            pass


def test_checking_never_starts_a_second_sender(qtbot, live, home):
    _app, session = live
    pid = sender_pid(qtbot, session, home)
    assert session.sender_link.supervisor is not None
    for _ in range(3):
        assert session.sender_link.supervisor.check().seen is Seen.RUNNING
    assert int(ask(home, "status")["pid"]) == pid
    assert os.getpid() in ask(home, "status")["windows"]
