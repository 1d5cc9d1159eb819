"""The Chatwoot API client: one method per call an agent's app makes, typed results,
errors by meaning (see errors.py). The scheduling calls are in scheduled_calls.py."""

from __future__ import annotations

import threading
from collections.abc import Iterable, Mapping, Sequence
from datetime import datetime
from typing import Any

import httpx

from agent_desktop import __version__
from agent_desktop.chatwoot import deadlines
from agent_desktop.chatwoot.answers import decode, http_date
from agent_desktop.chatwoot.connection import (
    DEFAULT_TIMEOUT,
    HTTP2,
    NOT_SENT,
    UPLOAD_BYTES_PER_SECOND,
    describe,
    request_deadline,
    tls_context,
    upload_bytes,
)
from agent_desktop.chatwoot.errors import (
    AccessDeniedError,
    AuthError,
    ChatwootError,
    MaybeDeliveredError,
    NotDeliveredError,
)
from agent_desktop.chatwoot.list_records import ConversationCounts, ConversationPage, StatusChange
from agent_desktop.chatwoot.reading import Fields
from agent_desktop.chatwoot.records import (
    Account,
    CannedResponse,
    Contact,
    Conversation,
    ConversationStatus,
    Inbox,
    Message,
    Profile,
    ServerInfo,
)
from agent_desktop.chatwoot.scheduled_calls import ScheduledCalls, iso_utc
from agent_desktop.chatwoot.uploads import Upload, form_value, multipart_files
from agent_desktop.chatwoot.urls import normalize_base_url
from agent_desktop.core.i18n import tr
from agent_desktop.core.logs import SECRETS

PROFILE_PATH = "/api/v1/profile"
CONVERSATION_STATUSES = ("open", "resolved", "pending", "snoozed", "all")
ASSIGNEE_TYPES = ("me", "unassigned", "assigned", "all")


class BadTokenError(ChatwootError, ValueError):
    """A token no server could have issued (it would go out as a broken header)."""


def check_token(token: str) -> None:
    """A token holds printable ASCII only; the error never repeats the token."""
    if not token or not all(33 <= ord(ch) < 127 for ch in token):
        raise BadTokenError(
            tr(
                "the access token holds a character no token has (a space, a control "
                "character or a letter outside ASCII): copy it again from Chatwoot's "
                "Profile settings"
            )
        )


class ChatwootClient(ScheduledCalls):
    """Talks to one Chatwoot server as one user. Not thread-safe: one per worker thread."""

    def __init__(
        self,
        base_url: str,
        token: str,
        account_id: int | None = None,
        *,
        allow_insecure_http: bool = False,
        timeout: httpx.Timeout | float = DEFAULT_TIMEOUT,
        transport: httpx.BaseTransport | None = None,
        deadline: float | None = None,
        stop: threading.Event | None = None,
    ) -> None:
        self.base_url = normalize_base_url(base_url, allow_insecure_http=allow_insecure_http)
        SECRETS.add(token)
        check_token(token)
        self.account_id = account_id
        # the server's clock, as its last answer's Date header gave it (whole seconds)
        self.server_time: datetime | None = None
        # seconds a request may take in all (more for uploads)
        self.deadline = request_deadline() if deadline is None else deadline
        self.stop = stop  # set: requests under way end now
        self._http = httpx.Client(
            base_url=self.base_url,
            headers={
                # hyphens, not Chatwoot's documented underscores: nginx drops header
                # names with underscores unless told otherwise, and Rails reads both
                "Api-Access-Token": token,
                "Accept": "application/json",
                "User-Agent": f"AgentDesktop/{__version__} httpx/{httpx.__version__}",
            },
            timeout=timeout,
            transport=transport,
            verify=tls_context(),
            follow_redirects=False,
            # offered over TLS (ALPN); a server that does not take it speaks HTTP/1.1
            http2=HTTP2,
        )
        # every connection gets the overall deadline (httpx's timeouts are per read)
        deadlines.limit(self._http._transport)
        for mounted in self._http._mounts.values():
            if mounted is not None:
                deadlines.limit(mounted)

    def __repr__(self) -> str:
        return f"ChatwootClient({self.base_url!r}, account_id={self.account_id})"

    def close(self) -> None:
        self._http.close()

    def __enter__(self) -> ChatwootClient:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    # -- transport -----------------------------------------------------------------

    def _account_path(self, tail: str = "") -> str:
        if self.account_id is None:
            raise ValueError("this call needs an account: set account_id first")
        return f"/api/v1/accounts/{self.account_id}{tail}"

    def _request(self, method: str, path: str, **kwargs: Any) -> Any:
        """Send a request and return its decoded JSON body, or raise a ChatwootError."""
        attempts = 2 if method == "GET" else 1  # a read is safe to repeat once
        seconds = self.deadline + upload_bytes(kwargs) / UPLOAD_BYTES_PER_SECOND
        for attempt in range(attempts):
            try:
                with deadlines.limited(seconds, self.stop):
                    response = self._http.request(method, path, **kwargs)
                break
            except NOT_SENT as exc:
                raise NotDeliveredError(
                    tr("could not connect to {base_url}: {reason}").format(
                        base_url=self.base_url, reason=describe(exc)
                    )
                ) from exc
            except httpx.TransportError as exc:
                if attempt + 1 < attempts and not isinstance(exc, httpx.TimeoutException):
                    continue
                raise MaybeDeliveredError(
                    tr("no answer from {base_url} after the request was sent: {reason}").format(
                        base_url=self.base_url, reason=describe(exc)
                    ),
                    timed_out=isinstance(exc, httpx.TimeoutException),
                ) from exc
        self.server_time = http_date(response.headers.get("Date")) or self.server_time
        try:
            return decode(response)
        except AuthError as refused:
            if path == PROFILE_PATH or not self._token_still_works():
                raise
            raise AccessDeniedError(refused.message) from refused

    def _token_still_works(self) -> bool:
        """After a 401: does the server still know the token? Chatwoot answers a policy
        refusal with 401 too, and then the token is fine; only an answer that accepts
        the token says so (any doubt keeps the 401 a sign-in problem)."""
        try:
            response = self._http.request("GET", PROFILE_PATH)
        except httpx.HTTPError:
            return False
        return response.status_code == 200

    # -- the user and the account --------------------------------------------------

    def profile(self) -> Profile:
        return Profile.parse(Fields(self._request("GET", PROFILE_PATH), "profile"))

    def server_info(self) -> ServerInfo:
        """What the server says of itself (`GET /api`, no token needed): its version."""
        return ServerInfo.parse(Fields(self._request("GET", "/api"), "api"))

    def account(self) -> Account:
        return Account.parse(Fields(self._request("GET", self._account_path()), "account"))

    def inboxes(self) -> list[Inbox]:
        body = Fields(self._request("GET", self._account_path("/inboxes")), "inboxes")
        return [Inbox.parse(item) for item in body.objects("payload")]

    def labels(self) -> list[str]:
        """The account's label titles."""
        body = Fields(self._request("GET", self._account_path("/labels")), "labels")
        return [item.text("title") for item in body.objects("payload")]

    def canned_responses(self) -> list[CannedResponse]:
        raw = self._request("GET", self._account_path("/canned_responses"))  # a bare list
        body = Fields({"payload": raw}, "canned_responses")
        return [CannedResponse.parse(item) for item in body.objects("payload")]

    # -- conversations -------------------------------------------------------------

    def conversations(
        self,
        *,
        status: str = "open",
        assignee_type: str = "all",
        inbox_id: int | None = None,
        team_id: int | None = None,
        labels: Iterable[str] = (),
        q: str | None = None,
        sort_by: str | None = None,
        page: int = 1,
        page_size: int | None = None,
    ) -> ConversationPage:
        """One page of the list. Pass the page size a first page showed (its `size`) when
        asking for later ones: the server's is set per install."""
        if status not in CONVERSATION_STATUSES:
            raise ValueError(f"status must be one of {', '.join(CONVERSATION_STATUSES)}")
        if assignee_type not in ASSIGNEE_TYPES:
            raise ValueError(f"assignee must be one of {', '.join(ASSIGNEE_TYPES)}")
        if page < 1:
            raise ValueError("pages are numbered from 1")
        params: list[tuple[str, str | int]] = [
            ("status", status),
            ("assignee_type", assignee_type),
            ("page", page),
        ]
        if inbox_id is not None:
            params.append(("inbox_id", inbox_id))
        if team_id is not None:
            params.append(("team_id", team_id))
        params.extend(("labels[]", label) for label in labels)
        if q:
            params.append(("q", q))
        if sort_by:
            params.append(("sort_by", sort_by))
        body = Fields(
            self._request("GET", self._account_path("/conversations"), params=params),
            "conversations",
        )
        data = body.obj("data")
        return ConversationPage(
            page=page,
            counts=ConversationCounts.parse(data.obj("meta")),
            conversations=tuple(Conversation.parse(c) for c in data.objects("payload")),
            assignee_type=assignee_type,
            page_size=page_size,
        )

    def conversation_counts(
        self, *, status: str = "open", inbox_id: int | None = None, q: str | None = None
    ) -> ConversationCounts:
        params: dict[str, str | int] = {"status": status}
        if inbox_id is not None:
            params["inbox_id"] = inbox_id
        if q:
            params["q"] = q
        body = Fields(
            self._request("GET", self._account_path("/conversations/meta"), params=params),
            "conversations/meta",
        )
        return ConversationCounts.parse(body.obj("meta"))

    def search_contacts(self, q: str) -> list[Contact]:
        """Contacts whose name, e-mail, phone or identifier hold `q` (the first page: 15);
        the conversation list's `q` searches message text only."""
        body = Fields(
            self._request("GET", self._account_path("/contacts/search"), params={"q": q}),
            "contacts/search",
        )
        return [Contact.parse(item) for item in body.objects("payload")]

    def contact_conversations(self, contact_id: int) -> list[Conversation]:
        path = self._account_path(f"/contacts/{contact_id}/conversations")
        body = Fields(self._request("GET", path), "contact conversations")
        return [Conversation.parse(item) for item in body.objects("payload")]

    def conversation(self, conversation_id: int) -> Conversation:
        path = self._account_path(f"/conversations/{conversation_id}")
        return Conversation.parse(Fields(self._request("GET", path), "conversation"))

    def toggle_status(
        self,
        conversation_id: int,
        status: ConversationStatus | str,
        *,
        snoozed_until: datetime | None = None,
    ) -> StatusChange:
        value = ConversationStatus(status).value
        payload: dict[str, Any] = {"status": value}
        if snoozed_until is not None:
            payload["snoozed_until"] = int(snoozed_until.timestamp())
        path = self._account_path(f"/conversations/{conversation_id}/toggle_status")
        body = Fields(self._request("POST", path, json=payload), "toggle_status")
        return StatusChange.parse(body.obj("payload"))

    # -- messages ------------------------------------------------------------------

    def messages(
        self, conversation_id: int, *, before: int | None = None, after: int | None = None
    ) -> list[Message]:
        """Oldest first: the latest 20 with neither, 20 older than `before`, up to 100
        newer than `after` (message ids)."""
        params: dict[str, int] = {}
        if before is not None:
            params["before"] = before
        if after is not None:
            params["after"] = after
        path = self._account_path(f"/conversations/{conversation_id}/messages")
        body = Fields(self._request("GET", path, params=params), "messages")
        return [Message.parse(item) for item in body.objects("payload")]

    def create_message(
        self,
        conversation_id: int,
        content: str,
        *,
        private: bool = False,
        content_attributes: Mapping[str, Any] | None = None,
        echo_id: str | None = None,
        attachments: Sequence[Upload] = (),
    ) -> Message:
        """Send a message now. Never takes a scheduled time: see schedule_message."""
        path = self._account_path(f"/conversations/{conversation_id}/messages")
        fields: dict[str, Any] = {
            "content": content,
            "private": private,
            "message_type": "outgoing",
        }
        if content_attributes:
            fields["content_attributes"] = dict(content_attributes)
        if echo_id is not None:
            fields["echo_id"] = echo_id
        body = self._post_message(path, fields, attachments)
        return Message.parse(Fields(body, "message"))

    def assign(self, conversation_id: int, assignee_id: int | None) -> None:
        """Give the conversation to an agent of the account; None gives it to nobody."""
        path = self._account_path(f"/conversations/{conversation_id}/assignments")
        self._request("POST", path, json={"assignee_id": assignee_id})

    def mark_seen(self, conversation_id: int) -> None:
        """The agent has read the conversation: its unread count goes back to zero."""
        self._request(
            "POST", self._account_path(f"/conversations/{conversation_id}/update_last_seen")
        )

    def mark_unread(self, conversation_id: int) -> None:
        """Back to unread, from the customer's last message on, to come back to it."""
        self._request("POST", self._account_path(f"/conversations/{conversation_id}/unread"))

    def delete_message(self, conversation_id: int, message_id: int) -> Message:
        path = self._account_path(f"/conversations/{conversation_id}/messages/{message_id}")
        return Message.parse(Fields(self._request("DELETE", path), "message"))

    def _post_message(
        self, path: str, fields: dict[str, Any], attachments: Sequence[Upload]
    ) -> Any:
        if not attachments:
            return self._request("POST", path, json=fields)
        form = {key: form_value(value) for key, value in fields.items()}
        with multipart_files("attachments[]", attachments) as files:
            return self._request("POST", path, data=form, files=files)


__all__ = ["ChatwootClient", "ChatwootError", "Upload", "iso_utc"]
