"""`agent-desktop schedule`: schedule a reply for a local date and time."""

from __future__ import annotations

import argparse
import contextlib
import sys
from datetime import datetime
from pathlib import Path

from agent_desktop.chatwoot.errors import ChatwootError
from agent_desktop.commands import customer_time
from agent_desktop.commands.arguments import record_id
from agent_desktop.commands.context import App, CliError, handles_errors
from agent_desktop.commands.exits import EXIT_OK
from agent_desktop.commands.output import (
    local_display,
    print_json,
    record_json,
    tell_account,
    tell_clock_skew,
    zone_of,
)
from agent_desktop.core.i18n import tr
from agent_desktop.core.presets import parse_when
from agent_desktop.core.timezones import (
    ZonedTime,
    format_offset,
    resolve_wall_time,
    resolve_zone,
    to_utc,
)
from agent_desktop.credentials import CredentialsError
from agent_desktop.scheduling import designs, policy
from agent_desktop.scheduling.clients import NoTokenError
from agent_desktop.scheduling.errors import RuleError
from agent_desktop.scheduling.requests import ScheduleRequest
from agent_desktop.store.records import LOCAL, OutboxRecord
from agent_desktop.store.settings import BACKENDS
from agent_desktop.store.states import OutboxState

# states in which a message may still reach the customer
STILL_TO_GO = frozenset({OutboxState.PENDING, OutboxState.SENDING, OutboxState.HELD})


def add_time_options(
    parser: argparse.ArgumentParser, required: bool, customer: bool = False
) -> None:
    at_help = tr(
        'when to send: "YYYY-MM-DD HH:MM[:SS]" in local time, +1h, +90m, '
        '"tomorrow 09:00" or "monday 09:00" (the next Monday)'
    )
    tz_help = tr("the IANA time zone of --at (default: this computer's)")
    if customer:
        at_help += tr(
            "; their-morning (the next 9:00 for the customer) or inbox-opens (the next "
            "opening of the inbox's business hours)"
        )
        tz_help += tr("; customer or inbox: the customer's or the inbox's zone")
    parser.add_argument("--at", required=required, metavar="WHEN", help=at_help)
    parser.add_argument("--tz", metavar="ZONE", help=tz_help)
    parser.add_argument(
        "--later",
        action="store_true",
        help=tr("when clocks fall back and the time happens twice, the second"),
    )


def add_text_options(parser: argparse.ArgumentParser, required: bool) -> None:
    text = parser.add_mutually_exclusive_group(required=required)
    text.add_argument("--text", help=tr("the message"))
    text.add_argument(
        "--text-file", metavar="FILE", help=tr("read the message from FILE (- for standard input)")
    )


def add_parser(
    subparsers: argparse._SubParsersAction[argparse.ArgumentParser], common: argparse.ArgumentParser
) -> None:
    parser = subparsers.add_parser("schedule", parents=[common], help=tr("schedule a reply"))
    parser.add_argument("conversation_id", type=record_id, metavar="CONVERSATION_ID")
    add_text_options(parser, required=True)
    add_time_options(parser, required=True, customer=True)
    customer_time.add_customer_options(parser)
    parser.add_argument(
        "--again",
        action="store_true",
        help=tr("schedule it even if the same text already waits in this conversation"),
    )
    parser.add_argument(
        "--wait-for-opening",
        action="store_true",
        help=tr(
            "if that time falls while the inbox is closed, send at its next opening "
            "(its business hours)"
        ),
    )
    parser.add_argument(
        "--no-hold-on-reply",
        action="store_true",
        help=tr("send even if the customer replies meanwhile"),
    )
    parser.add_argument(
        "--attach",
        action="append",
        default=[],
        metavar="FILE",
        help=tr("attach a file (may be repeated)"),
    )
    parser.add_argument(
        "--backend",
        choices=BACKENDS,
        default=None,
        help=tr("where the message waits (default: the 'backend' setting)"),
    )
    parser.add_argument(
        "--dry-run", action="store_true", help=tr("check and show the time only; contact no server")
    )
    parser.add_argument("--json", action="store_true", help=tr("print JSON"))
    parser.set_defaults(run=run)


def read_text(args: argparse.Namespace) -> str | None:
    if args.text is not None:
        return str(args.text)
    if args.text_file is None:
        return None
    if args.text_file == "-":
        return sys.stdin.read()
    path = Path(args.text_file).expanduser()
    if path.is_dir():
        raise CliError(tr("cannot read {file}: it is a folder").format(file=args.text_file))
    if path.is_file() and path.stat().st_size > policy.MAX_TEXT_BYTES:
        raise CliError(
            tr("cannot read {file}: it is far longer than any message can be").format(
                file=args.text_file
            )
        )
    try:
        return path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise CliError(tr("cannot read {file}: no such file").format(file=args.text_file)) from None
    except PermissionError:
        raise CliError(
            tr("cannot read {file}: permission denied").format(file=args.text_file)
        ) from None
    except UnicodeDecodeError:
        raise CliError(
            tr("cannot read {file}: it is not UTF-8 text").format(file=args.text_file)
        ) from None


def resolve_time(args: argparse.Namespace, now: datetime) -> ZonedTime:
    """--at, --tz and --later as the instant they name (presets resolved from `now`)."""
    zone = resolve_zone(args.tz)
    picked = parse_when(args.at, now, zone)
    return to_utc(picked.wall, zone, later=picked.later or args.later)


def time_json(when: ZonedTime) -> dict[str, object]:
    resolution = resolve_wall_time(when.wall, when.zone)
    return {
        "utc": when.iso_utc(),
        "local": when.iso_local(),
        "zone": when.zone_name,
        "offset": format_offset(when.offset),
        "display": when.display(),
        "repeated_hour": resolution.earlier != resolution.later,
    }


@handles_errors
def run(args: argparse.Namespace) -> int:
    text = read_text(args)
    assert text is not None  # the group is required
    customer_time.check_zones(args)  # a wrong zone is told before anything opens
    needs_customer = customer_time.needs_customer(args)
    with App.open(args) as app:
        now = app.clock.now()
        # a time that needs no customer is read, or refused, before a server is asked
        when = None if needs_customer else resolve_time(args, now)
        if args.dry_run:
            given = customer_time.offline(args)
            when = when or customer_time.resolve(args, now, given)
            # no server is asked, so the agent's own rules, as this app's outbox has them
            violations = policy.check_schedule(
                text,
                len(args.attach),
                when.instant,
                now,
                app.settings.current().rules,
                designs.traits(LOCAL),
            )
            if violations:
                raise RuleError(violations)
            if args.json:
                shown = time_json(when)
                if given.zone.known:  # only a zone given here: no server was asked
                    shown["customer"] = customer_time.customer_json(when, given)
                print_json(shown)
            else:
                print(
                    tr("would send at {local} {zone} = {utc}").format(
                        local=when.display(), zone=when.zone_name, utc=when.iso_utc()
                    )
                )
                if given.zone.known:
                    print(customer_time.times_line(when, given))
            customer_time.warn(when, given)
            return EXIT_OK
        service = app.service(args)
        if not args.again:
            refuse_a_second_copy(service.find(conversation_id=args.conversation_id), text)
        # a conversation that is not there is told now, not at its time
        checked = service.check_conversation(args.conversation_id)
        # their clocks, when the server answers: a time that depends on them needs them,
        # and any other time is warned of with them (the inbox closed, the customer's night)
        when, found = customer_time.settle(
            app, service, args, args.conversation_id, now, ask=not checked.warning
        )
        request = ScheduleRequest(
            conversation_id=args.conversation_id,
            text=text,
            when=when,
            hold_on_reply=not args.no_hold_on_reply,
            files=tuple(Path(p).expanduser() for p in args.attach),
            conversation_label=checked.title,
            channel=checked.channel,
            channel_known=not checked.warning,  # else learned at its time
            wait_for_opening=args.wait_for_opening,
        )
        record = service.schedule(request, backend=args.backend)
        if checked.warning:  # told once it is kept: a refusal after it would say otherwise
            print(tr("warning: {warning}").format(warning=checked.warning), file=sys.stderr)
        tell_account(args, service.profile)
        # a warning only: it never turns a message kept into a failed command
        with contextlib.suppress(ChatwootError, CredentialsError, NoTokenError):
            tell_clock_skew(service.client(), app.clock)
        if service.kept_here_because is not None:
            print(
                tr(
                    "note: the server could not be asked whether it schedules messages "
                    "itself: this one stays in this computer's outbox even if it does"
                ),
                file=sys.stderr,
            )
        if record.is_local:
            print(
                tr(
                    "note: it is kept in this computer's outbox and goes out only while "
                    "Agent Desktop's window or 'agent-desktop run' is running at its time"
                ),
                file=sys.stderr,
            )
        if request.hold_on_reply and not record.hold_on_reply:
            print(
                tr(
                    "note: where it waits, a reply from the customer does not hold it: "
                    "it goes out at its time"
                ),
                file=sys.stderr,
            )
        elif (
            record.hold_on_reply and service.traits(designs.design(record.backend)).hold_unconfirmed
        ):
            print(
                tr(
                    "note: the server has not shown yet that it holds a message when the "
                    "customer replies (older versions of it do not): this one may go out anyway"
                ),
                file=sys.stderr,
            )
    if args.json:
        shown = record_json(record, when.zone)
        if found is not None:
            shown["customer"] = customer_time.customer_json(when, found)
        print_json(shown)
    else:
        print(
            tr(
                "Scheduled #{id} for {local} ({utc}) in conversation {conversation}, kept by "
                "{backend}."
            ).format(
                id=record.id,
                local=local_display(record.scheduled_at, when.zone),
                utc=when.iso_utc(),
                conversation=record.conversation_id,
                backend=record.backend,
            )
        )
        if found is not None:
            print(customer_time.times_line(when, found))
        if record.wait_for_opening:
            print(tr("If the inbox is closed then, it goes out when the inbox opens."))
    if found is not None:
        customer_time.warn(when, found)
    return EXIT_OK


def refuse_a_second_copy(records: list[OutboxRecord], text: str) -> None:
    """The same text already waiting in the conversation is most often a command run
    again after an unclear answer ("kept … checked at the next look"): a second copy
    would reach the customer twice. --again says it is meant."""
    same = [r for r in records if r.state in STILL_TO_GO and r.content == text]
    if same:
        first = same[0]
        raise CliError(
            tr(
                "the same text already waits in conversation {conversation} as #{id} "
                "({when}); add --again to schedule another copy"
            ).format(
                conversation=first.conversation_id,
                id=first.id,
                when=local_display(first.scheduled_at, zone_of(first)),
            )
        )
