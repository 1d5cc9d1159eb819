"""A desktop without one of the X11 libraries Qt loads gets their package names, not
Qt's abort."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from agent_desktop.commands.main import main
from agent_desktop.core import desktop_libs
from agent_desktop.core.desktop_libs import X11_LIBRARIES, missing_packages, uses_x11

README = Path(__file__).resolve().parents[2] / "README.md"


@pytest.mark.parametrize(
    ("env", "platform", "expected"),
    [
        ({"DISPLAY": ":0"}, "linux", True),
        ({"QT_QPA_PLATFORM": "xcb"}, "linux", True),
        ({"QT_QPA_PLATFORM": "offscreen"}, "linux", False),
        ({"QT_QPA_PLATFORM": "wayland;xcb"}, "linux", False),
        ({"XDG_SESSION_TYPE": "wayland", "WAYLAND_DISPLAY": "wayland-0"}, "linux", False),
        ({"XDG_SESSION_TYPE": "wayland"}, "linux", True),  # no compositor to talk to
        ({"DISPLAY": ":0"}, "darwin", False),
        ({}, "win32", False),
    ],
)
def test_the_x11_plugin_is_expected_only_where_qt_would_pick_it(env, platform, expected):
    assert uses_x11(env, platform) is expected


def test_a_missing_library_is_named_by_its_package(monkeypatch):
    monkeypatch.setattr(
        desktop_libs,
        "X11_LIBRARIES",
        {"libc.so.6": "libc6", "libagent-desktop-absent.so.9": "libagent-desktop-absent9"},
    )
    assert missing_packages({"QT_QPA_PLATFORM": "xcb"}, "linux") == ["libagent-desktop-absent9"]
    assert missing_packages({"QT_QPA_PLATFORM": "offscreen"}, "linux") == []


def test_the_window_is_not_tried_without_them_and_the_commands_are_pointed_to(
    monkeypatch, capsys, tmp_path
):
    monkeypatch.setattr(
        desktop_libs, "X11_LIBRARIES", {"libagent-desktop-absent.so.9": "libxcb-icccm4"}
    )
    monkeypatch.setenv("QT_QPA_PLATFORM", "xcb")
    assert main(["--home", str(tmp_path), "--demo"]) == 1
    told = capsys.readouterr().err
    assert "libxcb-icccm4" in told and "apt-get install libxcb-icccm4" in told
    assert "agent-desktop --help" in told
    assert "Traceback" not in told


def test_the_readme_installs_every_package_the_app_would_name():
    """The command the README gives, run on a bare desktop, leaves nothing to name."""
    (command,) = re.findall(r"`sudo apt-get install ([^`]+)`", README.read_text())
    assert set(command.split()) == set(X11_LIBRARIES.values())
