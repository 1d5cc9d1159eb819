"""A reply longer than its conversation's channel takes (WhatsApp 4,096 characters) is
refused when it is scheduled; where the server could not be asked then, the sender asks
at the message's time and fails it with the channel named instead of sending something
the channel will refuse. An edit is checked against the limit learned when scheduled."""

from __future__ import annotations

from datetime import timedelta

import pytest

from agent_desktop.core.channels import WHATSAPP
from agent_desktop.demo.models import Scheduling
from agent_desktop.scheduling.errors import RuleError
from agent_desktop.store.states import OutboxState

S = OutboxState
TOO_LONG = "Olá! " * 820  # 4,100 characters
REFUSED = "WhatsApp takes at most 4,096 characters; the message has 4,100"


def whatsapp_conversation(world, design=Scheduling.NONE):
    return world.conversation(design, inbox_type="Channel::Whatsapp")


def server_texts(world, conversation, design=Scheduling.NONE):
    with world.api(design) as api:
        return [m.content for m in api.messages(conversation)]


def test_a_message_kept_without_its_channel_is_checked_at_its_time(world):
    conversation = whatsapp_conversation(world)
    # as when the server could not be asked: kept, its channel not learned
    record = world.schedule(TOO_LONG, minutes=10, conversation=conversation)
    assert not world.outbox.get(record.id).channel_known
    world.clock.advance(timedelta(minutes=10))
    world.dispatcher().step()
    failed = world.outbox.get(record.id)
    assert failed.state is S.FAILED and failed.last_error == REFUSED
    assert failed.channel == WHATSAPP  # learned at its time, kept
    assert ("failed", REFUSED) in [(e.kind.value, e.detail) for e in world.events]
    assert TOO_LONG not in server_texts(world, conversation)


def test_a_message_within_the_limit_goes_out_and_its_channel_is_learned(world):
    conversation = whatsapp_conversation(world)
    first = world.schedule("Bom dia!", minutes=10, conversation=conversation)
    second = world.schedule("Tudo certo?", minutes=10, conversation=conversation)
    world.clock.advance(timedelta(minutes=10))
    world.dispatcher().step()
    for record in (first, second):
        sent = world.outbox.get(record.id)
        assert sent.state is S.SENT and sent.channel == WHATSAPP
    texts = server_texts(world, conversation)
    assert texts.count("Bom dia!") == 1 and texts.count("Tudo certo?") == 1


def test_a_conversation_without_a_channel_limit_is_learned_as_none(world):
    with world.api() as api:
        website = next(i.id for i in api.inboxes() if i.channel_type == "Channel::WebWidget")
        conversation = api.conversations(inbox_id=website).conversations[0].id
    record = world.schedule(TOO_LONG, minutes=10, conversation=conversation)
    world.clock.advance(timedelta(minutes=10))
    world.dispatcher().step()
    sent = world.outbox.get(record.id)
    assert sent.state is S.SENT and sent.channel_known and sent.channel is None
    assert TOO_LONG in server_texts(world, conversation)


def test_an_edit_is_checked_against_the_channel_learned_when_scheduled(world):
    conversation = whatsapp_conversation(world)
    record = world.schedule(
        "Curto", minutes=30, conversation=conversation, channel=WHATSAPP, channel_known=True
    )
    with pytest.raises(RuleError) as refused:
        world.service().edit(record.id, text=TOO_LONG)
    assert REFUSED in str(refused.value)
    assert world.outbox.get(record.id).content == "Curto"  # nothing saved is lost


def test_a_known_limit_is_checked_again_at_its_time(world):
    conversation = whatsapp_conversation(world)
    record = world.schedule(
        "Curto", minutes=10, conversation=conversation, channel=WHATSAPP, channel_known=True
    )
    # a text that got past the window's check (an older version's edit, say)
    world.outbox.edit(record.id, content=TOO_LONG)
    world.clock.advance(timedelta(minutes=10))
    world.dispatcher().step()
    failed = world.outbox.get(record.id)
    assert failed.state is S.FAILED and failed.last_error == REFUSED
    assert TOO_LONG not in server_texts(world, conversation)


def test_send_now_of_a_server_message_checks_the_channel_too(world):
    design = Scheduling.SEED
    conversation = whatsapp_conversation(world, design)
    record = world.schedule(TOO_LONG, minutes=60, design=design, conversation=conversation)
    service = world.service(design)
    service.send_now(record.id)
    world.dispatcher().step()
    failed = world.outbox.get(record.id)
    assert failed.state is S.FAILED and failed.last_error == REFUSED
    assert TOO_LONG not in server_texts(world, conversation, design)
