"""The Date header on every answer, from the demo's own clock (as a real server's comes
from its own): the app measures how far its clock is from the server's with it."""

from __future__ import annotations

from email.utils import format_datetime

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from agent_desktop.core.clock import Clock


class ClockDateMiddleware:
    def __init__(self, app: ASGIApp, clock: Clock) -> None:
        self.app = app
        self.clock = clock

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def dated(message: Message) -> None:
            if message["type"] == "http.response.start":
                stamp = format_datetime(self.clock.now(), usegmt=True).encode()
                headers = [(k, v) for k, v in message.get("headers", []) if k.lower() != b"date"]
                message = {**message, "headers": [*headers, (b"date", stamp)]}
            await send(message)

        await self.app(scope, receive, dated)
