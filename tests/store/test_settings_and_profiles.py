from __future__ import annotations

import pytest

from agent_desktop.store.models import Setting
from agent_desktop.store.profiles import Profiles
from agent_desktop.store.settings import SPECS, SettingError, Settings


def test_defaults_until_the_user_changes_something(db):
    settings = Settings(db)
    assert settings.get("min_lead_minutes") == 5
    assert settings.get("grace_minutes") == 15
    assert settings.get("backend") == "auto"
    assert settings.all() == {key: spec.default for key, spec in SPECS.items()}


def test_values_from_the_command_line_are_parsed_and_checked(db):
    settings = Settings(db)
    assert settings.set("min_lead_minutes", "0") == 0
    assert settings.set("scheduling_enabled", "off") is False
    assert settings.set("backend", "local") == "local"
    reopened = Settings(db)
    assert (reopened.get("min_lead_minutes"), reopened.get("scheduling_enabled")) == (0, False)


@pytest.mark.parametrize(
    ("key", "value", "fragment"),
    [
        ("min_lead_minutes", "61", "from 0 to 60"),
        ("min_lead_minutes", "five", "from 0 to 60"),
        ("min_lead_minutes", True, "from 0 to 60"),
        ("backend", "cloud", "one of auto, local, server-resource, server-scheduled-at"),
        ("scheduling_enabled", "maybe", "true or false"),
        ("colour", "blue", "unknown setting 'colour'"),
    ],
)
def test_bad_values_are_refused_with_a_reason_and_nothing_is_lost(db, key, value, fragment):
    settings = Settings(db)
    settings.set("min_lead_minutes", 12)
    with pytest.raises(SettingError, match=fragment):
        settings.set(key, value)
    assert settings.get("min_lead_minutes") == 12


def test_a_stored_value_that_no_longer_fits_is_ignored_but_kept(db):
    with db.write() as session:
        session.add(Setting(key="grace_minutes", value="lots"))
    assert Settings(db).get("grace_minutes") == 15
    with db.read() as session:
        assert session.get(Setting, "grace_minutes").value == "lots"


def test_profiles_are_remembered_once_and_the_latest_is_known(db, clock):
    profiles = Profiles(db, clock)
    first = profiles.remember(
        base_url="https://a.example", account_id=1, user_id=5, user_name="Ana"
    )
    clock.advance(60)
    second = profiles.remember(base_url="https://b.example", account_id=2, user_id=5)
    clock.advance(60)
    again = profiles.remember(
        base_url="https://a.example", account_id=1, user_id=5, user_name="Ana Souza"
    )
    assert again.id == first.id and again.user_name == "Ana Souza"
    assert profiles.last_used() == again
    assert profiles.find("https://b.example") == second
    assert len(profiles.all()) == 2


def test_the_typed_settings_are_built_from_the_specs_and_say_what_changed(db):
    from agent_desktop.store.settings import AppSettings

    settings = Settings(db)
    before = settings.current()
    assert before == AppSettings.defaults()
    assert before.rules.min_lead_minutes == 5
    after = settings.update({"min_lead_minutes": "12", "send_key": "enter"})
    assert (after.min_lead_minutes, after.send_key) == (12, "enter")
    assert after.rules.min_lead_minutes == 12  # the rules come from the settings, one place
    assert after.changed_keys(before) == {"min_lead_minutes", "send_key"}
    with pytest.raises(SettingError, match="backend must be one of"):
        settings.update({"grace_minutes": 30, "backend": "cloud"})
    assert settings.current() == after  # a wrong value stores nothing, not even the rest
    with pytest.raises(AttributeError):
        after.min_lead_minutes = 1  # type: ignore[misc]
