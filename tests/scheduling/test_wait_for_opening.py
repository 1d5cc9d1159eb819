"""A message set to wait for the inbox's business hours: if its time falls while the inbox
is closed, this computer's outbox sends it at the next opening (its time stays as the
agent chose it); open, or an inbox without hours, it goes at its time. A server design is
given the opening itself. Times are found from the demo inbox's own hours, so the tests
hold on any date and in any zone."""

from __future__ import annotations

from datetime import timedelta

from agent_desktop.commands.output import local_display
from agent_desktop.core.business_hours import parse_business_hours
from agent_desktop.core.timezones import from_utc
from agent_desktop.demo.models import Scheduling
from agent_desktop.scheduling.requests import ScheduleRequest
from agent_desktop.store.states import OutboxState
from tests.scheduling.conftest import SAO_PAULO
from tests.scheduling.test_server_rows_unsendable import scheduled_listing

S = OutboxState


def inbox_and_conversation(world, channel_type, design=Scheduling.NONE):
    with world.api(design) as api:
        response = api._request("GET", api._account_path("/inboxes"))
        inbox = next(i for i in response["payload"] if i["channel_type"] == channel_type)
        conversation = api.conversations(inbox_id=inbox["id"]).conversations[0].id
    return parse_business_hours(inbox), conversation


def closed_time(world, hours):
    """An hour before an opening at least two hours away: the inbox is closed then."""
    opening = hours.next_opening(world.clock.now() + timedelta(hours=2))
    assert opening is not None
    closed = opening - timedelta(hours=1)
    assert not hours.is_open(closed)
    return closed, opening


def schedule_at(world, conversation, instant, design=Scheduling.NONE, text="Bom dia!"):
    request = ScheduleRequest(
        conversation,
        text,
        from_utc(instant, SAO_PAULO),
        hold_on_reply=False,
        wait_for_opening=True,
    )
    return world.service(design).schedule(request)


def to(world, instant):
    world.clock.advance(instant - world.clock.now())


def server_texts(world, conversation, design=Scheduling.NONE):
    with world.api(design) as api:
        return [m.content for m in api.messages(conversation)]


def test_a_time_while_the_inbox_is_closed_goes_out_at_its_opening(world, monkeypatch, capsys):
    hours, conversation = inbox_and_conversation(world, "Channel::Whatsapp")
    closed, opening = closed_time(world, hours)
    record = schedule_at(world, conversation, closed, text="Quando abrir")
    dispatcher = world.dispatcher()
    to(world, closed)
    dispatcher.step()
    waiting = world.outbox.get(record.id)
    assert waiting.state is S.PENDING and waiting.due_at == opening
    assert waiting.scheduled_at == closed  # the agent's time is kept beside it
    assert "Quando abrir" not in server_texts(world, conversation)
    listed = scheduled_listing(world, monkeypatch, Scheduling.NONE, capsys)
    opens = local_display(opening, SAO_PAULO)
    assert f"#{record.id}: the inbox is closed then: it goes out when it opens, {opens}" in listed
    # the wait outlasts the grace period: it is not "missed" (nothing stopped)
    to(world, opening - timedelta(seconds=1))
    dispatcher.recover()
    dispatcher.step()
    assert world.outbox.get(record.id).state is S.PENDING
    to(world, opening)
    dispatcher.step()
    assert world.outbox.get(record.id).state is S.SENT
    assert server_texts(world, conversation).count("Quando abrir") == 1


def test_a_time_within_hours_goes_at_its_time(world):
    hours, conversation = inbox_and_conversation(world, "Channel::Whatsapp")
    opening = hours.next_opening(world.clock.now() + timedelta(minutes=1))
    assert opening is not None
    record = schedule_at(world, conversation, opening + timedelta(minutes=30), text="Aberto")
    to(world, opening + timedelta(minutes=30))
    world.dispatcher().step()
    assert world.outbox.get(record.id).state is S.SENT


def test_an_inbox_without_hours_never_makes_it_wait(world):
    hours, conversation = inbox_and_conversation(world, "Channel::WebWidget")
    assert hours.always_open
    at = world.clock.now() + timedelta(minutes=10)
    record = schedule_at(world, conversation, at, text="Sem horário")
    to(world, at)
    world.dispatcher().step()
    assert world.outbox.get(record.id).state is S.SENT


def test_a_server_design_is_given_the_opening(world):
    design = Scheduling.SEED
    hours, conversation = inbox_and_conversation(world, "Channel::Whatsapp", design)
    closed, opening = closed_time(world, hours)
    record = schedule_at(world, conversation, closed, design=design, text="No servidor")
    assert record.backend != "local" and record.scheduled_at == opening


# -- the opening shown before the time comes ------------------------------------------------


def whatsapp_hours_switched_off(world):
    """An administrator turns the WhatsApp inbox's business hours off (open at all times)."""
    from sqlalchemy import select

    from agent_desktop.demo.models import Inbox

    with world.demo.state.session() as s:
        for inbox in s.scalars(select(Inbox).where(Inbox.channel_type == "Channel::Whatsapp")):
            inbox.working_hours_enabled = False


def test_the_opening_is_known_from_scheduling_and_the_hours_at_its_time_decide(world):
    hours, conversation = inbox_and_conversation(world, "Channel::Whatsapp")
    closed, opening = closed_time(world, hours)
    record = schedule_at(world, conversation, closed, text="Se ainda fechar")
    # shown at once, while its time is still the one the sender goes by
    assert record.expected_opening == opening
    assert record.due_at == record.scheduled_at == closed
    assert world.outbox.get(record.id).expected_opening == opening
    whatsapp_hours_switched_off(world)  # before its time
    to(world, closed)
    world.dispatcher().step()
    sent = world.outbox.get(record.id)
    assert sent.state is S.SENT and sent.sent_at is not None and sent.sent_at < opening
    assert "Se ainda fechar" in server_texts(world, conversation)


def test_a_new_time_looks_at_the_hours_again(world):
    hours, conversation = inbox_and_conversation(world, "Channel::Whatsapp")
    closed, opening = closed_time(world, hours)
    record = schedule_at(world, conversation, closed, text="Mudou")
    service = world.service()
    inside = opening + timedelta(minutes=30)
    edited = service.edit(record.id, when=from_utc(inside, SAO_PAULO))
    assert edited.expected_opening is None  # open then
    later_closed = closed + timedelta(days=1)  # an hour before an opening, or a weekend
    later_opening = hours.next_opening(later_closed)
    assert not hours.is_open(later_closed) and later_opening is not None
    edited = service.edit(record.id, when=from_utc(later_closed, SAO_PAULO))
    assert edited.expected_opening == later_opening
    assert world.outbox.get(record.id).expected_opening == later_opening
    # a text edit keeps the time, and what was expected of it
    edited = service.edit(record.id, text="Mudou de novo")
    assert edited.expected_opening == later_opening


def test_hours_the_server_cannot_show_now_stop_nothing(world):
    record = schedule_at(world, 99_999, world.clock.now() + timedelta(hours=1), text="Sem caixa")
    assert record.is_local and record.wait_for_opening and record.expected_opening is None
