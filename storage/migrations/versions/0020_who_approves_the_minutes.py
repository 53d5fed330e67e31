"""who approves a body's minutes, and the signatories chosen at a meeting

Revision ID: 0020
Revises: 0016
Create Date: 2026-12-06
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0020"
down_revision = "0016"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Existing bodies get the default: the voting members present approve their minutes.
    with op.batch_alter_table("bodies") as batch:
        batch.add_column(sa.Column("minutes_approval", sa.String(32), server_default="present", nullable=False))
    with op.batch_alter_table("minutes") as batch:
        batch.add_column(sa.Column("signatory_ids", sa.JSON(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("minutes") as batch:
        batch.drop_column("signatory_ids")
    with op.batch_alter_table("bodies") as batch:
        batch.drop_column("minutes_approval")
