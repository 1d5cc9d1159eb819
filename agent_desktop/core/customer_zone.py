"""A contact's time zone, inferred best first and said with how it was found: the zone the
agent set for them, a `timezone` attribute on the contact, their city, their country,
their phone number. Where the clues allow several zones, the candidates are listed and
none is picked.

Phone numbers are read with `phonenumbers` (Google's libphonenumber data, kept up to
date with numbering plans): a number gives the zones of its area, which for a mobile
or toll-free number may be many, or none (`Etc/Unknown`).
"""

from __future__ import annotations

import enum
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from agent_desktop.core.i18n import tr
from agent_desktop.core.zone_places import ALIASES, city_zone, country_code, country_zones

ZONE_ATTRIBUTES = ("timezone", "time_zone", "tz")
SHOWN_CANDIDATES = 5


class ZoneSource(enum.Enum):
    AGENT = "agent"
    ATTRIBUTE = "attribute"
    CITY = "city"
    COUNTRY = "country"
    PHONE = "phone"
    SEVERAL = "several"
    UNKNOWN = "unknown"


@dataclass(frozen=True)
class CustomerZone:
    """What is known of where the customer's clock is."""

    zone: ZoneInfo | None
    source: ZoneSource
    detail: str = ""  # the city, country, phone number or attribute it came from
    candidates: tuple[str, ...] = ()

    @property
    def known(self) -> bool:
        return self.zone is not None

    @property
    def how(self) -> str:
        """How it was found, for the agent: 'from the city São Paulo'."""
        match self.source:
            case ZoneSource.AGENT:
                return tr("set by you")
            case ZoneSource.ATTRIBUTE:
                return tr("from the contact's attribute {name}").format(name=self.detail)
            case ZoneSource.CITY:
                return tr("from the city {city}").format(city=self.detail)
            case ZoneSource.COUNTRY:
                return tr("from the country {country}").format(country=self.detail)
            case ZoneSource.PHONE:
                return tr("from the phone number {number}").format(number=self.detail)
            case ZoneSource.SEVERAL:
                shown = ", ".join(self.candidates[:SHOWN_CANDIDATES])
                if len(self.candidates) > SHOWN_CANDIDATES:
                    more = len(self.candidates) - SHOWN_CANDIDATES
                    shown += " " + tr("and %n more", None, more)
                return tr("several zones possible: {zones}").format(zones=shown)
        return tr("no zone known: no city, country or phone number that tells it")


def zone_named(name: object) -> ZoneInfo | None:
    """An IANA zone from a name as data gives it (old link names made current); None
    when it is not one."""
    if not isinstance(name, str) or not name.strip() or name.strip() == "Etc/Unknown":
        return None
    cleaned = ALIASES.get(name.strip(), name.strip())
    try:
        return ZoneInfo(cleaned)
    except (ZoneInfoNotFoundError, ValueError):
        return None


def _text(attributes: Mapping[str, Any], key: str) -> str | None:
    value = attributes.get(key)
    return value.strip() if isinstance(value, str) and value.strip() else None


def _attributes(contact: Mapping[str, Any], key: str) -> Mapping[str, Any]:
    value = contact.get(key)
    return value if isinstance(value, Mapping) else {}


def phone_candidates(number: str, country: str | None) -> tuple[str, tuple[str, ...]]:
    """The number as shown (international format) and the zones of its area."""
    # loaded when a number is read: the window's start need not wait for its tables
    import phonenumbers
    from phonenumbers import timezone as phone_zones

    try:
        parsed = phonenumbers.parse(number, country)
    except phonenumbers.NumberParseException:
        return number, ()
    shown = phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.INTERNATIONAL)
    if not phonenumbers.is_valid_number(parsed):
        return shown, ()
    zones = []
    for name in phone_zones.time_zones_for_number(parsed):
        zone = zone_named(name)
        if zone is not None and zone.key not in zones:
            zones.append(zone.key)
    return shown, tuple(sorted(zones))


def infer_zone(contact: Mapping[str, Any], set_by_agent: str | None = None) -> CustomerZone:
    """The contact's zone (Chatwoot's contact JSON: a conversation's meta.sender), best
    first; `set_by_agent` is the zone the agent gave for this contact, if any."""
    chosen = zone_named(set_by_agent)
    if chosen is not None:
        return CustomerZone(chosen, ZoneSource.AGENT)
    custom = _attributes(contact, "custom_attributes")
    additional = _attributes(contact, "additional_attributes")
    for attributes in (custom, additional):
        for key in ZONE_ATTRIBUTES:
            chosen = zone_named(attributes.get(key))
            if chosen is not None:
                return CustomerZone(chosen, ZoneSource.ATTRIBUTE, key)
    country = country_code(_text(additional, "country_code"), _text(additional, "country"))
    city = _text(additional, "city")
    if city is not None and (chosen := zone_named(city_zone(city, country))) is not None:
        return CustomerZone(chosen, ZoneSource.CITY, city)
    candidates: tuple[str, ...] = ()
    if country is not None:
        zones = country_zones(country)
        if len(zones) == 1 and (chosen := zone_named(zones[0])) is not None:
            return CustomerZone(chosen, ZoneSource.COUNTRY, _text(additional, "country") or country)
        candidates = zones
    number = contact.get("phone_number")
    if isinstance(number, str) and number.strip():
        shown, zones = phone_candidates(number.strip(), country)
        if len(zones) == 1 and (chosen := zone_named(zones[0])) is not None:
            return CustomerZone(chosen, ZoneSource.PHONE, shown)
        if zones and (not candidates or len(zones) < len(candidates)):
            candidates = zones  # the narrower of the two clues
    if candidates:
        return CustomerZone(None, ZoneSource.SEVERAL, candidates=candidates)
    return CustomerZone(None, ZoneSource.UNKNOWN)


class UnknownCustomerZoneError(ValueError):
    """A time in the customer's zone was asked for, and their zone is not known."""

    def __init__(self, found: CustomerZone, how_to_set: str = "") -> None:
        message = tr("the customer's time zone is not known ({how})").format(how=found.how)
        super().__init__(f"{message}: {how_to_set}" if how_to_set else message)
        self.found = found
