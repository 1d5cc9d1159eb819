"""The app against the servers agents really run (the demo server's profiles): exactly
once where the delivery key is dropped, 401s that are not sign-in problems, the fork's
versions and the other forks' shapes."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta

import httpx
import pytest

from agent_desktop.chatwoot.errors import AccessDeniedError
from agent_desktop.chatwoot.records import Conversation
from agent_desktop.core.clock import FakeClock
from agent_desktop.core.timezones import from_utc
from agent_desktop.demo.models import Scheduling
from agent_desktop.demo.profiles import profile_named
from agent_desktop.demo.server import DemoConfig, DemoServer
from agent_desktop.scheduling.errors import SchedulingError
from agent_desktop.store.states import OutboxState
from tests.scheduling.conftest import SAO_PAULO

S = OutboxState


@pytest.fixture
def profile_name() -> str:
    return "upstream"


@pytest.fixture
def demo_server(demo_clock: FakeClock, profile_name: str) -> Iterator[DemoServer]:
    name, _, switch = profile_name.partition("+")
    config = DemoConfig(
        dispatch_interval=3600,
        customer_interval=0,
        delivery_delay=1.0,
        conversations=24,
        clock=demo_clock,
        profile=profile_named(name, behind_nginx=switch == "nginx"),
    )
    with DemoServer(config) as server:
        yield server


@pytest.mark.parametrize("profile_name", ["upstream", "chatwoot-4.3"])
def test_a_lost_answer_never_makes_a_second_copy(world, profile_name):
    """Chatwoot 4.3 drops the delivery key: an uncertain send is matched by its
    fingerprint instead (same text and files, outgoing, this agent, after it began)."""
    records = [world.schedule(f"Só uma vez {n}", minutes=1) for n in range(3)]
    world.clock.advance(timedelta(minutes=1))
    world.demo.faults.update({"drop_rate": 1.0, "methods": ["POST"]})
    dispatcher = world.dispatcher()
    dispatcher.step()
    assert all(world.outbox.get(r.id).in_flight_since is not None for r in records)
    world.demo.faults.update({"drop_rate": 0.0})
    world.clock.advance(timedelta(minutes=1))
    dispatcher.step()
    for record in records:
        sent = world.outbox.get(record.id)
        assert sent.state is S.SENT
        assert world.copies(record) == [sent.server_message_id]
        outcomes = [a.outcome for a in world.outbox.attempts(record.id)]
        assert outcomes == ["maybe_delivered", "reconciled"]


@pytest.mark.parametrize(("profile_name", "keeps"), [("upstream", True), ("chatwoot-4.3", False)])
def test_the_app_learns_whether_the_server_keeps_the_delivery_key(world, profile_name, keeps):
    record = world.schedule("Aprendendo", minutes=1)
    world.clock.advance(timedelta(minutes=1))
    world.dispatcher().step()
    assert world.outbox.get(record.id).state is S.SENT
    profile = world.profiles.get(record.profile_id)
    assert profile is not None and profile.capabilities.keeps_content_attributes is keeps
    world.service().detect()
    learned = world.profiles.get(record.profile_id)
    assert learned is not None
    assert learned.capabilities.version == world.demo.state.server.version


def test_an_identical_text_sent_earlier_is_not_taken_for_the_lost_one(world):
    """The fingerprint looks only from when the attempt began, and never at a message
    already known as another scheduled message's."""
    conversation = world.conversation()
    first = world.schedule("Bom dia!", minutes=1, conversation=conversation)
    world.clock.advance(timedelta(minutes=1))
    dispatcher = world.dispatcher()
    dispatcher.step()
    assert world.outbox.get(first.id).state is S.SENT
    world.profiles.learn(first.profile_id, keeps_content_attributes=False)
    second = world.schedule("Bom dia!", minutes=1, conversation=conversation)
    world.clock.advance(timedelta(minutes=1))
    world.demo.faults.update({"error_rate": 1.0, "methods": ["POST"]})  # certainly not sent
    dispatcher.step()
    world.demo.faults.update({"error_rate": 0.0})
    world.clock.advance(timedelta(minutes=2))
    dispatcher.step()
    sent = world.outbox.get(second.id)
    assert (
        sent.state is S.SENT
        and sent.server_message_id != world.outbox.get(first.id).server_message_id
    )


@pytest.mark.parametrize("profile_name", ["chatwoot-4.3"])
def test_the_same_words_typed_by_hand_before_the_send_are_not_taken_for_it(world, profile_name):
    """Where the server drops the delivery key, a reply the agent typed by hand a little
    before (the same greeting) is older than the attempt: the scheduled one still goes."""
    conversation = world.conversation()
    record = world.schedule("Bom dia!", minutes=2, conversation=conversation)
    with world.api() as api:
        by_hand = api.create_message(conversation, "Bom dia!")
    world.clock.advance(timedelta(minutes=2))
    world.demo.faults.update({"error_rate": 1.0, "methods": ["POST"]})  # certainly not sent
    dispatcher = world.dispatcher()
    dispatcher.step()
    assert world.outbox.get(record.id).in_flight_since is not None
    world.demo.faults.update({"error_rate": 0.0})
    world.clock.advance(timedelta(minutes=1))
    dispatcher.step()
    sent = world.outbox.get(record.id)
    assert sent.state is S.SENT
    assert sent.server_message_id not in (None, by_hand.id)
    assert [a.outcome for a in world.outbox.attempts(record.id)][-1] == "sent"
    assert sorted(world.copies(record)) == sorted([by_hand.id, sent.server_message_id])


@pytest.mark.parametrize("profile_name", ["upstream+nginx"])
def test_behind_a_default_nginx_everything_still_works(world, profile_name):
    record = world.schedule("Atrás do nginx", minutes=1)
    world.clock.advance(timedelta(minutes=1))
    world.dispatcher().step()
    assert world.outbox.get(record.id).state is S.SENT
    assert world.service().design().name == "local"


def agent_in_inbox(world, inbox: int, *, member: bool, design=Scheduling.NONE) -> None:
    """An administrator adds the agent to an inbox, or takes them off it."""
    account = world.demo.accounts.for_design(design)
    httpx.request(
        "PUT" if member else "DELETE",
        f"{world.demo.url}/demo/accounts/{account}/inboxes/{inbox}/agents/1",
        headers={"Api-Access-Token": world.demo.token},
    ).raise_for_status()


def two_inboxes(world, design=Scheduling.NONE, status: str = "all") -> tuple[Conversation, int]:
    """A conversation, and another one in another inbox."""
    with world.api(design) as api:
        listed = api.conversations(status=status).conversations
    one = listed[0]
    return one, next(c.id for c in listed if c.inbox_id != one.inbox_id)


def test_a_refused_conversation_fails_alone_and_sending_goes_on(world):
    one, other = two_inboxes(world)
    refused = world.schedule("Para a caixa de onde saí", minutes=1, conversation=one.id)
    fine = world.schedule("Para outra caixa", minutes=1, conversation=other)
    agent_in_inbox(world, one.inbox_id, member=False)
    world.clock.advance(timedelta(minutes=1))
    dispatcher = world.dispatcher()
    dispatcher.step()
    failed = world.outbox.get(refused.id)
    assert failed.state is S.FAILED
    assert failed.last_error.startswith("you no longer have access to this conversation")
    assert world.outbox.get(fine.id).state is S.SENT
    assert not dispatcher.paused and "paused" not in world.kinds()  # the token is fine


@pytest.mark.parametrize("design", [Scheduling.FORK, Scheduling.SEED])
def test_a_refused_conversation_on_the_server_fails_alone_and_the_look_goes_on(world, design):
    """The agent taken off one inbox: that conversation's message fails with word (the
    server may still send it: its job does not ask), the others are still looked at."""
    one, other = two_inboxes(world, design, status="open")
    refused = world.schedule("Na caixa de onde saí", 60, design, one.id, hold_on_reply=False)
    elsewhere = world.schedule("Em outra caixa", 10, design, other, hold_on_reply=False)
    agent_in_inbox(world, one.inbox_id, member=False, design=design)
    world.clock.advance(timedelta(minutes=10))
    world.demo.dispatch_now()  # the server sends the other one meanwhile
    world.service(design).refresh()
    failed = world.outbox.get(refused.id)
    assert failed.state is S.FAILED
    assert failed.last_error == (
        "you no longer have access to this conversation (You are not authorized to do this "
        "action); the server may still send it at its time"
    )
    assert world.outbox.get(elsewhere.id).state is S.SENT
    assert "failed" in world.kinds() and "paused" not in world.kinds()


def test_cancel_edit_and_send_now_in_a_refused_conversation_say_why(world):
    design = Scheduling.FORK
    one, _other = two_inboxes(world, design, status="open")
    cancel, edit = (world.schedule(t, 60, design, one.id) for t in ("Cancelar", "Editar"))
    agent_in_inbox(world, one.inbox_id, member=False, design=design)
    service = world.service(design)
    for step in (lambda: service.cancel(cancel.id), lambda: service.edit(edit.id, text="Novo")):
        with pytest.raises(AccessDeniedError, match="you no longer have access to this conv"):
            step()
    for record in (cancel, edit):
        failed = world.outbox.get(record.id)
        assert failed.state is S.FAILED and failed.intent is None  # nothing left half done
    with pytest.raises(AccessDeniedError, match="you no longer have access to this conv"):
        service.send_now(cancel.id)  # asked first: the server may still keep it
    assert world.outbox.get(cancel.id).state is S.FAILED
    agent_in_inbox(world, one.inbox_id, member=True, design=design)
    ready = service.retry(cancel.id)  # still kept there: taken off, then sent from here
    assert ready.backend == "local" and ready.state is S.PENDING
    service.refresh()  # reached again: as the server has it
    back = world.outbox.get(edit.id)
    assert (back.state, back.content, back.last_error) == (S.PENDING, "Editar", None)
    world.dispatcher().step()
    assert world.outbox.get(cancel.id).state is S.SENT
    assert world.copies(cancel, design) == [world.outbox.get(cancel.id).server_message_id]
    with world.api(design) as api:
        assert [r.content for r in api.scheduled_messages(one.id)] == ["Editar"]


@pytest.mark.parametrize("profile_name", ["upstream", "fork-before-322"])
def test_whether_the_fork_holds_is_learned_and_told(world, profile_name):
    design = Scheduling.FORK
    service = world.service(design)
    assert service.new_message_traits().hold_unconfirmed  # not shown yet either way
    conversation = world.conversation(design)
    record = world.schedule("Vai segurar?", design=design, conversation=conversation)
    # no view of the fork renders hold_on_reply: the answer to a create shows nothing
    assert world.service(design).new_message_traits().hold_unconfirmed
    holds = world.demo.state.server.fork_holds_on_reply
    world.customer_writes(conversation, design)
    service = world.service(design)
    service.refresh()
    state = world.outbox.get(record.id).state
    traits = world.service(design).new_message_traits()
    if holds:
        assert state is S.HELD
        assert traits.hold_on_reply and not traits.hold_unconfirmed  # shown: it holds
    else:
        assert state is S.PENDING  # the server never knew
        assert traits.hold_unconfirmed  # the agent is told it may go out anyway


@pytest.mark.parametrize("profile_name", ["upstream", "other-fork"])
def test_the_forks_delete_in_either_shape_cancels_and_sends_now(world, profile_name):
    design = Scheduling.FORK
    first = world.schedule("Cancelar", minutes=30, design=design)
    second = world.schedule("Agora", minutes=30, design=design)
    service = world.service(design)
    assert service.cancel(first.id).state is S.CANCELLED
    ready = service.send_now(second.id)
    assert ready.backend == "local" and ready.state is S.PENDING
    world.dispatcher().step()
    assert world.outbox.get(second.id).state is S.SENT
    with world.api(design) as api:
        assert api.scheduled_messages(second.conversation_id) == []


@pytest.mark.parametrize("profile_name", ["other-fork"])
@pytest.mark.parametrize(
    ("verb", "said"),
    [
        ("edit", "the server has moved on meanwhile"),
        ("cancel", "the server would not cancel it"),
        ("send_now", "the server has already handled it"),
    ],
)
def test_a_409_refreshes_the_row_and_says_why(world, profile_name, verb, said):
    design = Scheduling.FORK
    record = world.schedule("Já foi", minutes=10, design=design, hold_on_reply=False)
    world.clock.advance(timedelta(minutes=10))
    world.demo.dispatch_now()  # the server sent it; the app has not looked yet
    service = world.service(design)
    step = {
        "edit": lambda: service.edit(record.id, text="tarde demais"),
        "cancel": lambda: service.cancel(record.id),
        "send_now": lambda: service.send_now(record.id),
    }[verb]
    with pytest.raises(SchedulingError, match=said) as refused:
        step()
    assert "Cannot delete a scheduled message" in str(refused.value) or verb == "edit"
    sent = world.outbox.get(record.id)
    assert sent.state is S.SENT and sent.intent is None and sent.server_message_id is not None
    world.dispatcher().step()  # nothing more goes from here
    with world.api(design) as api:
        texts = [m.content for m in api.messages(record.conversation_id)]
    assert texts.count("Já foi") == 1


def test_a_draft_on_the_server_is_listed_as_a_draft_never_pending(world):
    design = Scheduling.FORK
    record = world.schedule("Vira rascunho", minutes=30, design=design)
    with world.api(design) as api:
        api.update_scheduled_message(record.conversation_id, record.remote_id, status="draft")
    service = world.service(design)
    service.refresh()
    draft = world.outbox.get(record.id)
    assert draft.state is S.DRAFT
    assert service.find(states=[S.PENDING]) == []
    later = from_utc(world.clock.now() + timedelta(hours=1), SAO_PAULO)
    scheduled = service.edit(record.id, when=later)  # given a time, it waits again
    assert scheduled.state is S.PENDING
    with world.api(design) as api:
        (row,) = api.scheduled_messages(record.conversation_id)
    assert row.status.value == "pending"


def test_a_sent_row_the_server_fails_later_is_noticed(world):
    design = Scheduling.FORK
    record = world.schedule("Falha depois", minutes=10, design=design, hold_on_reply=False)
    world.clock.advance(timedelta(minutes=10))
    world.demo.dispatch_now()
    service = world.service(design)
    service.refresh()
    assert world.outbox.get(record.id).state is S.SENT

    def fail_it() -> None:
        from agent_desktop.demo.models import ScheduledMessage

        with world.demo.state.session() as s:
            row = s.get_one(ScheduledMessage, record.remote_id)
            row.status = "failed"  # the channel refused it after the server sent it

    world.demo.call(fail_it)
    world.clock.advance(timedelta(hours=1))
    service.refresh()
    failed = world.outbox.get(record.id)
    assert failed.state is S.FAILED and failed.last_error == "the server could not send it"
