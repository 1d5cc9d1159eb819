"""The demo's seed, read with the app's own rules: in every account, inboxes keep business
hours in three zones whose clocks change on different dates (and one keeps none), and
the customers' zones, inferred as the window infers them, come from many countries and
from every kind of clue, some ambiguous and some not known at all; every place the seed
names is somebody's."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import phonenumbers
import pytest
from sqlalchemy import select

from agent_desktop.core.business_hours import BusinessHours, parse_business_hours
from agent_desktop.core.clock import FakeClock
from agent_desktop.core.customer_zone import CustomerZone, ZoneSource, infer_zone
from agent_desktop.core.zone_places import CITIES, ONE_ZONE, country_zones
from agent_desktop.demo.contact_details import PLACES_BR, PLACES_EN
from agent_desktop.demo.models import Contact, Inbox, Scheduling
from agent_desktop.demo.seed_data import DemoAccounts, seed
from agent_desktop.demo.serialize import contact_push, inbox_json
from agent_desktop.demo.state import DemoState

DESIGNS = list(Scheduling)
NEW_YORK = ZoneInfo("America/New_York")


@pytest.fixture(scope="module")
def seeded() -> Iterator[tuple[DemoState, DemoAccounts]]:
    state = DemoState(None, FakeClock(datetime(2026, 5, 6, 17, 5, tzinfo=UTC)))
    yield state, seed(state)
    state.engine.dispose()


def hours_of(seeded: tuple[DemoState, DemoAccounts], design: Scheduling) -> list[BusinessHours]:
    """The account's inboxes' hours, read from their JSON as the app reads them."""
    state, accounts = seeded
    with state.session() as s:
        rows = s.scalars(select(Inbox).where(Inbox.account_id == accounts.for_design(design)))
        return [parse_business_hours(inbox_json(inbox)) for inbox in rows]


def contacts_of(state: DemoState, account_id: int | None = None) -> list[dict[str, Any]]:
    """The contacts as the server sends them (a conversation's meta.sender)."""
    with state.session() as s:
        query = select(Contact).order_by(Contact.id)
        if account_id is not None:
            query = query.where(Contact.account_id == account_id)
        return [contact_push(contact) for contact in s.scalars(query)]


def country_of(zone: ZoneInfo) -> str:
    """The country the app's own places put a zone in."""
    for code in set(ONE_ZONE) | set(CITIES):
        if zone.key in country_zones(code):
            return code
    raise AssertionError(f"{zone.key} is in no country the app knows")


def offset_gaps(one: ZoneInfo, other: ZoneInfo) -> set[timedelta]:
    """How far apart the two clocks are, week by week through a year."""
    gaps = set()
    for week in range(53):
        instant = datetime(2026, 1, 1, 12, tzinfo=UTC) + timedelta(weeks=week)
        one_offset = instant.astimezone(one).utcoffset()
        other_offset = instant.astimezone(other).utcoffset()
        assert one_offset is not None and other_offset is not None
        gaps.add(one_offset - other_offset)
    return gaps


@pytest.mark.parametrize("design", DESIGNS, ids=[d.value for d in DESIGNS])
def test_inboxes_keep_hours_in_three_zones_of_different_clock_changes_and_one_keeps_none(
    seeded: tuple[DemoState, DemoAccounts], design: Scheduling
) -> None:
    hours = hours_of(seeded, design)
    kept = [h for h in hours if h.enabled]
    zones = {h.zone.key: h.zone for h in kept}
    assert len(kept) >= 3 and len(zones) >= 3, sorted(zones)
    assert any(not h.enabled and h.always_open for h in hours)
    # each pair is apart by more than one amount over the year: their clocks change
    # on different dates (or one never changes)
    names = sorted(zones)
    for n, one in enumerate(names):
        for other in names[n + 1 :]:
            assert len(offset_gaps(zones[one], zones[other])) > 1, (one, other)


def test_the_new_york_inbox_opens_at_eight_on_weekdays_and_not_at_the_weekend(
    seeded: tuple[DemoState, DemoAccounts],
) -> None:
    (new_york,) = [h for h in hours_of(seeded, Scheduling.NONE) if h.zone == NEW_YORK]
    saturday_noon = datetime(2026, 5, 9, 12, tzinfo=NEW_YORK)
    assert not new_york.is_open(saturday_noon)
    opening = new_york.next_opening(saturday_noon)
    assert opening is not None
    assert new_york.describe_opening(opening) == "Mon 08:00 America/New_York"
    assert new_york.is_open(datetime(2026, 5, 11, 16, 59, tzinfo=NEW_YORK))
    assert not new_york.is_open(datetime(2026, 5, 11, 17, 0, tzinfo=NEW_YORK))


@pytest.mark.parametrize("design", DESIGNS, ids=[d.value for d in DESIGNS])
def test_customers_zones_come_from_many_countries_and_every_kind_of_clue(
    seeded: tuple[DemoState, DemoAccounts], design: Scheduling
) -> None:
    state, accounts = seeded
    found: list[CustomerZone] = [
        infer_zone(contact) for contact in contacts_of(state, accounts.for_design(design))
    ]
    countries = {country_of(f.zone) for f in found if f.zone is not None}
    assert len(countries) >= 5, sorted(countries)
    sources = {f.source for f in found}
    assert {ZoneSource.CITY, ZoneSource.COUNTRY, ZoneSource.PHONE} <= sources, sources
    assert any(f.source is ZoneSource.SEVERAL and len(f.candidates) > 1 for f in found)
    assert any(f.source is ZoneSource.UNKNOWN for f in found)


@pytest.mark.parametrize("design", DESIGNS, ids=[d.value for d in DESIGNS])
def test_a_toll_free_number_leaves_the_customer_s_zone_open(
    seeded: tuple[DemoState, DemoAccounts], design: Scheduling
) -> None:
    state, accounts = seeded
    toll_free = [
        contact
        for contact in contacts_of(state, accounts.for_design(design))
        if isinstance(number := contact["phone_number"], str)
        and phonenumbers.number_type(phonenumbers.parse(number))
        is phonenumbers.PhoneNumberType.TOLL_FREE
    ]
    assert toll_free
    for contact in toll_free:
        found = infer_zone(contact)
        assert found.source is ZoneSource.SEVERAL and not found.known
        # a North American toll-free number: anywhere from Canada to the Caribbean
        assert {"America/Toronto", "America/New_York", "America/Puerto_Rico"} <= set(
            found.candidates
        )


def test_every_place_the_seed_names_is_somebody_s(
    seeded: tuple[DemoState, DemoAccounts],
) -> None:
    state, _accounts = seeded
    used: set[tuple[str, str, str]] = set()
    for contact in contacts_of(state):
        attributes = contact["additional_attributes"]
        assert isinstance(attributes, dict)
        if "city" in attributes:
            used.add((attributes["city"], attributes["country"], attributes["country_code"]))
    assert set(PLACES_BR + PLACES_EN) - used == set()
