"""a body's quorum rule (vedtaksførhet)

Revision ID: 0022
Revises: 0020
Create Date: 2026-12-06
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0022"
down_revision = "0020"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Existing bodies get the default: more than half of the voting seats present.
    with op.batch_alter_table("bodies") as batch:
        batch.add_column(sa.Column("quorum", sa.String(16), server_default="majority", nullable=False))


def downgrade() -> None:
    with op.batch_alter_table("bodies") as batch:
        batch.drop_column("quorum")
