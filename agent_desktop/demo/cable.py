"""The demo's ActionCable: `/cable` with Rails' frames, and Chatwoot's events for every
change the demo makes, its own simulated customers included.

Changes are caught as Rails catches them, after the fact: the session's flush says
which rows were created, changed or deleted; after the commit each event's payload is
rendered from the database again (as Chatwoot's broadcast job re-reads a conversation)
and queued to every socket subscribed by a user of that account who may see the inbox.
As real Chatwoot: nothing is checked at connect, the origin must be the server's own
(Rails answers others 404), and a subscribe with a bad token is answered with nothing."""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from sqlalchemy import event, inspect, select
from sqlalchemy.orm import Session
from starlette.websockets import WebSocket, WebSocketDisconnect

from agent_desktop.demo.models import (
    AccountUser,
    Conversation,
    Message,
    ScheduledMessage,
    User,
)
from agent_desktop.demo.serialize import contact_push, scheduled_json, user_push

if TYPE_CHECKING:
    from agent_desktop.demo.state import Caller, DemoState

log = logging.getLogger(__name__)
PROTOCOL = "actioncable-v1-json"
PING_EVERY = 3.0  # ActionCable's beat
ACTIVITY = 2


@dataclass(frozen=True)
class Change:
    """One event to broadcast once the transaction is committed."""

    name: str
    kind: str  # "message", "conversation", "scheduled", "scheduled_gone"
    row_id: int
    account_id: int
    extra: dict[str, Any] = field(default_factory=dict)


@dataclass
class _Subscription:
    identifier: str
    user_id: int
    account_id: int
    pubsub_token: str


@dataclass
class _Socket:
    websocket: WebSocket
    queue: asyncio.Queue[str | None] = field(default_factory=asyncio.Queue)
    subscriptions: dict[str, _Subscription] = field(default_factory=dict)


class CableHub:
    def __init__(self, state: DemoState) -> None:
        self.state = state
        self.sockets: list[_Socket] = []
        self.silent = False  # a frozen server: no pings, no events, the socket left open
        self.sent = 0
        # Rails broadcasts from a background job, out of the requests' way: here one
        # worker thread renders the events (one, so they keep their order) and the loop
        # only queues the frames
        self._renderer = ThreadPoolExecutor(max_workers=1, thread_name_prefix="cable")
        event.listen(state.sessions, "after_flush", self._collect)
        event.listen(state.sessions, "after_commit", self._committed)
        event.listen(state.sessions, "after_rollback", self._rolled_back)

    # -- catching changes ----------------------------------------------------------------

    def _collect(self, session: Session, _context: object) -> None:
        changes: list[Change] = session.info.setdefault("cable", [])
        for row in session.new:
            if isinstance(row, Message) and row.scheduled_at is None:
                changes.append(Change("message.created", "message", row.id, row.account_id))
            elif isinstance(row, Conversation):
                changes.append(
                    Change("conversation.created", "conversation", row.id, row.account_id)
                )
            elif isinstance(row, ScheduledMessage):
                changes.append(
                    Change("scheduled_message.created", "scheduled", row.id, row.account_id)
                )
        for row in session.dirty:
            if not session.is_modified(row):
                continue
            if isinstance(row, Message):
                changes.extend(_message_changes(row))
            elif isinstance(row, Conversation):
                changes.extend(_conversation_changes(row))
            elif isinstance(row, ScheduledMessage):
                changes.append(
                    Change("scheduled_message.updated", "scheduled", row.id, row.account_id)
                )
        for row in session.deleted:
            if isinstance(row, ScheduledMessage):
                gone = {"conversation_id": row.conversation_id, "status": row.status}
                changes.append(
                    Change(
                        "scheduled_message.deleted", "scheduled_gone", row.id, row.account_id, gone
                    )
                )

    def _rolled_back(self, session: Session) -> None:
        session.info.pop("cable", None)

    def _committed(self, session: Session) -> None:
        changes = session.info.pop("cable", None)
        if not changes or not self.sockets:
            return
        try:
            loop = asyncio.get_running_loop()
        except RuntimeError:
            return  # not on the server's loop (a test driving the state directly)
        if self.state.one_connection:
            # a database in memory is one connection, the loop's own: rendered there
            loop.call_soon(self.publish, changes)
        else:
            self._renderer.submit(self._render_and_queue, loop, changes)

    # -- broadcasting --------------------------------------------------------------------

    def _render_and_queue(self, loop: asyncio.AbstractEventLoop, changes: list[Change]) -> None:
        """On the renderer's thread: the frames handed to the loop in order."""
        try:
            events = self.render(changes)
        except Exception:  # a row gone mid-render, the server stopping: as a failed job
            log.exception("cable: an event could not be rendered")
            return
        with contextlib.suppress(RuntimeError):  # the loop closed meanwhile
            loop.call_soon_threadsafe(self._send_all, events)

    def render(self, changes: list[Change]) -> list[tuple[str, dict[str, Any], set[Any]]]:
        """Each change's event as Chatwoot broadcasts it, with who may hear it."""
        if self.silent:
            return []
        events: list[tuple[str, dict[str, Any], set[Any]]] = []
        with self.state.session() as s:
            for change in changes:
                rendered = self._render(s, change)
                if rendered is None:
                    continue
                data, inbox_id = rendered
                data["account_id"] = change.account_id
                events.append((change.name, data, self._audience(s, change.account_id, inbox_id)))
        return events

    def publish(self, changes: list[Change]) -> None:
        """Rendered and queued at once (on the loop, or from a test)."""
        self._send_all(self.render(changes))

    def _send_all(self, events: list[tuple[str, dict[str, Any], set[Any]]]) -> None:
        if self.silent:
            return
        for name, data, audience in events:
            self._send(name, data, audience)

    def close(self) -> None:
        self._renderer.shutdown(wait=False, cancel_futures=True)

    def typing(
        self, caller: Caller, display_id: int, on: bool, *, private: bool, contact: bool
    ) -> None:
        """conversation.typing_on/off: to everyone who may see the inbox but the typer
        (an agent through toggle_typing_status, or the customer in the widget)."""
        if self.silent:
            return
        with self.state.session() as s:
            conversation = self.state.find_conversation(s, caller, display_id)
            typer = (
                contact_push(conversation.contact)
                if contact
                else user_push(s.get_one(User, caller.user_id))
            )
            data = {
                "conversation": conversation_push(self.state, s, conversation),
                "user": typer,
                "is_private": private,
                "account_id": caller.account_id,
            }
            audience = self._audience(s, caller.account_id, conversation.inbox_id)
        if not contact:
            audience.discard((caller.user_id, caller.account_id))
        self._send(f"conversation.typing_{'on' if on else 'off'}", data, audience)

    def _send(self, name: str, data: dict[str, Any], audience: set[tuple[int, int]]) -> None:
        message: str | None = None  # the payload put in JSON once, for every listener
        for socket in self.sockets:
            for subscription in socket.subscriptions.values():
                if (subscription.user_id, subscription.account_id) in audience:
                    if message is None:
                        message = json.dumps({"event": name, "data": data})
                    identifier = json.dumps(subscription.identifier)
                    socket.queue.put_nowait(f'{{"identifier": {identifier}, "message": {message}}}')
                    self.sent += 1

    def _audience(self, s: Session, account_id: int, inbox_id: int) -> set[tuple[int, int]]:
        """Inbox members and administrators: in the demo every agent of the account but
        those removed from the inbox."""
        users = s.scalars(select(AccountUser.user_id).where(AccountUser.account_id == account_id))
        return {
            (user_id, account_id)
            for user_id in users
            if (user_id, inbox_id) not in self.state.refused
        }

    def _render(self, s: Session, change: Change) -> tuple[dict[str, Any], int] | None:
        if change.kind == "message":
            message = s.get(Message, change.row_id)
            if message is None:
                return None
            parent = s.get_one(Conversation, message.conversation_id)
            return self.state.messages_json(s, parent, [message])[0], parent.inbox_id
        if change.kind == "conversation":
            found = s.get(Conversation, change.row_id)
            if found is None:
                return None
            return conversation_push(self.state, s, found), found.inbox_id
        if change.kind == "scheduled":
            row = s.get(ScheduledMessage, change.row_id)
            if row is None:
                return None
            # the event shows hold_on_reply where the fork has it (since its PR #322)
            holds = self.state.server.fork_holds_on_reply
            return scheduled_json(row, self.state.base_url, with_hold=holds), row.inbox_id
        conversation = s.get(Conversation, change.extra["conversation_id"])
        if conversation is None:
            return None
        gone = {
            "id": change.row_id,
            "conversation_id": conversation.display_id,
            "status": change.extra["status"],
        }
        return gone, conversation.inbox_id

    # -- the socket ----------------------------------------------------------------------

    def allowed_origin(self, origin: str | None) -> bool:
        """Rails' allowed_request_origins for FRONTEND_URL: that host on any port."""
        if not origin:
            return False
        mine = urlsplit(self.state.base_url)
        theirs = urlsplit(origin)
        return (theirs.scheme, theirs.hostname) == (mine.scheme, mine.hostname)

    async def serve(self, websocket: WebSocket) -> None:
        if not self.allowed_origin(websocket.headers.get("origin")):
            await websocket.close()  # before the upgrade: the handshake is refused
            return
        offered = websocket.scope.get("subprotocols") or []
        await websocket.accept(subprotocol=PROTOCOL if PROTOCOL in offered else None)
        socket = _Socket(websocket)
        self.sockets.append(socket)
        socket.queue.put_nowait(json.dumps({"type": "welcome"}))
        writer = asyncio.create_task(self._write(socket))
        pinger = asyncio.create_task(self._ping(socket))
        try:
            while True:
                raw = await websocket.receive_text()
                self._command(socket, raw)
        except (WebSocketDisconnect, RuntimeError):
            pass
        finally:
            self.sockets.remove(socket)
            pinger.cancel()
            socket.queue.put_nowait(None)
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await writer

    async def _write(self, socket: _Socket) -> None:
        while (frame := await socket.queue.get()) is not None:
            try:
                await socket.websocket.send_text(frame)
            except Exception:
                return

    async def _ping(self, socket: _Socket) -> None:
        while True:
            await asyncio.sleep(PING_EVERY)
            if not self.silent:
                now = int(self.state.clock.now().timestamp())
                socket.queue.put_nowait(json.dumps({"type": "ping", "message": now}))

    def _command(self, socket: _Socket, raw: str) -> None:
        try:
            command = json.loads(raw)
            identifier = command["identifier"]
            params = json.loads(identifier)
        except (ValueError, KeyError, TypeError):
            return  # Rails logs it and goes on
        if not isinstance(params, dict) or params.get("channel") != "RoomChannel":
            return
        if command.get("command") == "subscribe":
            if identifier in socket.subscriptions:
                return  # a second subscribe of the same identifier is ignored
            subscription = self._subscribe(identifier, params)
            if subscription is None:
                return  # RecordNotFound, rescued and logged: the client hears nothing
            socket.subscriptions[identifier] = subscription
            socket.queue.put_nowait(
                json.dumps({"identifier": identifier, "type": "confirm_subscription"})
            )
            self._presence(socket, subscription)
        elif command.get("command") == "unsubscribe":
            socket.subscriptions.pop(identifier, None)
        elif command.get("command") == "message":
            subscription = socket.subscriptions.get(identifier)
            try:
                action = json.loads(command.get("data") or "{}").get("action")
            except (ValueError, AttributeError):
                return
            if subscription is not None and action == "update_presence":
                self._presence(socket, subscription)

    def _subscribe(self, identifier: str, params: dict[str, Any]) -> _Subscription | None:
        token, user_id, account_id = (
            params.get("pubsub_token"),
            params.get("user_id"),
            params.get("account_id"),
        )
        try:
            user_id, account_id = int(user_id), int(account_id)  # type: ignore[arg-type]
        except (TypeError, ValueError):
            return None
        with self.state.session() as s:
            user = s.scalar(select(User).where(User.pubsub_token == token, User.id == user_id))
            if user is None or s.get(AccountUser, (account_id, user.id)) is None:
                return None
        return _Subscription(identifier, user_id, account_id, str(token))

    def _presence(self, socket: _Socket, subscription: _Subscription) -> None:
        if self.silent:
            return
        with self.state.session() as s:
            users = s.scalars(
                select(AccountUser.user_id).where(AccountUser.account_id == subscription.account_id)
            )
            online = {str(user_id): "online" for user_id in users}
        data = {"account_id": subscription.account_id, "users": online, "contacts": {}}
        frame = {
            "identifier": subscription.identifier,
            "message": {"event": "presence.update", "data": data},
        }
        socket.queue.put_nowait(json.dumps(frame))

    async def drop_all(self) -> int:
        """The server going away under its sockets (a restart, a proxy's idle cut)."""
        dropped = 0
        for socket in list(self.sockets):
            with contextlib.suppress(Exception):
                await socket.websocket.close(code=1012)  # service restart
                dropped += 1
        return dropped


def conversation_push(state: DemoState, s: Session, conversation: Conversation) -> dict[str, Any]:
    """Conversation#push_event_data: the list's shape, its `messages` the last chat
    message (not an activity nor a note), `updated_at` a float that never goes back."""
    body = state.conversation_json(s, conversation)
    last_chat = s.scalar(
        select(Message)
        .where(
            Message.conversation_id == conversation.id,
            Message.scheduled_at.is_(None),
            Message.message_type != ACTIVITY,
            Message.private.is_(False),
        )
        .order_by(Message.id.desc())
        .limit(1)
    )
    body["messages"] = state.messages_json(s, conversation, [last_chat]) if last_chat else []
    body.pop("last_non_activity_message", None)
    body["meta"]["assignee_type"] = "User" if conversation.assignee_id else None
    team = conversation.team  # Team#push_event_data
    body["meta"]["team"] = {"id": team.id, "name": team.name} if team else None
    return body


def _message_changes(row: Message) -> list[Change]:
    state = inspect(row)
    scheduled = state.attrs.scheduled_at.history
    if scheduled.has_changes() and row.scheduled_at is None:
        # a scheduled_at message the server sends now: the conversation sees it created
        return [Change("message.created", "message", row.id, row.account_id)]
    if row.scheduled_at is not None:
        return []
    return [Change("message.updated", "message", row.id, row.account_id)]


def _conversation_changes(row: Conversation) -> list[Change]:
    state = inspect(row)

    def changed(name: str) -> bool:
        return bool(state.attrs[name].history.has_changes())

    found: list[Change] = []
    if changed("status"):
        found.append(Change("conversation.status_changed", "conversation", row.id, row.account_id))
    if changed("assignee_id"):
        found.append(Change("assignee.changed", "conversation", row.id, row.account_id))
    if changed("unread_count") and row.unread_count == 0:
        found.append(Change("conversation.read", "conversation", row.id, row.account_id))
    if any(changed(name) for name in ("labels", "priority", "snoozed_until", "team_id")):
        found.append(Change("conversation.updated", "conversation", row.id, row.account_id))
    return found
