"""Where the app keeps its data: one directory, private to the user."""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path

import platformdirs

HOME_ENV = "AGENT_DESKTOP_HOME"
APP_NAME = "agent-desktop"


def default_home() -> Path:
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False, roaming=True))


def resolve_home(
    explicit: str | os.PathLike[str] | None = None, env: Mapping[str, str] | None = None
) -> Path:
    """--home wins, then AGENT_DESKTOP_HOME, then the platform's data directory."""
    env = os.environ if env is None else env
    if explicit:
        return Path(explicit).expanduser().resolve()
    if env.get(HOME_ENV):
        return Path(env[HOME_ENV]).expanduser().resolve()
    return default_home()


def ensure_private_dir(path: Path) -> Path:
    """Create the directory if needed and make it readable by the user alone (0700)."""
    path.mkdir(mode=0o700, parents=True, exist_ok=True)
    if os.name == "posix":
        path.chmod(0o700)
    return path
