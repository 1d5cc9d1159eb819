"""`scheduled`, `edit`, `cancel`, `send-now`, `retry`: every scheduled message of the
account, whatever its backend, and what can be done with one."""

from __future__ import annotations

import argparse
import sys

from agent_desktop.chatwoot.errors import ChatwootError
from agent_desktop.commands import customer_time
from agent_desktop.commands.arguments import record_id
from agent_desktop.commands.context import App, CliError, handles_errors
from agent_desktop.commands.exits import EXIT_OK, EXIT_REMOTE
from agent_desktop.commands.output import (
    local_display,
    print_json,
    record_json,
    snippet,
    table,
    tell_account,
    zone_of,
)
from agent_desktop.commands.schedule import (
    add_text_options,
    add_time_options,
    read_text,
    resolve_time,
)
from agent_desktop.core.i18n import tr
from agent_desktop.labels import state_label, timing
from agent_desktop.scheduling.clients import NoTokenError
from agent_desktop.scheduling.errors import SchedulingError
from agent_desktop.scheduling.service import SchedulingService
from agent_desktop.store.records import OutboxRecord
from agent_desktop.store.states import OutboxState

STATUSES = [s.value for s in OutboxState]


def add_parsers(
    subparsers: argparse._SubParsersAction[argparse.ArgumentParser], common: argparse.ArgumentParser
) -> None:
    listing = subparsers.add_parser(
        "scheduled", parents=[common], help=tr("list scheduled messages")
    )
    listing.add_argument("--status", choices=[*STATUSES, "all"], default="all")
    listing.add_argument("--conversation", type=record_id, metavar="ID")
    listing.add_argument("--search", metavar="TEXT")
    listing.add_argument("--json", action="store_true", help=tr("print JSON"))
    listing.set_defaults(run=list_scheduled)

    edit = subparsers.add_parser(
        "edit", parents=[common], help=tr("change a scheduled message's text or time")
    )
    edit.add_argument("id", type=record_id, metavar="ID")
    add_text_options(edit, required=False)
    add_time_options(edit, required=False, customer=True)
    customer_time.add_customer_options(edit)
    hold = edit.add_mutually_exclusive_group()
    hold.add_argument(
        "--hold-on-reply",
        dest="hold",
        action="store_const",
        const=True,
        help=tr("hold it if the customer replies meanwhile"),
    )
    hold.add_argument(
        "--no-hold-on-reply",
        dest="hold",
        action="store_const",
        const=False,
        help=tr("send even if the customer replies meanwhile"),
    )
    edit.set_defaults(run=edit_scheduled, hold=None)

    for name, helptext, function in (
        ("cancel", tr("cancel a scheduled message"), cancel),
        ("restore", tr("bring a cancelled message back, before its time"), restore),
        ("send-now", tr("send a scheduled message now"), send_now),
        ("retry", tr("try a failed message again now"), retry),
    ):
        parser = subparsers.add_parser(name, parents=[common], help=helptext)
        parser.add_argument("id", type=record_id, metavar="ID")
        parser.set_defaults(run=function)


@handles_errors
def list_scheduled(args: argparse.Namespace) -> int:
    with App.open(args) as app:
        service = app.service(args)
        warning = None
        try:
            service.refresh(args.conversation)
        except (ChatwootError, NoTokenError) as error:
            warning = tr(
                "warning: the server could not be asked for news ({error}); showing what is known"
            ).format(error=error)
        states = None if args.status == "all" else [OutboxState(args.status)]
        records = service.find(states=states, conversation_id=args.conversation, search=args.search)
        now = app.clock.now()
    tell_account(args, service.profile)
    if warning:
        print(warning, file=sys.stderr)
    if args.json:
        print_json([record_json(r) for r in records])
        return EXIT_OK
    if not records:
        print(tr("No scheduled messages."))
        return EXIT_OK
    rows = [
        [
            str(r.id),
            local_display(r.scheduled_at, zone_of(r)),
            timing(r, now),
            str(r.conversation_id),
            state_label(r.state),
            r.backend,
            str(r.attempts),
            snippet(r.content, 40),
        ]
        for r in records
    ]
    headers = [tr("ID"), tr("WHEN"), "", tr("CONV"), tr("STATUS"), tr("BACKEND"), tr("TRIES")]
    print(table(rows, [*headers, tr("TEXT")]))
    # why a message is where it is (held, failed, stuck in a snoozed conversation, deleted
    # on the server, retrying): the table has no room for it
    reasons = [f"#{r.id}: {snippet(r.last_error, 200)}" for r in records if r.last_error]
    reasons += [
        f"#{r.id}: "
        + tr("the inbox is closed then: it goes out when it opens, {when}").format(
            when=local_display(r.due_at, zone_of(r))
        )
        for r in records
        if r.wait_for_opening and r.due_at > r.scheduled_at and r.state is OutboxState.PENDING
    ]
    if reasons:
        print()
        print("\n".join(reasons))
    return EXIT_OK


@handles_errors
def edit_scheduled(args: argparse.Namespace) -> int:
    text = read_text(args)
    if args.at is None and (args.tz or args.later or args.customer_zone):
        raise CliError(tr("--tz, --later and --customer-zone go with --at"))
    if text is None and args.at is None and args.hold is None:
        raise CliError(tr("say what to change: --text, --text-file, --at or --[no-]hold-on-reply"))
    customer_time.check_zones(args)  # a wrong zone is told before anything opens
    found: customer_time.CustomerTime | None = None
    with App.open(args) as app:
        service = app.service(args)
        when = None
        if args.at is not None:
            now = app.clock.now()
            if not customer_time.needs_customer(args):
                resolve_time(args, now)  # refused before a server is asked, as `schedule` does
            # read as `schedule` reads it; a plain time asks no server, so that a message
            # kept here is edited without one
            when, found = customer_time.settle(
                app, service, args, conversation_of(service, args.id), now, ask=False
            )
        record = service.edit(args.id, text=text, when=when, hold_on_reply=args.hold)
    print(
        tr("#{id} now {state} for {when}.").format(
            id=record.id,
            state=state_label(record.state),
            when=local_display(record.scheduled_at, zone_of(record)),
        )
    )
    if when is not None and found is not None:
        print(customer_time.times_line(when, found))
        customer_time.warn(when, found)
    return EXIT_OK


def conversation_of(service: SchedulingService, outbox_id: int) -> int:
    """The conversation of one of this account's scheduled messages, refused as any
    change to it is when there is none."""
    mine = service.get_many([outbox_id])
    if mine:
        return mine[0].conversation_id
    service.outbox.get(outbox_id)  # not there at all: told as every command tells it
    raise SchedulingError(
        tr("scheduled message {outbox_id} belongs to another account").format(outbox_id=outbox_id)
    )


@handles_errors
def cancel(args: argparse.Namespace) -> int:
    with App.open(args) as app:
        record = app.service(args).cancel(args.id)
    print(tr("#{id} cancelled.").format(id=record.id))
    return EXIT_OK


@handles_errors
def restore(args: argparse.Namespace) -> int:
    with App.open(args) as app:
        record = app.service(args).restore(args.id)
    print(
        tr("#{id} now {state} for {when}.").format(
            id=record.id,
            state=state_label(record.state),
            when=local_display(record.scheduled_at, zone_of(record)),
        )
    )
    return EXIT_OK


def _deliver_now(app: App, record: OutboxRecord) -> int:
    """Send one row at once from this process (unless a running app takes it first)."""
    after = app.dispatcher().deliver_now(record.id)
    if after is None:
        print(tr("#{id} is due now; a running Agent Desktop will send it.").format(id=record.id))
        return EXIT_OK
    if after.state is OutboxState.SENT:
        print(
            tr("#{id} sent (message {message}).").format(
                id=record.id, message=after.server_message_id
            )
        )
        return EXIT_OK
    if after.state is OutboxState.HELD:
        print(tr("#{id} held: {why}.").format(id=record.id, why=after.last_error))
        return EXIT_OK
    why = after.last_error or tr("sending is paused until you sign in again")
    print(
        tr("#{id} not sent: {why} (now {state}).").format(
            id=record.id, why=why, state=state_label(after.state)
        ),
        file=sys.stderr,
    )
    return EXIT_REMOTE


@handles_errors
def send_now(args: argparse.Namespace) -> int:
    with App.open(args) as app:
        return _deliver_now(app, app.service(args).send_now(args.id))


@handles_errors
def retry(args: argparse.Namespace) -> int:
    with App.open(args) as app:
        return _deliver_now(app, app.service(args).retry(args.id))
