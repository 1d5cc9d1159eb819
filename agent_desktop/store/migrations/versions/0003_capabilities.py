"""What each server has shown it can do: whether it keeps a message's
content_attributes (the delivery key), its version, whether it honours hold_on_reply.

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-01
"""

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("server_profiles") as batch:
        batch.add_column(sa.Column("capabilities", sa.JSON(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("server_profiles") as batch:
        batch.drop_column("capabilities")
