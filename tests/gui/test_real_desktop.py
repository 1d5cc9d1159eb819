"""The app on a real X server with a system tray (Xvfb and trayer, an XEmbed tray as on
many Linux desktops), not the offscreen platform: the tray icon is there, and the window
starts, shows its conversations and quits cleanly. Skipped where those tools are absent
(.ci/run installs them)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.support.self_test import run_self_test

pytestmark = pytest.mark.skipif(
    not (shutil.which("Xvfb") and shutil.which("trayer")), reason="needs Xvfb and trayer"
)


SOCKETS = Path("/tmp/.X11-unix")
PROBE = (
    "from PySide6.QtWidgets import QApplication, QSystemTrayIcon; app = QApplication([]); "
    "print(QSystemTrayIcon.isSystemTrayAvailable())"
)


TRAYER = ["trayer", "--edge", "top", "--align", "right", "--widthtype", "pixel"]


def _free_display() -> int:
    number = 90
    while (SOCKETS / f"X{number}").exists() or Path(f"/tmp/.X{number}-lock").exists():
        number += 1
    return number


def _tray_ready(display: str) -> bool:
    env = {**os.environ, "DISPLAY": display, "QT_QPA_PLATFORM": "xcb"}
    probe = subprocess.run(
        [sys.executable, "-c", PROBE], capture_output=True, text=True, timeout=60, env=env
    )
    return probe.stdout.strip() == "True"


@pytest.fixture
def x_display() -> Iterator[str]:
    display = f":{_free_display()}"
    server = subprocess.Popen(
        ["Xvfb", display, "-screen", "0", "1366x800x24", "-nolisten", "tcp"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 10
    while not (SOCKETS / f"X{display[1:]}").exists():
        assert time.monotonic() < deadline, "Xvfb did not start"
        time.sleep(0.05)
    try:
        yield display
    finally:
        server.terminate()
        server.wait(timeout=10)


def self_test(display: str, tmp_path) -> dict[str, object]:
    env = {"DISPLAY": display, "QT_QPA_PLATFORM": "xcb", "HOME": str(tmp_path)}
    return run_self_test("--demo", env=env, quiet=False)  # X servers have their say


def test_with_a_system_tray_the_icon_is_shown(x_display, tmp_path):
    tray = subprocess.Popen(
        [*TRAYER, "--width", "120", "--height", "28", "--SetDockType", "true"],
        env={**os.environ, "DISPLAY": x_display},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 20
        while not _tray_ready(x_display):  # trayer takes the tray selection once it is up
            assert time.monotonic() < deadline, "trayer did not provide a tray"
        summary = self_test(x_display, tmp_path)
    finally:
        tray.terminate()
        tray.wait(timeout=10)
    assert summary["window_shown"] is True and summary["conversations_loaded"]
    assert summary["tray_icon_shown"] is True


def test_without_a_tray_the_window_still_works(x_display, tmp_path):
    summary = self_test(x_display, tmp_path)
    assert summary["window_shown"] is True and summary["conversations_loaded"]
    assert summary["tray_icon_shown"] is False
