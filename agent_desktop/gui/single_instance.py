"""One instance per user and data directory: a second start asks the first to show its
window, then exits.

On Linux and macOS both sides use a plain Unix socket at a path they both work out, read
on the GUI thread through a QSocketNotifier: QtNetwork's QLocalServer would do the same,
but loading QtNetwork before the first paint costs more than the rest of this module. On
Windows, where a Unix socket is not what a local server is, QLocalServer's named pipe."""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCryptographicHash, QObject, QSocketNotifier, Signal

if TYPE_CHECKING:
    import socket

PROTOCOL = 1  # bumped when the message changes, so old and new versions ignore each other
MESSAGE_LIMIT = 4096  # bytes: a "raise" is a few dozen; anything longer is not ours
UNIX_PATH_LIMIT = 100  # sun_path holds 104 to 108 bytes depending on the system


def server_name(home: Path) -> str:
    # Qt's SHA-256 (hashlib would load OpenSSL at start-up just for this)
    data = str(home.resolve()).encode()
    hashed = QCryptographicHash.hash(data, QCryptographicHash.Algorithm.Sha256)
    return f"agent-desktop-{bytes(hashed.toHex().data()).decode()[:16]}"


def socket_path(home: Path) -> Path:
    """Where the running instance listens: the user's own runtime folder when the desktop
    gives one (nobody else can put a file there), else the temporary folder."""
    name = server_name(home)
    runtime = os.environ.get("XDG_RUNTIME_DIR")
    for folder in (runtime, tempfile.gettempdir(), "/tmp"):
        if folder and Path(folder).is_dir() and len(str(Path(folder, name))) < UNIX_PATH_LIMIT:
            return Path(folder, name)
    return Path("/tmp", name)


def _raise_message() -> bytes:
    return json.dumps({"protocol": PROTOCOL, "action": "raise"}).encode() + b"\n"


def _is_raise(data: bytes) -> bool:
    try:
        message = json.loads(data.decode() or "{}")
    except ValueError:  # UnicodeDecodeError included
        return False
    return (
        isinstance(message, dict)
        and message.get("protocol") == PROTOCOL
        and message.get("action") == "raise"
    )


def ask_running_instance(home: Path, timeout_ms: int = 1000) -> bool:
    """True when another instance answered and was asked to show itself."""
    if os.name == "nt":
        return _ask_by_pipe(home, timeout_ms)
    import socket

    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as client:
        client.settimeout(timeout_ms / 1000)
        try:
            client.connect(str(socket_path(home)))
            client.sendall(_raise_message())
        except OSError:  # no file, nobody listening at it (a crash left it), or too slow
            return False
    return True


def _ask_by_pipe(home: Path, timeout_ms: int) -> bool:
    from PySide6.QtNetwork import QLocalSocket

    pipe = QLocalSocket()
    pipe.connectToServer(server_name(home))
    if not pipe.waitForConnected(timeout_ms):
        return False
    pipe.write(_raise_message())
    pipe.waitForBytesWritten(timeout_ms)
    pipe.disconnectFromServer()
    return True


class InstanceServer(QObject):
    """Listens for a second start's "raise" from construction to `close`."""

    raise_requested = Signal()

    def __init__(self, home: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._listener: socket.socket | None = None
        self._pipe_server: QObject | None = None
        self.readers: set[_Reader] = set()  # connections not yet read to their end
        if os.name == "nt":
            self._listen_by_pipe(server_name(home))
        else:
            self._listen_on_socket(socket_path(home))

    # -- Linux and macOS ---------------------------------------------------------------

    def _listen_on_socket(self, path: Path) -> None:
        import socket

        listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        try:
            try:
                listener.bind(str(path))
            except OSError:
                # a stale socket left by a crashed instance (nobody answered before this)
                path.unlink(missing_ok=True)
                listener.bind(str(path))
            listener.listen(8)
        except OSError:
            # somebody else's file at the path: this instance runs all the same, it just
            # cannot be asked to come forward
            listener.close()
            return
        listener.setblocking(False)
        self._path, self._inode = path, path.stat().st_ino
        self._listener = listener
        notifier = QSocketNotifier(listener.fileno(), QSocketNotifier.Type.Read, self)
        notifier.activated.connect(self._accept)
        self._notifier = notifier

    def _accept(self) -> None:
        while self._listener is not None:
            try:
                connection, _ = self._listener.accept()
            except OSError:  # BlockingIOError: none left waiting
                return
            connection.setblocking(False)
            _Reader(connection, self)

    def heard(self, data: bytes) -> None:
        if _is_raise(data):
            self.raise_requested.emit()

    # -- Windows -----------------------------------------------------------------------

    def _listen_by_pipe(self, name: str) -> None:
        from PySide6.QtNetwork import QLocalServer

        server = QLocalServer(self)
        if not server.listen(name):
            QLocalServer.removeServer(name)  # left by a crashed instance
            server.listen(name)
        server.newConnection.connect(lambda: self._accept_pipe(server))
        self._pipe_server = server

    def _accept_pipe(self, server: object) -> None:
        from PySide6.QtNetwork import QLocalServer, QLocalSocket

        assert isinstance(server, QLocalServer)
        while (connection := server.nextPendingConnection()) is not None:

            def read(c: QLocalSocket = connection) -> None:
                self.heard(bytes(c.readLine().data()))
                c.disconnectFromServer()

            connection.readyRead.connect(read)

    def close(self) -> None:
        if self._pipe_server is not None:
            self._pipe_server.close()  # type: ignore[attr-defined]
            return
        listener, self._listener = self._listener, None
        if listener is None:
            return
        self._notifier.setEnabled(False)
        listener.close()
        for reader in list(self.readers):
            reader.close()
        # only our own socket: the file may since be another instance's (it took the
        # path over after a restart)
        try:
            if self._path.stat().st_ino == self._inode:
                self._path.unlink()
        except OSError:
            pass


class _Reader:
    """One connection's message, read as it comes without blocking the window. A plain
    object: a QObject subclass deleted later would outlive its server badly at exit."""

    def __init__(self, connection: socket.socket, server: InstanceServer) -> None:
        self._connection, self._server = connection, server
        self._data = b""
        self._notifier = QSocketNotifier(connection.fileno(), QSocketNotifier.Type.Read, server)
        self._notifier.activated.connect(self._read)
        server.readers.add(self)

    def _read(self) -> None:
        try:
            chunk = self._connection.recv(MESSAGE_LIMIT)
        except BlockingIOError:
            return
        except OSError:
            chunk = b""
        self._data += chunk
        if chunk and b"\n" not in self._data and len(self._data) < MESSAGE_LIMIT:
            return  # more to come
        self.close()
        self._server.heard(self._data.split(b"\n", 1)[0])

    def close(self) -> None:
        self._notifier.setEnabled(False)
        self._notifier.deleteLater()
        self._connection.close()
        self._server.readers.discard(self)
