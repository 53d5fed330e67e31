"""outlook events: each body's organiser, and one calendar job row per meeting

Revision ID: 0008
Revises: 0007
Create Date: 2026-11-29
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Plain ADD COLUMN: a batch copy of `bodies` would trip the foreign keys to it.
    op.add_column("bodies", sa.Column("organiser", sa.String(length=320), nullable=True))
    op.create_table(
        "calendar_syncs",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("meeting_id", sa.Integer(), sa.ForeignKey("meetings.id"), nullable=False, unique=True),
        sa.Column("body_id", sa.Integer(), sa.ForeignKey("bodies.id"), nullable=False),
        sa.Column("revision", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(length=32), nullable=False),
        sa.Column("transaction_id", sa.String(length=64), nullable=False),
        sa.Column("organiser", sa.String(length=320), nullable=True),
        sa.Column("event_id", sa.String(length=400), nullable=True),
        sa.Column("join_url", sa.Text(), nullable=True),
        sa.Column("create_uncertain", sa.Boolean(), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("next_attempt_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("lease_owner", sa.String(length=100), nullable=True),
        sa.Column("lease_until", sa.DateTime(timezone=True), nullable=True),
        sa.Column("last_error", sa.String(length=100), nullable=True),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index("ix_calendar_syncs_status_next_attempt_at", "calendar_syncs", ["status", "next_attempt_at"])


def downgrade() -> None:
    op.drop_index("ix_calendar_syncs_status_next_attempt_at", table_name="calendar_syncs")
    op.drop_table("calendar_syncs")
    op.drop_column("bodies", "organiser")
