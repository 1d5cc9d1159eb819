"""Chatwoot's live channel: ActionCable at `/cable`, the `RoomChannel` the dashboard
subscribes to with the user's pubsub token. Events arrive as they happen; where the
channel cannot be reached, the caller polls and this keeps trying, with backoff.

The wire, as Rails' ActionCable speaks it (subprotocol `actioncable-v1-json`):
`{"type": "welcome"}` once open, `{"type": "ping", "message": <unix>}` every 3 s,
`confirm_subscription` / `reject_subscription` for the subscribe command, and
`{"identifier": ..., "message": {"event": ..., "data": {...}}}` for each event. Chatwoot
checks nothing at connect and, for a bad token, usually answers the subscribe with
nothing at all: no confirmation in time counts as a refusal."""

from __future__ import annotations

import json
import logging
import random
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit, urlunsplit

from agent_desktop.chatwoot.link_state import LinkState

log = logging.getLogger(__name__)

PROTOCOL = "actioncable-v1-json"
PRESENCE_EVERY = 20.0  # seconds, as the dashboard sends update_presence
STALE_AFTER = 10.0  # no frame for this long (pings come every 3 s): the socket is dead
CONFIRM_WITHIN = 10.0
MAX_FRAME = 8 * 1024 * 1024


@dataclass(frozen=True)
class CableEvent:
    name: str  # "message.created", "conversation.status_changed", …
    data: dict[str, Any]

    @property
    def conversation_id(self) -> int | None:
        """The conversation (display id) the event is about, where it says."""
        data = self.data
        if self.name.startswith("message.") or self.name.startswith("scheduled_message."):
            value = data.get("conversation_id")
        elif "conversation" in data and isinstance(data["conversation"], dict):
            value = data["conversation"].get("id")  # typing events
        elif self.name.startswith("conversation.") or self.name == "assignee.changed":
            value = data.get("id")
        else:
            value = None
        return value if isinstance(value, int) else None


class CableRefusedError(Exception):
    """The server will not give this user the channel (a bad or old pubsub token, an
    account the user left): retried only much later."""


@dataclass
class Backoff:
    """Seconds before the next try: doubling from `base` to `cap`, with full jitter so
    that a whole office reconnecting after a restart does not come back at once."""

    base: float = 1.0
    cap: float = 60.0
    rng: random.Random = field(default_factory=random.Random)

    def delay(self, failures: int) -> float:
        ceiling = min(self.cap, self.base * 2.0 ** max(0, failures - 1))
        return float(ceiling / 2 + self.rng.uniform(0, ceiling / 2))


def cable_url(base_url: str) -> str:
    """ws(s)://host/…/cable for the server's address (the path kept: a Chatwoot served
    under a prefix has its cable there too)."""
    parts = urlsplit(base_url)
    scheme = "wss" if parts.scheme == "https" else "ws"
    path = parts.path.rstrip("/") + "/cable"
    return urlunsplit((scheme, parts.netloc, path, "", ""))


def identifier(pubsub_token: str, account_id: int, user_id: int) -> str:
    """The subscription's identifier, as the dashboard's JSON.stringify writes it: the
    server echoes this exact string back with every frame."""
    params = {
        "channel": "RoomChannel",
        "pubsub_token": pubsub_token,
        "account_id": account_id,
        "user_id": user_id,
    }
    return json.dumps(params, separators=(",", ":"))


Connect = Callable[..., Any]  # websockets.sync.client.connect, or a stand-in


@dataclass
class CableConfig:
    stale_after: float = STALE_AFTER
    confirm_within: float = CONFIRM_WITHIN
    presence_every: float = PRESENCE_EVERY
    backoff: Backoff = field(default_factory=Backoff)
    refused_wait: float = 300.0  # after a refusal: try again this much later
    open_timeout: float = 10.0


class LiveChannel:
    """One user's channel in one account, kept open on a thread of its own.

    `on_event(CableEvent)` for each event of this account; `on_state(LinkState, detail)`
    as the link comes and goes; `on_live(reconnected)` once subscribed, so the caller
    can fetch what changed while it was away. Callbacks run on the channel's thread."""

    def __init__(
        self,
        base_url: str,
        *,
        pubsub_token: str,
        account_id: int,
        user_id: int,
        on_event: Callable[[CableEvent], None],
        on_state: Callable[[LinkState, str], None] = lambda _state, _detail: None,
        on_live: Callable[[bool], None] = lambda _reconnected: None,
        config: CableConfig | None = None,
        connect: Connect | None = None,
    ) -> None:
        self.url = cable_url(base_url)
        parts = urlsplit(base_url)
        self.origin = urlunsplit((parts.scheme, parts.netloc, "", "", ""))
        self.account_id = account_id
        self._identifier = identifier(pubsub_token, account_id, user_id)
        self._on_event = on_event
        self._on_state = on_state
        self._on_live = on_live
        self.config = config or CableConfig()
        self._connect = connect
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._socket: Any = None
        self._lock = threading.Lock()
        self.state = LinkState.DOWN
        self._was_live = False  # in the current session
        self._ever_live = False
        self._retry = threading.Event()

    # -- running -----------------------------------------------------------------------

    def start(self) -> None:
        with self._lock:  # stop() on another thread never sees a thread not yet started
            if self._thread is not None and self._thread.is_alive():
                return
            self._stop.clear()
            thread = threading.Thread(target=self._run, name="live-channel", daemon=True)
            thread.start()
            self._thread = thread

    def stop(self, timeout: float = 5.0) -> None:
        self._stop.set()
        with self._lock:
            socket, thread = self._socket, self._thread
        if socket is not None:
            try:
                socket.close()
            except Exception:  # closing a socket that is already going: nothing to do
                log.debug("closing the live channel", exc_info=True)
        if thread is not None:
            thread.join(timeout)

    def retry_now(self) -> None:
        """Cut the wait before the next try (the network came back, the agent asked)."""
        self._retry.set()

    def _run(self) -> None:
        failures = 0
        while not self._stop.is_set():
            self._set_state(LinkState.CONNECTING, "")
            try:
                self._session()
                failures = 0 if self._was_live else failures + 1
                detail = "the server closed the live channel"
                wait = self.config.backoff.delay(max(1, failures))
            except CableRefusedError as error:
                failures += 1
                detail, wait = str(error), self.config.refused_wait
            except Exception as error:  # any network trouble: polled meanwhile, tried again
                failures += 1
                detail = _describe(error)
                wait = self.config.backoff.delay(failures)
            if self._stop.is_set():
                break
            log.info("live channel down (%s); next try in %.1f s", detail, wait)
            self._set_state(LinkState.DOWN, detail)
            self._retry.clear()
            deadline = time.monotonic() + wait
            while not self._stop.is_set() and not self._retry.is_set():
                left = deadline - time.monotonic()
                if left <= 0:
                    break
                self._stop.wait(min(left, 0.5))
        self._set_state(LinkState.DOWN, "stopped")

    def _open(self) -> Any:
        if self._connect is not None:
            connect = self._connect
        else:
            from websockets.sync.client import connect

        options: dict[str, Any] = {
            "origin": self.origin,  # Rails refuses an upgrade from any other origin
            "subprotocols": [PROTOCOL, "actioncable-unsupported"],
            "open_timeout": self.config.open_timeout,
            "max_size": MAX_FRAME,
            "close_timeout": 2,
        }
        if self.url.startswith("wss:"):
            from agent_desktop.chatwoot.connection import tls_context

            options["ssl"] = tls_context()
        return connect(self.url, **options)

    def _session(self) -> None:
        self._was_live = False
        # Entered as a context manager: websockets 17 warns about (and will drop) a
        # connection used outside `with`; leaving the block closes it.
        with self._open() as socket:
            with self._lock:
                self._socket = socket
            try:
                if socket.subprotocol != PROTOCOL:
                    raise CableRefusedError("the server does not speak ActionCable at /cable")
                self._listen(socket)
            finally:
                with self._lock:
                    self._socket = None

    def _listen(self, socket: Any) -> None:
        config = self.config
        now = time.monotonic()
        last_frame = now
        asked_at: float | None = None
        presence_at = now + config.presence_every
        while not self._stop.is_set():
            now = time.monotonic()
            if now - last_frame > config.stale_after:
                raise TimeoutError(f"no word from the server for {config.stale_after:.0f} s")
            unconfirmed = asked_at is not None and not self._was_live
            if unconfirmed and now - (asked_at or now) > config.confirm_within:
                raise CableRefusedError("the server did not confirm the live channel for this user")
            if self._was_live and now >= presence_at:
                presence_at = now + config.presence_every
                self._perform(socket, "update_presence")
            try:
                raw = socket.recv(timeout=0.5)
            except TimeoutError:
                continue
            last_frame = time.monotonic()
            frame = _parse(raw)
            if frame is None:
                continue
            kind = frame.get("type")
            if kind == "welcome":
                socket.send(json.dumps({"command": "subscribe", "identifier": self._identifier}))
                asked_at = time.monotonic()
            elif kind == "ping":
                continue
            elif kind == "confirm_subscription":
                reconnected = self._ever_live
                self._was_live = self._ever_live = True
                self._set_state(LinkState.LIVE, "")
                self._on_live(reconnected)
            elif kind == "reject_subscription":
                raise CableRefusedError("the server refused the live channel for this user")
            elif kind == "disconnect":
                reason = str(frame.get("reason") or "")
                if frame.get("reconnect") is False:
                    raise CableRefusedError(f"the server ended the live channel ({reason})")
                return
            elif "message" in frame:
                self._deliver(frame)

    def _deliver(self, frame: dict[str, Any]) -> None:
        message = frame.get("message")
        if not isinstance(message, dict):
            return
        name, data = message.get("event"), message.get("data")
        if not isinstance(name, str) or not isinstance(data, dict):
            return
        # as the dashboard does: an event of another account is not this window's
        if data.get("account_id") not in (None, self.account_id):
            return
        try:
            self._on_event(CableEvent(name, data))
        except Exception:  # the listener's fault must not take the channel down
            log.exception("handling live event %s", name)

    def _perform(self, socket: Any, action: str) -> None:
        data = json.dumps({"action": action})
        socket.send(
            json.dumps({"command": "message", "identifier": self._identifier, "data": data})
        )

    def _set_state(self, state: LinkState, detail: str) -> None:
        if state is self.state and state is not LinkState.DOWN:
            return
        self.state = state
        try:
            self._on_state(state, detail)
        except Exception:
            log.exception("handling the live channel's state")


def _parse(raw: str | bytes) -> dict[str, Any] | None:
    try:
        frame = json.loads(raw)
    except (ValueError, UnicodeDecodeError):
        return None
    return frame if isinstance(frame, dict) else None


def _describe(error: BaseException) -> str:
    """A short reason for the status bar and the log (never the identifier: it holds the
    pubsub token)."""
    from websockets.exceptions import InvalidStatus

    if isinstance(error, InvalidStatus):
        return f"the server answered {error.response.status_code} at /cable"
    text = str(error) or type(error).__name__
    return text.splitlines()[0][:200]
