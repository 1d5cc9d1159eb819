from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest

from agent_desktop.chatwoot.client import ChatwootClient
from tests.support import samples
from tests.support.scripted_server import ScriptedServer, scripted_server


@pytest.fixture
def server() -> Iterator[ScriptedServer]:
    with scripted_server() as running:
        yield running


@pytest.fixture
def client(server) -> Iterator[ChatwootClient]:
    """A client of account 1 that gives up on an answer after half a second."""
    with ChatwootClient(
        server.url, samples.TOKEN, account_id=1, timeout=httpx.Timeout(0.5, connect=2)
    ) as c:
        yield c
