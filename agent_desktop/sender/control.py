"""The sender's control socket: a loopback TCP port, with a key that only this user can
read (both in `sender.json` beside the database, readable by the user alone). One JSON
line asked, one answered: "status" (what is going on), "wake" (the outbox changed),
"adopt" (a window's process the sender stays for), "token" (one kept for the window's
session only), "stop". Loopback TCP rather than a Unix socket or a named pipe: the
same on every desktop, and no path-length limit on deep data directories."""

from __future__ import annotations

import contextlib
import hmac
import json
import os
import secrets
import socket
import socketserver
import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from agent_desktop.store.private_files import read_json, write_private_json

ADDRESS_FILENAME = "sender.json"
MAX_LINE = 64 * 1024

Handler = Callable[[dict[str, Any]], dict[str, Any]]


class SenderUnavailableError(Exception):
    """No sender answers for this data directory (none runs, or it does not answer)."""


@dataclass(frozen=True)
class Address:
    pid: int
    port: int
    key: str
    owner: str

    @classmethod
    def read(cls, home: Path) -> Address | None:
        data = read_json(home / ADDRESS_FILENAME)
        try:
            return cls(int(data["pid"]), int(data["port"]), str(data["key"]), str(data["owner"]))
        except (TypeError, KeyError, ValueError):
            return None


class ControlServer:
    """Answers on a thread of its own until closed."""

    def __init__(self, home: Path, owner: str, handle: Handler) -> None:
        self.home = home
        self.key = secrets.token_urlsafe(24)
        key = self.key

        class Answer(socketserver.StreamRequestHandler):
            def handle(self) -> None:
                try:
                    asked = json.loads(self.rfile.readline(MAX_LINE))
                    if not isinstance(asked, dict) or not hmac.compare_digest(
                        str(asked.pop("key", "")), key
                    ):
                        answer: dict[str, Any] = {"ok": False, "error": "not allowed"}
                    else:
                        answer = {"ok": True, **handle(asked)}
                except Exception as error:  # one bad request must not stop the sender
                    answer = {"ok": False, "error": str(error) or type(error).__name__}
                with contextlib.suppress(OSError):
                    self.wfile.write(json.dumps(answer).encode() + b"\n")

        class Server(socketserver.ThreadingTCPServer):
            daemon_threads = True
            allow_reuse_address = False

        self._server = Server(("127.0.0.1", 0), Answer)
        self.port = int(self._server.server_address[1])
        self._thread = threading.Thread(
            target=self._server.serve_forever, name="sender-control", daemon=True
        )
        self._thread.start()
        write_private_json(
            home / ADDRESS_FILENAME,
            {"pid": os.getpid(), "port": self.port, "key": self.key, "owner": owner},
        )

    def close(self) -> None:
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(5)
        address = Address.read(self.home)
        if address is not None and address.key == self.key:  # not a successor's
            with contextlib.suppress(OSError):
                (self.home / ADDRESS_FILENAME).unlink()


def ask(home: Path, op: str, *, timeout: float = 2.0, **fields: Any) -> dict[str, Any]:
    """Ask the data directory's sender; SenderUnavailableError when none answers."""
    address = Address.read(home)
    if address is None:
        raise SenderUnavailableError("no sender has written its address")
    request = json.dumps({"key": address.key, "op": op, **fields}).encode() + b"\n"
    try:
        with socket.create_connection(("127.0.0.1", address.port), timeout=timeout) as link:
            link.sendall(request)
            with link.makefile("rb") as reader:
                line = reader.readline(MAX_LINE)
    except OSError as error:
        raise SenderUnavailableError(f"the sender did not answer: {error}") from error
    try:
        answer = json.loads(line)
    except ValueError as error:
        raise SenderUnavailableError("the sender's answer was cut short") from error
    if not isinstance(answer, dict) or not answer.get("ok"):
        error_text = answer.get("error") if isinstance(answer, dict) else "?"
        raise SenderUnavailableError(f"the sender refused: {error_text}")
    answer.pop("ok", None)
    return answer
