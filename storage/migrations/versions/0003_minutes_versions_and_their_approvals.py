"""minutes versions and their approvals

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-22
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "minutes",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("meeting_id", sa.Integer(), nullable=False),
        sa.Column("body_id", sa.Integer(), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("content", sa.JSON(), nullable=False),
        sa.Column(
            "status",
            sa.Enum(
                "til godkjenning",
                "godkjennes i neste møte",
                "utkast",
                "godkjent",
                name="minutesstatus",
                native_enum=False,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column(
            "policy",
            sa.Enum(
                "leader",
                "leader_and_one_member",
                "all_members",
                "majority",
                name="approvalpolicy",
                native_enum=False,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column("round", sa.Integer(), nullable=False),
        sa.Column("correction", sa.Text(), nullable=True),
        sa.Column("approve_at_meeting_id", sa.Integer(), nullable=True),
        sa.Column("recorded_by_id", sa.Integer(), nullable=False),
        sa.Column("recorded_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("rejected_by_id", sa.Integer(), nullable=True),
        sa.Column("rejection_comment", sa.Text(), nullable=True),
        sa.Column("approved_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("card_conversation_id", sa.String(length=400), nullable=True),
        sa.Column("card_activity_id", sa.String(length=200), nullable=True),
        sa.Column("revision", sa.Integer(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["approve_at_meeting_id"], ["meetings.id"], name=op.f("fk_minutes_approve_at_meeting_id_meetings")
        ),
        sa.ForeignKeyConstraint(["body_id"], ["bodies.id"], name=op.f("fk_minutes_body_id_bodies")),
        sa.ForeignKeyConstraint(["meeting_id"], ["meetings.id"], name=op.f("fk_minutes_meeting_id_meetings")),
        sa.ForeignKeyConstraint(["recorded_by_id"], ["persons.id"], name=op.f("fk_minutes_recorded_by_id_persons")),
        sa.ForeignKeyConstraint(["rejected_by_id"], ["persons.id"], name=op.f("fk_minutes_rejected_by_id_persons")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_minutes")),
        sa.UniqueConstraint("meeting_id", "number", name="uq_minutes_meeting_number"),
    )
    with op.batch_alter_table("minutes", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_minutes_approve_at_meeting_id"), ["approve_at_meeting_id"], unique=False)

    op.create_table(
        "minutes_approvals",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("minutes_id", sa.Integer(), nullable=False),
        sa.Column("round", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column(
            "verdict", sa.Enum("godkjent", "avvist", name="verdict", native_enum=False, length=32), nullable=False
        ),
        sa.Column("comment", sa.Text(), nullable=True),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["minutes_id"], ["minutes.id"], name=op.f("fk_minutes_approvals_minutes_id_minutes")),
        sa.ForeignKeyConstraint(["person_id"], ["persons.id"], name=op.f("fk_minutes_approvals_person_id_persons")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_minutes_approvals")),
        sa.UniqueConstraint("minutes_id", "round", "person_id", name="uq_minutes_approvals_minutes_round_person"),
    )
    with op.batch_alter_table("minutes_approvals", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_minutes_approvals_minutes_id"), ["minutes_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("minutes_approvals", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_minutes_approvals_minutes_id"))

    op.drop_table("minutes_approvals")
    with op.batch_alter_table("minutes", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_minutes_approve_at_meeting_id"))

    op.drop_table("minutes")
