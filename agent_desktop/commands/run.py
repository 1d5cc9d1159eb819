"""`agent-desktop run`: the local outbox's dispatcher without a window."""

from __future__ import annotations

import argparse
import signal
import sys
import threading
from types import FrameType

from agent_desktop.commands.context import App, handles_errors
from agent_desktop.commands.exits import EXIT_OK, EXIT_REMOTE
from agent_desktop.commands.output import local_display, zone_of
from agent_desktop.core.i18n import tr
from agent_desktop.labels import event_label
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
        try:
            while not stop.is_set():
                if args.until_idle and dispatcher.idle():
                    break
                stop.wait(0.2)
        finally:
            dispatcher.stop()
        if args.until_idle and dispatcher.paused:
            print(
                tr("error: sending is paused until you sign in again (agent-desktop login)"),
                file=sys.stderr,
            )
            return EXIT_REMOTE
    return EXIT_OK
