"""Live-update benchmarks against the demo server in a process of its own, each the
median of several runs with the spread beside it, and its target:

- requests a minute of an idle window, one conversation open (at most 1);
- a customer's message to the open thread, and to the list for another conversation
  (under 1 s each);
- a customer's message to the hold of a message waiting with hold-on-reply, by the
  sender (`agent-desktop run`, a process of its own) (under 1 s);
- recovery after the server drops every socket while customers write: messages missed
  by the open thread once the channel is back (0).

    QT_QPA_PLATFORM=offscreen python bench/live.py [--runs N] [--idle SECONDS] [--ci]

Exit status: 0 when every target is met, 3 when one is missed (with --ci: missed by more
than twice, as a shared machine is noisy), anything else when it broke.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import httpx

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
AGENT = [sys.executable, "-m", "agent_desktop"]


class Bench:
    def __init__(self, url: str, token: str, account: int, home: Path) -> None:
        from PySide6.QtWidgets import QApplication

        from agent_desktop.gui import collector

        self.url, self.token, self.account, self.home = url, token, account, home
        self.qapp = QApplication.instance() or QApplication(sys.argv[:1])
        # the cycle collector on the GUI thread, as the app has it (gui/collector.py)
        collector.install()
        self.http = httpx.Client(base_url=url, headers={"Api-Access-Token": token})

    def until(self, condition: Callable[[], bool], within: float) -> float:
        """Run the window (one event loop, as exec() would) until `condition` holds;
        seconds it took. Not processEvents() in a loop: PySide6 6.12 drops a reference
        to None on every call, and a few minutes of it crash the interpreter."""
        from PySide6.QtCore import QEventLoop, QTimer

        started = time.monotonic()
        loop, check = QEventLoop(), QTimer()
        check.setInterval(2)

        def look() -> None:
            if condition() or time.monotonic() - started > within:
                loop.quit()

        check.timeout.connect(look)
        check.start()
        if not condition():
            loop.exec()
        check.stop()
        if not condition():
            raise TimeoutError(f"not within {within:.0f} s")
        return time.monotonic() - started

    def idle(self, seconds: float) -> None:
        ends = time.monotonic() + seconds
        self.until(lambda: time.monotonic() >= ends, seconds + 5)

    def requests(self) -> int:
        found = re.search(r"^demo_api_requests_total (\d+)$", self.http.get("/metrics").text, re.M)
        assert found is not None
        return int(found.group(1))

    def customer_writes(self, conversation: int, text: str) -> int:
        response = self.http.post(
            f"/demo/accounts/{self.account}/conversations/{conversation}/customer_messages",
            json={"content": text},
        )
        response.raise_for_status()
        return int(response.json()["id"])

    @contextlib.contextmanager
    def window(self) -> Iterator[Any]:
        from PySide6.QtGui import QIcon

        from agent_desktop.chatwoot.link_state import LinkState
        from agent_desktop.core.clock import SystemClock
        from agent_desktop.credentials import TOKEN_ENV, Credentials
        from agent_desktop.gui.main_window import MainWindow
        from agent_desktop.gui.session import Session
        from agent_desktop.store.database import open_database
        from agent_desktop.workspace import App

        credentials = Credentials(env={TOKEN_ENV: self.token})
        app = App(
            home=self.home,
            db=open_database(self.home),
            credentials=credentials,
            clock=SystemClock(),
        )
        profile = app.profiles.remember(base_url=self.url, user_id=1, account_id=self.account)
        session = Session.of(app, profile, sender="none")
        window = MainWindow(session, QIcon())
        window.quitting = True
        window.show()
        window.start()
        try:
            self.until(lambda: len(window.conversations.model.rows) > 3, 20)
            window.conversations.view.setCurrentIndex(window.conversations.model.index(0))
            self.until(lambda: bool(window.pane.thread_view.messages), 20)
            self.until(lambda: window.live.state is LinkState.LIVE, 20)
            yield window
        finally:
            window.close()
            window.deleteLater()
            session.stop()
            app.close()
            self.idle(0.05)

    def idle_rate(self, window: Any, seconds: float) -> float:
        self.idle(3)  # the opening's own requests end
        before = self.requests()
        self.idle(seconds)
        made = self.requests() - before  # /metrics itself is not the API: not counted
        return made * 60.0 / seconds

    def to_thread(self, window: Any) -> float:
        open_id = window.pane.conversation.id
        started = time.monotonic()
        sent = self.customer_writes(open_id, "ao vivo, na conversa aberta")
        self.until(lambda: bool(window.pane.messages) and window.pane.messages[-1].id == sent, 10)
        return time.monotonic() - started

    def to_list(self, window: Any) -> float:
        rows = window.conversations.model.rows
        open_id = window.pane.conversation.id
        lower = next(c for c in reversed(rows) if c.id != open_id)
        started = time.monotonic()
        sent = self.customer_writes(lower.id, "ao vivo, em outra conversa")
        self.until(lambda: _on_top(window.conversations.model.rows, lower.id, sent), 10)
        return time.monotonic() - started

    def recovery(self, window: Any) -> int:
        """Messages the open thread lacks once the channel is back after a drop."""
        from agent_desktop.chatwoot.link_state import LinkState

        open_id = window.pane.conversation.id
        self.http.put("/demo/cable", json={"silent": True, "drop": True}).raise_for_status()
        self.until(lambda: window.live.state is not LinkState.LIVE, 20)
        written = [self.customer_writes(open_id, f"enquanto caído {n}") for n in range(5)]
        self.http.put("/demo/cable", json={"silent": False}).raise_for_status()
        self.until(lambda: window.live.state is LinkState.LIVE, 60)
        with contextlib.suppress(TimeoutError):
            self.until(lambda: written[-1] in {m.id for m in window.pane.messages}, 10)
        shown = {m.id for m in window.pane.messages}
        return sum(1 for message_id in written if message_id not in shown)


def _on_top(rows: list[Any], conversation_id: int, message_id: int) -> bool:
    """The row shows the new message and is among the newest (Chatwoot's times are whole
    seconds: rows of the same second may come in either order)."""
    for index, row in enumerate(rows):
        if row.id == conversation_id:
            newest = row.last_activity_at
            shown = row.last_message is not None and row.last_message.id == message_id
            return shown and all(r.last_activity_at >= newest for r in rows[:index])
    return False


def hold_delay(url: str, token: str, account: int, home: Path, runs: int) -> list[float]:
    """The sender, a process of its own, holds a waiting message when the customer writes."""
    from agent_desktop.core.clock import SystemClock
    from agent_desktop.store.database import open_database
    from agent_desktop.store.outbox import Outbox
    from agent_desktop.store.states import OutboxState

    env = {**os.environ, "AGENT_DESKTOP_HOME": str(home), "AGENT_DESKTOP_TOKEN": token}
    where = ["--server", url, "--account", str(account)]
    http = httpx.Client(base_url=url, headers={"Api-Access-Token": token})
    conversations = http.get(f"/api/v1/accounts/{account}/conversations").json()
    ids = [c["id"] for c in conversations["data"]["payload"]][:runs]
    rows = []
    for conversation in ids:
        done = subprocess.run(
            [
                *AGENT,
                *where,
                "schedule",
                str(conversation),
                "--at",
                "+7200s",
                "--text",
                "Resolvido?",
            ],
            env=env,
            capture_output=True,
            text=True,
        )
        found = re.search(r"#(\d+)", done.stdout)
        if found is None:
            raise RuntimeError(f"schedule failed: {done.stdout} {done.stderr}")
        rows.append((conversation, int(found.group(1))))
    sender = subprocess.Popen(
        [*AGENT, "run"], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    delays = []
    try:
        time.sleep(4)  # the sender opens its channel (a profile lookup, the subscribe)
        outbox = Outbox(open_database(home), SystemClock())
        for conversation, row in rows:
            time.sleep(1.1)  # a reply strictly after the scheduling, to the second
            started = time.monotonic()
            http.post(
                f"/demo/accounts/{account}/conversations/{conversation}/customer_messages",
                json={"content": "Ainda não"},
            ).raise_for_status()
            while outbox.get(row).state is not OutboxState.HELD:
                if time.monotonic() - started > 30:
                    raise TimeoutError("not held within 30 s")
                time.sleep(0.01)
            delays.append(time.monotonic() - started)
    finally:
        sender.terminate()
        sender.wait(timeout=30)
    return delays


def figure(values: list[float], unit: str, digits: int) -> str:
    """The median, and the spread of the runs beside it."""
    middle = f"{statistics.median(values):.{digits}f} {unit}".strip()
    if len(values) == 1:
        return middle
    return (
        f"{middle} (median of {len(values)}: {min(values):.{digits}f} to {max(values):.{digits}f})"
    )


def main() -> int:
    from agent_desktop.demo.process import demo_server_process

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument(
        "--idle",
        type=float,
        default=300.0,
        help="seconds the window is left idle (default 300: the live checks come every 5 min)",
    )
    parser.add_argument("--ci", action="store_true", help="fail only on a miss by 2x")
    options = parser.parse_args()
    slack = 2.0 if options.ci else 1.0
    results: list[tuple[str, str, bool]] = []
    with (
        demo_server_process(AGENT, "--dispatch-interval", "3600") as demo,
        tempfile.TemporaryDirectory(prefix="agent-desktop-live-") as folder,
    ):
        account = demo.accounts[0]
        bench = Bench(demo.url, demo.token, account, Path(folder) / "window")
        idle, thread, listed, missed = [], [], [], []
        with bench.window() as window:
            idle.append(bench.idle_rate(window, options.idle))
            for _ in range(options.runs):
                thread.append(bench.to_thread(window))
                listed.append(bench.to_list(window))
            for _ in range(min(3, options.runs)):
                missed.append(float(bench.recovery(window)))
        held = hold_delay(demo.url, demo.token, account, Path(folder) / "sender", options.runs)
    results.append(
        (
            f"requests a minute, idle {options.idle:.0f} s",
            figure(idle, "/min", 2) + "  target ≤ 1",
            statistics.median(idle) <= 1 * slack,
        )
    )
    results.append(
        (
            "customer message → open thread",
            figure(thread, "s", 3) + "  target < 1 s",
            statistics.median(thread) < 1 * slack,
        )
    )
    results.append(
        (
            "customer message → list",
            figure(listed, "s", 3) + "  target < 1 s",
            statistics.median(listed) < 1 * slack,
        )
    )
    results.append(
        (
            "customer message → held",
            figure(held, "s", 3) + "  target < 1 s",
            statistics.median(held) < 1 * slack,
        )
    )
    results.append(
        ("missed after a dropped socket", figure(missed, "", 0) + "  target 0", max(missed) == 0)
    )
    for name, text, ok in results:
        print(f"{name:34} {text}  {'ok' if ok else 'MISSED'}", flush=True)
    return 0 if all(ok for *_, ok in results) else 3


if __name__ == "__main__":
    sys.exit(main())
