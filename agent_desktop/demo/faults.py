"""Fault injection for tests, off by default: latency, a share of 5xx, a share of 429
with Retry-After, 'process the request, then drop the connection' (the answer is lost
after the work was done) and 'process it, then trickle the answer' (the headers at once,
the body a byte at a time: a client with only per-read timeouts waits for ever). Each
fault dealt is counted, so a storm can say what it went through."""

from __future__ import annotations

import asyncio
import random
from collections import Counter
from dataclasses import asdict, dataclass, field, fields
from typing import Any

from starlette.types import ASGIApp, Message, Receive, Scope, Send


class DroppedConnection(Exception):
    """Raised after the work is done so the server closes the connection mid-answer."""


@dataclass
class Faults:
    latency: float = 0.0  # seconds added once each API request is in, before it is handled
    error_rate: float = 0.0  # share answered 5xx without being processed
    rate_limit_rate: float = 0.0  # share answered 429 without being processed
    # seconds, sent with each 429; None (as Chatwoot's Rack::Attack): no Retry-After at all
    retry_after: int | None = None
    drop_rate: float = 0.0  # share processed, then the connection dropped
    invalid_rate: float = 0.0  # share refused with 422, as a validation Rails disagrees with
    receive_rate: int = 0  # bytes a second a request's body is read at (0: at once)
    # share processed, then answered with the headers at once and the body a byte at a
    # time: each read gets something, so only an overall deadline ends the wait
    trickle_rate: float = 0.0
    trickle_bytes_per_second: float = 1.0  # how fast a trickled body goes out
    methods: list[str] = field(default_factory=lambda: ["GET", "POST", "PATCH", "PUT", "DELETE"])
    seed: int | None = None

    def __post_init__(self) -> None:
        self._rng = random.Random(self.seed)
        self.injected: Counter[str] = Counter()  # "dropped", "429", "422", "500", ...

    def roll(self, share: float) -> bool:
        return share > 0 and self._rng.random() < share

    def to_json(self) -> dict[str, Any]:
        return {**asdict(self), "injected": dict(self.injected)}

    def update(self, changes: dict[str, Any]) -> None:
        settings = {f.name for f in fields(self)}
        for key, value in changes.items():
            if key == "injected" and not value:  # {"injected": {}} starts the count again
                self.injected.clear()
                continue
            if key not in settings:
                raise ValueError(f"unknown fault setting {key!r}")
            setattr(self, key, value)
        if "seed" in changes:
            self._rng = random.Random(self.seed)

    @property
    def active(self) -> bool:
        return any(
            (
                self.latency,
                self.error_rate,
                self.rate_limit_rate,
                self.drop_rate,
                self.invalid_rate,
                self.receive_rate,
                self.trickle_rate,
            )
        )


class FaultMiddleware:
    def __init__(self, app: ASGIApp, faults: Faults) -> None:
        self.app = app
        self.faults = faults

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        faults = self.faults
        if (
            scope["type"] != "http"
            or not faults.active
            or not scope["path"].startswith("/api/")
            or scope["method"] not in faults.methods
        ):
            await self.app(scope, receive, send)
            return
        if faults.receive_rate:
            receive = _slowly(receive, faults.receive_rate)
        if faults.latency:
            # as behind Puma: the whole request is in before the app works on it, so a
            # client that gives up waiting does not stop the work
            receive = await _body_first(receive)
            await asyncio.sleep(faults.latency)
        if faults.roll(faults.rate_limit_rate):
            wait = (
                []
                if faults.retry_after is None
                else [(b"retry-after", str(faults.retry_after).encode())]
            )
            faults.injected["429"] += 1
            await _answer(send, 429, b"Retry later\n", wait)
            return
        if faults.roll(faults.invalid_rate):
            faults.injected["422"] += 1
            await _answer(send, 422, b'{"error":"Validation failed: refused by the server"}', [])
            return
        if faults.roll(faults.error_rate):
            status = faults._rng.choice([500, 502, 503])
            faults.injected[str(status)] += 1
            await _answer(send, status, b'{"error":"Internal Server Error"}', [])
            return
        if faults.roll(faults.trickle_rate):
            faults.injected["trickled"] += 1
            await _trickled(self.app, scope, receive, send, faults.trickle_bytes_per_second)
            return
        if not faults.roll(faults.drop_rate):
            await self.app(scope, receive, send)
            return
        start: list[Message] = []

        async def swallow(message: Message) -> None:
            if message["type"] == "http.response.start":
                start.append(message)  # held until it is known whether a body follows
            elif start:
                begun = start.pop()
                if not (message.get("body") or message.get("more_body")):
                    # an answer without a body (a fork's 204) is whole with its headers
                    # alone: what goes is the start of an answer cut before its end
                    # (a server error page would be an answer, not a lost one)
                    headers = [(k, v) for k, v in begun["headers"] if k != b"content-length"]
                    begun = {
                        **begun,
                        "status": 200,
                        "headers": [*headers, (b"content-length", b"1")],
                    }
                await send(begun)  # the headers go; the body never does

        await self.app(scope, receive, swallow)
        faults.injected["dropped"] += 1
        raise DroppedConnection("fault injection: connection dropped after processing")


async def _body_first(receive: Receive) -> Receive:
    """The request's body read whole now, and handed to the app as it came."""
    messages: list[Message] = []
    while True:
        message = await receive()
        messages.append(message)
        if message["type"] != "http.request" or not message.get("more_body", False):
            break

    async def replay() -> Message:
        return messages.pop(0) if messages else await receive()

    return replay


async def _trickled(app: ASGIApp, scope: Scope, receive: Receive, send: Send, rate: float) -> None:
    """The app's answer with its headers sent at once and its body `rate` bytes a second,
    one byte a send; given up when the client goes (else a task would drip for hours)."""
    body: list[bytes] = []

    async def hold_body(message: Message) -> None:
        if message["type"] == "http.response.body":
            body.append(message.get("body", b""))
        else:
            await send(message)  # the headers go now

    await app(scope, receive, hold_body)  # the work is done in full first
    whole = b"".join(body)
    # the request was read whole by the app: the next message is the client leaving
    gone = asyncio.ensure_future(_disconnect(receive))
    try:
        for at in range(len(whole)):
            await send(
                {"type": "http.response.body", "body": whole[at : at + 1], "more_body": True}
            )
            # a pause between two bytes, cut short by a client that gave up
            await asyncio.wait({gone}, timeout=1 / max(rate, 1e-6))
            if gone.done():
                return
        await send({"type": "http.response.body", "body": b"", "more_body": False})
    finally:
        gone.cancel()


async def _disconnect(receive: Receive) -> None:
    while (await receive())["type"] != "http.disconnect":
        pass


def _slowly(receive: Receive, rate: int) -> Receive:
    """The request's body read at `rate` bytes a second, as over a slow line."""

    async def slow() -> Message:
        message = await receive()
        if message["type"] == "http.request":
            await asyncio.sleep(len(message.get("body", b"")) / rate)
        return message

    return slow


async def _answer(send: Send, status: int, body: bytes, headers: list[tuple[bytes, bytes]]) -> None:
    await send(
        {
            "type": "http.response.start",
            "status": status,
            "headers": [
                (b"content-type", b"application/json" if body.startswith(b"{") else b"text/plain"),
                (b"content-length", str(len(body)).encode()),
                *headers,
            ],
        }
    )
    await send({"type": "http.response.body", "body": body})
