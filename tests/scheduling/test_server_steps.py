"""Every step with a server that schedules is a transaction: a create, an edit, a cancel
or a "send now" whose answer is lost ends in one scheduled message (or one sent), never
two and never none, and a step the server refuses leaves the original as it was. Also:
a local send whose answer was lost is looked for before it is cancelled or changed."""

from __future__ import annotations

import socket
import subprocess
import sys
import threading
import time
from datetime import timedelta

import pytest

from agent_desktop.chatwoot.connection import request_deadline
from agent_desktop.chatwoot.errors import ChatwootError, MaybeDeliveredError, NotDeliveredError
from agent_desktop.core.timezones import from_utc
from agent_desktop.demo.models import Scheduling
from agent_desktop.scheduling import designs
from agent_desktop.scheduling.designs.server import ServerDesign
from agent_desktop.scheduling.errors import SchedulingError, ServerUnsettledError
from agent_desktop.scheduling.requests import ScheduleRequest
from agent_desktop.store.records import Intent
from agent_desktop.store.states import OutboxState
from tests.scheduling.conftest import SAO_PAULO

S = OutboxState
SERVERS = [Scheduling.FORK, Scheduling.SEED]


def on_server(world, design, conversation):
    """The conversation's messages the server keeps scheduled, as (id, text)."""
    with world.api(design) as api:
        if design is Scheduling.FORK:
            rows = api.scheduled_messages(conversation)
            return sorted((r.id, r.content) for r in rows if r.status.value == "pending")
        return sorted((m.id, m.content) for m in api.seed_scheduled_messages(conversation))


def request(world, design, text, minutes=30):
    when = from_utc(world.clock.now() + timedelta(minutes=minutes), SAO_PAULO)
    return ScheduleRequest(world.conversation(design), text, when, hold_on_reply=False)


@pytest.mark.parametrize("design", SERVERS)
def test_a_create_whose_answer_is_lost_is_found_not_made_again(world, design):
    service = world.service(design)
    asked = request(world, design, "Resposta perdida")
    world.demo.faults.update({"drop_rate": 1.0, "methods": ["POST"]})
    record = service.schedule(asked)  # the answer never came: the server was asked
    world.demo.faults.update({"drop_rate": 0.0})
    assert record.state is S.PENDING and record.remote_id is not None
    assert record.intent is None
    assert on_server(world, design, asked.conversation_id) == [
        (record.remote_id, "Resposta perdida")
    ]
    assert [r.id for r in world.outbox.find()] == [record.id]


@pytest.mark.parametrize("design", SERVERS)
def test_a_create_the_server_never_got_is_said_and_nothing_is_kept(world, design):
    service = world.service(design)
    asked = request(world, design, "Nunca chegou")
    world.demo.faults.update({"error_rate": 1.0, "methods": ["POST"]})  # 5xx, not processed
    with pytest.raises(ServerUnsettledError, match="nothing was scheduled; try again"):
        service.schedule(asked)
    world.demo.faults.update({"error_rate": 0.0})
    assert world.outbox.find() == []
    assert on_server(world, design, asked.conversation_id) == []


@pytest.mark.parametrize("design", SERVERS)
def test_a_create_nobody_could_check_is_kept_and_settled_at_the_next_look(
    world, design, monkeypatch
):
    service = world.service(design)
    asked = request(world, design, "Conferir depois")
    chosen = designs.design(service.design().name)

    def offline(*_args, **_kwargs):
        raise NotDeliveredError("could not connect")

    monkeypatch.setattr(chosen, "find_created", offline)  # the look after the lost answer
    world.demo.faults.update({"drop_rate": 1.0, "methods": ["POST"]})
    with pytest.raises(ServerUnsettledError, match="checked with the server at the next"):
        service.schedule(asked)
    world.demo.faults.update({"drop_rate": 0.0})
    monkeypatch.undo()
    (kept,) = world.outbox.find()
    assert kept.intent is Intent.CREATE and kept.remote_id is None
    service.refresh()  # the next look: the tab shown, the CLI's `scheduled`, a minute on
    settled = world.outbox.get(kept.id)
    assert settled.intent is None and settled.state is S.PENDING
    assert on_server(world, design, asked.conversation_id) == [
        (settled.remote_id, "Conferir depois")
    ]


@pytest.mark.parametrize("design", SERVERS)
def test_send_now_whose_delete_answer_is_lost_still_sends_it_once(world, design):
    record = world.schedule("Agora, mesmo sem resposta", minutes=30, design=design)
    service = world.service(design)
    with pytest.MonkeyPatch.context() as patch:
        answer_lost(world, design, patch)  # taken by the server, its answer never back
        ready = service.send_now(record.id)
    assert ready.backend == "local" and ready.state is S.PENDING
    world.dispatcher().step()
    assert world.outbox.get(record.id).state is S.SENT
    assert len(world.copies(record, design)) == 1
    assert on_server(world, design, record.conversation_id) == []


@pytest.mark.parametrize("design", SERVERS)
def test_a_cancel_whose_answer_is_lost_ends_cancelled_on_both_sides(world, design):
    record = world.schedule("Cancelar sem resposta", minutes=30, design=design)
    with pytest.MonkeyPatch.context() as patch:
        answer_lost(world, design, patch)
        cancelled = world.service(design).cancel(record.id)
    assert cancelled.state is S.CANCELLED and cancelled.intent is None
    assert on_server(world, design, record.conversation_id) == []


def test_an_edit_the_scheduled_at_server_refuses_leaves_the_message_as_it_was(world):
    design = Scheduling.SEED
    record = world.schedule("Original", minutes=30, design=design)
    later = from_utc(world.clock.now() + timedelta(hours=2), SAO_PAULO)
    world.demo.faults.update({"invalid_rate": 1.0, "methods": ["POST"]})
    with pytest.raises(Exception, match="refused by the server"):
        world.service(design).edit(record.id, text="Nova versão", when=later)
    world.demo.faults.update({"invalid_rate": 0.0})
    kept = world.outbox.get(record.id)
    assert (kept.state, kept.content, kept.remote_id) == (S.PENDING, "Original", record.remote_id)
    assert on_server(world, design, record.conversation_id) == [(record.remote_id, "Original")]


def test_an_edit_whose_new_version_answer_is_lost_is_made_once(world):
    design = Scheduling.SEED
    record = world.schedule("Original", minutes=30, design=design)
    later = from_utc(world.clock.now() + timedelta(hours=2), SAO_PAULO)
    world.demo.faults.update({"drop_rate": 1.0, "methods": ["POST"]})
    edited = world.service(design).edit(record.id, text="Nova versão", when=later)
    world.demo.faults.update({"drop_rate": 0.0})
    assert (edited.content, edited.scheduled_at, edited.intent) == (
        "Nova versão",
        later.instant,
        None,
    )
    assert on_server(world, design, record.conversation_id) == [(edited.remote_id, "Nova versão")]


def test_an_edit_of_one_that_went_out_meanwhile_makes_no_second_copy(world):
    design = Scheduling.SEED
    record = world.schedule("Vai sair", minutes=6, design=design)
    world.clock.advance(timedelta(minutes=6))
    world.demo.dispatch_now()  # the server sent it; the app has not looked yet
    later = from_utc(world.clock.now() + timedelta(hours=2), SAO_PAULO)
    with pytest.raises(SchedulingError, match=r"gone out already|already sent"):
        world.service(design).edit(record.id, text="Tarde demais", when=later)
    assert on_server(world, design, record.conversation_id) == []  # the new one went too
    with world.api(design) as api:
        texts = [m.content for m in api.messages(record.conversation_id)]
    assert texts.count("Vai sair") == 1 and "Tarde demais" not in texts


def test_cancelling_a_local_send_whose_answer_was_lost_says_it_went(world):
    record = world.schedule("Foi ou não foi?", minutes=1)
    world.clock.advance(timedelta(minutes=1))
    world.demo.faults.update({"drop_rate": 1.0, "methods": ["POST"]})
    world.dispatcher().step()
    world.demo.faults.update({"drop_rate": 0.0})
    assert world.outbox.get(record.id).in_flight_since is not None
    with pytest.raises(SchedulingError, match="had gone out already"):
        world.service().cancel(record.id)
    sent = world.outbox.get(record.id)
    assert sent.state is S.SENT and world.copies(record) == [sent.server_message_id]


def test_a_local_send_that_did_not_get_through_can_be_cancelled(world):
    record = world.schedule("Não chegou", minutes=1)
    world.clock.advance(timedelta(minutes=1))
    world.demo.faults.update({"error_rate": 1.0, "methods": ["POST"]})  # 5xx: maybe, maybe not
    world.dispatcher().step()
    world.demo.faults.update({"error_rate": 0.0})
    assert world.outbox.get(record.id).in_flight_since is not None
    cancelled = world.service().cancel(record.id)
    assert cancelled.state is S.CANCELLED and world.copies(record) == []


def test_a_fork_message_in_a_snoozed_conversation_is_told_not_pending_forever(world):
    design = Scheduling.FORK
    conversation = world.conversation(design)
    record = world.schedule("Na soneca", minutes=5, design=design, conversation=conversation)
    with world.api(design) as api:
        api.toggle_status(conversation, "snoozed")
    world.clock.advance(timedelta(minutes=10))
    world.demo.dispatch_now()  # the fork sends only in open or pending conversations
    world.service(design).refresh()
    waiting = world.outbox.get(record.id)
    assert waiting.state is S.PENDING
    assert "the conversation is snoozed" in (waiting.last_error or "")
    assert "stuck" in world.kinds()


def test_a_row_deleted_on_the_server_is_told(world):
    design = Scheduling.FORK
    record = world.schedule("Apagada lá", minutes=30, design=design)
    with world.api(design) as api:
        api.delete_scheduled_message(record.conversation_id, record.remote_id)
    world.service(design).refresh()
    gone = world.outbox.get(record.id)
    assert gone.state is S.CANCELLED and gone.last_error == "deleted on the server"
    told = [e for e in world.events if e.kind.value == "cancelled" and e.record.id == record.id]
    assert told and told[-1].detail == "deleted on the server"


def sent_by_the_seed_server_after_a_busy_while(world, text):
    """A scheduled_at message that the server sent after more was written in its
    conversation: the server dates a message it sends by the sending, so it is listed
    after those written while it waited, though its id is older."""
    design = Scheduling.SEED
    record = world.schedule(text, minutes=6, design=design)
    with world.api(design) as api:
        for n in range(3):
            api.create_message(record.conversation_id, f"Enquanto isso {n}")
    world.clock.advance(timedelta(minutes=6))
    world.demo.dispatch_now()
    return record


def test_a_scheduled_at_message_sent_after_a_busy_while_is_sent_not_cancelled(world):
    record = sent_by_the_seed_server_after_a_busy_while(world, "Saiu depois das outras")
    world.service(Scheduling.SEED).refresh()
    sent = world.outbox.get(record.id)
    assert sent.state is S.SENT and "cancelled" not in world.kinds()


@pytest.mark.parametrize("verb", ["cancel", "send_now"])
def test_cancel_or_send_now_of_one_the_server_just_sent_says_so_and_sends_nothing_more(world, verb):
    record = sent_by_the_seed_server_after_a_busy_while(world, "Já foi pelo servidor")
    service = world.service(Scheduling.SEED)
    with pytest.raises(SchedulingError, match="already"):
        getattr(service, verb)(record.id)
    world.dispatcher().step()
    assert world.outbox.get(record.id).state is S.SENT
    with world.api(Scheduling.SEED) as api:
        texts = [m.content for m in api.messages(record.conversation_id)]
    assert texts.count("Já foi pelo servidor") == 1


def test_an_edit_cut_short_after_its_old_version_was_cancelled_keeps_the_new_one(
    world, monkeypatch
):
    """The app stopped between the server's cancel of the old version and writing the
    change down: the next look finds the new version and the old one gone, and keeps the
    new (the old one's 404 is not 'it went out')."""
    design = Scheduling.SEED
    record = world.schedule("Versão antiga", minutes=30, design=design)
    chosen = designs.design("server-scheduled-at")
    assert isinstance(chosen, ServerDesign)
    real_cancel = chosen.cancel_remote

    def cancel_then_stop(client, row):
        real_cancel(client, row)
        raise SystemExit("the app stopped")

    monkeypatch.setattr(chosen, "cancel_remote", cancel_then_stop)
    later = from_utc(world.clock.now() + timedelta(hours=2), SAO_PAULO)
    with pytest.raises(SystemExit):
        world.service(design).edit(record.id, text="Versão nova", when=later)
    monkeypatch.setattr(chosen, "cancel_remote", real_cancel)
    assert world.outbox.get(record.id).intent is Intent.CHANGE
    world.service(design).refresh()
    kept = world.outbox.get(record.id)
    assert (kept.state, kept.content, kept.intent) == (S.PENDING, "Versão nova", None)
    assert on_server(world, design, record.conversation_id) == [(kept.remote_id, "Versão nova")]


@pytest.mark.parametrize("fault", ["error_rate", "drop_rate"])
def test_an_edit_of_one_the_server_just_sent_leaves_no_second_copy_even_if_taking_it_off_fails(
    world, fault
):
    """The new version is created, the old one turns out to have gone out, and the
    server does not answer while the new copy is taken off: the change stays written
    down, the next look takes the copy off, and the row says sent, with the text that
    went."""
    record = sent_by_the_seed_server_after_a_busy_while(world, "Versão que saiu")
    service = world.service(Scheduling.SEED)
    later = from_utc(world.clock.now() + timedelta(hours=2), SAO_PAULO)
    world.demo.faults.update({fault: 1.0, "methods": ["DELETE"]})
    with pytest.raises(SchedulingError):
        service.edit(record.id, text="Versão que não deve sair", when=later)
    world.demo.faults.update({fault: 0.0})
    service.refresh()
    kept = world.outbox.get(record.id)
    assert (kept.state, kept.content, kept.intent) == (S.SENT, "Versão que saiu", None)
    assert on_server(world, Scheduling.SEED, record.conversation_id) == []
    world.clock.advance(timedelta(hours=3))
    world.demo.dispatch_now()
    with world.api(Scheduling.SEED) as api:
        texts = [m.content for m in api.messages(record.conversation_id)]
    assert texts.count("Versão que saiu") == 1 and "Versão que não deve sair" not in texts


def _dead_process() -> str:
    """The name a step of a process that has since died had."""
    finished = subprocess.Popen([sys.executable, "-c", "pass"])
    finished.wait()
    return f"{socket.gethostname()}:{finished.pid}:0000dead"


@pytest.mark.parametrize("design", SERVERS)
def test_a_look_while_a_create_is_still_on_its_way_leaves_it_to_finish(world, design):
    """The window's look (or another command's) comes while a slow create is still on its
    way: finding nothing on the server yet, it must not conclude that nothing was
    scheduled, or the message goes out with no row in the app to show or cancel it."""
    service = world.service(design)
    asked = request(world, design, "Ainda a caminho")
    world.demo.faults.update({"latency": 1.0, "methods": ["POST"]})
    made: list[object] = []
    creating = threading.Thread(target=lambda: made.append(service.schedule(asked)))
    creating.start()
    try:
        deadline = time.monotonic() + 10
        while not world.outbox.find():
            assert time.monotonic() < deadline, "the create never started"
            time.sleep(0.01)
        # a minute on (a long upload), another look, from another thread: past the time
        # a request cut short by a kill could still be taken, but this one still goes
        world.clock.advance(timedelta(seconds=request_deadline() + 1))
        world.service(design).refresh()
        (under_way,) = world.outbox.find()
        assert under_way.intent is Intent.CREATE
    finally:
        creating.join(timeout=30)
        world.demo.faults.update({"latency": 0})
    (record,) = made
    (settled,) = world.outbox.find()
    assert settled.id == record.id  # type: ignore[attr-defined]
    assert settled.state is S.PENDING and settled.intent is None
    assert on_server(world, design, asked.conversation_id) == [
        (settled.remote_id, "Ainda a caminho")
    ]


@pytest.mark.parametrize("arrives", [True, False], ids=["taken-late", "never-arrived"])
@pytest.mark.parametrize("design", SERVERS)
def test_a_create_cut_by_a_kill_is_given_the_server_s_time_before_it_is_settled(
    world, design, arrives
):
    """A command killed mid-create: the server may take the request it had received a
    moment later, so a look right away keeps the row; once no request can still be on
    its way, the look settles it as the server has it."""
    service = world.service(design)
    asked = request(world, design, "Cortado no meio")
    record = world.outbox.add(
        profile_id=world.profile(design).id,
        conversation_id=asked.conversation_id,
        content=asked.text,
        scheduled_at=asked.when.instant,
        zone=asked.when.zone_name,
        hold_on_reply=False,
        backend=service.design().name,
        intent=Intent.CREATE,
        claimed_by=_dead_process(),
    )
    service.refresh()  # at once: the server may still be taking it
    assert world.outbox.get(record.id).intent is Intent.CREATE
    if arrives:  # the request the killed command had sent, taken by the server late
        with world.api(design) as api:
            service.design().create_remote(
                api,
                conversation_id=asked.conversation_id,
                text=asked.text,
                when=asked.when.instant,
                hold_on_reply=False,
                key=record.delivery_key,
                uploads=[],
            )
    world.clock.advance(timedelta(seconds=request_deadline() + 1))
    service.refresh()
    if arrives:
        (settled,) = world.outbox.find()
        assert settled.state is S.PENDING and settled.intent is None
        assert on_server(world, design, asked.conversation_id) == [
            (settled.remote_id, "Cortado no meio")
        ]
    else:
        assert world.outbox.find() == []  # nothing was scheduled, and nothing is shown
        assert on_server(world, design, asked.conversation_id) == []


@pytest.mark.parametrize("design", SERVERS)
def test_a_create_that_timed_out_is_kept_until_the_server_has_had_its_time(
    world, design, monkeypatch
):
    """The app gave up waiting, but the server was still working on the create: what the
    first look does not find yet is not called unscheduled; the next look finds it."""
    monkeypatch.setenv("AGENT_DESKTOP_REQUEST_DEADLINE", "2")
    service = world.service(design)
    asked = request(world, design, "Servidor lento")
    world.demo.faults.update({"latency": 3.0, "methods": ["POST"]})
    try:
        with pytest.raises(ServerUnsettledError, match="it may still be taking it"):
            service.schedule(asked)
        (kept,) = world.outbox.find()
        assert kept.intent is Intent.CREATE
        deadline = time.monotonic() + 10
        while not on_server(world, design, asked.conversation_id):  # the server finishes
            assert time.monotonic() < deadline, "the server never took it"
            time.sleep(0.05)
    finally:
        world.demo.faults.update({"latency": 0})
    world.clock.advance(timedelta(seconds=3))
    service.refresh()
    settled = world.outbox.get(kept.id)
    assert settled.state is S.PENDING and settled.intent is None
    assert on_server(world, design, asked.conversation_id) == [
        (settled.remote_id, "Servidor lento")
    ]


def _edit(world, design, record):
    later = from_utc(world.clock.now() + timedelta(hours=2), SAO_PAULO)
    return world.service(design).edit(record.id, text="Nova versão", when=later)


@pytest.mark.parametrize("design", SERVERS)
@pytest.mark.parametrize(
    "verb",
    [
        _edit,
        lambda world, design, record: world.service(design).send_now(record.id),
        lambda world, design, record: world.service(design).cancel(record.id),
    ],
    ids=["edit", "send-now", "cancel"],
)
def test_a_look_that_read_the_row_before_another_step_took_it_leaves_that_step_s_outcome(
    world, design, verb
):
    """Another window's refresh (or a command's `scheduled`) read the row, then an edit,
    "send now" or cancel elsewhere took the old copy off the server before the look asked
    there: the look must not call the message gone, nor tell the agent so."""
    record = world.schedule("Antes do passo", minutes=30, design=design)
    service = world.service(design)
    read_by_the_look = world.outbox.get(record.id)
    done = verb(world, design, record)
    chosen = designs.design(read_by_the_look.backend)
    assert isinstance(chosen, ServerDesign)
    chosen.refresh(service.context(chosen), [read_by_the_look])  # what it read is old now
    kept = world.outbox.get(record.id)
    assert (kept.state, kept.backend, kept.content, kept.remote_id) == (
        done.state,
        done.backend,
        done.content,
        done.remote_id,
    )
    assert not [e for e in world.events if "on the server" in e.detail]
    if done.state is S.PENDING and not done.is_local:  # edited: the new copy is the row's
        assert on_server(world, design, record.conversation_id) == [(done.remote_id, done.content)]


def test_a_restored_fork_message_and_an_edited_seed_one_keep_their_file(world, tmp_path):
    """A new version on the server is made from the copy kept when it was scheduled: a
    restore (the fork) and an edit of the text (the seed design's cancel and create)."""
    receipt = tmp_path / "recibo.pdf"
    receipt.write_bytes(b"%PDF-1.4 recibo" * 50)
    fork = world.schedule("Com recibo", minutes=60, design=Scheduling.FORK, files=(receipt,))
    service = world.service(Scheduling.FORK)
    service.cancel(fork.id)
    receipt.unlink()  # the original moved on: the kept copy stands in
    restored = service.restore(fork.id)
    with world.api(Scheduling.FORK) as api:
        (row,) = [
            r for r in api.scheduled_messages(fork.conversation_id) if r.id == restored.remote_id
        ]
    assert row.attachment is not None and row.attachment.filename == "recibo.pdf"

    photo = tmp_path / "foto.png"
    photo.write_bytes(b"\x89PNG foto" * 50)
    seed = world.schedule("Com foto", minutes=60, design=Scheduling.SEED, files=(photo,))
    edited = world.service(Scheduling.SEED).edit(seed.id, text="Com foto, revisto")
    with world.api(Scheduling.SEED) as api:
        (message,) = [
            m for m in api.seed_scheduled_messages(seed.conversation_id) if m.id == edited.remote_id
        ]
    assert message.content == "Com foto, revisto"
    assert [a.filename for a in message.attachments] == ["foto.png"]


# -- "send now" of a message the server keeps: taken off its schedule, then sent from
# here. Cut between the two, or refused by the server, it ends in one sent message or
# in the message still scheduled there as it was: never two copies, never none.


def kept_on_server(world, design, conversation):
    """The conversation's messages the server keeps scheduled: (id, text, time)."""
    with world.api(design) as api:
        if design is Scheduling.FORK:
            rows = api.scheduled_messages(conversation)
            return [(r.id, r.content, r.scheduled_at) for r in rows if r.status.value == "pending"]
        return [
            (m.id, m.content, m.scheduled_at) for m in api.seed_scheduled_messages(conversation)
        ]


def sent_texts(world, design, conversation):
    with world.api(design) as api:
        return [m.content for m in api.messages(conversation)]


def after_its_time(world, record):
    """Past the message's own time, when the server sends what it still keeps."""
    world.clock.advance(record.scheduled_at - world.clock.now() + timedelta(minutes=1))
    world.demo.dispatch_now()


def stopped_at(world, design, monkeypatch, *, delete_reached):
    """The app stops during "send now" or a cancel: after its step is written down, the DELETE
    taken by the server before the stop (its answer never recorded), or never sent."""
    chosen = designs.design(world.service(design).design().name)
    assert isinstance(chosen, ServerDesign)
    real_cancel = chosen.cancel_remote

    def cancel_then_stop(client, row):
        if delete_reached:
            real_cancel(client, row)
        raise SystemExit("the app stopped")

    monkeypatch.setattr(chosen, "cancel_remote", cancel_then_stop)


def look(world, design, record):
    world.service(design).refresh()  # the next look: the window's, the CLI's `scheduled`


def send_now_again(world, design, record):
    ready = world.service(design).send_now(record.id)  # the agent asks again: no error
    assert ready.is_local and ready.state is S.PENDING


@pytest.mark.parametrize("delete_reached", [True, False], ids=["deleted", "not-deleted"])
@pytest.mark.parametrize("design", SERVERS)
def test_a_send_now_cut_short_by_a_stop_is_finished_once_at_the_next_look(
    world, design, delete_reached, monkeypatch
):
    """The app stops in the middle of "send now", its step written down, the DELETE
    taken by the server or never sent: the next process's first look finishes it, and
    it goes once, from here, with nothing left for the server to send later."""
    record = world.schedule("Agora, depois da parada", minutes=30, design=design)
    stopped_at(world, design, monkeypatch, delete_reached=delete_reached)
    with pytest.raises(SystemExit):
        world.service(design).send_now(record.id)
    monkeypatch.undo()
    cut = world.outbox.get(record.id)
    assert cut.intent is Intent.SEND_NOW and not cut.is_local
    assert len(kept_on_server(world, design, record.conversation_id)) == (
        0 if delete_reached else 1
    )

    # a new process: a new service and sender on the same data; its first look
    world.service(design).refresh()
    ready = world.outbox.get(record.id)
    assert ready.is_local and ready.state is S.PENDING and ready.intent is None
    assert kept_on_server(world, design, record.conversation_id) == []
    world.dispatcher().step()
    assert world.outbox.get(record.id).state is S.SENT
    after_its_time(world, record)  # and the server sends nothing of its own later
    assert sent_texts(world, design, record.conversation_id).count("Agora, depois da parada") == 1


@pytest.mark.parametrize("then", [send_now_again, look], ids=["again", "look"])
@pytest.mark.parametrize("design", SERVERS)
def test_a_send_now_the_server_never_took_leaves_it_scheduled_as_it_was(world, design, then):
    """The server fails the DELETE without acting on it: the agent is told it is still
    scheduled there, and it is, unchanged; once the server answers again, "send now"
    asked again (or the next look, as the agent was told) sends it, once."""
    record = world.schedule("Ficou agendada", minutes=30, design=design)
    before = kept_on_server(world, design, record.conversation_id)
    assert [(i, t) for i, t, _ in before] == [(record.remote_id, "Ficou agendada")]
    world.demo.faults.update({"error_rate": 1.0, "methods": ["DELETE"]})  # 5xx, not processed
    with pytest.raises(ServerUnsettledError, match="still scheduled there"):
        world.service(design).send_now(record.id)
    world.demo.faults.update({"error_rate": 0.0})
    # on the server as it was, the same time and text; here, still the server's to send
    assert kept_on_server(world, design, record.conversation_id) == before
    kept = world.outbox.get(record.id)
    assert (kept.state, kept.backend, kept.remote_id) == (
        S.PENDING,
        record.backend,
        record.remote_id,
    )
    assert (kept.content, kept.scheduled_at) == (record.content, record.scheduled_at)
    world.dispatcher().step()
    assert "Ficou agendada" not in sent_texts(world, design, record.conversation_id)

    then(world, design, record)  # the server answers again
    ready = world.outbox.get(record.id)
    assert ready.is_local and ready.state is S.PENDING and ready.due_at <= world.clock.now()
    world.dispatcher().step()
    assert world.outbox.get(record.id).state is S.SENT
    after_its_time(world, record)
    assert sent_texts(world, design, record.conversation_id).count("Ficou agendada") == 1
    assert kept_on_server(world, design, record.conversation_id) == []


# -- a cancel of a message the server keeps: written down first, so a stop in the middle
# ends, at the next look, in a message cancelled on both sides and never sent; and the
# row says cancelled only once the server no longer has it.


def cancel_again(world, design, record):
    cancelled = world.service(design).cancel(record.id)  # the agent asks again: no error
    assert cancelled.state is S.CANCELLED


def nothing_goes(world, design, record):
    """Neither from here nor from the server at the message's time, and the row still
    says cancelled after the server's own look."""
    world.dispatcher().step()
    after_its_time(world, record)
    world.service(design).refresh()
    assert world.outbox.get(record.id).state is S.CANCELLED
    assert record.content not in sent_texts(world, design, record.conversation_id)


@pytest.mark.parametrize("then", [look, cancel_again], ids=["look", "again"])
@pytest.mark.parametrize("delete_reached", [True, False], ids=["deleted", "not-deleted"])
@pytest.mark.parametrize("design", SERVERS)
def test_a_cancel_cut_short_by_a_stop_ends_cancelled_on_both_sides(
    world, design, delete_reached, then
):
    """The app stops in the middle of a cancel, its step written down, the DELETE taken
    by the server or never sent: the next process's first look (or the agent cancelling
    again) finishes it: cancelled here, gone from the server, and never sent."""
    record = world.schedule("Cancelada, depois da parada", minutes=30, design=design)
    with pytest.MonkeyPatch.context() as patch:
        stopped_at(world, design, patch, delete_reached=delete_reached)
        with pytest.raises(SystemExit):
            world.service(design).cancel(record.id)
    cut = world.outbox.get(record.id)
    assert (cut.intent, cut.state) == (Intent.CANCEL, S.PENDING)
    assert len(kept_on_server(world, design, record.conversation_id)) == (
        0 if delete_reached else 1
    )

    then(world, design, record)  # a new process on the same data
    cancelled = world.outbox.get(record.id)
    assert (cancelled.state, cancelled.intent) == (S.CANCELLED, None)
    assert not cancelled.is_local and cancelled.last_error is None  # not "deleted there"
    assert kept_on_server(world, design, record.conversation_id) == []
    nothing_goes(world, design, record)


def answer_lost(world, design, monkeypatch):
    """The server takes the DELETE, and its answer never comes back (the connection
    drops first). Made here rather than by the demo's drop, so that it can be paired
    with a look that fails (the demo's faults share one list of methods)."""
    chosen = designs.design(world.service(design).design().name)
    assert isinstance(chosen, ServerDesign)
    real_cancel = chosen.cancel_remote

    def cancel_answer_lost(client, row):
        real_cancel(client, row)
        raise MaybeDeliveredError("no answer: the connection dropped")

    monkeypatch.setattr(chosen, "cancel_remote", cancel_answer_lost)


def not_taken(world, design, monkeypatch):
    world.demo.faults.update({"error_rate": 1.0, "methods": ["DELETE"]})  # 5xx, not processed


def not_taken_nor_looked_at(world, design, monkeypatch):
    world.demo.faults.update({"error_rate": 1.0, "methods": ["DELETE", "GET"]})


def taken_not_looked_at(world, design, monkeypatch):
    answer_lost(world, design, monkeypatch)
    world.demo.faults.update({"error_rate": 1.0, "methods": ["GET"]})


@pytest.mark.parametrize("then", [look, cancel_again], ids=["look", "again"])
@pytest.mark.parametrize(
    "fault",
    [not_taken, not_taken_nor_looked_at, taken_not_looked_at],
    ids=["not-taken", "not-taken-nor-looked-at", "taken-not-looked-at"],
)
@pytest.mark.parametrize("design", SERVERS)
def test_a_cancel_whose_answer_is_lost_is_not_called_cancelled_until_the_server_says_so(
    world, design, fault, then
):
    """The DELETE's answer never comes, and the server did not act on it (a 5xx) or could
    not be asked after: the row is not shown cancelled while the server may still send
    it; the next look (or the agent cancelling again), once the server answers, cancels
    it on both sides."""
    record = world.schedule("Cancelar, sem saber", minutes=30, design=design)
    before = kept_on_server(world, design, record.conversation_id)
    with pytest.MonkeyPatch.context() as patch:
        fault(world, design, patch)
        with pytest.raises((SchedulingError, ChatwootError)):
            world.service(design).cancel(record.id)
        world.demo.faults.update({"error_rate": 0.0})
    kept = world.outbox.get(record.id)
    assert (kept.state, kept.backend, kept.remote_id) == (
        S.PENDING,
        record.backend,
        record.remote_id,
    )
    taken = fault is taken_not_looked_at
    assert kept_on_server(world, design, record.conversation_id) == ([] if taken else before)

    then(world, design, record)  # the server answers again
    cancelled = world.outbox.get(record.id)
    assert (cancelled.state, cancelled.intent) == (S.CANCELLED, None)
    assert kept_on_server(world, design, record.conversation_id) == []
    nothing_goes(world, design, record)
