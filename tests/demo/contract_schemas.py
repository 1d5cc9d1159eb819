"""The bodies an agent client relies on, as JSON Schema (draft 2020-12), kept in the project.

Each schema is written from the facts, not copied: what Chatwoot's bundled OpenAPI file
says (cited as "Chatwoot swagger: components.schemas.<name>" or a path), what our Chatwoot
API notes say where real servers differ from that file ("Chatwoot API notes: ..."), the
fork's scheduled-message fragment ("fork fragment: definitions/resource/scheduled_message"),
and which fields the app reads (agent_desktop/chatwoot/records.py, list_records.py,
scheduled_records.py, client.py and scheduled_calls.py, read through reading.Fields).

A field the app reads is required, with its exact type; everything else is allowed
(objects accept further keys), so the schemas fail on what would break the app and on
the wire facts below, not on what the app ignores. Where a field may be absent (a message
without a sender, a conversation nobody is assigned to), it is typed but not required,
and the comment says why.
"""

from __future__ import annotations

from typing import Any

Schema = dict[str, Any]

DIALECT = "https://json-schema.org/draft/2020-12/schema"

# -- building blocks -------------------------------------------------------------------

INTEGER: Schema = {"type": "integer"}
NUMBER: Schema = {"type": "number"}
STRING: Schema = {"type": "string"}
BOOLEAN: Schema = {"type": "boolean"}
OBJECT: Schema = {"type": "object"}


def nullable(schema: Schema) -> Schema:
    return {"anyOf": [schema, {"type": "null"}]}


def record(properties: Schema, required: list[str]) -> Schema:
    """An object with these fields typed and these required; other keys allowed."""
    missing = set(required) - set(properties)
    assert not missing, f"required but not typed: {sorted(missing)}"
    return {"type": "object", "properties": properties, "required": required}


def listing(item: Schema) -> Schema:
    return {"type": "array", "items": item}


def document(schema: Schema) -> Schema:
    """A top-level schema: the same object, declaring its dialect."""
    return {"$schema": DIALECT, **schema}


# Chatwoot API notes: "Conversation status is a string: open, resolved, pending, snoozed".
# The swagger's components.schemas.conversation.status enum lacks snoozed.
CONVERSATION_STATUS: Schema = {"type": "string", "enum": ["open", "resolved", "pending", "snoozed"]}

# Chatwoot API notes: message_type is an integer, incoming 0, outgoing 1, activity 2,
# template 3 (Chatwoot swagger: components.schemas.message.message_type agrees).
MESSAGE_TYPE: Schema = {"type": "integer", "enum": [0, 1, 2, 3]}

# Chatwoot API notes: message status sent, delivered, read, failed.
MESSAGE_STATUS: Schema = {"type": "string", "enum": ["sent", "delivered", "read", "failed"]}

# Chatwoot API notes: the fork's object has status draft|pending|sent|failed|held (the
# fork fragment is stale: it lacks held).
SCHEDULED_STATUS: Schema = {
    "type": "string",
    "enum": ["draft", "pending", "sent", "failed", "held"],
}

# A time the app reads with Fields.timestamp where the sources disagree on the encoding:
# unix seconds (Chatwoot swagger: number) or an ISO 8601 string (Chatwoot API notes:
# snoozed_until "comes back as an ISO string, in the conversation too").
SECONDS_OR_ISO: Schema = {"type": ["integer", "string"]}

# -- the user and the account ------------------------------------------------------------

# Chatwoot swagger: components.schemas.user.accounts[]; the app reads id, name, role and
# status (records.AccountMembership.parse).
ACCOUNT_MEMBERSHIP = record(
    {
        "id": INTEGER,
        "name": STRING,
        # Chatwoot swagger: user.accounts[].role is administrator or agent
        "role": {"type": "string", "enum": ["administrator", "agent"]},
        "status": STRING,
    },
    ["id", "name", "role", "status"],
)

# GET /api/v1/profile. Chatwoot swagger: components.schemas.user; Chatwoot API notes list
# id, name, available_name, email, avatar_url, role, pubsub_token, access_token, accounts.
# The app reads all of them but access_token (records.Profile.parse).
PROFILE = document(
    record(
        {
            "id": INTEGER,
            "name": STRING,
            "available_name": STRING,
            "email": STRING,
            "avatar_url": STRING,
            "role": STRING,
            "pubsub_token": STRING,  # Chatwoot API notes: the realtime channel's identifier
            "access_token": STRING,
            "accounts": listing(ACCOUNT_MEMBERSHIP),
        },
        ["id", "name", "available_name", "email", "avatar_url", "role", "pubsub_token", "accounts"],
    )
)

# GET /api/v1/accounts/{id}. Chatwoot swagger: components.schemas.account_detail (id, name,
# locale, features). Chatwoot API notes: features is an object of enabled flags only,
# e.g. {"canned_responses": true}; the app keeps the names whose value is true.
ACCOUNT = document(
    record(
        {
            "id": INTEGER,
            "name": STRING,
            "locale": STRING,
            "features": {"type": "object", "additionalProperties": BOOLEAN},
        },
        ["id", "name", "locale", "features"],
    )
)

# -- an account's lists -------------------------------------------------------------------

# Chatwoot API notes: an inbox has id, name, channel_type, timezone, working_hours
# (Chatwoot swagger: components.schemas.inbox); records.Inbox.parse reads the first four,
# timezone may be null.
INBOX = record(
    {
        "id": INTEGER,
        "name": STRING,
        "channel_type": STRING,
        "timezone": nullable(STRING),
        "working_hours": listing(OBJECT),
    },
    ["id", "name", "channel_type", "timezone"],
)

# GET /accounts/{a}/inboxes. Chatwoot API notes: {"payload": [inbox...]}.
INBOXES = document(record({"payload": listing(INBOX)}, ["payload"]))

# GET /accounts/{a}/labels. Chatwoot swagger: paths ./labels get, {"payload": [label]}
# with components.schemas.label; the app reads each label's title (client.labels).
LABEL = record({"id": INTEGER, "title": STRING, "show_on_sidebar": BOOLEAN}, ["title"])
LABELS = document(record({"payload": listing(LABEL)}, ["payload"]))

# GET /accounts/{a}/canned_responses. Chatwoot swagger: paths ./canned_responses get is a
# bare array of components.schemas.canned_response (id integer, short_code, content);
# records.CannedResponse.parse reads all three.
CANNED_RESPONSE = record(
    {"id": INTEGER, "short_code": STRING, "content": STRING},
    ["id", "short_code", "content"],
)
CANNED_RESPONSES = document(listing(CANNED_RESPONSE))

# -- messages -------------------------------------------------------------------------------

# Chatwoot API notes: sender {id, name, type: user/contact/agent_bot, ...};
# records.Sender.parse reads id (may be null), available_name or name, and type.
SENDER = record(
    {
        "id": nullable(INTEGER),
        "name": STRING,
        "available_name": STRING,
        "type": STRING,
    },
    ["name", "type"],
)

# A message's attachment. Chatwoot API notes: a message has attachments: [...];
# records.Attachment.parse reads id, file_type, data_url and file_size.
ATTACHMENT = record(
    {
        "id": INTEGER,
        # Chatwoot API notes: an uploaded picture's file_type is "image"
        "file_type": STRING,
        "data_url": STRING,
        "thumb_url": STRING,
        "file_size": nullable(INTEGER),
    },
    ["id", "file_type", "data_url"],
)

# Chatwoot API notes: the message object is id, content, inbox_id, conversation_id,
# message_type, content_type, content_attributes, created_at, private, source_id, status,
# sender, attachments, and echo_id only on the create response. Chatwoot swagger:
# components.schemas.message agrees on the types, except where noted.
MESSAGE = record(
    {
        "id": INTEGER,  # Chatwoot API notes: a message id is a global id
        # Chatwoot API notes: a message with only attachments has null content
        # (the swagger types it a string)
        "content": nullable(STRING),
        "inbox_id": INTEGER,
        # Chatwoot API notes: the conversation's display id, as in every path
        "conversation_id": INTEGER,
        "message_type": MESSAGE_TYPE,
        # Chatwoot swagger: message.content_type is a string (text, input_select, cards...)
        "content_type": nullable(STRING),
        "content_attributes": OBJECT,
        # Chatwoot API notes: message created_at is integer unix seconds
        "created_at": INTEGER,
        "private": BOOLEAN,  # Chatwoot API notes: private is a boolean (a private note)
        "status": MESSAGE_STATUS,
        "source_id": nullable(STRING),
        # not required: a message need not have a sender (an activity message), and
        # records.Message.parse reads it as optional
        "sender": SENDER,
        "attachments": listing(ATTACHMENT),
        # Chatwoot API notes: echo_id is returned on the create response only
        "echo_id": nullable(STRING),
    },
    [
        "id",
        "content",
        "inbox_id",
        "conversation_id",
        "message_type",
        "content_type",
        "content_attributes",
        "created_at",
        "private",
        "status",
        "source_id",
        "attachments",
    ],
)

# POST /accounts/{a}/conversations/{cid}/messages, JSON or multipart. Chatwoot API notes:
# answers 200 with the message.
CREATED_MESSAGE = document(MESSAGE)

# -- conversations ---------------------------------------------------------------------------

# The conversation's contact. Chatwoot swagger: conversation_list payload[].meta.sender
# (email, phone_number and thumbnail may be null); records.Contact.parse reads these.
CONTACT = record(
    {
        "id": INTEGER,
        "name": STRING,
        "email": nullable(STRING),
        "phone_number": nullable(STRING),
        "thumbnail": nullable(STRING),
    },
    ["id", "name"],
)

# The assignee in a conversation's or a thread's meta. Chatwoot swagger: components.schemas
# .user / .agent; records.Sender.parse reads it.
ASSIGNEE = SENDER

# Chatwoot API notes: conversation meta is {sender: contact, assignee, channel, team}.
# Chatwoot API notes: an unassigned conversation's assignee is null (the swagger types it
# an object); not required, as records.Conversation.parse reads it as optional.
CONVERSATION_META = record(
    {
        "sender": CONTACT,
        "assignee": nullable(ASSIGNEE),
        "channel": STRING,  # Chatwoot swagger: conversation_list ...meta.channel, "Channel Type"
    },
    ["sender", "channel"],
)

# Chatwoot API notes: the conversation object is id, account_id, inbox_id, status,
# can_reply, unread_count, labels, priority, snoozed_until, last_activity_at, timestamp,
# created_at, updated_at, messages: [last message], meta. Chatwoot swagger:
# components.schemas.conversation types the rest.
CONVERSATION = record(
    {
        # Chatwoot API notes: a conversation's id is its display id, the one in every path
        "id": INTEGER,
        "account_id": INTEGER,
        "inbox_id": INTEGER,
        "status": CONVERSATION_STATUS,
        "can_reply": BOOLEAN,
        "unread_count": INTEGER,
        "labels": listing(STRING),  # Chatwoot swagger: conversation.labels, strings
        "priority": nullable(STRING),  # Chatwoot swagger: conversation.priority, string|null
        # Chatwoot swagger: number|null; Chatwoot API notes: an ISO string. Either reads.
        "snoozed_until": nullable(SECONDS_OR_ISO),
        "last_activity_at": INTEGER,  # Chatwoot swagger: conversation.last_activity_at
        # Chatwoot API notes: conversation created_at, timestamp and agent_last_seen_at
        # are integers; updated_at is a float
        "created_at": INTEGER,
        "timestamp": INTEGER,
        "agent_last_seen_at": INTEGER,
        "updated_at": NUMBER,
        # Chatwoot API notes: the last message of any type, activity messages included
        "messages": {**listing(MESSAGE), "maxItems": 1},
        "meta": CONVERSATION_META,
    },
    [
        "id",
        "account_id",
        "inbox_id",
        "status",
        "can_reply",
        "unread_count",
        "labels",
        "priority",
        "snoozed_until",
        "last_activity_at",
        "timestamp",
        "created_at",
        "updated_at",
        "messages",
        "meta",
    ],
)

# Chatwoot API notes: the counts mine_count, assigned_count, unassigned_count, all_count;
# Chatwoot swagger: conversation_list data.meta types them numbers; list_records
# .ConversationCounts.parse reads them as integers.
COUNTS = record(
    {
        "mine_count": INTEGER,
        "assigned_count": INTEGER,
        "unassigned_count": INTEGER,
        "all_count": INTEGER,
    },
    ["mine_count", "assigned_count", "unassigned_count", "all_count"],
)

# GET /accounts/{a}/conversations. Chatwoot API notes:
# {"data": {"meta": {...counts}, "payload": [conversation...]}}.
CONVERSATION_LIST = document(
    record(
        {"data": record({"meta": COUNTS, "payload": listing(CONVERSATION)}, ["meta", "payload"])},
        ["data"],
    )
)

# GET /accounts/{a}/conversations/meta. Chatwoot API notes: {"meta": {...same counts}}.
CONVERSATION_COUNTS = document(record({"meta": COUNTS}, ["meta"]))

# GET /accounts/{a}/conversations/{cid}. Chatwoot API notes: one conversation object.
ONE_CONVERSATION = document(CONVERSATION)

# GET /accounts/{a}/conversations/{cid}/messages. Chatwoot API notes:
# {"meta": {...contact, assignee...}, "payload": [message...]}; the app reads the payload.
# Chatwoot API notes: meta.*_last_seen_at are integer unix seconds (the swagger types them
# date-time strings), and meta.assignee is null when nobody is assigned.
THREAD_META = record(
    {
        "labels": listing(STRING),
        "contact": OBJECT,
        "assignee": nullable(ASSIGNEE),
        "agent_last_seen_at": nullable(INTEGER),
        "assignee_last_seen_at": nullable(INTEGER),
    },
    [],
)
MESSAGES = document(record({"meta": THREAD_META, "payload": listing(MESSAGE)}, ["payload"]))

# POST /accounts/{a}/conversations/{cid}/toggle_status. Chatwoot API notes:
# {"meta": {}, "payload": {"success", "conversation_id", "current_status",
# "snoozed_until"}}, snoozed_until an ISO string; list_records.StatusChange.parse reads
# the last three.
TOGGLE_STATUS = document(
    record(
        {
            "meta": OBJECT,
            "payload": record(
                {
                    "success": BOOLEAN,
                    "conversation_id": INTEGER,  # the display id
                    "current_status": CONVERSATION_STATUS,
                    "snoozed_until": nullable(STRING),
                },
                ["conversation_id", "current_status", "snoozed_until"],
            ),
        },
        ["payload"],
    )
)

# -- the fork's scheduled messages ----------------------------------------------------------

# Fork fragment: definitions/resource/scheduled_message attachment (id, file_type,
# file_url, filename...); records.Attachment.parse falls back to file_url.
SCHEDULED_ATTACHMENT = record(
    {
        "id": INTEGER,
        "file_type": STRING,
        "file_url": STRING,
        "filename": STRING,
    },
    ["id", "file_type", "file_url"],
)

# Chatwoot API notes: the fork's object is id, content, inbox_id, conversation_id,
# account_id, status, scheduled_at, template_params, author_id, author_type, author,
# message_id, created_at, updated_at, attachment. Fork fragment:
# definitions/resource/scheduled_message types them;
# scheduled_records.ScheduledMessage.parse reads id, content, conversation_id, inbox_id,
# status, scheduled_at, message_id, author_id, created_at, updated_at, attachment, and
# hold_on_reply when there is one (no view of the fork renders it: only its realtime
# event).
SCHEDULED_ROW = record(
    {
        "id": INTEGER,
        # Chatwoot API notes: content is required unless a template or an attachment
        "content": nullable(STRING),
        "inbox_id": INTEGER,
        "conversation_id": INTEGER,  # fork fragment: the display id of the conversation
        "account_id": INTEGER,
        "status": SCHEDULED_STATUS,
        # Chatwoot API notes: unix seconds, null for a draft saved without a time
        "scheduled_at": nullable(INTEGER),
        # fork fragment types it an object; a row without a template sends null
        "template_params": nullable(OBJECT),
        "author_id": INTEGER,
        "author_type": STRING,  # fork fragment: User, Contact, ...
        "author": OBJECT,
        # Chatwoot API notes: set when the delivery job has sent it, null until then
        "message_id": nullable(INTEGER),
        "created_at": INTEGER,  # fork fragment: unix timestamps
        "updated_at": INTEGER,
        # Chatwoot API notes: the fork's PR #322 permits it; no view renders it (the
        # realtime event does), hence not required
        "hold_on_reply": BOOLEAN,
        # fork fragment types it an object; _scheduled_message.json.jbuilder renders it
        # only when there is one, hence not required
        "attachment": nullable(SCHEDULED_ATTACHMENT),
    },
    [
        "id",
        "content",
        "inbox_id",
        "conversation_id",
        "account_id",
        "status",
        "scheduled_at",
        "template_params",
        "author_id",
        "author_type",
        "message_id",
        "created_at",
        "updated_at",
    ],
)

# POST .../conversations/{cid}/scheduled_messages answers 200 with one row.
SCHEDULED_MESSAGE = document(SCHEDULED_ROW)

# GET .../conversations/{cid}/scheduled_messages. Chatwoot API notes: {"payload": [...]};
# fork fragment: paths/application/conversation/scheduled_messages/index.
SCHEDULED_MESSAGES = document(record({"payload": listing(SCHEDULED_ROW)}, ["payload"]))

# Chatwoot API notes: a model validation outside message create is 422
# {"message": "...", "attributes": [...]}, e.g. "Scheduled at must be in the future".
RECORD_INVALID = document(
    record({"message": STRING, "attributes": listing(STRING)}, ["message", "attributes"])
)

# Every top-level schema by name, for the checks that hold for all of them.
ALL: dict[str, Schema] = {
    "profile": PROFILE,
    "account": ACCOUNT,
    "inboxes": INBOXES,
    "labels": LABELS,
    "canned_responses": CANNED_RESPONSES,
    "conversation_list": CONVERSATION_LIST,
    "conversation_counts": CONVERSATION_COUNTS,
    "one_conversation": ONE_CONVERSATION,
    "messages": MESSAGES,
    "created_message": CREATED_MESSAGE,
    "toggle_status": TOGGLE_STATUS,
    "scheduled_message": SCHEDULED_MESSAGE,
    "scheduled_messages": SCHEDULED_MESSAGES,
    "record_invalid": RECORD_INVALID,
}
