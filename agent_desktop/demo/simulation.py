"""What makes the demo feel alive: outgoing messages get delivered (or fail, as WhatsApp
does outside its 24-hour window) and customers write back now and then."""

from __future__ import annotations

import random
from datetime import timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from agent_desktop.demo.models import Account, Contact, Conversation, Message
from agent_desktop.demo.scheduling import hold_on_reply
from agent_desktop.demo.state import INCOMING, OUTGOING, Caller, DemoState

WHATSAPP_WINDOW = timedelta(hours=24)
WHATSAPP_ERROR = (
    "131047: Re-engagement message: more than 24 hours have passed since the customer last replied"
)

REPLIES = [
    "Obrigado! Vou verificar aqui.",
    "Perfeito, aguardo então.",
    "Ainda não recebi, pode confirmar?",
    "Na verdade já resolvi, obrigada!",
    "Thanks, that works for me.",
    "Could you send me the tracking number?",
    "Any news on this?",
    "Ok, combinado!",
]


def progress_deliveries(state: DemoState, delay: timedelta) -> int:
    """Move sent outgoing messages older than `delay` to delivered, or failed with the
    channel's reason where the channel would refuse them."""
    now = state.clock.now()
    changed = 0
    with state.session() as s:
        rows = list(
            s.scalars(
                select(Message).where(
                    Message.message_type == OUTGOING,
                    Message.private.is_(False),
                    Message.status == "sent",
                    Message.scheduled_at.is_(None),
                    Message.created_at <= now - delay,
                    Message.created_at > now - timedelta(hours=1),
                )
            )
        )
        for message in rows:
            conversation = s.get_one(Conversation, message.conversation_id)
            if conversation.inbox.channel_type == "Channel::Whatsapp" and _window_closed(
                s, conversation, message
            ):
                message.status = "failed"
                message.content_attributes = {
                    **(message.content_attributes or {}),
                    "external_error": WHATSAPP_ERROR,
                }
            else:
                message.status = "delivered"
            message.updated_at = now
            changed += 1
    return changed


def _window_closed(s: Session, conversation: Conversation, message: Message) -> bool:
    last_incoming = s.scalar(
        select(Message.created_at)
        .where(
            Message.conversation_id == conversation.id,
            Message.message_type == INCOMING,
            Message.created_at <= message.created_at,
        )
        .order_by(Message.created_at.desc())
        .limit(1)
    )
    return last_incoming is None or message.created_at - last_incoming > WHATSAPP_WINDOW


def customer_says(state: DemoState, caller: Caller, display_id: int, text: str) -> int:
    """The conversation's contact writes; returns the new message's id."""
    with state.session() as s:
        conversation = state.find_conversation(s, caller, display_id)
        message = state.add_message(
            s,
            conversation,
            content=text,
            message_type=INCOMING,
            sender=("Contact", conversation.contact_id),
        )
        hold_on_reply(s, conversation, state.clock.now())
        return message.id


def random_customer_reply(state: DemoState, rng: random.Random) -> int | None:
    """A customer of some open conversation writes back."""
    with state.session() as s:
        candidates = list(
            s.execute(
                select(Conversation.account_id, Conversation.display_id)
                .join(Contact)
                .join(Account)
                .where(Conversation.status.in_(("open", "pending")))
            )
        )
    if not candidates:
        return None
    account_id, display_id = rng.choice(candidates)
    return customer_says(state, Caller(0, account_id), display_id, rng.choice(REPLIES))
