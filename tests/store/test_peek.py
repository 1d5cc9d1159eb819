"""What start-up reads with sqlite3 alone agrees with the store, and reads as unknown
whenever the store would have to migrate, repair or create the database."""

from __future__ import annotations

import contextlib
import sqlite3
from datetime import timedelta

from agent_desktop.store.database import DB_FILENAME, open_database
from agent_desktop.store.peek import peek_last_profile, peek_setting, peek_settings
from agent_desktop.store.profiles import Profiles
from agent_desktop.store.settings import Settings


def test_the_last_profile_is_the_one_the_store_would_pick(home, clock):
    db = open_database(home)
    profiles = Profiles(db, clock)
    first = profiles.remember(
        base_url="https://chat.example.com", account_id=1, user_id=7, user_name="Ana"
    )
    clock.advance(timedelta(minutes=1))
    profiles.remember(base_url="https://other.example.com", account_id=3, user_id=9)
    clock.advance(timedelta(minutes=1))
    profiles.set_detected_backend(first.id, "server-resource")
    profiles.remember(  # used again: the most recent
        base_url="https://chat.example.com", account_id=1, user_id=7, user_name="Ana"
    )
    expected = profiles.last_used()
    db.close()
    assert expected is not None and expected.id == first.id
    assert peek_last_profile(home) == expected


def test_settings_read_before_the_store_match_the_store(home):
    db = open_database(home)
    settings = Settings(db)
    settings.set("send_key", "enter")
    settings.set("min_lead_minutes", 12)
    expected = settings.current()
    db.close()
    assert peek_settings(home) == expected
    assert peek_setting(home, "send_key") == "enter"


def test_a_stored_value_that_makes_no_sense_reads_as_the_default(home):
    open_database(home).close()
    with contextlib.closing(sqlite3.connect(home / DB_FILENAME)) as raw, raw:
        raw.execute("INSERT INTO settings (key, value) VALUES ('min_lead_minutes', '\"soon\"')")
        raw.execute("INSERT INTO settings (key, value) VALUES ('send_key', 'not json')")
    read = peek_settings(home)
    assert read.min_lead_minutes == 5 and read.send_key == "ctrl+enter"


def test_no_database_an_older_schema_or_a_damaged_file_read_as_unknown(home, clock):
    assert peek_last_profile(home) is None
    assert peek_settings(home).language == "system"
    db = open_database(home)
    Profiles(db, clock).remember(base_url="https://chat.example.com", account_id=1, user_id=7)
    db.close()
    assert peek_last_profile(home) is not None
    with contextlib.closing(sqlite3.connect(home / DB_FILENAME)) as raw, raw:
        raw.execute("UPDATE alembic_version SET version_num = '0001'")
    assert peek_last_profile(home) is None  # the store migrates first
    (home / DB_FILENAME).write_bytes(b"not a database" * 500)
    assert peek_last_profile(home) is None
    assert peek_settings(home).send_key == "ctrl+enter"
