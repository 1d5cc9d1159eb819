"""`agent-desktop demo-server` in a process of its own, as a real server runs beside
the app: for the benchmarks and the bundle's smoke test."""

from __future__ import annotations

import contextlib
import re
import secrets
import subprocess
import tempfile
from collections.abc import Iterator, Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class RunningDemo:
    url: str
    token: str
    accounts: tuple[int, ...]  # upstream, fork, scheduled_at: in the order it prints them

    def __iter__(self) -> Iterator[str]:  # `url, token = ...` as before
        return iter((self.url, self.token))


@contextlib.contextmanager
def demo_server_process(command: Sequence[str], *args: str) -> Iterator[RunningDemo]:
    """Start `COMMAND demo-server` on a free port with no simulated customers, and stop
    it afterwards. The token is chosen here; the address and the accounts are read from
    what the server prints, up to its last line (a translated one too: only the numbers
    and the address are read)."""
    token = secrets.token_urlsafe(18)
    started = [*command, "demo-server", "--port", "0", "--customer-interval", "0"]
    # what it says on stderr goes to a file (a pipe nobody reads could fill and stall it),
    # to be quoted if it does not start
    with tempfile.TemporaryFile("w+", encoding="utf-8") as errors:
        process = subprocess.Popen(
            # `--token=` because a token may begin with "-", which argparse takes for an option
            [*started, f"--token={token}", *args],
            stdout=subprocess.PIPE,
            stderr=errors,
            text=True,
        )
        try:
            assert process.stdout is not None
            lines = [process.stdout.readline() for _ in range(7)]
            address = re.search(r"https?://\S+", lines[0])
            accounts = tuple(
                int(found.group(1)) for line in lines[3:6] if (found := re.search(r"(\d+)", line))
            )
            if address is None or len(accounts) != 3:
                errors.seek(0)
                said = "".join(lines) + errors.read()[-2000:]
                raise RuntimeError(
                    f"the demo server did not start ({' '.join(command)}): {said.strip()}"
                )
            yield RunningDemo(address.group(0), token, accounts)
        finally:
            process.terminate()
            process.wait(timeout=30)
            if process.stdout is not None:
                process.stdout.close()
