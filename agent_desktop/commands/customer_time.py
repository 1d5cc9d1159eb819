"""`schedule`'s and `edit`'s times on the customer's side: `--at their-morning`,
`--at inbox-opens`, `--tz customer|inbox` and `--customer-zone`, read from the
conversation's contact and inbox on the server (--customer-zone also written to the
contact there when Settings allow it); then the time as the agent, UTC and the
customer see it, and the warnings of core.send_advice (never a refusal)."""

from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from agent_desktop.chatwoot.contact_updates import share_zone
from agent_desktop.chatwoot.customers import customer_side
from agent_desktop.chatwoot.errors import ChatwootError
from agent_desktop.commands.context import App, CliError, describe
from agent_desktop.core.business_hours import BusinessHours, parse_business_hours
from agent_desktop.core.customer_zone import (
    CustomerZone,
    UnknownCustomerZoneError,
    ZoneSource,
    infer_zone,
)
from agent_desktop.core.i18n import tr
from agent_desktop.core.presets import CustomerPreset, customer_preset, parse_when
from agent_desktop.core.send_advice import send_advice
from agent_desktop.core.timezones import ZonedTime, from_utc, local_zone, resolve_zone, to_utc
from agent_desktop.scheduling.service import SchedulingService
from agent_desktop.store.contact_zones import contact_zone, set_contact_zone

CUSTOMER, INBOX = "customer", "inbox"


@dataclass(frozen=True)
class CustomerTime:
    """What is known of the other side's clocks."""

    contact_id: int | None
    zone: CustomerZone
    hours: BusinessHours | None  # None: the inbox could not be read


def add_customer_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--customer-zone",
        metavar="ZONE",
        help=tr("the customer's IANA time zone, kept for this contact from then on"),
    )


def _tz_word(args: argparse.Namespace) -> str | None:
    word = (args.tz or "").strip().casefold()
    return word if word in (CUSTOMER, INBOX) else None


def needs_customer(args: argparse.Namespace) -> bool:
    """Whether the time itself depends on the customer or the inbox."""
    return customer_preset(args.at) is not None or _tz_word(args) is not None


def check_zones(args: argparse.Namespace) -> None:
    """A wrong zone is told before anything opens."""
    if _tz_word(args) is None:
        resolve_zone(args.tz)
    if args.customer_zone is not None:
        resolve_zone(args.customer_zone)


def _how_to_set() -> str:
    return tr(
        "give it with --customer-zone ZONE (kept for this contact), "
        "e.g. --customer-zone America/Sao_Paulo"
    )


NOTHING_KNOWN = CustomerTime(None, CustomerZone(None, ZoneSource.UNKNOWN), None)


def offline(args: argparse.Namespace) -> CustomerTime:
    """For --dry-run, which asks no server: the zone given with --customer-zone only."""
    if customer_preset(args.at) is CustomerPreset.INBOX_OPENS or _tz_word(args) == INBOX:
        raise CliError(tr("the inbox's hours come from the server: leave out --dry-run"))
    if args.customer_zone is None:
        return NOTHING_KNOWN
    zone = resolve_zone(args.customer_zone)
    return CustomerTime(None, CustomerZone(zone, ZoneSource.AGENT), None)


def gather(
    app: App,
    service: SchedulingService,
    conversation_id: int,
    customer_zone: str | None,
    required: bool,
) -> CustomerTime | None:
    """The conversation's contact and inbox from the server, the zone the agent gave
    (kept for the contact) or kept before, and what follows from them. When the time
    does not depend on them, a server that cannot say leaves them out (None)."""
    try:
        side = customer_side(service.client(), conversation_id)
    except ChatwootError:
        if required:
            raise
        return None
    profile_id = service.profile.id
    given = resolve_zone(customer_zone).key if customer_zone else None
    if side.contact_id is not None and given is not None:
        set_contact_zone(app.home, profile_id, side.contact_id, given)
        if app.settings.current().share_customer_zone:
            share(service, side.contact_id, given)
    kept = contact_zone(app.home, profile_id, side.contact_id) if side.contact_id else None
    zone = infer_zone(side.contact, given or kept)
    hours = parse_business_hours(side.inbox) if side.inbox is not None else None
    return CustomerTime(side.contact_id, zone, hours)


def share(service: SchedulingService, contact_id: int, zone: str) -> None:
    """The zone on the contact in Chatwoot too, as Settings allow: a refusal is one line
    on stderr, and the zone stays kept here all the same."""
    try:
        share_zone(service.client(), contact_id, zone)
    except ChatwootError as error:
        print(
            tr(
                "warning: the customer's time zone is kept here but could not be "
                "written to the contact in Chatwoot: {reason}"
            ).format(reason=describe(error)),
            file=sys.stderr,
        )


def settle(
    app: App,
    service: SchedulingService,
    args: argparse.Namespace,
    conversation_id: int,
    now: datetime,
    *,
    ask: bool,
) -> tuple[ZonedTime, CustomerTime | None]:
    """The instant --at, --tz, --later and --customer-zone name for a message in this
    conversation, read alike by `schedule` and `edit`, with what is known of its customer
    and inbox. A time on their clocks needs them from the server (its failure is the
    command's); for any other time they are asked only when `ask`, best effort, for the
    customer's time and the warnings (None when not asked or not answered)."""
    required = needs_customer(args)
    found = (
        gather(app, service, conversation_id, args.customer_zone, required)
        if required or ask
        else None
    )
    return resolve(args, now, found or NOTHING_KNOWN), found


def resolve(args: argparse.Namespace, now: datetime, found: CustomerTime) -> ZonedTime:
    """--at, --tz and --later with the customer's and the inbox's clocks at hand."""
    preset = customer_preset(args.at)
    word = _tz_word(args)
    needs_inbox = preset is CustomerPreset.INBOX_OPENS or (preset is None and word == INBOX)
    if needs_inbox and found.hours is None:
        raise CliError(tr("the conversation's inbox is not among yours: its hours are unknown"))
    needs_zone = preset is CustomerPreset.THEIR_MORNING or (preset is None and word == CUSTOMER)
    if needs_zone and found.zone.zone is None:
        raise UnknownCustomerZoneError(found.zone, _how_to_set())
    if preset is not None:
        picked, zone = preset.pick(now, found.zone.zone, found.hours)
    else:
        if word == CUSTOMER:
            assert found.zone.zone is not None
            zone = found.zone.zone
        elif word == INBOX:
            assert found.hours is not None
            zone = found.hours.zone
        else:
            zone = resolve_zone(args.tz)
        picked = parse_when(args.at, now, zone)
    return to_utc(picked.wall, zone, later=picked.later or args.later)


def times_line(when: ZonedTime, found: CustomerTime) -> str:
    """The instant for the agent, in UTC and for the customer, on one line."""
    here = from_utc(when.instant, local_zone())
    mine = tr("{time} {zone} for you").format(time=here.display(), zone=here.zone_name)
    customer = found.zone.zone
    if customer is None:
        theirs = tr("the customer's zone: {how}").format(how=found.zone.how)
    else:
        there = from_utc(when.instant, customer)
        theirs = tr("{time} {zone} for the customer ({how})").format(
            time=there.display(), zone=there.zone_name, how=found.zone.how
        )
    return f"  {mine} · {when.iso_utc()} · {theirs}"


def warn(when: ZonedTime, found: CustomerTime) -> None:
    """The warnings on stderr, with the next time that suits both sides."""
    advice = send_advice(when.instant, found.hours, found.zone.zone)
    for warning in advice.warnings:
        print(tr("warning: {warning}").format(warning=warning.text), file=sys.stderr)
    if advice.better is not None:
        better = from_utc(advice.better, local_zone())
        print(
            tr("note: the next time that suits both: {time} {zone} = {utc}").format(
                time=better.display(), zone=better.zone_name, utc=better.iso_utc()
            ),
            file=sys.stderr,
        )


def customer_json(when: ZonedTime, found: CustomerTime) -> dict[str, Any]:
    """For --json: the customer's zone and clock, and the warnings."""
    customer = found.zone.zone
    advice = send_advice(when.instant, found.hours, customer)
    return {
        "zone": customer.key if customer else None,
        "local": from_utc(when.instant, customer).iso_local() if customer else None,
        "how": found.zone.how,
        "candidates": list(found.zone.candidates),
        "warnings": [w.text for w in advice.warnings],
        "better": from_utc(advice.better, local_zone()).iso_utc() if advice.better else None,
    }
