"""`agent-desktop conversations`: the account's conversations, filtered as in Chatwoot."""

from __future__ import annotations

import argparse
from datetime import UTC, datetime

from agent_desktop.chatwoot.client import ASSIGNEE_TYPES, CONVERSATION_STATUSES
from agent_desktop.commands.context import App, handles_errors
from agent_desktop.commands.exits import EXIT_OK
from agent_desktop.commands.output import iso_z, print_json, snippet, table
from agent_desktop.core.i18n import tr
from agent_desktop.core.relative import relative
from agent_desktop.labels import status_label


def add_parser(
    subparsers: argparse._SubParsersAction[argparse.ArgumentParser], common: argparse.ArgumentParser
) -> None:
    parser = subparsers.add_parser("conversations", parents=[common], help=tr("list conversations"))
    parser.add_argument("--status", choices=CONVERSATION_STATUSES, default="open")
    parser.add_argument(
        "--assignee", choices=[a for a in ASSIGNEE_TYPES if a != "assigned"], default="me"
    )
    parser.add_argument("--page", type=int, default=1)
    parser.add_argument("--json", action="store_true", help=tr("print JSON"))
    parser.set_defaults(run=run)


@handles_errors
def run(args: argparse.Namespace) -> int:
    with App.open(args) as app:
        profile = app.profile(args)
        page = app.clients.client(profile).conversations(
            status=args.status, assignee_type=args.assignee, page=args.page
        )
    if args.json:
        print_json(
            {
                "counts": vars(page.counts),
                "conversations": [
                    {
                        "id": c.id,
                        "status": c.status.value,
                        "contact": c.title,
                        "inbox_id": c.inbox_id,
                        "unread_count": c.unread_count,
                        "last_activity_at": iso_z(c.last_activity_at)
                        if c.last_activity_at
                        else None,
                        "last_message": c.last_message.content if c.last_message else None,
                    }
                    for c in page.conversations
                ],
            }
        )
        return EXIT_OK
    now = datetime.now(UTC)
    rows = [
        [
            str(c.id),
            status_label(c.status),
            c.title,
            str(c.unread_count or ""),
            relative(c.last_activity_at, now) if c.last_activity_at else "",
            snippet(c.last_message.content if c.last_message else ""),
        ]
        for c in page.conversations
    ]
    headers = [tr("ID"), tr("STATUS"), tr("CONTACT"), tr("UNREAD"), tr("ACTIVE")]
    print(table(rows, [*headers, tr("LAST MESSAGE")]))
    counts = page.counts
    summary = tr("mine {mine} · unassigned {unassigned} · all {all}").format(
        mine=counts.mine, unassigned=counts.unassigned, all=counts.all
    )
    if page.may_have_more:
        summary += " · " + tr("page {page}, more with --page {next}").format(
            page=args.page, next=args.page + 1
        )
    print("\n" + summary)
    return EXIT_OK
