"""`schedule` on the customer's and the inbox's clocks, against the demo server: their
contacts come from several countries and its inboxes keep hours in São Paulo, Lisbon and
New York. In the upstream account, conversation 1's customer lives in São Paulo, 8's has a
New York number and writes to Lisbon's e-mail inbox, 12's number is Idaho's (two zones),
16's is Indian, and 32's contact has no number or place at all."""

from __future__ import annotations

import json
from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest

from agent_desktop.core.timezones import local_zone

SAO_PAULO = ZoneInfo("America/Sao_Paulo")
LISBON = ZoneInfo("Europe/Lisbon")
KOLKATA = ZoneInfo("Asia/Kolkata")


@pytest.fixture
def cli_now(cli):
    """The command line, with no lead time required (a 9:00 a minute away is fine)."""
    assert cli("config", "set", "min_lead_minutes", "0").code == 0
    return cli


def next_wall(zone: ZoneInfo, clock: time, now: datetime, days: int = 0) -> datetime:
    local = now.astimezone(zone)
    day = local.date() + timedelta(days=days)
    if not days and local.time() >= clock:
        day += timedelta(days=1)
    return datetime.combine(day, clock, tzinfo=zone).astimezone(UTC)


def one_line(result) -> str:
    assert result.code == 2, result.out + result.err
    assert len(result.err.strip().splitlines()) == 1, result.err
    return str(result.err)


def scheduled_at(result) -> datetime:
    assert result.code == 0, result.err
    return datetime.fromisoformat(json.loads(result.out)["scheduled_at"].replace("Z", "+00:00"))


def test_their_morning_is_nine_in_sao_paulo_said_three_ways(cli_now):
    before = datetime.now(UTC)
    made = cli_now("schedule", "1", "--text", "Bom dia!", "--at", "their-morning", "--json")
    after = datetime.now(UTC)
    when = scheduled_at(made)
    assert when in {next_wall(SAO_PAULO, time(9), before), next_wall(SAO_PAULO, time(9), after)}
    customer = json.loads(made.out)["customer"]
    assert customer["zone"] == "America/Sao_Paulo" and customer["how"] == "from the city São Paulo"
    assert customer["local"].endswith("T09:00:00-03:00")
    (listed,) = json.loads(cli_now("scheduled", "--json").out)
    assert listed["scheduled_at"] == when.strftime("%Y-%m-%dT%H:%M:%SZ")
    shown = cli_now("schedule", "1", "--text", "Bom dia de novo!", "--at", "their-morning")
    assert shown.code == 0, shown.err
    times = shown.out.splitlines()[1]
    here = when.astimezone(local_zone())
    assert f"{here:%Y-%m-%d %H:%M}" in times and f"{local_zone().key} for you" in times
    assert when.strftime("%Y-%m-%dT%H:%M:%SZ") in times
    assert "09:00 (UTC-03:00) America/Sao_Paulo for the customer (from the city São Paulo)" in times


def test_tz_customer_reads_the_time_on_the_customer_s_clock(cli_now):
    before = datetime.now(UTC)
    made = cli_now(
        "schedule", "16", "--text", "Hi!", "--at", "tomorrow 10:00", "--tz", "customer", "--json"
    )
    after = datetime.now(UTC)
    assert scheduled_at(made) in {
        next_wall(KOLKATA, time(10), before, days=1),
        next_wall(KOLKATA, time(10), after, days=1),
    }
    assert json.loads(made.out)["customer"]["how"] == "from the phone number +91 98741 05452"


def test_inbox_opens_at_nine_in_lisbon_and_the_customer_s_night_is_warned_not_refused(cli_now):
    before = datetime.now(UTC)
    made = cli_now("schedule", "8", "--text", "Hello", "--at", "inbox-opens", "--json")
    when = scheduled_at(made)
    opened = when.astimezone(LISBON)
    assert (opened.hour, opened.minute) == (9, 0) and opened.weekday() < 5
    assert timedelta(0) < when - before <= timedelta(days=3, hours=1)
    # 9:00 in Lisbon is before dawn in New York
    assert "warning: 22:00–7:00 for the customer (it is 0" in made.err  # noqa: RUF001
    assert "America/New_York)" in made.err
    assert "note: the next time that suits both: " in made.err
    assert json.loads(made.out)["customer"]["warnings"][0].startswith("22:00–7:00")  # noqa: RUF001


def test_a_time_outside_the_inbox_s_hours_is_warned_with_its_opening(cli_now):
    made = cli_now("schedule", "2", "--text", "Olá", "--at", "sunday 12:00", "--tz", "inbox")
    assert made.code == 0, made.err
    assert "warning: outside the inbox's business hours (opens Mon 09:00 Europe/Lisbon)" in made.err


def test_several_possible_zones_or_none_refuse_in_one_line_and_say_how_to_set_it(cli_now):
    idaho = one_line(cli_now("schedule", "12", "--text", "x", "--at", "their-morning"))
    assert "several zones possible: America/Boise, America/Los_Angeles" in idaho
    assert "--customer-zone ZONE" in idaho
    nothing = one_line(
        cli_now("schedule", "32", "--text", "x", "--at", "tomorrow 10:00", "--tz", "customer")
    )
    assert "no zone known" in nothing and "--customer-zone ZONE" in nothing
    assert json.loads(cli_now("scheduled", "--json").out) == []  # nothing kept


def test_the_zone_the_agent_gives_is_kept_for_the_contact(cli_now):
    made = cli_now(
        "schedule",
        "12",
        "--text",
        "Good morning",
        "--at",
        "their-morning",
        "--customer-zone",
        "America/Boise",
        "--json",
    )
    assert scheduled_at(made).astimezone(ZoneInfo("America/Boise")).hour == 9
    again = cli_now("schedule", "12", "--text", "Again", "--at", "their-morning", "--json")
    assert json.loads(again.out)["customer"]["how"] == "set by you"
    assert scheduled_at(again) == scheduled_at(made)


def test_dry_run_takes_the_zone_given_and_asks_no_server_for_the_inbox(cli_now):
    tried = cli_now(
        "schedule",
        "1",
        "--text",
        "x",
        "--at",
        "their-morning",
        "--customer-zone",
        "Asia/Tokyo",
        "--dry-run",
    )
    assert tried.code == 0, tried.err
    assert tried.out.startswith("would send at ") and " 09:00 JST (UTC+09:00) Asia/Tokyo" in (
        tried.out
    )
    refused = one_line(cli_now("schedule", "1", "--text", "x", "--at", "inbox-opens", "--dry-run"))
    assert "leave out --dry-run" in refused
    assert one_line(
        cli_now("schedule", "1", "--text", "x", "--at", "+1h", "--customer-zone", "Mars/Base")
    ).startswith("error: unknown time zone 'Mars/Base'")


def test_the_command_line_keeps_a_message_that_waits_for_the_opening(cli, demo_server):
    made = cli("schedule", "1", "--text", "Quando abrir", "--at", "+2h", "--wait-for-opening")
    assert made.code == 0, made.err
    assert "it goes out when the inbox opens" in made.out
    [row] = json.loads(cli("scheduled", "--json").out)
    assert row["wait_for_opening"] is True
