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

import pytest

from tests.support.self_test import run_self_test

pytestmark = pytest.mark.skipif(
    not (shutil.which("Xvfb") and shutil.which("trayer")), reason="needs Xvfb and trayer"
)


PROBE = (
    "from PySide6.QtWidgets import QApplication, QSystemTrayIcon; app = QApplication([]); "
    "print(QSystemTrayIcon.isSystemTrayAvailable())"
)


TRAYER = ["trayer", "--edge", "top", "--align", "right", "--widthtype", "pixel"]


def _tray_ready(display: str) -> bool:
    env = {**os.environ, "DISPLAY": display, "QT_QPA_PLATFORM": "xcb"}
    probe = subprocess.run(
        [sys.executable, "-c", PROBE], capture_output=True, text=True, timeout=60, env=env
    )
    return probe.stdout.strip() == "True"


@pytest.fixture
def x_display() -> Iterator[str]:
    # -displayfd: Xvfb picks a free display itself and says which once it is ready
    ready, told = os.pipe()
    server = subprocess.Popen(
        ["Xvfb", "-displayfd", str(told), "-screen", "0", "1366x800x24", "-nolisten", "tcp"],
        pass_fds=(told,),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    os.close(told)
    with os.fdopen(ready) as pipe:
        number = pipe.readline().strip()
    assert number, "Xvfb did not start"
    display = f":{number}"
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
