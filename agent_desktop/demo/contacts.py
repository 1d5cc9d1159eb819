"""`GET contacts/{id}`: one contact as Rails' ContactsController#show renders it, the
contact partial wrapped in "payload" with the contact's inboxes; `PUT contacts/{id}` and
`POST contacts/{id}/destroy_custom_attributes`, which change its attributes and answer
with the same body."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from agent_desktop.demo import errors
from agent_desktop.demo.models import Contact, Conversation, Inbox
from agent_desktop.demo.serialize import inbox_json, unix
from agent_desktop.demo.state import Caller, DemoState


def show_contact(state: DemoState, caller: Caller, contact_id: int) -> dict[str, Any]:
    """Any contact of the account (the policy lets every agent see them, whatever their
    inboxes); another account's or none: 404 "Resource could not be found"."""
    with state.session() as s:
        contact = s.get(Contact, contact_id)
        if contact is None or contact.account_id != caller.account_id:
            raise errors.not_found()
        conversations = list(
            s.scalars(
                select(Conversation)
                .where(Conversation.contact_id == contact_id)
                .order_by(Conversation.id)
            )
        )
        inboxes: dict[int, Inbox] = {}
        for conversation in conversations:
            inboxes.setdefault(conversation.inbox_id, conversation.inbox)
        body: dict[str, Any] = {
            "additional_attributes": contact.additional_attributes or {},
            "availability_status": "offline",  # only a contact on the web widget is online
            "email": contact.email,
            "id": contact.id,
            "name": contact.name,
            "phone_number": contact.phone_number,
            "blocked": False,
            "identifier": contact.identifier,
            "thumbnail": "",
            "custom_attributes": contact.custom_attributes or {},
        }
        # both rendered only when set: the contact came with its first conversation here
        if conversations:
            body["last_activity_at"] = unix(max(c.last_activity_at for c in conversations))
            body["created_at"] = unix(min(c.created_at for c in conversations))
        body["contact_inboxes"] = [
            {"source_id": f"src-{contact.id}", "inbox": inbox_json(inbox)}
            for inbox in inboxes.values()
        ]
        return {"payload": body}


def _contact_of(s: Session, caller: Caller, contact_id: int) -> Contact:
    contact = s.get(Contact, contact_id)
    if contact is None or contact.account_id != caller.account_id:
        raise errors.not_found()
    return contact


def update_contact(
    state: DemoState, caller: Caller, contact_id: int, fields: dict[str, Any]
) -> dict[str, Any]:
    """ContactsController#update for the attributes and the name: custom_attributes and
    additional_attributes are merged into the contact's own (a key given as null is kept
    as null, the keys not given stay); a value that is not an object is dropped by the
    strong parameters, unchanged and unrefused. Other fields are not modelled."""
    with state.session() as s:
        contact = _contact_of(s, caller, contact_id)
        for key in ("custom_attributes", "additional_attributes"):
            given = fields.get(key)
            if isinstance(given, dict):
                setattr(contact, key, {**(getattr(contact, key) or {}), **given})
        name = fields.get("name")
        if isinstance(name, str):
            contact.name = name
    return show_contact(state, caller, contact_id)


def destroy_custom_attributes(
    state: DemoState, caller: Caller, contact_id: int, fields: dict[str, Any]
) -> dict[str, Any]:
    """`custom_attributes.excluding(params[:custom_attributes])`: the named keys (a list,
    or one name) dropped, a key the contact lacks ignored; 200 with the contact."""
    named = fields.get("custom_attributes")
    keys: set[str]
    if isinstance(named, list):
        keys = {str(k) for k in named}
    else:
        keys = {str(named)} if named is not None else set()
    with state.session() as s:
        contact = _contact_of(s, caller, contact_id)
        kept = contact.custom_attributes or {}
        contact.custom_attributes = {k: v for k, v in kept.items() if k not in keys}
    return show_contact(state, caller, contact_id)
