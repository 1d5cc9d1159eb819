from __future__ import annotations

import subprocess
import sys

from agent_desktop import __version__


def run(*args):
    return subprocess.run(
        [sys.executable, "-m", "agent_desktop", *args], capture_output=True, text=True, timeout=60
    )


def test_version_is_printed():
    result = run("--version")
    assert result.returncode == 0
    assert result.stdout.strip() == f"agent-desktop {__version__}"


def test_an_unknown_option_is_invalid_input_without_a_traceback():
    result = run("--frobnicate")
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert "unrecognized arguments: --frobnicate" in result.stderr
