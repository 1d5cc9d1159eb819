"""One instance per user and data directory: a second start asks the first to show its
window, then exits."""

from __future__ import annotations

import json
from pathlib import Path

from PySide6.QtCore import QCryptographicHash, QObject, Signal
from PySide6.QtNetwork import QLocalServer, QLocalSocket

PROTOCOL = 1  # bumped when the message changes, so old and new versions ignore each other


def server_name(home: Path) -> str:
    # Qt's SHA-256 (hashlib would load OpenSSL at start-up just for this)
    data = str(home.resolve()).encode()
    hashed = QCryptographicHash.hash(data, QCryptographicHash.Algorithm.Sha256)
    return f"agent-desktop-{bytes(hashed.toHex().data()).decode()[:16]}"


def ask_running_instance(home: Path, timeout_ms: int = 1000) -> bool:
    """True when another instance answered and was asked to show itself."""
    socket = QLocalSocket()
    socket.connectToServer(server_name(home))
    if not socket.waitForConnected(timeout_ms):
        return False
    socket.write(json.dumps({"protocol": PROTOCOL, "action": "raise"}).encode() + b"\n")
    socket.waitForBytesWritten(timeout_ms)
    socket.disconnectFromServer()
    return True


class InstanceServer(QObject):
    raise_requested = Signal()

    def __init__(self, home: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._server = QLocalServer(self)
        name = server_name(home)
        if not self._server.listen(name):
            # a stale socket left by a crashed instance (nobody answered above)
            QLocalServer.removeServer(name)
            self._server.listen(name)
        self._server.newConnection.connect(self._accept)

    def _accept(self) -> None:
        while (connection := self._server.nextPendingConnection()) is not None:
            connection.readyRead.connect(lambda c=connection: self._read(c))

    def _read(self, connection: QLocalSocket) -> None:
        try:
            message = json.loads(bytes(connection.readLine().data()).decode() or "{}")
        except ValueError:
            message = {}
        if message.get("protocol") == PROTOCOL and message.get("action") == "raise":
            self.raise_requested.emit()
        connection.disconnectFromServer()

    def close(self) -> None:
        self._server.close()
