"""Running the app's --self-test in a child process, as CI and the bundle's smoke test
do, and reading its one-line summary."""

from __future__ import annotations

import json
import os
import subprocess
import sys


def run_self_test(
    *args: str, env: dict[str, str] | None = None, quiet: bool = True
) -> dict[str, object]:
    """The summary of `agent-desktop ARGS --self-test`, offscreen unless env says
    otherwise; with quiet, any error output but Qt's offscreen notes fails the test."""
    done = subprocess.run(
        [sys.executable, "-m", "agent_desktop", *args, "--self-test"],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen", **(env or {})},
    )
    assert done.returncode == 0, done.stderr
    if quiet:
        noise = [
            line
            for line in done.stderr.splitlines()
            if line.strip() and "propagateSizeHints" not in line
        ]
        assert noise == []
    summary: dict[str, object] = json.loads(done.stdout.strip().splitlines()[-1])
    return summary
