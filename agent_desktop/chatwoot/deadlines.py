"""Every request has an overall deadline, and can be stopped: httpx's timeouts are per
read, so a server that trickles its answer a byte at a time would hold a request for
ever. Here every read and write of the connection is cut to what is left of the
request's time, in short slices so that a stop (the sender shutting down) or a lost
claim (the fence, looked at during the wait for the answer too) ends it as well. An
upload goes in chunks, each checked first: a process frozen mid-upload does not finish it
once another has taken the message over.
"""

from __future__ import annotations

import contextlib
import contextvars
import ssl
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any

import httpcore

SLICE = 0.5  # seconds: how soon a stop or a lost claim is noticed during a wait
CHUNK = 64 * 1024  # bytes written between two checks
FENCE_EVERY = 1.0  # seconds between two looks at the claim while an answer is awaited


class Stopped(httpcore.TimeoutException):
    """The request was given up: its deadline passed, the sender stopped, or the claim
    it was made under went to someone else."""


@dataclass
class Limits:
    deadline: float  # time.monotonic() by which the request is given up
    stop: threading.Event | None = None
    fence: Callable[[], bool] | None = None  # False once the claim is no longer ours
    fence_checked: float = 0.0

    def check(self, *, fence_now: bool = False) -> float:
        """The seconds left; Stopped when there are none, or the request must end. The
        claim is looked at every FENCE_EVERY, or now when `fence_now`."""
        now = time.monotonic()
        if self.stop is not None and self.stop.is_set():
            raise Stopped("the sender is stopping")
        if now >= self.deadline:
            raise Stopped("the request ran out of time")
        due = fence_now or now - self.fence_checked >= FENCE_EVERY
        if self.fence is not None and due:
            self.fence_checked = now
            if not self.fence():
                raise Stopped("another sender took the message over")
        return self.deadline - now


_current: contextvars.ContextVar[Limits | None] = contextvars.ContextVar(
    "request_limits", default=None
)


@contextlib.contextmanager
def limited(seconds: float, stop: threading.Event | None = None) -> Iterator[Limits]:
    """The requests made inside get `seconds` in all (and end when `stop` is set)."""
    outer = _current.get()
    fence = outer.fence if outer else None
    limits = Limits(time.monotonic() + seconds, stop, fence)
    token = _current.set(limits)
    try:
        yield limits
    finally:
        _current.reset(token)


@contextlib.contextmanager
def fenced(still_ours: Callable[[], bool]) -> Iterator[None]:
    """Requests inside are made under a claim: they end once `still_ours` says no."""
    outer = _current.get()
    limits = Limits(
        outer.deadline if outer else float("inf"), outer.stop if outer else None, still_ours
    )
    token = _current.set(limits)
    try:
        yield
    finally:
        _current.reset(token)


def _slice(limits: Limits | None, timeout: float | None) -> float | None:
    if limits is None:
        return timeout
    left = limits.check()
    wait = min(left, SLICE)
    return wait if timeout is None else min(wait, timeout)


class LimitedStream(httpcore.NetworkStream):
    def __init__(self, inner: httpcore.NetworkStream) -> None:
        self.inner = inner

    def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        limits = _current.get()
        waited = 0.0
        while True:
            wait = _slice(limits, timeout)
            try:
                return self.inner.read(max_bytes, wait)
            except httpcore.ReadTimeout:
                if limits is None:
                    raise
                waited += wait or 0.0
                if timeout is not None and waited >= timeout:
                    raise  # httpx's own read timeout: as it would have been

    def write(self, buffer: bytes, timeout: float | None = None) -> None:
        limits = _current.get()
        if limits is None or not buffer:
            self.inner.write(buffer, timeout)
            return
        for start in range(0, len(buffer), CHUNK):
            # the claim before every chunk (a read of one row): a process frozen just
            # after a look would otherwise write on, thawed, until the next one is due,
            # and a loopback or fast line takes megabytes in that second
            left = limits.check(fence_now=True)
            self.inner.write(buffer[start : start + CHUNK], min(left, timeout or left))

    def close(self) -> None:
        self.inner.close()

    def start_tls(
        self,
        ssl_context: ssl.SSLContext,
        server_hostname: str | None = None,
        timeout: float | None = None,
    ) -> httpcore.NetworkStream:
        wait = _slice(_current.get(), timeout)
        return LimitedStream(self.inner.start_tls(ssl_context, server_hostname, wait))

    def get_extra_info(self, info: str) -> Any:
        return self.inner.get_extra_info(info)


class LimitedBackend(httpcore.NetworkBackend):
    """httpcore's own network code, with every stream it opens limited."""

    def __init__(self, inner: httpcore.NetworkBackend | None = None) -> None:
        self.inner = inner or httpcore.SyncBackend()

    def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Iterable[Any] | None = None,
    ) -> httpcore.NetworkStream:
        limits = _current.get()
        if limits is not None:
            left = limits.check()
            timeout = left if timeout is None else min(timeout, left)
        stream = self.inner.connect_tcp(host, port, timeout, local_address, socket_options)
        return LimitedStream(stream)

    def connect_unix_socket(
        self,
        path: str,
        timeout: float | None = None,
        socket_options: Iterable[Any] | None = None,
    ) -> httpcore.NetworkStream:
        return LimitedStream(self.inner.connect_unix_socket(path, timeout, socket_options))

    def sleep(self, seconds: float) -> None:
        self.inner.sleep(seconds)


def limit(transport: Any) -> Any:
    """An httpx transport whose connections are limited. httpx has no public way to
    give its pool a network backend: the pool's is replaced (a test keeps this true)."""
    pool = getattr(transport, "_pool", None)
    backend = getattr(pool, "_network_backend", None)
    if backend is not None and not isinstance(backend, LimitedBackend):
        pool._network_backend = LimitedBackend(backend)  # type: ignore[union-attr]
    return transport
