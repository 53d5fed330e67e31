"""shared send limits for all relays, and Graph's Retry-After kept on the calendar job

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-06

Pacing per conversation and the tenant's rate were counted in each relay process, so two relays
could together send twice as fast; they are now rows every relay locks while it claims. A
calendar job forgot Graph's Retry-After when its meeting changed; `not_before` keeps it.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "send_limits",
        sa.Column("key", sa.String(length=420), primary_key=True),
        sa.Column("not_before", sa.DateTime(timezone=True), nullable=True),
        sa.Column("window_start", sa.DateTime(timezone=True), nullable=True),
        sa.Column("window_count", sa.Integer(), nullable=False),
    )
    # Plain ADD COLUMN (nullable): a batch copy on SQLite is not needed.
    op.add_column("calendar_syncs", sa.Column("not_before", sa.DateTime(timezone=True), nullable=True))


def downgrade() -> None:
    op.drop_column("calendar_syncs", "not_before")
    op.drop_table("send_limits")
