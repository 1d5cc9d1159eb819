"""Test-wide setup: Qt offscreen, the data directory in a temp dir, no real tokens."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from agent_desktop.core import home as home_module
from agent_desktop.core import i18n
from agent_desktop.core.clock import FakeClock
from agent_desktop.demo.profiles import ServerProfile, profile_named
from agent_desktop.demo.server import DemoConfig, DemoServer
from agent_desktop.store.database import Database, open_database


@pytest.fixture(autouse=True)
def _isolated_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Every test gets its own data directory; touching the real one is an error."""
    home = tmp_path / "home"
    monkeypatch.setenv(home_module.HOME_ENV, str(home))
    monkeypatch.delenv("AGENT_DESKTOP_TOKEN", raising=False)
    # the tests read English whatever this machine's language
    monkeypatch.setenv("LANGUAGE", "en")  # gettext's variable: no locale has to exist
    monkeypatch.delenv("LC_MESSAGES", raising=False)
    i18n.set_language("en")

    def _refuse() -> Path:
        raise AssertionError("a test tried to use the real data directory")

    monkeypatch.setattr(home_module, "default_home", _refuse)
    return home


@pytest.fixture(autouse=True)
def _collected_between_tests() -> Iterator[None]:
    """Once a window test has run in this process, the cycle collector runs only on the
    GUI thread (gui/collector.py), which only a window test's event loop turns: the
    garbage of the tests without one is collected here, on that thread, after each."""
    yield
    module = sys.modules.get("agent_desktop.gui.collector")
    gui_collector = module.installed() if module is not None else None
    if gui_collector is not None:
        gui_collector.collect_due()


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


@pytest.fixture
def demo_clock() -> FakeClock:
    """The demo server's clock: starts at the real now, moves only when a test says."""
    from datetime import UTC, datetime

    return FakeClock(datetime.now(UTC).replace(microsecond=0))


PROFILE_ENV = "AGENT_DESKTOP_DEMO_PROFILE"  # e.g. chatwoot-4.3, or fork-before-322+nginx


def demo_profile() -> ServerProfile:
    """The real server the demo behaves like in this run (CI runs the suite's main flows
    under each): a profile's name, '+nginx' for a default nginx in front."""
    name, _, switch = os.environ.get(PROFILE_ENV, "upstream").partition("+")
    return profile_named(name or "upstream", behind_nginx=switch == "nginx")


@pytest.fixture
def demo_server(demo_clock: FakeClock) -> Iterator[DemoServer]:
    """The demo server on a free loopback port, quiet until a test acts."""
    server = DemoServer(
        DemoConfig(
            dispatch_interval=3600,
            customer_interval=0,
            delivery_delay=1.0,
            conversations=36,
            clock=demo_clock,
            profile=demo_profile(),
        )
    )
    server.start()
    yield server
    server.stop()


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--upstream-swagger",
        metavar="PATH",
        default=None,
        help=(
            "also check the demo server against this upstream Chatwoot swagger.json "
            "(and the fork's fragments in a fork-scheduled-messages folder beside it); "
            "the environment variable AGENT_DESKTOP_UPSTREAM_SWAGGER does the same"
        ),
    )
