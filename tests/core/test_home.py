from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from agent_desktop.core.home import HOME_ENV, ensure_private_dir, resolve_home


def test_the_command_line_wins_then_the_environment(tmp_path):
    env = {HOME_ENV: str(tmp_path / "from-env")}
    assert resolve_home(tmp_path / "from-flag", env) == (tmp_path / "from-flag").resolve()
    assert resolve_home(None, env) == (tmp_path / "from-env").resolve()


def test_the_platform_directory_is_the_default(monkeypatch):
    from agent_desktop.core import home

    monkeypatch.setattr(home, "default_home", lambda: Path("/platform/agent-desktop"))
    assert resolve_home(None, {}) == Path("/platform/agent-desktop")


@pytest.mark.skipif(os.name != "posix", reason="POSIX permissions")
def test_an_existing_directory_is_made_private(tmp_path):
    target = tmp_path / "data"
    target.mkdir(mode=0o755)
    ensure_private_dir(target)
    assert stat.S_IMODE(target.stat().st_mode) == 0o700
