"""A contact's time zone, best first, said with how it was found; several zones are
listed, never one picked silently."""

from __future__ import annotations

from typing import Any
from zoneinfo import ZoneInfo

import pytest

from agent_desktop.core.customer_zone import ZoneSource, infer_zone

EVERYTHING: dict[str, Any] = {
    "id": 7,
    "phone_number": "+12125550142",  # New York
    "additional_attributes": {"city": "Manaus", "country": "Brazil", "country_code": "BR"},
    "custom_attributes": {"timezone": "Asia/Tokyo", "plano": "Plus"},
}


def without(contact: dict[str, Any], *path: str) -> dict[str, Any]:
    trimmed = {k: dict(v) if isinstance(v, dict) else v for k, v in contact.items()}
    *parents, last = path
    holder = trimmed
    for key in parents:
        holder = holder[key]
    holder.pop(last)
    return trimmed


def test_best_first_the_agent_then_the_attribute_city_country_and_phone():
    found = infer_zone(EVERYTHING, set_by_agent="Europe/Berlin")
    assert (str(found.zone), found.how) == ("Europe/Berlin", "set by you")
    found = infer_zone(EVERYTHING)
    assert (str(found.zone), found.how) == ("Asia/Tokyo", "from the contact's attribute timezone")
    step = without(EVERYTHING, "custom_attributes", "timezone")
    found = infer_zone(step)
    assert (str(found.zone), found.how) == ("America/Manaus", "from the city Manaus")
    step = without(step, "additional_attributes", "city")
    found = infer_zone(step)
    # Brazil keeps several zones: alone it tells nothing, and the number decides
    assert (str(found.zone), found.source) == ("America/New_York", ZoneSource.PHONE)
    assert found.how == "from the phone number +1 212-555-0142"
    portugal = {"additional_attributes": {"country": "Portugal"}, "phone_number": "+5511987654321"}
    found = infer_zone(portugal)
    assert (str(found.zone), found.how) == ("Europe/Lisbon", "from the country Portugal")


def test_a_zone_that_is_no_zone_is_passed_over():
    found = infer_zone(
        {"custom_attributes": {"timezone": "Mars/Olympus"}, "phone_number": "+5511987654321"},
        set_by_agent="nowhere",
    )
    assert (str(found.zone), found.source) == ("America/Sao_Paulo", ZoneSource.PHONE)


@pytest.mark.parametrize(
    ("attributes", "zone"),
    [
        ({"city": "Sao Paulo", "country_code": "br"}, "America/Sao_Paulo"),  # no accent, any case
        ({"city": "  são   paulo ", "country": "Brasil"}, "America/Sao_Paulo"),
        ({"city": "Perth", "country": "Australia"}, "Australia/Perth"),
        ({"city": "Vancouver"}, "America/Vancouver"),  # a city of one country only
        ({"country": "India"}, "Asia/Kolkata"),
        ({"city": "Mumbai", "country_code": "IN"}, "Asia/Kolkata"),  # one zone: the country's
    ],
)
def test_cities_and_countries(attributes, zone):
    assert infer_zone({"additional_attributes": attributes}).zone == ZoneInfo(zone)


def test_a_number_of_several_zones_lists_them_and_picks_none():
    idaho = infer_zone({"phone_number": "+12085550142"})
    assert idaho.zone is None and idaho.source is ZoneSource.SEVERAL
    assert idaho.candidates == ("America/Boise", "America/Los_Angeles")
    assert idaho.how == "several zones possible: America/Boise, America/Los_Angeles"
    toll_free = infer_zone({"phone_number": "+18005550142"})  # any of North America's
    assert toll_free.zone is None and len(toll_free.candidates) > 20
    assert toll_free.how.endswith(f"and {len(toll_free.candidates) - 5} more")
    # the United States alone, without a city or a number that tells: its zones
    us = infer_zone({"additional_attributes": {"country_code": "US"}})
    assert us.zone is None and "America/Chicago" in us.candidates
    # a Portuguese mobile may be on the mainland or in the Azores
    lisbon_or_azores = infer_zone({"phone_number": "+351912345678"})
    assert lisbon_or_azores.candidates == ("Atlantic/Azores", "Europe/Lisbon")


@pytest.mark.parametrize(
    "contact",
    [
        {},
        {"phone_number": None, "additional_attributes": None, "custom_attributes": "x"},
        {"phone_number": "+1"},
        {"phone_number": "+15555550142"},  # no such number: Etc/Unknown
        {"phone_number": "call me"},
        {"phone_number": "987654321"},  # no country to read it in
        {"additional_attributes": {"city": "Atlantis", "country": "Oceania"}},
    ],
)
def test_nothing_that_tells_is_unknown(contact):
    found = infer_zone(contact)
    assert (found.zone, found.source, found.candidates) == (None, ZoneSource.UNKNOWN, ())
    assert found.how == "no zone known: no city, country or phone number that tells it"


def test_a_national_number_is_read_in_the_contact_s_country_and_old_names_made_current():
    national = infer_zone(
        {"phone_number": "(92) 98123-4567", "additional_attributes": {"country_code": "BR"}}
    )
    assert str(national.zone) == "America/Manaus"
    india = infer_zone({"phone_number": "+919812345678"})  # libphonenumber says Asia/Calcutta
    assert (
        str(india.zone) == "Asia/Kolkata" and india.how == "from the phone number +91 98123 45678"
    )
