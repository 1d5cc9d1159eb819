"""`agent-desktop doctor`: is everything in place to send scheduled messages?"""

from __future__ import annotations

import argparse
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from agent_desktop import __version__
from agent_desktop.chatwoot.errors import AuthError, ChatwootError
from agent_desktop.commands.context import App, CliError, handles_errors
from agent_desktop.commands.exits import EXIT_OK, EXIT_REMOTE
from agent_desktop.commands.output import CLOCK_TOLD_FROM, clock_words, print_json
from agent_desktop.core.home import resolve_home
from agent_desktop.core.i18n import tr
from agent_desktop.scheduling.clients import NoTokenError
from agent_desktop.scheduling.lookup import clock_ahead_of_server
from agent_desktop.store.database import DatabaseCorruptError, current_revision, open_database
from agent_desktop.store.recovery import recover
from agent_desktop.store.states import OutboxState


def add_parser(
    subparsers: argparse._SubParsersAction[argparse.ArgumentParser], common: argparse.ArgumentParser
) -> None:
    parser = subparsers.add_parser(
        "doctor", parents=[common], help=tr("check configuration, keyring, server and outbox")
    )
    parser.add_argument("--json", action="store_true", help=tr("print JSON"))
    parser.add_argument(
        "--recover",
        action="store_true",
        help=tr(
            "when the database is damaged: keep it aside and restore the newest backup "
            "(or start empty when there is none)"
        ),
    )
    parser.set_defaults(run=run)


def _server_checks(app: App, args: argparse.Namespace) -> dict[str, Any]:
    try:
        profile = app.profile(args)
    except CliError as error:
        return {"profile": None, "problem": str(error)}
    result: dict[str, Any] = {
        "profile": {
            "server": profile.base_url,
            "account": profile.account_id,
            "user": profile.user_email or profile.user_id,
        },
        "reachable": False,
        "token_valid": False,
        "backend": None,
    }
    try:
        started = time.monotonic()
        client = app.clients.client(profile)
        client.profile()
        result.update(
            reachable=True, token_valid=True, latency_ms=round((time.monotonic() - started) * 1000)
        )
        if client.server_time is not None:  # scheduled messages go by the server's clock
            ahead = clock_ahead_of_server(client, app.clock)
            result["clock_ahead_seconds"] = round(ahead.total_seconds())
        service = app.service(args)
        detection = service.detect()
        result["backend"] = {
            "detected": detection.design.name,
            "why": detection.reason,
            "in_use": service.design().name,
        }
        known = service.profile.capabilities
        result["server_version"] = known.version
        result["delivery_check"] = {
            True: "key",  # the server keeps content_attributes: the delivery key proves it
            False: "fingerprint",  # it drops them (Chatwoot 4.3): text, files, sender, time
            None: "key-then-fingerprint",  # not shown yet: both are looked for
        }[known.keeps_content_attributes]
    except NoTokenError as error:
        result["problem"] = str(error)
    except AuthError as error:
        result.update(
            reachable=True, problem=tr("the server refused the token: {error}").format(error=error)
        )
    except ChatwootError as error:
        result["problem"] = str(error)
    return result


def recover_database(home: Path) -> None:
    try:
        open_database(home).close()
        print(tr("the database is not damaged; nothing to recover"))
        return
    except DatabaseCorruptError:
        pass
    done = recover(home)
    if done.kept_aside is not None:
        print(tr("the damaged database was kept as {path}").format(path=done.kept_aside))
    if done.restored is None:
        print(tr("no sound backup was found: starting with an empty database"))
    else:
        print(
            tr("restored the backup {backup}").format(
                backup=done.restored.describe(datetime.now(UTC))
            )
        )


def yes_no(value: bool) -> str:
    return tr("yes") if value else tr("no")


def report_lines(report: dict[str, Any]) -> list[tuple[str, str]]:
    server, keyring, o = report["server"], report["keyring"], report["outbox"]
    lines = [
        (
            tr("data directory"),
            tr("{home} (schema {schema})").format(
                home=report["home"], schema=report["database"]["schema"]
            ),
        ),
        (
            tr("keyring"),
            keyring["backend"]
            + ("" if keyring["available"] else tr(" (none available: tokens cannot be kept)")),
        ),
    ]
    if server.get("profile"):
        p = server["profile"]
        latency = server.get("latency_ms")
        lines += [
            (
                tr("server"),
                tr("{server} account {account} as {user}").format(
                    server=p["server"], account=p["account"], user=p["user"]
                ),
            ),
            (
                tr("reachable"),
                yes_no(server["reachable"]) + (f" ({latency} ms)" if latency is not None else ""),
            ),
            (tr("token valid"), yes_no(server["token_valid"])),
        ]
        if server.get("backend"):
            b = server["backend"]
            lines.append(
                (
                    tr("backend"),
                    tr("{in_use} (detected {detected}: {why})").format(
                        in_use=b["in_use"], detected=b["detected"], why=b["why"]
                    ),
                )
            )
        # seconds apart are no news (and would read "0 minutes"): a minute or more is
        if abs(int(server.get("clock_ahead_seconds") or 0)) >= CLOCK_TOLD_FROM:
            lines.append((tr("clock"), clock_words(int(server["clock_ahead_seconds"]))))
        if server.get("delivery_check"):
            lines.append((tr("after an uncertain send"), check_words(server["delivery_check"])))
    if server.get("problem"):
        lines.append((tr("problem"), str(server["problem"])))
    lines.append(
        (
            tr("outbox"),
            tr(
                "pending {pending}, overdue {overdue}, failed {failed}, held {held}, "
                "missed {missed}"
            ).format(**o),
        )
    )
    kept = report.get("on_servers")
    if kept and any(kept[k] for k in ("pending", "held", "draft", "failed", "unsettled")):
        lines.append(
            (
                tr("kept by servers"),
                tr(
                    "pending {pending}, held {held}, drafts {draft}, failed {failed}, "
                    "awaiting the server's word {unsettled}"
                ).format(**kept),
            )
        )
    return lines


def check_words(method: str) -> str:
    """How a send with no clear answer is looked for before any second try."""
    return {
        "key": tr("looked for by its delivery key (the server keeps it)"),
        "fingerprint": tr(
            "looked for by its text, files and sender (the server drops the delivery key)"
        ),
    }.get(method, tr("looked for by its delivery key, else by its text, files and sender"))


def aligned(lines: list[tuple[str, str]]) -> str:
    width = max(len(label) for label, _ in lines) + 2
    return "\n".join(label.ljust(width) + value for label, value in lines)


@handles_errors
def run(args: argparse.Namespace) -> int:
    if args.recover:
        recover_database(resolve_home(getattr(args, "home", None)))
    with App.open(args) as app:
        now = app.clock.now()
        every = app.outbox.find()
        local = [r for r in every if r.is_local]
        counts = {state.value: 0 for state in OutboxState}
        for record in local:
            counts[record.state.value] += 1
        # messages the servers keep, as last seen there (and steps still to settle)
        kept = {state.value: 0 for state in OutboxState}
        for record in every:
            if not record.is_local:
                kept[record.state.value] += 1
        unsettled = sum(1 for r in every if r.intent is not None)
        report: dict[str, Any] = {
            "version": __version__,
            "home": str(app.home),
            "database": {"path": str(app.db.path), "schema": current_revision(app.db.engine)},
            "settings": app.settings.all(),
            "keyring": {
                "backend": app.credentials.backend_name,
                "available": app.credentials.keyring_available,
            },
            "outbox": {
                **counts,
                "overdue": sum(
                    1 for r in local if r.state is OutboxState.PENDING and r.due_at < now
                ),
            },
            "on_servers": {**kept, "unsettled": unsettled},
            "server": _server_checks(app, args),
        }
    server = report["server"]
    healthy = server.get("token_valid", False)
    if args.json:
        print_json({**report, "ok": healthy})
    else:
        print(f"Agent Desktop {report['version']}")
        print(aligned(report_lines(report)))
    return EXIT_OK if healthy else EXIT_REMOTE
