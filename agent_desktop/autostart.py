"""Starting hidden in the tray at login: an XDG autostart entry on Linux, the Run key on
Windows, a launch agent (login item) on macOS. Off until the agent turns it on; the
entry itself is the setting, so removing it by hand turns the option off."""

from __future__ import annotations

import os
import plistlib
import shlex
import shutil
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any, Protocol

APP_ID = "io.github.agent_desktop.AgentDesktop"
RUN_VALUE = "Agent Desktop"  # the Inno Setup uninstaller removes this value
RUN_KEY = r"Software\Microsoft\Windows\CurrentVersion\Run"
HIDDEN = "--hidden"


def launch_command() -> list[str]:
    """How to start this installation: the frozen app, the installed script, or Python."""
    if getattr(sys, "frozen", False):
        return [sys.executable, HIDDEN]
    script = shutil.which("agent-desktop")
    if script:
        return [str(Path(script).resolve()), HIDDEN]
    return [sys.executable, "-m", "agent_desktop", HIDDEN]


class Registry(Protocol):
    """The per-user Run key (winreg on Windows; a test can stand in)."""

    def get(self, name: str) -> str | None: ...
    def set(self, name: str, value: str) -> None: ...
    def delete(self, name: str) -> None: ...


class WindowsRunKey:
    def __init__(self) -> None:
        import winreg

        self.winreg: Any = winreg  # typed per platform; this class only runs on Windows

    def get(self, name: str) -> str | None:
        try:
            with self.winreg.OpenKey(self.winreg.HKEY_CURRENT_USER, RUN_KEY) as key:
                return str(self.winreg.QueryValueEx(key, name)[0])
        except OSError:
            return None

    def set(self, name: str, value: str) -> None:
        with self.winreg.CreateKey(self.winreg.HKEY_CURRENT_USER, RUN_KEY) as key:
            self.winreg.SetValueEx(key, name, 0, self.winreg.REG_SZ, value)

    def delete(self, name: str) -> None:
        try:
            with self.winreg.OpenKey(
                self.winreg.HKEY_CURRENT_USER, RUN_KEY, 0, self.winreg.KEY_SET_VALUE
            ) as key:
                self.winreg.DeleteValue(key, name)
        except FileNotFoundError:
            pass


class Autostart:
    def __init__(
        self,
        platform: str = sys.platform,
        home: Path | None = None,
        env: dict[str, str] | None = None,
        registry: Registry | None = None,
        command: Sequence[str] | None = None,
    ) -> None:
        self.platform = platform
        self.home = home or Path.home()
        self.env = dict(os.environ) if env is None else env
        self._registry = registry
        self.command = list(command) if command is not None else launch_command()

    @property
    def supported(self) -> bool:
        return self.platform.startswith(("linux", "freebsd", "win", "darwin"))

    def entry_path(self) -> Path:
        if self.platform == "darwin":
            return self.home / "Library" / "LaunchAgents" / f"{APP_ID}.plist"
        config = self.env.get("XDG_CONFIG_HOME") or str(self.home / ".config")
        return Path(config) / "autostart" / f"{APP_ID}.desktop"

    def registry(self) -> Registry:
        if self._registry is None:
            self._registry = WindowsRunKey()
        return self._registry

    def enabled(self) -> bool:
        if self.platform == "win32":
            return self.registry().get(RUN_VALUE) is not None
        return self.entry_path().is_file()

    def enable(self) -> None:
        if self.platform == "win32":
            self.registry().set(RUN_VALUE, subprocess_line(self.command))
            return
        path = self.entry_path()
        path.parent.mkdir(parents=True, exist_ok=True)
        if self.platform == "darwin":
            agent = {"Label": APP_ID, "ProgramArguments": self.command, "RunAtLoad": True}
            data = plistlib.dumps(agent)
        else:
            data = desktop_entry(self.command).encode("utf-8")
        # whole or not at all: the session reading it at login never sees half an entry
        partial = path.with_name(path.name + ".partial")
        partial.write_bytes(data)
        partial.replace(path)

    def disable(self) -> None:
        if self.platform == "win32":
            self.registry().delete(RUN_VALUE)
            return
        self.entry_path().unlink(missing_ok=True)

    def set(self, on: bool) -> None:
        if on:
            self.enable()
        else:
            self.disable()


def subprocess_line(command: Sequence[str]) -> str:
    """A Windows command line, each part quoted as the Run key expects."""
    return " ".join(f'"{part}"' if " " in part or not part else part for part in command)


def desktop_entry(command: Sequence[str]) -> str:
    # the Exec key quotes arguments with double quotes only (Desktop Entry spec)
    exec_line = " ".join(f'"{part}"' if shlex.quote(part) != part else part for part in command)
    return (
        "[Desktop Entry]\n"
        "Type=Application\n"
        "Name=Agent Desktop\n"
        "Comment=Scheduled replies for Chatwoot agents\n"
        f"Exec={exec_line}\n"
        f"Icon={APP_ID}\n"
        "Terminal=false\n"
        "X-GNOME-Autostart-enabled=true\n"
    )
