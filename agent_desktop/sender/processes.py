"""Other processes of this user, by pid: alive or not, and stopped when frozen. (On
Windows os.kill would end a process just to ask about it: the system is asked instead.)"""

from __future__ import annotations

import contextlib
import os
import signal


def alive(pid: int) -> bool:
    if pid <= 0:
        return False
    if os.name == "nt":
        return _alive_windows(pid)
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # someone else's: alive, and not ours to judge
    return True


def end(pid: int) -> None:
    """Stop a process that no longer answers (a frozen sender), at once."""
    if os.name == "nt":
        os.kill(pid, signal.SIGTERM)  # TerminateProcess
        return
    with contextlib.suppress(ProcessLookupError):
        os.kill(pid, signal.SIGKILL)


def _alive_windows(pid: int) -> bool:  # pragma: no cover - Windows only
    import ctypes

    kernel32 = ctypes.windll.kernel32  # type: ignore[attr-defined]
    limited_information = 0x1000
    still_active = 259
    handle = kernel32.OpenProcess(limited_information, False, pid)
    if not handle:
        return False
    try:
        code = ctypes.c_ulong()
        if not kernel32.GetExitCodeProcess(handle, ctypes.byref(code)):
            return False
        return code.value == still_active
    finally:
        kernel32.CloseHandle(handle)
