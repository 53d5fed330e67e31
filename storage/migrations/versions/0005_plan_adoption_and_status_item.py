"""the action plan's adoption case, and its standing status item on level-2 agendas

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-29
"""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

# Upcoming meetings of level-2 committees (not their working committees) planned before this
# release: they get the standing "Status handlingsplan <år>" item last, as new ones do.
_UPCOMING_LEVEL_2_MEETINGS = sa.text(
    """
    SELECT meetings.id, meetings.starts_at,
           COALESCE((SELECT MAX(items.position) FROM agenda_items AS items WHERE items.meeting_id = meetings.id), 0)
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
)
_ADD_ITEM = sa.text(
    "INSERT INTO agenda_items (meeting_id, position, standard_item, plan_year) "
    "VALUES (:meeting_id, :position, 'plan_status', :plan_year)"
)


def _oslo_year(starts_at: datetime | str) -> int:
    """The meeting's year in Oslo (SQLite hands the stored UTC time back as text)."""
    if isinstance(starts_at, str):
        starts_at = datetime.fromisoformat(starts_at)
    if starts_at.tzinfo is None:
        starts_at = starts_at.replace(tzinfo=UTC)
    return starts_at.astimezone(ZoneInfo("Europe/Oslo")).year


def upgrade() -> None:
    with op.batch_alter_table("action_plans", schema=None) as batch_op:
        batch_op.add_column(sa.Column("adoption_case_id", sa.Integer(), nullable=True))
        batch_op.create_foreign_key(
            batch_op.f("fk_action_plans_adoption_case_id_cases"), "cases", ["adoption_case_id"], ["id"]
        )
    with op.batch_alter_table("agenda_items", schema=None) as batch_op:
        batch_op.add_column(sa.Column("plan_year", sa.Integer(), nullable=True))
    connection = op.get_bind()
    for meeting_id, starts_at, last_position in connection.execute(_UPCOMING_LEVEL_2_MEETINGS).all():
        connection.execute(
            _ADD_ITEM, {"meeting_id": meeting_id, "position": last_position + 1, "plan_year": _oslo_year(starts_at)}
        )


def downgrade() -> None:
    op.execute("DELETE FROM agenda_items WHERE standard_item = 'plan_status'")
    with op.batch_alter_table("agenda_items", schema=None) as batch_op:
        batch_op.drop_column("plan_year")
    with op.batch_alter_table("action_plans", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("fk_action_plans_adoption_case_id_cases"), type_="foreignkey")
        batch_op.drop_column("adoption_case_id")
