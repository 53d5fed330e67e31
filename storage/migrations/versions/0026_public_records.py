"""the innsyn page: a community's public_records switch from the structure file

Revision ID: 0026
Revises: 0024
Create Date: 2026-12-06
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0026"
down_revision = "0024"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Off for every existing community: publishing its papers to anyone is the community's decision.
    with op.batch_alter_table("communities") as batch:
        batch.add_column(sa.Column("public_records", sa.Boolean(), nullable=False, server_default=sa.false()))


def downgrade() -> None:
    with op.batch_alter_table("communities") as batch:
        batch.drop_column("public_records")
