"""The Chatwoot client's scheduling calls: the fork's scheduled_messages resource, and the
seed plan's scheduled_at on messages. ChatwootClient inherits them (see client.py)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from agent_desktop.chatwoot.reading import Fields
from agent_desktop.chatwoot.records import Message
from agent_desktop.chatwoot.scheduled_records import ScheduledMessage
from agent_desktop.chatwoot.uploads import Upload, form_value, multipart_files


def iso_utc(instant: datetime) -> str:
    if instant.tzinfo is None:
        raise ValueError("scheduled times must be timezone-aware")
    return instant.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


class ScheduledCalls:
    """The calls that schedule a message on the server, or list, change or cancel one."""

    if TYPE_CHECKING:  # what the client gives these calls (ChatwootClient defines them)

        def _account_path(self, tail: str = "") -> str: ...

        def _request(self, method: str, path: str, **kwargs: Any) -> Any: ...

        def _post_message(
            self, path: str, fields: dict[str, Any], attachments: Sequence[Upload]
        ) -> Any: ...

    # -- scheduling: the fork's scheduled_messages resource ------------------------

    def _scheduled_path(self, conversation_id: int, tail: str = "") -> str:
        return self._account_path(f"/conversations/{conversation_id}/scheduled_messages{tail}")

    def scheduled_messages(self, conversation_id: int) -> list[ScheduledMessage]:
        """Every scheduled message of a conversation (NotFoundError on a server without
        the resource, which is how support is detected)."""
        raw = self._request("GET", self._scheduled_path(conversation_id))
        # the fork wraps the list in "payload"; other forks send it bare
        body = Fields({"payload": raw} if isinstance(raw, list) else raw, "scheduled_messages")
        return [ScheduledMessage.parse(item) for item in body.objects("payload")]

    def create_scheduled_message(
        self,
        conversation_id: int,
        content: str,
        scheduled_at: datetime,
        *,
        hold_on_reply: bool = True,
        status: str = "pending",
        attachment: Upload | None = None,
    ) -> ScheduledMessage:
        # the fork defaults to draft, which never sends: always say pending
        fields = {
            "content": content,
            "scheduled_at": iso_utc(scheduled_at),
            "status": status,
            "hold_on_reply": hold_on_reply,
        }
        return self._write_scheduled(
            "POST", self._scheduled_path(conversation_id), fields, attachment
        )

    def update_scheduled_message(
        self,
        conversation_id: int,
        scheduled_message_id: int,
        *,
        content: str | None = None,
        scheduled_at: datetime | None = None,
        status: str | None = None,
        hold_on_reply: bool | None = None,
        attachment: Upload | None = None,
    ) -> ScheduledMessage:
        fields: dict[str, Any] = {}
        if content is not None:
            fields["content"] = content
        if scheduled_at is not None:
            fields["scheduled_at"] = iso_utc(scheduled_at)
        if status is not None:
            fields["status"] = status
        if hold_on_reply is not None:
            fields["hold_on_reply"] = hold_on_reply
        path = self._scheduled_path(conversation_id, f"/{scheduled_message_id}")
        return self._write_scheduled("PATCH", path, fields, attachment)

    def delete_scheduled_message(
        self, conversation_id: int, scheduled_message_id: int
    ) -> ScheduledMessage | None:
        """Remove it; the row as it was where the server says, None where it answers
        with nothing (204, or 200 with an empty body: Rails' default for a destroy)."""
        path = self._scheduled_path(conversation_id, f"/{scheduled_message_id}")
        body = self._request("DELETE", path)
        return _scheduled(body) if body else None

    def _write_scheduled(
        self, method: str, path: str, fields: dict[str, Any], attachment: Upload | None
    ) -> ScheduledMessage:
        if attachment is None:
            body = self._request(method, path, json=fields)
        else:
            form = {key: form_value(value) for key, value in fields.items()}
            with multipart_files("attachment", [attachment]) as files:
                body = self._request(method, path, data=form, files=files)
        return _scheduled(body)

    # -- scheduling: the seed plan's scheduled_at on messages ----------------------

    def schedule_message(
        self,
        conversation_id: int,
        content: str,
        scheduled_at: datetime,
        *,
        content_attributes: Mapping[str, Any] | None = None,
        echo_id: str | None = None,
        attachments: Sequence[Upload] = (),
    ) -> Message:
        """Create a message the server holds until `scheduled_at`. Only for a server known to
        support it: an upstream server ignores scheduled_at and sends at once."""
        path = self._account_path(f"/conversations/{conversation_id}/messages")
        fields: dict[str, Any] = {
            "content": content,
            "private": False,
            "message_type": "outgoing",
            "scheduled_at": iso_utc(scheduled_at),
        }
        if content_attributes:
            fields["content_attributes"] = dict(content_attributes)
        if echo_id is not None:
            fields["echo_id"] = echo_id
        body = self._post_message(path, fields, attachments)
        # the seed design wraps the message: {"message": "...", "scheduled_at": ..., "data": {}}
        wrapper = Fields(body, "scheduled message")
        return Message.parse(wrapper.obj("data") if wrapper.has("data") else wrapper)

    def seed_scheduled_messages(self, conversation_id: int) -> list[Message]:
        """The conversation's pending scheduled messages (`include_scheduled=true`)."""
        path = self._account_path(f"/conversations/{conversation_id}/messages")
        body = Fields(self._request("GET", path, params={"include_scheduled": "true"}), "messages")
        return [Message.parse(item) for item in body.objects("scheduled_messages")]

    def cancel_seed_scheduled_message(self, conversation_id: int, message_id: int) -> None:
        path = self._account_path(
            f"/conversations/{conversation_id}/messages/{message_id}/schedule"
        )
        self._request("DELETE", path)


def _scheduled(body: Any) -> ScheduledMessage:
    """One scheduled message, bare or wrapped in "payload" as some forks answer."""
    if isinstance(body, Mapping) and isinstance(body.get("payload"), Mapping):
        body = body["payload"]
    return ScheduledMessage.parse(Fields(body, "scheduled_message"))
