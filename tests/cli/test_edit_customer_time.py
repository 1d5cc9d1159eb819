"""`edit` on the customer's and the inbox's clocks, against the demo server: `--at
their-morning`, `--at inbox-opens`, `--tz customer|inbox` and `--customer-zone` land where
`schedule` lands for the same conversation, on a computer in New York or on UTC. In the
upstream account, conversation 1's customer lives in São Paulo, 2 writes to Lisbon's inbox
(weekdays 9:00-18:00), 12's number is Idaho's (two zones) and 32's contact has no number
or place at all."""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest
import tzlocal

from tests.cli.conftest import Result
from tests.cli.test_customer_time import SAO_PAULO, next_wall, one_line

LISBON = ZoneInfo("Europe/Lisbon")
BOISE = ZoneInfo("America/Boise")
NINE = datetime(2000, 1, 1, 9).time()
COMPUTER_ZONES = ["America/New_York", "UTC"]


@pytest.fixture
def computer_zone(request, monkeypatch) -> Iterator[str]:
    """This computer's zone, which a plain --at is read in and every line shows."""
    monkeypatch.setenv("TZ", request.param)
    time.tzset()
    tzlocal.reload_localzone()
    yield request.param
    monkeypatch.undo()
    time.tzset()
    tzlocal.reload_localzone()


@pytest.fixture
def cli_now(cli: Callable[..., Result]) -> Callable[..., Result]:
    """The command line, with no lead time required (a 9:00 a minute away is fine)."""
    assert cli("config", "set", "min_lead_minutes", "0").code == 0
    return cli


def scheduled(cli: Callable[..., Result], conversation: str, *options: str) -> tuple[int, datetime]:
    made = cli("schedule", conversation, "--text", f"#{time.monotonic_ns()}", *options, "--json")
    assert made.code == 0, made.err
    shown = json.loads(made.out)
    return shown["id"], datetime.fromisoformat(shown["scheduled_at"].replace("Z", "+00:00"))


def kept_at(cli: Callable[..., Result], outbox_id: int) -> datetime:
    rows = json.loads(cli("scheduled", "--json").out)
    (row,) = [r for r in rows if r["id"] == outbox_id]
    return datetime.fromisoformat(row["scheduled_at"].replace("Z", "+00:00"))


@pytest.mark.parametrize("computer_zone", COMPUTER_ZONES, indirect=True)
def test_edit_at_their_morning_lands_where_schedule_lands(cli_now, computer_zone):
    outbox_id, _ = scheduled(cli_now, "1", "--at", "+3h")
    before = datetime.now(UTC)
    _, by_schedule = scheduled(cli_now, "1", "--at", "their-morning")
    edited = cli_now("edit", str(outbox_id), "--at", "their-morning")
    after = datetime.now(UTC)
    assert edited.code == 0, edited.err
    moved = kept_at(cli_now, outbox_id)
    # the same instant, unless 9:00 came for the customer between the two commands
    assert moved == by_schedule or next_wall(SAO_PAULO, NINE, before) != next_wall(
        SAO_PAULO, NINE, after
    )
    assert moved.astimezone(SAO_PAULO).hour == 9
    # and said as `schedule` says it: for the agent on this computer, in UTC, for them
    times = edited.out.splitlines()[1]
    assert f"{computer_zone} for you" in times
    assert moved.strftime("%Y-%m-%dT%H:%M:%SZ") in times
    assert "09:00 (UTC-03:00) America/Sao_Paulo for the customer (from the city São Paulo)" in (
        times
    )


@pytest.mark.parametrize("computer_zone", COMPUTER_ZONES, indirect=True)
def test_edit_reads_a_time_on_the_inbox_s_clock_as_schedule_does(cli_now, computer_zone):
    outbox_id, _ = scheduled(cli_now, "2", "--at", "+3h")
    _, by_schedule = scheduled(cli_now, "2", "--at", "tomorrow 10:00", "--tz", "inbox")
    edited = cli_now("edit", str(outbox_id), "--at", "tomorrow 10:00", "--tz", "inbox")
    assert edited.code == 0, edited.err
    moved = kept_at(cli_now, outbox_id)
    assert moved == by_schedule
    assert moved.astimezone(LISBON).hour == 10
    # a plain time on this computer's clock stays this computer's
    plain = cli_now("edit", str(outbox_id), "--at", "tomorrow 10:00")
    assert plain.code == 0, plain.err
    assert kept_at(cli_now, outbox_id).astimezone(ZoneInfo(computer_zone)).hour == 10


def test_edit_at_inbox_opens_is_the_inbox_s_next_opening_with_its_warnings(cli_now):
    outbox_id, _ = scheduled(cli_now, "2", "--at", "+3h")
    _, by_schedule = scheduled(cli_now, "2", "--at", "inbox-opens")
    edited = cli_now("edit", str(outbox_id), "--at", "inbox-opens")
    assert edited.code == 0, edited.err
    moved = kept_at(cli_now, outbox_id)
    assert moved == by_schedule
    opened = moved.astimezone(LISBON)
    assert (opened.hour, opened.minute) == (9, 0) and opened.weekday() < 5
    sunday = cli_now("edit", str(outbox_id), "--at", "sunday 12:00", "--tz", "inbox")
    assert sunday.code == 0, sunday.err
    assert "warning: outside the inbox's business hours (opens Mon 09:00 Europe/Lisbon)" in (
        sunday.err
    )


def test_edit_takes_the_zone_given_keeps_it_and_refuses_without_one(cli_now):
    outbox_id, first = scheduled(cli_now, "12", "--at", "+3h")
    idaho = one_line(cli_now("edit", str(outbox_id), "--at", "their-morning"))
    assert "several zones possible: America/Boise, America/Los_Angeles" in idaho
    assert "--customer-zone ZONE" in idaho
    assert kept_at(cli_now, outbox_id) == first  # nothing changed
    given = cli_now(
        "edit", str(outbox_id), "--at", "their-morning", "--customer-zone", "America/Boise"
    )
    assert given.code == 0, given.err
    moved = kept_at(cli_now, outbox_id)
    assert moved.astimezone(BOISE).hour == 9
    # kept for the contact: `schedule` now finds it too
    _, by_schedule = scheduled(cli_now, "12", "--at", "their-morning")
    assert by_schedule == moved
    nobody_id, _ = scheduled(cli_now, "32", "--at", "+3h")
    nothing = one_line(
        cli_now("edit", str(nobody_id), "--at", "tomorrow 10:00", "--tz", "customer")
    )
    assert "no zone known" in nothing and "--customer-zone ZONE" in nothing


def test_customer_options_go_with_a_time(cli_now):
    outbox_id, _ = scheduled(cli_now, "1", "--at", "+3h")
    alone = one_line(cli_now("edit", str(outbox_id), "--customer-zone", "Asia/Tokyo"))
    assert "--customer-zone go with --at" in alone
    wrong = one_line(
        cli_now("edit", str(outbox_id), "--at", "their-morning", "--customer-zone", "Mars/Base")
    )
    assert wrong.startswith("error: unknown time zone 'Mars/Base'")
    missing = cli_now("edit", "999999", "--at", "their-morning")
    assert missing.code != 0 and "999999" in missing.err


def test_a_plain_time_is_still_warned_of_on_the_customer_s_side(cli_now):
    """`schedule` asks for the customer and the inbox even for a time on no one's clock
    but this computer's: its warnings need them."""
    made = cli_now("schedule", "2", "--text", "Olá", "--at", "sunday 12:00")
    assert made.code == 0, made.err
    assert "warning: outside the inbox's business hours (opens Mon 09:00 Europe/Lisbon)" in (
        made.err
    )
