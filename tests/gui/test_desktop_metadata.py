"""The desktop entry, the AppStream metainfo and the icons a Linux desktop looks for."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from PySide6.QtGui import QImage

ROOT = Path(__file__).resolve().parents[2]
RESOURCES = ROOT / "resources"
APP_ID = "io.github.agent_desktop.AgentDesktop"
DESKTOP = RESOURCES / f"{APP_ID}.desktop"
METAINFO = RESOURCES / f"{APP_ID}.metainfo.xml"


@pytest.mark.skipif(
    not shutil.which("desktop-file-validate"),
    reason="desktop-file-utils is needed (.ci/run installs it)",
)
def test_the_desktop_entry_is_valid():
    done = subprocess.run(
        ["desktop-file-validate", str(DESKTOP)], capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0 and not done.stdout.strip(), done.stdout + done.stderr


@pytest.mark.skipif(
    not shutil.which("appstreamcli"), reason="appstream is needed (.ci/run installs it)"
)
def test_the_metainfo_is_valid():
    done = subprocess.run(
        ["appstreamcli", "validate", "--no-net", str(METAINFO)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stdout + done.stderr


def test_the_entry_points_at_the_command_and_the_icon():
    entry = dict(line.split("=", 1) for line in DESKTOP.read_text().splitlines() if "=" in line)
    assert entry["Exec"] == "agent-desktop" and entry["Icon"] == APP_ID
    assert f'<launchable type="desktop-id">{APP_ID}.desktop</launchable>' in METAINFO.read_text()


@pytest.mark.parametrize("size", [16, 24, 32, 48, 64, 128, 256, 512])
def test_every_usual_icon_size_is_there(size):
    image = QImage(
        str(RESOURCES / "icons" / "hicolor" / f"{size}x{size}" / "apps" / f"{APP_ID}.png")
    )
    assert (image.width(), image.height()) == (size, size)


def test_the_scalable_icon_is_the_apps_own():
    packaged = ROOT / "agent_desktop" / "gui" / "icons" / "agent-desktop.svg"
    scalable = RESOURCES / "icons" / "hicolor" / "scalable" / "apps" / f"{APP_ID}.svg"
    assert scalable.read_bytes() == packaged.read_bytes()
