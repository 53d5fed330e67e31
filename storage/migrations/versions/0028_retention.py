"""retention: each community's periods from its structure file

Revision ID: 0028
Revises: 0027
Create Date: 2026-12-06
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0028"
down_revision = "0027"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # NULL keeps the defaults (governance/rules/retention.py) until the structure file is imported again.
    with op.batch_alter_table("communities") as table:
        table.add_column(sa.Column("retention", sa.JSON(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("communities") as table:
        table.drop_column("retention")
