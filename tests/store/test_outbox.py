from __future__ import annotations

import multiprocessing
from datetime import timedelta
from itertools import product
from pathlib import Path

import pytest

from agent_desktop.core.clock import FakeClock, SystemClock
from agent_desktop.store.database import open_database
from agent_desktop.store.outbox import InvalidTransitionError, Outbox, OutboxNotFoundError
from agent_desktop.store.profiles import Profiles
from agent_desktop.store.records import StoredAttachment
from agent_desktop.store.states import ALLOWED, EDITABLE, OutboxState

S = OutboxState
LEASE = timedelta(seconds=60)


@pytest.fixture
def profile(db, clock):
    return Profiles(db, clock).remember(
        base_url="https://chat.example.com", account_id=1, user_id=1
    )


@pytest.fixture
def outbox(db, clock):
    return Outbox(db, clock)


def schedule(outbox, profile, clock, minutes=10, **extra):
    return outbox.add(
        profile_id=profile.id,
        conversation_id=extra.pop("conversation_id", 42),
        content=extra.pop("content", "Bom dia!"),
        scheduled_at=clock.now() + timedelta(minutes=minutes),
        zone="America/Sao_Paulo",
        **extra,
    )


def put_in_state(outbox, clock, record, state):
    """Walk a fresh pending row to `state` along allowed moves."""
    if state is S.PENDING:
        return record
    if state in (S.SENDING, S.SENT):
        clock.advance(record.due_at - clock.now())
        claimed = outbox.claim_due("me", LEASE)
        assert claimed is not None and claimed.id == record.id
        return claimed if state is S.SENDING else outbox.move(record.id, S.SENT, owner="me")
    return outbox.move(record.id, state)


def test_a_new_message_is_pending_with_its_own_delivery_key(outbox, profile, clock):
    first = schedule(
        outbox,
        profile,
        clock,
        hold_on_reply=False,
        attachments=[StoredAttachment("att/1/a.pdf", "a.pdf", "application/pdf")],
    )
    second = schedule(outbox, profile, clock)
    assert first.state is S.PENDING and first.attempts == 0
    assert first.delivery_key != second.delivery_key
    stored = outbox.get(first.id)
    assert stored.hold_on_reply is False and second.hold_on_reply is True
    assert stored.attachments[0].filename == "a.pdf"
    assert stored.scheduled_at == clock.now() + timedelta(minutes=10)
    assert stored.scheduled_at.tzinfo is not None


@pytest.mark.parametrize(
    ("source", "target"),
    list(
        product(
            [S.PENDING, S.SENDING, S.SENT, S.FAILED, S.HELD, S.MISSED, S.CANCELLED],
            [S.PENDING, S.SENT, S.FAILED, S.HELD, S.MISSED, S.CANCELLED],
        )
    ),
)
def test_rows_move_only_along_the_allowed_transitions(outbox, profile, clock, source, target):
    record = put_in_state(outbox, clock, schedule(outbox, profile, clock), source)
    assert record.state is source
    owner = "me" if source is S.SENDING else None  # a sender moves what it holds
    if target in ALLOWED[source]:
        moved = outbox.move(record.id, target, owner=owner)
        assert moved.state is target
        assert outbox.get(record.id).state is target
    else:
        with pytest.raises(InvalidTransitionError) as caught:
            outbox.move(record.id, target, owner=owner)
        assert caught.value.current is source
        assert outbox.get(record.id) == record  # nothing changed


def test_a_sender_that_lost_its_claim_cannot_record_an_outcome(outbox, profile, clock):
    """The fence when recording: a sender frozen past its lease, thawed after another
    took the row (and maybe released it again), moves nothing."""
    record = put_in_state(outbox, clock, schedule(outbox, profile, clock), S.SENDING)
    clock.advance(LEASE + timedelta(seconds=1))
    taken = outbox.claim_due("other", LEASE)
    assert taken is not None and taken.claimed_by == "other"
    with pytest.raises(InvalidTransitionError):
        outbox.move(record.id, S.PENDING, owner="me", due_at=clock.now())
    released = outbox.move(record.id, S.PENDING, owner="other", due_at=clock.now())
    with pytest.raises(InvalidTransitionError):  # not even once it is pending again
        outbox.move(record.id, S.FAILED, owner="me", last_error="late")
    assert outbox.get(record.id) == released


def test_only_a_due_row_can_be_claimed_and_only_once(outbox, profile, clock):
    record = schedule(outbox, profile, clock, minutes=10)
    assert outbox.claim_due("a", LEASE) is None
    clock.advance(timedelta(minutes=10))
    claimed = outbox.claim_due("a", LEASE)
    assert claimed is not None and claimed.id == record.id
    assert claimed.state is S.SENDING and claimed.claimed_by == "a"
    assert outbox.claim_due("b", LEASE) is None


def test_an_expired_lease_lets_another_dispatcher_take_over(outbox, profile, clock):
    record = schedule(outbox, profile, clock, minutes=0)
    assert outbox.claim_due("dead", LEASE) is not None
    clock.advance(LEASE + timedelta(seconds=1))
    taken = outbox.claim_due("alive", LEASE)
    assert taken is not None and taken.id == record.id and taken.claimed_by == "alive"
    # the first claimant, back from the dead, can no longer decide the row's fate
    with pytest.raises(InvalidTransitionError):
        outbox.move(record.id, S.SENT, owner="dead")
    assert outbox.move(record.id, S.SENT, owner="alive").state is S.SENT


def test_the_earliest_due_row_is_claimed_first(outbox, profile, clock):
    late = schedule(outbox, profile, clock, minutes=20)
    early = schedule(outbox, profile, clock, minutes=5)
    clock.advance(timedelta(minutes=30))
    assert outbox.claim_due("a", LEASE).id == early.id
    assert outbox.claim_due("a", LEASE).id == late.id


def test_a_burst_is_claimed_a_few_at_a_time_earliest_first_and_only_once(outbox, profile, clock):
    rows = [schedule(outbox, profile, clock, minutes=m) for m in (9, 3, 7, 5, 30)]
    clock.advance(timedelta(minutes=10))
    first = outbox.claim_due_many("a", LEASE, 3)
    assert [r.id for r in first] == [rows[1].id, rows[3].id, rows[2].id]
    assert all(r.state is S.SENDING and r.claimed_by == "a" for r in first)
    rest = outbox.claim_due_many("b", LEASE, 3)  # the not-yet-due one stays
    assert [r.id for r in rest] == [rows[0].id]
    assert outbox.claim_due_many("c", LEASE, 3) == []


def test_an_attempt_is_logged_with_the_move_that_ends_it(outbox, profile, clock):
    from agent_desktop.store.outbox import Tried

    record = schedule(outbox, profile, clock, minutes=1)
    clock.advance(timedelta(minutes=1))
    outbox.claim_due("me", LEASE)
    sent = outbox.move(record.id, S.SENT, owner="me", tried=Tried("sent", 200))
    assert sent.attempts == 1
    assert [(a.outcome, a.http_status) for a in outbox.attempts(record.id)] == [("sent", 200)]
    with pytest.raises(InvalidTransitionError):  # refused: nothing logged either
        outbox.move(record.id, S.SENT, owner="me", tried=Tried("sent", 200))
    assert len(outbox.attempts(record.id)) == 1


def test_next_due_at_tracks_pending_rows_and_leases(outbox, profile, clock):
    assert outbox.next_due_at() is None
    record = schedule(outbox, profile, clock, minutes=10)
    assert outbox.next_due_at() == record.due_at
    clock.advance(timedelta(minutes=10))
    outbox.claim_due("a", LEASE)
    assert outbox.next_due_at() == clock.now() + LEASE


def test_leaving_sending_releases_the_claim(outbox, profile, clock):
    record = put_in_state(outbox, clock, schedule(outbox, profile, clock), S.SENDING)
    retry_at = clock.now() + timedelta(seconds=30)
    moved = outbox.move(record.id, S.PENDING, owner="me", due_at=retry_at)
    assert moved.claimed_by is None and moved.lease_until is None
    assert moved.due_at == retry_at
    assert moved.scheduled_at == record.scheduled_at


def test_sent_rows_record_when_and_which_server_message(outbox, profile, clock):
    record = put_in_state(outbox, clock, schedule(outbox, profile, clock), S.SENDING)
    sent = outbox.move(record.id, S.SENT, owner="me", server_message_id=9001)
    assert sent.sent_at == clock.now() and sent.server_message_id == 9001


# a draft is a server's row (the fork's): this app's outbox never has one
@pytest.mark.parametrize("state", [state for state in S if state is not S.DRAFT])
def test_text_and_time_can_be_edited_only_while_nothing_is_under_way(outbox, profile, clock, state):
    record = put_in_state(outbox, clock, schedule(outbox, profile, clock), state)
    new_time = clock.now() + timedelta(hours=2)
    if state in EDITABLE:
        edited = outbox.edit(record.id, content="Boa tarde!", scheduled_at=new_time)
        assert (edited.content, edited.scheduled_at, edited.due_at) == (
            "Boa tarde!",
            new_time,
            new_time,
        )
        assert edited.state is state
    else:
        with pytest.raises(InvalidTransitionError):
            outbox.edit(record.id, content="Boa tarde!")
        assert outbox.get(record.id).content == "Bom dia!"


def test_the_attempt_log_keeps_every_try_in_order(outbox, profile, clock):
    record = schedule(outbox, profile, clock)
    outbox.log_attempt(record.id, "retry", http_status=503, error="Service Unavailable")
    clock.advance(30)
    outbox.log_attempt(record.id, "sent", http_status=200)
    outbox.log_attempt(record.id, "reconciled", counts_as_try=False)
    log = outbox.attempts(record.id)
    assert [(a.outcome, a.http_status) for a in log] == [
        ("retry", 503),
        ("sent", 200),
        ("reconciled", None),
    ]
    assert log[0].error == "Service Unavailable" and log[1].at > log[0].at
    assert outbox.get(record.id).attempts == 2


def test_finding_by_state_conversation_and_text(outbox, profile, clock):
    a = schedule(outbox, profile, clock, content="Seu pedido 100% pago", conversation_id=1)
    b = schedule(outbox, profile, clock, content="Pedido enviado", conversation_id=2)
    c = schedule(outbox, profile, clock, content="Order_shipped", conversation_id=2)
    outbox.move(c.id, S.CANCELLED)
    assert [r.id for r in outbox.find(search="pedido")] == [a.id, b.id]
    assert [r.id for r in outbox.find(search="100%")] == [a.id]
    assert [r.id for r in outbox.find(search="r_s")] == [c.id]
    assert [r.id for r in outbox.find(search="%")] == [a.id]
    assert [r.id for r in outbox.find(conversation_id=2, states=[S.PENDING])] == [b.id]
    counts = outbox.counts(profile.id)
    assert counts[S.PENDING] == 2 and counts[S.CANCELLED] == 1 and counts[S.SENT] == 0


def test_unknown_rows_are_named(outbox):
    with pytest.raises(OutboxNotFoundError, match="no scheduled message 99"):
        outbox.get(99)


def _claim_everything(home: str, owner: str, start, results) -> None:
    database = open_database(Path(home))
    outbox = Outbox(database, SystemClock())
    start.wait()
    claimed = []
    while (record := outbox.claim_due(owner, timedelta(minutes=5))) is not None:
        claimed.append(record.id)
    database.close()
    results.put((owner, claimed))


def test_two_processes_never_claim_the_same_row(home, db, profile):
    past = FakeClock()  # its 2026-01-15 start is in the past for the real clock
    outbox = Outbox(db, past)
    ids = {schedule(outbox, profile, past, minutes=0, conversation_id=n).id for n in range(120)}
    context = multiprocessing.get_context("spawn")
    start, results = context.Event(), context.Queue()
    workers = [
        context.Process(target=_claim_everything, args=(str(home), f"p{n}", start, results))
        for n in range(3)
    ]
    for worker in workers:
        worker.start()
    start.set()
    claims = dict(results.get(timeout=60) for _ in workers)
    for worker in workers:
        worker.join(timeout=30)
    every_claim = [row for rows in claims.values() for row in rows]
    assert sorted(every_claim) == sorted(ids)  # each row claimed exactly once
    assert all(
        outbox.get(row).claimed_by == owner for owner, rows in claims.items() for row in rows
    )


def test_every_change_counts_so_a_reader_reloads_only_what_changed(outbox, profile, clock):
    """The Scheduled tab holds thousands of rows: it asks which changed since it looked,
    and each change says so even when the clock did not move between two of them."""
    first = schedule(outbox, profile, clock)
    second = schedule(outbox, profile, clock, minutes=20)
    seen = outbox.revisions(profile.id)
    assert set(seen) == {first.id, second.id}
    outbox.edit(second.id, content="texto novo")  # the clock stands still meanwhile
    outbox.edit(second.id, content="texto mais novo")
    now = outbox.revisions(profile.id)
    assert now[first.id] == seen[first.id]
    assert now[second.id] == seen[second.id] + 2
    (reloaded,) = outbox.get_many([i for i in now if now[i] != seen[i]])
    assert (reloaded.id, reloaded.content, reloaded.revision) == (
        second.id,
        "texto mais novo",
        now[second.id],
    )
    outbox.delete(first.id)
    assert set(outbox.revisions(profile.id)) == {second.id}
    assert outbox.get_many([first.id, second.id])[0].id == second.id
    assert len(outbox.get_many([first.id, second.id])) == 1
