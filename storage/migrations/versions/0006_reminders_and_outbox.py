"""reminders: each body's reminder policy, the reminder occurrences, and the outbox of messages

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-29
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def _enum(*values: str, name: str) -> sa.Enum:
    return sa.Enum(*values, name=name, native_enum=False, length=32)


def upgrade() -> None:
    # Plain ADD COLUMN (SQLite has it): a batch copy of `bodies` would trip the foreign keys to it.
    op.add_column("bodies", sa.Column("reminder_case_deadline_days", sa.Integer(), server_default="14", nullable=False))
    op.add_column("bodies", sa.Column("reminder_agenda_days", sa.Integer(), server_default="7", nullable=False))
    op.add_column(
        "bodies",
        sa.Column(
            "reminder_agenda_mode",
            _enum("publish", "remind", name="agendamode"),
            server_default="publish",
            nullable=False,
        ),
    )
    op.add_column("bodies", sa.Column("reminder_meeting_eve", sa.Boolean(), server_default=sa.true(), nullable=False))
    op.create_table(
        "reminders",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(length=200), nullable=False),
        sa.Column(
            "kind",
            _enum(
                "case_deadline",
                "agenda",
                "meeting_eve",
                "approval",
                "measure_due",
                "overdue_digest",
                name="reminderkind",
            ),
            nullable=False,
        ),
        sa.Column("due_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column(
            "status", _enum("planned", "expanded", "skipped", "cancelled", name="reminderstatus"), nullable=False
        ),
        sa.Column("body_id", sa.Integer(), nullable=False),
        sa.Column("meeting_id", sa.Integer(), nullable=True),
        sa.Column("subject", sa.String(length=100), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("settled_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(["body_id"], ["bodies.id"], name=op.f("fk_reminders_body_id_bodies")),
        sa.ForeignKeyConstraint(["meeting_id"], ["meetings.id"], name=op.f("fk_reminders_meeting_id_meetings")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_reminders")),
        sa.UniqueConstraint("key", name=op.f("uq_reminders_key")),
    )
    with op.batch_alter_table("reminders", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_reminders_meeting_id"), ["meeting_id"], unique=False)
        batch_op.create_index("ix_reminders_status_due_at", ["status", "due_at"], unique=False)
    op.create_table(
        "deliveries",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(length=300), nullable=False),
        sa.Column("reminder_id", sa.Integer(), nullable=True),
        sa.Column("body_id", sa.Integer(), nullable=False),
        sa.Column("conversation_id", sa.String(length=400), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("card", sa.JSON(), nullable=True),
        sa.Column("mentions", sa.JSON(), nullable=True),
        sa.Column(
            "status",
            _enum("pending", "claimed", "sending", "sent", "uncertain", "failed", "cancelled", name="deliverystatus"),
            nullable=False,
        ),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("next_attempt_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("lease_owner", sa.String(length=100), nullable=True),
        sa.Column("lease_until", sa.DateTime(timezone=True), nullable=True),
        sa.Column("sent_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("activity_id", sa.String(length=200), nullable=True),
        sa.Column("last_error", sa.String(length=100), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["body_id"], ["bodies.id"], name=op.f("fk_deliveries_body_id_bodies")),
        sa.ForeignKeyConstraint(["reminder_id"], ["reminders.id"], name=op.f("fk_deliveries_reminder_id_reminders")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_deliveries")),
        sa.UniqueConstraint("key", name=op.f("uq_deliveries_key")),
    )
    with op.batch_alter_table("deliveries", schema=None) as batch_op:
        batch_op.create_index("ix_deliveries_status_next_attempt_at", ["status", "next_attempt_at"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("deliveries", schema=None) as batch_op:
        batch_op.drop_index("ix_deliveries_status_next_attempt_at")
    op.drop_table("deliveries")
    with op.batch_alter_table("reminders", schema=None) as batch_op:
        batch_op.drop_index("ix_reminders_status_due_at")
        batch_op.drop_index(batch_op.f("ix_reminders_meeting_id"))
    op.drop_table("reminders")
    with op.batch_alter_table("bodies", schema=None) as batch_op:
        batch_op.drop_column("reminder_meeting_eve")
        batch_op.drop_column("reminder_agenda_mode")
        batch_op.drop_column("reminder_agenda_days")
        batch_op.drop_column("reminder_case_deadline_days")
