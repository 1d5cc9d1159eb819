"""One instance per user and data directory: a second start asks the first to show its
window, then exits.

On Linux and macOS both sides use a plain Unix socket (gui/instance_socket.py), read on
the GUI thread through socket notifiers: QtNetwork's QLocalServer would do the same, but
loading QtNetwork before the first paint costs more than the rest of this module. On
Windows, where a Unix socket is not what a local server is, QLocalServer's named pipe."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCryptographicHash, QObject, QSocketNotifier, QTimer, Signal

if TYPE_CHECKING:
    import socket

PROTOCOL = 1  # bumped when the message changes, so old and new versions ignore each other
MESSAGE_LIMIT = 4096  # bytes: a "raise" is a few dozen; anything longer is not ours
READ_WITHIN_MS = 2000  # a connection that says nothing by then is closed
READERS_AT_MOST = 16  # connections read at once; more are closed unread
PLACE_CHECK_MS = 60_000  # how often the socket's file is looked at (cleaners remove /tmp's)
ACCEPT_PAUSE_MS = 1000  # after accept() fails (no file descriptors left): not a busy loop


def server_name(home: Path) -> str:
    # Qt's SHA-256 (hashlib would load OpenSSL at start-up just for this)
    data = str(home.resolve()).encode()
    hashed = QCryptographicHash.hash(data, QCryptographicHash.Algorithm.Sha256)
    return f"agent-desktop-{bytes(hashed.toHex().data()).decode()[:16]}"


def socket_path(home: Path) -> Path | None:
    """Where this data directory's instance listens; None where there is no folder of the
    user's alone to put it in (then every start runs on its own)."""
    from agent_desktop.gui.instance_socket import private_folder

    folder = private_folder()
    return folder / server_name(home) if folder is not None else None


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
    """True when another instance is running: it was asked to show itself (or it is too
    busy to be asked, and is running all the same)."""
    if os.name == "nt":
        return _ask_by_pipe(home, timeout_ms)
    from agent_desktop.gui.instance_socket import Knock, knock, places

    message = _raise_message()
    return any(
        knock(path, message, timeout_ms / 1000) is not Knock.NOBODY
        for path in places(server_name(home))
    )


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
    """Listens for a second start's "raise" from construction to `close`. `claimed` says
    whether it does: not when another instance listens there already (one started at
    the same moment, or a self-test beside a running app, which must not take its place)."""

    raise_requested = Signal()

    def __init__(self, home: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._listener: socket.socket | None = None
        self._notifier: QSocketNotifier | None = None
        self._pipe_server: QObject | None = None
        self._path: Path | None = None
        self._identity: tuple[int, int] | None = None
        self.readers: set[_Reader] = set()  # connections not yet read to their end
        if os.name == "nt":
            self._listen_by_pipe(server_name(home))
        else:
            self._path = socket_path(home)
            self._listen_on_socket()
            self._place_check = QTimer(self)
            self._place_check.setInterval(PLACE_CHECK_MS)
            self._place_check.timeout.connect(self.keep_place)
            if self.claimed:
                self._place_check.start()

    @property
    def claimed(self) -> bool:
        return self._listener is not None or self._pipe_server is not None

    # -- Linux and macOS ---------------------------------------------------------------

    def _listen_on_socket(self) -> None:
        from agent_desktop.gui.instance_socket import claim, identity

        if self._path is None:
            return
        listener = claim(self._path)
        if listener is None:
            return
        self._listener, self._identity = listener, identity(self._path)
        self._notifier = QSocketNotifier(listener.fileno(), QSocketNotifier.Type.Read, self)
        self._notifier.activated.connect(self._accept)

    def keep_place(self) -> None:
        """The socket's file removed under us (a cleaner of /tmp, say): take the path
        again, so that the next start finds this instance, not nobody."""
        from agent_desktop.gui.instance_socket import identity

        if self._path is None or self._listener is None:
            return
        if identity(self._path) != self._identity:
            self._stop_listening()
            self._listen_on_socket()  # unless another instance holds the path now

    def _accept(self) -> None:
        while self._listener is not None:
            try:
                connection, _ = self._listener.accept()
            except BlockingIOError:  # none left waiting
                return
            except OSError:
                # no file descriptors left, say: the waiting connection keeps the socket
                # readable, and the notifier would call again at once, for ever
                self._pause_accepting()
                return
            if len(self.readers) >= READERS_AT_MOST:
                connection.close()
                continue
            connection.setblocking(False)
            _Reader(connection, self)

    def _pause_accepting(self) -> None:
        notifier = self._notifier
        if notifier is None:
            return
        notifier.setEnabled(False)

        def again() -> None:
            if self._notifier is notifier:
                notifier.setEnabled(True)

        QTimer.singleShot(ACCEPT_PAUSE_MS, self, again)

    def heard(self, data: bytes) -> None:
        if _is_raise(data):
            self.raise_requested.emit()

    def _stop_listening(self) -> None:
        listener, self._listener = self._listener, None
        if listener is None:
            return
        if self._notifier is not None:
            self._notifier.setEnabled(False)
            self._notifier.deleteLater()
            self._notifier = None
        listener.close()

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
                if not c.canReadLine():
                    return  # the rest of the line is still on its way
                self.heard(bytes(c.readLine().data()))
                c.disconnectFromServer()
                c.deleteLater()

            connection.readyRead.connect(read)

    def close(self) -> None:
        if self._pipe_server is not None:
            self._pipe_server.close()  # type: ignore[attr-defined]
            return
        if self._listener is None:
            return
        self._place_check.stop()
        self._stop_listening()
        for reader in list(self.readers):
            reader.close()
        # only our own socket: the file may since be another instance's (it took the
        # path over after a restart)
        from agent_desktop.gui.instance_socket import identity

        if self._path is not None and identity(self._path) == self._identity:
            self._path.unlink(missing_ok=True)


class _Reader:
    """One connection's message, read as it comes without blocking the window. A plain
    object: a QObject subclass deleted later would outlive its server badly at exit."""

    def __init__(self, connection: socket.socket, server: InstanceServer) -> None:
        self._connection, self._server = connection, server
        self._data = b""
        self._notifier = QSocketNotifier(connection.fileno(), QSocketNotifier.Type.Read, server)
        self._notifier.activated.connect(self._read)
        self._deadline = QTimer(server)
        self._deadline.setSingleShot(True)
        self._deadline.timeout.connect(self.close)  # one that says nothing is let go
        self._deadline.start(READ_WITHIN_MS)
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
        if self not in self._server.readers:
            return
        self._server.readers.discard(self)
        self._deadline.stop()
        self._deadline.deleteLater()
        self._notifier.setEnabled(False)
        self._notifier.deleteLater()
        self._connection.close()
