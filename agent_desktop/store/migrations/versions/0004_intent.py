"""What was under way with a message when its process stopped: with a message the
server keeps, the step begun (a create, a change, a cancel or a "send now" whose answer
never came), finished or undone, never lost; with one this app sends, the attempt whose
end was never recorded (its sender died or froze), waited out before another try.

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-01
"""

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("outbox") as batch:
        batch.add_column(sa.Column("intent", sa.String(length=16), nullable=True))
        batch.add_column(sa.Column("attempt_started_at", sa.DateTime(), nullable=True))
        batch.add_column(sa.Column("attempt_owner", sa.String(length=128), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("outbox") as batch:
        batch.drop_column("attempt_owner")
        batch.drop_column("attempt_started_at")
        batch.drop_column("intent")
