"""What the server did with the messages it keeps reaches the window by itself: when the
Scheduled tab is shown, when the conversation is opened, and on the tab's own timer. The
real window, offscreen, on the demo's fork account (its scheduled_messages resource)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta

import pytest

from agent_desktop.chatwoot.client import ChatwootClient
from agent_desktop.core.clock import FakeClock
from agent_desktop.core.timezones import from_utc
from agent_desktop.demo.server import DemoServer
from agent_desktop.gui.main_window import MainWindow
from agent_desktop.gui.session import Session
from agent_desktop.labels import state_label
from agent_desktop.scheduling.requests import ScheduleRequest
from agent_desktop.store.records import OutboxRecord
from agent_desktop.store.states import OutboxState
from agent_desktop.workspace import App
from tests.gui.conftest import signed_in

S = OutboxState


@pytest.fixture
def session(qtbot, workspace: App, demo_server: DemoServer) -> Iterator[Session]:
    """The conftest's window, signed in to the fork's account instead."""
    made = signed_in(workspace, demo_server, demo_server.accounts.fork, "Loja Verde")
    yield made
    made.stop()


def scheduled_elsewhere(window: MainWindow, session: Session) -> OutboxRecord:
    """A message the fork's server keeps, in a conversation that is not the open one, the
    live channel stopped: nothing but the trigger under test asks the server about it."""
    window.live.stop()  # its news of the server's send would refresh an open conversation
    conversation = window.conversations.model.rows[1]
    assert window.pane.conversation is not None
    assert conversation.id != window.pane.conversation.id
    when = from_utc(session.app.clock.now() + timedelta(minutes=10), session.zone)
    record = session.service.schedule(
        ScheduleRequest(conversation.id, "Passando para lembrar", when)
    )
    assert record.backend == "server-resource" and record.state is S.PENDING
    return record


def listed(qtbot, window: MainWindow, record: OutboxRecord) -> None:
    """The tab (shown or not) lists it as waiting, from the app's own store."""
    tab = window.scheduled
    tab.show_view(tab.status.count() - 1)  # all: a sent one stays in view
    qtbot.waitUntil(lambda: record.id in tab.model.records, timeout=10_000)
    assert status_shown(window, record) == state_label(S.PENDING)


def status_shown(window: MainWindow, record: OutboxRecord) -> str:
    model = window.scheduled.model
    row = model.row_of(record.id)
    assert row is not None
    return str(model.data(model.index(row, 4)))


def the_server_sends_it(demo_server: DemoServer, demo_clock: FakeClock) -> None:
    demo_clock.advance(timedelta(minutes=10))
    assert demo_server.dispatch_now() == {"sent": 1, "failed": 0}


def test_showing_the_tab_shows_what_the_server_did(qtbot, window, session, demo_server, demo_clock):
    record = scheduled_elsewhere(window, session)
    listed(qtbot, window, record)
    assert window.tabs.currentIndex() == 0  # the tab has not been looked at yet
    the_server_sends_it(demo_server, demo_clock)
    window.tabs.setCurrentIndex(1)
    qtbot.waitUntil(lambda: status_shown(window, record) == state_label(S.SENT), timeout=10_000)
    model = window.scheduled.model
    backend = model.data(model.index(model.row_of(record.id), 5))
    assert backend == "The server (scheduled_messages)"  # as the design names itself


def test_opening_the_conversation_shows_what_the_server_did(
    qtbot, window, session, demo_server, demo_clock
):
    record = scheduled_elsewhere(window, session)
    listed(qtbot, window, record)
    the_server_sends_it(demo_server, demo_clock)
    row = next(
        n for n, c in enumerate(window.conversations.model.rows) if c.id == record.conversation_id
    )
    window.conversations.view.setCurrentIndex(window.conversations.model.index(row))
    outbox, pane = session.app.outbox, window.pane
    qtbot.waitUntil(lambda: outbox.get(record.id).state is S.SENT, timeout=10_000)
    # the thread has the message as sent, and no card saying it is still to come
    qtbot.waitUntil(
        lambda: any(m.content == "Passando para lembrar" for m in pane.thread_view.messages),
        timeout=10_000,
    )
    qtbot.waitUntil(lambda: not pane.pending, timeout=10_000)
    assert "agent-desktop:cancel/" not in pane.thread_view.toHtml()


def test_the_tabs_timer_shows_what_the_server_did(qtbot, window, session, demo_server, demo_clock):
    record = scheduled_elsewhere(window, session)
    listed(qtbot, window, record)
    qtbot.waitUntil(lambda: window.tabs.tabText(1) == "Scheduled (1)", timeout=10_000)
    the_server_sends_it(demo_server, demo_clock)
    window.scheduled._server_timer.timeout.emit()  # a minute later, without the wait
    qtbot.waitUntil(lambda: status_shown(window, record) == state_label(S.SENT), timeout=10_000)
    qtbot.waitUntil(lambda: window.tabs.tabText(1) == "Scheduled", timeout=10_000)
    assert window.tabs.currentIndex() == 0  # nobody looked at the tab


def test_a_message_deleted_on_the_server_is_told_not_just_changed(
    qtbot, window, session, demo_server
):
    record = scheduled_elsewhere(window, session)
    listed(qtbot, window, record)
    fork = demo_server.accounts.fork
    with ChatwootClient(demo_server.url, demo_server.token, account_id=fork) as api:
        # someone deletes it in Chatwoot's own window
        (kept,) = [
            m for m in api.scheduled_messages(record.conversation_id) if m.content == record.content
        ]
        api.delete_scheduled_message(record.conversation_id, kept.id)
    window.tabs.setCurrentIndex(1)
    qtbot.waitUntil(
        lambda: status_shown(window, record) == state_label(S.CANCELLED), timeout=10_000
    )
    notice = window.notices.label.text()
    assert "cancelled on the server" in notice and "deleted on the server" in notice
    assert "Passando para lembrar" in notice
