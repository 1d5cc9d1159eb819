"""The demo contacts' phone numbers, from the country their attributes name (the city's
area code where it has one), and for those who came with nothing but a number, from
several countries: numbers that tell one zone, a few, or, for a North American
toll-free one, any of the dozens the +1 plan spans. Built from the number's random
digits, so the seed's draws stay as they were; every number is in a range kept for
fiction or valid in form only."""

from __future__ import annotations

from agent_desktop.demo.models import Contact

BR_AREAS = {
    "São Paulo": "11",
    "Campinas": "19",
    "Rio de Janeiro": "21",
    "Belo Horizonte": "31",
    "Curitiba": "41",
    "Recife": "81",
}
# a contact with no attributes: Brazil, New York, Idaho (two zones), India, Sydney,
# Manaus, a Portuguese mobile (the mainland or the Azores), one with no number, and a
# toll-free number (last, so the others keep their contacts)
BARE = ["BR", "US-212", "US-208", "IN", "AU", "BR-92", "PT", "NONE", "US-800"]


def _number(country: str, city: str, digits: str) -> str | None:
    match country:
        case "BR":
            return f"+55{BR_AREAS.get(city, '11')}9{digits}"
        case "BR-92":
            return f"+55929{digits}"
        case "PT":
            return f"+35191{digits[:7]}"
        case "US":  # Austin
            return f"+151255501{digits[-2:]}"
        case "US-212":
            return f"+121255501{digits[-2:]}"
        case "US-208":
            return f"+120855501{digits[-2:]}"
        case "US-800":
            return f"+180055501{digits[-2:]}"
        case "CA":  # Toronto
            return f"+141655501{digits[-2:]}"
        case "GB":  # Manchester: Ofcom's numbers for drama
            return f"+441614960{digits[-3:]}"
        case "IE":  # Dublin
            return f"+3531{digits[:7]}"
        case "IN":
            return f"+9198{digits}"
        case "AU":  # Sydney
            return f"+6129{digits[:7]}"
        case "NONE":
            return None
    return f"+55119{digits}"


def phone_for(contact: Contact, index: int) -> str | None:
    """The contact's number for its place (São Paulo's for a place not listed here)."""
    digits = (contact.phone_number or "")[-8:]
    if len(digits) != 8 or not digits.isdigit():
        return contact.phone_number
    attributes = contact.additional_attributes or {}
    country = attributes.get("country_code")
    if not isinstance(country, str):
        country = BARE[(index // 4) % len(BARE)]
    city = attributes.get("city")
    return _number(country, city if isinstance(city, str) else "", digits)
