"""consistent reminder policies: the agenda goes out after the case deadline

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-05

`påminnelser saksliste 20 frist 5` used to be stored. A policy is now refused unless
agenda_days < case_deadline_days, and a stored row that breaks the rule could not be loaded, so
such rows are repaired: the members' case deadline stays, and the agenda goes out the day after it.
"""

from __future__ import annotations

from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.execute(
        "UPDATE bodies SET reminder_agenda_days = reminder_case_deadline_days - 1 "
        "WHERE reminder_agenda_days >= reminder_case_deadline_days AND reminder_case_deadline_days > 1"
    )
    # A one-day deadline leaves no day for the agenda after it: the deadline moves a day earlier.
    op.execute(
        "UPDATE bodies SET reminder_case_deadline_days = 2, reminder_agenda_days = 1 "
        "WHERE reminder_agenda_days >= reminder_case_deadline_days"
    )


def downgrade() -> None:
    pass  # the repaired values are valid under the old rules too
