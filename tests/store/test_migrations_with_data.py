"""Migrations on a database full of data: down to the first schema and up again, every
row keeps what the older schema can hold."""

from __future__ import annotations

import sqlite3
from datetime import timedelta

from alembic import command

from agent_desktop.store.database import (
    alembic_config,
    current_revision,
    head_revision,
    schema_change,
)
from agent_desktop.store.outbox import Outbox
from agent_desktop.store.profiles import Profiles
from agent_desktop.store.settings import Settings
from agent_desktop.store.states import OutboxState

ROWS = 3000


def _snapshot(path):
    connection = sqlite3.connect(path)
    try:
        return connection.execute(
            "SELECT id, profile_id, conversation_id, content, scheduled_at, zone, state, "
            "attempts, hold_on_reply FROM outbox ORDER BY id"
        ).fetchall(), connection.execute("SELECT key, value FROM settings ORDER BY key").fetchall()
    finally:
        connection.close()


def test_downgrade_and_upgrade_keep_every_row(db, clock):
    profile = Profiles(db, clock).remember(base_url="https://a.example", account_id=1, user_id=2)
    outbox = Outbox(db, clock)
    for number in range(ROWS):
        record = outbox.add(
            profile_id=profile.id,
            conversation_id=number % 50,
            content=f"mensagem {number} — olá ✓",
            scheduled_at=clock.now() + timedelta(minutes=10 + number),
            zone="America/Sao_Paulo",
        )
        if number % 3 == 0:
            outbox.log_attempt(record.id, "retry", http_status=503, error="busy")
        if number % 7 == 0:
            outbox.move(record.id, OutboxState.CANCELLED)
    Settings(db).set("min_lead_minutes", 12)
    before = _snapshot(db.path)
    assert len(before[0]) == ROWS

    with schema_change(db) as connection:
        command.downgrade(alembic_config(connection), "0001")
    assert current_revision(db.engine) == "0001"
    assert _snapshot(db.path) == before
    with schema_change(db) as connection:
        command.upgrade(alembic_config(connection), "head")
    assert current_revision(db.engine) == head_revision()
    assert _snapshot(db.path) == before
    # and the rows work again through the app's own code
    assert outbox.counts()[OutboxState.CANCELLED] == len(range(0, ROWS, 7))
    assert all(r.backend == "local" for r in outbox.find(states=[OutboxState.PENDING]))
