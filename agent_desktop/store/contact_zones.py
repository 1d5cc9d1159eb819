"""The time zones the agent set for contacts, by profile and contact id, kept in a small
file beside the database: the agent's own knowledge of where a customer is, which the
server has no place for, and which wins over anything inferred."""

from __future__ import annotations

import threading
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from agent_desktop.store.private_files import read_json, write_private_json

FILENAME = "contact-zones.json"
FORMAT = 1
_LOCK = threading.Lock()  # one read-change-write at a time, from any thread of the app


def _profiles(home: Path) -> dict[str, Any]:
    raw = read_json(home / FILENAME)
    if not isinstance(raw, dict) or raw.get("format") != FORMAT:
        return {}
    profiles = raw.get("profiles")
    return profiles if isinstance(profiles, dict) else {}


def contact_zone(home: Path, profile_id: int, contact_id: int) -> str | None:
    """The zone the agent set for the contact, as they named it; None when unset."""
    with _LOCK:
        contacts = _profiles(home).get(str(profile_id))
    zone = contacts.get(str(contact_id)) if isinstance(contacts, dict) else None
    return zone if isinstance(zone, str) and zone else None


def set_contact_zone(home: Path, profile_id: int, contact_id: int, zone: str | None) -> None:
    """Keep the contact's zone (None forgets it); other contacts' stay as they are."""
    with _LOCK:
        profiles = _profiles(home)
        contacts = profiles.get(str(profile_id))
        contacts = dict(contacts) if isinstance(contacts, dict) else {}
        if zone:
            contacts[str(contact_id)] = zone
        else:
            contacts.pop(str(contact_id), None)
        if contacts:
            profiles[str(profile_id)] = contacts
        else:
            profiles.pop(str(profile_id), None)
        _write(home, profiles)


def forget_contact_zones(home: Path, profile_ids: Iterable[int]) -> None:
    """At sign-out: where the account's customers live is theirs, not this computer's."""
    with _LOCK:
        profiles = _profiles(home)
        for profile_id in profile_ids:
            profiles.pop(str(profile_id), None)
        _write(home, profiles)


def _write(home: Path, profiles: dict[str, Any]) -> None:
    if profiles:
        write_private_json(home / FILENAME, {"format": FORMAT, "profiles": profiles})
    else:
        (home / FILENAME).unlink(missing_ok=True)
