"""Scheduling backends: server-side rows in the outbox, detection per profile, and the
instant after which a customer's reply holds a message.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-25
"""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("outbox") as batch:
        batch.add_column(
            sa.Column("backend", sa.String(length=32), nullable=False, server_default="local")
        )
        batch.add_column(sa.Column("remote_id", sa.Integer(), nullable=True))
        batch.add_column(sa.Column("hold_after", sa.DateTime(), nullable=True))
    with op.batch_alter_table("server_profiles") as batch:
        batch.add_column(sa.Column("detected_backend", sa.String(length=32), nullable=True))
        batch.add_column(sa.Column("detected_at", sa.DateTime(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("server_profiles") as batch:
        batch.drop_column("detected_at")
        batch.drop_column("detected_backend")
    with op.batch_alter_table("outbox") as batch:
        batch.drop_column("hold_after")
        batch.drop_column("remote_id")
        batch.drop_column("backend")
