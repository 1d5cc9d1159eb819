"""The command line's entry: global options and the subcommands."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from agent_desktop import __version__
from agent_desktop.commands import demo_server
from agent_desktop.commands.exits import EXIT_OK


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="agent-desktop",
        description="A Chatwoot desktop client for agents that schedules replies.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    parser.add_argument("--server", metavar="URL", help="the Chatwoot server's address")
    parser.add_argument("--account", metavar="ID", type=int, help="the account id")
    parser.add_argument(
        "--home",
        metavar="DIR",
        help="data directory (default: the platform's; AGENT_DESKTOP_HOME too)",
    )
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    demo_server.add_parser(subparsers)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:
        parser.print_help(sys.stdout)
        return EXIT_OK
    result: int = args.run(args)
    return result
