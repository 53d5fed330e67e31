"""archive exports: which record went out in which arkivuttrekk, under which systemID and checksum

Revision ID: 0027
Revises: 0024
Create Date: 2026-12-06
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0027"
down_revision = "0026"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # One row per record and export; retention (a later part) reads the last export of a record.
    op.create_table(
        "archive_exports",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("record_kind", sa.String(length=20), nullable=False),
        sa.Column("record_id", sa.Integer(), nullable=False),
        sa.Column("system_id", sa.String(length=36), nullable=False),
        sa.Column("exported_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=True),
        sa.PrimaryKeyConstraint("id"),
        sqlite_autoincrement=True,
    )
    op.create_index("ix_archive_exports_record", "archive_exports", ["record_kind", "record_id"])


def downgrade() -> None:
    op.drop_index("ix_archive_exports_record", table_name="archive_exports")
    op.drop_table("archive_exports")
