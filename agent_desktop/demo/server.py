"""Running the demo server: in a background thread on a free loopback port (for `--demo`
and tests) or in the foreground (`agent-desktop demo-server`)."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import random
import signal
import socket
import threading
import time
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path
from typing import Any, TypeVar

import uvicorn
from sqlalchemy import select
from starlette.applications import Starlette

from agent_desktop.core.clock import Clock, SystemClock
from agent_desktop.demo import scheduling, simulation
from agent_desktop.demo.app import build_app
from agent_desktop.demo.cable import CableHub
from agent_desktop.demo.faults import DroppedConnection, Faults
from agent_desktop.demo.models import Account, Scheduling, User
from agent_desktop.demo.profiles import UPSTREAM, ServerProfile
from agent_desktop.demo.seed_data import DEFAULT_TOKEN, DemoAccounts, seed
from agent_desktop.demo.state import DemoState

log = logging.getLogger(__name__)
T = TypeVar("T")
TICK = 0.25  # seconds between checks for deliveries and due messages


@dataclass
class DemoConfig:
    host: str = "127.0.0.1"
    port: int = 0  # 0: any free port
    token: str = DEFAULT_TOKEN
    dispatch_interval: float = 60.0  # like the fork's cron; the seed plan's job ran every 5 min
    delivery_delay: float = 2.0
    customer_interval: float = 45.0  # 0: customers never write on their own
    data: Path | None = None  # None: in memory, gone when the server stops
    conversations: int = 36
    clock: Clock = field(default_factory=SystemClock)
    faults: Faults = field(default_factory=Faults)
    profile: ServerProfile = UPSTREAM  # which real server it behaves like
    cable: bool = True  # False: no live channel at /cable, as behind a proxy that blocks it


class _QuietDrops(logging.Filter):
    """A dropped connection is the fault working, not an error worth a traceback."""

    def filter(self, record: logging.LogRecord) -> bool:
        return not (record.exc_info and isinstance(record.exc_info[1], DroppedConnection))


def _bind(host: str, port: int) -> socket.socket:
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    # IPPROTO_TCP, not 0: asyncio turns Nagle off only for sockets that say they are TCP,
    # and with Nagle on every answer waits ~40 ms for a delayed ACK
    sock = socket.socket(family, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind((host, port))
    sock.listen(128)
    sock.setblocking(False)
    return sock


class DemoServer:
    def __init__(self, config: DemoConfig | None = None) -> None:
        self.config = config or DemoConfig()
        self.faults = self.config.faults
        self._socket = _bind(self.config.host, self.config.port)
        port = self._socket.getsockname()[1]
        host = f"[{self.config.host}]" if ":" in self.config.host else self.config.host
        self.url = f"http://{host}:{port}"
        self.state = DemoState(
            self.config.data, self.config.clock, base_url=self.url, profile=self.config.profile
        )
        self.accounts = self._seed_or_load()
        self._loop: asyncio.AbstractEventLoop | None = None
        self.cable = CableHub(self.state) if self.config.cable else None
        app = build_app(
            self.state,
            self.faults,
            on_dispatch=lambda: None,
            lifespan=self._lifespan,
            cable=self.cable,
        )
        uv_config = uvicorn.Config(
            app,
            ws="websockets-sansio",
            log_level="warning",
            access_log=False,
            lifespan="on",
            timeout_graceful_shutdown=2,
            date_header=False,  # the app's middleware dates answers by the demo's clock
        )
        self._server = uvicorn.Server(uv_config)
        self._thread: threading.Thread | None = None
        logging.getLogger("uvicorn.error").addFilter(_QuietDrops())

    @property
    def token(self) -> str:
        return self.config.token

    def _seed_or_load(self) -> DemoAccounts:
        with self.state.session() as s:
            seeded = s.scalar(select(User.id).limit(1)) is not None
            if seeded:
                user = s.scalar(select(User).order_by(User.id).limit(1))
                assert user is not None
                user.access_token = self.config.token
                by_design = {Scheduling(a.scheduling): a.id for a in s.scalars(select(Account))}
                return DemoAccounts(
                    by_design[Scheduling.NONE],
                    by_design[Scheduling.FORK],
                    by_design[Scheduling.SEED],
                )
        return seed(
            self.state, token=self.config.token, conversations_per_account=self.config.conversations
        )

    @contextlib.asynccontextmanager
    async def _lifespan(self, app: Starlette) -> AsyncIterator[None]:
        self._loop = asyncio.get_running_loop()
        task = asyncio.create_task(self._background())
        try:
            yield
        finally:
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await task

    async def _background(self) -> None:
        config = self.config
        loop = asyncio.get_running_loop()
        rng = random.Random(11)
        next_dispatch = loop.time() + config.dispatch_interval
        next_customer = loop.time() + config.customer_interval
        delay = timedelta(seconds=config.delivery_delay)
        while True:
            await asyncio.sleep(TICK)
            now = loop.time()
            steps: list[Callable[[], Any]] = [
                lambda: simulation.progress_deliveries(self.state, delay)
            ]
            if now >= next_dispatch:
                next_dispatch = now + config.dispatch_interval
                steps.append(lambda: scheduling.dispatch_due(self.state))
            if config.customer_interval > 0 and now >= next_customer:
                next_customer = now + config.customer_interval * rng.uniform(0.5, 1.5)
                steps.append(lambda: simulation.random_customer_reply(self.state, rng))
            for step in steps:
                try:
                    step()
                except Exception:  # one bad step must not stop the demo's clockwork
                    log.exception("demo background step failed")

    # -- running ---------------------------------------------------------------------

    def start(self, timeout: float = 15.0) -> DemoServer:
        """Serve from a background thread; returns once requests are answered."""
        self._thread = threading.Thread(
            target=self._server.run,
            kwargs={"sockets": [self._socket]},
            name="demo-server",
            daemon=True,
        )
        self._thread.start()
        deadline = time.monotonic() + timeout
        while not self._server.started:
            if not self._thread.is_alive() or time.monotonic() > deadline:
                raise RuntimeError("the demo server did not start")
            time.sleep(0.01)
        return self

    def serve_forever(self, ready: Callable[[], None] = lambda: None) -> None:
        """Serve in the foreground until interrupted (Ctrl+C or SIGTERM); `ready` says so
        (the banner) once a SIGTERM would stop it cleanly."""

        def stop_soon(_signum: int, _frame: object) -> None:
            # before uvicorn has its own handlers (a stop right after the banner) and
            # after it hands the signal back: either way, a clean stop, never ignored
            self._server.should_exit = True

        previous = signal.signal(signal.SIGTERM, stop_soon)
        try:
            ready()
            self._server.run(sockets=[self._socket])
        finally:
            signal.signal(signal.SIGTERM, previous)

    def stop(self) -> None:
        self._server.should_exit = True
        if self._thread is not None:
            self._thread.join(timeout=10)
        self._socket.close()
        if self.cable is not None:
            self.cable.close()
        self.state.close()

    def __enter__(self) -> DemoServer:
        return self.start()

    def __exit__(self, *_exc: object) -> None:
        self.stop()

    def call(self, function: Callable[..., T], *args: Any) -> T:
        """Run `function(*args)` on the server's thread, where its state lives."""
        if self._loop is None:
            return function(*args)

        async def run() -> T:
            return function(*args)

        return asyncio.run_coroutine_threadsafe(run(), self._loop).result(timeout=30)

    def dispatch_now(self) -> dict[str, int]:
        return self.call(scheduling.dispatch_due, self.state)
