"""case papers: assessment and case officer

Revision ID: 0015
Revises: 0018
Create Date: 2026-12-06

A case paper (saksfremlegg) has background and proposal already; it gains the assessment
(vurdering) and the case officer (saksbehandler), who is a stored person or, for someone outside
the structure, a name.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0015"
down_revision = "0018"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("cases") as batch:
        batch.add_column(sa.Column("assessment", sa.Text(), nullable=True))
        batch.add_column(sa.Column("case_officer_id", sa.Integer(), nullable=True))
        batch.add_column(sa.Column("case_officer_name", sa.String(200), nullable=True))
        batch.create_foreign_key("fk_cases_case_officer_id_persons", "persons", ["case_officer_id"], ["id"])


def downgrade() -> None:
    with op.batch_alter_table("cases") as batch:
        batch.drop_constraint("fk_cases_case_officer_id_persons", type_="foreignkey")
        batch.drop_column("case_officer_name")
        batch.drop_column("case_officer_id")
        batch.drop_column("assessment")
