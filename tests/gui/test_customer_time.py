"""The customer's clock in the window: the thread's header says what time it is for the
customer and how their zone was found, or that it is not known, and the agent can set
it (kept for the contact); the scheduler shows the picked time on the customer's clock,
offers "Their morning" and "When the inbox opens" resolved exactly as the command line
resolves them, warns of a time outside the inbox's hours or in the customer's night with
the next better time one key away, moving nothing; and a message may wait for the inbox
to open. On the demo's clock fixed at a Wednesday afternoon, in any zone of this
computer's."""

from __future__ import annotations

import argparse
import threading
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtWidgets import QApplication, QWidget

from agent_desktop.chatwoot.client import ChatwootClient
from agent_desktop.chatwoot.customers import CustomerSide, customer_side
from agent_desktop.commands import customer_time as cli
from agent_desktop.core.business_hours import parse_business_hours
from agent_desktop.core.clock import FakeClock
from agent_desktop.core.customer_zone import ZoneSource, infer_zone
from agent_desktop.core.presets import CustomerPreset
from agent_desktop.core.send_advice import send_advice
from agent_desktop.core.timezones import to_utc
from agent_desktop.gui import customer_time
from agent_desktop.gui.main_window import MainWindow
from agent_desktop.gui.schedule_panel import SchedulePanel
from agent_desktop.gui.scheduled_model import ScheduledModel
from agent_desktop.store.contact_zones import contact_zone
from agent_desktop.store.records import OutboxRecord
from tests.gui.test_scheduling_widgets import type_into_picker
from tests.support.samples import outbox_record

SAO_PAULO = ZoneInfo("America/Sao_Paulo")
# a Wednesday: 14:05 in São Paulo, inside the WhatsApp inbox's hours (weekdays 9-18 there)
WEDNESDAY = datetime(2026, 5, 6, 17, 5, tzinfo=UTC)


@pytest.fixture
def demo_clock() -> FakeClock:
    return FakeClock(WEDNESDAY)


@pytest.fixture
def api(demo_server) -> Iterator[ChatwootClient]:
    with ChatwootClient(
        demo_server.url, demo_server.token, account_id=demo_server.accounts.upstream
    ) as client:
        yield client


def customer_of(
    api: ChatwootClient, window: MainWindow, wanted: Callable[[CustomerSide], bool]
) -> tuple[int, CustomerSide]:
    """An open conversation whose contact and inbox, as the server has them, are `wanted`:
    the window's list first (those the agent sees at once), then the account's."""
    listed = [c.id for c in window.conversations.model.rows]
    others = [c.id for c in api.conversations(assignee_type="all").conversations]
    for conversation_id in dict.fromkeys(listed + others):
        side = customer_side(api, conversation_id)
        if wanted(side):
            return conversation_id, side
    raise AssertionError("no such customer in the demo's open conversations")


def by_phone_in_sao_paulo_with_hours(side: CustomerSide) -> bool:
    found = infer_zone(side.contact)
    hours = parse_business_hours(side.inbox) if side.inbox else None
    return (
        found.source is ZoneSource.PHONE
        and found.zone == SAO_PAULO
        and hours is not None
        and hours.enabled
        and hours.zone == SAO_PAULO
    )


def opened(qtbot, window: MainWindow, conversation_id: int) -> None:
    """Open the conversation; wait for the header to know its customer's side."""
    window.open_conversation(conversation_id)
    shown = window.pane.customer_time
    qtbot.waitUntil(
        lambda: shown.found is not None and shown.found.conversation_id == conversation_id,
        timeout=10_000,
    )


def away(qtbot, window: MainWindow, *left: int) -> None:
    """Open a listed conversation other than these (and than the list's chosen one, which
    choosing again would not open anew)."""
    chosen = window.conversations.current()
    skipped = {*left, chosen.id if chosen is not None else None}
    opened(
        qtbot, window, next(c.id for c in window.conversations.model.rows if c.id not in skipped)
    )


def scheduler(window: MainWindow) -> SchedulePanel:
    reply = window.pane.reply
    reply.set_scheduling(True)
    assert reply.scheduling
    return reply.scheduler


def settle() -> None:
    for _ in range(3):
        QApplication.processEvents()


def pick(panel: SchedulePanel, instant: datetime) -> None:
    """The agent types this instant into the picker, on their own clock."""
    type_into_picker(panel, instant.astimezone(panel.zone).replace(tzinfo=None))


def found_by_cli(side: CustomerSide) -> cli.CustomerTime:
    """What the command line's `schedule` knows of the same customer."""
    hours = parse_business_hours(side.inbox) if side.inbox is not None else None
    return cli.CustomerTime(side.contact_id, infer_zone(side.contact), hours)


def cli_choice(at: str, side: CustomerSide, now: datetime) -> datetime:
    args = argparse.Namespace(at=at, tz=None, later=False)
    return cli.resolve(args, now, found_by_cli(side)).instant


# -- the header ------------------------------------------------------------------------------


def test_the_header_shows_the_customers_time_and_how_it_was_found(qtbot, window, api, demo_clock):
    cid, side = customer_of(api, window, by_phone_in_sao_paulo_with_hours)
    opened(qtbot, window, cid)
    shown = window.pane.customer_time
    first = str(side.contact["name"]).split()[0]
    assert shown.label.text() == f"14:05 for {first} (São Paulo)"
    assert shown.isVisible() and shown.set_button.isVisible()
    tip = shown.toolTip()
    assert "America/Sao_Paulo" in tip and "from the phone number +55 11" in tip

    demo_clock.advance(60)  # the minute turns: the clock moves with it, asking nobody
    assert shown._minute.isActive()
    shown._minute.timeout.emit()
    assert shown.label.text() == f"14:06 for {first} (São Paulo)"


def test_several_possible_zones_say_so_and_the_agent_sets_one_that_is_kept(
    qtbot, window, api, session
):
    cid, side = customer_of(
        api, window, lambda side: infer_zone(side.contact).source is ZoneSource.SEVERAL
    )
    opened(qtbot, window, cid)
    shown = window.pane.customer_time
    assert shown.label.text() == "Customer's time: several zones possible"
    candidates = infer_zone(side.contact).candidates
    assert candidates[0] in shown.toolTip()
    panel = scheduler(window)
    their_morning = panel.customer.presets[CustomerPreset.THEIR_MORNING]
    assert not their_morning.isEnabled()
    assert "time zone is not known" in their_morning.toolTip()

    assert shown.set_action.isEnabled()
    shown.set_button.click()
    chooser = shown.chooser
    assert chooser is not None and chooser.isVisible()
    assert chooser.combo.currentText() == candidates[0]  # the clues' first, to confirm
    chooser.combo.setEditText("Nowhere/Atlantis")
    assert not chooser.ok.isEnabled()
    chooser.combo.setEditText("Asia/Tokyo")
    chooser.ok.click()
    local = session.clock.now().astimezone(ZoneInfo("Asia/Tokyo"))
    first = str(side.contact["name"]).split()[0]
    assert shown.label.text() == f"{local:%H:%M} for {first} (Tokyo)"  # at once
    assert "set by you" in shown.toolTip()
    assert their_morning.isEnabled()  # the scheduler follows too
    assert side.contact_id is not None
    qtbot.waitUntil(
        lambda: contact_zone(session.home, session.profile.id, side.contact_id) == "Asia/Tokyo",
        timeout=5_000,
    )

    # kept: away and back, the zone the agent set is the one shown
    away(qtbot, window, cid)
    opened(qtbot, window, cid)
    assert shown.label.text() == f"{local:%H:%M} for {first} (Tokyo)"


def test_a_late_answer_for_a_conversation_left_behind_is_dropped(qtbot, window, api, monkeypatch):
    slow, _side = customer_of(api, window, by_phone_in_sao_paulo_with_hours)
    fast, _ = customer_of(
        api, window, lambda side: infer_zone(side.contact).source is ZoneSource.SEVERAL
    )
    release = threading.Event()
    gathered = customer_time.gather

    def held_back(session, conversation_id):
        if conversation_id == slow:
            release.wait(10)
        return gathered(session, conversation_id)

    away(qtbot, window, slow, fast)  # neither open, and every earlier answer in
    monkeypatch.setattr(customer_time, "gather", held_back)
    shown = window.pane.customer_time
    late: list[int] = []
    loaded = shown._loaded

    def watched(asked, found):
        if found.conversation_id == slow:
            late.append(asked)
        loaded(asked, found)

    monkeypatch.setattr(shown, "_loaded", watched)
    window.open_conversation(slow)
    window.open_conversation(fast)
    qtbot.waitUntil(lambda: shown.found is not None, timeout=10_000)
    release.set()
    qtbot.waitUntil(lambda: bool(late), timeout=10_000)
    assert shown.found is not None and shown.found.conversation_id == fast
    assert shown.label.text() == "Customer's time: several zones possible"


# -- the scheduler ---------------------------------------------------------------------------


def test_the_scheduler_shows_the_picked_time_for_the_customer(qtbot, window, api):
    cid, side = customer_of(api, window, by_phone_in_sao_paulo_with_hours)
    opened(qtbot, window, cid)
    panel = scheduler(window)
    first = str(side.contact["name"]).split()[0]
    friday_9 = datetime(2026, 5, 8, 12, 0, tzinfo=UTC)  # 09:00 in São Paulo
    pick(panel, friday_9)
    value = panel.value()
    assert value is not None and value.instant == friday_9
    assert panel.customer.line.text() == f"= 09:00 Fri for {first}, America/Sao_Paulo"
    assert panel.customer.line.isVisible()


def test_their_morning_and_the_inbox_opening_pick_what_the_command_line_picks(
    qtbot, window, api, session
):
    cid, side = customer_of(api, window, by_phone_in_sao_paulo_with_hours)
    opened(qtbot, window, cid)
    panel = scheduler(window)
    now = session.clock.now()
    actions = window.actions_
    assert actions["preset-4"].shortcut().toString() == "Alt+4"
    assert actions["preset-5"].shortcut().toString() == "Alt+5"

    actions["preset-4"].trigger()
    morning = panel.value()
    assert morning is not None
    assert morning.instant == cli_choice("their-morning", side, now)
    hours = parse_business_hours(side.inbox or {})
    picked, zone = CustomerPreset.THEIR_MORNING.pick(now, SAO_PAULO, hours)
    assert morning.instant == to_utc(picked.wall, zone, later=picked.later).instant
    assert morning.instant == datetime(2026, 5, 7, 12, 0, tzinfo=UTC)  # Thursday 9:00 there
    assert panel.customer.advice.text() == ""  # a time that suits both: nothing to warn of

    panel.use_preset(0)  # elsewhere first, so that the next one is seen to move it
    actions["preset-5"].trigger()
    opening = panel.value()
    assert opening is not None
    assert opening.instant == cli_choice("inbox-opens", side, now)
    assert opening.instant == hours.next_opening(now)


def test_the_inbox_opening_is_off_and_says_why_where_an_inbox_keeps_no_hours(qtbot, window, api):
    cid, _side = customer_of(
        api,
        window,
        lambda side: side.inbox is not None and not parse_business_hours(side.inbox).enabled,
    )
    opened(qtbot, window, cid)
    panel = scheduler(window)
    button = panel.customer.presets[CustomerPreset.INBOX_OPENS]
    assert not button.isEnabled()
    assert button.toolTip() == "The inbox keeps no business hours: it is always open"
    assert not panel.customer.wait.isEnabled()
    before = panel.value()
    window.actions_["preset-5"].trigger()  # its key does nothing either
    assert panel.value() == before


def test_a_time_outside_the_inbox_hours_is_warned_of_and_alt_n_takes_the_better_one(
    qtbot, window, api, session
):
    cid, side = customer_of(api, window, by_phone_in_sao_paulo_with_hours)
    opened(qtbot, window, cid)
    window.pane.reply.editor.setPlainText("Obrigada pela paciência!")
    panel = scheduler(window)
    settle()
    evening = datetime(2026, 5, 6, 23, 30, tzinfo=UTC)  # 20:30 in São Paulo: closed
    pick(panel, evening)
    advice = send_advice(evening, parse_business_hours(side.inbox or {}), SAO_PAULO)
    thursday_9 = datetime(2026, 5, 7, 12, 0, tzinfo=UTC)
    assert advice.better == thursday_9
    shown = panel.customer.advice
    assert shown.isVisible()
    assert shown.text() == (
        "⚠ Outside the inbox's business hours (opens Thu 09:00 America/Sao_Paulo)"
    )
    better = panel.customer.better_button
    local = thursday_9.astimezone(panel.zone)
    weekday = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")[local.weekday()]
    assert better.isVisible() and better.text() == f"Use {local:%H:%M} {weekday}"
    assert window.pane.reply.send_button.isEnabled()  # a warning, never a refusal

    night = datetime(2026, 5, 7, 3, 0, tzinfo=UTC)  # midnight there: closed, and their night
    pick(panel, night)
    night_warning = "22:00–7:00 for the customer (it is 00:00 in America/Sao_Paulo)"  # noqa: RUF001
    assert night_warning in shown.text()

    action = window.actions_["suggested-time"]
    assert action.shortcut().toString() == "Alt+N"
    action.trigger()
    value = panel.value()
    assert value is not None and value.instant == thursday_9
    assert not shown.isVisible() and not better.isVisible()


def where(widget: QWidget, window: QWidget) -> QRect:
    return QRect(widget.mapTo(window, QPoint(0, 0)), widget.size())


def test_the_warning_comes_and_goes_without_moving_anything(qtbot, window, api):
    cid, _side = customer_of(api, window, by_phone_in_sao_paulo_with_hours)
    opened(qtbot, window, cid)
    panel = scheduler(window)
    reply = window.pane.reply
    settle()
    watched = {
        "panel": panel,
        "preset": panel.presets[0],
        "their morning": panel.customer.presets[CustomerPreset.THEIR_MORNING],
        "picker": panel.picker,
        "customer line": panel.customer.line,
        "hold": panel.hold,
        "wait": panel.customer.wait,
        "editor": reply.editor,
    }

    def layout() -> tuple[dict[str, QRect], int]:
        send = where(reply.send_button, window)
        return {name: where(w, window) for name, w in watched.items()}, send.top()

    pick(panel, datetime(2026, 5, 7, 14, 0, tzinfo=UTC))  # Thursday 11:00 there: fine
    settle()
    before = layout()
    assert not panel.customer.advice.isVisible()
    pick(panel, datetime(2026, 5, 7, 3, 0, tzinfo=UTC))  # closed, and their night
    settle()
    assert panel.customer.advice.isVisible() and panel.customer.better_button.isVisible()
    assert layout() == before
    window.actions_["suggested-time"].trigger()
    settle()
    assert not panel.customer.advice.isVisible()
    assert layout() == before


def test_a_message_can_wait_for_the_inbox_to_open(qtbot, window, api, session):
    session.save_settings({"backend": "local"})  # this computer's outbox holds it
    cid, _side = customer_of(api, window, by_phone_in_sao_paulo_with_hours)
    opened(qtbot, window, cid)
    reply = window.pane.reply
    reply.editor.setPlainText("Bom dia! Seu pedido já saiu.")
    panel = scheduler(window)
    saturday = datetime(2026, 5, 9, 12, 0, tzinfo=UTC)  # 09:00 Saturday there: closed
    pick(panel, saturday)
    wait = panel.customer.wait
    assert wait.isEnabled() and not wait.isChecked()  # asked for per message
    wait.click()
    assert reply.send_button.isEnabled()
    reply.send_button.click()

    def kept() -> list[OutboxRecord]:
        return [r for r in session.service.find(conversation_id=cid) if r.content.startswith("Bom")]

    qtbot.waitUntil(lambda: bool(kept()), timeout=10_000)
    record = kept()[0]
    assert record.is_local and record.wait_for_opening
    assert record.scheduled_at == saturday
    qtbot.waitUntil(lambda: not reply.scheduling, timeout=5_000)  # done with this one
    reply.set_scheduling(True)  # the next message is asked again
    assert not panel.customer.wait.isChecked()


# -- the Scheduled tab -----------------------------------------------------------------------


def test_a_row_that_waits_for_the_opening_shows_both_times(qtbot):
    zone = ZoneInfo("America/New_York")
    saturday = datetime(2027, 3, 13, 14, 0, tzinfo=UTC)  # 09:00 Saturday in New York
    monday = saturday + timedelta(days=2)
    model = ScheduledModel(zone, FakeClock(saturday - timedelta(days=1)))
    waiting = outbox_record(id=1, scheduled_at=saturday, due_at=saturday, wait_for_opening=True)
    moved = outbox_record(id=2, scheduled_at=saturday, due_at=monday, wait_for_opening=True)
    plain = outbox_record(id=3, scheduled_at=saturday, due_at=saturday)
    model.set_rows([waiting, moved, plain])
    tip = Qt.ItemDataRole.ToolTipRole

    def cell(outbox_id: int, role: Qt.ItemDataRole = Qt.ItemDataRole.DisplayRole):
        row = model.row_of(outbox_id)
        assert row is not None
        return model.data(model.index(row, 0), role)

    assert cell(2) == "2027-03-13 09:00 EST (UTC-05:00) → opens Mon 15 Mar 10:00"
    assert "goes out at 2027-03-15 10:00 EDT" in cell(2, tip)  # after the clocks changed
    assert cell(1) == "2027-03-13 09:00 EST (UTC-05:00)"
    assert "Waits for the inbox to open" in cell(1, tip)
    assert cell(3) == "2027-03-13 09:00 EST (UTC-05:00)" and not cell(3, tip)
