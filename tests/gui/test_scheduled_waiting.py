"""A message that waits for its inbox to open, in the Scheduled tab: from the moment it is
scheduled, a time at which the inbox's hours say it is closed shows the opening beside it,
all the while before its time; at its time the sender reads the hours again and it goes
out at the opening. On the demo's clock fixed at a Wednesday afternoon (the WhatsApp
inbox keeps São Paulo's weekday hours, 9:00-18:00), in any zone of this computer's."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from PySide6.QtCore import Qt

from agent_desktop.chatwoot.client import ChatwootClient
from agent_desktop.core.clock import FakeClock
from agent_desktop.core.dates import short_moment
from agent_desktop.core.timezones import from_utc
from agent_desktop.gui.main_window import MainWindow
from agent_desktop.gui.scheduled_model import ScheduledModel
from agent_desktop.store.records import OutboxRecord
from agent_desktop.store.states import OutboxState
from tests.gui.test_customer_time import (
    by_phone_in_sao_paulo_with_hours,
    customer_of,
    opened,
    pick,
    scheduler,
)
from tests.support.samples import outbox_record

S = OutboxState
WEDNESDAY = datetime(2026, 5, 6, 17, 5, tzinfo=UTC)  # 14:05 in São Paulo
SATURDAY = datetime(2026, 5, 9, 12, 0, tzinfo=UTC)  # 9:00 there: closed at the weekend
MONDAY = datetime(2026, 5, 11, 12, 0, tzinfo=UTC)  # 9:00 there: its opening


@pytest.fixture
def demo_clock() -> FakeClock:
    return FakeClock(WEDNESDAY)


@pytest.fixture
def api(demo_server) -> Iterator[ChatwootClient]:
    with ChatwootClient(
        demo_server.url, demo_server.token, account_id=demo_server.accounts.upstream
    ) as client:
        yield client


def both_times(scheduled: datetime, opening: datetime, zone: ZoneInfo) -> str:
    shown = from_utc(scheduled, zone).display()
    return f"{shown} → opens {short_moment(opening.astimezone(zone))}"


def cell(window: MainWindow, outbox_id: int, role=Qt.ItemDataRole.DisplayRole):
    model = window.scheduled.model
    row = model.row_of(outbox_id)
    assert row is not None
    return model.data(model.index(row, 0), role)


def test_the_tab_shows_the_opening_from_the_moment_it_is_scheduled_and_it_goes_then(
    qtbot, window, api, session, demo_clock
):
    session.save_settings({"backend": "local"})  # this computer's outbox holds it
    cid, _side = customer_of(api, window, by_phone_in_sao_paulo_with_hours)
    opened(qtbot, window, cid)
    reply = window.pane.reply
    reply.editor.setPlainText("Bom dia! Chegou o seu pedido.")
    panel = scheduler(window)
    pick(panel, SATURDAY)
    panel.customer.wait.click()
    reply.send_button.click()

    def kept() -> list[OutboxRecord]:
        return [r for r in session.service.find(conversation_id=cid) if r.content.startswith("Bom")]

    # the opening is read on the worker once the message is kept: wait for both
    qtbot.waitUntil(lambda: [r.expected_opening for r in kept()] == [MONDAY], timeout=10_000)
    record = kept()[0]
    assert record.scheduled_at == record.due_at == SATURDAY  # the sender decides then
    window.tabs.setCurrentIndex(1)
    window.scheduled.reload()
    qtbot.waitUntil(lambda: window.scheduled.model.row_of(record.id) is not None, timeout=10_000)
    expected = both_times(SATURDAY, MONDAY, session.zone)
    assert cell(window, record.id) == expected
    opens = from_utc(MONDAY, session.zone).display()
    assert f"it should go out at {opens}" in cell(window, record.id, Qt.ItemDataRole.ToolTipRole)

    # all Friday evening, before its time: still both
    dispatcher = session.app.dispatcher()
    demo_clock.advance(SATURDAY - timedelta(hours=13) - demo_clock.now())
    dispatcher.step()
    assert session.app.outbox.get(record.id) == record
    assert cell(window, record.id) == expected

    # at its time the sender finds the inbox closed and keeps it for the opening
    demo_clock.advance(SATURDAY - demo_clock.now())
    dispatcher.step()
    waiting = session.app.outbox.get(record.id)
    assert waiting.state is S.PENDING and waiting.due_at == MONDAY
    window.scheduled.reload()
    qtbot.waitUntil(
        lambda: window.scheduled.model.records[record.id].due_at == MONDAY, timeout=10_000
    )
    assert cell(window, record.id) == expected
    texts = [m.content for m in api.messages(cid)]
    assert "Bom dia! Chegou o seu pedido." not in texts

    demo_clock.advance(MONDAY - demo_clock.now())
    dispatcher.step()
    assert session.app.outbox.get(record.id).state is S.SENT
    texts = [m.content for m in api.messages(cid)]
    assert texts.count("Bom dia! Chegou o seu pedido.") == 1


def test_the_expected_opening_gives_way_to_what_the_sender_found(qtbot):
    zone = ZoneInfo("UTC")
    model = ScheduledModel(zone, FakeClock(SATURDAY - timedelta(days=1)))
    waiting = dict(scheduled_at=SATURDAY, due_at=SATURDAY, wait_for_opening=True)
    expected = outbox_record(id=1, expected_opening=MONDAY, **waiting)
    # the sender found it open at its time (the hours changed), and sent it
    sent = outbox_record(id=2, expected_opening=MONDAY, **{**waiting, "state": S.SENT})
    # the sender found another opening: that one counts
    later = MONDAY + timedelta(days=1)
    moved = outbox_record(id=3, expected_opening=MONDAY, **{**waiting, "due_at": later})
    open_then = outbox_record(id=4, **waiting)  # the hours said it was open
    model.states = None
    model.set_rows([expected, sent, moved, open_then])

    def shown(outbox_id: int) -> str:
        row = model.row_of(outbox_id)
        assert row is not None
        return str(model.data(model.index(row, 0)))

    saturday = "2026-05-09 12:00 UTC (UTC+00:00)"
    assert shown(1) == f"{saturday} → opens Mon 11 May 12:00"
    assert shown(2) == saturday
    assert shown(3) == f"{saturday} → opens Tue 12 May 12:00"
    assert shown(4) == saturday
