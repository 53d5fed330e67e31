"""how each case was dealt with at a meeting: proposals, the vote, statements for the minutes

Revision ID: 0021
Revises: 0020
Create Date: 2026-12-06
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0021"
down_revision = "0023"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "case_handlings",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("meeting_id", sa.Integer(), nullable=False),
        sa.Column("case_id", sa.Integer(), nullable=False),
        sa.Column(
            "outcome",
            sa.Enum("enstemmig", "votering", "orientering", "utsatt", name="votekind", native_enum=False, length=32),
            nullable=True,
        ),
        sa.Column("votes_for", sa.Integer(), nullable=True),
        sa.Column("votes_against", sa.Integer(), nullable=True),
        sa.Column("votes_blank", sa.Integer(), nullable=True),
        sa.Column("against", sa.JSON(), nullable=False),
        sa.Column("proposals", sa.JSON(), nullable=False),
        sa.Column("adopted", sa.Integer(), nullable=True),
        sa.Column("statements", sa.JSON(), nullable=False),
        sa.Column("recorded_by_id", sa.Integer(), nullable=False),
        sa.Column("recorded_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["meeting_id"], ["meetings.id"], name=op.f("fk_case_handlings_meeting_id_meetings")),
        sa.ForeignKeyConstraint(["case_id"], ["cases.id"], name=op.f("fk_case_handlings_case_id_cases")),
        sa.ForeignKeyConstraint(
            ["recorded_by_id"], ["persons.id"], name=op.f("fk_case_handlings_recorded_by_id_persons")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_case_handlings")),
        sa.UniqueConstraint("meeting_id", "case_id", name="uq_case_handlings_meeting_case"),
        sqlite_autoincrement=True,
    )
    with op.batch_alter_table("case_handlings", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_case_handlings_case_id"), ["case_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("case_handlings", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_case_handlings_case_id"))
    op.drop_table("case_handlings")
