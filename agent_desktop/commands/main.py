"""The command line's entry: global options and the subcommands."""

from __future__ import annotations

import argparse
import contextlib
import os
import sys
from collections.abc import Sequence
from functools import partial

from agent_desktop import __version__
from agent_desktop.commands.arguments import Parser, record_id
from agent_desktop.commands.exits import EXIT_FAILURE
from agent_desktop.core.i18n import choose_language, set_language, tr

COMMANDS = (
    "login",
    "conversations",
    "schedule",
    "scheduled",
    "edit",
    "cancel",
    "send-now",
    "retry",
    "run",
    "config",
    "doctor",
    "demo-server",
)


def epilog() -> str:
    return tr(
        "exit codes: 0 ok, 2 invalid input, 3 server, network or auth error, 1 anything else.\n"
        "The token comes from AGENT_DESKTOP_TOKEN or the system keyring (see 'login')."
    )


def global_options(defaults: bool) -> argparse.ArgumentParser:
    """--server, --account and --home, accepted before or after the command."""
    parser = argparse.ArgumentParser(add_help=False)
    default = None if defaults else argparse.SUPPRESS
    parser.add_argument(
        "--server", metavar="URL", default=default, help=tr("the Chatwoot server's address")
    )
    parser.add_argument(
        "--account", metavar="ID", type=record_id, default=default, help=tr("the account id")
    )
    parser.add_argument(
        "--home",
        metavar="DIR",
        default=default,
        help=tr("data directory (default: the platform's; AGENT_DESKTOP_HOME too)"),
    )
    parser.add_argument(
        "--verbose",
        action="store_true",
        default=False if defaults else argparse.SUPPRESS,
        help=tr("write more detail to the log (in the data directory's logs/)"),
    )
    return parser


def gui_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="agent-desktop", parents=[global_options(True)], add_help=False
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    parser.add_argument("--demo", action="store_true")
    parser.add_argument("--self-test", action="store_true")
    parser.add_argument("--hidden", action="store_true")
    return parser


def build_parser() -> argparse.ArgumentParser:
    from agent_desktop.commands import (
        config,
        conversations,
        demo_server,
        doctor,
        login,
        manage,
        run,
        schedule,
    )

    parser = Parser(
        prog="agent-desktop",
        parents=[global_options(defaults=True)],
        epilog=epilog(),
        description=tr("A Chatwoot desktop client for agents that schedules replies."),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    parser.add_argument(
        "--demo",
        action="store_true",
        help=tr("start the app on a built-in demo server, with a throwaway home"),
    )
    parser.add_argument(
        "--self-test",
        action="store_true",
        help=tr(
            "open the window, wait for the first conversations, print a "
            "one-line JSON summary and exit"
        ),
    )
    parser.add_argument(
        "--hidden",
        action="store_true",
        help=tr("start in the tray without showing the window (as at login)"),
    )
    # every command's parser is a Parser too (argparse makes them of the parent's class)
    subparsers: argparse._SubParsersAction[argparse.ArgumentParser] = parser.add_subparsers(
        dest="command", metavar="COMMAND", parser_class=Parser
    )
    common = global_options(defaults=False)
    login.add_parser(subparsers, common)
    conversations.add_parser(subparsers, common)
    schedule.add_parser(subparsers, common)
    manage.add_parsers(subparsers, common)
    run.add_parser(subparsers, common)
    config.add_parser(subparsers, common)
    doctor.add_parser(subparsers, common)
    demo_server.add_parser(subparsers)
    return parser


def start_logging(args: argparse.Namespace) -> None:
    """The log lives in the data directory; a bad directory is left to the command to
    report, with its own message."""
    from agent_desktop.core.home import resolve_home
    from agent_desktop.core.logs import setup_logging

    if getattr(args, "command", None) == "demo-server":
        return
    with contextlib.suppress(OSError):
        setup_logging(
            resolve_home(getattr(args, "home", None)), verbose=getattr(args, "verbose", False)
        )


def start_gui(args: argparse.Namespace) -> int:
    """No command: the desktop app."""
    from agent_desktop.core.desktop_libs import missing_packages

    if missing := missing_packages(os.environ):
        print(
            tr(
                "error: the window needs system libraries this computer lacks: {packages} "
                "(Debian, Ubuntu: sudo apt-get install {packages}); the commands work "
                "without them (agent-desktop --help)"
            ).format(packages=" ".join(missing)),
            file=sys.stderr,
        )
        return EXIT_FAILURE
    try:
        from agent_desktop.gui.loading import prepare_to_load

        prepare_to_load()  # before the window's modules load
        from agent_desktop.gui.app import GuiOptions, run_gui
    except ImportError as error:
        print(
            tr(
                "error: the desktop app needs PySide6 ({error}); the commands work without it "
                "(agent-desktop --help)"
            ).format(error=error),
            file=sys.stderr,
        )
        return EXIT_FAILURE
    options = GuiOptions(
        home=args.home, demo=args.demo, self_test=args.self_test, hidden=args.hidden
    )
    if not args.demo:
        options.start_logging = partial(start_logging, args)
    return run_gui(options)


def choose_cli_language(arguments: list[str]) -> None:
    """The language of everything printed: the 'language' setting of the data directory
    the command will use, else the system's."""
    from agent_desktop.core.home import resolve_home
    from agent_desktop.store.peek import peek_setting

    early = argparse.ArgumentParser(add_help=False, exit_on_error=False)
    early.add_argument("--home")  # read as the full parser will read it, abbreviations too
    try:
        known, _ = early.parse_known_args(arguments)
    except argparse.ArgumentError:  # the full parser reports it, in the chosen language
        known = argparse.Namespace(home=None)
    try:
        setting = peek_setting(resolve_home(known.home), "language")
    except (OSError, ValueError):
        setting = None
    set_language(choose_language(setting))


def main(argv: Sequence[str] | None = None) -> int:
    arguments = list(sys.argv[1:] if argv is None else argv)
    choose_cli_language(arguments)
    if not set(arguments) & {*COMMANDS, "-h", "--help"}:
        # the window: skip loading every command's modules (start-up time matters here)
        gui_args, unknown = gui_parser().parse_known_args(arguments)
        if not unknown:
            gui_args.command = None
            return start_gui(gui_args)  # it starts the log once the window is up
    parser = build_parser()
    args = parser.parse_args(arguments)
    if args.command is None:
        return start_gui(args)
    start_logging(args)
    result: int = args.run(args)
    return result
