"""The local outbox's dispatcher against the demo server, time moved by hand."""

from __future__ import annotations

import os
import stat
from datetime import timedelta
from pathlib import Path

import pytest

from agent_desktop.demo import simulation
from agent_desktop.scheduling.events import EventKind
from agent_desktop.scheduling.pacing import Backoff
from agent_desktop.store.records import OutboxRecord, StoredAttachment
from agent_desktop.store.states import OutboxState

S = OutboxState


def test_a_message_goes_out_at_its_time_tagged_with_its_key(world):
    record = world.schedule("Seu pedido saiu para entrega", minutes=10)
    dispatcher = world.dispatcher()
    assert dispatcher.step() == 0
    world.clock.advance(timedelta(minutes=9, seconds=59))
    assert dispatcher.step() == 0
    world.clock.advance(timedelta(seconds=1))
    assert dispatcher.step() == 1
    sent = world.outbox.get(record.id)
    assert sent.state is S.SENT and sent.sent_at == record.scheduled_at
    assert world.copies(record) == [sent.server_message_id]
    log = world.outbox.attempts(record.id)
    assert [(a.outcome, a.http_status) for a in log] == [("sent", 200)]
    assert world.kinds() == ["created", "sent"]


def test_a_customer_reply_holds_the_message_until_the_agent_decides(world):
    conversation = world.conversation()
    record = world.schedule("Conseguiu resolver?", conversation=conversation)
    world.clock.advance(timedelta(minutes=1))
    world.customer_writes(conversation)
    world.clock.advance(timedelta(minutes=9))
    dispatcher = world.dispatcher()
    dispatcher.step()
    held = world.outbox.get(record.id)
    assert held.state is S.HELD and "customer replied" in held.last_error
    assert world.copies(record) == []
    assert EventKind.HELD in world.kinds()
    world.service().send_now(record.id)  # the agent says: send it anyway
    dispatcher.step()
    assert world.outbox.get(record.id).state is S.SENT


def test_without_hold_on_reply_it_goes_anyway(world):
    conversation = world.conversation()
    record = world.schedule(conversation=conversation, hold_on_reply=False)
    world.customer_writes(conversation)
    world.clock.advance(timedelta(minutes=10))
    world.dispatcher().step()
    assert world.outbox.get(record.id).state is S.SENT


def test_a_reply_from_before_the_scheduling_does_not_hold(world):
    conversation = world.conversation()
    world.customer_writes(conversation)
    world.clock.advance(timedelta(seconds=2))
    record = world.schedule(conversation=conversation)
    world.clock.advance(timedelta(minutes=10))
    world.dispatcher().step()
    assert world.outbox.get(record.id).state is S.SENT


def test_what_came_due_while_nothing_ran_is_sent_within_grace_else_missed(world):
    slightly_late = world.schedule("a tempo", minutes=10)
    too_late = world.schedule("tarde demais", minutes=1)
    world.clock.advance(timedelta(minutes=10 + 14))  # 14 and 23 minutes late
    dispatcher = world.dispatcher(grace=timedelta(minutes=15))
    dispatcher.recover()
    dispatcher.step()
    assert world.outbox.get(slightly_late.id).state is S.SENT
    missed = world.outbox.get(too_late.id)
    assert missed.state is S.MISSED and "while the app was not running" in missed.last_error
    assert world.copies(too_late) == []
    assert EventKind.MISSED in world.kinds()


def test_a_message_that_was_retrying_when_everything_stopped_is_missed_too(world):
    record = world.schedule("ia tentar de novo", minutes=1)
    world.clock.advance(timedelta(minutes=1))
    world.demo.faults.update({"error_rate": 1.0, "methods": ["POST"]})
    world.dispatcher().step()  # a 5xx: certainly not delivered, retried in a moment
    retrying = world.outbox.get(record.id)
    assert retrying.state is S.PENDING and retrying.attempts == 1
    world.demo.faults.update({"error_rate": 0.0})
    world.clock.advance(timedelta(days=1))  # the laptop slept a day
    dispatcher = world.dispatcher(grace=timedelta(minutes=15))
    dispatcher.recover()
    dispatcher.step()
    missed = world.outbox.get(record.id)
    assert missed.state is S.MISSED and world.copies(record) == []  # not a day late


def test_an_uncertain_one_is_missed_but_looked_for_before_any_new_try(world):
    record = world.schedule("talvez tenha ido", minutes=1)
    world.clock.advance(timedelta(minutes=1))
    world.demo.faults.update({"drop_rate": 1.0, "methods": ["POST"]})
    world.dispatcher().step()  # it went, the answer was lost
    world.demo.faults.update({"drop_rate": 0.0})
    world.clock.advance(timedelta(days=1))
    dispatcher = world.dispatcher(grace=timedelta(minutes=15))
    dispatcher.recover()
    missed = world.outbox.get(record.id)
    assert missed.state is S.MISSED and missed.in_flight_since is not None
    world.service().send_now(record.id)  # the agent says: send it anyway
    dispatcher.step()
    sent = world.outbox.get(record.id)
    assert sent.state is S.SENT and len(world.copies(record)) == 1  # found, not resent
    assert [a.outcome for a in world.outbox.attempts(record.id)][-1] == "reconciled"


def test_a_refused_token_pauses_all_sending_and_loses_nothing(world):
    first = world.schedule("um", minutes=1)
    second = world.schedule("dois", minutes=1)
    world.clock.advance(timedelta(minutes=1))
    good_token = world.env["AGENT_DESKTOP_TOKEN"]
    world.env["AGENT_DESKTOP_TOKEN"] = "revoked"
    dispatcher = world.dispatcher()
    dispatcher.step()
    assert dispatcher.paused
    assert {world.outbox.get(r.id).state for r in (first, second)} == {S.PENDING}
    assert world.kinds().count("paused") == 1
    assert dispatcher.step() == 0  # nothing is tried while paused
    world.env["AGENT_DESKTOP_TOKEN"] = good_token  # the agent signed in again
    dispatcher.step()
    assert not dispatcher.paused and "resumed" in world.kinds()
    assert {world.outbox.get(r.id).state for r in (first, second)} == {S.SENT}


def test_a_missing_conversation_fails_at_once_with_the_servers_word(world):
    record = world.schedule(conversation=99_999, minutes=1)
    world.clock.advance(timedelta(minutes=1))
    world.dispatcher().step()
    failed = world.outbox.get(record.id)
    assert failed.state is S.FAILED and failed.last_error == "Resource could not be found"
    assert failed.attempts == 1


def test_a_422_fails_at_once(world):
    # a website chat: no channel limit here, so the server is the one to refuse it
    record = world.outbox.add(
        profile_id=world.profile().id,
        conversation_id=world.conversation(inbox_type="Channel::WebWidget"),
        content="x" * 150_001,
        scheduled_at=world.clock.now(),
        zone="UTC",
    )
    world.dispatcher().step()
    failed = world.outbox.get(record.id)
    assert failed.state is S.FAILED and "Content is too long" in failed.last_error
    assert [a.http_status for a in world.outbox.attempts(record.id)] == [422]


def test_a_429_slows_every_message_and_its_retry_after_is_honoured(world):
    records = [
        world.schedule(f"m{n}", minutes=1, conversation=world.conversation(index=n))
        for n in range(3)
    ]
    world.clock.advance(timedelta(minutes=1))
    world.demo.faults.update({"rate_limit_rate": 1.0, "retry_after": 30, "methods": ["POST"]})
    dispatcher = world.dispatcher()
    dispatcher.step()
    states = [world.outbox.get(r.id) for r in records]
    assert all(r.state is S.PENDING for r in states)
    assert dispatcher.limiter.not_before >= world.clock.now() + timedelta(seconds=30)
    # one request met the 429; the others waited without knocking
    assert sum(r.attempts for r in states) == 1
    world.demo.faults.update({"rate_limit_rate": 0.0})
    world.clock.advance(timedelta(seconds=29))
    dispatcher.step()
    assert all(world.outbox.get(r.id).state is S.PENDING for r in records)
    world.clock.advance(timedelta(seconds=60))
    dispatcher.step()
    assert all(world.outbox.get(r.id).state is S.SENT for r in records)


def test_a_lost_answer_is_reconciled_not_sent_twice(world):
    record = world.schedule(minutes=1)
    world.clock.advance(timedelta(minutes=1))
    world.demo.faults.update({"drop_rate": 1.0, "methods": ["POST"]})
    dispatcher = world.dispatcher()
    dispatcher.step()
    uncertain = world.outbox.get(record.id)
    assert uncertain.state is S.PENDING and uncertain.in_flight_since is not None
    world.demo.faults.update({"drop_rate": 0.0})
    world.clock.advance(timedelta(minutes=1))
    dispatcher.step()
    sent = world.outbox.get(record.id)
    assert sent.state is S.SENT
    assert world.copies(record) == [sent.server_message_id]
    outcomes = [a.outcome for a in world.outbox.attempts(record.id)]
    assert outcomes == ["maybe_delivered", "reconciled"]


def test_the_look_for_a_lost_answer_goes_back_however_busy_the_chat_was(world):
    """Three hundred messages after it (a busy chat, a long gap after a crash): the look
    goes back by time, not by a count of pages."""
    conversation = world.conversation()
    record = world.schedule("perdida no meio", minutes=1, conversation=conversation)
    world.clock.advance(timedelta(minutes=1))
    world.demo.faults.update({"drop_rate": 1.0, "methods": ["POST"]})
    dispatcher = world.dispatcher()
    dispatcher.step()
    world.demo.faults.update({"drop_rate": 0.0})
    from agent_desktop.demo.simulation import customer_says
    from agent_desktop.demo.state import Caller

    caller = Caller(0, world.demo.accounts.upstream)
    world.demo.call(
        lambda: [
            customer_says(world.demo.state, caller, conversation, f"oi {n}") for n in range(300)
        ]
    )
    world.clock.advance(timedelta(minutes=1))
    dispatcher.step()
    sent = world.outbox.get(record.id)
    assert sent.state is S.SENT and world.copies(record) == [sent.server_message_id]
    assert [a.outcome for a in world.outbox.attempts(record.id)] == [
        "maybe_delivered",
        "reconciled",
    ]


def test_5xx_is_retried_with_backoff_and_checked_first(world):
    record = world.schedule(minutes=1)
    world.clock.advance(timedelta(minutes=1))
    world.demo.faults.update({"error_rate": 1.0, "methods": ["POST"]})
    dispatcher = world.dispatcher()
    dispatcher.step()
    first_retry = world.outbox.get(record.id).due_at
    assert first_retry > world.clock.now()
    world.clock.advance(first_retry - world.clock.now())
    dispatcher.step()
    second_retry = world.outbox.get(record.id).due_at
    assert (second_retry - world.clock.now()) > (
        first_retry - record.scheduled_at - timedelta(minutes=1)
    ) / 2
    world.demo.faults.update({"error_rate": 0.0})
    world.clock.advance(second_retry - world.clock.now())
    dispatcher.step()
    assert world.outbox.get(record.id).state is S.SENT
    assert len(world.copies(record)) == 1


def test_giving_up_after_the_limit_fails_with_the_reason(world):
    record = world.schedule(minutes=1)
    world.clock.advance(timedelta(minutes=1))
    world.demo.faults.update({"error_rate": 1.0, "methods": ["POST"]})
    dispatcher = world.dispatcher(backoff=Backoff(max_attempts=3))
    for _ in range(3):
        dispatcher.step()
        world.clock.advance(timedelta(minutes=5))
    failed = world.outbox.get(record.id)
    assert failed.state is S.FAILED and failed.last_error.startswith("gave up after 3 attempts")
    assert EventKind.FAILED in world.kinds()
    world.demo.faults.update({"error_rate": 0.0})
    world.service().retry(record.id)
    dispatcher.step()
    assert world.outbox.get(record.id).state is S.SENT


def test_attachments_are_kept_privately_and_sent_along(world, tmp_path):
    photo, pdf = tmp_path / "foto.png", tmp_path / "nota.pdf"
    photo.write_bytes(b"\x89PNG demo")
    pdf.write_bytes(b"%PDF demo")
    record = world.schedule("Segue", minutes=5, files=(photo, pdf))
    photo.unlink()  # the original may go; the kept copy stays
    pdf.unlink()
    kept = world.home / record.attachments[0].path
    if os.name == "posix":
        assert stat.S_IMODE(kept.stat().st_mode) == 0o600
        assert stat.S_IMODE(kept.parent.stat().st_mode) == 0o700
    world.clock.advance(timedelta(minutes=5))
    world.dispatcher().step()
    sent = world.outbox.get(record.id)
    with world.api() as api:
        message = next(
            m for m in api.messages(sent.conversation_id) if m.id == sent.server_message_id
        )
    assert [a.filename for a in message.attachments] == ["foto.png", "nota.pdf"]


def test_a_missing_kept_attachment_fails_plainly(world):
    record = world.outbox.add(
        profile_id=world.profile().id,
        conversation_id=world.conversation(),
        content="x",
        scheduled_at=world.clock.now(),
        zone="UTC",
        attachments=[StoredAttachment("attachments/x/gone.pdf", "gone.pdf", "application/pdf")],
    )
    world.dispatcher().step()
    failed = world.outbox.get(record.id)
    assert failed.state is S.FAILED and "gone.pdf is missing" in failed.last_error


def test_a_channel_failure_after_sending_marks_the_message_failed(world):
    whatsapp = world.conversation(inbox_type="Channel::Whatsapp")
    world.clock.advance(timedelta(hours=30))  # the 24-hour window has closed
    record = world.schedule(
        "Ainda precisa de ajuda?", minutes=1, conversation=whatsapp, hold_on_reply=False
    )
    world.clock.advance(timedelta(minutes=1))
    dispatcher = world.dispatcher()
    dispatcher.step()
    assert world.outbox.get(record.id).state is S.SENT
    world.clock.advance(timedelta(seconds=3))
    world.demo.call(simulation.progress_deliveries, world.demo.state, timedelta(seconds=1))
    world.clock.advance(timedelta(seconds=5))
    dispatcher.step()
    failed = world.outbox.get(record.id)
    assert failed.state is S.FAILED and "24 hours" in failed.last_error
    assert world.kinds()[-1] == "failed"
    assert dispatcher.watch.following() == 0


def test_a_delivered_message_is_no_longer_followed(world):
    record = world.schedule(
        minutes=1,
        hold_on_reply=False,
        conversation=world.conversation(inbox_type="Channel::WebWidget"),
    )
    world.clock.advance(timedelta(minutes=1))
    dispatcher = world.dispatcher()
    dispatcher.step()
    world.clock.advance(timedelta(seconds=3))
    world.demo.call(simulation.progress_deliveries, world.demo.state, timedelta(seconds=1))
    world.clock.advance(timedelta(seconds=5))
    dispatcher.step()
    assert world.outbox.get(record.id).state is S.SENT
    assert dispatcher.watch.following() == 0


def test_a_clock_jump_is_noticed_and_what_it_skipped_is_missed(world):
    record = world.schedule(minutes=10)
    dispatcher = world.dispatcher(grace=timedelta(minutes=15))
    dispatcher.step()
    world.clock.jump(timedelta(hours=2))  # the laptop slept, or the clock was changed
    dispatcher.step()
    assert "clock_jump" in world.kinds()
    assert world.outbox.get(record.id).state is S.MISSED


def test_sleep_is_until_the_next_due_instant_and_capped(world):
    dispatcher = world.dispatcher(max_sleep=15.0)
    assert dispatcher._next_delay() == 15.0
    world.schedule(minutes=0.1)
    assert abs(dispatcher._next_delay() - 6.0) < 0.01
    world.schedule(minutes=60)
    assert abs(dispatcher._next_delay() - 6.0) < 0.01


def test_what_the_engine_writes_about_a_message_is_in_the_agents_language(world):
    """The reasons shown in the Scheduled tab and in notifications are worded in the
    language of the process that wrote them, as every other message is."""
    from agent_desktop.core import i18n

    i18n.set_language("pt_BR")
    try:
        conversation = world.conversation()
        replied_to = world.schedule("Posso ajudar?", conversation=conversation, minutes=10)
        world.clock.advance(timedelta(seconds=5))
        world.customer_writes(conversation)
        too_late = world.schedule("tarde demais", minutes=1)
        world.clock.advance(timedelta(minutes=20))  # 10 and 19 minutes late
        dispatcher = world.dispatcher(grace=timedelta(minutes=15))
        dispatcher.recover()
        dispatcher.step()
    finally:
        i18n.set_language("en")
    assert world.outbox.get(too_late.id).last_error.endswith("UTC, com o app fechado")
    held = world.outbox.get(replied_to.id)
    assert held.state is S.HELD
    assert held.last_error == "o cliente respondeu depois do agendamento"
    details = {event.kind: event.detail for event in world.events}
    assert details[EventKind.MISSED] == "venceu enquanto nada estava rodando"


def test_copies_no_message_needs_are_swept_and_the_rest_kept(world, tmp_path):
    from agent_desktop.scheduling import attachments

    photo = tmp_path / "foto.png"
    photo.write_bytes(b"\x89PNG demo")

    def folder(record: OutboxRecord) -> Path:
        return Path(world.home, record.attachments[0].path).parent

    sent = world.schedule("Segue a foto", minutes=5, files=(photo,))
    pending = world.schedule("Amanhã", minutes=60 * 24, files=(photo,))
    cancelled = world.schedule("Deixa pra lá", minutes=60, files=(photo,))
    world.service().cancel(cancelled.id)
    world.clock.advance(timedelta(minutes=5))
    world.dispatcher().step()
    assert world.outbox.get(sent.id).state is S.SENT
    root = world.home / attachments.FOLDER
    orphan_new, orphan_old = root / "copying-now", root / "crashed-last-week"
    for orphan in (orphan_new, orphan_old):
        orphan.mkdir()
        (orphan / "x.pdf").write_bytes(b"%PDF")
    week_ago = world.clock.now().timestamp() - 7 * 86400
    os.utime(orphan_old, (week_ago, week_ago))
    orphan_new_time = world.clock.now().timestamp()
    os.utime(orphan_new, (orphan_new_time, orphan_new_time))

    removed = attachments.sweep(world.home, world.outbox.find(), world.clock.now())
    assert removed == 2 and not folder(sent).exists() and not orphan_old.exists()
    assert folder(pending).exists() and folder(cancelled).exists() and orphan_new.exists()
    world.clock.advance(timedelta(days=8))  # the cancellation can no longer be undone
    attachments.sweep(world.home, world.outbox.find(), world.clock.now())
    assert not folder(cancelled).exists() and folder(pending).exists()


def test_the_running_dispatcher_sweeps_at_start(world, tmp_path):
    import time

    photo = tmp_path / "foto.png"
    photo.write_bytes(b"\x89PNG demo")
    record = world.schedule("Segue", minutes=5, files=(photo,))
    world.clock.advance(timedelta(minutes=5))
    world.dispatcher().step()
    kept = world.home / Path(world.outbox.get(record.id).attachments[0].path).parent
    assert kept.exists()
    dispatcher = world.dispatcher()
    dispatcher.start()
    try:
        deadline = time.monotonic() + 10
        while kept.exists():
            assert time.monotonic() < deadline, "the sent message's copy was not swept"
            time.sleep(0.02)
    finally:
        dispatcher.stop()


@pytest.mark.parametrize(
    ("ahead", "customer_first", "expected"),
    [
        # this machine 12 minutes ahead: a reply a minute after scheduling holds the message
        (timedelta(minutes=12), False, S.HELD),
        # 12 minutes behind: a message from before the scheduling does not
        (timedelta(minutes=-12), True, S.SENT),
    ],
)
def test_a_reply_is_judged_by_the_servers_clock(
    demo_server, demo_clock, db, home, ahead, customer_first, expected
):
    """The customer's reply carries the server's time, the scheduling this machine's:
    the server's Date header tells how far apart they are."""
    from agent_desktop.core.clock import FakeClock
    from agent_desktop.credentials import TOKEN_ENV
    from tests.scheduling.conftest import World

    world = World(
        demo=demo_server,
        clock=FakeClock(demo_clock.now() + ahead),
        db=db,
        home=home,
        env={TOKEN_ENV: demo_server.token},
    )

    def advance(by: timedelta) -> None:
        world.clock.advance(by)
        demo_clock.advance(by)

    try:
        conversation = world.conversation()
        if customer_first:
            world.customer_writes(conversation)
            advance(timedelta(minutes=1))
        record = world.schedule("Conseguiu resolver?", conversation=conversation)
        if not customer_first:
            advance(timedelta(minutes=1))
            world.customer_writes(conversation)
        # due by the server's clock too (a fast clock here waits for it)
        advance(timedelta(minutes=10) + max(ahead, timedelta(0)))
        world.dispatcher().step()
        assert world.outbox.get(record.id).state is expected
    finally:
        world.clients.close()


@pytest.mark.parametrize("ahead_minutes", [20, -20])
def test_a_message_goes_by_the_servers_clock_and_a_wrong_clock_is_told(
    demo_server, demo_clock, db, home, ahead_minutes
):
    """This machine's clock 20 minutes fast would send 20 minutes early; the server's
    Date header says which time it is there. Either way the agent is told."""
    from agent_desktop.core.clock import FakeClock
    from agent_desktop.credentials import TOKEN_ENV
    from tests.scheduling.conftest import World

    ahead = timedelta(minutes=ahead_minutes)
    world = World(
        demo=demo_server,
        clock=FakeClock(demo_clock.now() + ahead),
        db=db,
        home=home,
        env={TOKEN_ENV: demo_server.token},
    )

    def advance(by: timedelta) -> None:
        world.clock.advance(by)
        demo_clock.advance(by)

    try:
        record = world.schedule("Na hora do servidor", minutes=10, hold_on_reply=False)
        dispatcher = world.dispatcher()
        advance(timedelta(minutes=10))  # its time by this machine's clock
        dispatcher.step()
        if ahead_minutes > 0:
            assert world.outbox.get(record.id).state is S.PENDING  # not early
            assert world.copies(record) == []
            advance(ahead - timedelta(seconds=1))
            dispatcher.step()
            assert world.outbox.get(record.id).state is S.PENDING
            advance(timedelta(seconds=1))  # its time by the server's clock
            dispatcher.step()
        sent = world.outbox.get(record.id)
        assert sent.state is S.SENT and len(world.copies(record)) == 1
        (told,) = [e for e in world.events if e.kind is EventKind.CLOCK_SKEW]
        side = "ahead of" if ahead_minutes > 0 else "behind"
        assert f"this computer's clock is 20 minutes {side} the server's" in told.detail
    finally:
        world.clients.close()
