"""What the sender told, written down for the window: the sender runs in a process of
its own, and the window learns what happened (sent, failed, held, missed, paused...)
by reading this journal as it changes.

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-01
"""

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "journal",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("outbox_id", sa.Integer(), nullable=True),
        sa.Column("detail", sa.Text(), nullable=False),
        sa.Column("origin", sa.String(length=128), nullable=False),
        sqlite_autoincrement=True,  # ids never come back, so a reader's place holds
    )


def downgrade() -> None:
    op.drop_table("journal")
