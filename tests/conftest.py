"""Test-wide setup: Qt offscreen, the data directory in a temp dir, no real tokens."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from agent_desktop.core import home as home_module
from agent_desktop.core.clock import FakeClock
from agent_desktop.store.database import Database, open_database


@pytest.fixture(autouse=True)
def _isolated_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Every test gets its own data directory; touching the real one is an error."""
    home = tmp_path / "home"
    monkeypatch.setenv(home_module.HOME_ENV, str(home))
    monkeypatch.delenv("AGENT_DESKTOP_TOKEN", raising=False)

    def _refuse() -> Path:
        raise AssertionError("a test tried to use the real data directory")

    monkeypatch.setattr(home_module, "default_home", _refuse)
    return home


@pytest.fixture
def home(_isolated_home: Path) -> Path:
    return _isolated_home


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def db(home: Path) -> Iterator[Database]:
    database = open_database(home)
    yield database
    database.close()
