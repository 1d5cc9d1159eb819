"""`agent-desktop schedule` with the server out of reach, on a profile that has not yet
asked the server what it can do."""

from __future__ import annotations

import json
import socket

from agent_desktop.commands.main import main
from agent_desktop.core.clock import SystemClock
from agent_desktop.store.database import open_database
from agent_desktop.store.outbox import Outbox
from agent_desktop.store.profiles import Profiles


def test_offline_on_a_fresh_profile_schedule_keeps_it_here_and_says_why(home, monkeypatch, capsys):
    """Signed in, no message scheduled yet, and now the server cannot be reached: the
    message is kept in this computer's outbox (it sends exactly once whatever the server
    turns out to be) and the agent is told why; a server design asked for by name is
    never assumed."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        url = f"http://127.0.0.1:{s.getsockname()[1]}"  # nothing listens once closed
    db = open_database(home)
    try:
        Profiles(db, SystemClock()).remember(base_url=url, account_id=1, user_id=1)
    finally:
        db.close()
    monkeypatch.setenv("AGENT_DESKTOP_TOKEN", "a-token-kept-earlier")
    where = ["--server", url, "--account", "1", "schedule", "7", "--text", "Sem rede"]
    capsys.readouterr()
    assert main([*where, "--at", "+2h", "--json"]) == 0
    kept, told = capsys.readouterr()
    assert json.loads(kept)["backend"] == "local"
    assert "could not check conversation 7" in told
    assert "could not be asked whether it schedules messages itself" in told
    # a second copy, meant, kept by the server: that design is never assumed
    assert main([*where, "--at", "+3h", "--backend", "server-resource", "--again"]) == 3
    refused = capsys.readouterr().err
    assert refused.startswith("error: could not ask the server whether it offers ")
    assert refused.strip().endswith("nothing was scheduled") and len(refused.splitlines()) == 1
    db = open_database(home)
    try:
        (record,) = Outbox(db, SystemClock()).find()
        assert (record.content, record.backend, record.state.value) == (
            "Sem rede",
            "local",
            "pending",
        )
        (profile,) = Profiles(db, SystemClock()).all()
        assert profile.detected_backend is None  # asked again once the server answers
    finally:
        db.close()
