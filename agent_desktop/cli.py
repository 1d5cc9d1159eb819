"""The command line. Exit codes: 0 ok, 2 invalid input, 3 server, network or auth
error, 1 anything else."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from agent_desktop import __version__

EXIT_OK = 0
EXIT_FAILURE = 1
EXIT_INVALID = 2
EXIT_REMOTE = 3


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
    parser.add_subparsers(dest="command", metavar="COMMAND")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:
        parser.print_help(sys.stdout)
        return EXIT_OK
    parser.error(f"unknown command {args.command!r}")  # pragma: no cover - argparse stops first
