"""decisions and their approvals, approval policy per body, Teams user ids, case referrals, disqualifications, attendance, delegations

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-22 09:42:59.877951
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "decisions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("body_id", sa.Integer(), nullable=False),
        sa.Column("case_id", sa.Integer(), nullable=False),
        sa.Column("meeting_id", sa.Integer(), nullable=True),
        sa.Column("text", sa.Text(), nullable=False),
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
        sa.Column(
            "status",
            sa.Enum("til godkjenning", "utkast", "vedtatt", name="decisionstatus", native_enum=False, length=32),
            nullable=False,
        ),
        sa.Column("round", sa.Integer(), nullable=False),
        sa.Column("recorded_by_id", sa.Integer(), nullable=False),
        sa.Column("recorded_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("rejected_by_id", sa.Integer(), nullable=True),
        sa.Column("rejection_comment", sa.Text(), nullable=True),
        sa.Column("final_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("card_conversation_id", sa.String(length=400), nullable=True),
        sa.Column("card_activity_id", sa.String(length=200), nullable=True),
        sa.Column("under_delegation_id", sa.Integer(), nullable=True),
        sa.Column("revision", sa.Integer(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["body_id"], ["bodies.id"], name=op.f("fk_decisions_body_id_bodies")),
        sa.ForeignKeyConstraint(["case_id"], ["cases.id"], name=op.f("fk_decisions_case_id_cases")),
        sa.ForeignKeyConstraint(["meeting_id"], ["meetings.id"], name=op.f("fk_decisions_meeting_id_meetings")),
        sa.ForeignKeyConstraint(["recorded_by_id"], ["persons.id"], name=op.f("fk_decisions_recorded_by_id_persons")),
        sa.ForeignKeyConstraint(["rejected_by_id"], ["persons.id"], name=op.f("fk_decisions_rejected_by_id_persons")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_decisions")),
        sa.UniqueConstraint("case_id", name=op.f("uq_decisions_case_id")),
    )
    with op.batch_alter_table("decisions", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_decisions_body_id"), ["body_id"], unique=False)

    op.create_table(
        "decision_approvals",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("decision_id", sa.Integer(), nullable=False),
        sa.Column("round", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column(
            "verdict", sa.Enum("godkjent", "avvist", name="verdict", native_enum=False, length=32), nullable=False
        ),
        sa.Column("comment", sa.Text(), nullable=True),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["decision_id"], ["decisions.id"], name=op.f("fk_decision_approvals_decision_id_decisions")
        ),
        sa.ForeignKeyConstraint(["person_id"], ["persons.id"], name=op.f("fk_decision_approvals_person_id_persons")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_decision_approvals")),
        sa.UniqueConstraint("decision_id", "round", "person_id", name="uq_decision_approvals_decision_round_person"),
    )
    with op.batch_alter_table("decision_approvals", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_decision_approvals_decision_id"), ["decision_id"], unique=False)

    op.create_table(
        "delegations",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("from_body_id", sa.Integer(), nullable=False),
        sa.Column("to_body_id", sa.Integer(), nullable=False),
        sa.Column("matter", sa.String(length=500), nullable=False),
        sa.Column("decision_id", sa.Integer(), nullable=False),
        sa.Column("granted_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["decision_id"], ["decisions.id"], name=op.f("fk_delegations_decision_id_decisions")),
        sa.ForeignKeyConstraint(["from_body_id"], ["bodies.id"], name=op.f("fk_delegations_from_body_id_bodies")),
        sa.ForeignKeyConstraint(["to_body_id"], ["bodies.id"], name=op.f("fk_delegations_to_body_id_bodies")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_delegations")),
    )
    with op.batch_alter_table("delegations", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_delegations_to_body_id"), ["to_body_id"], unique=False)

    op.create_table(
        "attendances",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("meeting_id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column(
            "status",
            sa.Enum("forfall", "til stede", "fraværende", name="attendancestatus", native_enum=False, length=32),
            nullable=False,
        ),
        sa.Column("substitute_for_id", sa.Integer(), nullable=True),
        sa.Column("noted_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["meeting_id"], ["meetings.id"], name=op.f("fk_attendances_meeting_id_meetings")),
        sa.ForeignKeyConstraint(["person_id"], ["persons.id"], name=op.f("fk_attendances_person_id_persons")),
        sa.ForeignKeyConstraint(
            ["substitute_for_id"], ["persons.id"], name=op.f("fk_attendances_substitute_for_id_persons")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_attendances")),
        sa.UniqueConstraint("meeting_id", "person_id", name="uq_attendances_meeting_person"),
    )
    with op.batch_alter_table("attendances", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_attendances_meeting_id"), ["meeting_id"], unique=False)

    op.create_table(
        "disqualifications",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("case_id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("reason", sa.Text(), nullable=True),
        sa.Column("declared_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["case_id"], ["cases.id"], name=op.f("fk_disqualifications_case_id_cases")),
        sa.ForeignKeyConstraint(["person_id"], ["persons.id"], name=op.f("fk_disqualifications_person_id_persons")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_disqualifications")),
        sa.UniqueConstraint("case_id", "person_id", name="uq_disqualifications_case_person"),
    )
    with op.batch_alter_table("disqualifications", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_disqualifications_case_id"), ["case_id"], unique=False)

    with op.batch_alter_table("bodies", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column(
                "approval",
                sa.Enum(
                    "leader",
                    "leader_and_one_member",
                    "all_members",
                    "majority",
                    name="approvalpolicy",
                    native_enum=False,
                    length=32,
                ),
                server_default="leader",
                nullable=False,
            )
        )

    with op.batch_alter_table("persons", schema=None) as batch_op:
        batch_op.add_column(sa.Column("teams_user_id", sa.String(length=200), nullable=True))

    with op.batch_alter_table("cases", schema=None) as batch_op:
        batch_op.add_column(sa.Column("referred_from_id", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("referred_to_id", sa.Integer(), nullable=True))
        batch_op.create_foreign_key(
            batch_op.f("fk_cases_referred_from_id_cases"), "cases", ["referred_from_id"], ["id"]
        )
        batch_op.create_foreign_key(batch_op.f("fk_cases_referred_to_id_cases"), "cases", ["referred_to_id"], ["id"])


def downgrade() -> None:
    with op.batch_alter_table("delegations", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_delegations_to_body_id"))
    op.drop_table("delegations")
    with op.batch_alter_table("attendances", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_attendances_meeting_id"))
    op.drop_table("attendances")
    with op.batch_alter_table("disqualifications", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_disqualifications_case_id"))
    op.drop_table("disqualifications")
    with op.batch_alter_table("cases", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("fk_cases_referred_to_id_cases"), type_="foreignkey")
        batch_op.drop_constraint(batch_op.f("fk_cases_referred_from_id_cases"), type_="foreignkey")
        batch_op.drop_column("referred_to_id")
        batch_op.drop_column("referred_from_id")

    with op.batch_alter_table("persons", schema=None) as batch_op:
        batch_op.drop_column("teams_user_id")

    with op.batch_alter_table("bodies", schema=None) as batch_op:
        batch_op.drop_column("approval")

    with op.batch_alter_table("decision_approvals", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_decision_approvals_decision_id"))

    op.drop_table("decision_approvals")
    with op.batch_alter_table("decisions", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_decisions_body_id"))

    op.drop_table("decisions")
