"""The Unix socket one instance listens on (Linux, macOS), with no Qt in it: where it is,
knocking at it, and taking it.

The place comes from the user id alone, not from the environment: a start from a terminal
after `su`, from cron or from the desktop must find the same one. It is the user's runtime
folder (/run/user/UID) where there is one, else a folder of the user's own under /tmp,
and either is used only if it belongs to the user and nobody else may write in it: a
socket another user put there could otherwise answer every start ("already running") or
keep the path taken."""

from __future__ import annotations

import contextlib
import enum
import os
import socket
import stat
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

BACKLOG = 16
BUSY_RETRY_S = 0.05  # a full backlog: the running instance is busy, not gone


class Knock(enum.Enum):
    ANSWERED = "answered"  # somebody listens there and took the message
    BUSY = "busy"  # somebody listens there but did not take it in time
    NOBODY = "nobody"  # no socket, or nobody listening at it (left by a crash)


def _ours(folder: Path) -> bool:
    try:
        found = folder.lstat()  # a symbolic link is not our folder, whatever it points to
    except OSError:
        return False
    return (
        stat.S_ISDIR(found.st_mode)
        and found.st_uid == os.getuid()
        and not found.st_mode & (stat.S_IRWXG | stat.S_IRWXO)
    )


def private_folder() -> Path | None:
    """The user's runtime folder, else their own folder under /tmp (made now if need be);
    None when neither is the user's alone."""
    uid = os.getuid()
    runtime = Path("/run/user", str(uid))
    if _ours(runtime):
        return runtime
    folder = Path("/tmp", f"agent-desktop-{uid}")
    with contextlib.suppress(FileExistsError, OSError):
        folder.mkdir(mode=0o700)
    return folder if _ours(folder) else None


def places(name: str) -> list[Path]:
    """Where a running instance may listen: ours, then where versions before this one
    listened (the temporary folder), so that a start during an upgrade finds them."""
    found = []
    folder = private_folder()
    if folder is not None:
        found.append(folder / name)
    earlier = Path(tempfile.gettempdir(), name)
    with contextlib.suppress(OSError):
        if earlier.is_socket() and earlier.stat().st_uid == os.getuid():
            found.append(earlier)
    return found


def knock(path: Path, message: bytes, timeout: float) -> Knock:
    deadline = time.monotonic() + timeout
    while True:
        with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as client:
            client.settimeout(max(deadline - time.monotonic(), 0.01))
            try:
                client.connect(str(path))
                client.sendall(message)
                return Knock.ANSWERED
            except (FileNotFoundError, ConnectionRefusedError, NotADirectoryError):
                return Knock.NOBODY
            except BlockingIOError:  # its backlog is full: it is there, and busy
                if time.monotonic() + BUSY_RETRY_S >= deadline:
                    return Knock.BUSY
            except TimeoutError:
                return Knock.BUSY
            except OSError:  # not a socket, or not ours to reach: nobody we can ask
                return Knock.NOBODY
        time.sleep(BUSY_RETRY_S)


@contextlib.contextmanager
def _alone(path: Path) -> Iterator[None]:
    """Two starts at once take turns at the path: each looks before it takes it over."""
    import fcntl

    with open(f"{path}.lock", "a") as lock:  # noqa: PTH123 (a file to lock, not to read)
        fcntl.flock(lock, fcntl.LOCK_EX)
        yield


def claim(path: Path) -> socket.socket | None:
    """A listening socket at `path`, taken over from a crashed instance if need be; None
    when a live instance listens there, or the path cannot be had."""
    listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    try:
        with _alone(path):
            try:
                listener.bind(str(path))
            except OSError:
                if knock(path, b"", 0.5) is not Knock.NOBODY:
                    listener.close()  # a live instance: it stays the one
                    return None
                path.unlink(missing_ok=True)  # a crashed instance's socket
                listener.bind(str(path))
            listener.listen(BACKLOG)
    except OSError:
        listener.close()
        return None
    listener.setblocking(False)
    return listener


def identity(path: Path) -> tuple[int, int] | None:
    try:
        found = path.lstat()
    except OSError:
        return None
    return found.st_dev, found.st_ino
