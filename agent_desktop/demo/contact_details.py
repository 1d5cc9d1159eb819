"""The demo's contacts beyond a name: where they live and work and their social profiles
(additional_attributes, as Chatwoot keeps them), the store's own fields about them and
about a conversation (custom_attributes), and customers who come back with a new
conversation. Chosen by the contact's place in the seed, never by its random draws, so
the rest of the seed stays as it was."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from agent_desktop.demo.models import Contact

PLACES_BR = [
    ("São Paulo", "Brazil", "BR"),
    ("Campinas", "Brazil", "BR"),
    ("Rio de Janeiro", "Brazil", "BR"),
    ("Belo Horizonte", "Brazil", "BR"),
    ("Curitiba", "Brazil", "BR"),
    ("Recife", "Brazil", "BR"),
    ("Lisboa", "Portugal", "PT"),
]
PLACES_EN = [
    ("Austin", "United States", "US"),
    ("Toronto", "Canada", "CA"),
    ("Manchester", "United Kingdom", "GB"),
    ("Dublin", "Ireland", "IE"),
]
COMPANIES_BR = [
    "Padaria Pão Dourado",
    "Ótica Visão Clara",
    "Ateliê Costura Fina",
    "Mercadinho Bom Preço",
    "Studio Pilates Equilíbrio",
]
COMPANIES_EN = ["Northwind Traders", "Blue Harbor Coffee", "Maple & Oak Interiors"]
ABOUT = [
    "Compra presentes para a equipe todo fim de ano.",
    "Prefere contato por WhatsApp à tarde.",
    "Orders for a small office; pays by card.",
]
PLANS = ["Básico", "Plus", "Premium"]
ORIGINS = ["Instagram", "Google", "Indicação", "Loja física"]
# a resolved conversation here (of every 36) belongs to a customer who wrote before
RETURNING = {24, 26, 28, 30}


def additional_attributes(index: int, first: str, last: str, english: bool) -> dict[str, Any]:
    """City and country for most, a company for some, social profiles for a few; a
    quarter came with nothing but a name and a number."""
    if index % 4 == 3:
        return {}
    places = PLACES_EN if english else PLACES_BR
    # counted among those with a place, so no place falls always on the bare quarter
    city, country, code = places[(index - index // 4) % len(places)]
    found: dict[str, Any] = {"city": city, "country": country, "country_code": code}
    if index % 3 == 0:
        companies = COMPANIES_EN if english else COMPANIES_BR
        found["company_name"] = companies[index % len(companies)]
    if index % 5 == 1:
        handle = f"{first}.{last}".lower()
        found["social_profiles"] = {"instagram": handle, "linkedin": handle, "twitter": ""}
    if index % 6 == 2:
        found["description"] = ABOUT[index % len(ABOUT)]
    return found


def custom_attributes(index: int) -> dict[str, Any]:
    """The store's contact fields (a list, a date, a number and a checkbox), for two in
    three contacts."""
    if index % 3 == 2:
        return {}
    since = date(2018 + index * 5 % 7, 1 + index * 7 % 12, 1 + index * 11 % 28)
    return {
        "plano": PLANS[index % len(PLANS)],
        "cliente_desde": since.isoformat(),  # a date attribute: Chatwoot keeps it as text
        "total_pedidos": 1 + index * 13 % 47,
        "aceita_newsletter": index % 2 == 0,
    }


def conversation_attributes(index: int) -> dict[str, Any]:
    """The store's conversation fields: the order talked about and where the customer
    found the store, on some conversations."""
    if index % 4 != 1:
        return {}
    return {"pedido": f"#{48000 + index * 37}", "origem": ORIGINS[index % len(ORIGINS)]}


def returning(index: int, english: bool, earlier: Sequence[tuple[Contact, bool]]) -> Contact | None:
    """The earlier contact (speaking the same language) a conversation belongs to when it
    comes from a returning customer; None for a conversation of its own contact."""
    if index % 36 not in RETURNING:
        return None
    same = [contact for contact, speaks_english in earlier if speaks_english is english]
    return same[(index // 2) % len(same)] if same else None
