"""The token never appears in the log, the database, the settings or an error message."""

from __future__ import annotations

import logging
import os
import subprocess
import sys
from pathlib import Path

from agent_desktop.core.logs import SECRETS, ScrubSecrets, Secrets


def everything_written(home: Path) -> bytes:
    return b"".join(path.read_bytes() for path in home.rglob("*") if path.is_file())


def test_a_token_is_scrubbed_from_log_records():
    SECRETS.add("tok-abcdef-123456")
    record = logging.LogRecord(
        "x", logging.ERROR, __file__, 1, "request failed with %s", ("tok-abcdef-123456",), None
    )
    ScrubSecrets().filter(record)
    assert "tok-abcdef-123456" not in record.getMessage()
    header = logging.LogRecord(
        "x",
        logging.INFO,
        __file__,
        1,
        "headers {'api_access_token': 'unknown-value-42'}",
        None,
        None,
    )
    ScrubSecrets().filter(header)
    assert "unknown-value-42" not in header.getMessage()
    known = Secrets()
    known.add("token")  # a known secret inside the header's name
    assert "unknown-value-43" not in known.scrub("{'api_access_token': 'unknown-value-43'}")


def test_the_token_is_nowhere_after_a_day_of_commands(home, demo_server, tmp_path):
    token = demo_server.token
    env = {**os.environ, "AGENT_DESKTOP_HOME": str(home), "AGENT_DESKTOP_TOKEN": token}
    server = ["--server", demo_server.url, "--account", "1", "--verbose"]
    runs = [
        [*server, "conversations"],
        [*server, "config", "set", "min_lead_minutes", "0"],
        [*server, "schedule", "1", "--text", "oi", "--at", "2031-01-01 10:00", "--dry-run"],
        [*server, "schedule", "1", "--text", "agora", "--at", "2026-01-01 10:00"],
        [*server, "doctor"],
        ["--server", "http://127.0.0.1:9", "--account", "1", "--verbose", "conversations"],
    ]
    outputs = []
    for args in runs:
        done = subprocess.run(
            [sys.executable, "-m", "agent_desktop", *args],
            env=env,
            capture_output=True,
            text=True,
            timeout=120,
        )
        outputs.append(done.stdout + done.stderr)
    wrong = subprocess.run(
        [sys.executable, "-m", "agent_desktop", *server, "conversations"],
        env={**env, "AGENT_DESKTOP_TOKEN": "wrong-secret-token-999"},
        capture_output=True,
        text=True,
        timeout=120,
    )
    outputs.append(wrong.stdout + wrong.stderr)
    assert wrong.returncode == 3
    log = home / "logs" / "agent-desktop.log"
    assert log.exists() and log.stat().st_size > 0  # something was logged
    written = everything_written(home)
    for secret in (token, "wrong-secret-token-999"):
        assert secret.encode() not in written
        assert not [o for o in outputs if secret in o]
