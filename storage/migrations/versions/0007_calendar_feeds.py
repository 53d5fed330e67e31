"""calendar feeds: a secret per body for its iCalendar feed, and each meeting's SEQUENCE

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-29
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Plain ADD COLUMN: a batch copy of `bodies` or `meetings` would trip the foreign keys to them.
    op.add_column("bodies", sa.Column("calendar_token", sa.String(length=64), nullable=True))
    op.create_index("uq_bodies_calendar_token", "bodies", ["calendar_token"], unique=True)
    op.add_column("meetings", sa.Column("calendar_sequence", sa.Integer(), server_default="0", nullable=False))


def downgrade() -> None:
    op.drop_column("meetings", "calendar_sequence")
    op.drop_index("uq_bodies_calendar_token", table_name="bodies")
    op.drop_column("bodies", "calendar_token")
