"""One sender per data directory: an exclusive lock on a file beside the database, held
for the sender's life and released by the system when its process ends, however it ends
(a kill included). Claims still fence every message, should two ever run at once."""

from __future__ import annotations

import contextlib
import sys
from pathlib import Path
from typing import IO

LOCK_FILENAME = "sender.lock"


class SenderLock:
    def __init__(self, home: Path) -> None:
        self.path = home / LOCK_FILENAME
        self._file: IO[bytes] | None = None

    @property
    def held(self) -> bool:
        return self._file is not None

    def acquire(self) -> bool:
        """Take the lock if no other sender holds it; never waits."""
        if self._file is not None:
            return True
        handle = self.path.open("a+b")  # held open while the lock is
        try:
            _lock(handle)
        except OSError:
            handle.close()
            return False
        self._file = handle
        return True

    def release(self) -> None:
        if self._file is None:
            return
        with contextlib.suppress(OSError):
            _unlock(self._file)
        self._file.close()
        self._file = None

    def __enter__(self) -> SenderLock:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.release()


def someone_holds(home: Path) -> bool:
    """Whether a sender runs for this data directory now."""
    probe = SenderLock(home)
    if probe.acquire():
        probe.release()
        return False
    return True


if sys.platform == "win32":
    import msvcrt

    def _lock(handle: IO[bytes]) -> None:
        handle.seek(0)
        msvcrt.locking(handle.fileno(), msvcrt.LK_NBLCK, 1)

    def _unlock(handle: IO[bytes]) -> None:
        handle.seek(0)
        msvcrt.locking(handle.fileno(), msvcrt.LK_UNLCK, 1)

else:
    import fcntl

    def _lock(handle: IO[bytes]) -> None:
        fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)

    def _unlock(handle: IO[bytes]) -> None:
        fcntl.flock(handle.fileno(), fcntl.LOCK_UN)
