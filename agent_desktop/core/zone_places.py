"""Where a customer is, as a time zone: countries that keep one zone (or nearly all their
people in one), and the common cities of countries spread over several.

Names are matched without case or accents ("Sao Paulo" is São Paulo). A country of
several zones says nothing alone: its city does, else its zones are the candidates.
"""

from __future__ import annotations

import unicodedata

# ISO 3166 code: the zone nearly all of its people live in
ONE_ZONE = {
    "AE": "Asia/Dubai",
    "AO": "Africa/Luanda",
    "AR": "America/Argentina/Buenos_Aires",
    "AT": "Europe/Vienna",
    "BE": "Europe/Brussels",
    "BO": "America/La_Paz",
    "CH": "Europe/Zurich",
    "CL": "America/Santiago",
    "CN": "Asia/Shanghai",
    "CO": "America/Bogota",
    "CR": "America/Costa_Rica",
    "CU": "America/Havana",
    "CV": "Atlantic/Cape_Verde",
    "CZ": "Europe/Prague",
    "DE": "Europe/Berlin",
    "DK": "Europe/Copenhagen",
    "DO": "America/Santo_Domingo",
    "EC": "America/Guayaquil",
    "EG": "Africa/Cairo",
    "ES": "Europe/Madrid",
    "FI": "Europe/Helsinki",
    "FR": "Europe/Paris",
    "GB": "Europe/London",
    "GR": "Europe/Athens",
    "GT": "America/Guatemala",
    "HK": "Asia/Hong_Kong",
    "HN": "America/Tegucigalpa",
    "HU": "Europe/Budapest",
    "IE": "Europe/Dublin",
    "IL": "Asia/Jerusalem",
    "IN": "Asia/Kolkata",
    "IT": "Europe/Rome",
    "JP": "Asia/Tokyo",
    "KE": "Africa/Nairobi",
    "KR": "Asia/Seoul",
    "MA": "Africa/Casablanca",
    "MY": "Asia/Kuala_Lumpur",
    "MZ": "Africa/Maputo",
    "NG": "Africa/Lagos",
    "NI": "America/Managua",
    "NL": "Europe/Amsterdam",
    "NO": "Europe/Oslo",
    "NZ": "Pacific/Auckland",
    "PA": "America/Panama",
    "PE": "America/Lima",
    "PH": "Asia/Manila",
    "PK": "Asia/Karachi",
    "PL": "Europe/Warsaw",
    "PT": "Europe/Lisbon",
    "PY": "America/Asuncion",
    "RO": "Europe/Bucharest",
    "SA": "Asia/Riyadh",
    "SE": "Europe/Stockholm",
    "SG": "Asia/Singapore",
    "SV": "America/El_Salvador",
    "TH": "Asia/Bangkok",
    "TR": "Europe/Istanbul",
    "TW": "Asia/Taipei",
    "UA": "Europe/Kyiv",
    "UY": "America/Montevideo",
    "VE": "America/Caracas",
    "VN": "Asia/Ho_Chi_Minh",
    "ZA": "Africa/Johannesburg",
}

# countries of several zones: their common cities, and the zones to offer without one
CITIES: dict[str, dict[str, str]] = {
    "US": {
        "New York": "America/New_York",
        "Boston": "America/New_York",
        "Philadelphia": "America/New_York",
        "Washington": "America/New_York",
        "Miami": "America/New_York",
        "Orlando": "America/New_York",
        "Atlanta": "America/New_York",
        "Detroit": "America/Detroit",
        "Chicago": "America/Chicago",
        "Houston": "America/Chicago",
        "Dallas": "America/Chicago",
        "Austin": "America/Chicago",
        "San Antonio": "America/Chicago",
        "Minneapolis": "America/Chicago",
        "New Orleans": "America/Chicago",
        "Denver": "America/Denver",
        "Salt Lake City": "America/Denver",
        "Boise": "America/Boise",
        "Phoenix": "America/Phoenix",
        "Las Vegas": "America/Los_Angeles",
        "Los Angeles": "America/Los_Angeles",
        "San Francisco": "America/Los_Angeles",
        "San Diego": "America/Los_Angeles",
        "San Jose": "America/Los_Angeles",
        "Seattle": "America/Los_Angeles",
        "Portland": "America/Los_Angeles",
        "Anchorage": "America/Anchorage",
        "Honolulu": "Pacific/Honolulu",
    },
    "CA": {
        "Toronto": "America/Toronto",
        "Montreal": "America/Toronto",
        "Montréal": "America/Toronto",
        "Ottawa": "America/Toronto",
        "Quebec": "America/Toronto",
        "Winnipeg": "America/Winnipeg",
        "Regina": "America/Regina",
        "Calgary": "America/Edmonton",
        "Edmonton": "America/Edmonton",
        "Vancouver": "America/Vancouver",
        "Victoria": "America/Vancouver",
        "Halifax": "America/Halifax",
        "St. John's": "America/St_Johns",
    },
    "BR": {
        "São Paulo": "America/Sao_Paulo",
        "Rio de Janeiro": "America/Sao_Paulo",
        "Belo Horizonte": "America/Sao_Paulo",
        "Brasília": "America/Sao_Paulo",
        "Curitiba": "America/Sao_Paulo",
        "Porto Alegre": "America/Sao_Paulo",
        "Florianópolis": "America/Sao_Paulo",
        "Goiânia": "America/Sao_Paulo",
        "Campinas": "America/Sao_Paulo",
        "Salvador": "America/Bahia",
        "Recife": "America/Recife",
        "Fortaleza": "America/Fortaleza",
        "Natal": "America/Fortaleza",
        "João Pessoa": "America/Fortaleza",
        "Maceió": "America/Maceio",
        "Belém": "America/Belem",
        "Manaus": "America/Manaus",
        "Cuiabá": "America/Cuiaba",
        "Campo Grande": "America/Campo_Grande",
        "Porto Velho": "America/Porto_Velho",
        "Rio Branco": "America/Rio_Branco",
        "Boa Vista": "America/Boa_Vista",
        "Fernando de Noronha": "America/Noronha",
    },
    "AU": {
        "Sydney": "Australia/Sydney",
        "Canberra": "Australia/Sydney",
        "Melbourne": "Australia/Melbourne",
        "Hobart": "Australia/Hobart",
        "Brisbane": "Australia/Brisbane",
        "Gold Coast": "Australia/Brisbane",
        "Adelaide": "Australia/Adelaide",
        "Darwin": "Australia/Darwin",
        "Perth": "Australia/Perth",
    },
    "MX": {
        "Mexico City": "America/Mexico_City",
        "Ciudad de México": "America/Mexico_City",
        "Guadalajara": "America/Mexico_City",
        "Monterrey": "America/Monterrey",
        "Puebla": "America/Mexico_City",
        "Cancún": "America/Cancun",
        "Mérida": "America/Merida",
        "Chihuahua": "America/Chihuahua",
        "Hermosillo": "America/Hermosillo",
        "Mazatlán": "America/Mazatlan",
        "Tijuana": "America/Tijuana",
    },
    "RU": {
        "Moscow": "Europe/Moscow",
        "Moskva": "Europe/Moscow",
        "Saint Petersburg": "Europe/Moscow",
        "Kazan": "Europe/Moscow",
        "Sochi": "Europe/Moscow",
        "Kaliningrad": "Europe/Kaliningrad",
        "Samara": "Europe/Samara",
        "Yekaterinburg": "Asia/Yekaterinburg",
        "Omsk": "Asia/Omsk",
        "Novosibirsk": "Asia/Novosibirsk",
        "Krasnoyarsk": "Asia/Krasnoyarsk",
        "Irkutsk": "Asia/Irkutsk",
        "Yakutsk": "Asia/Yakutsk",
        "Vladivostok": "Asia/Vladivostok",
        "Magadan": "Asia/Magadan",
    },
    "ID": {
        "Jakarta": "Asia/Jakarta",
        "Bandung": "Asia/Jakarta",
        "Surabaya": "Asia/Jakarta",
        "Denpasar": "Asia/Makassar",
        "Bali": "Asia/Makassar",
        "Makassar": "Asia/Makassar",
        "Jayapura": "Asia/Jayapura",
    },
}

# a country's name, in English and in its own language, as a contact's `country` says it
COUNTRY_NAMES = {
    "Argentina": "AR",
    "Australia": "AU",
    "Austria": "AT",
    "Belgium": "BE",
    "Bolivia": "BO",
    "Brazil": "BR",
    "Brasil": "BR",
    "Canada": "CA",
    "Chile": "CL",
    "China": "CN",
    "Colombia": "CO",
    "Costa Rica": "CR",
    "Denmark": "DK",
    "Ecuador": "EC",
    "Egypt": "EG",
    "France": "FR",
    "Germany": "DE",
    "Deutschland": "DE",
    "Greece": "GR",
    "India": "IN",
    "Indonesia": "ID",
    "Ireland": "IE",
    "Israel": "IL",
    "Italy": "IT",
    "Italia": "IT",
    "Japan": "JP",
    "Mexico": "MX",
    "México": "MX",
    "Netherlands": "NL",
    "New Zealand": "NZ",
    "Nigeria": "NG",
    "Norway": "NO",
    "Paraguay": "PY",
    "Peru": "PE",
    "Perú": "PE",
    "Philippines": "PH",
    "Poland": "PL",
    "Portugal": "PT",
    "Russia": "RU",
    "Russian Federation": "RU",
    "Singapore": "SG",
    "South Africa": "ZA",
    "South Korea": "KR",
    "Spain": "ES",
    "España": "ES",
    "Sweden": "SE",
    "Switzerland": "CH",
    "Turkey": "TR",
    "Ukraine": "UA",
    "United Arab Emirates": "AE",
    "United Kingdom": "GB",
    "UK": "GB",
    "United States": "US",
    "United States of America": "US",
    "USA": "US",
    "Uruguay": "UY",
    "Venezuela": "VE",
    "Vietnam": "VN",
}

# old names that tzdata keeps as links, as some sources still give them
ALIASES = {
    "Asia/Calcutta": "Asia/Kolkata",
    "Asia/Saigon": "Asia/Ho_Chi_Minh",
    "Asia/Katmandu": "Asia/Kathmandu",
    "Asia/Rangoon": "Asia/Yangon",
    "Europe/Kiev": "Europe/Kyiv",
    "America/Buenos_Aires": "America/Argentina/Buenos_Aires",
    "Pacific/Truk": "Pacific/Chuuk",
}


def folded(name: str) -> str:
    """A name for matching: no accents, no case, single spaces."""
    decomposed = unicodedata.normalize("NFKD", name)
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(plain.casefold().replace("-", " ").split())


_COUNTRIES = {folded(name): code for name, code in COUNTRY_NAMES.items()}
_CITIES = {
    country: {folded(city): zone for city, zone in cities.items()}
    for country, cities in CITIES.items()
}


def country_code(code: str | None, name: str | None) -> str | None:
    """The ISO code of a contact's country: its `country_code`, else its `country`."""
    if code and len(code.strip()) == 2 and code.strip().isalpha():
        return code.strip().upper()
    if name:
        return _COUNTRIES.get(folded(name))
    return None


def city_zone(city: str, country: str | None) -> str | None:
    """A common city's zone; within the given country only, when there is one."""
    key = folded(city)
    if country is not None:
        return _CITIES.get(country, {}).get(key)
    found = {zone for cities in _CITIES.values() if (zone := cities.get(key))}
    return found.pop() if len(found) == 1 else None


def country_zones(country: str) -> tuple[str, ...]:
    """The zones a country keeps: one, several (its cities'), or none we know."""
    if country in ONE_ZONE:
        return (ONE_ZONE[country],)
    return tuple(sorted(set(CITIES.get(country, {}).values())))
