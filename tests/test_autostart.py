"""Starting at login: off by default; on writes the system's own kind of entry, which
starts the app hidden in the tray; off removes it."""

from __future__ import annotations

import plistlib
import shutil
import subprocess

import pytest

from agent_desktop.autostart import RUN_VALUE, Autostart

COMMAND = ["/opt/Agent Desktop/agent-desktop", "--hidden"]


def test_linux_writes_a_valid_xdg_autostart_entry(tmp_path):
    config = tmp_path / "config"
    autostart = Autostart("linux", tmp_path, {"XDG_CONFIG_HOME": str(config)}, command=COMMAND)
    assert not autostart.enabled()  # off by default
    autostart.set(True)
    entry = config / "autostart" / "io.github.agent_desktop.AgentDesktop.desktop"
    assert autostart.enabled() and entry.is_file()
    text = entry.read_text(encoding="utf-8")
    assert 'Exec="/opt/Agent Desktop/agent-desktop" --hidden' in text
    if shutil.which("desktop-file-validate"):
        check = subprocess.run(
            ["desktop-file-validate", str(entry)], capture_output=True, text=True
        )
        assert check.returncode == 0, check.stdout + check.stderr
    autostart.set(False)
    assert not autostart.enabled() and not entry.exists()
    autostart.set(False)  # turning off twice is fine


def test_macos_writes_a_launch_agent_that_runs_at_login(tmp_path):
    autostart = Autostart("darwin", tmp_path, {}, command=COMMAND)
    autostart.enable()
    agent = tmp_path / "Library" / "LaunchAgents" / "io.github.agent_desktop.AgentDesktop.plist"
    loaded = plistlib.loads(agent.read_bytes())
    assert loaded["ProgramArguments"] == COMMAND and loaded["RunAtLoad"] is True
    autostart.disable()
    assert not agent.exists()


class RunKey:
    """The per-user Run key as a dictionary (winreg exists on Windows only)."""

    def __init__(self) -> None:
        self.values: dict[str, str] = {}

    def get(self, name: str) -> str | None:
        return self.values.get(name)

    def set(self, name: str, value: str) -> None:
        self.values[name] = value

    def delete(self, name: str) -> None:
        self.values.pop(name, None)


def test_windows_uses_the_run_key_with_the_quoted_command():
    key = RunKey()
    autostart = Autostart("win32", registry=key, command=[r"C:\Program Files\AD\a.exe", "--hidden"])
    assert not autostart.enabled()
    autostart.enable()
    assert key.values[RUN_VALUE] == r'"C:\Program Files\AD\a.exe" --hidden'
    autostart.disable()
    assert RUN_VALUE not in key.values


def test_the_default_command_starts_hidden():
    assert Autostart("linux").command[-1] == "--hidden"


@pytest.mark.parametrize("platform", ["linux", "darwin", "win32"])
def test_supported_where_we_know_how(platform):
    assert Autostart(platform, registry=RunKey()).supported


def test_a_system_without_a_known_way_offers_none():
    assert not Autostart("sunos5", registry=RunKey()).supported
