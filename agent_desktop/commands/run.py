"""`agent-desktop run`: the sender of the local outbox, without a window (also the one
the window starts). One runs per data directory: a second waits for its turn."""

from __future__ import annotations

import argparse
import os
import signal
import sys
import threading
import time
from pathlib import Path
from types import FrameType

from agent_desktop.commands.context import App, handles_errors
from agent_desktop.commands.exits import EXIT_FAILURE, EXIT_OK, EXIT_REMOTE
from agent_desktop.commands.output import local_display, zone_of
from agent_desktop.core.i18n import tr
from agent_desktop.labels import event_label
from agent_desktop.scheduling import policy
from agent_desktop.scheduling.events import Event
from agent_desktop.sender.control import Address, SenderUnavailableError, ask
from agent_desktop.sender.lock import SenderLock
from agent_desktop.store.integrity import DiskFullError

PATIENCE_ENV = "AGENT_DESKTOP_SENDER_PATIENCE"


def add_parser(
    subparsers: argparse._SubParsersAction[argparse.ArgumentParser], common: argparse.ArgumentParser
) -> None:
    parser = subparsers.add_parser(
        "run",
        parents=[common],
        help=tr("send the local outbox's messages as they come due"),
        description=tr(
            "Send the local outbox's messages as they come due, until stopped (Ctrl+C). "
            "One sender runs per data directory: started while another runs, this one "
            "waits and takes over when it stops."
        ),
    )
    parser.add_argument(
        "--until-idle",
        action="store_true",
        help=tr("exit once no local message is pending or waiting for a retry"),
    )
    parser.add_argument(
        "--for-window",
        type=int,
        metavar="PID",
        help=tr(
            "run while process PID runs, then until no local message waits "
            "(the window starts its sender so)"
        ),
    )
    parser.set_defaults(run=run)


def describe(event: Event) -> str:
    record = event.record
    what = (
        tr("#{id} (conversation {conversation})").format(
            id=record.id, conversation=record.conversation_id
        )
        if record
        else ""
    )
    when = ""
    if record is not None and event.kind == "missed":
        when = " " + tr("due {when}").format(
            when=local_display(record.scheduled_at, zone_of(record))
        )
    detail = f": {event.detail}" if event.detail else ""
    return f"{event_label(event.kind)} {what}{when}{detail}".replace("  ", " ").strip()


@handles_errors
def run(args: argparse.Namespace) -> int:
    stop = threading.Event()

    def request_stop(_signum: int, _frame: FrameType | None) -> None:
        stop.set()

    previous = {sig: signal.signal(sig, request_stop) for sig in (signal.SIGTERM, signal.SIGINT)}
    try:
        return _run(args, stop)
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)


def patience() -> float:
    """Seconds a sender that holds the lock may go without answering before another
    sends beside it (AGENT_DESKTOP_SENDER_PATIENCE; 30 by default): claims keep the two
    from sending a message twice, and a frozen sender must not stop all sending."""
    try:
        return max(1.0, float(os.environ.get(PATIENCE_ENV, "30")))
    except ValueError:
        return 30.0


def _run(args: argparse.Namespace, stop: threading.Event) -> int:
    from agent_desktop.sender.host import Ending, SenderHost

    with App.open(args) as app, SenderLock(app.home) as lock:
        if not lock.acquire():
            if args.for_window is not None and _adopted(app, args.for_window):
                return EXIT_OK  # a window's second sender: the running one stays for it
            turn = _wait_for_turn(app, lock, stop, until_idle=args.until_idle)
            if turn is not None:
                return turn
        app.events.subscribe(lambda event: print(describe(event), flush=True))
        app.db.on_disk_full = lambda error: _told_disk_full(app.db.path, error)
        app.db.clock = app.clock
        windows = [args.for_window] if args.for_window is not None else []
        host = SenderHost(app, lock=lock, windows=windows, until_idle=args.until_idle)
        if host.dispatcher.on_hold:
            print(
                tr(
                    "sending is paused or scheduling is turned off (agent-desktop config set "
                    "sending_paused false, scheduling_enabled true): nothing will be sent"
                ),
                file=sys.stderr,
            )
            if args.until_idle:
                return EXIT_OK
        host.start()
        waiting = sum(1 for r in app.outbox.find(states=policy.WAITING) if r.is_local)
        print(
            tr("sending from {home}: %n message(s) waiting; Ctrl+C stops", None, waiting).format(
                home=app.home
            ),
            flush=True,
        )
        ending = host.serve(stop)
        if ending is Ending.FAULT:
            print(
                tr(
                    "error: {why}: stopped sending, so that nothing goes out twice or is lost; "
                    "see 'agent-desktop doctor', then start 'agent-desktop run' again"
                ).format(why=host.fault),
                file=sys.stderr,
            )
            return EXIT_FAILURE
        if ending is Ending.PAUSED:
            print(
                tr("error: sending is paused until you sign in again (agent-desktop login)"),
                file=sys.stderr,
            )
            return EXIT_REMOTE
    return EXIT_OK


def _told_disk_full(path: Path, error: DiskFullError | None) -> None:
    """A full disk stops nothing for good: sending waits for space, then goes on. Rows
    keep what was last written of them; a message sent meanwhile is looked for on the
    server before any second try, so none goes twice."""
    if error is not None:
        print(
            tr(
                "disk full: {path} could not be written; sending waits until some space is "
                "freed, then goes on (nothing was lost)"
            ).format(path=path),
            file=sys.stderr,
            flush=True,
        )
    else:
        print(tr("there is space on the disk again: sending goes on"), flush=True)


def _adopted(app: App, window: int) -> bool:
    try:
        ask(app.home, "adopt", pid=window)
    except SenderUnavailableError:
        return False
    return True


def _wait_for_turn(
    app: App, lock: SenderLock, stop: threading.Event, *, until_idle: bool
) -> int | None:
    """Another sender runs here: wait until it stops (then send), or, with --until-idle,
    until nothing waits. None: go on and send (with the lock, or beside a sender that
    stopped answering)."""
    address = Address.read(app.home)
    holder = tr("pid {pid}").format(pid=address.pid) if address else tr("another process")
    print(
        tr("another sender runs for {home} ({holder}): waiting to take over").format(
            home=app.home, holder=holder
        ),
        flush=True,
    )
    answered = time.monotonic()
    while not stop.wait(0.5):
        if lock.acquire():
            return None
        if until_idle and not any(r.is_local for r in app.outbox.find(states=list(policy.WAITING))):
            return EXIT_OK
        try:
            ask(app.home, "status", timeout=1.0)
            answered = time.monotonic()
        except SenderUnavailableError:
            if time.monotonic() - answered > patience():
                print(
                    tr(
                        "the other sender has not answered for {seconds} s: sending beside it "
                        "(each message is claimed, so none goes twice)"
                    ).format(seconds=round(patience())),
                    flush=True,
                )
                return None
    return EXIT_OK
