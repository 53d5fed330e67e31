"""agendas end with Eventuelt unless the body says no

Revision ID: 0018
Revises: 0014
Create Date: 2026-12-06
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0018"
down_revision = "0014"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("bodies") as batch:
        batch.add_column(sa.Column("any_other_business", sa.Boolean(), server_default=sa.true(), nullable=False))


def downgrade() -> None:
    with op.batch_alter_table("bodies") as batch:
        batch.drop_column("any_other_business")
