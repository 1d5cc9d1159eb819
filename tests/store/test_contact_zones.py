"""The time zones the agent sets for contacts: kept per profile and contact, beside the
database."""

from __future__ import annotations

from agent_desktop.store.contact_zones import FILENAME, contact_zone, set_contact_zone


def test_the_zones_the_agent_sets_are_kept_per_profile_and_contact(home):
    home.mkdir(parents=True, exist_ok=True)
    assert contact_zone(home, 1, 7) is None
    set_contact_zone(home, 1, 7, "America/Boise")
    set_contact_zone(home, 1, 8, "Asia/Tokyo")
    set_contact_zone(home, 2, 7, "Europe/Lisbon")
    assert contact_zone(home, 1, 7) == "America/Boise"
    assert contact_zone(home, 2, 7) == "Europe/Lisbon"
    set_contact_zone(home, 1, 7, None)
    assert contact_zone(home, 1, 7) is None and contact_zone(home, 1, 8) == "Asia/Tokyo"
    (home / FILENAME).write_text("{not json")
    assert contact_zone(home, 1, 8) is None  # damaged: as if none were set
