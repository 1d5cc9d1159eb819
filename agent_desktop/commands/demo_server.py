"""`agent-desktop demo-server`: a Chatwoot-compatible server to try the app against."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from agent_desktop.commands.exits import EXIT_FAILURE, EXIT_INVALID, EXIT_OK
from agent_desktop.core.i18n import tr
from agent_desktop.demo.profiles import PROFILES, profile_named
from agent_desktop.demo.seed_data import DEFAULT_TOKEN


def add_parser(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser(
        "demo-server",
        help=tr("run a Chatwoot-compatible demo server"),
        description=tr(
            "Serve a demo Chatwoot API (three accounts: upstream, the fork's "
            "scheduled_messages resource, and the scheduled_at design) until stopped."
        ),
    )
    parser.add_argument(
        "--host", default="127.0.0.1", help=tr("address to listen on (default: loopback only)")
    )
    parser.add_argument("--port", type=int, default=3000, help=tr("port (0: any free port)"))
    parser.add_argument("--token", default=DEFAULT_TOKEN, help=tr("the demo agent's access token"))
    parser.add_argument(
        "--dispatch-interval",
        type=float,
        default=60.0,
        metavar="SECONDS",
        help=tr("how often the server sends due scheduled messages (default 60)"),
    )
    parser.add_argument(
        "--customer-interval",
        type=float,
        default=45.0,
        metavar="SECONDS",
        help=tr("how often a customer writes back on their own (0: never)"),
    )
    parser.add_argument(
        "--conversations",
        type=int,
        default=36,
        metavar="N",
        help=tr("how many conversations the first start makes (default 36)"),
    )
    parser.add_argument(
        "--data",
        metavar="FILE",
        help=tr("keep the server's data in this SQLite file (default: memory)"),
    )
    parser.add_argument(
        "--profile",
        default="upstream",
        metavar="NAME",
        help=tr("which real server to behave like: {names} (default: upstream)").format(
            names=", ".join(PROFILES)
        ),
    )
    parser.add_argument(
        "--behind-nginx",
        action="store_true",
        help=tr("drop header names with underscores, as a default nginx in front does"),
    )
    parser.add_argument(
        "--page-size",
        type=int,
        default=None,
        metavar="N",
        help=tr("conversations a page (the install's CONVERSATION_RESULTS_PER_PAGE; 25)"),
    )
    parser.add_argument(
        "--no-cable",
        action="store_true",
        help=tr("no live channel at /cable, as behind a proxy that blocks websockets"),
    )
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from agent_desktop.demo.server import DemoConfig, DemoServer

    if not 0 <= args.port <= 65535:
        print(
            tr("error: --port must be between 0 and 65535, not {port}").format(port=args.port),
            file=sys.stderr,
        )
        return EXIT_INVALID
    if args.dispatch_interval <= 0:
        print(tr("error: --dispatch-interval must be more than 0 seconds"), file=sys.stderr)
        return EXIT_INVALID
    try:
        profile = profile_named(
            args.profile, behind_nginx=args.behind_nginx, page_size=args.page_size
        )
    except KeyError:
        print(
            tr("error: unknown --profile {name}; known: {names}").format(
                name=args.profile, names=", ".join(PROFILES)
            ),
            file=sys.stderr,
        )
        return EXIT_INVALID
    if args.page_size is not None and not 1 <= args.page_size <= 100:
        print(tr("error: --page-size must be from 1 to 100"), file=sys.stderr)
        return EXIT_INVALID
    if not 1 <= args.conversations <= 10000:
        print(tr("error: --conversations must be from 1 to 10000"), file=sys.stderr)
        return EXIT_INVALID
    data = Path(args.data).expanduser() if args.data else None
    if data is not None and not data.parent.is_dir():
        print(
            tr("error: the folder for --data does not exist: {folder}").format(folder=data.parent),
            file=sys.stderr,
        )
        return EXIT_INVALID
    config = DemoConfig(
        host=args.host,
        port=args.port,
        token=args.token,
        dispatch_interval=args.dispatch_interval,
        customer_interval=max(0.0, args.customer_interval),
        data=data,
        conversations=args.conversations,
        profile=profile,
        cable=not args.no_cable,
    )
    try:
        server = DemoServer(config)
    except OSError as error:
        print(
            tr("error: cannot listen on {address}: {reason}").format(
                address=f"{args.host}:{args.port}", reason=error.strerror or error
            ),
            file=sys.stderr,
        )
        return EXIT_FAILURE
    accounts = server.accounts

    def banner() -> None:
        print(tr("Demo Chatwoot server at {url}").format(url=server.url))
        nginx = tr(", behind nginx") if profile.behind_nginx else ""
        print(
            tr("behaving like: {description}{nginx}").format(
                description=profile.description, nginx=nginx
            )
        )
        print(tr("token: {token}").format(token=server.token))
        upstream = tr("account {id}: upstream Chatwoot (no server scheduling)")
        print(upstream.format(id=accounts.upstream))
        print(tr("account {id}: the fork's scheduled_messages resource").format(id=accounts.fork))
        seed = tr("account {id}: the scheduled_at design (feature flag on)")
        print(seed.format(id=accounts.seed))
        print(tr("Stop with Ctrl+C."), flush=True)

    try:
        server.serve_forever(ready=banner)
    except KeyboardInterrupt:
        pass
    finally:
        server.stop()
    return EXIT_OK
