"""`agent-desktop run`: the local outbox's dispatcher without a window."""

from __future__ import annotations

import argparse
import signal
import sys
import threading
from types import FrameType

from agent_desktop.commands.context import App, handles_errors
from agent_desktop.commands.exits import EXIT_FAILURE, EXIT_OK, EXIT_REMOTE
from agent_desktop.commands.output import local_display, zone_of
from agent_desktop.core.i18n import tr
from agent_desktop.labels import event_label
from agent_desktop.scheduling import policy
from agent_desktop.scheduling.events import Event


def add_parser(
    subparsers: argparse._SubParsersAction[argparse.ArgumentParser], common: argparse.ArgumentParser
) -> None:
    parser = subparsers.add_parser(
        "run",
        parents=[common],
        help=tr("send the local outbox's messages as they come due"),
        description=tr("Run the dispatcher of the local outbox until stopped (Ctrl+C)."),
    )
    parser.add_argument(
        "--until-idle",
        action="store_true",
        help=tr("exit once no local message is pending or waiting for a retry"),
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


def _run(args: argparse.Namespace, stop: threading.Event) -> int:
    with App.open(args) as app:
        app.events.subscribe(lambda event: print(describe(event), flush=True))
        dispatcher = app.dispatcher()
        if dispatcher.on_hold:
            print(
                tr(
                    "scheduling is turned off (agent-desktop config set scheduling_enabled "
                    "true): nothing will be sent"
                ),
                file=sys.stderr,
            )
            if args.until_idle:
                return EXIT_OK
        dispatcher.start()
        waiting = sum(1 for r in app.outbox.find(states=policy.WAITING) if r.is_local)
        print(
            tr("sending from {home}: %n message(s) waiting; Ctrl+C stops", None, waiting).format(
                home=app.home
            ),
            flush=True,
        )
        fault = None
        try:
            while not stop.is_set() and fault is None:
                # its file deleted or replaced: a run holding the old one would send alone
                fault = dispatcher.fault or app.outbox.store_moved()
                if args.until_idle and dispatcher.idle():
                    break
                stop.wait(0.2)
        finally:
            dispatcher.stop()
        if fault is not None:
            print(
                tr(
                    "error: {why}: stopped sending, so that nothing goes out twice or is lost; "
                    "see 'agent-desktop doctor', then start 'agent-desktop run' again"
                ).format(why=fault),
                file=sys.stderr,
            )
            return EXIT_FAILURE
        if args.until_idle and dispatcher.paused:
            print(
                tr("error: sending is paused until you sign in again (agent-desktop login)"),
                file=sys.stderr,
            )
            return EXIT_REMOTE
    return EXIT_OK
