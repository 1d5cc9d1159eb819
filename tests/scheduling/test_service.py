"""One scheduling interface over three backends, against the demo server in each mode."""

from __future__ import annotations

from datetime import timedelta

import pytest
from keyring.backends.fail import Keyring

from agent_desktop.core.rules import Rule
from agent_desktop.core.timezones import from_utc
from agent_desktop.credentials import TOKEN_ENV, Credentials
from agent_desktop.demo.models import Scheduling
from agent_desktop.scheduling.clients import ClientProvider
from agent_desktop.scheduling.errors import BackendUnsupportedError
from agent_desktop.scheduling.events import EventBus
from agent_desktop.scheduling.requests import ScheduleRequest
from agent_desktop.scheduling.service import RuleError, SchedulingError, SchedulingService
from agent_desktop.store.outbox import Outbox
from agent_desktop.store.profiles import Profiles
from agent_desktop.store.settings import Settings
from agent_desktop.store.states import OutboxState
from tests.scheduling.conftest import SAO_PAULO
from tests.support import samples
from tests.support.scripted_server import Reply, scripted_server

S = OutboxState
DESIGNS = [Scheduling.NONE, Scheduling.FORK, Scheduling.SEED]
EXPECTED = {
    Scheduling.NONE: "local",
    Scheduling.FORK: "server-resource",
    Scheduling.SEED: "server-scheduled-at",
}


@pytest.mark.parametrize("design", DESIGNS)
def test_each_server_gets_the_backend_it_can_carry_and_it_is_remembered(world, design):
    service = world.service(design)
    assert service.design().name == EXPECTED[design]
    assert world.profiles.get(service.profile.id).detected_backend == EXPECTED[design]
    world.demo.faults.update({"error_rate": 1.0})  # a cached answer needs no server
    assert world.service(design).design().name == EXPECTED[design]


def test_a_setting_can_force_the_local_outbox_even_on_a_server_that_schedules(world):
    world.settings.set("backend", "local")
    record = world.schedule(design=Scheduling.FORK)
    assert record.backend == "local"
    with world.api(Scheduling.FORK) as api:
        assert api.scheduled_messages(record.conversation_id) == []


def test_scheduled_at_is_never_sent_where_support_was_not_shown(world):
    conversation = world.conversation()
    with world.api() as api:
        before = len(api.messages(conversation))
    service = world.service()
    when = from_utc(world.clock.now() + timedelta(hours=1), SAO_PAULO)
    with pytest.raises(BackendUnsupportedError, match="would send the message at once"):
        service.schedule(
            ScheduleRequest(conversation, "cedo demais", when), backend="server-scheduled-at"
        )
    with pytest.raises(BackendUnsupportedError, match=r"server-resource .*; use another backend"):
        service.schedule(
            ScheduleRequest(conversation, "cedo demais", when), backend="server-resource"
        )
    with world.api() as api:
        assert len(api.messages(conversation)) == before  # nothing went out
    assert world.outbox.find() == []


@pytest.mark.parametrize("design", DESIGNS)
def test_schedule_list_edit_and_cancel_in_every_design(world, design):
    first = world.schedule("Primeira versão", minutes=30, design=design)
    second = world.schedule("Outra", minutes=40, design=design)
    service = world.service(design)
    assert first.backend == EXPECTED[design]
    assert [r.id for r in service.find()] == [first.id, second.id]
    assert [r.id for r in service.find(search="versão")] == [first.id]
    later = from_utc(world.clock.now() + timedelta(hours=2), SAO_PAULO)
    edited = service.edit(first.id, text="Versão final", when=later)
    assert (edited.content, edited.scheduled_at) == ("Versão final", later.instant)
    cancelled = service.cancel(second.id)
    assert cancelled.state is S.CANCELLED
    service.refresh()
    assert world.outbox.get(first.id).state is S.PENDING
    assert world.outbox.get(second.id).state is S.CANCELLED
    if design is Scheduling.FORK:
        with world.api(design) as api:
            (row,) = api.scheduled_messages(first.conversation_id)
            assert (row.content, row.scheduled_at) == ("Versão final", later.instant)
    if design is Scheduling.SEED:
        with world.api(design) as api:
            (waiting,) = api.seed_scheduled_messages(first.conversation_id)
            assert waiting.content == "Versão final"


@pytest.mark.parametrize("design", [Scheduling.FORK, Scheduling.SEED])
def test_the_server_sends_and_the_list_learns_of_it(world, design):
    record = world.schedule("Na hora certa", minutes=10, design=design, hold_on_reply=False)
    world.clock.advance(timedelta(minutes=10))
    world.demo.dispatch_now()
    service = world.service(design)
    service.refresh()
    sent = world.outbox.get(record.id)
    assert sent.state is S.SENT and sent.server_message_id is not None
    with world.api(design) as api:
        assert api.messages(record.conversation_id)[-1].content == "Na hora certa"


def test_the_forks_hold_shows_in_the_list_and_an_edit_resumes_it(world):
    if not world.demo.state.server.fork_holds_on_reply:
        pytest.skip("this version of the fork does not hold (test_real_servers covers it)")
    design = Scheduling.FORK
    conversation = world.conversation(design)
    record = world.schedule("Posso ajudar?", design=design, conversation=conversation)
    world.customer_writes(conversation, design)
    service = world.service(design)
    service.refresh()
    assert world.outbox.get(record.id).state is S.HELD
    resumed = service.edit(
        record.id, when=from_utc(world.clock.now() + timedelta(minutes=5), SAO_PAULO)
    )
    assert resumed.state is S.PENDING
    world.clock.advance(timedelta(minutes=5))
    world.demo.dispatch_now()
    service.refresh()
    assert world.outbox.get(record.id).state is S.SENT


@pytest.mark.parametrize("design", DESIGNS)
def test_send_now_goes_out_once_whatever_the_backend(world, design):
    record = world.schedule("Agora mesmo", minutes=60, design=design)
    service = world.service(design)
    ready = service.send_now(record.id)
    assert ready.backend == "local" and ready.state is S.PENDING
    world.dispatcher().step()
    sent = world.outbox.get(record.id)
    assert sent.state is S.SENT
    assert world.copies(record, design) == [sent.server_message_id]
    world.clock.advance(timedelta(hours=2))
    world.demo.dispatch_now()  # the server has nothing left to send for it
    with world.api(design) as api:
        texts = [m.content for m in api.messages(record.conversation_id)]
    assert texts.count("Agora mesmo") == 1


def test_the_fork_takes_one_attachment_only(world, tmp_path):
    files = []
    for name in ("a.pdf", "b.pdf"):
        path = tmp_path / name
        path.write_bytes(b"%PDF")
        files.append(path)
    with pytest.raises(RuleError, match="at most 1 attachment"):
        world.schedule(design=Scheduling.FORK, files=tuple(files))
    record = world.schedule(design=Scheduling.FORK, files=(files[0],))
    with world.api(Scheduling.FORK) as api:
        (row,) = api.scheduled_messages(record.conversation_id)
    assert row.attachment is not None and row.attachment.filename == "a.pdf"


@pytest.mark.parametrize(
    ("minutes", "text", "rule"),
    [
        (-1, "oi", Rule.IN_PAST),
        (2, "oi", Rule.TOO_SOON),
        (60 * 24 * 400, "oi", Rule.TOO_FAR),
        (30, "   ", Rule.EMPTY_TEXT),
        (30, "x" * 150_001, Rule.TEXT_TOO_LONG),
    ],
)
def test_broken_rules_are_refused_and_nothing_is_kept(world, minutes, text, rule):
    world.settings.set("min_lead_minutes", 5)
    with pytest.raises(RuleError) as caught:
        world.schedule(text, minutes=minutes)
    assert [v.rule for v in caught.value.violations] == [rule]
    assert world.outbox.find() == []


def test_scheduling_switched_off_refuses_and_keeps_what_exists(world):
    kept = world.schedule()
    world.settings.set("scheduling_enabled", False)
    with pytest.raises(SchedulingError, match="turned off"):
        world.schedule()
    assert world.outbox.get(kept.id).state is S.PENDING


def test_a_cancel_can_be_undone(world):
    record = world.schedule(minutes=30)
    service = world.service()
    service.cancel(record.id)
    restored = service.restore(record.id)
    assert restored.state is S.PENDING and restored.due_at == record.scheduled_at


def test_a_sent_message_can_be_neither_edited_nor_cancelled(world):
    record = world.schedule(minutes=1)
    world.clock.advance(timedelta(minutes=1))
    world.dispatcher().step()
    service = world.service()
    with pytest.raises(SchedulingError, match="sent"):
        service.edit(record.id, text="tarde")
    with pytest.raises(SchedulingError, match="sent"):
        service.cancel(record.id)


def test_a_fork_delete_answered_200_with_nothing_still_cancels_and_sends_now(db, home, clock):
    """Rails answers a destroy that renders nothing with 204; a fork with `head :ok`
    answers 200 and no body: read alike, the message is off the server either way."""
    path = "/api/v1/accounts/1/conversations/12/scheduled_messages"
    with scripted_server() as server:
        server.on("POST", path, [Reply(body=samples.scheduled(n)) for n in (88, 89)])
        for n in (88, 89):
            server.on("DELETE", f"{path}/{n}", Reply(200, raw=b""))
        profiles = Profiles(db, clock)
        profile = profiles.remember(base_url=server.url, account_id=1, user_id=7)
        profiles.set_detected_backend(profile.id, "server-resource")
        clients = ClientProvider(Credentials(env={TOKEN_ENV: samples.TOKEN}, backend=Keyring()))
        service = SchedulingService(
            profile=profiles.get(profile.id) or profile,
            outbox=Outbox(db, clock),
            profiles=profiles,
            settings=Settings(db),
            clients=clients,
            clock=clock,
            events=EventBus(),
            home=home,
        )
        try:
            when = from_utc(clock.now() + timedelta(hours=1), SAO_PAULO)
            first, second = (
                service.schedule(ScheduleRequest(12, text, when)) for text in ("Fora", "Já")
            )
            assert (first.remote_id, second.remote_id) == (88, 89)
            assert service.cancel(first.id).state is S.CANCELLED
            ready = service.send_now(second.id)
        finally:
            clients.close()
        assert ready.backend == "local" and ready.state is S.PENDING
        assert [r.path for r in server.received if r.method == "DELETE"] == [
            f"{path}/88",
            f"{path}/89",
        ]
