"""a free note per person on a meeting's attendance, for the minutes' attendance table

Revision ID: 0023
Revises: 0020
Create Date: 2026-12-06
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0023"
down_revision = "0022"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Nullable: the attendance recorded so far has no note, and most people never get one.
    with op.batch_alter_table("attendances") as batch:
        batch.add_column(sa.Column("note", sa.Text(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("attendances") as batch:
        batch.drop_column("note")
