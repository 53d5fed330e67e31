"""ids never handed out twice on SQLite

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-06

Without AUTOINCREMENT SQLite hands out the highest id plus one, so the id of a row that was deleted
(or of the newest row, once removed) comes back for the next record. Cards and links carry ids; an
old card must never point at a new record. Every table that hands out ids is copied into one
declared with AUTOINCREMENT, which remembers the highest id ever given. PostgreSQL's sequences
never go back, so nothing changes there.
"""

from __future__ import annotations

from alembic import op

revision = "0014"
down_revision = "0013"
branch_labels = None
depends_on = None

# The tables with an integer id of their own at this revision (the others are keyed by what they hold).
TABLES_WITH_IDS = (
    "communities",
    "persons",
    "bodies",
    "memberships",
    "secretariat_members",
    "meetings",
    "cases",
    "agenda_items",
    "decisions",
    "delegations",
    "decision_approvals",
    "minutes",
    "minutes_approvals",
    "action_plans",
    "focus_areas",
    "measures",
    "progress_notes",
    "attendances",
    "disqualifications",
    "audit_events",
    "reminders",
    "deliveries",
    "calendar_syncs",
)


def upgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name != "sqlite":
        return
    if bind.exec_driver_sql("PRAGMA foreign_keys").scalar():
        # Copying a table that others refer to would fail half-way (storage/migrations/env.py).
        raise RuntimeError("SQLite tables can only be copied with foreign keys off: run through storage.migrate")
    for table in TABLES_WITH_IDS:
        with op.batch_alter_table(table, recreate="always", table_kwargs={"sqlite_autoincrement": True}):
            pass
    broken = bind.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
    if broken:  # rolls the whole migration back
        raise RuntimeError(f"references broken by copying tables: {broken[:5]}")


def downgrade() -> None:
    # Tables declared with AUTOINCREMENT behave as before for every earlier release.
    pass
