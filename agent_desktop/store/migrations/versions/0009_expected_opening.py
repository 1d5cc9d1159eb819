"""A local message waiting for its inbox's business hours keeps the opening its inbox's
hours gave when it was scheduled or given a new time, so the Scheduled tab can show it
before the sender reaches its time (the sender reads the hours again then).

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-05
"""

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("outbox") as batch:
        batch.add_column(sa.Column("expected_opening", sa.DateTime(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("outbox") as batch:
        batch.drop_column("expected_opening")
