from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass

import pytest

from agent_desktop.commands.main import main


@dataclass
class Result:
    code: int
    out: str
    err: str


@pytest.fixture
def cli(capsys, monkeypatch, demo_server) -> Callable[..., Result]:
    """Run the command line in this process against the demo server (token from the
    environment, data directory from the test's temp dir)."""
    monkeypatch.setenv("AGENT_DESKTOP_TOKEN", demo_server.token)

    def run(*args: str, account: int | None = None) -> Result:
        capsys.readouterr()
        prefix = [
            "--server",
            demo_server.url,
            "--account",
            str(account or demo_server.accounts.upstream),
        ]
        try:
            code = main([*prefix, *args])
        except SystemExit as exit_:  # argparse's refusals, as the shell would see them
            code = exit_.code if isinstance(exit_.code, int) else 1
        captured = capsys.readouterr()
        return Result(code, captured.out, captured.err)

    return run


def run_process(
    *args: str, env: dict[str, str] | None = None, input_text: str | None = None
) -> Result:
    import os

    full_env = {**os.environ, **(env or {})}
    done = subprocess.run(
        [sys.executable, "-m", "agent_desktop", *args],
        capture_output=True,
        text=True,
        timeout=120,
        env=full_env,
        input=input_text,
    )
    return Result(done.returncode, done.stdout, done.stderr)


@pytest.fixture
def demo_clock():
    """The command line runs on the real clock: the demo server, beside it, does too (a
    server whose clock stood still would look slow to a sending `run`)."""
    from agent_desktop.core.clock import SystemClock

    return SystemClock()
