"""Every request has an overall deadline: a server that trickles its answer (a byte
every little while, never slow enough for a read timeout) is given up in time, and a
stopping app ends requests under way at once."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager

import httpcore
import httpx
import pytest

from agent_desktop.chatwoot import deadlines
from agent_desktop.chatwoot.client import ChatwootClient
from agent_desktop.chatwoot.deadlines import CHUNK, LimitedBackend, LimitedStream, Stopped
from agent_desktop.chatwoot.errors import MaybeDeliveredError
from tests.support import samples


@contextmanager
def trickling(headers_too: bool) -> Iterator[str]:
    """A server that answers one byte every 0.1 s, for ever."""
    listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    listener.bind(("127.0.0.1", 0))
    listener.listen(8)
    done = threading.Event()

    def serve(conn: socket.socket) -> None:
        with conn:
            conn.settimeout(5)
            try:
                conn.recv(65536)
                answer = b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
                if not headers_too:
                    conn.sendall(answer + b"Content-Length: 100000\r\n\r\n")
                    answer = b"{" + b" " * 99998 + b"}"
                for byte in answer:
                    if done.is_set():
                        return
                    conn.sendall(bytes([byte]))
                    time.sleep(0.1)
            except OSError:
                return

    def accept() -> None:
        listener.settimeout(0.1)
        while not done.is_set():
            try:
                conn, _ = listener.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            threading.Thread(target=serve, args=(conn,), daemon=True).start()

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{listener.getsockname()[1]}"
    finally:
        done.set()
        thread.join(2)
        listener.close()


def quick_client(url: str, **kwargs: object) -> ChatwootClient:
    return ChatwootClient(
        url,
        samples.TOKEN,
        account_id=1,
        timeout=httpx.Timeout(0.5, connect=2),  # each byte comes well within it
        **kwargs,  # type: ignore[arg-type]
    )


@pytest.mark.parametrize("headers_too", [False, True], ids=["body", "headers"])
def test_a_trickling_answer_is_given_up_at_the_deadline(headers_too):
    with trickling(headers_too) as url, quick_client(url, deadline=1.5) as client:
        started = time.monotonic()
        with pytest.raises(MaybeDeliveredError, match="ran out of time"):
            client.create_message(7, "Olá")
        assert 1.4 < time.monotonic() - started < 3.5
        started = time.monotonic()
        with pytest.raises(MaybeDeliveredError):
            client.conversations()  # a read is given up the same way, not repeated for ever
        assert time.monotonic() - started < 5


def test_a_stopping_app_ends_the_request_under_way_at_once():
    stop = threading.Event()
    with trickling(False) as url, quick_client(url, deadline=60, stop=stop) as client:
        threading.Timer(0.5, stop.set).start()
        started = time.monotonic()
        with pytest.raises(MaybeDeliveredError, match="stopping"):
            client.create_message(7, "Olá")
        assert time.monotonic() - started < 2


def test_every_connection_of_the_client_is_limited():
    """httpx has no public hook for this: if an upgrade moves it, this says so."""
    with ChatwootClient("https://chat.example.com", samples.TOKEN) as client:
        transport = client._http._transport
        assert isinstance(transport._pool._network_backend, LimitedBackend)  # type: ignore[attr-defined]


class Wire(httpcore.NetworkStream):
    """Where the bytes written go: kept, to be counted."""

    def __init__(self) -> None:
        self.written = bytearray()

    def write(self, buffer: bytes, timeout: float | None = None) -> None:
        self.written += buffer


def test_an_upload_stops_at_the_first_chunk_after_its_claim_is_lost():
    """A process frozen just after it looked at its claim, and thawed once another sender
    has the message: not one more chunk goes, however soon after that look it wakes."""
    looks = 0

    def still_ours() -> bool:
        nonlocal looks
        looks += 1
        return looks <= 3  # lost while the third chunk was on its way

    wire = Wire()
    with (
        deadlines.fenced(still_ours),
        deadlines.limited(60),
        pytest.raises(Stopped, match="another sender"),
    ):
        LimitedStream(wire).write(b"x" * (32 * CHUNK))
    assert len(wire.written) == 3 * CHUNK
