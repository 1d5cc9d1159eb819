"""`agent-desktop config get|set KEY [VALUE]`: the app's settings."""

from __future__ import annotations

import argparse

from agent_desktop.commands.context import App, CliError, handles_errors
from agent_desktop.commands.exits import EXIT_OK
from agent_desktop.core.i18n import tr
from agent_desktop.store.settings import SPECS, spec_of


def add_parser(
    subparsers: argparse._SubParsersAction[argparse.ArgumentParser], common: argparse.ArgumentParser
) -> None:
    parser = subparsers.add_parser(
        "config",
        parents=[common],
        help=tr("read or change settings"),
        description=tr("Settings: {settings}").format(
            settings="; ".join(
                tr("{key} ({description}, default {default})").format(
                    key=k, description=s.describe(), default=show(s.default)
                )
                for k, s in SPECS.items()
            )
        ),
    )
    parser.add_argument("action", choices=["get", "set", "reset"])
    parser.add_argument("key", nargs="?", metavar="KEY")
    parser.add_argument("value", nargs="?", metavar="VALUE")
    parser.set_defaults(run=run)


def show(value: object) -> str:
    return str(value).lower() if isinstance(value, bool) else str(value)


@handles_errors
def run(args: argparse.Namespace) -> int:
    if args.action == "get" and args.value is not None:
        raise CliError(tr("config get takes a key only"))
    if args.action in ("set", "reset") and args.key is None:
        raise CliError(tr("config {action} needs a key").format(action=args.action))
    if args.action == "set" and args.value is None:
        raise CliError(tr("config set {key} needs a value").format(key=args.key))
    if args.key is not None:
        spec_of(args.key)
    with App.open(args) as app:
        settings = app.settings
        if args.action == "get":
            if args.key:
                print(show(settings.get(args.key)))
            else:
                for key, value in settings.all().items():
                    print(f"{key} = {show(value)}")
        elif args.action == "set":
            print(f"{args.key} = {show(settings.set(args.key, args.value))}")
        else:
            settings.reset(args.key)
            print(
                tr("{key} = {value} (default)").format(
                    key=args.key, value=show(settings.get(args.key))
                )
            )
    return EXIT_OK
