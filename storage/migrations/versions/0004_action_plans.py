"""action plans (handlingsplan): plans, focus areas, measures and their progress notes

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-22
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "action_plans",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("community_id", sa.Integer(), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("owner_body_id", sa.Integer(), nullable=False),
        sa.Column(
            "status", sa.Enum("utkast", "vedtatt", name="planstatus", native_enum=False, length=32), nullable=False
        ),
        sa.Column("adopted_by_decision_id", sa.Integer(), nullable=True),
        sa.Column("carried_from_id", sa.Integer(), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["adopted_by_decision_id"], ["decisions.id"], name=op.f("fk_action_plans_adopted_by_decision_id_decisions")
        ),
        sa.ForeignKeyConstraint(
            ["carried_from_id"], ["action_plans.id"], name=op.f("fk_action_plans_carried_from_id_action_plans")
        ),
        sa.ForeignKeyConstraint(
            ["community_id"], ["communities.id"], name=op.f("fk_action_plans_community_id_communities")
        ),
        sa.ForeignKeyConstraint(["owner_body_id"], ["bodies.id"], name=op.f("fk_action_plans_owner_body_id_bodies")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_action_plans")),
        sa.UniqueConstraint("community_id", "year", name="uq_action_plans_community_year"),
    )
    op.create_table(
        "focus_areas",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("plan_id", sa.Integer(), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("title", sa.String(length=300), nullable=False),
        sa.Column("groups", sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(["plan_id"], ["action_plans.id"], name=op.f("fk_focus_areas_plan_id_action_plans")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_focus_areas")),
        sa.UniqueConstraint("plan_id", "number", name="uq_focus_areas_plan_number"),
    )
    op.create_table(
        "measures",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("area_id", sa.Integer(), nullable=False),
        sa.Column("number", sa.String(length=20), nullable=False),
        sa.Column("title", sa.String(length=500), nullable=False),
        sa.Column("description", sa.Text(), nullable=True),
        sa.Column(
            "status",
            sa.Enum(
                "ikke startet",
                "pågående",
                "fullført",
                "utsatt",
                "avsluttet",
                name="measurestatus",
                native_enum=False,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column("owner_person_id", sa.Integer(), nullable=True),
        sa.Column("owner_body_id", sa.Integer(), nullable=True),
        sa.Column("owner_label", sa.String(length=200), nullable=True),
        sa.Column("due", sa.Date(), nullable=True),
        sa.Column("carried_from_id", sa.Integer(), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["area_id"], ["focus_areas.id"], name=op.f("fk_measures_area_id_focus_areas")),
        sa.ForeignKeyConstraint(
            ["carried_from_id"], ["measures.id"], name=op.f("fk_measures_carried_from_id_measures")
        ),
        sa.ForeignKeyConstraint(["owner_body_id"], ["bodies.id"], name=op.f("fk_measures_owner_body_id_bodies")),
        sa.ForeignKeyConstraint(["owner_person_id"], ["persons.id"], name=op.f("fk_measures_owner_person_id_persons")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_measures")),
        sa.UniqueConstraint("area_id", "number", name="uq_measures_area_number"),
    )
    with op.batch_alter_table("measures", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_measures_owner_person_id"), ["owner_person_id"], unique=False)

    op.create_table(
        "progress_notes",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("measure_id", sa.Integer(), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=True),
        sa.Column(
            "status_before",
            sa.Enum(
                "ikke startet",
                "pågående",
                "fullført",
                "utsatt",
                "avsluttet",
                name="measurestatus",
                native_enum=False,
                length=32,
            ),
            nullable=True,
        ),
        sa.Column(
            "status_after",
            sa.Enum(
                "ikke startet",
                "pågående",
                "fullført",
                "utsatt",
                "avsluttet",
                name="measurestatus",
                native_enum=False,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column("text", sa.Text(), nullable=True),
        sa.Column("case_id", sa.Integer(), nullable=True),
        sa.Column("decision_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(["case_id"], ["cases.id"], name=op.f("fk_progress_notes_case_id_cases")),
        sa.ForeignKeyConstraint(
            ["decision_id"], ["decisions.id"], name=op.f("fk_progress_notes_decision_id_decisions")
        ),
        sa.ForeignKeyConstraint(["measure_id"], ["measures.id"], name=op.f("fk_progress_notes_measure_id_measures")),
        sa.ForeignKeyConstraint(["person_id"], ["persons.id"], name=op.f("fk_progress_notes_person_id_persons")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_progress_notes")),
    )
    with op.batch_alter_table("progress_notes", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_progress_notes_measure_id"), ["measure_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("progress_notes", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_progress_notes_measure_id"))

    op.drop_table("progress_notes")
    with op.batch_alter_table("measures", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_measures_owner_person_id"))

    op.drop_table("measures")
    op.drop_table("focus_areas")
    op.drop_table("action_plans")
