"""`agent-desktop demo-server` in a process of its own, as a real server runs beside
the app: for the benchmarks and the bundle's smoke test."""

from __future__ import annotations

import contextlib
import subprocess
from collections.abc import Iterator, Sequence


@contextlib.contextmanager
def demo_server_process(command: Sequence[str], *args: str) -> Iterator[tuple[str, str]]:
    """Start `COMMAND demo-server` on a free port with no simulated customers; yields its
    address and token (from the first lines it prints) and stops it afterwards."""
    process = subprocess.Popen(
        [*command, "demo-server", "--port", "0", "--customer-interval", "0", *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    try:
        assert process.stdout is not None
        url = process.stdout.readline().split(" at ")[-1].strip()  # "Demo ... at URL"
        token = process.stdout.readline().split(": ", 1)[-1].strip()  # "token: TOKEN"
        if not url.startswith("http"):
            raise RuntimeError(f"the demo server did not start ({' '.join(command)})")
        yield url, token
    finally:
        process.terminate()
        process.wait(timeout=30)
