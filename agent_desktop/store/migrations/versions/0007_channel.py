"""Each outbox row keeps its conversation's channel limit (WhatsApp 4,096 characters,
SMS 320, …) as learned when it was scheduled, so an edit is checked against it and the
sender checks it again at the message's time. NULL: not learned yet (scheduled while the
server could not be asked, or before this revision); the sender asks the server then.

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-05
"""

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("outbox") as batch:
        batch.add_column(sa.Column("channel_name", sa.String(length=32), nullable=True))
        batch.add_column(sa.Column("channel_chars", sa.Integer(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("outbox") as batch:
        batch.drop_column("channel_chars")
        batch.drop_column("channel_name")
