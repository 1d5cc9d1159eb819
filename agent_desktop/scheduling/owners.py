"""Who holds a claim: a sender's name says which machine and process it is, so that a
claim of a process that died on this machine is known for what it is."""

from __future__ import annotations

import contextlib
import contextvars
import os
import socket
import threading
import uuid
from collections.abc import Iterator

_steps_running: set[str] = set()  # the server steps this process is taking now
_steps_lock = threading.Lock()
_process: tuple[int, str] | None = None
_current_step: contextvars.ContextVar[str | None] = contextvars.ContextVar("step", default=None)


def new_owner() -> str:
    return f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:8]}"


def owner_is_dead(owner: str | None) -> bool:
    """A claim made by a process of this machine that no longer runs."""
    if not owner or os.name != "posix":
        return False
    host, _, rest = owner.partition(":")
    pid_text = rest.partition(":")[0]
    if host != socket.gethostname() or not pid_text.isdigit():
        return False
    pid = int(pid_text)
    if pid == os.getpid():
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    except PermissionError:
        return False
    return False


@contextlib.contextmanager
def step() -> Iterator[str]:
    """A step with the server (a create, a cancel, a change) under a name of its own,
    known to be running for as long as it runs: a look from another thread or process
    leaves it to finish instead of settling it halfway."""
    owner = f"{_this_process()}.{uuid.uuid4().hex[:8]}"
    with _steps_lock:
        _steps_running.add(owner)
    token = _current_step.set(owner)
    try:
        yield owner
    finally:
        _current_step.reset(token)
        with _steps_lock:
            _steps_running.discard(owner)


def _this_process() -> str:
    # the pid, and a token: a later process given the same pid is not taken for this one
    global _process
    if _process is None or _process[0] != os.getpid():
        _process = (os.getpid(), new_owner())
    return _process[1]


def step_ended_here(owner: str | None) -> bool:
    """Whether the step of that name was this process's, and is over: it saw every
    request of it end."""
    if not owner or not owner.startswith(_this_process() + "."):
        return False
    with _steps_lock:
        return owner not in _steps_running


def current_step() -> str | None:
    """The name of the step this code runs in, if any."""
    return _current_step.get()


def step_is_running(owner: str | None) -> bool:
    """Whether the step of that name certainly still runs: in this process, while its
    `step()` lasts; in another process of this machine, while that process lives."""
    if not owner:
        return False
    host, _, rest = owner.partition(":")
    pid_text = rest.partition(":")[0]
    if host != socket.gethostname() or not pid_text.isdigit():
        return False  # another machine: nothing can be known of it
    if int(pid_text) == os.getpid():
        with _steps_lock:
            return owner in _steps_running
    return not owner_is_dead(owner)
