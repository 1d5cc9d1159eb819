"""A message the server keeps that will not go out as the app expects is told, not left
"pending" in silence: the fork keeps a message in a resolved conversation waiting (it
sends only in open or pending ones), the scheduled_at design sends it all the same, and a
scheduled_at message deleted on the server behind the app's back is cancelled here, with
the reason, while the conversation's other messages are left as they are."""

from __future__ import annotations

from datetime import timedelta

import pytest

from agent_desktop.commands.main import main
from agent_desktop.credentials import Credentials
from agent_desktop.demo.models import Scheduling
from agent_desktop.scheduling.designs.fork import OVERDUE
from agent_desktop.store.database import open_database
from agent_desktop.store.states import OutboxState
from agent_desktop.workspace import App
from tests.scheduling.test_server_steps import on_server

S = OutboxState
RESOLVED_WHY = (
    "waiting: the conversation is resolved, and the server sends only in open or pending "
    "conversations"
)
GONE_WHY = "no longer on the server"


def told(world, kind, record):
    """What the app told about this row with this kind of event, in order."""
    return [
        e.detail
        for e in world.events
        if e.kind.value == kind and e.record is not None and e.record.id == record.id
    ]


def texts(world, design, conversation):
    with world.api(design) as api:
        return [m.content for m in api.messages(conversation)]


def status_of(world, design, conversation):
    with world.api(design) as api:
        return api.conversation(conversation).status.value


def scheduled_listing(world, monkeypatch, design, capsys):
    """`agent-desktop scheduled --status all` on the same data directory and clock: its
    own look at the server, then the table and the reasons under it."""
    monkeypatch.setenv("AGENT_DESKTOP_TOKEN", world.demo.token)

    def at(cls, home, credentials=None):  # the command line on the test's clock
        return cls(
            home=home,
            db=open_database(home),
            credentials=credentials or Credentials(),
            clock=world.clock,
        )

    monkeypatch.setattr(App, "at", classmethod(at))
    account = world.demo.accounts.for_design(design)
    capsys.readouterr()
    code = main(
        ["--server", world.demo.url, "--account", str(account), "scheduled", "--status", "all"]
    )
    out = capsys.readouterr().out
    assert code == 0, out
    return out


# -- a resolved conversation ------------------------------------------------------------


def test_a_fork_message_in_a_resolved_conversation_is_told_not_pending_forever(world):
    design = Scheduling.FORK
    conversation = world.conversation(design)
    record = world.schedule("Na resolvida", minutes=5, design=design, conversation=conversation)
    with world.api(design) as api:
        api.toggle_status(conversation, "resolved")
    service = world.service(design)

    world.clock.advance(timedelta(minutes=5) + OVERDUE / 2)  # late, but within the job's minute
    world.demo.dispatch_now()  # the fork sends only in open or pending conversations
    service.refresh()
    early = world.outbox.get(record.id)
    assert (early.state, early.last_error) == (S.PENDING, None)
    assert told(world, "stuck", record) == []

    world.clock.advance(OVERDUE * 2)
    world.demo.dispatch_now()
    service.refresh()
    waiting = world.outbox.get(record.id)
    assert waiting.state is S.PENDING and waiting.last_error == RESOLVED_WHY
    assert told(world, "stuck", record) == [RESOLVED_WHY]
    # the server still keeps it waiting, and nothing went out
    assert on_server(world, design, conversation) == [(record.remote_id, "Na resolvida")]
    assert "Na resolvida" not in texts(world, design, conversation)
    assert status_of(world, design, conversation) == "resolved"

    world.clock.advance(timedelta(minutes=30))  # later looks: told once, not each minute
    world.demo.dispatch_now()
    service.refresh()
    assert world.outbox.get(record.id).last_error == RESOLVED_WHY
    assert told(world, "stuck", record) == [RESOLVED_WHY]


def test_the_scheduled_listing_says_a_fork_message_waits_on_a_resolved_conversation(
    world, monkeypatch, capsys
):
    design = Scheduling.FORK
    stuck_in, elsewhere = (world.conversation(design, index=i) for i in (0, 1))
    record = world.schedule("Parada", minutes=5, design=design, conversation=stuck_in)
    other = world.schedule("Noutra conversa", minutes=60, design=design, conversation=elsewhere)
    with world.api(design) as api:
        api.toggle_status(stuck_in, "resolved")
    world.clock.advance(timedelta(minutes=10))
    world.demo.dispatch_now()
    listed = scheduled_listing(world, monkeypatch, design, capsys)  # the command's own look
    assert f"#{record.id}: {RESOLVED_WHY}" in listed
    assert f"#{other.id}:" not in listed  # nothing to explain about that one


@pytest.mark.parametrize("status", ["resolved", "snoozed"])
def test_a_fork_message_told_stuck_goes_once_the_conversation_is_reopened(world, status):
    """Reopened, the fork's job sends it: the row says sent, and no longer carries the
    reason it was waiting (which the `scheduled` listing would print beside it)."""
    design = Scheduling.FORK
    conversation = world.conversation(design)
    record = world.schedule("Reaberta", minutes=5, design=design, conversation=conversation)
    with world.api(design) as api:
        api.toggle_status(conversation, status)
    world.clock.advance(timedelta(minutes=10))
    world.demo.dispatch_now()
    world.service(design).refresh()
    assert f"the conversation is {status}" in (world.outbox.get(record.id).last_error or "")
    with world.api(design) as api:
        api.toggle_status(conversation, "open")
    world.clock.advance(timedelta(minutes=1))
    world.demo.dispatch_now()
    world.service(design).refresh()
    sent = world.outbox.get(record.id)
    assert sent.state is S.SENT and sent.server_message_id is not None
    assert sent.last_error is None
    assert texts(world, design, conversation).count("Reaberta") == 1


def test_a_scheduled_at_message_in_a_resolved_conversation_goes_out_and_says_sent(world):
    """The scheduled_at design's job sends whatever is due, the conversation's status
    notwithstanding (an agent's message does not reopen it): nothing is stuck, the row
    says sent."""
    design = Scheduling.SEED
    conversation = world.conversation(design)
    record = world.schedule("Mesmo resolvida", minutes=6, design=design, conversation=conversation)
    with world.api(design) as api:
        api.toggle_status(conversation, "resolved")
    world.clock.advance(timedelta(minutes=10))
    world.demo.dispatch_now()
    world.service(design).refresh()
    sent = world.outbox.get(record.id)
    assert sent.state is S.SENT and sent.server_message_id == record.remote_id
    assert sent.last_error is None
    assert told(world, "stuck", record) == [] and told(world, "cancelled", record) == []
    assert on_server(world, design, conversation) == []
    assert texts(world, design, conversation).count("Mesmo resolvida") == 1
    assert status_of(world, design, conversation) == "resolved"


# -- a scheduled_at message deleted on the server ---------------------------------------


def test_a_scheduled_at_message_deleted_on_the_server_is_cancelled_and_told(world):
    design = Scheduling.SEED
    conversation = world.conversation(design)
    gone = world.schedule("Apagada lá", minutes=30, design=design, conversation=conversation)
    kept = world.schedule("Continua lá", minutes=45, design=design, conversation=conversation)
    elsewhere = world.schedule(
        "Noutra conversa", minutes=30, design=design, conversation=world.conversation(design, 1)
    )
    untouched = {r.id: world.outbox.get(r.id) for r in (kept, elsewhere)}
    with world.api(design) as api:  # by someone in Chatwoot's own window
        api.cancel_seed_scheduled_message(conversation, gone.remote_id)
    assert on_server(world, design, conversation) == [(kept.remote_id, "Continua lá")]

    world.service(design).refresh()
    cancelled = world.outbox.get(gone.id)
    assert cancelled.state is S.CANCELLED and cancelled.last_error == GONE_WHY
    assert told(world, "cancelled", gone) == [GONE_WHY]
    for record_id, before in untouched.items():  # the same look left these as they were
        after = world.outbox.get(record_id)
        assert (after.state, after.revision, after.last_error, after.remote_id) == (
            S.PENDING,
            before.revision,
            None,
            before.remote_id,
        )
        assert told(world, "cancelled", after) == [] and told(world, "stuck", after) == []
    assert on_server(world, design, conversation) == [(kept.remote_id, "Continua lá")]

    world.service(design).refresh()  # the next look: cancelled already, not told again
    assert told(world, "cancelled", gone) == [GONE_WHY]

    world.clock.advance(timedelta(hours=1))  # the one still there goes out as scheduled
    world.demo.dispatch_now()
    world.service(design).refresh()
    assert world.outbox.get(kept.id).state is S.SENT
    assert world.outbox.get(gone.id).state is S.CANCELLED
    sent_texts = texts(world, design, conversation)
    assert "Continua lá" in sent_texts and "Apagada lá" not in sent_texts


def test_the_scheduled_listing_says_a_scheduled_at_message_is_no_longer_on_the_server(
    world, monkeypatch, capsys
):
    design = Scheduling.SEED
    conversation = world.conversation(design)
    gone = world.schedule("Sumiu", minutes=30, design=design, conversation=conversation)
    kept = world.schedule("Ficou", minutes=30, design=design, conversation=conversation)
    with world.api(design) as api:
        api.cancel_seed_scheduled_message(conversation, gone.remote_id)
    listed = scheduled_listing(world, monkeypatch, design, capsys)
    assert f"#{gone.id}: {GONE_WHY}" in listed
    assert f"#{kept.id}:" not in listed
    assert world.outbox.get(gone.id).state is S.CANCELLED
    assert world.outbox.get(kept.id).state is S.PENDING


@pytest.mark.parametrize("design", [Scheduling.FORK, Scheduling.SEED])
def test_a_look_at_a_conversation_the_server_still_keeps_changes_nothing(world, design):
    """The control: with nothing done behind the app's back, a look shortly before the
    message is due neither cancels it nor tells anything."""
    record = world.schedule("Tudo certo", minutes=30, design=design)
    before = world.outbox.get(record.id)
    world.clock.advance(timedelta(minutes=20))
    world.service(design).refresh()
    after = world.outbox.get(record.id)
    assert (after.state, after.revision, after.last_error) == (S.PENDING, before.revision, None)
    assert not [e for e in world.events if e.kind.value in ("stuck", "cancelled", "failed", "sent")]
