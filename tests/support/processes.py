"""Helpers for tests that run the app's commands as real processes."""

from __future__ import annotations

import signal
import subprocess
import time
from collections.abc import Callable


def finish(*processes: subprocess.Popen[str] | None) -> None:
    """End each process still running (a stopped one is continued first) and reap it."""
    for process in processes:
        if process is None:
            continue
        if process.poll() is None:
            process.send_signal(signal.SIGCONT)
            process.terminate()
        process.communicate(timeout=30)


def wait_for(condition: Callable[[], object], seconds: float = 20.0) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, "it did not happen in time"
        time.sleep(0.05)
