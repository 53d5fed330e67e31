"""the action plan's adoption case, and its standing status item on level-2 agendas

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-29
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

# Upcoming meetings of level-2 committees (not their working committees) planned before this
# release get the standing "Status handlingsplan" item at the end of their agenda, as new ones do.
_ADD_PLAN_STATUS_ITEMS = """
INSERT INTO agenda_items (meeting_id, position, standard_item)
SELECT meetings.id,
       COALESCE((SELECT MAX(items.position) FROM agenda_items AS items WHERE items.meeting_id = meetings.id), 0) + 1,
       'plan_status'
FROM meetings
JOIN bodies ON bodies.id = meetings.body_id
WHERE bodies.level = 2
  AND bodies.kind <> 'arbeidsutvalg'
  AND meetings.status IN ('planlagt', 'innkalt')
  AND NOT EXISTS (
      SELECT 1 FROM agenda_items AS present
      WHERE present.meeting_id = meetings.id AND present.standard_item = 'plan_status'
  )
"""


def upgrade() -> None:
    with op.batch_alter_table("action_plans", schema=None) as batch_op:
        batch_op.add_column(sa.Column("adoption_case_id", sa.Integer(), nullable=True))
        batch_op.create_foreign_key(
            batch_op.f("fk_action_plans_adoption_case_id_cases"), "cases", ["adoption_case_id"], ["id"]
        )
    op.execute(_ADD_PLAN_STATUS_ITEMS)


def downgrade() -> None:
    op.execute("DELETE FROM agenda_items WHERE standard_item = 'plan_status'")
    with op.batch_alter_table("action_plans", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("fk_action_plans_adoption_case_id_cases"), type_="foreignkey")
        batch_op.drop_column("adoption_case_id")
